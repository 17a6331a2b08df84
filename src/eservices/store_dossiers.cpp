#include "db/row.h"
#include "eservices/store.h"

namespace hq::eservices::store {

namespace {

std::optional<std::int64_t> optional_int(const soci::row& row, const std::string& column) {
  if (row.get_indicator(column) == soci::i_null) return std::nullopt;
  return db::int_at(row, column);
}

constexpr const char* kDossierSelect =
    "SELECT d.*, u.code AS unit_code, u.name AS unit_name, a.username AS applicant_username, "
    "p.name AS applicant_name FROM eservices_dossiers d JOIN units u ON u.id = d.unit_id "
    "JOIN accounts a ON a.id = d.applicant_id LEFT JOIN eservices_applicants p ON p.account_id = d.applicant_id ";

Dossier dossier_from(const soci::row& row) {
  Dossier d;
  d.id = db::int_at(row, "id");
  d.number = db::text_at(row, "number");
  d.procedure_code = db::text_at(row, "procedure_code");
  d.unit_id = db::int_at(row, "unit_id");
  d.unit_code = db::text_at(row, "unit_code");
  d.unit_name = db::text_at(row, "unit_name");
  d.unit_path = db::text_at(row, "unit_path");
  d.applicant_id = db::int_at(row, "applicant_id");
  d.applicant_username = db::text_at(row, "applicant_username");
  d.applicant_name = db::text_at(row, "applicant_name");
  d.status = db::text_at(row, "status");
  d.mode = static_cast<int>(db::int_at(row, "mode"));
  d.holder = db::text_at(row, "holder");
  d.assignee = db::text_at(row, "assignee");
  d.officer = db::text_at(row, "officer");
  d.submitted_at = db::int_at(row, "submitted_at");
  d.received_at = db::int_at(row, "received_at");
  d.due_at = db::int_at(row, "due_at");
  d.paused_at = optional_int(row, "paused_at");
  d.missing = db::text_at(row, "missing");
  d.fee = db::int_at(row, "fee");
  d.paid_at = optional_int(row, "paid_at");
  d.closed_at = optional_int(row, "closed_at");
  d.receipt_no = db::text_at(row, "receipt_no");
  d.result_number = db::text_at(row, "result_number");
  d.version = db::int_at(row, "version");
  d.created_at = db::int_at(row, "created_at");
  d.updated_at = db::int_at(row, "updated_at");
  return d;
}

// A nullable text or integer bound with its indicator (SOCI binds references: keep these alive).
struct NullableText {
  explicit NullableText(const std::string& v) : value(v), ind(v.empty() ? soci::i_null : soci::i_ok) {}
  std::string value;
  soci::indicator ind;
};
struct NullableInt {
  explicit NullableInt(const std::optional<std::int64_t>& v) : value(v.value_or(0)), ind(v ? soci::i_ok : soci::i_null) {}
  long long value;
  soci::indicator ind;
};

}  // namespace

void ensure_blob(soci::session& sql, const std::string& sha256, std::int64_t size, const std::string& content_base64,
                 std::int64_t now) {
  const long long n = size, at = now;
  sql << "INSERT INTO eservices_blobs (sha256, size, content_base64, created_at) VALUES (:h, :n, :c, :at) "
         "ON CONFLICT (sha256) DO NOTHING",
      soci::use(sha256), soci::use(n), soci::use(content_base64), soci::use(at);
}

std::optional<std::string> blob_base64(soci::session& sql, const std::string& sha256) {
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT content_base64 FROM eservices_blobs WHERE sha256 = :h", soci::use(sha256));
  for (const auto& row : rows) return db::text_at(row, "content_base64");
  return std::nullopt;
}

std::int64_t insert_dossier(soci::session& sql, const Dossier& d) {
  long long id = 0;
  const long long unit = d.unit_id, applicant = d.applicant_id, mode = d.mode, submitted = d.submitted_at,
                  received = d.received_at, due = d.due_at, fee = d.fee, created = d.created_at;
  NullableText assignee(d.assignee), officer(d.officer);
  sql << "INSERT INTO eservices_dossiers (number, procedure_code, unit_id, unit_path, applicant_id, status, mode, "
         "holder, assignee, officer, submitted_at, received_at, due_at, fee, created_at, updated_at) VALUES "
         "(:n, :p, :u, :up, :a, :s, :m, :h, :as, :o, :sub, :rec, :due, :fee, :c, :c2) RETURNING id",
      soci::use(d.number), soci::use(d.procedure_code), soci::use(unit), soci::use(d.unit_path),
      soci::use(applicant), soci::use(d.status), soci::use(mode), soci::use(d.holder),
      soci::use(assignee.value, assignee.ind), soci::use(officer.value, officer.ind), soci::use(submitted),
      soci::use(received), soci::use(due), soci::use(fee), soci::use(created), soci::use(created), soci::into(id);
  return id;
}

void set_number(soci::session& sql, std::int64_t id, const std::string& number) {
  const long long key = id;
  sql << "UPDATE eservices_dossiers SET number = :n WHERE id = :id", soci::use(number), soci::use(key);
}

std::optional<Dossier> find_dossier(soci::session& sql, std::int64_t id) {
  const long long key = id;
  soci::rowset<soci::row> rows = (sql.prepare << std::string(kDossierSelect) + "WHERE d.id = :id", soci::use(key));
  for (const auto& row : rows) return dossier_from(row);
  return std::nullopt;
}

bool update_dossier(soci::session& sql, const Dossier& d, std::int64_t now) {
  const long long id = d.id, version = d.version, unit = d.unit_id, mode = d.mode, due = d.due_at, fee = d.fee,
                  at = now;
  NullableText assignee(d.assignee), officer(d.officer), receipt(d.receipt_no), result(d.result_number);
  NullableInt paused(d.paused_at), paid(d.paid_at), closed(d.closed_at);
  long long updated = 0;
  soci::indicator got = soci::i_null;
  sql << "UPDATE eservices_dossiers SET status = :s, unit_id = :u, unit_path = :up, mode = :m, holder = :h, "
         "assignee = :as, officer = :o, due_at = :due, paused_at = :pa, missing = :mi, fee = :fee, paid_at = :pd, "
         "receipt_no = :r, result_number = :rn, closed_at = :cl, updated_at = :at, version = version + 1 "
         "WHERE id = :id AND version = :v RETURNING id",
      soci::use(d.status), soci::use(unit), soci::use(d.unit_path), soci::use(mode), soci::use(d.holder),
      soci::use(assignee.value, assignee.ind), soci::use(officer.value, officer.ind), soci::use(due),
      soci::use(paused.value, paused.ind), soci::use(d.missing), soci::use(fee), soci::use(paid.value, paid.ind),
      soci::use(receipt.value, receipt.ind), soci::use(result.value, result.ind), soci::use(closed.value, closed.ind),
      soci::use(at), soci::use(id), soci::use(version), soci::into(updated, got);
  return sql.got_data() && got == soci::i_ok;
}

std::vector<Dossier> list_dossiers(soci::session& sql, const DossierQuery& q, std::int64_t& total) {
  std::string where = "WHERE 1 = 1";
  const long long applicant = q.applicant_id.value_or(0), due = q.due_before.value_or(0), offset = q.offset,
                  limit = q.limit;
  const std::string prefix = q.unit_path_prefix + "%";
  where += q.applicant_id ? " AND d.applicant_id = :a" : " AND :a = 0";
  where += " AND d.unit_path LIKE :path";
  where += " AND (:s = '' OR d.status = :s2) AND (:p = '' OR d.procedure_code = :p2)";
  where += " AND (:as = '' OR d.assignee = :as2)";
  where += q.due_before ? " AND d.due_at < :due AND d.paused_at IS NULL" : " AND :due = 0";
  if (q.due_before || q.open_only) where += " AND d.status NOT IN ('DONE', 'REFUSED')";
  long long count = 0;
  sql << "SELECT COUNT(*) FROM eservices_dossiers d " + where, soci::use(applicant), soci::use(prefix),
      soci::use(q.status), soci::use(q.status), soci::use(q.procedure_code), soci::use(q.procedure_code),
      soci::use(q.assignee), soci::use(q.assignee), soci::use(due), soci::into(count);
  total = count;
  std::vector<Dossier> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kDossierSelect) + where + " ORDER BY d.due_at, d.id LIMIT :l OFFSET :o",
       soci::use(applicant), soci::use(prefix), soci::use(q.status), soci::use(q.status), soci::use(q.procedure_code),
       soci::use(q.procedure_code), soci::use(q.assignee), soci::use(q.assignee), soci::use(due), soci::use(limit),
       soci::use(offset));
  for (const auto& row : rows) out.push_back(dossier_from(row));
  return out;
}

