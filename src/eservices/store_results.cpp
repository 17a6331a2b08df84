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

std::vector<StatCounts> stat_counts(soci::session& sql, const std::string& unit_path_prefix, std::int64_t from,
                                    std::int64_t to, std::int64_t now) {
  const auto [low, high] = scope_range(unit_path_prefix);
  const long long f = from, t = to, cut = std::min(to, now);
  std::vector<StatCounts> out;
  // The whole country reads the table in order (through the unit index SQLite reads it at random, about
  // ten times slower over a million dossiers); a unit's scope is a range of the unit index.
  const bool national = unit_path_prefix == "/" || unit_path_prefix.empty();
  const std::string path = national ? "(d.unit_path || '')" : "d.unit_path";  // expressions: no index
  const std::string scope = path + " >= :lo AND " + path + " < :hi AND " + (national ? "(d.received_at + 0)" : "d.received_at");
  // Every dossier received before the end of the period and not closed before its start, counted in one
  // pass by unit and procedure. Closed in the period: refused, else on time when closed by its due time,
  // else late; still open at the end of the period (or now): in progress, overdue once past its due time.
  soci::rowset<soci::row> rows = (sql.prepare <<
      "SELECT u.code AS unit_code, g.* FROM (SELECT d.unit_id, d.procedure_code, "
      "SUM(CASE WHEN d.received_at >= :f1 THEN 1 ELSE 0 END) AS received, "
      "SUM(CASE WHEN d.received_at < :f2 THEN 1 ELSE 0 END) AS carried_over, "
      "SUM(CASE WHEN d.supplements > 0 THEN 1 ELSE 0 END) AS supplement, "
      "SUM(CASE WHEN d.closed_at < :t1 AND d.status = 'REFUSED' THEN 1 ELSE 0 END) AS refused, "
      "SUM(CASE WHEN d.closed_at < :t2 AND d.status <> 'REFUSED' AND d.closed_at <= d.due_at THEN 1 ELSE 0 END) AS on_time, "
      "SUM(CASE WHEN d.closed_at < :t3 AND d.status <> 'REFUSED' AND d.closed_at > d.due_at THEN 1 ELSE 0 END) AS late, "
      "SUM(CASE WHEN (d.closed_at IS NULL OR d.closed_at >= :t4) AND d.due_at >= :c1 THEN 1 ELSE 0 END) AS open_on_time, "
      "SUM(CASE WHEN (d.closed_at IS NULL OR d.closed_at >= :t5) AND d.due_at < :c2 THEN 1 ELSE 0 END) AS open_overdue "
      "FROM eservices_dossiers d WHERE " + scope +
      " < :t6 "
      "AND (d.closed_at IS NULL OR d.closed_at >= :f3) GROUP BY d.unit_id, d.procedure_code) g "
      "JOIN units u ON u.id = g.unit_id ORDER BY u.code, g.procedure_code",
      soci::use(f), soci::use(f), soci::use(t), soci::use(t), soci::use(t), soci::use(t), soci::use(cut),
      soci::use(t), soci::use(cut), soci::use(low), soci::use(high), soci::use(t), soci::use(f));
  for (const auto& row : rows) {
    StatCounts c;
    c.unit_code = db::text_at(row, "unit_code");
    c.procedure_code = db::text_at(row, "procedure_code");
    c.received = db::int_at(row, "received");
    c.carried_over = db::int_at(row, "carried_over");
    c.supplement = db::int_at(row, "supplement");
    c.refused = db::int_at(row, "refused");
    c.on_time = db::int_at(row, "on_time");
    c.late = db::int_at(row, "late");
    c.in_progress_on_time = db::int_at(row, "open_on_time");
    c.in_progress_overdue = db::int_at(row, "open_overdue");
    out.push_back(c);
  }
  return out;
}

}  // namespace hq::eservices::store
