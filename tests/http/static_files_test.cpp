// The SPA's static files: only files under the canonical web root, every other spelling a bare 404.
#include <filesystem>
#include <fstream>
#include <unistd.h>

#include <gtest/gtest.h>

#include "http/static_files.h"
#include "http/url.h"
#include "tests/support/web_root.h"

namespace {

namespace fs = std::filesystem;
using hq::http::Request;
using hq::http::StaticFiles;

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = hq::test::fresh_web_root("haiquan_static", "<title>app</title>", "app-1.js", "outside the root");
    std::ofstream(dir_ / "web/.env") << "SECRET=dotfile";
    fs::create_symlink(dir_ / "secret.txt", dir_ / "web/assets/link.js");
    fs::create_directory_symlink(dir_, dir_ / "web/up");
    fs::create_symlink("/etc/os-release", dir_ / "web/os.txt");
  }
  void TearDown() override { fs::remove_all(dir_); }

  // As the server does: percent-decode the path first (a malformed escape never reaches the files).
  hq::http::Response get(const std::string& raw_path) {
    Request request;
    request.method = "GET";
    const auto decoded = hq::http::percent_decode(raw_path);
    if (!decoded) return hq::http::Response::error(400, "INVALID_PATH", "");
    request.path = *decoded;
    return StaticFiles((dir_ / "web").string()).serve(request);
  }
  fs::path dir_;
};

TEST_F(StaticFilesTest, ServesFilesUnderTheRootAndTheAppForClientRoutes) {
  EXPECT_EQ(get("/assets/app-1.js").body, "console.log(1)");
  EXPECT_EQ(get("/assets%2Fapp-1.js").body, "console.log(1)");  // decodes to a plain path under the root
  EXPECT_EQ(get("/").body, "<title>app</title>");
  EXPECT_EQ(get("/audit/proposals/12").body, "<title>app</title>");
  EXPECT_EQ(get("/etc/os-release").body, "<title>app</title>");  // relative to the root: not there → the app
}

TEST_F(StaticFilesTest, EverySpellingOfAPathOutsideTheRootIsABare404) {
  const std::string db = (dir_ / "secret.txt").string();
  const std::vector<std::string> attacks = {
      "//etc/os-release", "/%2Fetc%2Fos-release", "/%2fetc/os-release", "//proc/self/environ",
      "//proc/self/cmdline", "/" + db, "/%2F" + db.substr(1), "/../secret.txt", "/%2e%2e/secret.txt",
      "/%2E%2E%2Fsecret.txt", "/assets/..%2f..%2fsecret.txt", "/assets/../../secret.txt", "/./index.html",
      "/%2e/index.html", "/..\\secret.txt", "/%5c..%5csecret.txt", "/assets\\..\\..\\secret.txt",
      "/assets/link.js", "/up/secret.txt", "/os.txt", "/.env", "/assets//app-1.js",
      "/assets/app-1.js/", "/\t/etc/os-release", "/%0a/etc/passwd", "/%7f", "/%2e%2e%5c%2e%2e%5csecret.txt"};
  for (const auto& attack : attacks) {
    const auto response = get(attack);
    EXPECT_TRUE(response.status == 404 || response.status == 400) << attack << " → " << response.status;
    EXPECT_EQ(response.body.find("outside the root"), std::string::npos) << attack;
    EXPECT_EQ(response.body.find("SECRET"), std::string::npos) << attack;
    EXPECT_EQ(response.body.find("ID="), std::string::npos) << attack;  // /etc/os-release
    EXPECT_EQ(response.body.find("<title>app</title>"), std::string::npos) << attack;
    EXPECT_EQ(response.body.find("secret"), std::string::npos) << attack << ": no hint of the path in the body";
  }
  // A NUL cannot be percent-encoded past the decoder; a decoded path that holds one is refused all the same.
  Request request;
  request.method = "GET";
  request.path = std::string("/index.html\0.js", 15);
  EXPECT_EQ(StaticFiles((dir_ / "web").string()).serve(request).status, 404);
}

TEST_F(StaticFilesTest, ResolveNeverLeavesTheCanonicalRoot) {
  const StaticFiles files((dir_ / "web").string());
  EXPECT_EQ(files.resolve("/assets/app-1.js"), fs::canonical(dir_ / "web/assets/app-1.js").string());
  EXPECT_FALSE(files.resolve("//etc/os-release"));
  EXPECT_FALSE(files.resolve("/assets/link.js"));
  EXPECT_FALSE(files.resolve("/up/secret.txt"));
  // A symlink that leads back under the root is followed: the file it names is the root's.
  EXPECT_EQ(files.resolve("/up/web/index.html"), fs::canonical(dir_ / "web/index.html").string());
  EXPECT_FALSE(files.resolve("/assets"));  // a folder
  // A root reached through a symlink is canonicalised once: its files are still served.
  fs::create_directory_symlink(dir_ / "web", dir_ / "web-link");
  EXPECT_TRUE(StaticFiles((dir_ / "web-link").string()).resolve("/index.html"));
  EXPECT_FALSE(StaticFiles((dir_ / "missing").string()).resolve("/index.html"));
}

}  // namespace
