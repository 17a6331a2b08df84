#include <gtest/gtest.h>

#include <sstream>

#include "test_util.h"
#include "trs/engine/cli.h"
#include "trs/engine/xlsx_reader.h"

using namespace hq::trs;
using test::lines;

namespace {

const std::string kCsv = lines({
    "flow,declaration_no,channel,registered_at,released_at",
    "NK,104722599000,RED,2025-06-16 08:00,2025-06-21 03:00:17",
    "NK,104722599010,PURPLE,2025-06-16 10:00,2025-06-16 09:00",
    "XK,304722599000,GREEN,2025-06-16 08:00,2025-06-16 08:10",
});

struct CliRun {
  int code;
  std::string out, err;
};
CliRun run(const AnalyzeOptions& o) {
  std::ostringstream out, err;
  const int code = run_analyze(o, out, err);
  return {code, out.str(), err.str()};
}

}  // namespace

TEST(Cli, JsonOnStdout) {
  test::TempFile in(".csv", kCsv);
  AnalyzeOptions o;
  o.input = in.path();
  const CliRun r = run(o);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(r.err.empty());
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["records"]["total"], 3);
  EXPECT_EQ(j["records"]["analysed"], 3);
  bool negative = false, invalid = false;
  for (const auto& i : j["issues"]) {
    negative |= i["code"] == "NEGATIVE_INTERVAL" && i["line"] == 3;
    invalid |= i["code"] == "INVALID_VALUE" && i["line"] == 3 && i["column"] == "channel";
  }
  EXPECT_TRUE(negative);
  EXPECT_TRUE(invalid);
}

TEST(Cli, UnreadableInputExitsNonZeroWithReasonOnStderr) {
  test::TempFile semicolon(".csv", "flow;declaration_no\nNK;104722599000\n");
  test::TempFile utf16(".csv", std::string("\xFF\xFE" "f\0l\0", 6));
  test::TempFile empty(".csv", "");
  for (const std::string& path : {semicolon.path(), utf16.path(), empty.path(), std::string("/nonexistent.csv")}) {
    AnalyzeOptions o;
    o.input = path;
    const CliRun r = run(o);
    EXPECT_EQ(r.code, 1) << path;
    EXPECT_TRUE(r.out.empty()) << path;
    EXPECT_NE(r.err.find("Lỗi"), std::string::npos) << path;
  }
}

TEST(Cli, BadOptions) {
  AnalyzeOptions o;
  o.input = "x.csv";
  o.format = "pdf";
  EXPECT_EQ(run(o).code, 2);
  o.format = "xlsx";  // needs --output
  EXPECT_EQ(run(o).code, 2);
}

TEST(Cli, TextXlsxCompareAndLongFormat) {
  test::TempFile in(".csv", kCsv), out(".xlsx");
  AnalyzeOptions o;
  o.input = in.path();
  o.format = "text";
  CliRun r = run(o);
  ASSERT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("115:00:17"), std::string::npos);

  o.format = "xlsx";
  o.output = out.path();
  o.compare_with = in.path();
  r = run(o);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(looks_like_xlsx(out.path()));

  o.format = "json";
  r = run(o);
  ASSERT_EQ(r.code, 0);
  EXPECT_TRUE(nlohmann::json::parse(r.out)["comparison"].is_array());

  test::TempFile header(".csv", lines({"flow,declaration_no,channel", "XK,304722599000,GREEN"}));
  test::TempFile events(".csv", lines({"declaration_no,event,at", "304722599000,registered,2025-06-16 08:00",
                                       "304722599000,released,2025-06-16 08:30"}));
  AnalyzeOptions l;
  l.input = header.path();
  l.events = events.path();
  r = run(l);
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  for (const auto& row : j["rows"]) {
    if (row["interval"] == "T2" && row["by"] == "all") {
      EXPECT_DOUBLE_EQ(row["median_hours"].get<double>(), 0.5);
    }
  }
}
