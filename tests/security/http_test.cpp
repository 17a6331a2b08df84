// The HTTP attacks of the security review, against the real binary over TCP: reading files outside the web
// root (and the outage it caused: a descriptor of the database opened and closed by the server drops its
// SQLite locks, so a command-line import next to it removed the WAL under it), bodies read before the
// session is known, JSON built to exhaust the parser, login by a cross-site form, /metrics without its
// token, and the security headers on every kind of response.
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/support/raw_http.h"
#include "tests/support/web_root.h"

namespace {

namespace fs = std::filesystem;
using hq::test::body_of;
using hq::test::connect_to;
using hq::test::raw_http;
using hq::test::receive_all;
using hq::test::send_all;
using hq::test::status_of;

std::string get(int port, const std::string& target, const std::string& extra = "") {
  return hq::test::http_get(port, target, extra);
}
std::string post(int port, const std::string& target, const std::string& body, const std::string& extra) {
  return hq::test::http_post(port, target, body, extra);
}

constexpr const char* kPassword = "Quan-tri-2026!";
constexpr const char* kMetricsToken = "giam-sat-0123456789";

class SecurityHttp : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = hq::test::fresh_web_root("haiquan_sec_http", "<!doctype html><title>haiquan</title>", "app-1a2b3c.js",
                                    "outside-the-web-root");
    fs::create_symlink(dir_ / "secret.txt", dir_ / "web/leak.txt");
    fs::create_directory_symlink("/", dir_ / "web/assets/root");
    db_path_ = (dir_ / "h.db").string();
    db_ = "sqlite:" + db_path_;
    const std::string binary = HAIQUAN_BINARY;
    ASSERT_EQ(std::system((binary + " init --db " + db_ + " --admin-password '" + kPassword + "' >/dev/null").c_str()), 0);
    ASSERT_EQ(std::system((binary + " demo --db " + db_ + " >/dev/null").c_str()), 0);
    port_ = 20000 + (getpid() + 7919) % 20000;
    pid_ = hq::test::start_server(HAIQUAN_BINARY, db_, port_, (dir_ / "web").string(), (dir_ / "server.log").string(),
                                  {{"HAIQUAN_METRICS_TOKEN", kMetricsToken}});
  }
  static void TearDownTestSuite() {
    hq::test::stop_server(pid_);
    fs::remove_all(dir_);
  }

  // The session cookie ("hq_session=…" or however it is named) of a fresh admin login.
  static std::string login_cookie() {
    const auto response = post(port_, "/api/v1/auth/login",
                               nlohmann::json{{"username", "admin"}, {"password", kPassword}}.dump(),
                               "Content-Type: application/json\r\n");
    EXPECT_EQ(status_of(response), 200) << response.substr(0, 600);
    const auto at = response.find("Set-Cookie: ");
    if (at == std::string::npos) return "";
    return response.substr(at + 12, response.find_first_of(";\r", at) - at - 12);
  }

  static inline fs::path dir_;
  static inline std::string db_path_, db_;
  static inline int port_ = 0;
  static inline pid_t pid_ = -1;
};

