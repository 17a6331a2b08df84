// The modules' command-line commands (app/module_command.h) each reach their own run: `haiquan audit …` and
// `haiquan eservices …` answer with their own refusal or result, not the "no command" of the dispatcher.
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "tests/support/scratch_database.h"

namespace hq::test {
namespace {

// Runs `command`, its stderr into `err`; the exit code.
int run(const std::string& command, const std::filesystem::path& err) {
  const int status = std::system((command + " >/dev/null 2>" + err.string()).c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string text_of(const std::filesystem::path& file) {
  std::stringstream text;
  text << std::ifstream(file).rdbuf();
  return text.str();
}

TEST(ModuleCommands, EachAuditAndEServicesCommandRunsItsOwnWork) {
  // (the dispatch is the same on both backends; a SQLite file suffices)
  const ScratchDatabase scratch("sqlite", "hq_module_commands");
  const std::string url = scratch.url(), binary = HAIQUAN_BINARY;
  const std::filesystem::path err = url.substr(7) + ".err", file = url.substr(7) + ".csv";
  ASSERT_EQ(run(binary + " init --db " + url + " --admin-password 'Quan-tri-2026!'", err), 0) << text_of(err);
  std::ofstream(file) << "not,a,known,header\n1,2,3,4\n";

  // import-stq01 refuses an account that does not exist, before it reads the file.
  EXPECT_EQ(run(binary + " audit import-stq01 " + file.string() + " --as nobody --db " + url, err), 1);
  EXPECT_NE(text_of(err).find("ACCOUNT_NOT_FOUND"), std::string::npos) << text_of(err);
  // import-declarations reads the file and refuses its header.
  EXPECT_EQ(run(binary + " audit import-declarations " + file.string() + " --db " + url, err), 1);
  EXPECT_NE(text_of(err).find("Lỗi"), std::string::npos) << text_of(err);
  // refresh-crls on a database without trust anchors or certificates: nothing to fetch, done.
  EXPECT_EQ(run(binary + " eservices refresh-crls --db " + url, err), 0) << text_of(err);
  // sign without --key/--cert needs the demo's key, which this database does not have.
  run(binary + " eservices sign --input " + file.string() + " --db " + url, err);
  EXPECT_NE(text_of(err).find("haiquan demo"), std::string::npos) << text_of(err);
  // A module with a required sub-command and none given is refused by the parser.
  EXPECT_NE(run(binary + " eservices", err), 0);
  std::filesystem::remove(err);
  std::filesystem::remove(file);
}

}  // namespace
}  // namespace hq::test
