#include <map>

#include "audit/store.h"
#include "audit/store_support.h"
#include "db/insert.h"
#include "db/row.h"

namespace hq::audit::store {

namespace {

const OwnedTable<Collection>& collections() {
  static const OwnedTable<Collection> table(
      owned_row_mapping<Collection>("c.") HQ_ROW_FIELDS_AT(
          Collection, "c.", signs, risk_areas, status, paused_from, reason, duplicate_count, has_findings, proposed_by,
          decided_by, proposed_at, approved_at, rejected_at, cancelled_at, result_submitted_at, result_approved_at,
          updated_at, results_by, recipient_kind, recipient_name, letter_number, letter_on, rework_opinion, returned_by,
          returned_at, rework_count, source, origin_number, imported_by, imported_at),
      "audit_collections", "c");
  return table;
}

const db::RowMapping<CollectionResult>& result_mapping() {
  static const auto mapping = db::RowMapping<CollectionResult>()
                                  HQ_ROW_FIELDS(CollectionResult, risk_area, finding, has_violation);
  return mapping;
}

std::vector<CollectionResult> results_of(soci::session& sql, std::int64_t id) {
  return result_mapping().rows_where(sql, "audit_collection_results", "collection_id = :c ORDER BY id", id);
}

}  // namespace

std::int64_t insert_collection(soci::session& sql, const Collection& c) {
  return db::insert_returning_id(sql, "audit_collections",
                                 "number, year, enterprise_id, unit_id, signs, risk_areas, status, duplicate_count, "
                                 "proposed_by, proposed_at, updated_at, source, origin_number, imported_by, imported_at",
                                 c.number, c.year, c.enterprise_id, c.unit_id, c.signs, c.risk_areas, c.status,
                                 c.duplicate_count, c.proposed_by, c.proposed_at, c.proposed_at, c.source,
                                 c.origin_number, c.imported_by, c.imported_at);
}

std::optional<Collection> find_collection(soci::session& sql, std::int64_t id) {
  auto c = collections().find(sql, id);
  if (c) c->results = results_of(sql, c->id);
  return c;
}

bool update_collection_state(soci::session& sql, const Collection& c, const std::string& from) {
  const long long id = c.id, findings = c.has_findings ? 1 : 0, a = c.approved_at, r = c.rejected_at,
                  x = c.cancelled_at, rs = c.result_submitted_at, ra = c.result_approved_at, m = c.updated_at;
  soci::statement st =
      (sql.prepare << "UPDATE audit_collections SET status = :st, paused_from = :pf, reason = :r, decided_by = :by, "
                      "has_findings = :f, approved_at = :a, rejected_at = :rj, cancelled_at = :x, "
                      "result_submitted_at = :rs, result_approved_at = :ra, updated_at = :m, results_by = :rb "
                      "WHERE id = :id AND status = :from",
       soci::use(c.status), soci::use(c.paused_from), soci::use(c.reason), soci::use(c.decided_by), soci::use(findings),
       soci::use(a), soci::use(r), soci::use(x), soci::use(rs), soci::use(ra), soci::use(m), soci::use(c.results_by),
       soci::use(id), soci::use(from));
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
  auto list = collections().of_enterprise(sql, enterprise_id);
  for (auto& c : list) c.results = results_of(sql, c.id);
  return list;
}

std::vector<Collection> list_collections(soci::session& sql, const ListQuery& q, std::int64_t& total) {
  static const ListColumns kColumns{
      {{"created_at", "c.proposed_at"}, {"proposed_at", "c.proposed_at"}, {"number", "c.year"},
       {"status", "c.status"},          {"unit_code", "u.code"},          {"enterprise", "e.name_folded"},
       {"tax_code", "e.tax_code"}},
      "c.proposed_at", "proposed_at", false};
  return collections().list(sql, q, kColumns, total);
}

}  // namespace hq::audit::store
