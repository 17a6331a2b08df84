#include "db/binary.h"
#include "db/row.h"
#include "db/row_mapping.h"
#include "eservices/signatures.h"
#include "eservices/store.h"

namespace hq::eservices::store {

namespace {

const db::RowMapping<Dossier>& dossier_mapping() {
  static const auto mapping = db::RowMapping<Dossier>()
                                  HQ_ROW_FIELDS_AT(Dossier, "d.", id, number, procedure_code, unit_id)
                                  .field("u.code", &Dossier::unit_code)
                                  .field("u.name", &Dossier::unit_name)
                                  HQ_ROW_FIELDS_AT(Dossier, "d.", unit_path, applicant_id)
                                  .field("a.username", &Dossier::applicant_username)
                                  .field("p.name", &Dossier::applicant_name)
                                  HQ_ROW_FIELDS_AT(Dossier, "d.", status, mode, holder, assignee, officer, submitted_at,
                                                   received_at, due_at, paused_at, missing, fee, paid_at, closed_at,
                                                   receipt_no, result_number, supplements, version, created_at,
                                                   updated_at);
  return mapping;
}

const std::string& dossier_select() {
  static const std::string select =
      "SELECT " + dossier_mapping().select_list() +
      " FROM eservices_dossiers d JOIN units u ON u.id = d.unit_id JOIN accounts a ON a.id = d.applicant_id "
      "LEFT JOIN eservices_applicants p ON p.account_id = d.applicant_id ";
  return select;
}

const db::RowMapping<Document>& document_mapping() {
  static const auto mapping =
      db::RowMapping<Document>()
          HQ_ROW_FIELDS(Document, id, dossier_id, round, size, name, sha256, signature_base64)
          .field_with("signature_valid",  // NULL: not checked (a citizen's document)
                      [](Document& d, const soci::row& row, std::size_t i) {
                        if (row.get_indicator(i) != soci::i_null) d.signature_valid = db::int_at(row, i) != 0;
                      })
          HQ_ROW_FIELDS(Document, signer_tax_code, signer_serial);
  return mapping;
}

const db::RowMapping<Step>& step_mapping() {
  static const auto mapping = db::RowMapping<Step>()
                                  HQ_ROW_FIELDS(Step, id, dossier_id, at, username, action, from_status, to_status,
                                                comment, details);
  return mapping;
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

void ensure_blobs(soci::session& sql, const std::vector<Blob>& blobs, std::int64_t now) {
  if (blobs.empty()) return;
  std::string statement = "INSERT INTO eservices_blobs (sha256, size, content, content_base64, created_at) VALUES ";
  std::vector<db::BinaryParam> params;
  for (const auto& b : blobs) {
    const auto n = params.size();
    statement += (n ? ", ($" : "($") + std::to_string(n + 1) + ", $" + std::to_string(n + 2) + ", $" +
                 std::to_string(n + 3) + ", '', $" + std::to_string(n + 4) + ")";
    params.insert(params.end(), {std::string_view(b.sha256), static_cast<long long>(b.content.size()),
                                 db::Bytes{b.content}, static_cast<long long>(now)});
  }
  db::execute_binary(sql, statement + " ON CONFLICT (sha256) DO NOTHING", params);
}

std::optional<std::string> blob_bytes(soci::session& sql, const std::string& sha256) {
  if (auto bytes = db::select_bytes(sql, "SELECT content FROM eservices_blobs WHERE sha256 = $1", {std::string_view(sha256)}))
    return bytes;
  // Before migration 0307 the bytes were kept as their base64 text.
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT content_base64 FROM eservices_blobs WHERE sha256 = :h", soci::use(sha256));
  for (const auto& row : rows) return base64_decode(db::text_at(row, "content_base64"));
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
  return dossier_mapping().first_of(sql, dossier_select() + "WHERE d.id = :id", id);
}

bool update_dossier(soci::session& sql, const Dossier& d, std::int64_t now) {
  const long long id = d.id, version = d.version, unit = d.unit_id, mode = d.mode, due = d.due_at, fee = d.fee,
                  supplements = d.supplements, at = now;
  NullableText assignee(d.assignee), officer(d.officer), receipt(d.receipt_no), result(d.result_number);
  NullableInt paused(d.paused_at), paid(d.paid_at), closed(d.closed_at);
  long long updated = 0;
  soci::indicator got = soci::i_null;
  sql << "UPDATE eservices_dossiers SET status = :s, unit_id = :u, unit_path = :up, mode = :m, holder = :h, "
         "assignee = :as, officer = :o, due_at = :due, paused_at = :pa, missing = :mi, fee = :fee, paid_at = :pd, "
         "receipt_no = :r, result_number = :rn, closed_at = :cl, supplements = :su, updated_at = :at, version = version + 1 "
         "WHERE id = :id AND version = :v RETURNING id",
      soci::use(d.status), soci::use(unit), soci::use(d.unit_path), soci::use(mode), soci::use(d.holder),
      soci::use(assignee.value, assignee.ind), soci::use(officer.value, officer.ind), soci::use(due),
      soci::use(paused.value, paused.ind), soci::use(d.missing), soci::use(fee), soci::use(paid.value, paid.ind),
      soci::use(receipt.value, receipt.ind), soci::use(result.value, result.ind), soci::use(closed.value, closed.ind),
      soci::use(supplements), soci::use(at), soci::use(id), soci::use(version), soci::into(updated, got);
  return sql.got_data() && got == soci::i_ok;
}

std::pair<std::string, std::string> scope_range(const std::string& unit_path_prefix) {
  // Paths end with '/': every path under "/1/4/" sorts in ["/1/4/", "/1/40") byte by byte ('0' follows '/').
  std::string upper = unit_path_prefix.empty() ? std::string("/") : unit_path_prefix;
  upper.back() = static_cast<char>(upper.back() + 1);
  return {unit_path_prefix, upper};
}

std::vector<Dossier> list_dossiers(soci::session& sql, const DossierQuery& q, std::int64_t& total) {
  // Only the filters asked for are in the statement, so each backend plans it on its indexes (the unit
  // scope as a range of paths, the open dossiers through their partial index).
  const auto [low, high] = scope_range(q.unit_path_prefix);
  const long long applicant = q.applicant_id.value_or(0), due = q.due_before.value_or(0), offset = q.offset,
                  limit = q.limit;
  std::string where = "WHERE d.unit_path >= :lo AND d.unit_path < :hi";
  std::vector<const std::string*> texts = {&low, &high};
  if (q.applicant_id) where += " AND d.applicant_id = :a";
  const auto text_filter = [&](const std::string& value, const char* condition) {
    if (value.empty()) return;
    where += condition;
    texts.push_back(&value);
  };
  text_filter(q.status, " AND d.status = :s");
  text_filter(q.procedure_code, " AND d.procedure_code = :p");
  text_filter(q.assignee, " AND d.assignee = :as");
  if (q.due_before) where += " AND d.due_at < :due AND d.paused_at IS NULL";
  // Open dossiers (asked for, or implied by an open status) are read through their partial index: the
  // condition is spelled as the index's so both planners may use it, and the order is an expression so
  // PostgreSQL does not walk the due-time index of every dossier (mostly closed) looking for open ones — a
  // Chi cục holding 30 % of a million dossiers took seconds that way (docs/performance.md).
  const bool open = q.due_before || q.open_only || (!q.status.empty() && q.status != "DONE" && q.status != "REFUSED");
  if (open) where += " AND d.status NOT IN ('DONE', 'REFUSED')";
  // Binds the filters in the order they appear in `where`, then `extra`.
  const auto bind = [&](soci::statement& st, std::vector<const long long*> extra) {
    st.exchange(soci::use(*texts[0]));
    st.exchange(soci::use(*texts[1]));
    if (q.applicant_id) st.exchange(soci::use(applicant));
    for (std::size_t i = 2; i < texts.size(); ++i) st.exchange(soci::use(*texts[i]));
    if (q.due_before) st.exchange(soci::use(due));
    for (const auto* value : extra) st.exchange(soci::use(*value));
  };
  long long count = 0;
  {
    soci::statement st(sql);
    bind(st, {});
    st.exchange(soci::into(count));
    st.alloc();
    st.prepare("SELECT COUNT(*) FROM eservices_dossiers d " + where);
    st.define_and_bind();
    st.execute(true);
  }
  total = count;
  std::vector<Dossier> out;
  if (count <= offset) return out;
  soci::row row;
  soci::statement st(sql);
  bind(st, {&limit, &offset});
  st.exchange(soci::into(row));
  st.alloc();
  // Open dossiers: the page's ids come from the partial index alone (unit path, due time, id: no table row
  // read for the thousands of open dossiers of a big Chi cục), then only that page's rows are read.
  st.prepare(open ? dossier_select() + "WHERE d.id IN (SELECT d.id FROM eservices_dossiers d " + where +
                        " ORDER BY d.due_at + 0, d.id LIMIT :l OFFSET :o) ORDER BY d.due_at, d.id"
                  : dossier_select() + where + " ORDER BY d.due_at, d.id LIMIT :l OFFSET :o");
  st.define_and_bind();
  if (st.execute(true)) {
    do out.push_back(dossier_mapping().read(row));
    while (st.fetch());
  }
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
  return document_mapping().rows_where(sql, "eservices_documents", "dossier_id = :d ORDER BY id", dossier_id);
}

void insert_step(soci::session& sql, const Step& s) {
  const long long dossier = s.dossier_id, at = s.at;
  sql << "INSERT INTO eservices_steps (dossier_id, at, username, action, from_status, to_status, comment, details) "
         "VALUES (:d, :at, :u, :a, :f, :t, :c, :x)",
      soci::use(dossier), soci::use(at), soci::use(s.username), soci::use(s.action), soci::use(s.from_status),
      soci::use(s.to_status), soci::use(s.comment), soci::use(s.details);
}

std::vector<Step> steps_of(soci::session& sql, std::int64_t dossier_id) {
  return step_mapping().rows_where(sql, "eservices_steps", "dossier_id = :d ORDER BY id", dossier_id);
}

}  // namespace hq::eservices::store
