#include "audit/store.h"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <map>
#include <stdexcept>

#include "core/text.h"
#include "db/row.h"

namespace hq::audit::store {

using db::int_at;
using db::text_at;

namespace {

// Search words are [a-z0-9]+ by construction (rules::search_words), so they are safe to put in SQL text;
// this check keeps it that way if a caller ever passes something else.
std::string word_filter(const std::vector<std::string>& words, const std::string& column) {
  std::string where;
  for (const auto& w : words) {
    for (const char c : w)
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) throw std::invalid_argument("unsafe search word");
    where += " AND " + column + " LIKE '% " + w + "%'";
  }
  return where;
}

std::string like_prefix(const std::string& path) { return path + "%"; }

constexpr const char* kEnterpriseColumns =
    "e.id, e.tax_code, e.tax_kind, e.name, e.foreign_name, e.address, e.legal_representative, e.phone, e.email, "
    "e.established_on, e.charter_capital, e.ownership, e.aeo_status, e.compliance_level, e.profile, e.source, "
    "e.created_at, e.updated_at";

Enterprise enterprise_from(const soci::row& r) {
  Enterprise e;
  e.id = int_at(r, "id");
  e.tax_code = text_at(r, "tax_code");
  e.tax_kind = text_at(r, "tax_kind");
  e.name = text_at(r, "name");
  e.foreign_name = text_at(r, "foreign_name");
  e.address = text_at(r, "address");
  e.legal_representative = text_at(r, "legal_representative");
  e.phone = text_at(r, "phone");
  e.email = text_at(r, "email");
  e.established_on = text_at(r, "established_on");
  e.charter_capital = int_at(r, "charter_capital");
  e.ownership = text_at(r, "ownership");
  e.aeo_status = text_at(r, "aeo_status");
  e.compliance_level = int_at(r, "compliance_level");
  e.profile = text_at(r, "profile");
  e.source = text_at(r, "source");
  e.created_at = int_at(r, "created_at");
  e.updated_at = int_at(r, "updated_at");
  return e;
}

std::vector<Enterprise> enterprises_where(soci::session& sql, const std::string& tail) {
  std::vector<Enterprise> list;
  soci::rowset<soci::row> rows = (sql.prepare << std::string("SELECT ") + kEnterpriseColumns + " FROM audit_enterprises e " + tail);
  for (const auto& r : rows) list.push_back(enterprise_from(r));
  return list;
}

// One page of the enterprises that pass `where` (which names the candidates' ids) and, in the same pass,
// how many passed: they are counted and sorted as narrow (id, sort key) rows, and only the page's rows are
// read whole. `sort` orders the candidates by a key no index provides (name_folded || ''): otherwise
// PostgreSQL scans the whole name index in order to find them (300 ms instead of 80 for 19 000 candidates).
std::vector<Enterprise> page_and_count(soci::session& sql, const std::string& where, const std::string& sort,
                                       const std::string& order, const std::string& paging, std::int64_t& matches) {
  std::vector<Enterprise> list;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string("SELECT ") + kEnterpriseColumns + ", p.matches FROM (SELECT e.id, COUNT(*) OVER () "
                      "AS matches FROM audit_enterprises e " + where + sort + paging +
                      ") p JOIN audit_enterprises e ON e.id = p.id" + order);
  for (const auto& r : rows) {
    list.push_back(enterprise_from(r));
    matches = int_at(r, "matches");
  }
  return list;
}

std::vector<std::string> words_of(const Enterprise& e) { return search_words(core::fold(e.name + " " + e.foreign_name)); }

void write_words(soci::session& sql, std::int64_t id, const std::vector<std::string>& words) {
  const long long key = id;
  sql << "DELETE FROM audit_enterprise_words WHERE enterprise_id = :id", soci::use(key);
  for (const auto& w : words)
    sql << "INSERT INTO audit_enterprise_words (word, enterprise_id) VALUES (:w, :id)", soci::use(w), soci::use(key);
}

std::int64_t count_capped(soci::session& sql, const std::string& inner, std::int64_t cap) {
  long long n = 0;
  sql << "SELECT COUNT(*) FROM (" + inner + " LIMIT " + std::to_string(cap + 1) + ") c", soci::into(n);
  return n;
}

constexpr const char* kNamesCounter = "enterprise_names";

// Taken first, before any enterprise row: every writer of names then locks the counter before the rows
// (PostgreSQL), so an import and a single update cannot wait for each other.
long long next_names_version(soci::session& sql);

}  // namespace

std::optional<Enterprise> find_enterprise(soci::session& sql, const std::string& tax_code) {
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string("SELECT ") + kEnterpriseColumns + " FROM audit_enterprises e WHERE e.tax_code = :t",
       soci::use(tax_code));
  for (const auto& r : rows) return enterprise_from(r);
  return std::nullopt;
}

std::optional<Enterprise> find_enterprise(soci::session& sql, std::int64_t id) {
  const long long key = id;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string("SELECT ") + kEnterpriseColumns + " FROM audit_enterprises e WHERE e.id = :id",
       soci::use(key));
  for (const auto& r : rows) return enterprise_from(r);
  return std::nullopt;
}

std::int64_t insert_enterprise(soci::session& sql, const Enterprise& e, std::int64_t by, std::int64_t now) {
  long long id = 0;
  const long long capital = e.charter_capital, level = e.compliance_level, creator = by, at = now;
  const long long version = next_names_version(sql);
  const auto words = words_of(e);
  const std::string folded = core::fold(e.name), joined = joined_words(words);
  sql << "INSERT INTO audit_enterprises (tax_code, tax_kind, name, foreign_name, name_folded, search_words, address, "
         "legal_representative, phone, email, established_on, charter_capital, ownership, aeo_status, compliance_level, "
         "profile, source, created_by, created_at, updated_at, name_version) VALUES (:tc, :tk, :n, :fn, :nf, :sw, :a, "
         ":lr, :ph, :em, :est, :cap, :own, :aeo, :lvl, :prof, :src, :by, :c, :m, :v) RETURNING id",
      soci::use(e.tax_code), soci::use(e.tax_kind), soci::use(e.name), soci::use(e.foreign_name), soci::use(folded),
      soci::use(joined), soci::use(e.address), soci::use(e.legal_representative), soci::use(e.phone), soci::use(e.email),
      soci::use(e.established_on), soci::use(capital), soci::use(e.ownership), soci::use(e.aeo_status), soci::use(level),
      soci::use(e.profile), soci::use(e.source), soci::use(creator), soci::use(at), soci::use(at), soci::use(version),
      soci::into(id);
  write_words(sql, id, words);
  return id;
}

