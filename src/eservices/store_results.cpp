#include "db/row.h"
#include "eservices/store.h"

namespace hq::eservices::store {

void insert_payment(soci::session& sql, const Payment& p) {
  const long long dossier = p.dossier_id, amount = p.amount, at = p.created_at;
  sql << "INSERT INTO eservices_payments (order_id, dossier_id, amount, status, created_at) "
         "VALUES (:o, :d, :a, :s, :at)",
      soci::use(p.order_id), soci::use(dossier), soci::use(amount), soci::use(p.status), soci::use(at);
}

std::optional<Payment> find_payment(soci::session& sql, const std::string& order_id) {
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT * FROM eservices_payments WHERE order_id = :o", soci::use(order_id));
  for (const auto& row : rows) {
    Payment p;
    p.order_id = db::text_at(row, "order_id");
    p.dossier_id = db::int_at(row, "dossier_id");
    p.amount = db::int_at(row, "amount");
    p.status = db::text_at(row, "status");
    p.transaction_id = db::text_at(row, "transaction_id");
    p.created_at = db::int_at(row, "created_at");
    if (row.get_indicator("paid_at") != soci::i_null) p.paid_at = db::int_at(row, "paid_at");
    return p;
  }
  return std::nullopt;
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
Result result_from(const soci::row& row) {
  Result r;
  r.number = db::text_at(row, "number");
  r.dossier_id = db::int_at(row, "dossier_id");
  r.issued_at = db::int_at(row, "issued_at");
  r.issued_by = db::text_at(row, "issued_by");
  r.sha256 = db::text_at(row, "sha256");
  r.content_base64 = db::text_at(row, "content_base64");
  r.signature_base64 = db::text_at(row, "signature_base64");
  r.certificate_pem = db::text_at(row, "certificate_pem");
  r.dossier_number = db::text_at(row, "dossier_number");
  return r;
}
constexpr const char* kResultSelect =
    "SELECT r.*, d.number AS dossier_number FROM eservices_results r JOIN eservices_dossiers d ON d.id = r.dossier_id ";
}  // namespace

void insert_result(soci::session& sql, const Result& r) {
  const long long dossier = r.dossier_id, at = r.issued_at;
  sql << "INSERT INTO eservices_results (number, dossier_id, issued_at, issued_by, sha256, content_base64, "
         "signature_base64, certificate_pem) VALUES (:n, :d, :at, :by, :h, :c, :s, :p)",
      soci::use(r.number), soci::use(dossier), soci::use(at), soci::use(r.issued_by), soci::use(r.sha256),
      soci::use(r.content_base64), soci::use(r.signature_base64), soci::use(r.certificate_pem);
}

std::optional<Result> find_result(soci::session& sql, const std::string& number) {
  soci::rowset<soci::row> rows = (sql.prepare << std::string(kResultSelect) + "WHERE r.number = :n", soci::use(number));
  for (const auto& row : rows) return result_from(row);
  return std::nullopt;
}

std::optional<Result> result_of(soci::session& sql, std::int64_t dossier_id) {
  const long long id = dossier_id;
  soci::rowset<soci::row> rows = (sql.prepare << std::string(kResultSelect) + "WHERE r.dossier_id = :d", soci::use(id));
  for (const auto& row : rows) return result_from(row);
  return std::nullopt;
}

std::optional<Result> find_result_by_sha256(soci::session& sql, const std::string& sha256) {
  soci::rowset<soci::row> rows = (sql.prepare << std::string(kResultSelect) + "WHERE r.sha256 = :h", soci::use(sha256));
  for (const auto& row : rows) return result_from(row);
  return std::nullopt;
}

std::optional<std::string> find_setting(soci::session& sql, const std::string& key) {
  std::string value;
  soci::indicator ind = soci::i_null;
  sql << "SELECT value FROM settings WHERE key = :k", soci::use(key), soci::into(value, ind);
  if (!sql.got_data() || ind != soci::i_ok) return std::nullopt;
  return value;
}

std::string setting_or_insert(soci::session& sql, const std::string& key, const std::string& value_if_absent) {
  sql << "INSERT INTO settings (key, value) VALUES (:k, :v) ON CONFLICT (key) DO NOTHING", soci::use(key),
      soci::use(value_if_absent);
  std::string value;
  sql << "SELECT value FROM settings WHERE key = :k", soci::use(key), soci::into(value);
  return value;
}

std::vector<StatRow> stat_rows(soci::session& sql, const std::string& unit_path_prefix, std::int64_t from,
                               std::int64_t to) {
  const std::string prefix = unit_path_prefix + "%";
  const long long f = from, t = to;
  std::vector<StatRow> out;
  // Every dossier received before the end of the period and not closed before its start.
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT u.code AS unit_code, d.procedure_code, d.status, d.received_at, d.due_at, d.closed_at, "
                      "(SELECT COUNT(*) FROM eservices_steps s WHERE s.dossier_id = d.id AND "
                      "s.action = 'request-supplement') AS supplements FROM eservices_dossiers d "
                      "JOIN units u ON u.id = d.unit_id WHERE d.unit_path LIKE :p AND d.received_at < :t AND "
                      "(d.closed_at IS NULL OR d.closed_at >= :f) ORDER BY u.code, d.procedure_code",
       soci::use(prefix), soci::use(t), soci::use(f));
  for (const auto& row : rows) {
    StatRow r;
    r.unit_code = db::text_at(row, "unit_code");
    r.procedure_code = db::text_at(row, "procedure_code");
    r.status = db::text_at(row, "status");
    r.received_at = db::int_at(row, "received_at");
    r.due_at = db::int_at(row, "due_at");
    if (row.get_indicator("closed_at") != soci::i_null) r.closed_at = db::int_at(row, "closed_at");
    r.supplemented = db::int_at(row, "supplements") > 0;
    out.push_back(r);
  }
  return out;
}

}  // namespace hq::eservices::store
