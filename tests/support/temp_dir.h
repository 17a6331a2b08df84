#pragma once
// A directory of a test's own in the temp directory, removed with everything in it when the object goes: a test
// that stops at a failed ASSERT (it returns from the test body) or throws leaves nothing behind, where a
// `remove_all` at the end of the body would not run.
#include <filesystem>
#include <random>
#include <string>
#include <system_error>

#include <unistd.h>

namespace hq::test {

class TempDir {
 public:
  // `stem` names the directory ("haiquan-trs-agency"); the process id and a random number keep parallel test
  // processes (and checkouts sharing the temp directory) apart.
  explicit TempDir(const std::string& stem) {
    namespace fs = std::filesystem;
    std::random_device device;
    path_ = fs::temp_directory_path() / (stem + "_" + std::to_string(::getpid()) + "_" + std::to_string(device()));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;  // a destructor must not throw; what it could not remove is reported nowhere
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

}  // namespace hq::test
