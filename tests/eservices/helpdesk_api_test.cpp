#include "tests/eservices/eservices_fixture.h"

namespace hq::test {
namespace {

class EServicesHelpdesk : public EServicesApiTest {};

TEST_P(EServicesHelpdesk, AskAnswerForwardWithinScope) {
  auto applicant = citizen("cd.binh");
  auto r = applicant.post(url("/helpdesk"), {{"unit_code", "02CI"}, {"scope", "PROCEDURE"},
                                             {"subject", "Thành phần hồ sơ I.01"}, {"body", "Có cần bản gốc không?"}});
  ASSERT_EQ(r.status, 201) << r.raw;
  const auto id = std::to_string(r.body["id"].get<std::int64_t>());
  EXPECT_EQ(applicant.post(url("/helpdesk"), {{"scope", "OTHER"}, {"subject", "x"}, {"body", "y"}}).status, 400);
  // The applicant sees its own request and cannot answer it.
  EXPECT_EQ(applicant.get(url("/helpdesk")).body["total"], 1);
  EXPECT_EQ(applicant.post(url("/helpdesk/" + id + "/answer"), {{"answer", "x"}}).status, 403);
  auto desk = logged_in("02ci.dvc.hotro");
  EXPECT_EQ(desk.get(url("/helpdesk?status=OPEN")).body["total"], 1);
  // Forwarded to the General Department: out of this helpdesk's scope, the platform administrator answers.
  r = desk.post(url("/helpdesk/" + id + "/forward"), {{"unit_code", "00"}, {"note", "Ngoài thẩm quyền Chi cục"}});
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(r.body["unit_code"], "00");
  EXPECT_EQ(desk.post(url("/helpdesk/" + id + "/answer"), {{"answer", "x"}}).status, 403);
  auto a = admin();
  r = a.post(url("/helpdesk/" + id + "/answer"), {{"answer", "Nộp bản điện tử có chữ ký số là đủ."}});
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(r.body["status"], "ANSWERED");
  EXPECT_EQ(a.post(url("/helpdesk/" + id + "/answer"), {{"answer", "lại"}}).status, 409);
  EXPECT_EQ(applicant.get(url("/helpdesk")).body["items"][0]["answer"], "Nộp bản điện tử có chữ ký số là đủ.");
}

HAIQUAN_API_TEST_SUITE(EServicesHelpdesk);

}  // namespace
}  // namespace hq::test
