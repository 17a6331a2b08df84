#pragma once
// Pure rules of escalations and the reporting calendar (issue 13 §3): no SQL, no HTTP.
//
// Escalation: while an earlier proposal of another unit is pending, a later one cannot be approved (first come,
// first served, rules.h: approval_block). After N working days (a setting) the block goes to the leader of the
// unit above both units, who lets the later proposal proceed or keeps the block.
//
// Reporting calendar (seed 000 §2.5): forms 19/20 are due on set days; two working days before, the unit's
// responsible officer reconciles its figures; the level above chases the units that have not.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "audit/rules.h"
#include "core/calendar.h"
#include "core/time.h"

namespace hq::audit {

// ---- escalation ----
inline constexpr const char* kEscalationSetting = "audit.escalation_working_days";
constexpr int kDefaultEscalationWorkingDays = 5;
constexpr int kMaxEscalationWorkingDays = 60;

// The unit above both units, as a path ("/1/4/9/"): their nearest common ancestor, or its parent when that
// ancestor is one of the two units (its leader already acts on both and is the one not acting); the root
// stays the root. "" when the paths share nothing.
std::string escalation_path(const std::string& a, const std::string& b);
// The unit id a path ends with ("/1/4/9/" → 9; 0 when malformed).
std::int64_t unit_id_of_path(const std::string& path);
// The day a block opened on `blocked_on` escalates: N working days later on the platform calendar.
core::Date escalation_day(const core::WorkingCalendar& calendar, const core::Date& blocked_on, int working_days);

enum class EscalationState { Waiting, Escalated, Proceed, Keep, Moot };
std::string escalation_state_code(EscalationState state);  // WAITING | ESCALATED | PROCEED | KEEP | MOOT
std::string escalation_state_name(EscalationState state);  // Vietnamese ("Đang chờ"), for the .xlsx list
std::optional<EscalationState> parse_escalation_state(const std::string& text);
struct EscalationFacts {
  std::string status;           // stored: WAITING | PROCEED | KEEP
  std::string blocked_status;   // the later proposal's status
  std::string blocking_status;  // the earlier proposal's status
  core::Date escalates_on;
};
// WAITING turns ESCALATED on its day; it is MOOT once either proposal left SUBMITTED (the block is gone, or
// the later proposal no longer waits).
EscalationState escalation_state(const EscalationFacts& facts, const core::Date& today);
// The decision of the leader above: PROCEED | KEEP.
std::optional<EscalationState> parse_escalation_decision(const std::string& text);

// Rule 4 after an escalation: the earlier proposals a leader above let this one proceed past do not block it.
std::vector<ProposalFacts> without_waived(const std::vector<ProposalFacts>& others,
                                          const std::vector<std::int64_t>& waived_ids);

// ---- reporting calendar ----
constexpr int kReconcileWorkingDaysBefore = 2;
// The first day a unit reconciles a period due on `due_on` (two working days before it).
core::Date reminder_day(const core::WorkingCalendar& calendar, const core::Date& due_on);
enum class PeriodPhase { Upcoming, Reconcile, PastDue };
std::string period_phase_code(PeriodPhase phase);  // UPCOMING | RECONCILE | PAST_DUE
std::string period_phase_name(PeriodPhase phase);  // Vietnamese ("Đang đối chiếu"), for the .xlsx list
PeriodPhase period_phase(const core::Date& reminder_on, const core::Date& due_on, const core::Date& today);
// The units that report and reconcile forms 19/20: Cục and Chi cục (a Phòng/Đội reports through its unit).
bool is_reporting_level(const std::string& level);
// A period's dates: from ≤ to ≤ due_on, due within a year after the period. Empty problem when fine.
Problem report_period_problem(const core::Date& from, const core::Date& to, const core::Date& due_on);

}  // namespace hq::audit
