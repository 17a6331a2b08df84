#include "audit/escalation_rules.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "audit/forms.h"

namespace hq::audit {
namespace {

using core::Date;

TEST(AuditEscalation, GoesToTheUnitAboveBothUnits) {
  // Two Chi cục of one Cục: the Cục.
  EXPECT_EQ(escalation_path("/1/3/4/", "/1/3/5/"), "/1/3/");
  // Chi cục of different Cục: the General Department.
  EXPECT_EQ(escalation_path("/1/3/4/", "/1/6/7/"), "/1/");
  // A Đội inside a Chi cục and another Chi cục of the same Cục: the Cục.
  EXPECT_EQ(escalation_path("/1/3/4/8/", "/1/3/5/"), "/1/3/");
  // One unit above the other: the leader of the upper unit is the one not acting, so one level higher.
  EXPECT_EQ(escalation_path("/1/3/", "/1/3/4/"), "/1/");
  // The root stays the root.
  EXPECT_EQ(escalation_path("/1/", "/1/3/"), "/1/");
  EXPECT_EQ(escalation_path("/1/", "/2/"), "");
  EXPECT_EQ(unit_id_of_path("/1/3/"), 3);
  EXPECT_EQ(unit_id_of_path("/"), 0);
  EXPECT_EQ(unit_id_of_path("/1/x/"), 0);
}

TEST(AuditEscalation, StateFollowsTheDayAndBothProposals) {
  const Date on{2026, 6, 10};
  EXPECT_EQ(escalation_state({"WAITING", "SUBMITTED", "SUBMITTED", on}, {2026, 6, 9}), EscalationState::Waiting);
  EXPECT_EQ(escalation_state({"WAITING", "SUBMITTED", "SUBMITTED", on}, on), EscalationState::Escalated);
  EXPECT_EQ(escalation_state({"WAITING", "SUBMITTED", "APPROVED", on}, on), EscalationState::Moot);
  EXPECT_EQ(escalation_state({"WAITING", "CANCELLED", "SUBMITTED", on}, on), EscalationState::Moot);
  EXPECT_EQ(escalation_state({"PROCEED", "SUBMITTED", "SUBMITTED", on}, on), EscalationState::Proceed);
  EXPECT_EQ(escalation_state({"KEEP", "SUBMITTED", "SUBMITTED", on}, on), EscalationState::Keep);
  EXPECT_EQ(parse_escalation_decision("PROCEED"), EscalationState::Proceed);
  EXPECT_EQ(parse_escalation_decision("ESCALATED"), std::nullopt);
  EXPECT_EQ(parse_escalation_state("MOOT"), EscalationState::Moot);
}

TEST(AuditEscalation, StatesAndPhasesHaveOneCodeAndOneNameEach) {
  for (const auto s : {EscalationState::Waiting, EscalationState::Escalated, EscalationState::Proceed,
                       EscalationState::Keep, EscalationState::Moot}) {
    EXPECT_EQ(parse_escalation_state(escalation_state_code(s)), s);
    EXPECT_FALSE(escalation_state_name(s).empty());
  }
  EXPECT_EQ(escalation_state_code(EscalationState::Escalated), "ESCALATED");
  EXPECT_EQ(escalation_state_name(EscalationState::Proceed), "Cho phép xét duyệt");
  EXPECT_EQ(parse_escalation_state("waiting"), std::nullopt);
  EXPECT_EQ(period_phase_code(PeriodPhase::PastDue), "PAST_DUE");
  EXPECT_EQ(period_phase_name(PeriodPhase::Reconcile), "Đang đối chiếu");
  EXPECT_EQ(period_phase_name(PeriodPhase::Upcoming), "Chưa đến hạn đối chiếu");
}

TEST(AuditEscalation, CountsWorkingDaysOnTheCalendar) {
  const core::WorkingCalendar calendar;
  // Friday 2026-06-05 + 5 working days = Friday 2026-06-12.
  EXPECT_EQ(escalation_day(calendar, {2026, 6, 5}, 5), (Date{2026, 6, 12}));
  // A day off entered by an administrator moves it.
  const core::WorkingCalendar with_day_off({{{2026, 6, 8}, false, "Nghỉ"}});
  EXPECT_EQ(escalation_day(with_day_off, {2026, 6, 5}, 5), (Date{2026, 6, 15}));
}

TEST(AuditEscalation, AWaiverLiftsRuleFourOnlyForThatEarlierProposal) {
  const ProposalFacts self{10, "SUBMITTED", "", Place::Premises, 2026, 500};
  const std::vector<ProposalFacts> others = {{1, "SUBMITTED", "", Place::Premises, 2026, 100},
                                             {2, "SUBMITTED", "", Place::Premises, 2026, 200}};
  std::int64_t blocking = 0;
  EXPECT_EQ(approval_block(self, without_waived(others, {1}), false, blocking), ApprovalBlock::EarlierProposalPending);
  EXPECT_EQ(blocking, 2);
  EXPECT_EQ(approval_block(self, without_waived(others, {1, 2}), false, blocking), ApprovalBlock::None);
  // A waived proposal approved meanwhile still holds this year's approval (rule 5 is never waived).
  const std::vector<ProposalFacts> approved = {{1, "APPROVED", "", Place::Premises, 2026, 100}};
  EXPECT_EQ(approval_block(self, without_waived(approved, {1}), false, blocking), ApprovalBlock::AlreadyApprovedThisYear);
}

TEST(AuditReportCalendar, RemindsTwoWorkingDaysBeforeTheDueDay) {
  const core::WorkingCalendar calendar;
  // Due Monday 2026-06-15: reconcile from Thursday 2026-06-11.
  const Date due{2026, 6, 15};
  const Date reminder = reminder_day(calendar, due);
  EXPECT_EQ(reminder, (Date{2026, 6, 11}));
  EXPECT_EQ(period_phase(reminder, due, {2026, 6, 10}), PeriodPhase::Upcoming);
  EXPECT_EQ(period_phase(reminder, due, reminder), PeriodPhase::Reconcile);
  EXPECT_EQ(period_phase(reminder, due, due), PeriodPhase::Reconcile);
  EXPECT_EQ(period_phase(reminder, due, {2026, 6, 16}), PeriodPhase::PastDue);
  EXPECT_TRUE(is_reporting_level("CUC"));
  EXPECT_TRUE(is_reporting_level("CHI_CUC"));
  EXPECT_FALSE(is_reporting_level("DOI"));
  EXPECT_FALSE(is_reporting_level("TONG_CUC"));
}

TEST(AuditReportCalendar, PeriodDatesAreChecked) {
  EXPECT_FALSE(report_period_problem({2026, 1, 1}, {2026, 3, 31}, {2026, 4, 10}));
  EXPECT_EQ(report_period_problem({2026, 3, 1}, {2026, 1, 31}, {2026, 4, 10}).code, "INVALID_PERIOD");
  EXPECT_EQ(report_period_problem({2026, 1, 1}, {2026, 3, 31}, {2026, 3, 30}).code, "INVALID_DUE_DATE");
  EXPECT_EQ(report_period_problem({2026, 1, 1}, {2026, 3, 31}, {2027, 6, 1}).code, "INVALID_DUE_DATE");
}

TEST(AuditForms, Form19CountsPenaltyDecisions) {
  const auto& columns = form_columns(Form::F19);
  const auto it = std::find_if(columns.begin(), columns.end(), [](const FormColumn& c) { return c.key == "penalty_decisions"; });
  ASSERT_NE(it, columns.end());
  EXPECT_FALSE(it->money);
  const auto figures = aggregate(Form::F19, {{"/1/3/", "penalty_decisions", 2, 0}, {"/1/4/", "penalty_decisions", 1, 0}}, "/1/3/");
  EXPECT_EQ(figures.at("penalty_decisions"), 2);
  EXPECT_EQ(figures.at("total"), 0);  // a count, never money
}

}  // namespace
}  // namespace hq::audit
