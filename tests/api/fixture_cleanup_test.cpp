// The API fixture leaves nothing behind, even when a test fails: the seeded template and the test's copy (SQLite
// files with their -wal/-shm, PostgreSQL databases) are gone once the test process ends. ctest runs every test in
// a process of its own, so a leak here is one file (3.5 MB) and one database per test, run after run.
//
// The check runs this test binary again as a child, on one test that makes a request and then fails on purpose,
// with a temp directory of its own (TMPDIR): afterwards that directory must be empty, and the PostgreSQL server
// must hold no database named after the child's process id. Both are the child's alone, so tests running in
// parallel (ctest -j) cannot disturb the check; the child is still a zombie (waitid WNOWAIT) while the databases
// are listed, so its process id cannot have been given to another process yet.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/api/api_fixture.h"
#include "tests/support/scratch_database.h"
#include "tests/support/temp_dir.h"

extern char** environ;

namespace hq::test {
namespace {

namespace fs = std::filesystem;

// The child's test: DISABLED_, so that it runs only when asked for by name (ctest lists it as disabled).
class FixtureChild : public ApiTest {};

TEST_P(FixtureChild, DISABLED_FailsAfterARequest) {
  EXPECT_EQ(logged_in("admin", kAdminPassword).get("/api/v1/units").status, 200);
  ADD_FAILURE() << "failing on purpose: the fixture must clean up after a failed test";
}

HAIQUAN_API_TEST_SUITE(FixtureChild);

class FixtureCleanup : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override { require_backend(GetParam()); }
};

std::vector<std::string> databases_named_after(pid_t pid) {
  std::vector<std::string> names;
  db::Database admin(env("HAIQUAN_TEST_PG"), 1);
  admin.read([&](soci::session& sql) {
    soci::rowset<std::string> rows = (sql.prepare << "SELECT datname FROM pg_database ORDER BY datname");
    const std::string marker = "_" + std::to_string(pid) + "_";
    for (const auto& name : rows)
      if (name.rfind("hq_", 0) == 0 && name.find(marker) != std::string::npos) names.push_back(name);
  });
  return names;
}

TEST_P(FixtureCleanup, AFailedTestLeavesNoFileAndNoDatabase) {
  const TempDir work("haiquan_fixture_cleanup");
  const fs::path child_tmp = work / "tmp", log = work / "child.log";
  fs::create_directories(child_tmp);

  const std::string self = fs::read_symlink("/proc/self/exe").string();
  const std::string filter = "--gtest_filter=Backends/FixtureChild.DISABLED_FailsAfterARequest/" + GetParam();
  std::vector<std::string> args = {self, filter, "--gtest_also_run_disabled_tests"};
  std::vector<std::string> environment = {"TMPDIR=" + child_tmp.string()};
  for (char** e = environ; *e; ++e)
    if (std::string(*e).rfind("TMPDIR=", 0) != 0 && std::string(*e).rfind("GTEST_", 0) != 0) environment.emplace_back(*e);
  auto pointers = [](std::vector<std::string>& strings) {
    std::vector<char*> out;
    for (auto& s : strings) out.push_back(s.data());
    out.push_back(nullptr);
    return out;
  };
  auto argv = pointers(args), envp = pointers(environment);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  pid_t child = 0;
  const int spawned = posix_spawn(&child, self.c_str(), &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  ASSERT_EQ(spawned, 0) << "could not run " << self;

  siginfo_t info{};
  ASSERT_EQ(waitid(P_PID, static_cast<id_t>(child), &info, WEXITED | WNOWAIT), 0);
  const auto left_databases = GetParam() == "postgresql" ? databases_named_after(child) : std::vector<std::string>{};
  waitpid(child, nullptr, 0);

  std::stringstream output;
  output << std::ifstream(log).rdbuf();
  // The child really ran its test and failed it (a filter that matched nothing would exit 0 and prove nothing).
  ASSERT_EQ(info.si_code, CLD_EXITED) << output.str();
  EXPECT_EQ(info.si_status, 1) << output.str();
  EXPECT_NE(output.str().find("failing on purpose"), std::string::npos) << output.str();
  EXPECT_NE(output.str().find("1 FAILED TEST"), std::string::npos) << output.str();

  std::vector<std::string> left_files;
  for (const auto& entry : fs::directory_iterator(child_tmp)) left_files.push_back(entry.path().filename().string());
  EXPECT_TRUE(left_files.empty()) << "left in the temp directory: " << ::testing::PrintToString(left_files);
  EXPECT_TRUE(left_databases.empty()) << "left on the server: " << ::testing::PrintToString(left_databases);
}

INSTANTIATE_TEST_SUITE_P(Backends, FixtureCleanup, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace hq::test