void update_enterprise(soci::session& sql, const Enterprise& e, std::int64_t now) {
  const long long capital = e.charter_capital, level = e.compliance_level, at = now, id = e.id;
  const long long version = next_names_version(sql);
  const auto words = words_of(e);
  const std::string folded = core::fold(e.name), joined = joined_words(words);
  sql << "UPDATE audit_enterprises SET name = :n, foreign_name = :fn, name_folded = :nf, search_words = :sw, "
         "address = :a, legal_representative = :lr, phone = :ph, email = :em, established_on = :est, "
         "charter_capital = :cap, ownership = :own, aeo_status = :aeo, compliance_level = :lvl, profile = :prof, "
         "updated_at = :m, name_version = :v WHERE id = :id",
      soci::use(e.name), soci::use(e.foreign_name), soci::use(folded), soci::use(joined), soci::use(e.address),
      soci::use(e.legal_representative), soci::use(e.phone), soci::use(e.email), soci::use(e.established_on),
      soci::use(capital), soci::use(e.ownership), soci::use(e.aeo_status), soci::use(level), soci::use(e.profile),
      soci::use(at), soci::use(version), soci::use(id);
  write_words(sql, e.id, words);
}

void lock_enterprise(soci::session& sql, std::int64_t id) {
  const long long key = id;
  sql << "UPDATE audit_enterprises SET lock_version = lock_version + 1 WHERE id = :id", soci::use(key);
}

void insert_enterprise_change(soci::session& sql, std::int64_t enterprise_id, const EnterpriseChange& c) {
  const long long id = enterprise_id, at = c.at;
  sql << "INSERT INTO audit_enterprise_changes (enterprise_id, at, username, unit_code, source, changes) "
         "VALUES (:e, :at, :u, :unit, :src, :ch)",
      soci::use(id), soci::use(at), soci::use(c.username), soci::use(c.unit_code), soci::use(c.source),
      soci::use(c.changes);
}

std::vector<EnterpriseChange> enterprise_changes(soci::session& sql, std::int64_t enterprise_id, std::int64_t limit) {
  const long long id = enterprise_id, lim = limit;
  std::vector<EnterpriseChange> list;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT at, username, unit_code, source, changes FROM audit_enterprise_changes "
                      "WHERE enterprise_id = :e ORDER BY id DESC LIMIT :l",
       soci::use(id), soci::use(lim));
  for (const auto& r : rows)
    list.push_back({int_at(r, "at"), text_at(r, "username"), text_at(r, "unit_code"), text_at(r, "source"),
                    text_at(r, "changes")});
  return list;
}

namespace {

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

std::string id_list(const std::vector<std::int64_t>& ids) {
  std::string list;
  for (const auto id : ids) list += (list.empty() ? "" : ",") + std::to_string(id);
  return list;
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

std::vector<Enterprise> enterprises_by_tax_codes(soci::session& sql, const std::vector<std::string>& tax_codes) {
  std::string list;  // canonical codes: digits and one hyphen, safe as literals (anything else is left out)
  for (const auto& code : tax_codes)
    if (!code.empty() && code.find_first_not_of("0123456789-") == std::string::npos)
      list += (list.empty() ? "'" : ",'") + code + "'";
  if (list.empty()) return {};
  return enterprises_where(sql, "WHERE e.tax_code IN (" + list + ")");
}

std::vector<Enterprise> enterprises_by_ids(soci::session& sql, const std::vector<std::int64_t>& ids) {
  if (ids.empty()) return {};
  auto found = enterprises_where(sql, "WHERE e.id IN (" + id_list(ids) + ")");
  std::vector<Enterprise> list;
  for (const auto id : ids) {
    const auto it = std::find_if(found.begin(), found.end(), [&](const Enterprise& e) { return e.id == id; });
    if (it != found.end()) list.push_back(std::move(*it));
  }
  return list;
}

std::int64_t enterprise_names_version(soci::session& sql) {
  const std::string counter = kNamesCounter;
  long long version = 0;
  sql << "SELECT COALESCE(MAX(value), 0) FROM audit_counters WHERE name = :n AND year = 0", soci::use(counter),
      soci::into(version);
  return version;
}

namespace {

long long next_names_version(soci::session& sql) { return next_in_sequence(sql, kNamesCounter, 0); }

}  // namespace

void each_enterprise_name(soci::session& sql, const std::function<void(std::int64_t, const std::string&, const std::string&,
                                                                       const std::string&)>& visit) {
  constexpr std::size_t kBatch = 20000;  // bounded memory on both backends (libpq reads a result whole)
  long long last = 0;
  std::vector<long long> ids(kBatch);
  std::vector<std::string> names(kBatch), taxes(kBatch), words(kBatch);
  soci::statement st = (sql.prepare << "SELECT id, name_folded, tax_code, search_words FROM audit_enterprises "
                                       "WHERE id > :last ORDER BY id LIMIT " + std::to_string(kBatch),
                        soci::use(last), soci::into(ids), soci::into(names), soci::into(taxes), soci::into(words));
  for (;;) {
    for (auto* v : {&names, &taxes, &words}) v->resize(kBatch);
    ids.resize(kBatch);
    if (!st.execute(true) || ids.empty()) return;
    for (std::size_t i = 0; i < ids.size(); ++i) visit(ids[i], names[i], taxes[i], words[i]);
    if (ids.size() < kBatch) return;
    last = ids.back();
  }
}

std::optional<std::vector<EnterpriseName>> enterprise_names_since(soci::session& sql, std::int64_t version,
                                                                  std::int64_t limit) {
  const long long after = version, most = limit + 1;
  std::vector<EnterpriseName> changed;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id, name_folded, tax_code, search_words FROM audit_enterprises WHERE name_version > :v "
                      "LIMIT :l",
       soci::use(after), soci::use(most));
  for (const auto& r : rows)
    changed.push_back({int_at(r, "id"), text_at(r, "name_folded"), text_at(r, "tax_code"), text_at(r, "search_words")});
  if (static_cast<std::int64_t>(changed.size()) > limit) return std::nullopt;
  return changed;
}

bool is_key_enterprise(soci::session& sql, std::int64_t enterprise_id, std::int64_t year) {
  const long long id = enterprise_id, y = year;
  long long n = 0;
  sql << "SELECT COUNT(*) FROM audit_key_enterprises WHERE enterprise_id = :e AND year = :y", soci::use(id),
      soci::use(y), soci::into(n);
  return n > 0;
}

std::vector<std::int64_t> key_years(soci::session& sql, std::int64_t enterprise_id) {
  const long long id = enterprise_id;
  std::vector<std::int64_t> years;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT year FROM audit_key_enterprises WHERE enterprise_id = :e ORDER BY year DESC", soci::use(id));
  for (const auto& r : rows) years.push_back(int_at(r, "year"));
  return years;
}

std::int64_t insert_key_enterprise(soci::session& sql, const KeyEnterprise& k) {
  long long id = 0;
  const long long e = k.enterprise_id, y = k.year, at = k.added_at;
  sql << "INSERT INTO audit_key_enterprises (enterprise_id, year, reason, added_by, added_at) "
         "VALUES (:e, :y, :r, :by, :at) RETURNING id",
      soci::use(e), soci::use(y), soci::use(k.reason), soci::use(k.added_by), soci::use(at), soci::into(id);
  return id;
}

bool delete_key_enterprise(soci::session& sql, std::int64_t enterprise_id, std::int64_t year) {
  if (!is_key_enterprise(sql, enterprise_id, year)) return false;
  const long long e = enterprise_id, y = year;
  sql << "DELETE FROM audit_key_enterprises WHERE enterprise_id = :e AND year = :y", soci::use(e), soci::use(y);
  return true;
}

std::vector<KeyEnterprise> list_key_enterprises(soci::session& sql, std::int64_t year, std::int64_t offset,
                                                std::int64_t limit, std::int64_t& total) {
  const long long y = year, off = offset, lim = limit;
  long long n = 0;
  sql << "SELECT COUNT(*) FROM audit_key_enterprises WHERE year = :y", soci::use(y), soci::into(n);
  total = n;
  std::vector<KeyEnterprise> list;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT k.id, k.enterprise_id, k.year, k.reason, k.added_by, k.added_at, e.tax_code, e.name "
                      "FROM audit_key_enterprises k JOIN audit_enterprises e ON e.id = k.enterprise_id "
                      "WHERE k.year = :y ORDER BY e.name_folded, e.id LIMIT :l OFFSET :o",
       soci::use(y), soci::use(lim), soci::use(off));
  for (const auto& r : rows)
    list.push_back({int_at(r, "id"), int_at(r, "enterprise_id"), int_at(r, "year"), int_at(r, "added_at"),
                    text_at(r, "tax_code"), text_at(r, "name"), text_at(r, "reason"), text_at(r, "added_by")});
  return list;
}

