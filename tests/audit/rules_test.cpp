#include "audit/rules.h"

#include <gtest/gtest.h>

#include "audit/forms.h"
#include "core/error.h"
#include "tests/support/errors.h"
#include "tests/support/figures.h"

namespace hq::audit {
namespace {

using core::Date;

core::Principal principal(const std::string& path, std::vector<std::string> roles) {
  core::Principal p;
  p.account_id = 1;
  p.username = "u";
  p.unit_path = path;
  p.roles = std::move(roles);
  return p;
}

using test::error_code;  // tests/support/errors.h

TEST(AuditRights, LeadersApproveInTheirSubtreeOnly) {
  const auto chi_cuc_leader = principal("/1/3/4/", {"audit.leader"});
  const auto cuc_leader = principal("/1/3/", {"audit.leader"});
  const auto officer = principal("/1/3/4/", {"audit.officer"});
  const auto ktstq_leader = principal("/1/9/", {"audit.leader"});
  EXPECT_TRUE(may_approve_for(chi_cuc_leader, "/1/3/4/"));
  EXPECT_TRUE(may_approve_for(cuc_leader, "/1/3/4/"));   // Cục approves its Chi cục
  EXPECT_FALSE(may_approve_for(chi_cuc_leader, "/1/3/"));  // not upwards
  EXPECT_FALSE(may_approve_for(officer, "/1/3/4/"));
  EXPECT_FALSE(may_approve_for(ktstq_leader, "/1/3/4/"));  // another Cục's proposals: not KTSTQ's to approve
  // … but the audit department reads everything, and keeps the key list.
  EXPECT_TRUE(may_read_unit(ktstq_leader, "/1/3/4/", "/1/9/"));
  EXPECT_FALSE(may_read_unit(chi_cuc_leader, "/1/5/", "/1/9/"));
  EXPECT_TRUE(may_keep_key_list(ktstq_leader, "/1/9/"));
  EXPECT_FALSE(may_keep_key_list(cuc_leader, "/1/9/"));
  EXPECT_FALSE(may_keep_key_list(principal("/1/9/", {"audit.officer"}), "/1/9/"));
  EXPECT_TRUE(may_keep_key_list(principal("/1/", {"platform.admin"}), "/1/9/"));
  // A unit whose path merely starts with the same digits is not inside.
  EXPECT_FALSE(in_audit_department(principal("/1/90/", {"audit.leader"}), "/1/9/"));
}

TEST(AuditStateMachine, Transitions) {
  EXPECT_EQ(next_status("DRAFT", "", Action::Submit), "SUBMITTED");
  EXPECT_EQ(next_status("SUBMITTED", "", Action::Approve), "APPROVED");
  EXPECT_EQ(next_status("SUBMITTED", "", Action::Reject), "REJECTED");
  EXPECT_EQ(next_status("SUBMITTED", "", Action::Pause), "PAUSED");
  EXPECT_EQ(next_status("APPROVED", "", Action::Pause), "PAUSED");
  EXPECT_EQ(next_status("PAUSED", "APPROVED", Action::Resume), "APPROVED");
  EXPECT_EQ(next_status("PAUSED", "SUBMITTED", Action::Resume), "SUBMITTED");
  for (const char* open : {"DRAFT", "SUBMITTED", "APPROVED", "PAUSED"})
    EXPECT_EQ(next_status(open, "", Action::Cancel), "CANCELLED") << open;
  EXPECT_FALSE(next_status("DRAFT", "", Action::Approve));
  EXPECT_FALSE(next_status("APPROVED", "", Action::Approve));
  EXPECT_FALSE(next_status("APPROVED", "", Action::Reject));
  EXPECT_FALSE(next_status("PAUSED", "SUBMITTED", Action::Approve));
  EXPECT_FALSE(next_status("REJECTED", "", Action::Cancel));
  EXPECT_FALSE(next_status("CANCELLED", "", Action::Resume));
  EXPECT_FALSE(next_status("SUBMITTED", "", Action::Resume));
  EXPECT_EQ(parse_action("approve"), Action::Approve);
  EXPECT_FALSE(parse_action("delete"));
  // The results actions have their own routes: written in the history, never parsed from a route's name.
  EXPECT_EQ(action_code(Action::ReturnResults), "return_results");
  EXPECT_EQ(action_code(Action::Cancel), "cancel");
  EXPECT_FALSE(parse_action("results"));
  EXPECT_FALSE(parse_action("approve_results"));
  EXPECT_EQ(parse_action(action_code(Action::Resume)), Action::Resume);
  EXPECT_EQ(parse_decision_kind(decision_kind_code(DecisionKind::Extension)), DecisionKind::Extension);
  EXPECT_EQ(decision_kind_code(DecisionKind::Cancellation), "CANCELLATION");
  EXPECT_FALSE(parse_decision_kind("original"));
}

ProposalFacts facts(std::int64_t id, const std::string& status, std::int64_t submitted_at,
                    Place place = Place::Premises, std::int64_t year = 2026, const std::string& paused_from = "") {
  return ProposalFacts{id, status, paused_from, place, year, submitted_at};
}

TEST(AuditProposalRules, KeyEnterpriseBlocksFirst) {
  std::int64_t other = 0;
  EXPECT_EQ(approval_block(facts(1, "SUBMITTED", 10), {}, true, other), ApprovalBlock::KeyEnterprise);
}

TEST(AuditProposalRules, FirstComeFirstServed) {
  std::int64_t other = 0;
  const auto early = facts(1, "SUBMITTED", 100), late = facts(2, "SUBMITTED", 200);
  EXPECT_EQ(approval_block(late, {early, late}, false, other), ApprovalBlock::EarlierProposalPending);
  EXPECT_EQ(other, 1);
  EXPECT_EQ(approval_block(early, {early, late}, false, other), ApprovalBlock::None);
  // Same second: the lower id came first.
  EXPECT_EQ(approval_block(facts(3, "SUBMITTED", 100), {early}, false, other), ApprovalBlock::EarlierProposalPending);
  // A paused or cancelled earlier proposal no longer holds the line; nor does one of another year.
  EXPECT_EQ(approval_block(late, {facts(1, "PAUSED", 100, Place::Premises, 2026, "SUBMITTED")}, false, other),
            ApprovalBlock::None);
  EXPECT_EQ(approval_block(late, {facts(1, "CANCELLED", 100)}, false, other), ApprovalBlock::None);
  EXPECT_EQ(approval_block(late, {facts(1, "SUBMITTED", 100, Place::Premises, 2025)}, false, other), ApprovalBlock::None);
}

TEST(AuditProposalRules, OneApprovedPremisesAuditPerYear) {
  std::int64_t other = 0;
  const auto approved = facts(1, "APPROVED", 100);
  EXPECT_EQ(approval_block(facts(2, "SUBMITTED", 200), {approved}, false, other), ApprovalBlock::AlreadyApprovedThisYear);
  EXPECT_EQ(other, 1);
  // Still counts while paused; not once cancelled; not across years; office audits are not limited.
  EXPECT_EQ(approval_block(facts(2, "SUBMITTED", 200), {facts(1, "PAUSED", 100, Place::Premises, 2026, "APPROVED")},
                           false, other),
            ApprovalBlock::AlreadyApprovedThisYear);
  EXPECT_EQ(approval_block(facts(2, "SUBMITTED", 200), {facts(1, "CANCELLED", 100)}, false, other), ApprovalBlock::None);
  EXPECT_EQ(approval_block(facts(2, "SUBMITTED", 200), {facts(1, "APPROVED", 100, Place::Premises, 2025)}, false, other),
            ApprovalBlock::None);
  EXPECT_EQ(approval_block(facts(2, "SUBMITTED", 200, Place::Office), {approved}, false, other), ApprovalBlock::None);
}

TEST(AuditProposalRules, GroundsAndFiveYearWindow) {
  EXPECT_EQ(grounds_kind("RISK_MANAGEMENT"), "RISK_MANAGEMENT");
  EXPECT_EQ(grounds_kind("Có dấu hiệu gian lận trị giá"), "OTHER");
  const Date today{2026, 6, 15};
  EXPECT_FALSE(period_problem({2022, 1, 1}, {2025, 12, 31}, today));
  EXPECT_EQ(period_problem({2025, 1, 1}, {2024, 1, 1}, today).code, "INVALID_PERIOD");
  EXPECT_EQ(period_problem({2025, 1, 1}, {2026, 7, 1}, today).code, "INVALID_PERIOD");
  EXPECT_EQ(period_problem({2021, 6, 14}, {2022, 1, 1}, today).code, "PERIOD_OUTSIDE_WINDOW");
  EXPECT_FALSE(period_problem({2021, 6, 15}, {2022, 1, 1}, today));
  EXPECT_FALSE(period_problem({2023, 2, 28}, {2024, 1, 1}, Date{2028, 2, 29}));  // leap day today
}

TEST(AuditDecisions, DurationsOnTheWorkingDayCalendar) {
  const core::WorkingCalendar cal;
  const Date today{2026, 3, 31};
  // A decision checked against the decisions before it: the audit's end, or the refusal's code.
  const auto end_of = [&](Place place, const std::vector<DecisionFacts>& before, DecisionKind kind, Date signed_on,
                          Date start, int working_days) {
    return check_decision(cal, place, before, kind, signed_on, start, working_days, today);
  };
  const auto refusal = [&](Place place, const std::vector<DecisionFacts>& before, DecisionKind kind, Date signed_on,
                           Date start, int working_days) {
    return error_code([&] { end_of(place, before, kind, signed_on, start, working_days); });
  };
  // Starts Friday 13/2/2026; Tết (16–20/2) and weekends do not count: 10 working days end on 5/3.
  EXPECT_EQ(end_of(Place::Premises, {}, DecisionKind::Original, {2026, 2, 12}, {2026, 2, 13}, 10), (Date{2026, 3, 5}));
  // Starting on a Saturday counts from Monday.
  EXPECT_EQ(audit_end(cal, {2026, 3, 7}, 1), (Date{2026, 3, 9}));
  EXPECT_EQ(refusal(Place::Premises, {}, DecisionKind::Original, {2026, 3, 2}, {2026, 3, 2}, 11), "DURATION_EXCEEDED");
  EXPECT_EQ(refusal(Place::Office, {}, DecisionKind::Original, {2026, 3, 2}, {2026, 3, 2}, 6), "DURATION_EXCEEDED");
  EXPECT_EQ(refusal(Place::Office, {}, DecisionKind::Original, {2026, 3, 3}, {2026, 3, 2}, 5), "INVALID_DATES");
  EXPECT_EQ(refusal(Place::Office, {}, DecisionKind::Extension, {2026, 3, 3}, {2026, 3, 3}, 5),
            "ORIGINAL_DECISION_REQUIRED");
  const std::vector<DecisionFacts> original{{DecisionKind::Original, 10, {2026, 3, 13}}};
  EXPECT_EQ(refusal(Place::Premises, original, DecisionKind::Original, {2026, 3, 3}, {2026, 3, 3}, 5),
            "ORIGINAL_DECISION_EXISTS");
  EXPECT_EQ(end_of(Place::Premises, original, DecisionKind::Extension, {2026, 3, 12}, {2026, 3, 12}, 10),
            (Date{2026, 3, 27}));
  EXPECT_EQ(refusal(Place::Premises, original, DecisionKind::Extension, {2026, 3, 12}, {2026, 3, 12}, 11),
            "DURATION_EXCEEDED");
  auto extended = original;
  extended.push_back({DecisionKind::Extension, 3, {2026, 3, 18}});
  EXPECT_EQ(refusal(Place::Premises, extended, DecisionKind::Extension, {2026, 3, 16}, {2026, 3, 16}, 1),
            "DURATION_EXCEEDED");
  // An amendment re-plans the audit and keeps the extension.
  EXPECT_EQ(end_of(Place::Premises, extended, DecisionKind::Amendment, {2026, 3, 2}, {2026, 3, 2}, 5),
            (Date{2026, 3, 11}));
  auto cancelled = original;
  cancelled.push_back({DecisionKind::Cancellation, 0, {2026, 3, 4}});
  EXPECT_EQ(refusal(Place::Premises, cancelled, DecisionKind::Amendment, {2026, 3, 5}, {2026, 3, 5}, 5),
            "DECISION_CANCELLED");
  EXPECT_EQ(refusal(Place::Premises, {}, DecisionKind::Original, {2026, 4, 1}, {2026, 4, 1}, 5), "INVALID_FIELD");
}

TEST(AuditDeadlines, EntryDueDatesSkipHolidays) {
  const core::WorkingCalendar cal;
  EXPECT_EQ(entry_due(cal, {2026, 2, 13}, kDecisionEntryWorkingDays), (Date{2026, 2, 23}));
  EXPECT_EQ(entry_due(cal, {2026, 3, 6}, kConclusionEntryWorkingDays), (Date{2026, 3, 11}));
  EXPECT_EQ(entry_due(cal, {2026, 4, 24}, 1), (Date{2026, 4, 28}));  // Giỗ Tổ 26/4 is a Sunday: off on Monday 27/4
  EXPECT_EQ(entry_due(cal, {2026, 4, 29}, 1), (Date{2026, 5, 4}));    // 30/4, 1/5 off
}

TEST(AuditAmounts, Totals) {
  Amounts a;
  a.at("import_tax") = 100;
  a.at("vat") = 10;
  a.at("trade_remedy") = 5;
  a.at("late_interest") = 3;
  a.at("penalty") = 20;
  a.at("collected") = 50;
  EXPECT_EQ(a.tax_total(), 115);
  EXPECT_EQ(a.total(), 138);
  EXPECT_EQ(a.get("collected"), 50);
  EXPECT_THROW(a.at("bribe"), std::out_of_range);
}

TEST(AuditSearchWords, FoldedWordsAndPrefixes) {
  EXPECT_EQ(search_words("cong ty tnhh thep viet-nhat (vn) cong"),
            (std::vector<std::string>{"cong", "ty", "tnhh", "thep", "viet", "nhat", "vn"}));
  EXPECT_EQ(joined_words({"cong", "ty"}), " cong ty ");
  EXPECT_EQ(prefix_end("thep"), "theq");
  EXPECT_EQ(prefix_end("a9"), "a:");
  EXPECT_TRUE(is_risk_area("ORIGIN"));
  EXPECT_FALSE(is_risk_area("origin"));
}

TEST(AuditForms, LayoutIsConsistent) {
  for (const Form form : {Form::F19, Form::F20}) {
    std::vector<std::string> keys;
    for (const auto& column : form_columns(form)) {
      EXPECT_EQ(std::count(keys.begin(), keys.end(), column.key), 0) << column.key;
      keys.push_back(column.key);
    }
    for (const auto& column : form_columns(form)) {
      for (const auto& ref : column.plus) EXPECT_EQ(std::count(keys.begin(), keys.end(), ref), 1) << ref;
      for (const auto& ref : column.minus) EXPECT_EQ(std::count(keys.begin(), keys.end(), ref), 1) << ref;
      EXPECT_FALSE(column.heading_vi.empty());
      EXPECT_FALSE(column.heading_en.empty());
      EXPECT_EQ(column.group_vi.empty(), column.group_en.empty()) << column.key;
    }
  }
  // The contract's keys are all in form 19.
  std::vector<std::string> keys;
  for (const auto& c : form_columns(Form::F19)) keys.push_back(c.key);
  for (const char* key : kAmountKeys) EXPECT_EQ(std::count(keys.begin(), keys.end(), key), 1) << key;
  for (const char* key : {"audits", "audits_premises", "audits_office"})
    EXPECT_EQ(std::count(keys.begin(), keys.end(), key), 1) << key;
}

TEST(AuditForms, RollUpChiCucToCucToNational) {
  const ReportUnit national{"00", "Tổng cục", "TONG_CUC", "/1/", 0, 1};
  const ReportUnit cuc{"02", "Cục HCM", "CUC", "/1/2/", 1, 2};
  const ReportUnit chi_cuc{"02CI", "Chi cục", "CHI_CUC", "/1/2/3/", 2, 3};
  const ReportUnit other_cuc{"03", "Cục HP", "CUC", "/1/4/", 1, 4};
  const std::vector<ReportUnit> units{national, cuc, chi_cuc, other_cuc};
  const std::vector<Fact> facts{
      {"/1/2/3/", "audits_premises", 1, 0}, {"/1/2/3/", "enterprises", 1, 77}, {"/1/2/3/", "import_tax", 1000, 0},
      {"/1/2/", "audits_office", 1, 0},     {"/1/2/", "enterprises", 1, 77},   {"/1/2/", "collected", 400, 0},
      {"/1/4/", "audits_premises", 1, 0},   {"/1/4/", "enterprises", 1, 88},   {"/1/4/", "penalty", 50, 0},
  };
  const auto report = build_report(Form::F19, national, units, facts, {2026, 1, 1}, {2026, 12, 31}, {"02"});
  ASSERT_EQ(report.rows.size(), 3u);  // own, 02, 03
  EXPECT_TRUE(report.rows[0].own_only);
  EXPECT_EQ(report.rows[0].figures.at("audits"), 0);
  EXPECT_EQ(report.rows[1].unit.code, "02");
  // enterprises: the same enterprise audited twice counts once
  test::expect_figures(report.rows[1].figures, {{"audits", 2}, {"enterprises", 1}, {"outstanding", 600}});
  EXPECT_TRUE(report.rows[1].reconciled);
  test::expect_figures(report.total, {{"audits", 3}, {"audits_premises", 2}, {"enterprises", 2}, {"tax_total", 1000},
                                      {"total", 1050}, {"outstanding", 650}});
  EXPECT_EQ(report.not_reconciled, (std::vector<std::string>{"00", "02CI", "03"}));
  // A Cục's report holds only its subtree.
  const auto cuc_report = build_report(Form::F19, cuc, {cuc, chi_cuc}, facts, {2026, 1, 1}, {2026, 12, 31}, {});
  test::expect_figures(cuc_report.total, {{"audits", 2}, {"penalty", 0}});
  const std::string xlsx = report_xlsx(report);
  ASSERT_GT(xlsx.size(), 1000u);
  EXPECT_EQ(xlsx.substr(0, 2), "PK");
}

}  // namespace
}  // namespace hq::audit
