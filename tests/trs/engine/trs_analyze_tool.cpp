// Test driver for run_analyze until `haiquan trs analyze` is wired with CLI11:
//   trs_analyze_tool --input FILE [--events FILE] [--format json|text|xlsx] [--output FILE]
//                    [--skip-invalid] [--compare FILE] [--week YYYY-MM-DD] [--max-issues N]
#include <cstdlib>
#include <iostream>
#include <string_view>

#include "trs/engine/cli.h"

int main(int argc, char** argv) {
  hq::trs::AnalyzeOptions opts;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    const auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << "thiếu giá trị cho " << a << '\n';
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--input") opts.input = value();
    else if (a == "--events") opts.events = value();
    else if (a == "--format") opts.format = value();
    else if (a == "--output") opts.output = value();
    else if (a == "--compare") opts.compare_with = value();
    else if (a == "--skip-invalid") opts.skip_invalid = true;
    else if (a == "--max-issues") opts.max_issues = std::stoul(value());
    else if (a == "--week") {
      const auto d = hq::core::parse_date(value());
      if (!d) return 2;
      hq::trs::StudySettings st;
      st.week_start = *d;
      st.follow_up_limit = hq::trs::default_follow_up_limit(*d);
      opts.study = st;
    } else {
      std::cerr << "tham số không hợp lệ: " << a << '\n';
      return 2;
    }
  }
  return hq::trs::run_analyze(opts, std::cout, std::cerr);
}