void insert_search(soci::session& sql, const std::string& token, std::int64_t account_id, const std::string& tax_code,
                   std::int64_t now) {
  const long long account = account_id, at = now;
  sql << "INSERT INTO audit_searches (token, account_id, tax_code, created_at) VALUES (:t, :a, :tc, :at)",
      soci::use(token), soci::use(account), soci::use(tax_code), soci::use(at);
}

bool search_valid(soci::session& sql, const std::string& token, std::int64_t account_id, const std::string& tax_code,
                  std::int64_t not_before) {
  const long long account = account_id, since = not_before;
  long long n = 0;
  sql << "SELECT COUNT(*) FROM audit_searches WHERE token = :t AND account_id = :a AND tax_code = :tc AND "
         "created_at >= :since",
      soci::use(token), soci::use(account), soci::use(tax_code), soci::use(since), soci::into(n);
  return n > 0;
}

std::int64_t next_in_sequence(soci::session& sql, const std::string& name, std::int64_t year) {
  const long long y = year;
  long long value = 0;
  sql << "INSERT INTO audit_counters (name, year, value) VALUES (:n, :y, 1) "
         "ON CONFLICT (name, year) DO UPDATE SET value = audit_counters.value + 1 RETURNING value",
      soci::use(name), soci::use(y), soci::into(value);
  return value;
}

namespace {

Unit unit_from(const soci::row& r) {
  return Unit{int_at(r, "id"), int_at(r, "parent_id"), text_at(r, "code"), text_at(r, "name"), text_at(r, "level"),
              text_at(r, "path")};
}

}  // namespace

std::optional<Unit> find_unit(soci::session& sql, const std::string& code) {
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id, parent_id, code, name, level, path FROM units WHERE code = :c", soci::use(code));
  for (const auto& r : rows) return unit_from(r);
  return std::nullopt;
}

std::vector<Unit> units_under(soci::session& sql, const std::string& path) {
  const std::string pattern = like_prefix(path);
  std::vector<Unit> list;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id, parent_id, code, name, level, path FROM units WHERE path LIKE :p ORDER BY path",
       soci::use(pattern));
  for (const auto& r : rows) list.push_back(unit_from(r));
  return list;
}

std::int64_t account_id(soci::session& sql, const std::string& username) {
  long long id = 0;
  soci::indicator ind = soci::i_null;
  sql << "SELECT id FROM accounts WHERE username = :u", soci::use(username), soci::into(id, ind);
  return sql.got_data() && ind == soci::i_ok ? id : 0;
}

// ---- proposals ----

namespace {

constexpr const char* kProposalSelect =
    "SELECT p.id, p.number, p.year, p.enterprise_id, e.tax_code, e.name AS enterprise_name, p.unit_id, "
    "u.code AS unit_code, u.name AS unit_name, u.path AS unit_path, p.place, p.grounds_kind, p.grounds, p.period_from, "
    "p.period_to, p.status, p.paused_from, p.reason, p.duplicate_count, p.source, p.proposed_by, p.decided_by, "
    "p.created_at, p.submitted_at, p.approved_at, p.rejected_at, p.paused_at, p.cancelled_at, p.updated_at "
    "FROM audit_proposals p JOIN audit_enterprises e ON e.id = p.enterprise_id JOIN units u ON u.id = p.unit_id ";

Proposal proposal_from(const soci::row& r) {
  Proposal p;
  p.id = int_at(r, "id");
  p.number = text_at(r, "number");
  p.year = int_at(r, "year");
  p.enterprise_id = int_at(r, "enterprise_id");
  p.tax_code = text_at(r, "tax_code");
  p.enterprise_name = text_at(r, "enterprise_name");
  p.unit_id = int_at(r, "unit_id");
  p.unit_code = text_at(r, "unit_code");
  p.unit_name = text_at(r, "unit_name");
  p.unit_path = text_at(r, "unit_path");
  p.place = text_at(r, "place");
  p.grounds_kind = text_at(r, "grounds_kind");
  p.grounds = text_at(r, "grounds");
  p.period_from = text_at(r, "period_from");
  p.period_to = text_at(r, "period_to");
  p.status = text_at(r, "status");
  p.paused_from = text_at(r, "paused_from");
  p.reason = text_at(r, "reason");
  p.duplicate_count = int_at(r, "duplicate_count");
  p.source = text_at(r, "source");
  p.proposed_by = text_at(r, "proposed_by");
  p.decided_by = text_at(r, "decided_by");
  p.created_at = int_at(r, "created_at");
  p.submitted_at = int_at(r, "submitted_at");
  p.approved_at = int_at(r, "approved_at");
  p.rejected_at = int_at(r, "rejected_at");
  p.paused_at = int_at(r, "paused_at");
  p.cancelled_at = int_at(r, "cancelled_at");
  p.updated_at = int_at(r, "updated_at");
  return p;
}

// The shared filter of the proposal and collection lists (t = the item's table alias).
struct ListFilter {
  std::string where;
  std::string path, status, place;
  long long year = 0;
};
ListFilter list_filter(const ListQuery& q, const std::string& t, bool with_place) {
  ListFilter f{"WHERE u.path LIKE :path AND (:s = '' OR " + t + ".status = :s2) AND (:y = 0 OR " + t + ".year = :y2) ",
               like_prefix(q.unit_path), q.status, q.place, q.year};
  if (with_place) f.where += "AND (:pl = '' OR " + t + ".place = :pl2) ";
  if (!q.q_tax_prefix.empty()) {
    for (const char c : q.q_tax_prefix)
      if (!((c >= '0' && c <= '9') || c == '-')) throw std::invalid_argument("unsafe tax prefix");
    f.where += "AND e.tax_code >= '" + q.q_tax_prefix + "' AND e.tax_code < '" + prefix_end(q.q_tax_prefix) + "' ";
  }
  f.where += word_filter(search_words(q.q_folded), "e.search_words") + " ";
  return f;
}

std::string order_by(const ListQuery& q, const std::map<std::string, std::string>& columns, const std::string& fallback,
                     const std::string& t) {
  const auto it = columns.find(q.sort);
  const std::string dir = q.descending ? " DESC" : " ASC";
  return "ORDER BY " + (it == columns.end() ? fallback : it->second) + dir + ", " + t + ".id" + dir +
         " LIMIT " + std::to_string(q.limit) + " OFFSET " + std::to_string(q.offset);
}

}  // namespace

