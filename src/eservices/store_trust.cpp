#include "db/row.h"
#include "db/row_mapping.h"
#include "eservices/store.h"
#include "eservices/store_rows.h"

namespace hq::eservices::store {

namespace {
const db::RowMapping<AnchorRow>& anchor_mapping() {
  static const auto mapping = db::RowMapping<AnchorRow>()
                                  HQ_ROW_FIELDS(AnchorRow, id, fingerprint, subject, pem, created_by, created_at);
  return mapping;
}

const db::RowMapping<CrlRow>& crl_mapping() {
  static const auto mapping = db::RowMapping<CrlRow>()
                                  HQ_ROW_FIELDS(CrlRow, id, issuer, source, pem, this_update, next_update, revoked,
                                                created_at);
  return mapping;
}
}  // namespace

std::vector<AnchorRow> list_anchors(soci::session& sql) {
  return all_rows(sql, anchor_mapping(), "eservices_trust_anchors", "id");
}

std::vector<CrlRow> list_crls(soci::session& sql) { return all_rows(sql, crl_mapping(), "eservices_crls", "issuer, id"); }

std::optional<CrlRow> crl_of_issuer(soci::session& sql, const std::string& issuer) {
  return crl_mapping().first_where(sql, "eservices_crls",
                                   "issuer = :i ORDER BY this_update DESC, id DESC LIMIT 1", issuer);
}

void replace_crl(soci::session& sql, const CrlRow& c) {
  sql << "DELETE FROM eservices_crls WHERE issuer = :i", soci::use(c.issuer);
  const long long tu = c.this_update, n = c.revoked, at = c.created_at;
  long long next = c.next_update.value_or(0);
  soci::indicator next_ind = c.next_update ? soci::i_ok : soci::i_null;
  sql << "INSERT INTO eservices_crls (issuer, this_update, next_update, revoked, pem, source, created_at) "
         "VALUES (:i, :t, :nu, :n, :p, :s, :at)",
      soci::use(c.issuer), soci::use(tu), soci::use(next, next_ind), soci::use(n), soci::use(c.pem), soci::use(c.source),
      soci::use(at);
}

std::vector<std::string> active_certificate_pems(soci::session& sql) {
  std::vector<std::string> out;
  soci::rowset<soci::row> rows = (sql.prepare << "SELECT pem FROM eservices_certificates WHERE status = 'ACTIVE' ORDER BY id");
  for (const auto& row : rows) out.push_back(db::text_at(row, "pem"));
  return out;
}

}  // namespace hq::eservices::store
