// to_json_text writes the issues straight into the text: it must be to_json(report).dump(-1, ' ', false, replace)
// byte for byte, whatever the cells hold (quotes, backslashes, control characters, Vietnamese, invalid UTF-8).
#include <gtest/gtest.h>

#include "test_util.h"
#include "trs/engine/report.h"

using namespace hq::trs;
using test::lines;

namespace {

std::string dumped(const nlohmann::json& j) { return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

}  // namespace

TEST(ReportJsonText, IsTheDumpOfToJsonByteForByte) {
  const std::string csv = lines({
      "flow,declaration_no,channel,registered_at,released_at,doc_check_start_at,doc_check_end_at,delay_note,country",
      "NK,104722599000,\"PUR\"\"PLE\",2025-06-17 08:00,2025-06-17 07:00,,,\"ghi chú, có \"\"ngoặc\"\"\",VN",
      "XK,30472259901\\,GREEN,2025-06-17 08:00,2025-06-17 09:00,2025-06-17 10:00,2025-06-17 09:30,,J\tP",
      "XK,304722599020,Đỏ\x01,31/02/2025 10:00,2025-06-17 09:00,,,,\xC3\x28",
      "NK,104722599000,GREEN,2025-06-17 08:00,2025-06-17 09:00,,,,",
  });
  Analyzer a{AnalysisSettings{}};
  read_wide_csv(csv, a);
  const Report r = a.finish();
  ASSERT_GE(r.issues.size(), 5u);
  EXPECT_EQ(to_json_text(r), dumped(to_json(r)));
  nlohmann::json extra = {{"comparison", nlohmann::json::array({{{"k", "v\"\n"}}})}, {"a_first", 1}};
  nlohmann::json merged = to_json(r);
  for (const auto& [k, v] : extra.items()) merged[k] = v;
  EXPECT_EQ(to_json_text(r, extra), dumped(merged));
  const Report empty = Analyzer{AnalysisSettings{}}.finish();
  EXPECT_EQ(to_json_text(empty), dumped(to_json(empty)));
}
