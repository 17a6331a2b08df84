// Request bodies and download headers: the JSON gate (media type, size, depth), library text kept out of
// answers, the RFC 6266 file names and the /metrics guard.
#include <gtest/gtest.h>

#include "core/error.h"
#include "http/message.h"
#include "http/metrics.h"
#include "http/router.h"

namespace {

using hq::http::Request;
using hq::http::Response;

Request json_request(std::string body, std::string content_type = "application/json", std::string path = "/api/v1/x") {
  Request request;
  request.method = "POST";
  request.path = std::move(path);
  request.body = std::move(body);
  if (!content_type.empty()) request.headers["content-type"] = std::move(content_type);
  return request;
}

std::string code_of(const Request& request) {
  try {
    request.json_body();
  } catch (const hq::core::Error& error) {
    return error.code() + " " + std::to_string(hq::core::http_status(error.kind()));
  }
  return "ok";
}

TEST(JsonBody, NeedsTheJsonMediaType) {
  EXPECT_EQ(code_of(json_request("{}")), "ok");
  EXPECT_EQ(code_of(json_request("{}", "Application/JSON; charset=utf-8")), "ok");
  for (const char* type : {"", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=a",
                           "application/jsonx", "text/json"})
    EXPECT_EQ(code_of(json_request("{}", type)), "UNSUPPORTED_MEDIA_TYPE 415") << type;
}

TEST(JsonBody, RefusesLargeAndDeepBodiesBeforeParsing) {
  EXPECT_EQ(code_of(json_request(std::string(10 << 20, '['))), "PAYLOAD_TOO_LARGE 413");
  EXPECT_EQ(code_of(json_request(std::string(1 << 20, '['))), "JSON_TOO_DEEP 400");
  EXPECT_EQ(code_of(json_request(std::string(65, '[') + std::string(65, ']'))), "JSON_TOO_DEEP 400");
  // 64 levels are fine (and a top-level array is then refused as not an object), brackets in strings and
  // escaped quotes do not count.
  EXPECT_EQ(code_of(json_request(std::string(64, '[') + std::string(64, ']'))), "MALFORMED_JSON 400");
  EXPECT_EQ(code_of(json_request(R"({"a":"[[[[\"[[[[[[)" + std::string(100, '[') + R"("})")), "ok");
  // Upload paths (the long-format study import) keep only their transport limit.
  const std::string big = R"({"header":")" + std::string(3 << 20, 'A') + R"("})";
  EXPECT_EQ(code_of(json_request(big, "application/json", "/api/v1/trs/studies/1/import")), "ok");
  EXPECT_EQ(code_of(json_request(big)), "PAYLOAD_TOO_LARGE 413");
}

TEST(Router, LibraryExceptionTextNeverReachesTheClient) {
  hq::http::Router router;
  router.add("GET", "/api/json", [](Request&) -> Response {
    return Response::ok({{"n", nlohmann::json("text").get<int>()}});  // nlohmann's type_error
  }, hq::http::Access::Public);
  router.add("GET", "/api/std", [](Request&) -> Response { throw std::runtime_error("sqlite3: disk I/O at /srv/secret.db"); },
             hq::http::Access::Public);
  for (const char* path : {"/api/json", "/api/std"}) {
    Request request;
    request.method = "GET";
    request.path = path;
    const Response response = router.handle(request);
    EXPECT_GE(response.status, 400) << path;
    EXPECT_EQ(response.body.find("json.exception"), std::string::npos) << response.body;
    EXPECT_EQ(response.body.find("type must be"), std::string::npos) << response.body;
    EXPECT_EQ(response.body.find("secret.db"), std::string::npos) << response.body;
    EXPECT_NE(response.body.find("\"message\":\""), std::string::npos);
  }
}

TEST(ContentDisposition, EncodesAnyNamePerRfc6266) {
  EXPECT_EQ(hq::http::content_disposition("report.xlsx"), "attachment; filename=\"report.xlsx\"; filename*=UTF-8''report.xlsx");
  EXPECT_EQ(hq::http::content_disposition("Báo cáo TRS 2025.xlsx"),
            "attachment; filename=\"B_o c_o TRS 2025.xlsx\"; filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20TRS%202025.xlsx");
  // Quotes, separators and line breaks cannot end the value or add a header.
  const std::string evil = hq::http::content_disposition("a\"; filename=x.exe\r\nSet-Cookie: s=1\\/..;%.txt");
  EXPECT_EQ(evil.find('\r'), std::string::npos);
  EXPECT_EQ(evil.find('\n'), std::string::npos);
  EXPECT_EQ(evil, "attachment; filename=\"a__ filename=x.exe__Set-Cookie: s=1__..__.txt\"; "
                  "filename*=UTF-8''a%22%3B%20filename%3Dx.exe%0D%0ASet-Cookie%3A%20s%3D1%5C%2F..%3B%25.txt");
  EXPECT_EQ(hq::http::content_disposition(""), "attachment; filename=\"download\"; filename*=UTF-8''");
  const auto file = Response::file("text/plain", "x", "Đo TRS.txt");
  EXPECT_EQ(file.headers[1].second, hq::http::content_disposition("Đo TRS.txt"));
}

TEST(MetricsGuard, TokenAndAddresses) {
  Request request;
  request.client_address = "10.0.0.5";
  const auto by_token = hq::http::metrics_guard("s3cret-token", {});
  EXPECT_EQ(by_token(request)->status, 401);
  request.headers["authorization"] = "Bearer s3cret-tokeX";
  EXPECT_EQ(by_token(request)->status, 401);
  request.headers["authorization"] = "Bearer s3cret-token";
  EXPECT_FALSE(by_token(request));
  const auto by_address = hq::http::metrics_guard("", {"127.0.0.1", "10.0.0.9"});
  EXPECT_EQ(by_address(request)->status, 403);
  request.client_address = "10.0.0.9";
  EXPECT_FALSE(by_address(request));
}

}  // namespace
