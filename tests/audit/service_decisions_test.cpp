// Seed rules of issue 13 §3 in the service (SQLite; the routes run on both backends in tests/api/audit_api_test.cpp):
// leaders approve audit decisions, forms 19/20 count approved decisions and conclusions only, and a leader
// never approves what they created.
#include <gtest/gtest.h>

#include "audit/service.h"
#include "audit_fixture.h"

namespace hq::audit::testing {
namespace {

using AuditApproval = AuditFixture;

TEST_F(AuditApproval, LeadersApproveDecisionsAndForm19CountsApprovedOnly) {
  const core::Date signed_on{2026, 6, 15};
  const auto approved_proposal = [&](long long n) {
    const auto p = propose(officer("02CI"), enterprise(n, "Công ty Phê Duyệt " + std::to_string(n)).tax_code).proposal;
    service_->act_on_proposal(leader("02CI"), p.id, Action::Approve, "");
    return p;
  };
  const auto national = [&] {
    return service_->report(user("00", {"audit.leader"}), Form::F19, "00", {2026, 1, 1}, {2026, 12, 31}).total;
  };
  const auto originals = [&] {
    return service_->report(leader("02"), Form::F20, "02", {2026, 1, 1}, {2026, 12, 31}).total.at("decisions_original");
  };
  const auto p = approved_proposal(80);
  const auto d = service_->add_decision(officer("02CI"), p.id, {"ORIGINAL", "40/QĐ-02CI", "", "", signed_on, signed_on, 5});
  EXPECT_EQ(d.status, "ENTERED");
  EXPECT_EQ(national().at("audits"), 0);  // not approved yet
  EXPECT_EQ(originals(), 0);

  EXPECT_EQ(error_code([&] { service_->approve_decision(officer("02CI"), p.id, d.id); }), "FORBIDDEN");
  EXPECT_EQ(error_code([&] { service_->approve_decision(leader("03"), p.id, d.id); }), "FORBIDDEN");
  EXPECT_EQ(error_code([&] { service_->approve_decision(leader("02CI"), p.id, d.id + 100); }), "DECISION_NOT_FOUND");
  const auto approved = service_->approve_decision(leader("02CI"), p.id, d.id);
  EXPECT_EQ(approved.status, "APPROVED");
  EXPECT_EQ(approved.approved_by, "02CI.audit.leader");
  EXPECT_EQ(error_code([&] { service_->approve_decision(leader("02"), p.id, d.id); }), "INVALID_TRANSITION");
  EXPECT_EQ(service_->proposal(officer("02CI"), p.id).decisions.front().status, "APPROVED");
  EXPECT_EQ(national().at("audits"), 1);
  EXPECT_EQ(originals(), 1);
  // An unapproved cancellation does not take the audit out of the count; an approved one does.
  const auto cancel =
      service_->add_decision(officer("02CI"), p.id, {"CANCELLATION", "42/QĐ-02CI", "", "", signed_on, std::nullopt, 0});
  EXPECT_EQ(national().at("audits"), 1);
  service_->approve_decision(leader("02CI"), p.id, cancel.id);
  EXPECT_EQ(national().at("audits"), 0);

  // Amounts count once the conclusion is approved.
  const auto q = approved_proposal(81);
  const auto dq = service_->add_decision(officer("02CI"), q.id, {"ORIGINAL", "43/QĐ-02CI", "", "", signed_on, signed_on, 5});
  service_->approve_decision(leader("02CI"), q.id, dq.id);
  ConclusionInput c{"44/KL-02CI", "", signed_on, {}, 2, std::nullopt};
  c.amounts.at("vat") = 700;
  service_->add_conclusion(officer("02CI"), q.id, c);
  EXPECT_EQ(national().at("audits"), 1);
  EXPECT_EQ(national().at("vat"), 0);
  EXPECT_EQ(national().at("conclusions"), 0);
  service_->approve_conclusion(leader("02"), q.id);
  EXPECT_EQ(national().at("vat"), 700);
  EXPECT_EQ(national().at("conclusions"), 1);
}

TEST_F(AuditApproval, ALeaderNeverApprovesWhatTheyCreated) {
  const auto e = enterprise(85, "Công ty Tự Duyệt");
  const auto me = leader("02CI"), above = leader("02");
  // A proposal the leader made: another leader (here the Cục's) approves it.
  const auto p = propose(me, e.tax_code).proposal;
  EXPECT_EQ(error_code([&] { service_->act_on_proposal(me, p.id, Action::Approve, ""); }), "OWN_WORK");
  EXPECT_EQ(service_->act_on_proposal(me, p.id, Action::Pause, "Chờ hồ sơ").status, "PAUSED");  // other moves stay
  service_->act_on_proposal(me, p.id, Action::Resume, "");
  EXPECT_EQ(service_->act_on_proposal(above, p.id, Action::Approve, "").status, "APPROVED");
  // A decision and a conclusion the leader entered.
  const core::Date day{2026, 6, 15};
  const auto d = service_->add_decision(me, p.id, {"ORIGINAL", "50/QĐ", "", "", day, day, 5});
  EXPECT_EQ(error_code([&] { service_->approve_decision(me, p.id, d.id); }), "OWN_WORK");
  EXPECT_EQ(service_->approve_decision(above, p.id, d.id).status, "APPROVED");
  service_->add_conclusion(me, p.id, {"51/KL", "", day, {}, 0, std::nullopt});
  EXPECT_EQ(error_code([&] { service_->approve_conclusion(me, p.id); }), "OWN_WORK");
  EXPECT_EQ(service_->approve_conclusion(above, p.id).status, "APPROVED");
  // A collection the leader proposed, and results the leader sent.
  const auto col = service_->create_collection(me, {e.tax_code, "Giá thấp bất thường", {"VALUATION"}}).collection;
  EXPECT_EQ(error_code([&] { service_->act_on_collection(me, col.id, Action::Approve, ""); }), "OWN_WORK");
  service_->act_on_collection(above, col.id, Action::Approve, "");
  const auto sent = service_->record_collection_results(me, col.id, {{"VALUATION", "Giá thấp hơn tham chiếu", true}});
  EXPECT_EQ(sent.results_by, "02CI.audit.leader");
  EXPECT_EQ(error_code([&] { service_->approve_collection_results(me, col.id); }), "OWN_WORK");
  EXPECT_EQ(service_->approve_collection_results(above, col.id).status, "COMPLETED");
  // Results sent by an officer: the unit's own leader approves them.
  const auto other = service_->create_collection(officer("02CI"), {enterprise(86, "Công ty Khác").tax_code, "Xuất xứ", {"ORIGIN"}}).collection;
  service_->act_on_collection(me, other.id, Action::Approve, "");
  service_->record_collection_results(officer("02CI"), other.id, {{"ORIGIN", "Không phát hiện", false}});
  EXPECT_EQ(service_->approve_collection_results(me, other.id).status, "COMPLETED");
}


TEST_F(AuditApproval, AConclusionRequiresAnOriginalDecision) {
  const core::Date day{2026, 6, 15};
  const auto p = propose(officer("02CI"), enterprise(90, "Công ty Chưa Quyết Định").tax_code).proposal;
  service_->act_on_proposal(leader("02CI"), p.id, Action::Approve, "");
  const ConclusionInput c{"90/KL", "", day, {}, 1, std::nullopt};
  EXPECT_EQ(error_code([&] { service_->add_conclusion(officer("02CI"), p.id, c); }), "ORIGINAL_DECISION_REQUIRED");
  service_->add_decision(officer("02CI"), p.id, {"ORIGINAL", "90/QĐ", "", "", day, day, 5});
  EXPECT_EQ(service_->add_conclusion(officer("02CI"), p.id, c).number, "90/KL");
}

}  // namespace
}  // namespace hq::audit::testing
