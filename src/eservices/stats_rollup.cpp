#include "eservices/stats_rollup.h"

#include "eservices/rules.h"

namespace hq::eservices {

void add_contribution(std::map<store::StatKey, store::StatDelta>& out, const store::Dossier& d, int sign) {
  const bool supplemented = d.supplements > 0;
  auto& received = out[{local_day(d.received_at), d.unit_id, d.procedure_code}];
  received.received += sign;
  if (supplemented) received.supplemented += sign;
  if (!d.closed_at) return;
  auto& closed = out[{local_day(*d.closed_at), d.unit_id, d.procedure_code}];
  if (d.status == kRefused) closed.refused += sign;
  else if (*d.closed_at <= d.due_at) closed.on_time += sign;
  else closed.late += sign;
  if (supplemented) closed.closed_supplemented += sign;
}

std::map<store::StatKey, store::StatDelta> stat_changes(const store::Dossier* before, const store::Dossier& after) {
  std::map<store::StatKey, store::StatDelta> out;
  if (before) add_contribution(out, *before, -1);
  add_contribution(out, after, +1);
  std::erase_if(out, [](const auto& entry) { return entry.second.zero(); });
  return out;
}

}  // namespace hq::eservices
