#pragma once
// Helpers shared by the trs tests.
#include <atomic>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <string>
#include <unistd.h>

#include "trs/engine/csv_reader.h"

namespace hq::trs::test {

// Lines joined with '\n' (plus a final one).
inline std::string lines(std::initializer_list<std::string> ls) {
  std::string out;
  for (const auto& l : ls) out += l + "\n";
  return out;
}

// A file in the temp directory, removed at scope exit.
class TempFile {
 public:
  explicit TempFile(const std::string& suffix, const std::string& content = {}) {
    static std::atomic<int> counter{0};
    path_ = (std::filesystem::temp_directory_path() /
             ("trs_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++) + suffix))
                .string();
    if (!content.empty() || suffix == ".csv") {
      std::ofstream out(path_, std::ios::binary);
      out << content;
    }
  }
  ~TempFile() { std::filesystem::remove(path_); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Delivers its text one byte per read: every record crosses buffer refills.
class TrickleSource : public ByteSource {
 public:
  explicit TrickleSource(std::string text) : text_(std::move(text)) {}
  std::size_t read(char* dst, std::size_t n) override {
    if (pos_ >= text_.size() || n == 0) return 0;
    *dst = text_[pos_++];
    return 1;
  }

 private:
  std::string text_;
  std::size_t pos_ = 0;
};

inline UnixSeconds local(int y, int mo, int d, int h, int mi, int s = 0) {
  return core::from_local({{y, mo, d}, h, mi, s});
}

}  // namespace hq::trs::test
