#include "trs/study/report_cache_store.h"

#include "db/row.h"

namespace hq::trs::store {

void touch_study(soci::session& sql, std::int64_t study_id) {
  sql << "UPDATE trs_studies SET data_version = data_version + 1 WHERE id = :id", soci::use(study_id);
}

std::int64_t data_version(soci::session& sql, std::int64_t study_id) {
  long long version = 0;
  sql << "SELECT data_version FROM trs_studies WHERE id = :id", soci::use(study_id), soci::into(version);
  return version;
}

std::optional<std::string> cached_report(soci::session& sql, const ReportKey& key) {
  std::string body;
  soci::indicator ind = soci::i_null;
  const long long version = key.data_version, limit = key.follow_up_limit, id = key.study_id;
  sql << "SELECT body FROM trs_report_cache WHERE study_id = :id AND scope = :scope AND data_version = :v "
         "AND follow_up_limit = :limit AND format = :format",
      soci::use(id), soci::use(key.scope), soci::use(version), soci::use(limit), soci::use(key.format),
      soci::into(body, ind);
  if (!sql.got_data() || ind != soci::i_ok) return std::nullopt;
  return body;
}

void store_report(soci::session& sql, const ReportKey& key, const std::string& body, std::int64_t now) {
  const long long version = key.data_version, limit = key.follow_up_limit, id = key.study_id, at = now;
  // Parameters in a SELECT list carry no column type on PostgreSQL: the numbers are cast. The SELECT has a WHERE
  // clause, so SQLite reads ON CONFLICT as the upsert clause (not a join constraint).
  sql << "INSERT INTO trs_report_cache (study_id, scope, data_version, follow_up_limit, format, body, created_at) "
         "SELECT CAST(:id AS bigint), :scope, CAST(:v AS bigint), CAST(:limit AS bigint), :format, :body, CAST(:at AS bigint) "
         "FROM trs_studies WHERE id = :id2 AND data_version = :v2 "
         "ON CONFLICT (study_id, scope) DO UPDATE SET data_version = excluded.data_version, "
         "follow_up_limit = excluded.follow_up_limit, format = excluded.format, body = excluded.body, "
         "created_at = excluded.created_at",
      soci::use(id), soci::use(key.scope), soci::use(version), soci::use(limit), soci::use(key.format),
      soci::use(body), soci::use(at), soci::use(id), soci::use(version);
}

std::vector<ScopeNotKept> scopes_not_kept(soci::session& sql, const std::string& format) {
  std::vector<ScopeNotKept> out;
  const soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT s.id, '*', s.data_version, 0 FROM trs_studies s LEFT JOIN trs_report_cache c "
                      "ON c.study_id = s.id AND c.scope = '*' "
                      "WHERE c.study_id IS NULL OR c.data_version <> s.data_version OR c.format <> :format "
                      "UNION ALL "
                      "SELECT c.study_id, c.scope, s.data_version, 1 FROM trs_report_cache c "
                      "JOIN trs_studies s ON s.id = c.study_id "
                      "WHERE c.scope <> '*' AND (c.data_version <> s.data_version OR c.format <> :format2) "
                      "ORDER BY 1, 4, 2",
       soci::use(format), soci::use(format));
  for (const soci::row& r : rows)
    out.push_back({db::int_at(r, std::size_t{0}), db::text_at(r, std::size_t{1}), db::int_at(r, std::size_t{2})});
  return out;
}

}  // namespace hq::trs::store
