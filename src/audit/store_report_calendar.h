#pragma once
// The reporting calendar of forms 19/20 (migration 0210): periods, and who chased whom. Reconciliations are
// audit_reconciliations (store.h: insert_reconciliation), keyed by the period's form and dates.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

namespace hq::audit::store {

struct ReportPeriod {
  std::int64_t id = 0, created_at = 0;
  std::string form, period_from, period_to, due_on, created_by;
};
// The new id, or 0 when the form already has a period with these dates.
std::int64_t insert_report_period(soci::session& sql, const ReportPeriod& p);
std::optional<ReportPeriod> find_report_period(soci::session& sql, std::int64_t id);
// Periods due in [due_from, due_to], by due day then form.
std::vector<ReportPeriod> report_periods(soci::session& sql, const std::string& due_from, const std::string& due_to);

// One unit's reconciliation of a period and the chases it received.
struct PeriodUnitStatus {
  std::int64_t unit_id = 0, signed_at = 0, chases = 0, last_chased_at = 0;
  std::string signed_by, note, last_chased_by;
};
// By unit id, for the units under `path` that reconciled or were chased.
std::vector<PeriodUnitStatus> period_unit_statuses(soci::session& sql, const ReportPeriod& p, const std::string& path);
void insert_chase(soci::session& sql, std::int64_t period_id, std::int64_t unit_id, const std::string& by,
                  std::int64_t now);

}  // namespace hq::audit::store
