// Refusal by letter (art. 9.1.a) and the dispatch of paper results (art. 11.2), on SQLite and PostgreSQL.
#include "tests/eservices/eservices_fixture.h"

namespace hq::test {
namespace {

class EServicesLetters : public EServicesApiTest {
 protected:
  std::string dossier(std::int64_t id, const std::string& tail = "") { return url("/dossiers/" + std::to_string(id) + tail); }
  // A citizen's dossier at 02CI claimed by 02ci.dvc.canbo (mode 5).
  std::int64_t processing_dossier(ApiClient& applicant, ApiClient& officer, const std::string& code = "I.01") {
    const auto r = applicant.post(url("/dossiers"), {{"procedure_code", code}, {"unit_code", "02CI"},
                                                     {"documents", {document("Đơn đề nghị", "x"), document("Phụ lục", "y")}}});
    EXPECT_EQ(r.status, 201) << r.raw;
    const auto id = r.body.value("id", std::int64_t{0});
    EXPECT_EQ(officer.post(dossier(id, "/claim")).status, 200);
    return id;
  }
  // Who a refusal involves, on the configured procedures: the applicant, whose dossier is processing and claimed
  // by the officer, the Chi cục's team leader (dept) and its leader (head).
  struct RefusalCase {
    ApiClient applicant, officer, dept, head;
    std::int64_t id = 0;
  };
  RefusalCase refusal_case() {
    configure();
    RefusalCase c{citizen("cd.binh"), logged_in("02ci.dvc.canbo"), logged_in("02ci.dvc.doitruong"),
                  logged_in("02ci.dvc.lanhdao")};
    c.id = processing_dossier(c.applicant, c.officer);
    return c;
  }
  static void expect_status(const ApiResponse& r, const std::string& status) {
    EXPECT_EQ(r.status, 200) << r.raw;
    EXPECT_EQ(r.body.value("status", ""), status) << r.raw;
  }
  void paper_procedure(const std::string& code, std::int64_t fee) {
    auto a = admin();
    const auto r = a.put(url("/procedures/" + code + "/settings"),
                         {{"processing_days", 2}, {"fee", fee}, {"result_form", "PAPER"},
                          {"documents", {{{"name", "Đơn đề nghị"}, {"signed", false}}, {{"name", "Phụ lục"}, {"signed", false}}}}});
    ASSERT_EQ(r.status, 200) << r.raw;
  }
};

TEST_P(EServicesLetters, RefusalLetterIsApprovedByBothLeadersThenIssued) {
  auto [applicant, officer, dept, head, id] = refusal_case();
  // Limits and rights first: both fields required; only the assigned officer drafts.
  EXPECT_EQ(officer.post(dossier(id, "/propose-refusal"), {{"reason", "Không thuộc thẩm quyền"}}).status, 400);
  EXPECT_EQ(officer.post(dossier(id, "/propose-refusal"), {{"reason", "x"}, {"letter", std::string(20001, 'a')}}).status, 400);
  auto other = logged_in("02ci.dvc.canbo2");
  EXPECT_EQ(other.post(dossier(id, "/propose-refusal"), {{"reason", "x"}, {"letter", "y"}}).status, 403);
  EXPECT_EQ(applicant.post(dossier(id, "/propose-refusal"), {{"reason", "x"}, {"letter", "y"}}).status, 403);

  auto r = officer.post(dossier(id, "/propose-refusal"),
                        {{"reason", "Thủ tục thuộc thẩm quyền Cục"}, {"letter", "Kính gửi ông/bà: hồ sơ không thuộc thẩm quyền."}});
  expect_status(r, "PENDING_DEPT");
  // The draft is the office's: the applicant sees no letter yet.
  EXPECT_EQ(applicant.get(dossier(id, "/letters")).body["items"].size(), 0u);
  r = officer.get(dossier(id, "/letters"));
  ASSERT_EQ(r.body["items"].size(), 1u) << r.raw;
  EXPECT_EQ(r.body["items"][0]["status"], "DRAFT");
  EXPECT_TRUE(r.body["items"][0]["number"].is_null());
  // The unit leader returns it: the draft is withdrawn, the officer has the dossier back.
  expect_status(dept.post(dossier(id, "/approve")), "PENDING_UNIT");
  expect_status(head.post(dossier(id, "/return"), {{"comment", "Ghi rõ cơ quan có thẩm quyền"}}), "PROCESSING");
  r = officer.get(dossier(id, "/letters"));
  EXPECT_EQ(r.body["items"][0]["status"], "WITHDRAWN");
  // A second draft, approved by both: issued with a number, the dossier refused and closed.
  expect_status(officer.post(dossier(id, "/propose-refusal"),
                             {{"reason", "Thuộc thẩm quyền Cục Hải quan TP. Hồ Chí Minh"}, {"letter", "Đề nghị nộp tại Cục."}}),
                "PENDING_DEPT");
  expect_status(dept.post(dossier(id, "/approve")), "PENDING_UNIT");
  r = head.post(dossier(id, "/approve"), {{"comment", "Ký ban hành"}});
  expect_status(r, "REFUSED");
  EXPECT_FALSE(r.body["closed_at"].is_null()) << r.raw;
  r = applicant.get(dossier(id, "/letters"));
  ASSERT_EQ(r.body["items"].size(), 1u) << r.raw;
  EXPECT_EQ(r.body["items"][0]["status"], "ISSUED");
  EXPECT_EQ(r.body["items"][0]["decided_by"], "02ci.dvc.lanhdao");
  EXPECT_EQ(r.body["items"][0]["number"].get<std::string>().rfind("CV-", 0), 0u) << r.raw;
  EXPECT_EQ(head.post(dossier(id, "/approve")).status, 409);  // nothing more to approve
  // Scope: another applicant and an officer of another Chi cục see nothing.
  auto stranger = citizen("cd.chau");
  EXPECT_EQ(stranger.get(dossier(id, "/letters")).status, 404);
  EXPECT_EQ(logged_in("03cc.dvc.canbo").get(dossier(id, "/letters")).status, 403);
}

TEST_P(EServicesLetters, OfficerRecallsARefusalLetterSentByMistake) {
  auto [applicant, officer, dept, head, id] = refusal_case();
  const json letter = {{"reason", "Không thuộc thẩm quyền"}, {"letter", "Kính gửi ông/bà: hồ sơ không thuộc thẩm quyền."}};
  expect_status(officer.post(dossier(id, "/propose-refusal"), letter), "PENDING_DEPT");
  // The attack: nobody but the letter's author recalls it — not the applicant, not a colleague of the same
  // Chi cục, not the leader it was sent to, not an officer of another Chi cục (outside the unit scope).
  EXPECT_EQ(applicant.post(dossier(id, "/recall"), {{"comment", "x"}}).status, 403);
  EXPECT_EQ(logged_in("02ci.dvc.canbo2").post(dossier(id, "/recall"), {{"comment", "x"}}).status, 403);
  EXPECT_EQ(dept.post(dossier(id, "/recall"), {{"comment", "x"}}).status, 403);
  EXPECT_EQ(logged_in("03cc.dvc.canbo").post(dossier(id, "/recall"), {{"comment", "x"}}).status, 403);
  EXPECT_EQ(officer.post(dossier(id, "/recall"), {{"comment", std::string(4001, 'a')}}).status, 400);
  ASSERT_EQ(officer.get(dossier(id, "/letters")).body["items"][0]["status"], "DRAFT");

  // The author recalls it: the dossier is the officer's again, the draft is RECALLED, the history says so.
  auto r = officer.post(dossier(id, "/recall"), {{"comment", "Gửi nhầm công văn từ chối"}});
  expect_status(r, "PROCESSING");
  EXPECT_EQ(r.body["assignee"], "02ci.dvc.canbo") << r.raw;
  const auto last = r.body["timeline"].back();
  EXPECT_EQ(last["action"], "recall");
  EXPECT_EQ(last["username"], "02ci.dvc.canbo");
  EXPECT_EQ(last["comment"], "Gửi nhầm công văn từ chối");
  EXPECT_EQ(last["details"]["recalled"], "propose-refusal");
  r = officer.get(dossier(id, "/letters"));
  ASSERT_EQ(r.body["items"].size(), 1u) << r.raw;
  EXPECT_EQ(r.body["items"][0]["status"], "RECALLED");
  EXPECT_EQ(r.body["items"][0]["decided_by"], "02ci.dvc.canbo");
  EXPECT_EQ(last["details"]["letter_id"], r.body["items"][0]["id"]);
  EXPECT_EQ(applicant.get(dossier(id, "/letters")).body["items"].size(), 0u);  // never issued
  EXPECT_EQ(dept.post(dossier(id, "/approve")).status, 409);                   // nothing left to approve
  EXPECT_EQ(officer.post(dossier(id, "/recall")).status, 409);                 // a recall is not recalled

  // Conditional on the state: once the leader agreed, the officer can no longer recall; the leader may
  // recall their own agreement, and after the last approval the letter is issued and stays so.
  expect_status(officer.post(dossier(id, "/propose-refusal"), letter), "PENDING_DEPT");
  expect_status(dept.post(dossier(id, "/approve")), "PENDING_UNIT");
  EXPECT_EQ(officer.post(dossier(id, "/recall"), {{"comment", "x"}}).status, 403);  // the last step is the leader's
  EXPECT_EQ(officer.get(dossier(id, "/letters")).body["items"][1]["status"], "DRAFT");
  expect_status(dept.post(dossier(id, "/recall")), "PENDING_DEPT");
  EXPECT_EQ(officer.post(dossier(id, "/recall"), {{"comment", "x"}}).status, 409);
  expect_status(dept.post(dossier(id, "/approve")), "PENDING_UNIT");
  expect_status(head.post(dossier(id, "/approve")), "REFUSED");
  EXPECT_EQ(officer.post(dossier(id, "/recall")).status, 409);
  EXPECT_EQ(head.post(dossier(id, "/recall")).status, 409);  // the issuing approval is final
  r = applicant.get(dossier(id, "/letters"));
  ASSERT_EQ(r.body["items"].size(), 1u) << r.raw;
  EXPECT_EQ(r.body["items"][0]["status"], "ISSUED");
}

TEST_P(EServicesLetters, PaperResultIsDispatchedOnceAfterPayment) {
  paper_procedure("I.18", 100000);
  configure("I.01", 0);
  auto applicant = citizen("cd.binh");
  auto officer = logged_in("02ci.dvc.canbo");
  // An electronic-result procedure is not dispatched on paper.
  const auto electronic = processing_dossier(applicant, officer, "I.01");
  EXPECT_EQ(officer.post(dossier(electronic, "/dispatch"), {{"method", "POST"}, {"reference", "EB123"}}).status, 409);

  const auto id = processing_dossier(applicant, officer, "I.18");
  EXPECT_EQ(officer.post(dossier(id, "/dispatch"), {{"method", "FAX"}, {"reference", "1"}}).status, 400);
  EXPECT_EQ(officer.post(dossier(id, "/dispatch"), {{"method", "POST"}, {"reference", ""}}).status, 400);
  expect_status(officer.post(dossier(id, "/fee-notice"), {{"amount", 100000}}), "FEE_DUE");
  EXPECT_EQ(officer.post(dossier(id, "/dispatch"), {{"method", "POST"}, {"reference", "EB123"}}).status, 409);  // unpaid
  expect_status(officer.post(dossier(id, "/record-payment"), {{"receipt_no", "BL-0001"}}), "PAID");
  EXPECT_EQ(logged_in("02ci.dvc.canbo2").post(dossier(id, "/dispatch"), {{"method", "POST"}, {"reference", "EB1"}}).status, 403);
  EXPECT_EQ(applicant.post(dossier(id, "/dispatch"), {{"method", "POST"}, {"reference", "EB1"}}).status, 403);
  auto r = officer.post(dossier(id, "/dispatch"), {{"method", "POST"}, {"reference", "EB123456789VN"}, {"note", "Gửi bảo đảm"}});
  expect_status(r, "DONE");
  EXPECT_EQ(officer.post(dossier(id, "/dispatch"), {{"method", "POST"}, {"reference", "EB2"}}).status, 409);  // once
  r = applicant.get(dossier(id, "/dispatch"));
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(r.body["dispatch"]["reference"], "EB123456789VN");
  EXPECT_EQ(r.body["dispatch"]["method"], "POST");
  EXPECT_EQ(applicant.get(dossier(electronic, "/dispatch")).body["dispatch"], nullptr);
  EXPECT_EQ(citizen("cd.chau").get(dossier(id, "/dispatch")).status, 404);
  const auto timeline = applicant.get(dossier(id)).body["timeline"];
  EXPECT_EQ(timeline.back()["action"], "dispatch");
}

HAIQUAN_API_TEST_SUITE(EServicesLetters);

}  // namespace
}  // namespace hq::test
