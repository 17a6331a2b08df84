// The hash chain: altered, removed and reordered entries are found; old-format entries still verify; the
// length-prefixed format cannot be fooled by moving a separator between fields.
#include <gtest/gtest.h>

#include <vector>

#include "history/chain.h"

namespace hq::history {
namespace {

std::vector<Entry> chain(int count, int format = kEntryFormat, std::vector<Entry> before = {}) {
  std::vector<Entry> entries = std::move(before);
  for (int i = 0; i < count; ++i) {
    Entry e;
    e.id = static_cast<std::int64_t>(entries.size()) + 1;
    e.at = 1'750'000'000 + e.id;
    e.account_id = 3;
    e.username = "02ci_qt";
    e.unit_code = "02CI";
    e.action = "account.update";
    e.entity_type = "account";
    e.entity_id = "02ci.canbo";
    e.summary = "Sửa lần " + std::to_string(e.id);
    e.client_address = "10.0.0.1";
    e.format = format;
    e.prev_hash = entries.empty() ? "" : entries.back().hash;
    e.hash = entry_hash(e);
    entries.push_back(e);
  }
  return entries;
}

ChainCheck check(const std::vector<Entry>& entries, std::int64_t head_id, const std::string& head_hash) {
  ChainVerifier verifier;
  for (const auto& e : entries)
    if (!verifier.feed(e)) break;
  return verifier.finish(head_id, head_hash);
}

ChainCheck check(const std::vector<Entry>& entries) {
  return check(entries, entries.back().id, entries.back().hash);
}

TEST(Chain, AnIntactChainVerifies) {
  const auto entries = chain(5);
  const auto result = check(entries);
  EXPECT_TRUE(result.ok) << result.problem;
  EXPECT_EQ(result.checked, 5);
}

TEST(Chain, AnAlteredEntryIsFound) {
  auto entries = chain(5);
  entries[2].summary = "sửa lén";
  const auto result = check(entries);
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.first_bad_id, 3);
}

TEST(Chain, ARemovedEntryIsFound) {
  auto entries = chain(5);
  entries.erase(entries.begin() + 2);
  const auto result = check(entries, 5, chain(5).back().hash);
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.first_bad_id, 4);
}

TEST(Chain, ARemovedTailIsFoundThroughTheHead) {
  const auto full = chain(5);
  auto entries = full;
  entries.pop_back();
  const auto result = check(entries, full.back().id, full.back().hash);
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.first_bad_id, 5);
}

TEST(Chain, ReorderedEntriesAreFound) {
  auto entries = chain(5);
  std::swap(entries[1], entries[2]);
  EXPECT_FALSE(check(entries).ok);
}

TEST(Chain, LengthPrefixesStopMovingTextAcrossFields) {
  Entry a;
  a.id = 1;
  a.username = "x";
  a.unit_code = "y\x1fz";
  Entry b = a;
  b.username = "x\x1fy";
  b.unit_code = "z";
  a.format = b.format = 1;
  EXPECT_EQ(entry_hash(a), entry_hash(b));  // the weakness of format 1
  a.format = b.format = 2;
  EXPECT_NE(entry_hash(a), entry_hash(b));
}

TEST(Chain, OldFormatEntriesStillVerifyAndTheCutOverHolds) {
  const auto mixed = chain(3, kEntryFormat, chain(3, 1));
  EXPECT_TRUE(check(mixed).ok) << check(mixed).problem;
  // An entry in the old format after the cut-over is a downgrade, even with a hash that matches it.
  auto downgraded = mixed;
  downgraded[4].format = 1;
  downgraded[4].hash = entry_hash(downgraded[4]);
  downgraded[5].prev_hash = downgraded[4].hash;
  downgraded[5].hash = entry_hash(downgraded[5]);
  const auto result = check(downgraded);
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.first_bad_id, 5);
  // An unknown format never verifies.
  auto unknown = chain(2);
  unknown[1].format = 9;
  EXPECT_FALSE(check(unknown).ok);
}

}  // namespace
}  // namespace hq::history