std::int64_t insert_proposal(soci::session& sql, const Proposal& p) {
  long long id = 0;
  const long long year = p.year, e = p.enterprise_id, unit = p.unit_id, dups = p.duplicate_count, c = p.created_at,
                  s = p.submitted_at;
  sql << "INSERT INTO audit_proposals (number, year, enterprise_id, unit_id, place, grounds_kind, grounds, period_from, "
         "period_to, status, duplicate_count, source, proposed_by, created_at, submitted_at, updated_at) VALUES (:n, :y, "
         ":e, :u, :pl, :gk, :g, :pf, :pt, :st, :d, :src, :by, :c, :s, :m) RETURNING id",
      soci::use(p.number), soci::use(year), soci::use(e), soci::use(unit), soci::use(p.place), soci::use(p.grounds_kind),
      soci::use(p.grounds), soci::use(p.period_from), soci::use(p.period_to), soci::use(p.status), soci::use(dups),
      soci::use(p.source), soci::use(p.proposed_by), soci::use(c), soci::use(s), soci::use(c), soci::into(id);
  return id;
}

std::optional<Proposal> find_proposal(soci::session& sql, std::int64_t id) {
  const long long key = id;
  soci::rowset<soci::row> rows = (sql.prepare << std::string(kProposalSelect) + "WHERE p.id = :id", soci::use(key));
  for (const auto& r : rows) return proposal_from(r);
  return std::nullopt;
}

bool update_proposal_state(soci::session& sql, const Proposal& p, bool counts_approved, const std::string& from) {
  const long long id = p.id, counts = counts_approved ? 1 : 0, s = p.submitted_at, a = p.approved_at, r = p.rejected_at,
                  pa = p.paused_at, c = p.cancelled_at, m = p.updated_at;
  soci::statement st =
      (sql.prepare << "UPDATE audit_proposals SET status = :st, paused_from = :pf, reason = :r, decided_by = :by, "
                      "counts_approved = :ca, submitted_at = :s, approved_at = :a, rejected_at = :rj, paused_at = :pa, "
                      "cancelled_at = :c, updated_at = :m WHERE id = :id AND status = :from",
       soci::use(p.status), soci::use(p.paused_from), soci::use(p.reason), soci::use(p.decided_by), soci::use(counts),
       soci::use(s), soci::use(a), soci::use(r), soci::use(pa), soci::use(c), soci::use(m), soci::use(id),
       soci::use(from));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

std::vector<Proposal> proposals_of_enterprise(soci::session& sql, std::int64_t enterprise_id) {
  const long long key = enterprise_id;
  std::vector<Proposal> list;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kProposalSelect) + "WHERE p.enterprise_id = :e ORDER BY p.id", soci::use(key));
  for (const auto& r : rows) list.push_back(proposal_from(r));
  return list;
}

std::vector<Proposal> list_proposals(soci::session& sql, const ListQuery& q, std::int64_t& total) {
  static const std::map<std::string, std::string> kSort = {
      {"created_at", "p.created_at"}, {"submitted_at", "p.submitted_at"}, {"number", "p.year"},
      {"status", "p.status"},         {"unit_code", "u.code"},            {"enterprise", "e.name_folded"},
      {"tax_code", "e.tax_code"},     {"place", "p.place"}};
  ListQuery query = q;
  if (q.oldest_submitted_first) {
    query.sort = "submitted_at";
    query.descending = false;
  }
  const ListFilter f = list_filter(query, "p", true);
  const std::string from = "FROM audit_proposals p JOIN audit_enterprises e ON e.id = p.enterprise_id "
                           "JOIN units u ON u.id = p.unit_id ";
  long long n = 0;
  sql << "SELECT COUNT(*) " + from + f.where, soci::use(f.path), soci::use(f.status), soci::use(f.status),
      soci::use(f.year), soci::use(f.year), soci::use(f.place), soci::use(f.place), soci::into(n);
  total = n;
  std::vector<Proposal> list;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kProposalSelect) + f.where + order_by(query, kSort, "p.created_at", "p"),
       soci::use(f.path), soci::use(f.status), soci::use(f.status), soci::use(f.year), soci::use(f.year),
       soci::use(f.place), soci::use(f.place));
  for (const auto& r : rows) list.push_back(proposal_from(r));
  return list;
}

// ---- collections ----

namespace {

constexpr const char* kCollectionSelect =
    "SELECT c.id, c.number, c.year, c.enterprise_id, e.tax_code, e.name AS enterprise_name, c.unit_id, "
    "u.code AS unit_code, u.name AS unit_name, u.path AS unit_path, c.signs, c.risk_areas, c.status, c.paused_from, "
    "c.reason, c.duplicate_count, c.has_findings, c.proposed_by, c.decided_by, c.proposed_at, c.approved_at, "
    "c.rejected_at, c.cancelled_at, c.result_submitted_at, c.result_approved_at, c.updated_at "
    "FROM audit_collections c JOIN audit_enterprises e ON e.id = c.enterprise_id JOIN units u ON u.id = c.unit_id ";

Collection collection_from(const soci::row& r) {
  Collection c;
  c.id = int_at(r, "id");
  c.number = text_at(r, "number");
  c.year = int_at(r, "year");
  c.enterprise_id = int_at(r, "enterprise_id");
  c.tax_code = text_at(r, "tax_code");
  c.enterprise_name = text_at(r, "enterprise_name");
  c.unit_id = int_at(r, "unit_id");
  c.unit_code = text_at(r, "unit_code");
  c.unit_name = text_at(r, "unit_name");
  c.unit_path = text_at(r, "unit_path");
  c.signs = text_at(r, "signs");
  c.risk_areas = text_at(r, "risk_areas");
  c.status = text_at(r, "status");
  c.paused_from = text_at(r, "paused_from");
  c.reason = text_at(r, "reason");
  c.duplicate_count = int_at(r, "duplicate_count");
  c.has_findings = int_at(r, "has_findings") != 0;
  c.proposed_by = text_at(r, "proposed_by");
  c.decided_by = text_at(r, "decided_by");
  c.proposed_at = int_at(r, "proposed_at");
  c.approved_at = int_at(r, "approved_at");
  c.rejected_at = int_at(r, "rejected_at");
  c.cancelled_at = int_at(r, "cancelled_at");
  c.result_submitted_at = int_at(r, "result_submitted_at");
  c.result_approved_at = int_at(r, "result_approved_at");
  c.updated_at = int_at(r, "updated_at");
  return c;
}

std::vector<CollectionResult> results_of(soci::session& sql, std::int64_t id) {
  const long long key = id;
  std::vector<CollectionResult> list;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT risk_area, finding, has_violation FROM audit_collection_results WHERE collection_id = :c "
                      "ORDER BY id",
       soci::use(key));
  for (const auto& r : rows)
    list.push_back({text_at(r, "risk_area"), text_at(r, "finding"), int_at(r, "has_violation") != 0});
  return list;
}

}  // namespace

