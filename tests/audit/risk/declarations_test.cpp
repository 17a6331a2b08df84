#include "audit/risk/declarations.h"

#include <gtest/gtest.h>

#include "core/time.h"
#include "tests/audit/risk/declarations_csv.h"
#include "tests/support/errors.h"

namespace hq::audit::risk {
namespace {

using test::kDeclarationsHeader;

std::vector<std::vector<std::string>> records(const std::string& text) {
  std::vector<std::vector<std::string>> out;
  each_csv_record(text, [&](std::int64_t, const std::vector<std::string_view>& cells) {
    out.emplace_back(cells.begin(), cells.end());
  });
  return out;
}

TEST(DeclarationsOrder, ByKeyKeepingTheFileOrderOfARepeatedKey) {
  const auto l = [](std::int64_t decl, std::int64_t line, std::int64_t value) {
    DeclarationLine out;
    out.declaration_no = decl, out.line = line, out.customs_value = value;
    return out;
  };
  std::vector<DeclarationLine> lines = {l(20, 1, 1), l(10, 2, 2), l(20, 1, 3), l(10, 1, 4), l(20, 1, 5)};
  order_by_key(lines);
  std::vector<std::int64_t> values;
  for (const auto& x : lines) values.push_back(x.customs_value);
  EXPECT_EQ(values, (std::vector<std::int64_t>{4, 2, 1, 3, 5}));
  order_by_key(lines);  // already ordered: unchanged
  EXPECT_EQ(lines[4].customs_value, 5);
}

TEST(DeclarationsCsv, QuotesSeparatorsAndRows) {
  const auto rows = records("\xEF\xBB\xBF" "a;b;c\r\n1;\"x;\"\"y\"\"\";3\r\n\r\n4;5;6");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0][0], "a");
  EXPECT_EQ(rows[1][1], "x;\"y\"");
  EXPECT_EQ(rows[2][2], "6");
  std::vector<std::int64_t> numbers;
  each_csv_record("h\n\"multi\nline\"\nnext\n", [&](std::int64_t row, const auto&) { numbers.push_back(row); });
  EXPECT_EQ(numbers, (std::vector<std::int64_t>{1, 2, 4}));
}

TEST(DeclarationsDecode, GoodLine) {
  const std::string text = std::string(kDeclarationsHeader) +
                           "105123456780,2,2025-03-04 09:15,0100109106,NK,a11,02CI,2710.19.44,cn,1000000,50000,100000,Y,"
                           "RED,1\n";
  std::optional<LineDecoder> decoder;
  DeclarationLine line;
  std::vector<CellIssue> issues;
  bool ok = false;
  each_csv_record(text, [&](std::int64_t row, const std::vector<std::string_view>& cells) {
    if (!decoder) return decoder.emplace(cells), void();
    ok = decoder->decode(row, cells, line, issues);
  });
  ASSERT_TRUE(ok) << (issues.empty() ? "" : issues[0].message);
  EXPECT_EQ(format_declaration_no(line.declaration_no), "105123456780");
  EXPECT_EQ(line.line, 2);
  EXPECT_EQ(line.registered_at, core::from_local({{2025, 3, 4}, 9, 15, 0}));
  EXPECT_EQ(line.type_code, "A11");
  EXPECT_EQ(line.hs_code, "27101944");
  EXPECT_EQ(line.origin_country, "CN");
  EXPECT_EQ(line.channel, kRed);
  EXPECT_EQ(line.preferential, 1);
  EXPECT_EQ(line.amendments, 1);
}

TEST(DeclarationsDecode, EveryBadCellIsNamed) {
  const std::string text = std::string(kDeclarationsHeader) + "12345,0,2025-02-30,0100109107,IM,1AB,x,99,CHN,-5,1.5,abc,Q,BLUE,-1\n";
  std::optional<LineDecoder> decoder;
  DeclarationLine line;
  std::vector<CellIssue> issues;
  each_csv_record(text, [&](std::int64_t row, const std::vector<std::string_view>& cells) {
    if (!decoder) return decoder.emplace(cells), void();
    EXPECT_FALSE(decoder->decode(row, cells, line, issues));
  });
  ASSERT_EQ(issues.size(), kColumnCount);  // all fifteen cells are wrong
  for (std::size_t i = 0; i < issues.size(); ++i) {
    EXPECT_EQ(issues[i].row, 2);
    EXPECT_EQ(issues[i].column, kColumns[i]);
    EXPECT_NE(issues[i].message.find("Dòng 2, cột " + std::string(kColumns[i])), std::string::npos) << issues[i].message;
  }
}

TEST(DeclarationsDecode, MissingColumnsRefuseTheHeader) {
  std::vector<std::string_view> header = {"declaration_no", "line", "tax_code"};
  EXPECT_EQ(test::error_code([&] { LineDecoder d(header); }), "INVALID_HEADER");
}

TEST(DeclarationsDecode, RegisteredAtForms) {
  std::int64_t t = 0;
  EXPECT_TRUE(parse_registered_at("2025-01-02", t));
  EXPECT_EQ(t, core::from_local({{2025, 1, 2}, 0, 0, 0}));
  EXPECT_TRUE(parse_registered_at("2025-01-02T08:00:00+07:00", t));
  EXPECT_EQ(t, core::from_local({{2025, 1, 2}, 8, 0, 0}));
  EXPECT_TRUE(parse_registered_at("2025-01-02 08:00:30", t));
  EXPECT_FALSE(parse_registered_at("02/01/2025", t));
  EXPECT_FALSE(parse_registered_at("2025-01-02 25:00", t));
}

}  // namespace
}  // namespace hq::audit::risk
