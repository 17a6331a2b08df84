#include "audit/import_problems.h"

#include <nlohmann/json.hpp>

#include "core/error.h"

namespace hq::audit {

void ImportProblems::add(std::int64_t line, const std::string& column, const std::string& message) {
  if (line != last_bad_line_) ++bad_lines_, last_bad_line_ = line;
  ++result.problem_count;
  if (result.problems.size() < kListed) result.problems.push_back({line, column, message});
}

void ImportProblems::verdict(std::int64_t data_rows) const {
  if (data_rows == 0) core::bad_input("EMPTY_IMPORT", "Tệp không có dòng dữ liệu nào sau dòng tiêu đề.");
  if (result.problem_count == 0) return;
  nlohmann::json details = nlohmann::json::array();
  for (const auto& p : result.problems) details.push_back({{"line", p.line}, {"column", p.column}, {"message", p.message}});
  throw core::Error(core::ErrorKind::Unprocessable, "IMPORT_INVALID",
                    "Tệp có " + std::to_string(result.problem_count) + " ô không hợp lệ ở " + std::to_string(bad_lines_) +
                        " dòng; chưa dòng nào được nhập.",
                    {{"problems", details}, {"problem_count", result.problem_count}});
}

}  // namespace hq::audit