std::int64_t insert_collection(soci::session& sql, const Collection& c) {
  long long id = 0;
  const long long year = c.year, e = c.enterprise_id, unit = c.unit_id, dups = c.duplicate_count, at = c.proposed_at;
  sql << "INSERT INTO audit_collections (number, year, enterprise_id, unit_id, signs, risk_areas, status, "
         "duplicate_count, proposed_by, proposed_at, updated_at) VALUES (:n, :y, :e, :u, :s, :ra, :st, :d, :by, :at, :m) "
         "RETURNING id",
      soci::use(c.number), soci::use(year), soci::use(e), soci::use(unit), soci::use(c.signs), soci::use(c.risk_areas),
      soci::use(c.status), soci::use(dups), soci::use(c.proposed_by), soci::use(at), soci::use(at), soci::into(id);
  return id;
}

std::optional<Collection> find_collection(soci::session& sql, std::int64_t id) {
  const long long key = id;
  soci::rowset<soci::row> rows = (sql.prepare << std::string(kCollectionSelect) + "WHERE c.id = :id", soci::use(key));
  for (const auto& r : rows) {
    Collection c = collection_from(r);
    c.results = results_of(sql, c.id);
    return c;
  }
  return std::nullopt;
}

bool update_collection_state(soci::session& sql, const Collection& c, const std::string& from) {
  const long long id = c.id, findings = c.has_findings ? 1 : 0, a = c.approved_at, r = c.rejected_at,
                  x = c.cancelled_at, rs = c.result_submitted_at, ra = c.result_approved_at, m = c.updated_at;
  soci::statement st =
      (sql.prepare << "UPDATE audit_collections SET status = :st, paused_from = :pf, reason = :r, decided_by = :by, "
                      "has_findings = :f, approved_at = :a, rejected_at = :rj, cancelled_at = :x, "
                      "result_submitted_at = :rs, result_approved_at = :ra, updated_at = :m "
                      "WHERE id = :id AND status = :from",
       soci::use(c.status), soci::use(c.paused_from), soci::use(c.reason), soci::use(c.decided_by), soci::use(findings),
       soci::use(a), soci::use(r), soci::use(x), soci::use(rs), soci::use(ra), soci::use(m), soci::use(id),
       soci::use(from));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

void replace_collection_results(soci::session& sql, std::int64_t id, const std::vector<CollectionResult>& results) {
  const long long key = id;
  sql << "DELETE FROM audit_collection_results WHERE collection_id = :c", soci::use(key);
  for (const auto& r : results) {
    const long long violation = r.has_violation ? 1 : 0;
    sql << "INSERT INTO audit_collection_results (collection_id, risk_area, finding, has_violation) "
           "VALUES (:c, :ra, :f, :v)",
        soci::use(key), soci::use(r.risk_area), soci::use(r.finding), soci::use(violation);
  }
}

std::vector<Collection> collections_of_enterprise(soci::session& sql, std::int64_t enterprise_id) {
  const long long key = enterprise_id;
  std::vector<Collection> list;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kCollectionSelect) + "WHERE c.enterprise_id = :e ORDER BY c.id", soci::use(key));
  for (const auto& r : rows) list.push_back(collection_from(r));
  for (auto& c : list) c.results = results_of(sql, c.id);
  return list;
}

std::vector<Collection> list_collections(soci::session& sql, const ListQuery& q, std::int64_t& total) {
  static const std::map<std::string, std::string> kSort = {
      {"created_at", "c.proposed_at"}, {"proposed_at", "c.proposed_at"}, {"number", "c.year"},
      {"status", "c.status"},          {"unit_code", "u.code"},          {"enterprise", "e.name_folded"},
      {"tax_code", "e.tax_code"}};
  ListQuery query = q;
  if (q.oldest_submitted_first) {
    query.sort = "proposed_at";
    query.descending = false;
  }
  const ListFilter f = list_filter(query, "c", false);
  const std::string from = "FROM audit_collections c JOIN audit_enterprises e ON e.id = c.enterprise_id "
                           "JOIN units u ON u.id = c.unit_id ";
  long long n = 0;
  sql << "SELECT COUNT(*) " + from + f.where, soci::use(f.path), soci::use(f.status), soci::use(f.status),
      soci::use(f.year), soci::use(f.year), soci::into(n);
  total = n;
  std::vector<Collection> list;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kCollectionSelect) + f.where + order_by(query, kSort, "c.proposed_at", "c"),
       soci::use(f.path), soci::use(f.status), soci::use(f.status), soci::use(f.year), soci::use(f.year));
  for (const auto& r : rows) list.push_back(collection_from(r));
  return list;
}

// ---- decisions, conclusions, penalties, complaints ----

std::int64_t insert_decision(soci::session& sql, const Decision& d) {
  long long id = 0;
  const long long p = d.proposal_id, days = d.working_days, late = d.late ? 1 : 0, at = d.entered_at;
  sql << "INSERT INTO audit_decisions (proposal_id, kind, number, signed_on, signer, team, start_on, working_days, "
         "end_on, due_on, late, entered_by, entered_at) VALUES (:p, :k, :n, :s, :sg, :t, :st, :wd, :e, :due, :late, "
         ":by, :at) RETURNING id",
      soci::use(p), soci::use(d.kind), soci::use(d.number), soci::use(d.signed_on), soci::use(d.signer),
      soci::use(d.team), soci::use(d.start_on), soci::use(days), soci::use(d.end_on), soci::use(d.due_on),
      soci::use(late), soci::use(d.entered_by), soci::use(at), soci::into(id);
  return id;
}

