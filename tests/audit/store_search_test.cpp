// The name search's plans (store.cpp, search_enterprises: word index or name scan, chosen per query; the
// service's in-process name index, name_search.h) all give what a plain filter over the whole directory
// gives: the same page, and the exact number of matches or, after a name scan, a lower bound ("more than
// N") with a full page. The in-process index also sees what another server writes to the same database.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "audit/rules.h"
#include "audit/store.h"
#include "audit_fixture.h"
#include "core/text.h"

namespace hq::audit::testing {
namespace {

struct Row {
  std::string name_folded, tax_code;
  std::int64_t id = 0;
  std::vector<std::string> words;
};

class AuditStoreSearch : public AuditFixture {
 protected:
  // 3 000 names from a few words, so some words are common and some combinations rare, as in the real
  // directory: "Công ty TNHH Thép Hòa Phát", "Doanh nghiệp tư nhân Gỗ Minh An", …
  void SetUp() override {
    AuditFixture::SetUp();
    static const char* kForms[] = {"Công ty TNHH", "Công ty Cổ phần", "Doanh nghiệp tư nhân"};
    static const char* kTrades[] = {"Thép", "Dệt may", "Thủy sản", "Gỗ"};
    static const char* kSyllables[] = {"Hòa", "Phát", "Minh", "Long", "An", "Bình", "Việt", "Tiến"};
    db_->transaction([&](soci::session& sql) {
      for (int i = 0; i < 3000; ++i) {
        store::Enterprise e;
        e.tax_code = tax_code(1000 + i * 7);
        e.tax_kind = "ENTERPRISE";
        e.name = std::string(kForms[i % 3]) + " " + kTrades[(i / 3) % 4] + " " + kSyllables[(i * 5 + i / 12) % 8] + " " +
                 kSyllables[(i * 3 + i / 96) % 8];
        e.foreign_name = i % 10 == 0 ? "Pacific Steel" : "";
        e.source = "STQ02";
        e.id = store::insert_enterprise(sql, e, 0, 1);
        rows_.push_back({core::fold(e.name), e.tax_code, e.id, search_words(core::fold(e.name + " " + e.foreign_name))});
      }
    });
  }

  // What the search must find: every query word starts a word of the name (or foreign name).
  std::vector<Row> expected(const std::vector<std::string>& words, const std::string& sort, bool descending) const {
    std::vector<Row> found;
    for (const auto& r : rows_) {
      const bool all = std::all_of(words.begin(), words.end(), [&](const std::string& w) {
        return std::any_of(r.words.begin(), r.words.end(), [&](const std::string& x) { return x.rfind(w, 0) == 0; });
      });
      if (all) found.push_back(r);
    }
    std::sort(found.begin(), found.end(), [&](const Row& a, const Row& b) {
      const bool less = sort == "tax_code" ? a.tax_code < b.tax_code
                                           : (a.name_folded != b.name_folded ? a.name_folded < b.name_folded : a.id < b.id);
      const bool greater = sort == "tax_code" ? b.tax_code < a.tax_code
                                              : (a.name_folded != b.name_folded ? b.name_folded < a.name_folded : b.id < a.id);
      return descending ? greater : less;
    });
    return found;
  }

  // Runs every query in both orders and directions, on two pages, through `search`, against the plain filter.
  template <typename Search>
  void expect_plain_filter(Search&& search) {
    const std::vector<std::string> queries = {
        "cong ty thep",        // dense, early in name order: the name scan
        "doanh nghiep thep",   // dense but late in name order ("doanh …" after "cong ty …"): scan falls short
        "thep hoa phat",       // a rare combination of common words: the word index
        "hoa phat", "pacific", "steel thep", "ph", "cong", "viet tien minh", "xyz", "go an binh", "doanh nghiep t"};
    for (const auto& text : queries)
      for (const std::string sort : {"name", "tax_code"})
        for (const bool descending : {false, true})
          for (const std::int64_t offset : {0, 40}) {
            SCOPED_TRACE(text + " / " + sort + (descending ? " desc" : " asc") + " / offset " + std::to_string(offset));
            store::EnterpriseQuery q;
            q.words = search_words(core::fold(text));
            q.sort = sort;
            q.descending = descending;
            q.offset = offset;
            q.limit = 20;
            expect_page(search(text, q), q);
          }
  }

  void expect_page(const store::EnterprisePage& page, const store::EnterpriseQuery& q) const {
    const auto offset = q.offset;
    const auto all = expected(q.words, q.sort, q.descending);
          const auto n = static_cast<std::int64_t>(all.size());
    if (page.total_exact) {
      EXPECT_EQ(page.total, n);
    } else {
      EXPECT_LE(page.total, n);
      EXPECT_GE(page.total, offset + q.limit);
    }
    ASSERT_EQ(static_cast<std::int64_t>(page.items.size()), std::clamp<std::int64_t>(n - offset, 0, q.limit));
    for (std::size_t i = 0; i < page.items.size(); ++i)
      EXPECT_EQ(page.items[i].id, all[static_cast<std::size_t>(offset) + i].id) << "row " << i;
  }

  // Renames the enterprise of row `i` through `service` (as another server would), and in rows_.
  void rename(AuditService& service, std::size_t i, const std::string& name) {
    const auto e = service.update_enterprise(leader("KTSTQ"), rows_[i].tax_code, {{"name", name}});
    rows_[i].name_folded = core::fold(name);
    rows_[i].words = search_words(core::fold(name + " " + e.foreign_name));
  }

  std::vector<Row> rows_;
};

TEST_F(AuditStoreSearch, EveryPlanGivesThePlainFiltersPageAndCount) {
  expect_plain_filter([&](const std::string&, const store::EnterpriseQuery& q) {
    return db_->read([&](soci::session& sql) { return store::search_enterprises(sql, q); });
  });
}

TEST_F(AuditStoreSearch, InProcessIndexGivesThePlainFiltersExactPageAndCount) {
  expect_plain_filter([&](const std::string& text, const store::EnterpriseQuery& q) {
    const auto page = service_->find_enterprises(officer("02CI"), text, q.sort, q.descending, q.offset, q.limit);
    EXPECT_TRUE(page.total_exact);
    return page;
  });
}

// Two servers on one database: what one writes, the other's index finds at its next search.
TEST_F(AuditStoreSearch, InProcessIndexSeesWhatAnotherServerWrites) {
  db::Database other_db("sqlite:" + path_, 2);
  AuditService other(other_db);
  const auto search = [&](const std::string& text, const store::EnterpriseQuery& q) {
    return service_->find_enterprises(officer("02CI"), text, q.sort, q.descending, q.offset, q.limit);
  };
  expect_plain_filter(search);  // loads the index
  rename(other, 0, "Công ty TNHH Thép Zeta");
  rename(other, 1, "AAA Công ty Hòa Phát");  // first in name order now
  rename(other, 2, "Doanh nghiệp tư nhân Gỗ Pacific");
  rename(other, 1, "Doanh nghiệp Thép Hòa Phát Mới");  // renamed twice
  const auto added = other.create_enterprise(leader("KTSTQ"), {{"tax_code", tax_code(999)}, {"name", "Công ty Thép An Bình"}});
  rows_.push_back({core::fold(added.name), added.tax_code, added.id, search_words(core::fold(added.name))});
  expect_plain_filter(search);
  EXPECT_EQ(search("zeta", {}).total, 1);
  EXPECT_EQ(search("aaa", {}).total, 0);
}

}  // namespace
}  // namespace hq::audit::testing
