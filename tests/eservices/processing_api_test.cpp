#include <atomic>
#include <thread>

#include "tests/eservices/eservices_fixture.h"

namespace hq::test {
namespace {

class EServicesProcessing : public EServicesApiTest {
 protected:
  std::string dossier(std::int64_t id, const std::string& tail = "") {
    return url("/dossiers/" + std::to_string(id) + tail);
  }
  void set_mode(int mode, const json& officers = json::array()) {
    auto qt = logged_in("02ci_qt");
    const auto r = qt.put(url("/assignment/02CI/I.01"), {{"mode", mode}, {"officers", officers}});
    ASSERT_EQ(r.status, 200) << r.raw;
  }
  // A fresh dossier of a citizen (no signature needed) at 02CI.
  std::int64_t new_dossier(ApiClient& applicant) {
    const auto r = applicant.post(url("/dossiers"), {{"procedure_code", "I.01"}, {"unit_code", "02CI"},
                                                     {"documents", {document("Đơn đề nghị", "x"), document("Phụ lục", "y")}}});
    EXPECT_EQ(r.status, 201) << r.raw;
    return r.body.value("id", std::int64_t{0});
  }
  static void expect_status(const ApiResponse& r, const std::string& status) {
    EXPECT_EQ(r.status, 200) << r.raw;
    EXPECT_EQ(r.body.value("status", ""), status) << r.raw;
  }
};

TEST_P(EServicesProcessing, OnlyTheUnitsAdministratorConfiguresAssignment) {
  auto other = logged_in("02_qt");  // the Cục's administrator does not administer its Chi cục (art. 5.2.c)
  EXPECT_EQ(other.put(url("/assignment/02CI/I.01"), {{"mode", 5}}).status, 403);
  auto qt = logged_in("02ci_qt");
  EXPECT_EQ(qt.put(url("/assignment/02CI/I.01"), {{"mode", 4}, {"officers", {"03cc.dvc.canbo"}}}).status, 400);
  EXPECT_EQ(qt.put(url("/assignment/02CI/I.01"), {{"mode", 6}}).status, 400);
  EXPECT_EQ(qt.put(url("/assignment/02CI01/I.01"), {{"mode", 5}}).status, 200);  // its Đội
}

TEST_P(EServicesProcessing, FullPathWithSupplementApprovalFeeAndSignedResult) {
  configure("I.01", 0);
  set_mode(1);
  auto applicant = citizen("cd.binh");
  const auto id = new_dossier(applicant);
  auto head = logged_in("02ci.dvc.lanhdao");
  auto dept = logged_in("02ci.dvc.doitruong");
  auto officer = logged_in("02ci.dvc.canbo");
  EXPECT_EQ(officer.post(dossier(id, "/claim")).status, 409);  // mode 1: not in the pool
  EXPECT_EQ(dept.post(dossier(id, "/assign"), {{"to", "02ci.dvc.canbo"}}).status, 403);  // waits for the unit leader
  auto r = head.post(dossier(id, "/assign"), {{"to", "02ci.dvc.doitruong"}});
  expect_status(r, "RECEIVED");
  EXPECT_EQ(r.body["holder"], "DEPT_LEADER");
  expect_status(dept.post(dossier(id, "/assign"), {{"to", "02ci.dvc.canbo"}}), "PROCESSING");
  // Supplement: the clock stops, then runs on with the due date moved by the paused working time.
  r = officer.post(dossier(id, "/request-supplement"), {{"missing", {"Bản sao hợp đồng"}}, {"note", "Thiếu hợp đồng"}});
  expect_status(r, "SUPPLEMENT_REQUESTED");
  EXPECT_TRUE(r.body["paused"].get<bool>());
  const auto frozen = r.body["remaining_seconds"].get<std::int64_t>();
  EXPECT_EQ(applicant.get(dossier(id)).body["remaining_seconds"], frozen);
  EXPECT_EQ(officer.post(dossier(id, "/propose")).status, 409);
  r = applicant.post(dossier(id, "/supplement"), {{"documents", {document("Bản sao hợp đồng", "hợp đồng")}}});
  expect_status(r, "PROCESSING");
  EXPECT_FALSE(r.body["paused"].get<bool>());
  EXPECT_EQ(r.body["documents"].size(), 3u);
  // Two-level approval with a return.
  expect_status(officer.post(dossier(id, "/propose"), {{"comment", "Đề nghị chấp thuận"}}), "PENDING_DEPT");
  EXPECT_EQ(head.post(dossier(id, "/approve")).status, 403);  // not the unit leader's step yet
  expect_status(dept.post(dossier(id, "/approve"), {{"comment", "Đồng ý"}}), "PENDING_UNIT");
  expect_status(head.post(dossier(id, "/return"), {{"comment", "Bổ sung căn cứ pháp lý"}}), "PROCESSING");
  expect_status(officer.post(dossier(id, "/propose"), {{"comment", "Đã bổ sung"}}), "PENDING_DEPT");
  expect_status(dept.post(dossier(id, "/approve")), "PENDING_UNIT");
  expect_status(head.post(dossier(id, "/approve"), {{"comment", "Duyệt"}}), "APPROVED");
  // Fee at the office (level 3 style), result only after payment.
  expect_status(officer.post(dossier(id, "/fee-notice"), {{"amount", 200000}}), "FEE_DUE");
  r = officer.post(dossier(id, "/issue-result"));
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.error_code(), "WRONG_STATE");
  expect_status(officer.post(dossier(id, "/record-payment"), {{"receipt_no", "BL-0001"}}), "PAID");
  r = officer.post(dossier(id, "/issue-result"));
  expect_status(r, "DONE");
  const std::string number = r.body["result_number"];
  EXPECT_FALSE(number.empty());
  EXPECT_EQ(officer.post(dossier(id, "/issue-result")).status, 409);
  // Anyone verifies the result; the applicant downloads it and verifies the upload.
  r = client().get(url("/results/" + number + "/verify"));
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_TRUE(r.body["valid"].get<bool>());
  EXPECT_EQ(r.body["dossier_number"], applicant.get(dossier(id)).body["number"]);
  const auto file = applicant.get(dossier(id, "/result"));
  ASSERT_EQ(file.status, 200);
  r = client().post(url("/results/verify"), {{"document_base64", file.body["content_base64"]}});
  EXPECT_TRUE(r.body["valid"].get<bool>());
  r = client().post(url("/results/verify"), {{"document_base64", eservices::base64_encode("giả mạo")}});
  EXPECT_FALSE(r.body["valid"].get<bool>());
  EXPECT_EQ(client().get(url("/results/KQ-0000-000000/verify")).status, 404);
  // Every step is in the timeline and in the processing history.
  const auto timeline = applicant.get(dossier(id)).body["timeline"];
  std::vector<std::string> actions;
  for (const auto& s : timeline) actions.push_back(s["action"]);
  EXPECT_EQ(actions, (std::vector<std::string>{"submit", "assign", "assign", "request-supplement", "supplement",
                                               "propose", "approve", "return", "propose", "approve", "approve",
                                               "fee-notice", "record-payment", "issue-result"}));
  long long history = 0;
  const std::string number_of_dossier = applicant.get(dossier(id)).body["number"];
  db().read([&](soci::session& sql) {
    sql << "SELECT COUNT(*) FROM history WHERE action LIKE 'eservices.dossier.%' AND entity_id = :n",
        soci::use(number_of_dossier), soci::into(history);
  });
  EXPECT_EQ(history, 14);
}

TEST_P(EServicesProcessing, ModesTwoThreeAndFour) {
  configure();
  auto applicant = citizen("cd.binh");
  auto head = logged_in("02ci.dvc.lanhdao");
  auto dept = logged_in("02ci.dvc.doitruong");
  set_mode(2);
  auto id = new_dossier(applicant);
  EXPECT_EQ(head.post(dossier(id, "/assign"), {{"to", "02ci.dvc.doitruong"}}).status, 400);  // straight to an officer
  expect_status(head.post(dossier(id, "/assign"), {{"to", "02ci.dvc.canbo2"}}), "PROCESSING");
  auto officer2 = logged_in("02ci.dvc.canbo2");
  expect_status(officer2.post(dossier(id, "/propose")), "PENDING_UNIT");  // mode 2: the unit leader approves
  set_mode(3);
  id = new_dossier(applicant);
  EXPECT_EQ(applicant.get(dossier(id)).body["holder"], "DEPT_LEADER");
  expect_status(dept.post(dossier(id, "/assign"), {{"to", "02ci.dvc.canbo"}}), "PROCESSING");
  // Mode 4: the officer with the fewest open dossiers gets it (02ci.dvc.canbo holds the demo's and the one
  // above; 02ci.dvc.canbo2's only open one is at the unit leader, assigned to nobody).
  set_mode(4, {"02ci.dvc.canbo", "02ci.dvc.canbo2"});
  auto r = applicant.get(dossier(new_dossier(applicant)));
  EXPECT_EQ(r.body["status"], "PROCESSING");
  EXPECT_EQ(r.body["assignee"], "02ci.dvc.canbo2");
  EXPECT_EQ(applicant.get(dossier(new_dossier(applicant))).body["assignee"], "02ci.dvc.canbo2");
  // A head reassigns without bouncing.
  r = head.post(dossier(id, "/assign"), {{"to", "02ci.dvc.canbo2"}});
  expect_status(r, "PROCESSING");
  EXPECT_EQ(r.body["assignee"], "02ci.dvc.canbo2");
}

TEST_P(EServicesProcessing, ParallelClaimsHaveExactlyOneWinner) {
  configure();
  set_mode(5);
  auto applicant = citizen("cd.binh");
  for (int round = 0; round < 3; ++round) {
    const auto id = new_dossier(applicant);
    ApiClient a = logged_in("02ci.dvc.canbo"), b = logged_in("02ci.dvc.canbo2");
    std::atomic<int> ok{0}, conflict{0};
    const auto claim = [&](ApiClient& c) {
      const auto r = c.post(dossier(id, "/claim"));
      if (r.status == 200) ++ok;
      else if (r.status == 409 && r.error_code() == "WRONG_STATE") ++conflict;
    };
    std::thread t1(claim, std::ref(a)), t2(claim, std::ref(b));
    t1.join();
    t2.join();
    EXPECT_EQ(ok.load(), 1);
    EXPECT_EQ(conflict.load(), 1);
    EXPECT_EQ(applicant.get(dossier(id)).body["timeline"].size(), 2u);
  }
}

TEST_P(EServicesProcessing, OnlinePaymentThroughTheSandboxGateway) {
  configure("I.04", 300000);
  auto applicant = citizen("cd.binh");
  const auto r0 = applicant.post(url("/dossiers"), {{"procedure_code", "I.04"}, {"unit_code", "02CI"},
                                                    {"documents", {document("Đơn đề nghị", "x"), document("Phụ lục", "y")}}});
  ASSERT_EQ(r0.status, 201) << r0.raw;
  const auto id = r0.body["id"].get<std::int64_t>();
  auto officer = logged_in("02ci.dvc.canbo");
  expect_status(officer.post(dossier(id, "/claim")), "PROCESSING");
  EXPECT_EQ(applicant.post(dossier(id, "/pay")).status, 409);
  expect_status(officer.post(dossier(id, "/fee-notice"), {{"amount", 300000}}), "FEE_DUE");
  auto start = applicant.post(dossier(id, "/pay"));
  ASSERT_EQ(start.status, 200) << start.raw;
  const std::string redirect = start.body["redirect_url"];
  const auto query = [&](const std::string& name) {
    const auto at = redirect.find(name + "=") + name.size() + 1;
    return redirect.substr(at, redirect.find('&', at) - at);
  };
  auto pay = client().post(url("/sandbox-gateway/pay"), {{"order_id", query("order_id")}, {"amount", 300000},
                                                          {"signature", std::string(64, '0')}});
  EXPECT_EQ(pay.status, 403);  // a tampered redirect
  pay = client().post(url("/sandbox-gateway/pay"), {{"order_id", query("order_id")}, {"amount", 300000},
                                                     {"signature", query("signature")}});
  ASSERT_EQ(pay.status, 200) << pay.raw;
  EXPECT_EQ(applicant.get(dossier(id)).body["status"], "PAID");
  // The gateway repeats its callback: nothing changes; a forged callback is refused.
  pay = client().post(url("/sandbox-gateway/pay"), {{"order_id", query("order_id")}, {"amount", 300000},
                                                     {"signature", query("signature")}});
  EXPECT_EQ(pay.status, 200);
  const auto forged = client().post(url("/payments/callback"), {{"order_id", query("order_id")}, {"amount", 1},
                                                                 {"transaction_id", "X"}, {"status", "SUCCESS"},
                                                                 {"signature", "00"}});
  EXPECT_EQ(forged.status, 403);
  const auto body = applicant.get(dossier(id)).body;
  int payments = 0;
  for (const auto& s : body["timeline"]) payments += s["action"] == "payment";
  EXPECT_EQ(payments, 1);
  expect_status(officer.post(dossier(id, "/issue-result")), "DONE");
}

TEST_P(EServicesProcessing, ScopeRecallRefusalAndTransfer) {
  configure();
  set_mode(5);
  auto applicant = citizen("cd.binh");
  auto other = citizen("cd.chi");
  const auto id = new_dossier(applicant);
  EXPECT_EQ(other.get(dossier(id)).status, 404);
  for (const auto& d : other.get(url("/dossiers")).body["items"]) EXPECT_NE(d["id"], id);
  auto outsider = logged_in("03cc.dvc.canbo");
  EXPECT_EQ(outsider.get(dossier(id)).status, 403);
  EXPECT_EQ(outsider.post(dossier(id, "/claim")).status, 403);
  for (const auto& d : outsider.get(url("/dossiers?page_size=200")).body["items"]) EXPECT_EQ(d["unit_code"], "03CC");
  // Applicants never use officer actions.
  for (const auto* action : {"/assign", "/claim", "/transfer", "/request-supplement", "/refuse", "/propose", "/approve",
                             "/return", "/recall", "/apology", "/fee-notice", "/record-payment", "/issue-result"})
    EXPECT_EQ(applicant.post(dossier(id, action), {{"to", "x"}, {"reason", "x"}, {"comment", "x"}, {"amount", 1},
                                                   {"receipt_no", "x"}, {"missing", {"x"}}, {"unit_code", "03CC"},
                                                   {"letter", "x"}, {"new_due_at", "2030-01-01T08:00:00+07:00"}})
                  .status,
              403)
        << action;
  auto officer = logged_in("02ci.dvc.canbo");
  expect_status(officer.post(dossier(id, "/claim")), "PROCESSING");
  expect_status(officer.post(dossier(id, "/propose")), "PENDING_DEPT");
  expect_status(officer.post(dossier(id, "/recall"), {{"comment", "Gửi nhầm"}}), "PROCESSING");
  EXPECT_EQ(officer.post(dossier(id, "/recall")).status, 409);
  // Sent to the wrong unit: back to the right unit's pool, out of this officer's sight.
  auto r = officer.post(dossier(id, "/transfer"), {{"unit_code", "03CC"}, {"reason", "Thuộc thẩm quyền Hải Phòng"}});
  expect_status(r, "RECEIVED");
  EXPECT_EQ(r.body["unit_code"], "03CC");
  EXPECT_EQ(officer.get(dossier(id)).status, 403);
  expect_status(outsider.post(dossier(id, "/claim")), "PROCESSING");
  r = outsider.post(dossier(id, "/refuse"), {{"reason", "Không thuộc thẩm quyền"}});
  expect_status(r, "REFUSED");
  EXPECT_EQ(outsider.post(dossier(id, "/propose")).status, 409);
}

TEST_P(EServicesProcessing, StatisticsAndExcel) {
  configure();
  set_mode(5);
  auto applicant = citizen("cd.binh");
  new_dossier(applicant);
  auto head = logged_in("02ci.dvc.lanhdao");
  auto r = head.get(url("/stats?unit=02CI" + stats_period()));
  ASSERT_EQ(r.status, 200) << r.raw;
  std::int64_t received = 0;
  for (const auto& l : r.body["items"]) received += l["received"].get<std::int64_t>() + l["carried_over"].get<std::int64_t>();
  EXPECT_GE(received, 1);
  r = head.get(url("/stats?unit=02CI&format=xlsx"));
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.raw.substr(0, 2), "PK");
  EXPECT_EQ(head.get(url("/stats?unit=03CC")).status, 403);
}

HAIQUAN_API_TEST_SUITE(EServicesProcessing);

}  // namespace
}  // namespace hq::test
