#include <algorithm>
#include <stdexcept>

#include "audit/store.h"
#include "audit/store_support.h"
#include "core/text.h"
#include "db/insert.h"
#include "db/row.h"

namespace hq::audit::store {

namespace detail {

std::string word_filter(const std::vector<std::string>& words, const std::string& column) {
  std::string where;
  for (const auto& w : words) {
    for (const char c : w)
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) throw std::invalid_argument("unsafe search word");
    where += " AND " + column + " LIKE '% " + w + "%'";
  }
  return where;
}

std::string id_list(const std::vector<std::int64_t>& ids) {
  std::string list;
  for (const auto id : ids) list += (list.empty() ? "" : ",") + std::to_string(id);
  return list;
}

const db::RowMapping<Enterprise>& enterprise_mapping() {
  static const auto mapping = db::RowMapping<Enterprise>()
                                  HQ_ROW_FIELDS_AT(Enterprise, "e.", id, tax_code, tax_kind, name, foreign_name,
                                                   address, legal_representative, phone, email, established_on,
                                                   charter_capital, ownership, aeo_status, compliance_level, profile,
                                                   source, created_at, updated_at);
  return mapping;
}

std::vector<Enterprise> enterprises_where(soci::session& sql, const std::string& tail) {
  std::vector<Enterprise> list;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " + enterprise_mapping().select_list() + " FROM audit_enterprises e " + tail);
  for (const auto& r : rows) list.push_back(enterprise_mapping().read(r));
  return list;
}

}  // namespace detail

namespace {

std::vector<std::string> words_of(const Enterprise& e) { return search_words(core::fold(e.name + " " + e.foreign_name)); }

void write_words(soci::session& sql, std::int64_t id, const std::vector<std::string>& words) {
  const long long key = id;
  sql << "DELETE FROM audit_enterprise_words WHERE enterprise_id = :id", soci::use(key);
  for (const auto& w : words)
    sql << "INSERT INTO audit_enterprise_words (word, enterprise_id) VALUES (:w, :id)", soci::use(w), soci::use(key);
}

constexpr const char* kNamesCounter = "enterprise_names";

// Taken first, before any enterprise row: every writer of names then locks the counter before the rows
// (PostgreSQL), so an import and a single update cannot wait for each other.
long long next_names_version(soci::session& sql) { return next_in_sequence(sql, kNamesCounter, 0); }

// The columns derived from an enterprise's names, the names version taken first (see next_names_version).
struct NameColumns {
  long long version;
  std::vector<std::string> words;
  std::string folded, joined;
};
NameColumns name_columns(soci::session& sql, const Enterprise& e) {
  NameColumns n{next_names_version(sql), words_of(e), core::fold(e.name), ""};
  n.joined = joined_words(n.words);
  return n;
}

std::optional<Enterprise> first_enterprise(soci::session& sql, const std::string& where, const auto& key) {
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " + enterprise_mapping().select_list() + " FROM audit_enterprises e " + where,
       soci::use(key));
  for (const auto& r : rows) return enterprise_mapping().read(r);
  return std::nullopt;
}

}  // namespace

std::optional<Enterprise> find_enterprise(soci::session& sql, const std::string& tax_code) {
  return first_enterprise(sql, "WHERE e.tax_code = :t", tax_code);
}

std::optional<Enterprise> find_enterprise(soci::session& sql, std::int64_t id) {
  const long long key = id;
  return first_enterprise(sql, "WHERE e.id = :id", key);
}

std::int64_t insert_enterprise(soci::session& sql, const Enterprise& e, std::int64_t by, std::int64_t now) {
  long long id = 0;
  const NameColumns names = name_columns(sql, e);
  const long long capital = e.charter_capital, level = e.compliance_level, creator = by, at = now;
  sql << "INSERT INTO audit_enterprises (tax_code, tax_kind, name, foreign_name, name_folded, search_words, address, "
         "legal_representative, phone, email, established_on, charter_capital, ownership, aeo_status, compliance_level, "
         "profile, source, created_by, created_at, updated_at, name_version) VALUES (:tc, :tk, :n, :fn, :nf, :sw, :a, "
         ":lr, :ph, :em, :est, :cap, :own, :aeo, :lvl, :prof, :src, :by, :c, :m, :v) RETURNING id",
      soci::use(e.tax_code), soci::use(e.tax_kind), soci::use(e.name), soci::use(e.foreign_name), soci::use(names.folded),
      soci::use(names.joined), soci::use(e.address), soci::use(e.legal_representative), soci::use(e.phone), soci::use(e.email),
      soci::use(e.established_on), soci::use(capital), soci::use(e.ownership), soci::use(e.aeo_status), soci::use(level),
      soci::use(e.profile), soci::use(e.source), soci::use(creator), soci::use(at), soci::use(at), soci::use(names.version),
      soci::into(id);
  write_words(sql, id, names.words);
  return id;
}

