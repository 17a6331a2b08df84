// db/copy.h's binary COPY decoder: a stream built by hand (every field kind the run reads — int8, int4, int2,
// text with bytes that text COPY would escape, empty text, NULL), fed whole and cut at every byte; malformed
// streams refused; and a round trip through PostgreSQL's own `COPY … TO STDOUT (FORMAT binary)`.
#include "db/copy.h"

#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "db/database.h"
#include "tests/support/scratch_database.h"

namespace hq::db {
namespace {

using Row = std::vector<std::optional<std::string>>;

std::string be(std::uint64_t v, int bytes) {
  std::string out;
  for (int i = bytes - 1; i >= 0; --i) out += static_cast<char>((v >> (8 * i)) & 0xff);
  return out;
}
std::string field(const std::string& bytes) { return be(bytes.size(), 4) + bytes; }
std::string null_field() { return be(0xffffffffu, 4); }

const std::string kText = "Hà Nội\t\\N\n";  // a tab, a backslash and a newline: raw bytes in binary format

std::string stream() {
  std::string s("PGCOPY\n\377\r\n\0", 11);
  s += be(0, 4) + be(3, 4) + "ext";  // flags, then a 3-byte header extension to skip
  s += be(6, 2) + field(be(static_cast<std::uint64_t>(-5'000'000'000LL), 8)) +
       field(be(static_cast<std::uint32_t>(-42), 4)) + field(be(7, 2)) + field(kText) + field("") + null_field();
  s += be(2, 2) + field(be(static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()), 8)) + null_field();
  s += be(0xffff, 2);  // trailer
  return s;
}

std::vector<Row> decode_in_chunks(const std::string& s, std::size_t chunk, bool* finished = nullptr) {
  CopyBinaryDecoder decoder;
  std::vector<Row> rows;
  for (std::size_t at = 0; at < s.size(); at += chunk)
    decoder.feed(std::string_view(s).substr(at, chunk), [&](const CopyBinaryDecoder::Fields& f) {
      Row r;
      for (const auto& v : f) r.push_back(v ? std::optional<std::string>(std::string(*v)) : std::nullopt);
      rows.push_back(r);
    });
  if (finished) *finished = decoder.finished();
  return rows;
}

TEST(CopyBinaryDecoder, EveryFieldKindWholeAndCutAtEveryByte) {
  const std::string s = stream();
  for (std::size_t chunk : {s.size(), std::size_t{1}, std::size_t{3}, std::size_t{17}}) {
    bool finished = false;
    const auto rows = decode_in_chunks(s, chunk, &finished);
    EXPECT_TRUE(finished) << chunk;
    ASSERT_EQ(rows.size(), 2u) << chunk;
    ASSERT_EQ(rows[0].size(), 6u);
    EXPECT_EQ(CopyBinaryDecoder::integer(*rows[0][0]), -5'000'000'000LL);
    EXPECT_EQ(CopyBinaryDecoder::integer(*rows[0][1]), -42);
    EXPECT_EQ(CopyBinaryDecoder::integer(*rows[0][2]), 7);
    EXPECT_EQ(*rows[0][3], kText);
    EXPECT_EQ(*rows[0][4], "");  // empty text is not NULL
    EXPECT_FALSE(rows[0][5].has_value());
    EXPECT_EQ(CopyBinaryDecoder::integer(*rows[1][0]), std::numeric_limits<std::int64_t>::max());
    EXPECT_FALSE(rows[1][1].has_value());
  }
}

TEST(CopyBinaryDecoder, MalformedStreamsAreRefused) {
  const std::string s = stream();
  EXPECT_THROW(decode_in_chunks("PGCOPY\n\377\r\n\1" + s.substr(11), s.size()), std::runtime_error);  // signature
  std::string oids = s;
  oids[12] = 1;  // flags bit 16 (big-endian, second byte): rows carry OIDs
  EXPECT_THROW(decode_in_chunks(oids, s.size()), std::runtime_error);
  EXPECT_THROW(decode_in_chunks(s + be(1, 2), s.size() + 2), std::runtime_error);  // data after the trailer
  EXPECT_THROW(CopyBinaryDecoder::integer("abc"), std::runtime_error);
  bool finished = true;
  EXPECT_EQ(decode_in_chunks(s.substr(0, s.size() - 5), s.size(), &finished).size(), 1u);  // cut: row 2 waits
  EXPECT_FALSE(finished);
}

TEST(CopyBinaryDecoder, RoundTripThroughPostgresql) {
  hq::test::require_backend("postgresql");
  if (HasFatalFailure() || IsSkipped()) return;
  hq::test::ScratchDatabase scratch("postgresql", "hq_copy_binary");
  Database db(scratch.url(), 1);
  db.transaction([&](soci::session& sql) {
    sql << "CREATE TABLE t (n bigint NOT NULL, i integer, s smallint, t text, e text, z bigint)";
    sql << "INSERT INTO t VALUES (-5000000000, -42, 7, E'Hà Nội\\t\\\\N\\n', '', NULL), "
           "(9223372036854775807, NULL, NULL, NULL, 'x', -1)";
    std::vector<Row> rows;
    copy_out_binary(sql, "COPY (SELECT n, i, s, t, e, z FROM t ORDER BY n) TO STDOUT (FORMAT binary)",
                    [&](const CopyBinaryDecoder::Fields& f) {
                      Row r;
                      for (const auto& v : f) r.push_back(v ? std::optional<std::string>(std::string(*v)) : std::nullopt);
                      rows.push_back(r);
                    });
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(CopyBinaryDecoder::integer(*rows[0][0]), -5'000'000'000LL);
    EXPECT_EQ(CopyBinaryDecoder::integer(*rows[0][1]), -42);
    EXPECT_EQ(CopyBinaryDecoder::integer(*rows[0][2]), 7);
    EXPECT_EQ(*rows[0][3], kText);
    EXPECT_EQ(*rows[0][4], "");
    EXPECT_FALSE(rows[0][5].has_value());
    EXPECT_EQ(CopyBinaryDecoder::integer(*rows[1][0]), std::numeric_limits<std::int64_t>::max());
    EXPECT_FALSE(rows[1][1].has_value());
    EXPECT_FALSE(rows[1][3].has_value());
    EXPECT_EQ(CopyBinaryDecoder::integer(*rows[1][5]), -1);
    // The session stays usable after the COPY.
    long long n = 0;
    sql << "SELECT count(*) FROM t", soci::into(n);
    EXPECT_EQ(n, 2);
  });
}

}  // namespace
}  // namespace hq::db
