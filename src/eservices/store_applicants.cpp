#include "db/insert.h"
#include "db/row.h"
#include "db/row_mapping.h"
#include "eservices/store.h"

namespace hq::eservices::store {

void insert_applicant(soci::session& sql, const Applicant& a, std::int64_t now) {
  const long long id = a.account_id, at = now;
  soci::indicator tax = a.tax_code.empty() ? soci::i_null : soci::i_ok;
  soci::indicator idn = a.id_number.empty() ? soci::i_null : soci::i_ok;
  sql << "INSERT INTO eservices_applicants (account_id, kind, tax_code, id_number, name, created_at) "
         "VALUES (:a, :k, :t, :i, :n, :at)",
      soci::use(id), soci::use(a.kind), soci::use(a.tax_code, tax), soci::use(a.id_number, idn), soci::use(a.name),
      soci::use(at);
}

std::optional<Applicant> find_applicant(soci::session& sql, std::int64_t account_id) {
  const long long id = account_id;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT p.*, a.username FROM eservices_applicants p JOIN accounts a ON a.id = p.account_id "
                      "WHERE p.account_id = :a",
       soci::use(id));
  for (const auto& row : rows) {
    Applicant a;
    a.account_id = db::int_at(row, "account_id");
    a.username = db::text_at(row, "username");
    a.kind = db::text_at(row, "kind");
    a.tax_code = db::text_at(row, "tax_code");
    a.id_number = db::text_at(row, "id_number");
    a.name = db::text_at(row, "name");
    return a;
  }
  return std::nullopt;
}

bool tax_code_taken(soci::session& sql, const std::string& tax_code) {
  long long n = 0;
  sql << "SELECT COUNT(*) FROM eservices_applicants WHERE tax_code = :t", soci::use(tax_code), soci::into(n);
  return n > 0;
}

void insert_anchor(soci::session& sql, const std::string& fingerprint, const std::string& subject,
                   const std::string& pem, const std::string& by, std::int64_t now) {
  const long long at = now;
  sql << "INSERT INTO eservices_trust_anchors (fingerprint, subject, pem, created_by, created_at) "
         "VALUES (:f, :s, :p, :by, :at)",
      soci::use(fingerprint), soci::use(subject), soci::use(pem), soci::use(by), soci::use(at);
}

bool anchor_exists(soci::session& sql, const std::string& fingerprint) {
  long long n = 0;
  sql << "SELECT COUNT(*) FROM eservices_trust_anchors WHERE fingerprint = :f", soci::use(fingerprint), soci::into(n);
  return n > 0;
}

namespace {
std::vector<std::string> pems(soci::session& sql, const std::string& table) {
  std::vector<std::string> out;
  soci::rowset<soci::row> rows = (sql.prepare << "SELECT pem FROM " + table + " ORDER BY id");
  for (const auto& row : rows) out.push_back(db::text_at(row, "pem"));
  return out;
}
}  // namespace

std::vector<std::string> anchor_pems(soci::session& sql) { return pems(sql, "eservices_trust_anchors"); }

std::vector<std::string> crl_pems(soci::session& sql) { return pems(sql, "eservices_crls"); }

namespace {
const db::RowMapping<Certificate>& certificate_mapping() {
  static const auto mapping = db::RowMapping<Certificate>()
                                  HQ_ROW_FIELDS(Certificate, id, account_id, fingerprint, serial, subject, issuer,
                                                tax_code, pem, status, not_before, not_after, created_at);
  return mapping;
}
}  // namespace

void insert_certificate(soci::session& sql, const Certificate& c) {
  db::insert_row(sql, "eservices_certificates",
                 "account_id, fingerprint, serial, subject, issuer, tax_code, not_before, not_after, pem, status, "
                 "created_at",
                 "", c.account_id, c.fingerprint, c.serial, c.subject, c.issuer, c.tax_code, c.not_before, c.not_after,
                 c.pem, c.status, c.created_at);
}

std::optional<Certificate> find_certificate(soci::session& sql, const std::string& fingerprint) {
  return certificate_mapping().first_where(sql, "eservices_certificates", "fingerprint = :f", fingerprint);
}

std::vector<Certificate> certificates_of(soci::session& sql, std::int64_t account_id) {
  return certificate_mapping().rows_where(sql, "eservices_certificates", "account_id = :a ORDER BY id", account_id);
}

std::optional<SigningKey> current_signing_key(soci::session& sql) {
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT key_pem, certificate_pem FROM eservices_signing_keys ORDER BY id DESC LIMIT 1");
  for (const auto& row : rows) return SigningKey{db::text_at(row, "key_pem"), db::text_at(row, "certificate_pem")};
  return std::nullopt;
}

void insert_signing_key(soci::session& sql, const SigningKey& k, const std::string& by, std::int64_t now) {
  const long long at = now;
  sql << "INSERT INTO eservices_signing_keys (key_pem, certificate_pem, created_by, created_at) "
         "VALUES (:k, :c, :by, :at)",
      soci::use(k.key_pem), soci::use(k.certificate_pem), soci::use(by), soci::use(at);
}

}  // namespace hq::eservices::store
