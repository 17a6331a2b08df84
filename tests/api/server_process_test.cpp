// Runs the real binary over TCP: limits, the SPA's static files, and the graceful stop on SIGTERM.
#include <filesystem>
#include <fstream>
#include <thread>

#include <gtest/gtest.h>

#include "tests/support/raw_http.h"

namespace {

namespace fs = std::filesystem;
using hq::test::raw_http;

std::string get(int port, const std::string& target, const std::string& extra = "") {
  return hq::test::http_get(port, target, extra);
}

class ServerProcess : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("haiquan_proc_" + std::to_string(getpid()));
    fs::create_directories(dir_ / "web/assets");
    std::ofstream(dir_ / "web/index.html") << "<!doctype html><title>haiquan</title>";
    std::ofstream(dir_ / "web/assets/app-1a2b3c.js") << "console.log(1)";
    std::ofstream(dir_ / "secret.txt") << "do not serve";
    const std::string db = "sqlite:" + (dir_ / "h.db").string();
    ASSERT_EQ(std::system((std::string(HAIQUAN_BINARY) + " init --db " + db + " --admin-password 'Quan-tri-2026!' >/dev/null").c_str()), 0);
    port_ = 20000 + getpid() % 20000;
    pid_ = hq::test::start_server(HAIQUAN_BINARY, db, port_, (dir_ / "web").string());
  }
  static void TearDownTestSuite() {
    hq::test::stop_server(pid_);
    fs::remove_all(dir_);
  }
  static inline fs::path dir_;
  static inline int port_ = 0;
  static inline pid_t pid_ = -1;
};

TEST_F(ServerProcess, HealthOverTcp) {
  const auto response = get(port_, "/healthz");
  EXPECT_NE(response.find("HTTP/1.1 200"), std::string::npos) << response;
  EXPECT_NE(response.find("{\"db\":\"ok\",\"status\":\"ok\"}"), std::string::npos);
}

TEST_F(ServerProcess, SinglePageAppFiles) {
  const auto index = get(port_, "/");
  EXPECT_NE(index.find("Cache-Control: no-cache"), std::string::npos) << index;
  EXPECT_NE(index.find("<title>haiquan</title>"), std::string::npos);
  const auto asset = get(port_, "/assets/app-1a2b3c.js");
  EXPECT_NE(asset.find("max-age=31536000"), std::string::npos) << asset;
  EXPECT_NE(asset.find("text/javascript"), std::string::npos);
  const auto client_route = get(port_, "/audit/proposals/12");
  EXPECT_NE(client_route.find("<title>haiquan</title>"), std::string::npos);
  const auto api_404 = get(port_, "/api/v1/does-not-exist");
  EXPECT_NE(api_404.find("HTTP/1.1 404"), std::string::npos);
  EXPECT_NE(api_404.find("application/json"), std::string::npos);
  for (const char* traversal : {"/../secret.txt", "/%2e%2e/secret.txt", "/assets/..%2f..%2fsecret.txt"}) {
    const auto response = get(port_, traversal);
    EXPECT_EQ(response.find("do not serve"), std::string::npos) << traversal;
    EXPECT_NE(response.find("HTTP/1.1 4"), std::string::npos) << traversal << "\n" << response;
  }
}

TEST_F(ServerProcess, LimitsAnswerWithFourHundreds) {
  const auto long_url = get(port_, "/api/v1/me?x=" + std::string(9000, 'a'));
  EXPECT_NE(long_url.find("HTTP/1.1 414"), std::string::npos) << long_url.substr(0, 200);
  const std::string body(11 * 1024 * 1024, 'a');
  const auto too_big = raw_http(port_, "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: " +
                                           std::to_string(body.size()) + "\r\n\r\n" + body);
  EXPECT_NE(too_big.find("HTTP/1.1 413"), std::string::npos) << too_big.substr(0, 200);
  const auto bad_json = raw_http(port_, "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                                        "Content-Type: application/json\r\nContent-Length: 5\r\n\r\n{{{{{");
  EXPECT_NE(bad_json.find("HTTP/1.1 400"), std::string::npos);
  const auto bad_cookie = get(port_, "/api/v1/me", "Cookie: hq_session=" + std::string(300, 'z') + "\r\n");
  EXPECT_NE(bad_cookie.find("HTTP/1.1 401"), std::string::npos);
  EXPECT_NE(get(port_, "/healthz").find("HTTP/1.1 200"), std::string::npos);  // still serving
}

TEST_F(ServerProcess, AnUploadOverTheLimitGetsA413AtItsHead) {
  // A 2 GiB upload: refused as soon as the head arrives (never buffered); the client keeps sending for a
  // while, as a browser would, and still reads the answer instead of a reset connection.
  const int fd = hq::test::connect_to(port_);
  ASSERT_GE(fd, 0);
  const std::string head = "POST /api/v1/trs/studies/1/import HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\n"
                           "Content-Length: 2147483648\r\n\r\n";
  ASSERT_EQ(send(fd, head.data(), head.size(), MSG_NOSIGNAL), static_cast<ssize_t>(head.size()));
  const std::string chunk(1 << 20, 'x');
  for (int i = 0; i < 64; ++i)
    if (send(fd, chunk.data(), chunk.size(), MSG_NOSIGNAL) <= 0) break;
  shutdown(fd, SHUT_WR);
  const std::string response = hq::test::receive_all(fd);
  EXPECT_EQ(response.rfind("HTTP/1.1 413", 0), 0u) << response.substr(0, 300);
  EXPECT_NE(response.find("PAYLOAD_TOO_LARGE"), std::string::npos);
  EXPECT_NE(response.find("Tệp tải lên dài 2048 MiB, vượt quá giới hạn 256 MiB"), std::string::npos) << response;
  EXPECT_NE(get(port_, "/healthz").find("HTTP/1.1 200"), std::string::npos);  // still serving

  // A request that arrives in the same read before the oversized one is answered first, then the 413.
  const auto both = raw_http(port_, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
                                    "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999\r\n\r\n{}");
  const auto ok = both.find("HTTP/1.1 200"), refused = both.find("HTTP/1.1 413");
  EXPECT_NE(ok, std::string::npos) << both.substr(0, 400);
  EXPECT_NE(refused, std::string::npos) << both.substr(0, 400);
  EXPECT_LT(ok, refused);
  EXPECT_NE(both.find("Nội dung yêu cầu dài 96 MiB, vượt quá giới hạn 10 MiB."), std::string::npos) << both;
}

TEST_F(ServerProcess, ZGracefulStopFinishesRequestsInFlight) {
  // A login hashes with Argon2id (tens of milliseconds): SIGTERM arrives while it runs.
  std::string response;
  std::thread caller([&] {
    const std::string body = R"({"username":"admin","password":"Quan-tri-2026!"})";
    response = raw_http(port_, "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                               "Content-Type: application/json\r\nContent-Length: " +
                                   std::to_string(body.size()) + "\r\n\r\n" + body);
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(15));
  kill(pid_, SIGTERM);
  caller.join();
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  EXPECT_NE(response.find("HTTP/1.1 200"), std::string::npos) << response;
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

}  // namespace
