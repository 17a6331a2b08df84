// Cutting a CSV into chunks of whole records (find_chunk_end) must never change what the parser reads:
// for every cut of tricky inputs, parsing the chunk and then the rest gives the fields and line numbers of
// one parse of the whole.
#include <gtest/gtest.h>

#include <utility>

#include "test_util.h"
#include "trs/engine/csv_parser.h"

using hq::trs::memory_source;
using hq::trs::detail::CsvParser;
using hq::trs::detail::find_chunk_end;

namespace {

struct Row {
  std::size_t line;
  std::vector<std::string> fields;
  bool unterminated;
  bool operator==(const Row&) const = default;
};

std::vector<Row> parse(std::string_view text, std::size_t first_line = 1) {
  auto src = memory_source(text);
  CsvParser parser(*src, first_line);
  std::vector<Row> rows;
  std::vector<std::string_view> fields;
  while (parser.next(fields))
    rows.push_back({parser.record_line(), {fields.begin(), fields.end()}, parser.unterminated()});
  return rows;
}

void expect_every_cut_reads_the_same(const std::string& text) {
  const std::vector<Row> whole = parse(text);
  for (std::size_t length = 0; length <= text.size(); ++length) {
    const bool at_eof = length == text.size();
    const auto cut = find_chunk_end(std::string_view(text).substr(0, length), at_eof);
    ASSERT_LE(cut.end, length);
    if (at_eof) {
      EXPECT_EQ(cut.end, text.size());
    }
    std::vector<Row> pieces = parse(std::string_view(text).substr(0, cut.end));
    const std::vector<Row> rest = parse(std::string_view(text).substr(cut.end), 1 + cut.lines);
    pieces.insert(pieces.end(), rest.begin(), rest.end());
    ASSERT_EQ(pieces, whole) << "cut at " << cut.end << " of a prefix of " << length << " bytes";
  }
}

}  // namespace

TEST(CsvChunks, EveryCutOfTrickyInputsReadsTheSame) {
  expect_every_cut_reads_the_same(
      "flow,no,note\n"
      "NK,1,\"a, \"\"b\"\"\nc\"\n"          // quoted comma, escaped quotes, newline inside quotes
      "XK,2,plain \"text\" quote\r\n"        // quotes inside an unquoted field, CRLF
      "NK,3,\"x\"junk\"y,\n"                 // junk after a closing quote
      "\n"                                   // blank line
      "XK,4,\"\r\n\"\r"                      // CR inside quotes, lone CR ending the row
      "NK,5,\"\"\n"                          // empty quoted field
      "NK,6,\"never closed\nstill open");    // unterminated at the end
  expect_every_cut_reads_the_same("a,b\n\"\"\"\"\n1,\"2\"\n");
  expect_every_cut_reads_the_same("a\rb\rc\r");
  expect_every_cut_reads_the_same("x,\"q\rr\"\r\"\r\"\r\n1\r\r2\n\r3");
}

TEST(CsvChunks, OldMacLineEndingsAreCutToo) {
  // Without a '\n' a whole file would be one chunk (and all its records in memory at once).
  const auto cut = find_chunk_end("a,b\r1,2\r3,4\r5", false);
  EXPECT_EQ(cut.end, 12u);  // after the third '\r' (its successor is known)
  EXPECT_EQ(cut.lines, 3u);
  EXPECT_EQ(find_chunk_end("a,b\r1,2\r", false).end, 4u);  // the last '\r' may still be followed by '\n'
}

TEST(CsvChunks, NoCutInsideAQuotedField) {
  const auto cut = find_chunk_end("a,b\n1,\"x\ny\nz", false);
  EXPECT_EQ(cut.end, 4u);
  EXPECT_EQ(cut.lines, 1u);
  EXPECT_EQ(find_chunk_end("1,\"x\ny", false).end, 0u);  // no whole record yet
}

// The splitter finds a field's end in a 64-byte bitmask of delimiters (DelimiterScanner): fields of every length
// from 0 to past two blocks, starting at every offset of a block, quoted or not, at the end of the text or not,
// read from a block buffer, where they lie (a chunk) or one byte per read (a refill before every byte), must be
// the fields a byte-at-a-time split gives.
TEST(CsvChunks, FieldEndsAreFoundAtEveryLengthAndBlockOffset) {
  std::string text;
  std::vector<std::vector<std::string>> expected;
  std::vector<std::string> row;
  for (std::size_t i = 0; i < 3000; ++i) {
    const std::size_t length = (i * 37) % 150;  // every length 0..149, at shifting offsets
    std::string value(length, static_cast<char>('a' + i % 26));
    if (i % 7 == 3 && length > 2) value[length / 2] = ';';
    const bool quoted = i % 11 == 5;
    if (quoted && length > 1) value[1] = ',';  // a delimiter inside quotes is text
    text += quoted ? "\"" + value + "\"" : value;
    row.push_back(value);
    if (i % 9 == 8) {
      text += i % 18 == 17 ? "\r\n" : "\n";
      expected.push_back(std::exchange(row, {}));
    } else {
      text += ',';
    }
  }
  text += "last";  // the text ends inside a field, with no newline
  row.push_back("last");
  expected.push_back(row);

  const auto fields_of = [](CsvParser& parser) {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string_view> fields;
    while (parser.next(fields)) rows.emplace_back(fields.begin(), fields.end());
    return rows;
  };
  auto src = memory_source(text);
  CsvParser buffered(*src);
  EXPECT_EQ(fields_of(buffered), expected);
  std::string scratch(text.size(), '\0');
  CsvParser in_place(std::span<const char>(text.data(), text.size()), 1, scratch.data());
  EXPECT_EQ(fields_of(in_place), expected);
  hq::trs::test::TrickleSource trickle(text);
  CsvParser one_byte_per_read(trickle);
  EXPECT_EQ(fields_of(one_byte_per_read), expected);
}
