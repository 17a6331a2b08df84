// libFuzzer target for the trs wide-CSV reader, with the analyzer as its sink (so every decoded record
// also goes through intervals, quality checks and statistics). The first input byte picks the read size
// of the byte source (1…256 bytes, or everything at once) to exercise the parser's buffer refills.
//
// Build and run (until the lead wires fuzz/CMakeLists.txt):
//   clang++-14 -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -I src -I /usr/include/minizip \
//     fuzz/trs_csv_fuzz.cpp src/trs/{record,csv_reader,xlsx_reader,intervals,statistics,report}.cpp \
//     src/core/{time,error}.cpp -lminizip -lexpat -o trs_csv_fuzz
//   ./trs_csv_fuzz -max_total_time=20 -max_len=4096
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "core/error.h"
#include "trs/engine/csv_reader.h"
#include "trs/engine/report.h"

namespace {

class ChunkSource : public hq::trs::ByteSource {
 public:
  ChunkSource(std::string_view text, std::size_t chunk) : text_(text), chunk_(chunk) {}
  std::size_t read(char* dst, std::size_t n) override {
    n = std::min({n, chunk_, text_.size()});
    std::memcpy(dst, text_.data(), n);
    text_.remove_prefix(n);
    return n;
  }

 private:
  std::string_view text_;
  std::size_t chunk_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t chunk = data[0] == 0 ? SIZE_MAX : data[0];
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  hq::trs::AnalysisSettings settings;
  settings.bootstrap_resamples = 20;  // keep each run fast; the statistics code paths are the same
  hq::trs::Analyzer analyzer(settings);
  ChunkSource src(text, chunk);
  try {
    hq::trs::read_wide_csv(src, analyzer);
  } catch (const hq::core::Error&) {
    return 0;  // unreadable input: a documented outcome
  }
  const hq::trs::Report report = analyzer.finish();
  if (report.records.analysed + report.records.excluded != report.records.total) __builtin_trap();
  return 0;
}