std::vector<Decision> decisions_of(soci::session& sql, std::int64_t proposal_id) {
  const long long key = proposal_id;
  std::vector<Decision> list;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id, proposal_id, kind, number, signed_on, signer, team, start_on, working_days, end_on, "
                      "due_on, late, entered_by, entered_at FROM audit_decisions WHERE proposal_id = :p ORDER BY id",
       soci::use(key));
  for (const auto& r : rows) {
    Decision d;
    d.id = int_at(r, "id");
    d.proposal_id = int_at(r, "proposal_id");
    d.kind = text_at(r, "kind");
    d.number = text_at(r, "number");
    d.signed_on = text_at(r, "signed_on");
    d.signer = text_at(r, "signer");
    d.team = text_at(r, "team");
    d.start_on = text_at(r, "start_on");
    d.working_days = int_at(r, "working_days");
    d.end_on = text_at(r, "end_on");
    d.due_on = text_at(r, "due_on");
    d.late = int_at(r, "late") != 0;
    d.entered_by = text_at(r, "entered_by");
    d.entered_at = int_at(r, "entered_at");
    list.push_back(d);
  }
  return list;
}

std::int64_t insert_conclusion(soci::session& sql, const Conclusion& c) {
  long long id = 0;
  const long long p = c.proposal_id, decl = c.declarations, violation = c.has_violation ? 1 : 0, late = c.late ? 1 : 0,
                  at = c.entered_at;
  std::array<long long, kAmountKeys.size()> a{};
  for (std::size_t i = 0; i < a.size(); ++i) a[i] = c.amounts.values[i];
  sql << "INSERT INTO audit_conclusions (proposal_id, number, signed_on, findings, declarations, has_violation, "
         "import_tax, export_tax, vat, excise, environment, trade_remedy, late_interest, penalty, collected, status, "
         "due_on, late, entered_by, entered_at) VALUES (:p, :n, :s, :f, :d, :v, :a0, :a1, :a2, :a3, :a4, :a5, :a6, :a7, "
         ":a8, :st, :due, :late, :by, :at) RETURNING id",
      soci::use(p), soci::use(c.number), soci::use(c.signed_on), soci::use(c.findings), soci::use(decl),
      soci::use(violation), soci::use(a[0]), soci::use(a[1]), soci::use(a[2]), soci::use(a[3]), soci::use(a[4]),
      soci::use(a[5]), soci::use(a[6]), soci::use(a[7]), soci::use(a[8]), soci::use(c.status), soci::use(c.due_on),
      soci::use(late), soci::use(c.entered_by), soci::use(at), soci::into(id);
  return id;
}

std::optional<Conclusion> conclusion_of(soci::session& sql, std::int64_t proposal_id) {
  const long long key = proposal_id;
  soci::rowset<soci::row> rows = (sql.prepare << "SELECT * FROM audit_conclusions WHERE proposal_id = :p", soci::use(key));
  for (const auto& r : rows) {
    Conclusion c;
    c.id = int_at(r, "id");
    c.proposal_id = int_at(r, "proposal_id");
    c.number = text_at(r, "number");
    c.signed_on = text_at(r, "signed_on");
    c.findings = text_at(r, "findings");
    c.declarations = int_at(r, "declarations");
    c.has_violation = int_at(r, "has_violation") != 0;
    for (std::size_t i = 0; i < kAmountKeys.size(); ++i) c.amounts.values[i] = int_at(r, kAmountKeys[i]);
    c.status = text_at(r, "status");
    c.due_on = text_at(r, "due_on");
    c.late = int_at(r, "late") != 0;
    c.entered_by = text_at(r, "entered_by");
    c.entered_at = int_at(r, "entered_at");
    c.approved_by = text_at(r, "approved_by");
    c.approved_at = int_at(r, "approved_at");
    return c;
  }
  return std::nullopt;
}