void insert_document(soci::session& sql, const Document& d, std::int64_t now) {
  const long long dossier = d.dossier_id, round = d.round, size = d.size, at = now;
  NullableText signature(d.signature_base64), tax(d.signer_tax_code), serial(d.signer_serial);
  NullableInt valid(d.signature_valid ? std::optional<std::int64_t>(*d.signature_valid ? 1 : 0) : std::nullopt);
  sql << "INSERT INTO eservices_documents (dossier_id, round, name, sha256, size, signature_base64, signature_valid, "
         "signer_tax_code, signer_serial, created_at) VALUES (:d, :r, :n, :h, :s, :sig, :v, :t, :se, :at)",
      soci::use(dossier), soci::use(round), soci::use(d.name), soci::use(d.sha256), soci::use(size),
      soci::use(signature.value, signature.ind), soci::use(valid.value, valid.ind), soci::use(tax.value, tax.ind),
      soci::use(serial.value, serial.ind), soci::use(at);
}

std::vector<Document> documents_of(soci::session& sql, std::int64_t dossier_id) {
  const long long id = dossier_id;
  std::vector<Document> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT * FROM eservices_documents WHERE dossier_id = :d ORDER BY id", soci::use(id));
  for (const auto& row : rows) {
    Document d;
    d.id = db::int_at(row, "id");
    d.dossier_id = db::int_at(row, "dossier_id");
    d.round = db::int_at(row, "round");
    d.size = db::int_at(row, "size");
    d.name = db::text_at(row, "name");
    d.sha256 = db::text_at(row, "sha256");
    d.signature_base64 = db::text_at(row, "signature_base64");
    if (const auto v = optional_int(row, "signature_valid")) d.signature_valid = *v != 0;
    d.signer_tax_code = db::text_at(row, "signer_tax_code");
    d.signer_serial = db::text_at(row, "signer_serial");
    out.push_back(std::move(d));
  }
  return out;
}

void insert_step(soci::session& sql, const Step& s) {
  const long long dossier = s.dossier_id, at = s.at;
  sql << "INSERT INTO eservices_steps (dossier_id, at, username, action, from_status, to_status, comment, details) "
         "VALUES (:d, :at, :u, :a, :f, :t, :c, :x)",
      soci::use(dossier), soci::use(at), soci::use(s.username), soci::use(s.action), soci::use(s.from_status),
      soci::use(s.to_status), soci::use(s.comment), soci::use(s.details);
}

std::vector<Step> steps_of(soci::session& sql, std::int64_t dossier_id) {
  const long long id = dossier_id;
  std::vector<Step> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT * FROM eservices_steps WHERE dossier_id = :d ORDER BY id", soci::use(id));
  for (const auto& row : rows) {
    Step s;
    s.id = db::int_at(row, "id");
    s.dossier_id = db::int_at(row, "dossier_id");
    s.at = db::int_at(row, "at");
    s.username = db::text_at(row, "username");
    s.action = db::text_at(row, "action");
    s.from_status = db::text_at(row, "from_status");
    s.to_status = db::text_at(row, "to_status");
    s.comment = db::text_at(row, "comment");
    s.details = db::text_at(row, "details");
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace hq::eservices::store
