#pragma once
// `haiquan trs analyze`: analyses a study file without a database and prints the report.
#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "trs/engine/report.h"

namespace hq::trs {

struct AnalyzeOptions {
  std::string input;                  // .csv (wide, or the long format's header file) or .xlsx
  std::string format = "json";        // json | text | xlsx
  std::string output;                 // the report is written there (every format); required for xlsx
  std::optional<std::string> events;  // long format: the event log; `input` is then the header file
  bool skip_invalid = false;          // drop whole rows with an invalid cell instead of only the cell
  std::optional<std::string> compare_with;  // a second file: adds "comparison" (this = A, that = B)
  std::optional<std::string> compare_reference;  // or the published figures of an earlier study (VN2013, …)
  std::optional<StudySettings> study;       // none: every row is part of the sample
  std::vector<std::string> world_bank_branches = kDefaultWorldBankBranches;
  std::size_t max_issues = 0;  // 0 = list every issue
};

// Exit codes: 0 done; 1 the input cannot be read or the output written (reason on `err`, nothing on
// `out`); 2 bad options. With `output` the report goes to that file and `out` gets one line saying so.
int run_analyze(const AnalyzeOptions& opts, std::ostream& out, std::ostream& err);

}  // namespace hq::trs
