#include <cctype>

#include "audit/store.h"
#include "audit/store_support.h"
#include "db/insert.h"
#include "db/row.h"

namespace hq::audit::store {

namespace {

const db::RowMapping<Deadline>& deadline_mapping() {
  static const auto mapping = db::RowMapping<Deadline>()
                                  HQ_ROW_FIELDS_AT(Deadline, "d.", id, unit_id)
                                  .field("u.code", &Deadline::unit_code, "unit_code")
                                  HQ_ROW_FIELDS_AT(Deadline, "d.", kind, entity_type, entity_id, label, due_on)
                                  .field("COALESCE(dc.proposal_id, cc.proposal_id, 0)", &Deadline::proposal_id,
                                         "proposal_id");
  return mapping;
}

const db::RowMapping<Feedback>& feedback_mapping() {
  static const auto mapping = db::RowMapping<Feedback>()
                                  HQ_ROW_FIELDS_AT(Feedback, "f.", id, unit_id, created_at)
                                  .field("u.code", &Feedback::unit_code, "unit_code")
                                  HQ_ROW_FIELDS_AT(Feedback, "f.", username, function_name, proposal, reason, status);
  return mapping;
}

}  // namespace

// ---- deadlines ----

void open_deadline(soci::session& sql, const Deadline& d) {
  const long long unit = d.unit_id, entity = d.entity_id, done = d.done_at, late = d.late ? 1 : 0;
  sql << "INSERT INTO audit_deadlines (unit_id, kind, entity_type, entity_id, label, due_on, done_at, late) "
         "VALUES (:u, :k, :t, :e, :l, :due, :done, :late) ON CONFLICT (kind, entity_type, entity_id) DO UPDATE SET "
         "due_on = excluded.due_on, done_at = excluded.done_at, late = excluded.late, label = excluded.label",
      soci::use(unit), soci::use(d.kind), soci::use(d.entity_type), soci::use(entity), soci::use(d.label),
      soci::use(d.due_on), soci::use(done), soci::use(late);
}

void close_deadline(soci::session& sql, const std::string& kind, const std::string& entity_type, std::int64_t entity_id,
                    std::int64_t now, const std::string& today) {
  const long long entity = entity_id, at = now;
  sql << "UPDATE audit_deadlines SET done_at = :at, late = CASE WHEN due_on < :today THEN 1 ELSE 0 END "
         "WHERE kind = :k AND entity_type = :t AND entity_id = :e AND (done_at IS NULL OR done_at = 0)",
      soci::use(at), soci::use(today), soci::use(kind), soci::use(entity_type), soci::use(entity);
}

std::vector<Deadline> open_deadlines(soci::session& sql, const std::string& unit_path, const std::string& due_from,
                                     const std::string& due_to, std::int64_t limit) {
  const std::string path = like_prefix(unit_path);
  const long long lim = limit;
  std::vector<Deadline> list;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " + deadline_mapping().select_list() +
                          " FROM audit_deadlines d JOIN units u ON u.id = d.unit_id "
                          "LEFT JOIN audit_decisions dc ON d.entity_type = 'audit_decision' AND dc.id = d.entity_id "
                          "LEFT JOIN audit_conclusions cc ON d.entity_type = 'audit_conclusion' AND cc.id = d.entity_id "
                          "WHERE u.path LIKE :p AND (d.done_at IS NULL OR d.done_at = 0) AND d.due_on >= :f AND "
                          "d.due_on <= :t ORDER BY d.due_on, d.id LIMIT :l",
       soci::use(path), soci::use(due_from), soci::use(due_to), soci::use(lim));
  for (const auto& r : rows) list.push_back(deadline_mapping().read(r));
  return list;
}

DeadlineStats deadline_stats(soci::session& sql, const std::string& unit_path, const std::string& today,
                             const std::string& from) {
  const std::string path = like_prefix(unit_path);
  DeadlineStats s;
  long long done = 0, on_time = 0, open = 0, open_late = 0, due_today = 0;
  const std::string base = "FROM audit_deadlines d JOIN units u ON u.id = d.unit_id WHERE u.path LIKE :p ";
  sql << "SELECT COUNT(*), COALESCE(SUM(CASE WHEN d.late = 0 THEN 1 ELSE 0 END), 0) " + base +
             "AND d.done_at > 0 AND d.due_on >= :f",
      soci::use(path), soci::use(from), soci::into(done), soci::into(on_time);
  sql << "SELECT COUNT(*), COALESCE(SUM(CASE WHEN d.due_on < :today THEN 1 ELSE 0 END), 0), "
         "COALESCE(SUM(CASE WHEN d.due_on = :today2 THEN 1 ELSE 0 END), 0) " + base +
             "AND (d.done_at IS NULL OR d.done_at = 0)",
      soci::use(today), soci::use(today), soci::use(path), soci::into(open), soci::into(open_late), soci::into(due_today);
  s.done = done;
  s.done_on_time = on_time;
  s.open = open;
  s.open_late = open_late;
  s.due_today = due_today;
  return s;
}

// ---- reports ----

