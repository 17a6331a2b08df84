// What the audit proposals need from the risk part (spec risk-selection.md, "Runs and use"): the candidate a
// proposal is made from, who may use a run, and the rule that two units never audit one enterprise for
// overlapping periods. Pure rules and SQL only, so the proposals (haiquan_audit) can use them.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/principal.h"

namespace hq::audit::risk {

// A run is used (read, proposed from) by: the whole force for a national run only when `nationwide` (Cục
// KTSTQ, platform administrators); for a Cục's run, the users of that Cục and of its units, and those above it.
bool may_use_run(const core::Principal& caller, const std::string& run_unit_path, bool nationwide);

// An audit of the enterprise as the overlap rule sees it; periods are YYYY-MM-DD.
struct AuditPeriod {
  std::int64_t id = 0, year = 0;
  std::string number, unit_code, period_from, period_to;
  bool approved = false;  // holds an approval (also while paused)
};
// The first approved audit of an earlier year whose period overlaps the candidate's (nullptr: none). Audits
// approved in the candidate's own year are left to ALREADY_APPROVED_THIS_YEAR.
const AuditPeriod* overlapping_audit(const AuditPeriod& candidate, const std::vector<AuditPeriod>& others);

namespace store {

struct CandidateLink {
  std::int64_t run_id = 0;
  std::string tax_code, klass, run_unit_path;
  double score = 0;
};
std::optional<CandidateLink> candidate_link(soci::session& sql, std::int64_t run_id, const std::string& tax_code);
// Records that a proposal came from a run's candidate (the hit-rate feedback reads it).
void link_proposal(soci::session& sql, std::int64_t proposal_id, const CandidateLink& link, std::int64_t now);

}  // namespace store
}  // namespace hq::audit::risk
