// The in-process name index (name_index.h) gives what a plain filter over its enterprises gives: every
// enterprise with a word starting with each query word, exactly counted, paged in name or tax-code order
// (either direction), also after enterprises are added or renamed since the snapshot was built.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "audit/name_index.h"
#include "audit/rules.h"

namespace hq::audit::testing {
namespace {

using Entry = NameIndex::Entry;

bool matches(const Entry& e, const std::vector<std::string>& words) {
  const auto own = search_words(e.search_words);
  return std::all_of(words.begin(), words.end(), [&](const std::string& w) {
    return std::any_of(own.begin(), own.end(), [&](const std::string& x) { return x.rfind(w, 0) == 0; });
  });
}

// The plain filter: the expected page and count.
NameIndex::Result expected(const std::map<std::int64_t, Entry>& all, const NameIndex::Query& q) {
  std::vector<Entry> found;
  for (const auto& [id, e] : all)
    if (matches(e, q.words)) found.push_back(e);
  std::sort(found.begin(), found.end(), [&](const Entry& a, const Entry& b) {
    const auto key = [&](const Entry& e) { return std::make_pair(q.by_tax_code ? e.tax_code : e.name_folded, e.id); };
    return q.descending ? key(b) < key(a) : key(a) < key(b);
  });
  NameIndex::Result r;
  r.total = static_cast<std::int64_t>(found.size());
  for (auto i = q.offset; i < q.offset + q.limit && i < r.total; ++i) r.ids.push_back(found[static_cast<std::size_t>(i)].id);
  return r;
}

Entry make(std::int64_t id, const std::string& name, const std::string& foreign = "") {
  return {id, name, std::to_string(1000000000 + (id * 7919) % 1000000), joined_words(search_words(name + " " + foreign))};
}

NameIndex build(const std::map<std::int64_t, Entry>& all) {
  NameIndex::Builder builder;
  for (const auto& [id, e] : all) builder.add(e.id, e.name_folded, e.tax_code, e.search_words);
  return std::move(builder).build();
}

void expect_same(const NameIndex& index, const std::map<std::int64_t, Entry>& all, const std::vector<std::string>& queries) {
  for (const auto& text : queries)
    for (const bool by_tax : {false, true})
      for (const bool descending : {false, true})
        for (const std::int64_t offset : {0, 7, 40, 5000}) {
          SCOPED_TRACE(text + (by_tax ? " / tax" : " / name") + (descending ? " desc" : " asc") + " / " + std::to_string(offset));
          const NameIndex::Query q{search_words(text), by_tax, descending, offset, 20};
          const auto want = expected(all, q);
          const auto got = index.search(q);
          EXPECT_EQ(got.total, want.total);
          EXPECT_EQ(got.ids, want.ids);
        }
}

class NameIndexTest : public ::testing::Test {
 protected:
  // Names from a few syllables, as in the directory: some words in most names, some combinations rare;
  // prefixes cover several words ("con" → con, cong; "ph" → phat, phu, phong).
  void SetUp() override {
    static const char* kForms[] = {"cong ty tnhh", "cong ty co phan", "doanh nghiep tu nhan", "hop tac xa"};
    static const char* kTrades[] = {"thep", "det may", "thuy san", "go", "vat lieu xay dung", "con giong"};
    static const char* kSyllables[] = {"hoa", "phat", "phu", "phong", "minh", "long", "an", "binh", "viet", "tien"};
    std::mt19937 random(2026);
    for (std::int64_t id = 1; id <= 4000; ++id) {
      const std::string name = std::string(kForms[random() % 4]) + " " + kTrades[random() % 6] + " " +
                               kSyllables[random() % 10] + " " + kSyllables[random() % 10];
      all_[id] = make(id, name, random() % 5 == 0 ? "pacific energy" : "");
    }
  }
  std::map<std::int64_t, Entry> all_;
  const std::vector<std::string> queries_ = {
      "cong ty thep", "doanh nghiep con", "con", "ph", "thep hoa phat", "vat lieu xay dung a", "cong ty energy",
      "pacific", "hoa hoa", "xyz", "c", "an binh viet", "hop tac xa go tien", "t"};
};

TEST_F(NameIndexTest, SnapshotGivesThePlainFiltersPageAndCount) {
  const auto index = build(all_);
  EXPECT_EQ(index.size(), all_.size());
  expect_same(index, all_, queries_);
}

TEST_F(NameIndexTest, ChangesAfterTheSnapshotAreFound) {
  auto index = build(all_);
  // Renamed (old words no longer match), given a foreign name, added, renamed twice.
  const std::vector<Entry> changes = {make(5, "cong ty thep zeta"), make(17, all_[17].name_folded, "pacific steel"),
                                      make(4001, "aaa cong ty thep dau tien"), make(4002, "zzz doanh nghiep con cuoi"),
                                      make(9, "hop tac xa con"), make(9, "cong ty energy phu"), make(4001, "cong ty thep b")};
  for (const auto& e : changes) {
    index.upsert(e);
    all_[e.id] = e;
  }
  EXPECT_EQ(index.pending(), 5U);
  EXPECT_EQ(index.size(), all_.size());
  expect_same(index, all_, queries_);
}

TEST_F(NameIndexTest, EnterprisesGivenInAnyOrder) {
  NameIndex::Builder builder;
  for (auto it = all_.rbegin(); it != all_.rend(); ++it)
    builder.add(it->second.id, it->second.name_folded, it->second.tax_code, it->second.search_words);
  auto index = std::move(builder).build();
  for (const std::int64_t id : {1, 2000, 4000}) {  // a change replaces the snapshot's entry, found by id
    all_[id] = make(id, "cong ty thep renamed " + std::to_string(id));
    index.upsert(all_[id]);
  }
  EXPECT_EQ(index.size(), all_.size());
  expect_same(index, all_, queries_);
}

TEST_F(NameIndexTest, EmptyIndexAndEmptyPages) {
  const auto empty = build({});
  EXPECT_EQ(empty.search({{"cong"}, false, false, 0, 20}).total, 0);
  auto index = build(all_);
  const auto past = index.search({{"thep"}, false, false, 1000000, 20});
  EXPECT_GT(past.total, 0);
  EXPECT_TRUE(past.ids.empty());
  index.upsert(make(4100, "mot ten moi"));
  EXPECT_EQ(index.search({{"mot", "moi"}, false, true, 0, 20}).ids, std::vector<std::int64_t>{4100});
  EXPECT_GT(index.memory_bytes(), all_.size() * 20);
}

}  // namespace
}  // namespace hq::audit::testing
