// Generates N realistic time-release-study declarations in the wide CSV format (deterministic for a seed).
//
//   trs_generate N [--seed S] [--bad-rate R] [--output FILE]      (default: stdout, seed 2015, R 0.01)
//
// The declarations come from trs::SampleRecords (src/trs/engine/sample_records.h). A fraction R of the rows carries
// errors a real study has: swapped milestones (negative intervals), missing milestones and, for a third of
// that share, malformed cells (bad dates, PURPLE).
#include <fstream>
#include <iostream>
#include <string>

#include "trs/engine/record.h"
#include "trs/engine/record_writer.h"
#include "trs/engine/sample_records.h"

using hq::trs::Record;

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: trs_generate N [--seed S] [--bad-rate R] [--output FILE]\n";
    return 2;
  }
  const std::size_t n = std::stoul(argv[1]);
  std::uint64_t seed = 2015;
  double bad = 0.01;
  std::string output;
  for (int i = 2; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--seed") seed = std::stoull(argv[i + 1]);
    else if (a == "--bad-rate") bad = std::stod(argv[i + 1]);
    else if (a == "--output") output = argv[i + 1];
  }
  std::ofstream file;
  if (!output.empty()) file.open(output, std::ios::binary);
  std::ostream& out = output.empty() ? std::cout : file;
  hq::trs::SampleRecords sample(seed);
  hq::trs::write_wide_csv_header(out);
  const auto& channel = hq::trs::column("channel");
  const auto& registered = hq::trs::column("registered_at");
  for (std::size_t i = 0; i < n; ++i) {
    Record r = sample.next(i);
    sample.damage(r, bad);
    // Malformed cells (a third of the damaged share): written over the canonical text.
    const bool bad_cell = sample.chance(bad / 3);
    const bool bad_channel = bad_cell && sample.chance(0.5);
    bool first = true;
    for (const auto& c : hq::trs::columns()) {
      std::string cell = hq::trs::format_cell(c, r);
      if (bad_cell && &c == (bad_channel ? &channel : &registered)) cell = bad_channel ? "PURPLE" : "31/02/2025 10:00";
      out << (first ? "" : ",") << hq::trs::csv_escape(cell);
      first = false;
    }
    out << '\n';
  }
  return 0;
}
