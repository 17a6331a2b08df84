#include <algorithm>
#include <iterator>
#include <stdexcept>

#include "audit/store.h"
#include "audit/store_support.h"
#include "db/row.h"

namespace hq::audit::store {

namespace {

// One page of the enterprises that pass `where` (which names the candidates' ids) and, in the same pass,
// how many passed: they are counted and sorted as narrow (id, sort key) rows, and only the page's rows are
// read whole. `sort` orders the candidates by a key no index provides (name_folded || ''): otherwise
// PostgreSQL scans the whole name index in order to find them (300 ms instead of 80 for 19 000 candidates).
std::vector<Enterprise> page_and_count(soci::session& sql, const std::string& where, const std::string& sort,
                                       const std::string& order, const std::string& paging, std::int64_t& matches) {
  std::vector<Enterprise> list;
  const auto& mapping = enterprise_mapping();
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " + mapping.select_list() + ", p.matches FROM (SELECT e.id, COUNT(*) OVER () "
                      "AS matches FROM audit_enterprises e " + where + sort + paging +
                      ") p JOIN audit_enterprises e ON e.id = p.id" + order);
  for (const auto& r : rows) {
    list.push_back(mapping.read(r));
    matches = int_at(r, mapping.size());
  }
  return list;
}

// The ids of the enterprises with a word that starts with `w` (word index range scan).
std::string postings(const std::string& w) {
  return "SELECT enterprise_id FROM audit_enterprise_words WHERE word >= '" + w + "' AND word < '" + prefix_end(w) + "'";
}

// The ids of the enterprises with a word that starts with `w`, ascending and distinct. The word index
// keeps them in (word, id) order, so only a prefix that covers several words needs sorting.
std::vector<std::int64_t> posting_ids(soci::session& sql, const std::string& w) {
  constexpr std::size_t kBatch = 10000;
  std::vector<std::int64_t> ids;
  std::vector<long long> batch(kBatch);
  const std::string end = prefix_end(w);
  soci::statement st = (sql.prepare << "SELECT enterprise_id FROM audit_enterprise_words WHERE word >= :a AND word < :b",
                        soci::use(w), soci::use(end), soci::into(batch));
  st.execute();
  while (st.fetch()) {
    ids.insert(ids.end(), batch.begin(), batch.end());
    batch.resize(kBatch);
  }
  if (!std::is_sorted(ids.begin(), ids.end())) {
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  }
  return ids;
}

struct Counted {
  std::string word;
  std::int64_t postings = 0;
};

// The word with the fewest postings (counted through the word index up to `cap`). Longer words are counted
// first, as they tend to be rarer, and each count stops at the fewest so far, so common words cost little.
Counted rarest_word(soci::session& sql, std::vector<std::string> words, std::int64_t cap) {
  std::stable_sort(words.begin(), words.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
  Counted best{"", cap + 1};
  for (const auto& w : words) {
    const std::int64_t n = count_capped(sql, postings(w), best.postings - 1);
    if (n < best.postings) best = {w, n};
  }
  return best;
}

}  // namespace

// Name searches ("cong ty thep") take one of two plans, whichever costs less for the query:
//  - from the word index: the ids of the enterprises of the rarest word, intersected (in memory, as sorted
//    lists) with those of the other words that are not much more common, are the candidates; their rows
//    are checked against every word, counted and sorted in one query. It costs a read per posting of
//    those words and a row per candidate, so it serves rare words and rare combinations of common words
//    ("thep hoa phat": each word in tens of thousands of names, all of them together in a few hundred);
//  - by scanning names in order on the name index, which carries the search words (migration 0201): it
//    reads about (names counted ahead) / density index entries, so it serves dense matches ("cong ty
//    thep"); the count stops a few pages ahead ("more than N").
// The density comes from a sample of the directory (see the scan's bound below). Before, a rare
// combination of common words scanned the whole directory (seconds over a million names).
EnterprisePage search_enterprises(soci::session& sql, const EnterpriseQuery& q) {
  constexpr std::int64_t kCountCap = 10000;      // beyond this the page says "more than 10 000"
  constexpr std::int64_t kPostingsCap = 100000;  // words are counted this far through the word index
  constexpr std::int64_t kSample = 4000;         // enterprises that tell how dense the matches are
  // Costs relative to reading one entry of the name index: reading a posting, reading and sorting a row.
  constexpr double kPostingCost = 0.5, kRowCost = 6;
  // Candidates are narrowed by another word's postings while there are kFewCandidates or more, if that
  // word has at most kNarrowingRatio postings per candidate (and kNarrowingCap in all).
  constexpr std::int64_t kFewCandidates = 1000, kNarrowingRatio = 10, kNarrowingCap = 400000;
  EnterprisePage page;
  const std::string dir = q.descending ? " DESC" : " ASC";
  const auto order_by = [&](const std::string& suffix) {
    return " ORDER BY " + (q.sort == "tax_code" ? "e.tax_code" + suffix + dir : "e.name_folded" + suffix + dir + ", e.id" + dir);
  };
  const std::string order = order_by("");
  const std::string paging = " LIMIT " + std::to_string(q.limit) + " OFFSET " + std::to_string(q.offset);
  std::string where = "WHERE 1 = 1";
  if (!q.tax_prefix.empty()) {
    for (const char c : q.tax_prefix)
      if (!((c >= '0' && c <= '9') || c == '-')) throw std::invalid_argument("unsafe tax prefix");
    where += " AND e.tax_code >= '" + q.tax_prefix + "' AND e.tax_code < '" + prefix_end(q.tax_prefix) + "'";
  }
  where += word_filter(q.words, "e.search_words");  // also checks that the words are safe in SQL text
  const auto finish = [&](std::int64_t cap) {
    page.total_exact = page.total <= cap;
    if (!page.total_exact) page.total = cap;
    return page;
  };
  if (q.words.empty() || !q.tax_prefix.empty()) {  // the tax-code range (or nothing) narrows the rows
    page.total = count_capped(sql, "SELECT 1 FROM audit_enterprises e " + where, kCountCap);
    page.items = enterprises_where(sql, where + order + paging);
    return finish(kCountCap);
  }
  const Counted rarest = rarest_word(sql, q.words, kPostingsCap);
  const std::int64_t ahead = q.offset + q.limit * 10;
  const std::int64_t sampled = count_capped(
      sql, "SELECT 1 FROM (SELECT e.search_words FROM audit_enterprises e ORDER BY e.id LIMIT " + std::to_string(kSample) +
               ") e " + where, kSample);
  long long directory = 0;
  sql << "SELECT COALESCE(MAX(id), 0) FROM audit_enterprises", soci::into(directory);
  const double density = (static_cast<double>(sampled) + 0.5) / kSample;
  const double matches = std::min(static_cast<double>(rarest.postings), density * static_cast<double>(directory));
  // At least the rarest word's postings and the matches' rows (more when the other words narrow little).
  const double index_cost = static_cast<double>(rarest.postings) * kPostingCost + matches * kRowCost;
  const double entry_cost = q.sort == "tax_code" ? kRowCost : 1;  // the tax-code index does not carry the words
  const double scan_cost = static_cast<double>(ahead + 1) / density * entry_cost;
  if (scan_cost < index_cost) {
    // Matches may cluster in name order (every "doanh nghiep …" sorts after every "cong ty …"), so the
    // scan is bounded and the word index takes over when the scan falls short.
    const auto budget = static_cast<std::int64_t>(std::min(index_cost / 4, 4 * scan_cost) / entry_cost) + 1;
    page.total = count_capped(sql, "SELECT 1 FROM (SELECT e.id, e.search_words FROM audit_enterprises e" + order +
                                       " LIMIT " + std::to_string(budget) + ") e " + where, ahead);
    if (page.total > ahead || budget > directory) {
      page.items = enterprises_where(sql, where + order + paging);
      return finish(ahead);
    }
  }
  // While many candidates are left, the other words' postings narrow them (a posting costs far less to
  // read than a candidate's row) if there are not too many of them; rows are checked for every word.
  std::vector<std::int64_t> ids = posting_ids(sql, rarest.word);
  for (const auto& w : q.words) {
    const auto cap = std::min<std::int64_t>(kNarrowingRatio * static_cast<std::int64_t>(ids.size()), kNarrowingCap);
    if (w == rarest.word || ids.size() < kFewCandidates || count_capped(sql, postings(w), cap) > cap) continue;
    const auto others = posting_ids(sql, w);
    std::vector<std::int64_t> both;
    std::set_intersection(ids.begin(), ids.end(), others.begin(), others.end(), std::back_inserter(both));
    ids = std::move(both);
  }
  page.total = 0;
  if (ids.empty()) return finish(kCountCap);
  where += " AND e.id IN (" + id_list(ids) + ")";
  page.items = page_and_count(sql, where, order_by(" || ''"), order, paging, page.total);
  if (page.items.empty() && q.offset > 0)  // past the last page: count alone
    page.total = count_capped(sql, "SELECT 1 FROM audit_enterprises e " + where, kCountCap);
  return finish(kCountCap);
}

}  // namespace hq::audit::store
