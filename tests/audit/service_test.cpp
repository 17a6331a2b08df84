#include <gtest/gtest.h>

#include <thread>

#include "audit/service.h"
#include "audit_fixture.h"
#include "history/history_store.h"
#include "tests/support/figures.h"

namespace hq::audit::testing {
namespace {

std::int64_t count(db::Database& db, const std::string& query) {
  long long n = 0;
  db.read([&](soci::session& sql) { sql << query, soci::into(n); });
  return n;
}

using AuditService_ = AuditFixture;

TEST_F(AuditService_, EnterpriseDirectoryChecksTaxCodesAndKeepsChanges) {
  const auto ktstq = leader("KTSTQ");
  EXPECT_EQ(error_code([&] { service_->create_enterprise(ktstq, {{"tax_code", "0100109107"}, {"name", "X"}}); }),
            "INVALID_TAX_CODE");
  EXPECT_EQ(error_code([&] { service_->create_enterprise(ktstq, {{"name", "X"}}); }), "INVALID_TAX_CODE");
  const auto e = service_->create_enterprise(
      ktstq, {{"tax_code", "0100109106"}, {"name", "Công ty Cổ phần Thép Việt"}, {"compliance_level", 3},
              {"main_goods", nlohmann::json::array({"Thép cuộn", "Phôi thép"})}});
  EXPECT_EQ(e.tax_code, "0100109106");
  EXPECT_EQ(error_code([&] { service_->create_enterprise(ktstq, {{"tax_code", "0100 109 106"}, {"name", "Y"}}); }),
            "ENTERPRISE_EXISTS");
  EXPECT_EQ(error_code([&] {
              service_->update_enterprise(ktstq, "0100109106", {{"compliance_level", 9}});
            }),
            "INVALID_FIELD");
  EXPECT_EQ(error_code([&] { service_->create_enterprise(user("02", {"trs.officer"}), {{"tax_code", tax_code(5)}, {"name", "Z"}}); }),
            "FORBIDDEN");
  service_->update_enterprise(officer("02CI"), "0100109106", {{"address", "Số 1 Lê Lợi"}, {"compliance_level", 4}});
  const auto record = service_->record(officer("03"), "0100109106");
  ASSERT_EQ(record.changes.size(), 2u);
  EXPECT_EQ(record.changes[0].username, "02CI.audit.officer");
  EXPECT_NE(record.changes[0].changes.find("compliance_level"), std::string::npos);
  EXPECT_EQ(record.enterprise.address, "Số 1 Lê Lợi");
}

TEST_F(AuditService_, NameSearchIgnoresDiacriticsAndCase) {
  enterprise(1, "Công ty TNHH Thép Miền Nam");
  enterprise(2, "CÔNG TY CỔ PHẦN THÉP VIỆT – NHẬT");
  enterprise(3, "Công ty TNHH Dệt may Sài Gòn");
  const auto who = officer("02CI");
  EXPECT_EQ(service_->find_enterprises(who, "cong ty thep", "name", false, 0, 20).total, 2);
  EXPECT_EQ(service_->find_enterprises(who, "THÉP nhat", "name", false, 0, 20).total, 1);
  EXPECT_EQ(service_->find_enterprises(who, "det ma", "name", false, 0, 20).total, 1);  // word prefixes
  EXPECT_EQ(service_->find_enterprises(who, "gon sai", "name", false, 0, 20).total, 1);  // any order
  EXPECT_EQ(service_->find_enterprises(who, "xyz", "name", false, 0, 20).total, 0);
  const auto by_code = service_->find_enterprises(who, tax_code(2).substr(0, 6), "tax_code", false, 0, 20);
  EXPECT_GE(by_code.total, 1);
  const auto page = service_->find_enterprises(who, "cong ty", "name", true, 0, 2);
  ASSERT_EQ(page.items.size(), 2u);
  EXPECT_EQ(page.total, 3);
  EXPECT_EQ(page.items[0].name, "Công ty TNHH Thép Miền Nam");  // descending by folded name
}

TEST_F(AuditService_, ProposalNeedsASearchByTheSameUserForTheSameEnterprise) {
  const auto e = enterprise(10, "Công ty A");
  const auto other = enterprise(11, "Công ty B");
  const auto me = officer("02CI");
  ProposalInput input{e.tax_code, "PREMISES", "SIGNS_OF_VIOLATION", "", {2024, 1, 1}, {2025, 1, 1}, false};
  EXPECT_EQ(error_code([&] { service_->create_proposal(me, input); }), "SEARCH_REQUIRED");
  input.search_id = service_->search(me, other.tax_code).search_id;
  EXPECT_EQ(error_code([&] { service_->create_proposal(me, input); }), "SEARCH_REQUIRED");
  input.search_id = service_->search(officer("03"), e.tax_code).search_id;
  EXPECT_EQ(error_code([&] { service_->create_proposal(me, input); }), "SEARCH_REQUIRED");
  input.search_id = service_->search(me, e.tax_code).search_id;
  now_ += kSearchLifetimeSeconds + 1;
  EXPECT_EQ(error_code([&] { service_->create_proposal(me, input); }), "SEARCH_REQUIRED");
  input.search_id = service_->search(me, e.tax_code).search_id;
  const auto created = service_->create_proposal(me, input);
  EXPECT_EQ(created.proposal.status, "SUBMITTED");
  EXPECT_EQ(created.proposal.number, "1/2026/ĐXKT-02CI");
  EXPECT_EQ(count(*db_, "SELECT COUNT(*) FROM audit_proposals"), 1);
}

TEST_F(AuditService_, BadProposalInputStoresNothing) {
  const auto e = enterprise(12, "Công ty C");
  const auto me = officer("02CI");
  const auto search_id = service_->search(me, e.tax_code).search_id;
  const auto attempt = [&](ProposalInput input) {
    input.search_id = search_id;
    return error_code([&] { service_->create_proposal(me, input); });
  };
  EXPECT_EQ(attempt({"0100109107", "PREMISES", "x", "", {2024, 1, 1}, {2025, 1, 1}, false}), "INVALID_TAX_CODE");
  EXPECT_EQ(attempt({e.tax_code, "HOME", "x", "", {2024, 1, 1}, {2025, 1, 1}, false}), "INVALID_FIELD");
  EXPECT_EQ(attempt({e.tax_code, "OFFICE", " ", "", {2024, 1, 1}, {2025, 1, 1}, false}), "INVALID_FIELD");
  EXPECT_EQ(attempt({e.tax_code, "OFFICE", "x", "", {2025, 1, 1}, {2024, 1, 1}, false}), "INVALID_PERIOD");
  EXPECT_EQ(attempt({e.tax_code, "OFFICE", "x", "", {2020, 1, 1}, {2024, 1, 1}, false}), "PERIOD_OUTSIDE_WINDOW");
  EXPECT_EQ(count(*db_, "SELECT COUNT(*) FROM audit_proposals"), 0);
}

TEST_F(AuditService_, KeyEnterprisesAreKeptByAuditDepartmentLeadersAndCannotBeProposed) {
  const auto e = enterprise(20, "Tổng công ty Trọng Điểm");
  EXPECT_EQ(error_code([&] { service_->add_key_enterprise(officer("KTSTQ"), e.tax_code, 2026, ""); }), "FORBIDDEN");
  EXPECT_EQ(error_code([&] { service_->add_key_enterprise(leader("02"), e.tax_code, 2026, ""); }), "FORBIDDEN");
  service_->add_key_enterprise(leader("KTSTQ"), e.tax_code, 2026, "Danh sách năm 2026");
  EXPECT_EQ(error_code([&] { service_->add_key_enterprise(leader("KTSTQ"), e.tax_code, 2026, ""); }),
            "ALREADY_KEY_ENTERPRISE");
  EXPECT_EQ(error_code([&] { propose(officer("02CI"), e.tax_code); }), "KEY_ENTERPRISE");
  EXPECT_TRUE(service_->search(officer("02CI"), e.tax_code).key_enterprise);
  EXPECT_EQ(service_->key_enterprises(officer("03"), 2026, 0, 10).total, 1);
  service_->remove_key_enterprise(leader("KTSTQ"), e.tax_code, 2026);
  EXPECT_EQ(propose(officer("02CI"), e.tax_code).proposal.status, "SUBMITTED");
}

TEST_F(AuditService_, DuplicatesFirstComeFirstServedAndOneApprovalPerYear) {
  const auto e = enterprise(30, "Công ty Trùng Lặp");
  const auto first = propose(officer("02CI"), e.tax_code);
  EXPECT_TRUE(first.duplicates.empty());
  now_ += 60;
  const auto second = propose(officer("03CC"), e.tax_code);
  ASSERT_EQ(second.duplicates.size(), 1u);
  EXPECT_EQ(second.duplicates[0].id, first.proposal.id);
  EXPECT_EQ(second.duplicates[0].unit_code, "02CI");
  // Rights: officers never approve; leaders only in their own tree; Cục leaders over their Chi cục.
  EXPECT_EQ(error_code([&] { service_->act_on_proposal(officer("02CI"), first.proposal.id, Action::Approve, ""); }),
            "FORBIDDEN");
  EXPECT_EQ(error_code([&] { service_->act_on_proposal(leader("03CC"), first.proposal.id, Action::Approve, ""); }),
            "FORBIDDEN");
  EXPECT_EQ(error_code([&] { service_->act_on_proposal(leader("KTSTQ"), first.proposal.id, Action::Approve, ""); }),
            "FORBIDDEN");
  EXPECT_EQ(error_code([&] { service_->act_on_proposal(leader("03CC"), second.proposal.id, Action::Approve, ""); }),
            "EARLIER_PROPOSAL_PENDING");
  // The leaders' queue shows both, oldest first, each with its duplicate.
  const auto queue = service_->proposal_queue(user("00", {"audit.leader"}), 0, 10);
  ASSERT_EQ(queue.total, 2);
  EXPECT_EQ(queue.items[0].first.id, first.proposal.id);
  EXPECT_EQ(queue.items[0].second.at(0).unit_code, "03CC");
  EXPECT_EQ(service_->act_on_proposal(leader("02"), first.proposal.id, Action::Approve, "").status, "APPROVED");
  EXPECT_EQ(error_code([&] { service_->act_on_proposal(leader("03CC"), second.proposal.id, Action::Approve, ""); }),
            "ALREADY_APPROVED_THIS_YEAR");
  EXPECT_EQ(error_code([&] { service_->act_on_proposal(leader("02CI"), first.proposal.id, Action::Approve, ""); }),
            "INVALID_TRANSITION");
  // Pause keeps the approval; cancel releases it.
  EXPECT_EQ(service_->act_on_proposal(leader("02CI"), first.proposal.id, Action::Pause, "Chờ hồ sơ").status, "PAUSED");
  EXPECT_EQ(error_code([&] { service_->act_on_proposal(leader("03CC"), second.proposal.id, Action::Approve, ""); }),
            "ALREADY_APPROVED_THIS_YEAR");
  EXPECT_EQ(service_->act_on_proposal(leader("02CI"), first.proposal.id, Action::Resume, "").status, "APPROVED");
  EXPECT_EQ(service_->act_on_proposal(leader("02CI"), first.proposal.id, Action::Cancel, "Trùng").status, "CANCELLED");
  EXPECT_EQ(service_->act_on_proposal(leader("03"), second.proposal.id, Action::Approve, "").status, "APPROVED");
  // Office audits are not limited to one a year.
  const auto office = propose(officer("02CI"), e.tax_code, "OFFICE");
  EXPECT_EQ(service_->act_on_proposal(leader("02CI"), office.proposal.id, Action::Approve, "").status, "APPROVED");
  const auto history = db_->read([&](soci::session& sql) {
    return history::list(sql, "audit_proposal", std::to_string(first.proposal.id), 0, 50);
  });
  EXPECT_EQ(history.total, 5);  // create, approve, pause, resume, cancel
}

TEST_F(AuditService_, ConcurrentApprovalsExactlyOneWins) {
  const auto e = enterprise(40, "Công ty Tranh Chấp");
  std::vector<std::int64_t> ids;
  for (const char* unit : {"02CI", "03CC", "02", "03"}) ids.push_back(propose(officer(unit), e.tax_code).proposal.id);
  // Every leader approves every proposal at once, twice: one approval in all, every other attempt a 409.
  std::atomic<int> won{0}, conflicts{0};
  std::vector<std::thread> threads;
  for (int round = 0; round < 2; ++round)
    for (std::size_t i = 0; i < ids.size(); ++i)
      threads.emplace_back([&, i] {
        try {
          service_->act_on_proposal(user("00", {"audit.leader"}), ids[i], Action::Approve, "");
          ++won;
        } catch (const core::Error& error) {
          if (error.kind() == core::ErrorKind::Conflict) ++conflicts;
        }
      });
  for (auto& t : threads) t.join();
  EXPECT_EQ(won.load(), 1);
  EXPECT_EQ(conflicts.load(), 7);
  EXPECT_EQ(count(*db_, "SELECT COUNT(*) FROM audit_proposals WHERE status = 'APPROVED'"), 1);
}

TEST_F(AuditService_, DecisionsAndConclusionCheckStateDurationsAndLateness) {
  const auto e = enterprise(50, "Công ty Kết Luận");
  const auto p = propose(officer("02CI"), e.tax_code).proposal;
  const auto me = officer("02CI");
  const DecisionInput original{"ORIGINAL", "15/QĐ-02CI", "Nguyễn Văn A", "Đoàn 1", {2026, 6, 10}, core::Date{2026, 6, 11}, 10};
  EXPECT_EQ(error_code([&] { service_->add_decision(me, p.id, original); }), "PROPOSAL_NOT_APPROVED");
  service_->act_on_proposal(leader("02CI"), p.id, Action::Approve, "");
  EXPECT_EQ(error_code([&] { service_->add_decision(officer("03CC"), p.id, original); }), "FORBIDDEN");
  auto too_long = original;
  too_long.working_days = 11;
  EXPECT_EQ(error_code([&] { service_->add_decision(me, p.id, too_long); }), "DURATION_EXCEEDED");
  const auto d = service_->add_decision(me, p.id, original);
  EXPECT_TRUE(d.late);  // signed Wednesday 10/6, due Thursday 11/6, entered Monday 15/6
  EXPECT_EQ(d.end_on, "2026-06-24");
  const auto ext = service_->add_decision(me, p.id, {"EXTENSION", "16/QĐ-02CI", "", "", {2026, 6, 15}, std::nullopt, 5});
  EXPECT_FALSE(ext.late);
  EXPECT_EQ(ext.end_on, "2026-07-01");
  EXPECT_EQ(error_code([&] { service_->add_decision(me, p.id, {"EXTENSION", "17", "", "", {2026, 6, 15}, std::nullopt, 1}); }),
            "DURATION_EXCEEDED");
  ConclusionInput conclusion{"20/KL-02CI", "Khai sai trị giá", {2026, 6, 15}, {}, 12, std::nullopt};
  conclusion.amounts.at("import_tax") = -1;
  EXPECT_EQ(error_code([&] { service_->add_conclusion(me, p.id, conclusion); }), "INVALID_AMOUNT");
  conclusion.amounts.at("import_tax") = 1'000'000;
  conclusion.amounts.at("collected") = 400'000;
  const auto c = service_->add_conclusion(me, p.id, conclusion);
  EXPECT_TRUE(c.has_violation);
  EXPECT_FALSE(c.late);
  EXPECT_EQ(error_code([&] { service_->add_conclusion(me, p.id, conclusion); }), "CONCLUSION_EXISTS");
  EXPECT_EQ(count(*db_, "SELECT COUNT(*) FROM audit_conclusions"), 1);
  EXPECT_EQ(error_code([&] { service_->approve_conclusion(me, p.id); }), "FORBIDDEN");
  EXPECT_EQ(service_->approve_conclusion(leader("02"), p.id).status, "APPROVED");
  EXPECT_EQ(error_code([&] { service_->act_on_proposal(leader("02CI"), p.id, Action::Cancel, ""); }), "INVALID_TRANSITION");
  store::Penalty penalty{0, 0, 5'000'000, 0, "30/QĐ-XPVPHC", "2026-06-15", "Khai sai mã số", ""};
  service_->add_penalty(me, p.id, penalty);
  penalty.amount = -5;
  EXPECT_EQ(error_code([&] { service_->add_penalty(me, p.id, penalty); }), "INVALID_AMOUNT");
  auto complaint = service_->add_complaint(me, p.id, {0, 0, 0, "2026-06-15", "Không đồng ý", "", "", "", ""});
  EXPECT_EQ(error_code([&] { service_->decide_complaint(me, complaint.id, {2026, 6, 1}, "Giữ nguyên"); }), "INVALID_DATES");
  EXPECT_EQ(service_->decide_complaint(me, complaint.id, {2026, 6, 15}, "Giữ nguyên").status, "DECIDED");
  // The whole record for the unit's Cục; another Cục sees only that the audit exists (its state and period).
  const auto record = service_->record(officer("02"), e.tax_code);
  ASSERT_EQ(record.proposals.size(), 1u);
  const auto outside = service_->record(officer("03"), e.tax_code);
  ASSERT_EQ(outside.proposals.size(), 1u);
  EXPECT_TRUE(outside.proposals[0].proposal.restricted);
  EXPECT_EQ(outside.proposals[0].proposal.status, "APPROVED");
  EXPECT_TRUE(outside.proposals[0].decisions.empty());
  EXPECT_FALSE(outside.proposals[0].conclusion);
  EXPECT_TRUE(service_->may_read_entity(officer("02"), "audit_proposal", std::to_string(p.id)));
  EXPECT_TRUE(service_->may_read_entity(officer("KTSTQ"), "audit_proposal", std::to_string(p.id)));
  EXPECT_FALSE(service_->may_read_entity(officer("03"), "audit_proposal", std::to_string(p.id)));
  EXPECT_FALSE(service_->may_read_entity(officer("03"), "audit_proposal", "x1"));
  EXPECT_EQ(record.proposals[0].decisions.size(), 2u);
  EXPECT_EQ(record.proposals[0].penalties.size(), 1u);
  EXPECT_EQ(record.proposals[0].complaints.size(), 1u);
}

TEST_F(AuditService_, DecisionForACancelledProposalIsRefused) {
  const auto e = enterprise(51, "Công ty Hủy");
  const auto p = propose(officer("02CI"), e.tax_code).proposal;
  service_->act_on_proposal(leader("02CI"), p.id, Action::Cancel, "Không còn căn cứ");
  EXPECT_EQ(error_code([&] {
              service_->add_decision(officer("02CI"), p.id,
                                     {"ORIGINAL", "1", "", "", {2026, 6, 15}, core::Date{2026, 6, 15}, 5});
            }),
            "PROPOSAL_NOT_APPROVED");
  EXPECT_EQ(count(*db_, "SELECT COUNT(*) FROM audit_decisions"), 0);
}

TEST_F(AuditService_, Form19RollsUpAndCountsByPeriod) {
  const auto approve_and_conclude = [&](const std::string& unit, long long n, const std::string& place,
                                        core::Date signed_on, std::int64_t tax) {
    const auto e = enterprise(n, "Công ty Báo Cáo " + std::to_string(n));
    const auto p = propose(officer(unit), e.tax_code, place).proposal;
    service_->act_on_proposal(user("00", {"audit.leader"}), p.id, Action::Approve, "");
    const auto d =
        service_->add_decision(officer(unit), p.id, {"ORIGINAL", "QĐ" + std::to_string(n), "", "", signed_on, signed_on, 5});
    service_->approve_decision(user("00", {"audit.leader"}), p.id, d.id);  // forms count approved decisions only
    ConclusionInput c{"KL" + std::to_string(n), "", signed_on, {}, 3, std::nullopt};
    c.amounts.at("vat") = tax;
    c.amounts.at("penalty") = 10;
    c.amounts.at("collected") = tax / 2;
    service_->add_conclusion(officer(unit), p.id, c);
    service_->approve_conclusion(user("00", {"audit.leader"}), p.id);  // and approved conclusions only
  };
  approve_and_conclude("02CI", 60, "PREMISES", {2026, 3, 2}, 1000);
  approve_and_conclude("02", 61, "OFFICE", {2026, 4, 1}, 500);
  approve_and_conclude("03CC", 62, "PREMISES", {2026, 5, 4}, 200);
  approve_and_conclude("02CI", 63, "OFFICE", {2025, 12, 1}, 99999);  // outside the period
  const auto national = service_->report(user("00", {"audit.leader"}), Form::F19, "00", {2026, 1, 1}, {2026, 6, 30});
  test::expect_figures(national.total, {{"audits", 3}, {"audits_premises", 2}, {"audits_office", 1}, {"vat", 1700},
                                        {"penalty", 30}, {"collected", 850}, {"declarations", 9}});
  const auto cuc = service_->report(leader("02"), Form::F19, "02", {2026, 1, 1}, {2026, 6, 30});
  test::expect_figures(cuc.total, {{"audits", 2}, {"vat", 1500}});
  ASSERT_EQ(cuc.rows.size(), 2u);  // 02 itself, 02CI
  EXPECT_EQ(cuc.rows[0].figures.at("audits_office"), 1);
  EXPECT_EQ(cuc.rows[1].figures.at("audits_premises"), 1);
  EXPECT_EQ(error_code([&] { service_->report(leader("02"), Form::F19, "03", {2026, 1, 1}, {2026, 6, 30}); }), "FORBIDDEN");
  EXPECT_EQ(service_->report(officer("KTSTQ"), Form::F19, "03", {2026, 1, 1}, {2026, 6, 30}).total.at("vat"), 200);
  EXPECT_EQ(error_code([&] { service_->report(leader("02"), Form::F19, "02", {2026, 6, 30}, {2026, 1, 1}); }),
            "INVALID_PERIOD");
  // Reconciliation sign-off shows in the report.
  service_->reconcile(officer("02CI"), Form::F19, "02CI", {2026, 1, 1}, {2026, 6, 30}, "Đã đối chiếu");
  const auto again = service_->report(leader("02"), Form::F19, "02", {2026, 1, 1}, {2026, 6, 30});
  EXPECT_TRUE(again.rows[1].reconciled);
  EXPECT_EQ(again.not_reconciled, (std::vector<std::string>{"02"}));
  const auto f20 = service_->report(user("00", {"audit.leader"}), Form::F20, "00", {2026, 1, 1}, {2026, 12, 31});
  test::expect_figures(f20.total, {{"proposals_proposed", 4}, {"proposals_approved", 4}, {"decisions_original", 3}});
  EXPECT_GT(report_xlsx(f20).size(), 1000u);
}

TEST_F(AuditService_, CollectionsWithSameDayAndOneWorkingDayDeadlines) {
  const auto e = enterprise(70, "Công ty Thu Thập");
  const auto created = service_->create_collection(officer("02CI"), {e.tax_code, "Giá khai thấp bất thường", {"VALUATION", "ORIGIN"}});
  EXPECT_EQ(created.collection.status, "SUBMITTED");
  EXPECT_EQ(error_code([&] { service_->create_collection(officer("02CI"), {e.tax_code, "x", {"BRIBES"}}); }), "INVALID_FIELD");
  const auto dup = service_->create_collection(officer("03CC"), {e.tax_code, "Nghi vấn xuất xứ", {"ORIGIN"}});
  ASSERT_EQ(dup.duplicates.size(), 1u);
  EXPECT_EQ(dup.duplicates[0].unit_code, "02CI");
  auto board = service_->deadlines(officer("02CI"), "");
  ASSERT_EQ(board.due_today.size(), 1u);
  EXPECT_EQ(board.due_today[0].kind, "COLLECTION_APPROVAL");
  service_->act_on_collection(leader("03CC"), dup.collection.id, Action::Pause, "Trùng với 02CI");
  EXPECT_EQ(error_code([&] { service_->act_on_collection(officer("02CI"), created.collection.id, Action::Approve, ""); }),
            "FORBIDDEN");
  set_today(2026, 6, 16);  // approved a day late
  service_->act_on_collection(leader("02CI"), created.collection.id, Action::Approve, "");
  service_->record_collection_results(officer("02CI"), created.collection.id,
                                      {{"VALUATION", "Giá thấp hơn giá tham chiếu 40%", true}, {"ORIGIN", "Không phát hiện", false}});
  board = service_->deadlines(officer("02CI"), "");
  EXPECT_TRUE(board.due_today.empty());
  EXPECT_EQ(board.stats.open, 1);  // result approval, due 17/6
  set_today(2026, 6, 18);
  board = service_->deadlines(officer("02CI"), "");
  ASSERT_EQ(board.late.size(), 1u);
  EXPECT_EQ(board.late[0].kind, "RESULT_APPROVAL");
  const auto done = service_->approve_collection_results(leader("02CI"), created.collection.id);
  EXPECT_EQ(done.status, "COMPLETED");
  EXPECT_TRUE(done.has_findings);
  board = service_->deadlines(officer("02CI"), "");
  EXPECT_EQ(board.stats.done, 2);
  EXPECT_EQ(board.stats.done_on_time, 0);
  EXPECT_DOUBLE_EQ(board.on_time_rate, 0.0);
  const auto f20 = service_->report(leader("02"), Form::F20, "02", {2026, 6, 1}, {2026, 6, 30});
  test::expect_figures(f20.total, {{"collections_completed", 1}, {"collections_with_findings", 1}, {"overdue", 2}});
}

TEST_F(AuditService_, CsvImportIsAllOrNothing) {
  const std::string good = "tax_code,name,address,compliance_level\n" + tax_code(80) +
                           ",\"Công ty Nhập, Khẩu\",Hà Nội,2\n" + tax_code(81) + ",Công ty B,,\n";
  const auto result = service_->import_enterprises(officer("02CI"), good);
  EXPECT_EQ(result.created, 2);
  EXPECT_EQ(service_->record(officer("02CI"), tax_code(80)).enterprise.name, "Công ty Nhập, Khẩu");
  const std::string bad = "tax_code;name\n" + tax_code(82) + ";Công ty C\n0100109107;Sai\n";
  EXPECT_EQ(error_code([&] { service_->import_enterprises(officer("02CI"), bad); }), "IMPORT_INVALID");
  EXPECT_EQ(count(*db_, "SELECT COUNT(*) FROM audit_enterprises"), 2);
  const auto again = service_->import_enterprises(officer("02CI"), "tax_code,name\n" + tax_code(80) + ",Công ty Đổi Tên\n");
  EXPECT_EQ(again.updated, 1);
}

TEST_F(AuditService_, FeedbackIsListedForAdministrators) {
  service_->send_feedback(officer("02CI"), {0, 0, 0, "", "", "Đề xuất KTSTQ", "Thêm lọc theo năm", "Tìm nhanh hơn", ""});
  EXPECT_EQ(error_code([&] { service_->feedback(officer("02CI"), 0, 10); }), "FORBIDDEN");
  EXPECT_EQ(service_->feedback(user("02", {"unit.admin"}), 0, 10).total, 1);
  EXPECT_EQ(service_->feedback(user("03", {"unit.admin"}), 0, 10).total, 0);
}

}  // namespace
}  // namespace hq::audit::testing