bool approve_conclusion(soci::session& sql, std::int64_t id, const std::string& by, std::int64_t now) {
  const long long key = id, at = now;
  soci::statement st = (sql.prepare << "UPDATE audit_conclusions SET status = 'APPROVED', approved_by = :by, "
                                       "approved_at = :at WHERE id = :id AND status = 'ENTERED'",
                        soci::use(by), soci::use(at), soci::use(key));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

std::int64_t insert_penalty(soci::session& sql, const Penalty& p) {
  long long id = 0;
  const long long proposal = p.proposal_id, amount = p.amount, at = p.entered_at;
  sql << "INSERT INTO audit_penalties (proposal_id, number, signed_on, violation, amount, entered_by, entered_at) "
         "VALUES (:p, :n, :s, :v, :a, :by, :at) RETURNING id",
      soci::use(proposal), soci::use(p.number), soci::use(p.signed_on), soci::use(p.violation), soci::use(amount),
      soci::use(p.entered_by), soci::use(at), soci::into(id);
  return id;
}

std::vector<Penalty> penalties_of(soci::session& sql, std::int64_t proposal_id) {
  const long long key = proposal_id;
  std::vector<Penalty> list;
  soci::rowset<soci::row> rows = (sql.prepare << "SELECT * FROM audit_penalties WHERE proposal_id = :p ORDER BY id",
                                  soci::use(key));
  for (const auto& r : rows)
    list.push_back({int_at(r, "id"), int_at(r, "proposal_id"), int_at(r, "amount"), int_at(r, "entered_at"),
                    text_at(r, "number"), text_at(r, "signed_on"), text_at(r, "violation"), text_at(r, "entered_by")});
  return list;
}

namespace {
Complaint complaint_from(const soci::row& r) {
  return {int_at(r, "id"),          int_at(r, "proposal_id"), int_at(r, "entered_at"), text_at(r, "filed_on"),
          text_at(r, "content"),    text_at(r, "status"),     text_at(r, "decided_on"), text_at(r, "outcome"),
          text_at(r, "entered_by")};
}
}  // namespace

std::int64_t insert_complaint(soci::session& sql, const Complaint& c) {
  long long id = 0;
  const long long proposal = c.proposal_id, at = c.entered_at;
  sql << "INSERT INTO audit_complaints (proposal_id, filed_on, content, status, entered_by, entered_at) "
         "VALUES (:p, :f, :c, :s, :by, :at) RETURNING id",
      soci::use(proposal), soci::use(c.filed_on), soci::use(c.content), soci::use(c.status), soci::use(c.entered_by),
      soci::use(at), soci::into(id);
  return id;
}

std::optional<Complaint> find_complaint(soci::session& sql, std::int64_t id) {
  const long long key = id;
  soci::rowset<soci::row> rows = (sql.prepare << "SELECT * FROM audit_complaints WHERE id = :id", soci::use(key));
  for (const auto& r : rows) return complaint_from(r);
  return std::nullopt;
}

bool decide_complaint(soci::session& sql, const Complaint& c) {
  const long long key = c.id;
  soci::statement st = (sql.prepare << "UPDATE audit_complaints SET status = :s, decided_on = :d, outcome = :o "
                                       "WHERE id = :id AND status = 'FILED'",
                        soci::use(c.status), soci::use(c.decided_on), soci::use(c.outcome), soci::use(key));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

std::vector<Complaint> complaints_of(soci::session& sql, std::int64_t proposal_id) {
  const long long key = proposal_id;
  std::vector<Complaint> list;
  soci::rowset<soci::row> rows = (sql.prepare << "SELECT * FROM audit_complaints WHERE proposal_id = :p ORDER BY id",
                                  soci::use(key));
  for (const auto& r : rows) list.push_back(complaint_from(r));
  return list;
}

// ---- deadlines ----

void open_deadline(soci::session& sql, const Deadline& d) {
  const long long unit = d.unit_id, entity = d.entity_id, done = d.done_at, late = d.late ? 1 : 0;
  sql << "INSERT INTO audit_deadlines (unit_id, kind, entity_type, entity_id, label, due_on, done_at, late) "
         "VALUES (:u, :k, :t, :e, :l, :due, :done, :late) ON CONFLICT (kind, entity_type, entity_id) DO UPDATE SET "
         "due_on = excluded.due_on, done_at = excluded.done_at, late = excluded.late, label = excluded.label",
      soci::use(unit), soci::use(d.kind), soci::use(d.entity_type), soci::use(entity), soci::use(d.label),
      soci::use(d.due_on), soci::use(done), soci::use(late);
}

void close_deadline(soci::session& sql, const std::string& kind, const std::string& entity_type, std::int64_t entity_id,
                    std::int64_t now, const std::string& today) {
  const long long entity = entity_id, at = now;
  sql << "UPDATE audit_deadlines SET done_at = :at, late = CASE WHEN due_on < :today THEN 1 ELSE 0 END "
         "WHERE kind = :k AND entity_type = :t AND entity_id = :e AND (done_at IS NULL OR done_at = 0)",
      soci::use(at), soci::use(today), soci::use(kind), soci::use(entity_type), soci::use(entity);
}

std::vector<Deadline> open_deadlines(soci::session& sql, const std::string& unit_path, const std::string& due_from,
                                     const std::string& due_to, std::int64_t limit) {
  const std::string path = like_prefix(unit_path);
  const long long lim = limit;
  std::vector<Deadline> list;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT d.id, d.unit_id, u.code AS unit_code, d.kind, d.entity_type, d.entity_id, d.label, "
                      "d.due_on, d.done_at, d.late, COALESCE(dc.proposal_id, cc.proposal_id, 0) AS proposal_id "
                      "FROM audit_deadlines d JOIN units u ON u.id = d.unit_id "
                      "LEFT JOIN audit_decisions dc ON d.entity_type = 'audit_decision' AND dc.id = d.entity_id "
                      "LEFT JOIN audit_conclusions cc ON d.entity_type = 'audit_conclusion' AND cc.id = d.entity_id "
                      "WHERE u.path LIKE :p AND (d.done_at IS NULL OR d.done_at = 0) AND d.due_on >= :f AND "
                      "d.due_on <= :t ORDER BY d.due_on, d.id LIMIT :l",
       soci::use(path), soci::use(due_from), soci::use(due_to), soci::use(lim));
  for (const auto& r : rows) {
    Deadline d;
    d.id = int_at(r, "id");
    d.unit_id = int_at(r, "unit_id");
    d.unit_code = text_at(r, "unit_code");
    d.kind = text_at(r, "kind");
    d.entity_type = text_at(r, "entity_type");
    d.entity_id = int_at(r, "entity_id");
    d.label = text_at(r, "label");
    d.due_on = text_at(r, "due_on");
    d.proposal_id = int_at(r, "proposal_id");
    list.push_back(d);
  }
  return list;
}

DeadlineStats deadline_stats(soci::session& sql, const std::string& unit_path, const std::string& today,
                             const std::string& from) {
  const std::string path = like_prefix(unit_path);
  DeadlineStats s;
  long long done = 0, on_time = 0, open = 0, open_late = 0, due_today = 0;
  const std::string base = "FROM audit_deadlines d JOIN units u ON u.id = d.unit_id WHERE u.path LIKE :p ";
  sql << "SELECT COUNT(*), COALESCE(SUM(CASE WHEN d.late = 0 THEN 1 ELSE 0 END), 0) " + base +
             "AND d.done_at > 0 AND d.due_on >= :f",
      soci::use(path), soci::use(from), soci::into(done), soci::into(on_time);
  sql << "SELECT COUNT(*), COALESCE(SUM(CASE WHEN d.due_on < :today THEN 1 ELSE 0 END), 0), "
         "COALESCE(SUM(CASE WHEN d.due_on = :today2 THEN 1 ELSE 0 END), 0) " + base +
             "AND (d.done_at IS NULL OR d.done_at = 0)",
      soci::use(today), soci::use(today), soci::use(path), soci::into(open), soci::into(open_late), soci::into(due_today);
  s.done = done;
  s.done_on_time = on_time;
  s.open = open;
  s.open_late = open_late;
  s.due_today = due_today;
  return s;
}

// ---- reports ----

namespace {

template <typename T>
void add_counts(soci::session& sql, std::vector<Fact>& facts, const std::string& key, const std::string& from_where,
                const std::string& path, const T& from, const T& to) {
  const std::string pattern = like_prefix(path);
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT u.path AS path, COUNT(*) AS n " + from_where + " AND u.path LIKE :p GROUP BY u.path",
       soci::use(from), soci::use(to), soci::use(pattern));
  for (const auto& r : rows) facts.push_back({text_at(r, "path"), key, int_at(r, "n"), 0});
}

std::string ground_key(const std::string& kind) {
  if (kind == "SIGNS_OF_VIOLATION") return "audits_signs";
  if (kind == "RISK_MANAGEMENT") return "audits_risk";
  if (kind == "COMPLIANCE_ASSESSMENT") return "audits_compliance";
  return "audits_other_grounds";
}

}  // namespace

std::vector<Fact> form19_facts(soci::session& sql, const std::string& path, const std::string& from,
                               const std::string& to) {
  std::vector<Fact> facts;
  const std::string pattern = like_prefix(path);
  // An audit counts in the period its original decision was signed, unless the decision was cancelled.
  soci::rowset<soci::row> audits =
      (sql.prepare << "SELECT u.path AS path, p.enterprise_id, p.place, p.grounds_kind FROM audit_decisions d "
                      "JOIN audit_proposals p ON p.id = d.proposal_id JOIN units u ON u.id = p.unit_id "
                      "WHERE d.kind = 'ORIGINAL' AND d.signed_on >= :f AND d.signed_on <= :t AND u.path LIKE :p AND "
                      "NOT EXISTS (SELECT 1 FROM audit_decisions x WHERE x.proposal_id = p.id AND x.kind = 'CANCELLATION')",
       soci::use(from), soci::use(to), soci::use(pattern));
  for (const auto& r : audits) {
    const std::string unit = text_at(r, "path");
    facts.push_back({unit, text_at(r, "place") == "PREMISES" ? "audits_premises" : "audits_office", 1, 0});
    facts.push_back({unit, ground_key(text_at(r, "grounds_kind")), 1, 0});
    facts.push_back({unit, "enterprises", 1, int_at(r, "enterprise_id")});
  }
  // Amounts count in the period their conclusion was signed.
  soci::rowset<soci::row> conclusions =
      (sql.prepare << "SELECT u.path AS path, c.* FROM audit_conclusions c JOIN audit_proposals p ON p.id = c.proposal_id "
                      "JOIN units u ON u.id = p.unit_id WHERE c.signed_on >= :f AND c.signed_on <= :t AND u.path LIKE :p",
       soci::use(from), soci::use(to), soci::use(pattern));
  for (const auto& r : conclusions) {
    const std::string unit = text_at(r, "path");
    facts.push_back({unit, "conclusions", 1, 0});
    facts.push_back({unit, "audits_with_violations", int_at(r, "has_violation") != 0 ? 1 : 0, 0});
    facts.push_back({unit, "declarations", int_at(r, "declarations"), 0});
    for (const char* key : kAmountKeys) facts.push_back({unit, key, int_at(r, key), 0});
  }
  return facts;
}

