#include "trs/engine/cli.h"

#include <fstream>

#include "core/error.h"
#include "trs/engine/reference_studies.h"

namespace hq::trs {
namespace {

Report analyze_file(const std::string& input, const std::optional<std::string>& events,
                    const AnalysisSettings& settings) {
  Analyzer analyzer(settings);
  read_records_file(input, events, analyzer);
  return analyzer.finish();
}

}  // namespace

int run_analyze(const AnalyzeOptions& opts, std::ostream& out, std::ostream& err) {
  if (opts.format != "json" && opts.format != "text" && opts.format != "xlsx") {
    err << "Lỗi: định dạng \"" << opts.format << "\" không được hỗ trợ (json, text hoặc xlsx).\n";
    return 2;
  }
  if (opts.input.empty()) {
    err << "Lỗi: thiếu tệp dữ liệu (--input).\n";
    return 2;
  }
  if (opts.format == "xlsx" && opts.output.empty()) {
    err << "Lỗi: định dạng xlsx cần đường dẫn tệp kết quả (--output).\n";
    return 2;
  }
  const ReferenceStudy* reference = nullptr;
  if (opts.compare_reference) {
    reference = find_reference_study(*opts.compare_reference);
    if (!reference) {
      err << "Lỗi: không có số liệu tham chiếu \"" << *opts.compare_reference << "\" (có:";
      for (const ReferenceStudy& s : reference_studies()) err << ' ' << s.id;
      err << ").\n";
      return 2;
    }
    if (opts.compare_with) {
      err << "Lỗi: chỉ so sánh với một tệp (--compare) hoặc một số liệu tham chiếu (--compare-reference).\n";
      return 2;
    }
  }
  AnalysisSettings settings;
  settings.study = opts.study;
  settings.world_bank_branches = opts.world_bank_branches;
  settings.skip_invalid = opts.skip_invalid;
  settings.max_issues = opts.max_issues;
  try {
    const Report report = analyze_file(opts.input, opts.events, settings);
    std::vector<ComparisonRow> comparison;
    if (opts.compare_with) comparison = compare(report, analyze_file(*opts.compare_with, std::nullopt, settings));
    if (reference) comparison = compare(report, *reference);
    if (opts.format == "xlsx") {
      write_xlsx(opts.output, report, comparison);
    } else {
      std::ofstream file;
      if (!opts.output.empty()) {
        file.open(opts.output, std::ios::binary | std::ios::trunc);
        if (!file) {
          err << "Lỗi: không ghi được tệp kết quả " << opts.output << ".\n";
          return 1;
        }
      }
      std::ostream& target = opts.output.empty() ? out : file;
      if (opts.format == "json") {
        nlohmann::json extra = nlohmann::json::object();
        if (opts.compare_with || reference) extra["comparison"] = to_json(comparison);
        if (reference) extra["reference"] = to_json(*reference);
        target << to_json_text(report, extra) << '\n';
      } else {
        write_text(target, report, comparison);
      }
      if (!opts.output.empty()) {
        file.close();
        if (!file) {
          err << "Lỗi: không ghi được tệp kết quả " << opts.output << ".\n";
          return 1;
        }
      }
    }
    if (!opts.output.empty())
      out << "Đã ghi báo cáo vào " << opts.output << " (" << report.records.analysed << " tờ khai được phân tích).\n";
    return 0;
  } catch (const core::Error& e) {
    err << "Lỗi [" << e.code() << "]: " << e.what() << '\n';
    return 1;
  } catch (const std::exception& e) {
    err << "Lỗi: không đọc được dữ liệu: " << e.what() << '\n';
    return 1;
  }
}

}  // namespace hq::trs
