#pragma once
// The statistics counters a dossier stands for (pure): its reception day counts it as received (and as
// returned for supplement once it ever was); its closing day counts it as refused, on time or late (and as a
// closed dossier that had been returned for supplement). A transition changes the counters by the difference
// between the dossier after and before it — a transfer moves them to the new unit.
#include <cstdint>
#include <map>

#include "core/time.h"
#include "eservices/store.h"

namespace hq::eservices {

inline constexpr std::int64_t kStatBlockDays = 16;  // eservices_stat_blocks: day / 16

// Days since 1970-01-01 of the Vietnam-local date of `t` (UTC+7 all year).
inline std::int64_t local_day(core::UnixSeconds t) {
  const std::int64_t local = t + 7 * 3600;
  return local >= 0 ? local / 86400 : (local - 86399) / 86400;
}

// Adds `sign` × the dossier's counters to `out`.
void add_contribution(std::map<store::StatKey, store::StatDelta>& out, const store::Dossier& d, int sign);
// The counters' change from `before` (nullptr: a new dossier) to `after`; keys whose change is nil are left out.
std::map<store::StatKey, store::StatDelta> stat_changes(const store::Dossier* before, const store::Dossier& after);

}  // namespace hq::eservices