std::vector<Fact> form20_facts(soci::session& sql, const std::string& path, const std::string& from, const std::string& to,
                               std::int64_t from_ts, std::int64_t to_ts, const std::string& today) {
  std::vector<Fact> facts;
  const long long a = from_ts, b = to_ts;
  const std::string collections = "FROM audit_collections t JOIN units u ON u.id = t.unit_id WHERE ";
  const std::string proposals = "FROM audit_proposals t JOIN units u ON u.id = t.unit_id WHERE ";
  const auto in_range = [](const std::string& column) { return column + " >= :a AND " + column + " < :b"; };
  add_counts(sql, facts, "collections_proposed", collections + in_range("t.proposed_at"), path, a, b);
  add_counts(sql, facts, "collections_approved", collections + in_range("t.approved_at"), path, a, b);
  add_counts(sql, facts, "collections_completed", collections + in_range("t.result_approved_at"), path, a, b);
  add_counts(sql, facts, "collections_with_findings",
             collections + in_range("t.result_approved_at") + " AND t.has_findings = 1", path, a, b);
  add_counts(sql, facts, "proposals_proposed", proposals + in_range("t.created_at") + " AND t.source = 'STQ02'", path, a, b);
  add_counts(sql, facts, "proposals_approved", proposals + in_range("t.approved_at"), path, a, b);
  add_counts(sql, facts, "proposals_rejected", proposals + in_range("t.rejected_at"), path, a, b);
  add_counts(sql, facts, "proposals_paused", proposals + in_range("t.paused_at"), path, a, b);
  add_counts(sql, facts, "proposals_cancelled", proposals + in_range("t.cancelled_at"), path, a, b);
  add_counts(sql, facts, "proposals_duplicates", proposals + in_range("t.created_at") + " AND t.duplicate_count > 0",
             path, a, b);
  for (const char* kind : {"ORIGINAL", "AMENDMENT", "EXTENSION", "CANCELLATION"}) {
    std::string key = std::string("decisions_") + kind;
    for (auto& ch : key) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    add_counts(sql, facts, key,
               std::string("FROM audit_decisions d JOIN audit_proposals t ON t.id = d.proposal_id JOIN units u ON "
                           "u.id = t.unit_id WHERE d.signed_on >= :a AND d.signed_on <= :b AND d.kind = '") + kind + "'",
               path, from, to);
  }
  // Overdue: due in the period and done late, or still open after the due day.
  add_counts(sql, facts, "overdue",
             "FROM audit_deadlines t JOIN units u ON u.id = t.unit_id WHERE t.due_on >= :a AND t.due_on <= :b AND "
             "(t.late = 1 OR ((t.done_at IS NULL OR t.done_at = 0) AND t.due_on < '" + today + "'))",
             path, from, to);
  return facts;
}

void insert_reconciliation(soci::session& sql, std::int64_t unit_id, const std::string& form, const std::string& from,
                           const std::string& to, const std::string& note, const std::string& by, std::int64_t now) {
  const long long unit = unit_id, at = now;
  sql << "INSERT INTO audit_reconciliations (unit_id, form, period_from, period_to, note, signed_by, signed_at) "
         "VALUES (:u, :f, :pf, :pt, :n, :by, :at) ON CONFLICT (unit_id, form, period_from, period_to) DO UPDATE SET "
         "note = excluded.note, signed_by = excluded.signed_by, signed_at = excluded.signed_at",
      soci::use(unit), soci::use(form), soci::use(from), soci::use(to), soci::use(note), soci::use(by), soci::use(at);
}

std::vector<std::string> reconciled_units(soci::session& sql, const std::string& path, const std::string& form,
                                          const std::string& from, const std::string& to) {
  const std::string pattern = like_prefix(path);
  std::vector<std::string> codes;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT u.code FROM audit_reconciliations r JOIN units u ON u.id = r.unit_id WHERE u.path LIKE :p "
                      "AND r.form = :f AND r.period_from = :pf AND r.period_to = :pt",
       soci::use(pattern), soci::use(form), soci::use(from), soci::use(to));
  for (const auto& r : rows) codes.push_back(text_at(r, "code"));
  return codes;
}

std::int64_t insert_feedback(soci::session& sql, const Feedback& f) {
  long long id = 0;
  const long long unit = f.unit_id, at = f.created_at;
  sql << "INSERT INTO audit_feedback (unit_id, username, function_name, proposal, reason, status, created_at) "
         "VALUES (:u, :by, :fn, :p, :r, 'NEW', :at) RETURNING id",
      soci::use(unit), soci::use(f.username), soci::use(f.function_name), soci::use(f.proposal), soci::use(f.reason),
      soci::use(at), soci::into(id);
  return id;
}

std::vector<Feedback> list_feedback(soci::session& sql, const std::string& unit_path, std::int64_t offset,
                                    std::int64_t limit, std::int64_t& total) {
  const std::string path = like_prefix(unit_path);
  const long long off = offset, lim = limit;
  long long n = 0;
  sql << "SELECT COUNT(*) FROM audit_feedback f JOIN units u ON u.id = f.unit_id WHERE u.path LIKE :p", soci::use(path),
      soci::into(n);
  total = n;
  std::vector<Feedback> list;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT f.*, u.code AS unit_code FROM audit_feedback f JOIN units u ON u.id = f.unit_id "
                      "WHERE u.path LIKE :p ORDER BY f.id DESC LIMIT :l OFFSET :o",
       soci::use(path), soci::use(lim), soci::use(off));
  for (const auto& r : rows)
    list.push_back({int_at(r, "id"), int_at(r, "unit_id"), int_at(r, "created_at"), text_at(r, "unit_code"),
                    text_at(r, "username"), text_at(r, "function_name"), text_at(r, "proposal"), text_at(r, "reason"),
                    text_at(r, "status")});
  return list;
}

}  // namespace hq::audit::store