namespace {

template <typename T>
void add_counts(soci::session& sql, std::vector<Fact>& facts, const std::string& key, const std::string& from_where,
                const std::string& path, const T& from, const T& to) {
  const std::string pattern = like_prefix(path);
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT u.path AS path, COUNT(*) AS n " + from_where + " AND u.path LIKE :p GROUP BY u.path",
       soci::use(from), soci::use(to), soci::use(pattern));
  for (const auto& r : rows) facts.push_back({text_at(r, "path"), key, int_at(r, "n"), 0});
}

std::string ground_key(const std::string& kind) {
  if (kind == "SIGNS_OF_VIOLATION") return "audits_signs";
  if (kind == "RISK_MANAGEMENT") return "audits_risk";
  if (kind == "COMPLIANCE_ASSESSMENT") return "audits_compliance";
  return "audits_other_grounds";
}

}  // namespace

std::vector<Fact> form19_facts(soci::session& sql, const std::string& path, const std::string& from,
                               const std::string& to) {
  std::vector<Fact> facts;
  const std::string pattern = like_prefix(path);
  // An audit counts in the period its original decision was signed, unless the decision was cancelled.
  soci::rowset<soci::row> audits =
      (sql.prepare << "SELECT u.path AS path, p.enterprise_id, p.place, p.grounds_kind FROM audit_decisions d "
                      "JOIN audit_proposals p ON p.id = d.proposal_id JOIN units u ON u.id = p.unit_id "
                      "WHERE d.kind = 'ORIGINAL' AND d.status = 'APPROVED' AND d.signed_on >= :f AND d.signed_on <= :t AND "
                      "u.path LIKE :p AND NOT EXISTS (SELECT 1 FROM audit_decisions x WHERE x.proposal_id = p.id AND "
                      "x.kind = 'CANCELLATION' AND x.status = 'APPROVED')",
       soci::use(from), soci::use(to), soci::use(pattern));
  for (const auto& r : audits) {
    const std::string unit = text_at(r, "path");
    facts.push_back({unit, text_at(r, "place") == "PREMISES" ? "audits_premises" : "audits_office", 1, 0});
    facts.push_back({unit, ground_key(text_at(r, "grounds_kind")), 1, 0});
    facts.push_back({unit, "enterprises", 1, int_at(r, "enterprise_id")});
  }
  // Amounts count in the period their conclusion was signed.
  soci::rowset<soci::row> conclusions =
      (sql.prepare << "SELECT u.path AS path, c.* FROM audit_conclusions c JOIN audit_proposals p ON p.id = c.proposal_id "
                      "JOIN units u ON u.id = p.unit_id WHERE c.status = 'APPROVED' AND c.signed_on >= :f AND c.signed_on <= :t "
                      "AND u.path LIKE :p",
       soci::use(from), soci::use(to), soci::use(pattern));
  for (const auto& r : conclusions) {
    const std::string unit = text_at(r, "path");
    facts.push_back({unit, "conclusions", 1, 0});
    facts.push_back({unit, "audits_with_violations", int_at(r, "has_violation") != 0 ? 1 : 0, 0});
    facts.push_back({unit, "declarations", int_at(r, "declarations"), 0});
    for (const char* key : kAmountKeys) facts.push_back({unit, key, int_at(r, key), 0});
  }
  // Rows of a proposal's `table` (alias x) dated `date` in the period, once its conclusion is approved: one fact
  // `key` per unit, of value `value` (an SQL aggregate over x).
  const auto approved_after = [&](const std::string& table, const std::string& date, const std::string& value,
                                  const char* key) {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT u.path AS path, " + value + " AS v FROM " + table + " x "
                        "JOIN audit_conclusions c ON c.proposal_id = x.proposal_id JOIN audit_proposals p ON p.id = x.proposal_id "
                        "JOIN units u ON u.id = p.unit_id WHERE c.status = 'APPROVED' AND x." + date + " >= :f AND x." + date +
                        " <= :t AND u.path LIKE :p GROUP BY u.path",
         soci::use(from), soci::use(to), soci::use(pattern));
    for (const auto& r : rows) facts.push_back({text_at(r, "path"), key, int_at(r, "v"), 0});
  };
  // Penalty decisions count in the period they were signed, once their conclusion is approved.
  approved_after("audit_penalties", "signed_on", "COUNT(*)", "penalty_decisions");
  // Amounts collected after the conclusion (migration 0208) count in the period they were paid, once the
  // conclusion is approved.
  approved_after("audit_payments", "paid_on", "SUM(x.amount)", "collected");
  return facts;
}