void update_enterprise(soci::session& sql, const Enterprise& e, std::int64_t now) {
  const NameColumns names = name_columns(sql, e);
  const long long capital = e.charter_capital, level = e.compliance_level, at = now, id = e.id;
  sql << "UPDATE audit_enterprises SET name = :n, foreign_name = :fn, name_folded = :nf, search_words = :sw, "
         "address = :a, legal_representative = :lr, phone = :ph, email = :em, established_on = :est, "
         "charter_capital = :cap, ownership = :own, aeo_status = :aeo, compliance_level = :lvl, profile = :prof, "
         "updated_at = :m, name_version = :v WHERE id = :id",
      soci::use(e.name), soci::use(e.foreign_name), soci::use(names.folded), soci::use(names.joined), soci::use(e.address),
      soci::use(e.legal_representative), soci::use(e.phone), soci::use(e.email), soci::use(e.established_on),
      soci::use(capital), soci::use(e.ownership), soci::use(e.aeo_status), soci::use(level), soci::use(e.profile),
      soci::use(at), soci::use(names.version), soci::use(id);
  write_words(sql, e.id, names.words);
}

void lock_enterprise(soci::session& sql, std::int64_t id) {
  const long long key = id;
  sql << "UPDATE audit_enterprises SET lock_version = lock_version + 1 WHERE id = :id", soci::use(key);
}

void insert_enterprise_change(soci::session& sql, std::int64_t enterprise_id, const EnterpriseChange& c) {
  db::insert_row(sql, "audit_enterprise_changes", "enterprise_id, at, username, unit_code, source, changes", "",
                 enterprise_id, c.at, c.username, c.unit_code, c.source, c.changes);
}

std::vector<EnterpriseChange> enterprise_changes(soci::session& sql, std::int64_t enterprise_id, std::int64_t limit) {
  static const auto mapping =
      db::RowMapping<EnterpriseChange>() HQ_ROW_FIELDS(EnterpriseChange, at, username, unit_code, source, changes);
  return mapping.rows_where(sql, "audit_enterprise_changes", "enterprise_id = :e ORDER BY id DESC LIMIT :l",
                            enterprise_id, limit);
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
  static const auto mapping =
      db::RowMapping<EnterpriseName>() HQ_ROW_FIELDS(EnterpriseName, id, name_folded, tax_code, search_words);
  auto changed = mapping.rows_where(sql, "audit_enterprises", "name_version > :v LIMIT :l", version, limit + 1);
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
  return db::insert_returning_id(sql, "audit_key_enterprises", "enterprise_id, year, reason, added_by, added_at",
                                 k.enterprise_id, k.year, k.reason, k.added_by, k.added_at);
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
  static const auto mapping = db::RowMapping<KeyEnterprise>()
                                  HQ_ROW_FIELDS_AT(KeyEnterprise, "k.", id, enterprise_id, year, added_at)
                                  HQ_ROW_FIELDS_AT(KeyEnterprise, "e.", tax_code, name)
                                  HQ_ROW_FIELDS_AT(KeyEnterprise, "k.", reason, added_by);
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " + mapping.select_list() +
                          " FROM audit_key_enterprises k JOIN audit_enterprises e ON e.id = k.enterprise_id "
                          "WHERE k.year = :y ORDER BY e.name_folded, e.id LIMIT :l OFFSET :o",
       soci::use(y), soci::use(lim), soci::use(off));
  for (const auto& r : rows) list.push_back(mapping.read(r));
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

std::int64_t account_id(soci::session& sql, const std::string& username) {
  long long id = 0;
  soci::indicator ind = soci::i_null;
  sql << "SELECT id FROM accounts WHERE username = :u", soci::use(username), soci::into(id, ind);
  return sql.got_data() && ind == soci::i_ok ? id : 0;
}

}  // namespace hq::audit::store
