#include <gtest/gtest.h>

#include <set>

#include "eservices/catalogue.h"
#include "eservices/rules.h"

namespace hq::eservices {
namespace {

core::UnixSeconds local(int y, int mo, int d, int h, int mi) { return core::from_local({{y, mo, d}, h, mi, 0}); }

TEST(Catalogue, AnnexRowsAsPublished) {
  int list_one = 0, list_two = 0;
  std::set<std::string> codes;
  for (const auto& row : annex()) {
    (std::string(row.list) == "I" ? list_one : list_two)++;
    EXPECT_TRUE(codes.insert(row.code).second) << row.code;
    EXPECT_GE(row.level, 1);
    EXPECT_LE(row.level, 4);
  }
  EXPECT_EQ(list_one, 42);  // 41 procedures, number 21 printed twice
  EXPECT_EQ(list_two, 42);
  EXPECT_EQ(annex().size(), 84u);
  const auto* first21 = find_annex_row("I.21");
  const auto* second21 = find_annex_row("I.21-2");
  ASSERT_TRUE(first21 && second21);
  EXPECT_TRUE(number_repeated(*first21));
  EXPECT_EQ(std::string(first21->name), "Thông báo kết quả hủy Biên lai.");
  EXPECT_EQ(same_name_codes(*second21), std::vector<std::string>{"I.23"});
  EXPECT_FALSE(number_repeated(*find_annex_row("I.22")));
  EXPECT_EQ(std::string(find_annex_row("I.18")->executing_level), "CHI_CUC");
  EXPECT_EQ(find_annex_row("I.18")->level, 3);
  EXPECT_EQ(std::string(find_annex_row("II.42")->name), "Thủ tục hải quan đối với xăng dầu, hóa chất, khí quá cảnh.");
  EXPECT_EQ(find_annex_row("II.22")->level, 1);
  EXPECT_EQ(std::string(find_annex_row("I.32")->executing_level), "TONG_CUC");
}

TEST(Catalogue, LevelsAndDecree42) {
  EXPECT_FALSE(accepts_online(2));
  EXPECT_TRUE(accepts_online(3));
  EXPECT_EQ(decree42_form(4), "FULL");
  EXPECT_EQ(decree42_form(3), "PARTIAL");
  EXPECT_EQ(decree42_form(1), "INFORMATION");
}

TEST(Catalogue, SettingsProblems) {
  std::string field;
  EXPECT_TRUE(settings_problem({5, 0, {{"A", true}}, "ELECTRONIC", 0}, field).empty());
  EXPECT_FALSE(settings_problem({0, 0, {{"A", true}}, "ELECTRONIC", 0}, field).empty());
  EXPECT_EQ(field, "processing_days");
  EXPECT_FALSE(settings_problem({5, 0, {{"A", true}, {"A", false}}, "ELECTRONIC", 0}, field).empty());
  EXPECT_EQ(field, "documents");
  EXPECT_FALSE(settings_problem({5, -1, {{"A", true}}, "ELECTRONIC", 0}, field).empty());
  EXPECT_EQ(field, "fee");
}

TEST(Reception, WithinWorkingHoursIsThatMoment) {
  const core::WorkingCalendar cal;
  const auto t = local(2026, 12, 1, 9, 17);  // a Tuesday
  EXPECT_EQ(reception_time(cal, t), t);
}

TEST(Reception, OutsideHoursIsTheNextWorkingHour) {
  const core::WorkingCalendar cal;
  EXPECT_EQ(reception_time(cal, local(2026, 12, 1, 12, 5)), local(2026, 12, 1, 13, 0));   // lunch
  EXPECT_EQ(reception_time(cal, local(2026, 12, 1, 18, 40)), local(2026, 12, 2, 7, 30));  // evening
  EXPECT_EQ(reception_time(cal, local(2026, 12, 4, 17, 0)), local(2026, 12, 7, 7, 30));   // Friday 17:00 → Monday
  EXPECT_EQ(reception_time(cal, local(2026, 12, 5, 10, 0)), local(2026, 12, 7, 7, 30));   // Saturday
  // 2 September 2026 (Wednesday) is National Day, and so is 3 September (the day after).
  EXPECT_EQ(reception_time(cal, local(2026, 9, 1, 18, 0)), local(2026, 9, 4, 7, 30));
}

TEST(Reception, AdministratorsDayOffIsSkipped) {
  const core::WorkingCalendar cal({{{2026, 12, 2}, false, "Nghỉ bù"}});
  EXPECT_EQ(reception_time(cal, local(2026, 12, 1, 17, 30)), local(2026, 12, 3, 7, 30));
}

TEST(DueDate, WorkingDaysAtTheSameWorkingTime) {
  const core::WorkingCalendar cal;
  EXPECT_EQ(due_time(cal, local(2026, 12, 3, 9, 0), 2), local(2026, 12, 7, 9, 0));  // Thu + 2 → Mon
  EXPECT_EQ(due_time(cal, local(2026, 8, 28, 10, 0), 1), local(2026, 8, 31, 10, 0));
  EXPECT_EQ(due_time(cal, local(2026, 9, 1, 10, 0), 1), local(2026, 9, 4, 10, 0));  // over National Day
}

TEST(Pause, WorkingSecondsMoveTheDueDate) {
  const core::WorkingCalendar cal;
  // One working hour from Friday 16:30 ends Monday 08:00.
  EXPECT_EQ(add_working_seconds(cal, local(2026, 12, 4, 16, 30), 3600), local(2026, 12, 7, 8, 0));
  // A whole working day (8 h) from Tuesday 10:00 → Wednesday 10:00.
  EXPECT_EQ(add_working_seconds(cal, local(2026, 12, 1, 10, 0), 8 * 3600), local(2026, 12, 2, 10, 0));
  EXPECT_EQ(add_working_seconds(cal, local(2026, 12, 1, 11, 0), 3600), local(2026, 12, 1, 13, 30));
}

TEST(Remaining, FrozenWhilePausedAndNegativeWhenOverdue) {
  const core::WorkingCalendar cal;
  const auto due = local(2026, 12, 3, 9, 0);
  EXPECT_EQ(remaining_seconds(cal, due, local(2026, 12, 2, 9, 0), std::nullopt), 8 * 3600);
  EXPECT_EQ(remaining_seconds(cal, due, local(2026, 12, 10, 9, 0), local(2026, 12, 2, 9, 0)), 8 * 3600);
  EXPECT_EQ(remaining_seconds(cal, due, local(2026, 12, 3, 11, 0), std::nullopt), -2 * 3600);
  EXPECT_EQ(remaining_label(cal, 8 * 3600 + 2 * 3600), "còn 1 ngày 2 giờ");
  EXPECT_EQ(remaining_label(cal, -(2 * 8 * 3600 + 3 * 3600)), "quá hạn 2 ngày 3 giờ");
}

TEST(Assignment, ModesChainAndRoundRobin) {
  EXPECT_EQ(first_holder(1), kHolderUnitLeader);
  EXPECT_EQ(next_holder(1, kHolderUnitLeader), kHolderDeptLeader);
  EXPECT_EQ(next_holder(1, kHolderDeptLeader), kHolderOfficer);
  EXPECT_EQ(next_holder(2, kHolderUnitLeader), kHolderOfficer);
  EXPECT_EQ(first_holder(3), kHolderDeptLeader);
  EXPECT_EQ(first_holder(4), kHolderOfficer);
  EXPECT_EQ(first_holder(5), kHolderOfficer);
  EXPECT_EQ(proposal_status(2), kPendingUnit);
  EXPECT_EQ(proposal_status(1), kPendingDept);
  EXPECT_EQ(round_robin({"a", "b", "c"}, {2, 1, 1}), "b");
  EXPECT_EQ(round_robin({"a", "b"}, {0, 0}), "a");
  EXPECT_EQ(round_robin({}, {}), "");
  EXPECT_FALSE(valid_mode(0));
  EXPECT_FALSE(valid_mode(6));
}

TEST(Numbers, DossierAndResult) {
  EXPECT_EQ(dossier_number("02CI", local(2026, 12, 1, 9, 0), 42), "02CI-2026-000042");
  EXPECT_EQ(result_number(local(2027, 1, 2, 9, 0), 7), "KQ-2027-000007");
}

TEST(Applicants, IdentifierChecks) {
  EXPECT_TRUE(valid_tax_code("0100109106"));
  EXPECT_FALSE(valid_tax_code("0100109107"));
  EXPECT_TRUE(valid_id_number("079085001234"));
  EXPECT_FALSE(valid_id_number("07908500123A"));
}

}  // namespace
}  // namespace hq::eservices

namespace hq::eservices {
namespace {

TEST(Scope, ADoiMemberSeesItsChiCuc) {
  core::Principal p;
  p.unit_path = "/1/4/9/";
  p.unit_level = "DOI";
  EXPECT_EQ(scope_path(p), "/1/4/");
  EXPECT_TRUE(in_scope(p, "/1/4/"));
  EXPECT_FALSE(in_scope(p, "/1/5/"));
  p.unit_level = "CHI_CUC";
  EXPECT_EQ(scope_path(p), "/1/4/9/");
  EXPECT_FALSE(in_scope(p, "/1/4/"));
  p.roles = {"platform.admin"};
  EXPECT_EQ(scope_path(p), "/");
}

}  // namespace
}  // namespace hq::eservices