std::vector<Fact> form20_facts(soci::session& sql, const std::string& path, const std::string& from, const std::string& to,
                               std::int64_t from_ts, std::int64_t to_ts, const std::string& today) {
  std::vector<Fact> facts;
  const long long a = from_ts, b = to_ts;
  // Records carried over from STQ01 were reported there: only STQ02's own count here.
  const std::string collections = "FROM audit_collections t JOIN units u ON u.id = t.unit_id WHERE t.source = 'STQ02' AND ";
  const std::string proposals = "FROM audit_proposals t JOIN units u ON u.id = t.unit_id WHERE t.source = 'STQ02' AND ";
  const auto in_range = [](const std::string& column) { return column + " >= :a AND " + column + " < :b"; };
  add_counts(sql, facts, "collections_proposed", collections + in_range("t.proposed_at"), path, a, b);
  add_counts(sql, facts, "collections_approved", collections + in_range("t.approved_at"), path, a, b);
  add_counts(sql, facts, "collections_completed", collections + in_range("t.result_approved_at"), path, a, b);
  add_counts(sql, facts, "collections_with_findings",
             collections + in_range("t.result_approved_at") + " AND t.has_findings = 1", path, a, b);
  add_counts(sql, facts, "proposals_proposed", proposals + in_range("t.created_at"), path, a, b);
  add_counts(sql, facts, "proposals_approved", proposals + in_range("t.approved_at"), path, a, b);
  add_counts(sql, facts, "proposals_rejected", proposals + in_range("t.rejected_at"), path, a, b);
  add_counts(sql, facts, "proposals_paused", proposals + in_range("t.paused_at"), path, a, b);
  add_counts(sql, facts, "proposals_cancelled", proposals + in_range("t.cancelled_at"), path, a, b);
  add_counts(sql, facts, "proposals_duplicates", proposals + in_range("t.created_at") + " AND t.duplicate_count > 0",
             path, a, b);
  for (const char* kind : {"ORIGINAL", "AMENDMENT", "EXTENSION", "CANCELLATION"}) {
    std::string key = std::string("decisions_") + kind;
    for (auto& ch : key) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    add_counts(sql, facts, key,
               std::string("FROM audit_decisions d JOIN audit_proposals t ON t.id = d.proposal_id JOIN units u ON "
                           "u.id = t.unit_id WHERE d.signed_on >= :a AND d.signed_on <= :b AND d.status = 'APPROVED' AND "
                           "d.kind = '") + kind + "'",
               path, from, to);
  }
  // Overdue: due in the period and done late, or still open after the due day.
  add_counts(sql, facts, "overdue",
             "FROM audit_deadlines t JOIN units u ON u.id = t.unit_id WHERE t.due_on >= :a AND t.due_on <= :b AND "
             "(t.late = 1 OR ((t.done_at IS NULL OR t.done_at = 0) AND t.due_on < '" + today + "'))",
             path, from, to);
  return facts;
}

void insert_reconciliation(soci::session& sql, std::int64_t unit_id, const std::string& form, const std::string& from,
                           const std::string& to, const std::string& note, const std::string& by, std::int64_t now) {
  const long long unit = unit_id, at = now;
  sql << "INSERT INTO audit_reconciliations (unit_id, form, period_from, period_to, note, signed_by, signed_at) "
         "VALUES (:u, :f, :pf, :pt, :n, :by, :at) ON CONFLICT (unit_id, form, period_from, period_to) DO UPDATE SET "
         "note = excluded.note, signed_by = excluded.signed_by, signed_at = excluded.signed_at",
      soci::use(unit), soci::use(form), soci::use(from), soci::use(to), soci::use(note), soci::use(by), soci::use(at);
}

std::vector<std::string> reconciled_units(soci::session& sql, const std::string& path, const std::string& form,
                                          const std::string& from, const std::string& to) {
  const std::string pattern = like_prefix(path);
  std::vector<std::string> codes;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT u.code FROM audit_reconciliations r JOIN units u ON u.id = r.unit_id WHERE u.path LIKE :p "
                      "AND r.form = :f AND r.period_from = :pf AND r.period_to = :pt",
       soci::use(pattern), soci::use(form), soci::use(from), soci::use(to));
  for (const auto& r : rows) codes.push_back(text_at(r, "code"));
  return codes;
}

std::int64_t insert_feedback(soci::session& sql, const Feedback& f) {
  return db::insert_returning_id(sql, "audit_feedback", "unit_id, username, function_name, proposal, reason, status, created_at",
                                 f.unit_id, f.username, f.function_name, f.proposal, f.reason, std::string("NEW"),
                                 f.created_at);
}

std::vector<Feedback> list_feedback(soci::session& sql, const std::string& unit_path, std::int64_t offset,
                                    std::int64_t limit, std::int64_t& total) {
  const std::string path = like_prefix(unit_path);
  const long long off = offset, lim = limit;
  long long n = 0;
  sql << "SELECT COUNT(*) FROM audit_feedback f JOIN units u ON u.id = f.unit_id WHERE u.path LIKE :p", soci::use(path),
      soci::into(n);
  total = n;
  std::vector<Feedback> list;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " + feedback_mapping().select_list() +
                          " FROM audit_feedback f JOIN units u ON u.id = f.unit_id "
                          "WHERE u.path LIKE :p ORDER BY f.id DESC LIMIT :l OFFSET :o",
       soci::use(path), soci::use(lim), soci::use(off));
  for (const auto& r : rows) list.push_back(feedback_mapping().read(r));
  return list;
}
}  // namespace hq::audit::store