TEST_F(SecurityHttp, NoFileOutsideTheWebRootIsServedAndAnImportNextToTheServerLeavesItWorking) {
  const std::vector<std::string> attacks = {
      "//etc/os-release", "/%2Fetc%2Fos-release", "/%2fetc/os-release", "//" + db_path_, "/%2F" + db_path_.substr(1),
      "//" + db_path_ + "-wal", "//proc/self/environ", "//proc/self/cmdline", "/%2Fproc%2Fself%2Fenviron",
      "/leak.txt", "/assets/root/etc/os-release", "/assets/root" + db_path_, "/../secret.txt", "/%2e%2e/secret.txt",
      "/assets/..%2f..%2fsecret.txt", "/%2e%2e%2f%2e%2e" + db_path_, "/..%5csecret.txt", "/assets%5c..%5c..%5csecret.txt",
      "/%00/etc/passwd", "/index.html%00.js", "/.%2e/secret.txt", "/assets/./../../secret.txt"};
  const auto attack_all = [&] {
    for (const auto& path : attacks) {
      const auto response = get(port_, path);
      const int status = status_of(response);
      EXPECT_TRUE(status == 404 || status == 400) << path << "\n" << response.substr(0, 300);
      for (const char* leak : {"SQLite format", "ID=", "HAIQUAN_", "outside-the-web-root", "serve", "<title>"})
        EXPECT_EQ(body_of(response).find(leak), std::string::npos) << path << " leaks " << leak;
      EXPECT_EQ(body_of(response).find(db_path_), std::string::npos) << path << ": the body names no path";
    }
  };
  attack_all();  // on the old code this alone dropped the server's locks on the database

  // The README's way of loading a large study: the command-line import on the same database, while the
  // attacks go on.
  const std::string binary = HAIQUAN_BINARY;
  const std::string out = (dir_ / "study.txt").string();
  ASSERT_EQ(std::system((binary + " trs create-study --name 'Đo thử' --week-start 2025-06-16 --branches 02CI:SEA --db " +
                         db_ + " >" + out)
                            .c_str()),
            0);
  std::string study;
  std::getline(std::ifstream(out), study);
  std::ofstream csv(dir_ / "records.csv");
  csv << "flow,branch_code,route,declaration_no,type_code,arrival_at,registered_at,channel,doc_assigned_at,"
         "doc_check_start_at,doc_check_end_at,inspect_assigned_at,direct_end_at,released_at,supervision_start_at,"
         "supervision_confirmed_at,delay_reasons\n";
  for (int i = 0; i < 3000; ++i)
    csv << "NK,02CI,SEA,1" << std::setw(10) << std::setfill('0') << i << "0,A11,,2025-06-16 08:00,RED,,,,,,2025-06-16 18:00,,,\n";
  csv.close();
  int import_status = -1;
  std::thread import([&] {
    import_status = std::system((binary + " trs import --study " + study + " --input " + (dir_ / "records.csv").string() +
                                 " --db " + db_ + " >/dev/null 2>&1")
                                    .c_str());
  });
  attack_all();
  import.join();
  EXPECT_EQ(import_status, 0);

  // The server still answers, from the database (a login writes a session): no "malformed" 500.
  for (int round = 0; round < 3; ++round) {
    const std::string cookie = login_cookie();
    const auto me = get(port_, "/api/v1/me", "Cookie: " + cookie + "\r\n");
    EXPECT_EQ(status_of(me), 200) << me.substr(0, 400);
    const auto studies = get(port_, "/api/v1/trs/studies/" + study, "Cookie: " + cookie + "\r\n");
    EXPECT_EQ(status_of(studies), 200) << studies.substr(0, 400);
  }
  std::ifstream log(dir_ / "server.log");
  const std::string logged((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
  EXPECT_EQ(logged.find("malformed"), std::string::npos);
}

TEST_F(SecurityHttp, AnUploadWithoutASessionIsRefusedAtItsHeadBeforeItsBody) {
  // 200 MiB declared, nothing of it sent: the answer comes from the head alone.
  for (const std::string cookie : {"", "Cookie: hq_session=forged\r\n"}) {
    const int fd = connect_to(port_);
    ASSERT_GE(fd, 0);
    ASSERT_TRUE(send_all(fd, "POST /api/v1/trs/studies/1/import HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\n" + cookie +
                                 "Content-Length: 209715200\r\n\r\n"));
    const auto response = receive_all(fd);
    EXPECT_EQ(status_of(response), 401) << cookie << response.substr(0, 300);
    EXPECT_NE(response.find("UNAUTHENTICATED"), std::string::npos);
    EXPECT_NE(response.find("Content-Security-Policy: "), std::string::npos);
  }
  // Chunked the same way.
  const int fd = connect_to(port_);
  ASSERT_TRUE(send_all(fd, "POST /api/v1/audit/enterprises/import HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                           "100000\r\n"));
  EXPECT_EQ(status_of(receive_all(fd)), 401);
  // With a session the body is read and the route answers.
  const std::string cookie = login_cookie();
  const auto response = post(port_, "/api/v1/trs/studies/999999/import", "flow\n", "Cookie: " + cookie + "\r\n");
  EXPECT_NE(status_of(response), 401) << response.substr(0, 300);
  EXPECT_EQ(status_of(get(port_, "/healthz")), 200);  // still serving
}

TEST_F(SecurityHttp, AChunkedBodyIsRefusedOnceOverItsLimitNotBufferedToTheEnd) {
  // 11 MiB in 1 MiB chunks to the login (limit 10 MiB), never terminated: the 413 comes without the end.
  const int fd = connect_to(port_);
  ASSERT_TRUE(send_all(fd, "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                           "Transfer-Encoding: chunked\r\n\r\n"));
  const std::string chunk = "100000\r\n" + std::string(1 << 20, ' ') + "\r\n";
  for (int i = 0; i < 11; ++i)
    if (!send_all(fd, chunk)) break;
  const auto response = receive_all(fd);
  EXPECT_EQ(status_of(response), 413) << response.substr(0, 300);
  EXPECT_NE(response.find("gửi từng phần"), std::string::npos);
  EXPECT_EQ(status_of(get(port_, "/healthz")), 200);
}

TEST_F(SecurityHttp, DeepOrLargeJsonIsRefusedCheaplyInVietnamese) {
  const std::string json = "Content-Type: application/json\r\n";
  // 10 MiB of "[": at the transport limit, refused by the JSON size limit before any parsing.
  const auto large = post(port_, "/api/v1/auth/login", std::string(10 << 20, '['), json);
  EXPECT_EQ(status_of(large), 413) << large.substr(0, 300);
  EXPECT_NE(large.find("Nội dung JSON dài"), std::string::npos);
  // 1 MiB of "[": under the size limit, refused by the depth limit (a pre-scan, no JSON value built).
  const auto deep = post(port_, "/api/v1/auth/login", std::string(1 << 20, '['), json);
  EXPECT_EQ(status_of(deep), 400) << deep.substr(0, 300);
  EXPECT_NE(deep.find("JSON_TOO_DEEP"), std::string::npos);
  EXPECT_NE(deep.find("lồng nhau quá 64 cấp"), std::string::npos);
  const auto nested_in_strings = post(port_, "/api/v1/auth/login",
                                      R"({"username":"khong.ton.tai","password":"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"["})", json);
  EXPECT_EQ(status_of(nested_in_strings), 401) << "brackets inside strings do not count";
  EXPECT_EQ(status_of(get(port_, "/healthz")), 200);
}

TEST_F(SecurityHttp, LoginFromACrossSiteFormIsRefused) {
  // A form can post text/plain (or urlencoded) across sites without a preflight; JSON it cannot.
  const std::string body = nlohmann::json{{"username", "admin"}, {"password", kPassword}}.dump();
  for (const std::string type : {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", ""}) {
    const auto response = post(port_, "/api/v1/auth/login", body, type.empty() ? "" : "Content-Type: " + type + "\r\n");
    EXPECT_EQ(status_of(response), 415) << type << response.substr(0, 300);
    EXPECT_NE(response.find("Content-Type: application/json"), std::string::npos);  // the message says what to send
    EXPECT_EQ(response.find("Set-Cookie"), std::string::npos);
  }
  EXPECT_FALSE(login_cookie().empty());  // "application/json; charset=utf-8" and the like still log in
}

TEST_F(SecurityHttp, MetricsNeedTheirTokenWhenOneIsSet) {
  EXPECT_EQ(status_of(get(port_, "/metrics")), 401);
  EXPECT_EQ(status_of(get(port_, "/metrics", "Authorization: Bearer wrong-token-000000\r\n")), 401);
  const auto metrics = get(port_, "/metrics", std::string("Authorization: Bearer ") + kMetricsToken + "\r\n");
  EXPECT_EQ(status_of(metrics), 200);
  EXPECT_NE(metrics.find("haiquan_http_requests_total"), std::string::npos);
}

TEST_F(SecurityHttp, EveryResponseCarriesTheSecurityHeaders) {
  const std::string cookie = login_cookie();
  const std::vector<std::string> responses = {
      get(port_, "/"), get(port_, "/assets/app-1a2b3c.js"), get(port_, "//etc/os-release"), get(port_, "/api/v1/nothing"),
      get(port_, "/api/v1/me"), get(port_, "/api/v1/me", "Cookie: " + cookie + "\r\n"), get(port_, "/healthz"),
      get(port_, "/api/v1/me?x=" + std::string(9000, 'a')),
      raw_http(port_, "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999\r\n\r\n{}")};
  for (const auto& response : responses) {
    EXPECT_NE(response.find("Content-Security-Policy: default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'"),
              std::string::npos)
        << response.substr(0, 400);
    EXPECT_NE(response.find("X-Content-Type-Options: nosniff"), std::string::npos) << response.substr(0, 400);
    EXPECT_NE(response.find("Referrer-Policy: same-origin"), std::string::npos) << response.substr(0, 400);
  }
}

}  // namespace
