// The CRL refresh job's record of each distribution point (migration 0304).
#include "db/row_mapping.h"
#include "eservices/store.h"
#include "eservices/store_rows.h"

namespace hq::eservices::store {

namespace {
const db::RowMapping<CrlSource>& source_mapping() {
  static const auto mapping = db::RowMapping<CrlSource>() HQ_ROW_FIELDS(
      CrlSource, url, issuer, outcome, error, failures, last_attempt_at, last_success_at);
  return mapping;
}
}  // namespace

void record_crl_source(soci::session& sql, const std::string& url, const std::string& outcome,
                       const std::string& issuer, const std::string& error, std::int64_t now) {
  const bool failed = outcome == "FAILED";
  const long long at = now, failures = failed ? 1 : 0;
  soci::indicator issuer_ind = issuer.empty() ? soci::i_null : soci::i_ok;
  soci::indicator error_ind = failed ? soci::i_ok : soci::i_null;
  soci::indicator success_ind = failed ? soci::i_null : soci::i_ok;
  sql << "INSERT INTO eservices_crl_sources (url, issuer, outcome, error, failures, last_attempt_at, last_success_at) "
         "VALUES (:u, :i, :o, :e, :f, :at, :ok) ON CONFLICT (url) DO UPDATE SET "
         "issuer = COALESCE(excluded.issuer, eservices_crl_sources.issuer), outcome = excluded.outcome, "
         "error = excluded.error, last_attempt_at = excluded.last_attempt_at, "
         "failures = CASE WHEN excluded.outcome = 'FAILED' THEN eservices_crl_sources.failures + 1 ELSE 0 END, "
         "last_success_at = COALESCE(excluded.last_success_at, eservices_crl_sources.last_success_at)",
      soci::use(url), soci::use(issuer, issuer_ind), soci::use(outcome), soci::use(error, error_ind),
      soci::use(failures), soci::use(at), soci::use(at, success_ind);
}

std::vector<CrlSource> list_crl_sources(soci::session& sql) {
  return all_rows(sql, source_mapping(), "eservices_crl_sources", "url");
}

}  // namespace hq::eservices::store
