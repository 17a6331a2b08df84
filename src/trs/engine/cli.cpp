#include "trs/engine/cli.h"

#include "core/error.h"

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
  AnalysisSettings settings;
  settings.study = opts.study;
  settings.world_bank_branches = opts.world_bank_branches;
  settings.skip_invalid = opts.skip_invalid;
  settings.max_issues = opts.max_issues;
  try {
    const Report report = analyze_file(opts.input, opts.events, settings);
    std::vector<ComparisonRow> comparison;
    if (opts.compare_with) comparison = compare(report, analyze_file(*opts.compare_with, std::nullopt, settings));
    if (opts.format == "json") {
      nlohmann::json j = to_json(report);
      if (opts.compare_with) j["comparison"] = to_json(comparison);
      out << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    } else if (opts.format == "text") {
      write_text(out, report, comparison);
    } else {
      write_xlsx(opts.output, report, comparison);
      out << "Đã ghi báo cáo vào " << opts.output << " (" << report.records.analysed << " tờ khai được phân tích).\n";
    }
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
