#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
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
  o.output.clear();
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

namespace {
std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}
}  // namespace

// --output is honoured for every format: the report goes to the file (byte for byte what stdout would
// carry), stdout gets one line naming the file.
TEST(Cli, OutputFileForEveryFormat) {
  test::TempFile in(".csv", kCsv);
  for (const std::string format : {"json", "text"}) {
    test::TempFile out("." + format);
    AnalyzeOptions o;
    o.input = in.path();
    o.format = format;
    const CliRun to_stdout = run(o);
    ASSERT_EQ(to_stdout.code, 0) << to_stdout.err;
    o.output = out.path();
    const CliRun to_file = run(o);
    ASSERT_EQ(to_file.code, 0) << to_file.err;
    EXPECT_EQ(slurp(out.path()), to_stdout.out) << format;
    EXPECT_NE(to_file.out.find(out.path()), std::string::npos) << format;
    EXPECT_EQ(to_file.out.find("\"records\""), std::string::npos) << format;
  }
  AnalyzeOptions o;
  o.input = in.path();
  o.output = "/nonexistent-dir/report.json";
  const CliRun r = run(o);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("/nonexistent-dir/report.json"), std::string::npos);
}

// The published 2013 figures are a comparison side like another study (mean hours only).
TEST(Cli, CompareWithReferenceFigures) {
  test::TempFile in(".csv", kCsv);
  AnalyzeOptions o;
  o.input = in.path();
  o.compare_reference = "VN2013";
  const CliRun r = run(o);
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["reference"]["id"], "VN2013");
  EXPECT_NE(j["reference"]["source"].get<std::string>().find("2013"), std::string::npos);
  bool t2_nk = false, t2_xk = false;
  for (const auto& row : j["comparison"]) {
    if (row["interval"] == "T2" && row["flow"] == "NK") {
      t2_nk = true;
      EXPECT_NEAR(row["mean_hours_b"].get<double>(), 32.0 + 38.0 / 60, 1e-9);
      // A: one NK record, 2025-06-16 08:00 → 2025-06-21 03:00:17 = 115:00:17.
      EXPECT_NEAR(row["mean_hours_a"].get<double>(), 115.0 + 17.0 / 3600, 1e-6);
      EXPECT_NEAR(row["mean_change_hours"].get<double>(), 32.0 + 38.0 / 60 - (115.0 + 17.0 / 3600), 1e-6);
    }
    if (row["interval"] == "T2" && row["flow"] == "XK") {
      t2_xk = true;
      EXPECT_NEAR(row["mean_hours_b"].get<double>(), 11.0 + 6.0 / 60 + 33.0 / 3600, 1e-9);
    }
  }
  EXPECT_TRUE(t2_nk);
  EXPECT_TRUE(t2_xk);

  o.compare_reference = "VN1999";
  const CliRun unknown = run(o);
  EXPECT_EQ(unknown.code, 2);
  EXPECT_NE(unknown.err.find("VN2013"), std::string::npos);
  o.compare_reference = "VN2013";
  o.compare_with = in.path();
  EXPECT_EQ(run(o).code, 2);
}
