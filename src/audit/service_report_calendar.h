#pragma once
// The reporting calendar of forms 19/20 (seed 000 §2.5; issue 13 §3): periods with their due days, the
// reconciliation two working days before, the status of every reporting unit (Cục, Chi cục) and the chase by
// the level above. Its own small service (one aggregate), as payments are.
//
// Rights: periods are set by whoever keeps the key list (leaders of the audit department, platform
// administrators); every audit user reads the calendar; the status per unit covers a unit the caller may read
// (its subtree; the audit department nationwide); an audit user of a unit's subtree reconciles it, from two
// working days before the due day on; a leader of a unit above it (or of the audit department, which consolidates
// the forms) chases a unit that has not reconciled.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "audit/escalation_rules.h"
#include "audit/forms.h"
#include "audit/store_report_calendar.h"
#include "core/principal.h"
#include "core/time.h"
#include "db/database.h"

namespace hq::audit {

struct ReportPeriodInput {
  std::string form;  // form19 | form20
  core::Date from, to, due_on;
};

struct PeriodView {
  store::ReportPeriod period;
  std::string reminder_on;
  PeriodPhase phase = PeriodPhase::Upcoming;
  std::string own_unit_code;  // the caller's reporting unit ("" when the caller's unit does not report)
  bool own_reconciled = false;
  bool remind = false;  // the caller's unit should reconcile now (from the reminder day on, not yet done)
};

struct PeriodUnitRow {
  std::string code, name, level, parent_code;
  bool reconciled = false, late = false;
  std::string signed_by, note;
  std::int64_t signed_at = 0, chases = 0, last_chased_at = 0;
  std::string last_chased_by;
};
struct PeriodStatus {
  PeriodView view;
  std::string unit_code;  // whose subtree
  std::vector<PeriodUnitRow> units;
  std::int64_t reconciled = 0, missing = 0;
};

class AuditReportCalendar {
 public:
  explicit AuditReportCalendar(db::Database& db) : db_(db) {}
  void set_clock(std::function<std::int64_t()> clock) { clock_ = std::move(clock); }

  PeriodView create(const core::Principal& caller, const ReportPeriodInput& input);
  // The periods due in `year`.
  std::vector<PeriodView> periods(const core::Principal& caller, std::int64_t year);
  PeriodStatus status(const core::Principal& caller, std::int64_t period_id, const std::string& unit_code);
  PeriodStatus reconcile(const core::Principal& caller, std::int64_t period_id, const std::string& unit_code,
                         const std::string& note);
  PeriodStatus chase(const core::Principal& caller, std::int64_t period_id, const std::string& unit_code);

 private:
  db::Database& db_;
  std::function<std::int64_t()> clock_ = [] { return core::now(); };
};

}  // namespace hq::audit
