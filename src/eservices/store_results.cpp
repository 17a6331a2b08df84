#include <algorithm>

#include "db/row.h"
#include "db/row_mapping.h"
#include "eservices/store.h"

namespace hq::eservices::store {

namespace {
const db::RowMapping<Payment>& payment_mapping() {
  static const auto mapping = db::RowMapping<Payment>()
                                  HQ_ROW_FIELDS(Payment, order_id, dossier_id, amount, status, transaction_id,
                                                created_at, paid_at);
  return mapping;
}
}  // namespace

void insert_payment(soci::session& sql, const Payment& p) {
  const long long dossier = p.dossier_id, amount = p.amount, at = p.created_at;
  sql << "INSERT INTO eservices_payments (order_id, dossier_id, amount, status, created_at) "
         "VALUES (:o, :d, :a, :s, :at)",
      soci::use(p.order_id), soci::use(dossier), soci::use(amount), soci::use(p.status), soci::use(at);
}

std::optional<Payment> find_payment(soci::session& sql, const std::string& order_id) {
  return payment_mapping().first_where(sql, "eservices_payments", "order_id = :o", order_id);
}

bool mark_paid(soci::session& sql, const std::string& order_id, const std::string& transaction_id, std::int64_t now) {
  const long long at = now;
  std::string updated;
  soci::indicator got = soci::i_null;
  sql << "UPDATE eservices_payments SET status = 'PAID', transaction_id = :t, paid_at = :at "
         "WHERE order_id = :o AND status = 'PENDING' RETURNING order_id",
      soci::use(transaction_id), soci::use(at), soci::use(order_id), soci::into(updated, got);
  return sql.got_data() && got == soci::i_ok;
}

namespace {
const db::RowMapping<Result>& result_mapping() {
  static const auto mapping = db::RowMapping<Result>()
                                  HQ_ROW_FIELDS_AT(Result, "r.", number, dossier_id, issued_at, issued_by, sha256,
                                                   content_base64, signature_base64, certificate_pem)
                                  .field("d.number", &Result::dossier_number);
  return mapping;
}
const std::string& result_select() {
  static const std::string select = "SELECT " + result_mapping().select_list() +
                                    " FROM eservices_results r JOIN eservices_dossiers d ON d.id = r.dossier_id ";
  return select;
}
}  // namespace

void insert_result(soci::session& sql, const Result& r) {
  const long long dossier = r.dossier_id, at = r.issued_at;
  sql << "INSERT INTO eservices_results (number, dossier_id, issued_at, issued_by, sha256, content_base64, "
         "signature_base64, certificate_pem) VALUES (:n, :d, :at, :by, :h, :c, :s, :p)",
      soci::use(r.number), soci::use(dossier), soci::use(at), soci::use(r.issued_by), soci::use(r.sha256),
      soci::use(r.content_base64), soci::use(r.signature_base64), soci::use(r.certificate_pem);
}

std::optional<Result> find_result(soci::session& sql, const std::string& number) {
  return result_mapping().first_of(sql, result_select() + "WHERE r.number = :n", number);
}

std::optional<Result> result_of(soci::session& sql, std::int64_t dossier_id) {
  return result_mapping().first_of(sql, result_select() + "WHERE r.dossier_id = :d", dossier_id);
}

std::optional<Result> find_result_by_sha256(soci::session& sql, const std::string& sha256) {
  return result_mapping().first_of(sql, result_select() + "WHERE r.sha256 = :h", sha256);
}

}  // namespace hq::eservices::store
