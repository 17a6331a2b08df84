#include "audit/risk/proposal_link.h"

#include "audit/risk/store.h"
#include "db/row.h"

namespace hq::audit::risk {

bool may_use_run(const core::Principal& caller, const std::string& run_unit_path, bool nationwide) {
  if (nationwide) return true;
  if (run_unit_path.empty()) return false;
  return caller.sees_unit(run_unit_path) || caller.unit_path.rfind(run_unit_path, 0) == 0;
}

const AuditPeriod* overlapping_audit(const AuditPeriod& candidate, const std::vector<AuditPeriod>& others) {
  for (const auto& o : others) {
    if (o.id == candidate.id || !o.approved || o.year >= candidate.year) continue;
    // Dates as YYYY-MM-DD compare as text; both ends inclusive.
    if (o.period_from <= candidate.period_to && candidate.period_from <= o.period_to) return &o;
  }
  return nullptr;
}

namespace store {

std::optional<CandidateLink> candidate_link(soci::session& sql, std::int64_t run_id, const std::string& tax_code) {
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT c.class, c.score, r.unit_path FROM audit_risk_candidates c "
                      "JOIN audit_risk_runs r ON r.id = c.run_id WHERE c.run_id = :r AND c.tax_code = :t",
       soci::use(run_id), soci::use(tax_code));
  for (const auto& r : rows)
    return CandidateLink{run_id, tax_code, db::text_at(r, std::size_t{0}), db::text_at(r, 2), db::real_at(r, 1)};
  return std::nullopt;
}

void link_proposal(soci::session& sql, std::int64_t proposal_id, const CandidateLink& link, std::int64_t now) {
  insert_risk_proposal(sql, proposal_id, link.run_id, link.tax_code, link.score, now);
}

}  // namespace store
}  // namespace hq::audit::risk
