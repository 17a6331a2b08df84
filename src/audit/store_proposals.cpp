#include <array>
#include <map>
#include <stdexcept>

#include "audit/store.h"
#include "audit/store_support.h"
#include "db/insert.h"
#include "db/row.h"

namespace hq::audit::store {

namespace detail {

ListFilter list_filter(const ListQuery& q, const std::string& t, bool with_place) {
  ListFilter f{"WHERE u.path LIKE :path AND (:s = '' OR " + t + ".status = :s2) AND (:y = 0 OR " + t + ".year = :y2) ",
               like_prefix(q.unit_path), q.status, q.place, q.year, with_place};
  if (with_place) f.where += "AND (:pl = '' OR " + t + ".place = :pl2) ";
  if (!q.q_tax_prefix.empty()) {
    for (const char c : q.q_tax_prefix)
      if (!((c >= '0' && c <= '9') || c == '-')) throw std::invalid_argument("unsafe tax prefix");
    f.where += "AND e.tax_code >= '" + q.q_tax_prefix + "' AND e.tax_code < '" + prefix_end(q.q_tax_prefix) + "' ";
  }
  f.where += word_filter(search_words(q.q_folded), "e.search_words") + " ";
  return f;
}

std::string order_by(const ListQuery& q, const std::map<std::string, std::string>& columns, const std::string& fallback,
                     const std::string& t) {
  const auto it = columns.find(q.sort);
  const std::string dir = q.descending ? " DESC" : " ASC";
  return "ORDER BY " + (it == columns.end() ? fallback : it->second) + dir + ", " + t + ".id" + dir +
         " LIMIT " + std::to_string(q.limit) + " OFFSET " + std::to_string(q.offset);
}

bool approve_entered(soci::session& sql, const std::string& table, std::int64_t id, const std::string& by, std::int64_t now) {
  const long long key = id, at = now;
  soci::statement st = (sql.prepare << "UPDATE " + table + " SET status = 'APPROVED', approved_by = :by, "
                                       "approved_at = :at WHERE id = :id AND status = 'ENTERED'",
                        soci::use(by), soci::use(at), soci::use(key));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

}  // namespace detail

namespace {

const OwnedTable<Proposal>& proposals() {
  static const OwnedTable<Proposal> table(
      owned_row_mapping<Proposal>("p.") HQ_ROW_FIELDS_AT(
          Proposal, "p.", place, grounds_kind, grounds, period_from, period_to, status, paused_from, reason,
          duplicate_count, source, proposed_by, decided_by, created_at, submitted_at, approved_at, rejected_at,
          paused_at, cancelled_at, updated_at, paper_approved_on, entry_due_on, late, origin_number, imported_by,
          imported_at),
      "audit_proposals", "p");
  return table;
}

const db::RowMapping<Decision>& decision_mapping() {
  static const auto mapping = db::RowMapping<Decision>()
                                  HQ_ROW_FIELDS(Decision, id, proposal_id, kind, number, signed_on, signer, team,
                                                start_on, working_days, end_on, due_on, late, entered_by, entered_at,
                                                status, approved_by, approved_at);
  return mapping;
}

// The amounts (kAmountKeys) follow the mapped columns and are read by position.
const db::RowMapping<Conclusion>& conclusion_mapping() {
  static const auto mapping = db::RowMapping<Conclusion>()
                                  HQ_ROW_FIELDS(Conclusion, id, proposal_id, number, signed_on, findings, declarations,
                                                has_violation, status, due_on, late, entered_by, entered_at,
                                                approved_by, approved_at);
  return mapping;
}

std::string amount_columns() {
  std::string list;
  for (const char* key : kAmountKeys) list += std::string(", ") + key;
  return list;
}

Conclusion conclusion_from(const soci::row& r) {
  Conclusion c = conclusion_mapping().read(r);
  for (std::size_t i = 0; i < kAmountKeys.size(); ++i) c.amounts.values[i] = int_at(r, conclusion_mapping().size() + i);
  return c;
}

const db::RowMapping<Penalty>& penalty_mapping() {
  static const auto mapping = db::RowMapping<Penalty>()
                                  HQ_ROW_FIELDS(Penalty, id, proposal_id, amount, entered_at, number, signed_on,
                                                violation, entered_by);
  return mapping;
}

const db::RowMapping<Complaint>& complaint_mapping() {
  static const auto mapping = db::RowMapping<Complaint>()
                                  HQ_ROW_FIELDS(Complaint, id, proposal_id, entered_at, filed_on, content, status,
                                                decided_on, outcome, entered_by);
  return mapping;
}

}  // namespace

std::int64_t insert_proposal(soci::session& sql, const Proposal& p) {
  long long id = 0;
  const long long year = p.year, e = p.enterprise_id, unit = p.unit_id, dups = p.duplicate_count, c = p.created_at,
                  s = p.submitted_at, late = p.late ? 1 : 0, imported = p.imported_at;
  sql << "INSERT INTO audit_proposals (number, year, enterprise_id, unit_id, place, grounds_kind, grounds, period_from, "
         "period_to, status, duplicate_count, source, proposed_by, created_at, submitted_at, updated_at, "
         "paper_approved_on, entry_due_on, late, origin_number, imported_by, imported_at) VALUES (:n, :y, :e, :u, :pl, "
         ":gk, :g, :pf, :pt, :st, :d, :src, :by, :c, :s, :m, :pa, :due, :late, :o, :ib, :ia) RETURNING id",
      soci::use(p.number), soci::use(year), soci::use(e), soci::use(unit), soci::use(p.place), soci::use(p.grounds_kind),
      soci::use(p.grounds), soci::use(p.period_from), soci::use(p.period_to), soci::use(p.status), soci::use(dups),
      soci::use(p.source), soci::use(p.proposed_by), soci::use(c), soci::use(s), soci::use(c),
      soci::use(p.paper_approved_on), soci::use(p.entry_due_on), soci::use(late), soci::use(p.origin_number),
      soci::use(p.imported_by), soci::use(imported), soci::into(id);
  return id;
}

std::optional<Proposal> find_proposal(soci::session& sql, std::int64_t id) {
  return proposals().find(sql, id);
}

bool update_proposal_state(soci::session& sql, const Proposal& p, bool counts_approved, const std::string& from) {
  const long long id = p.id, counts = counts_approved ? 1 : 0, s = p.submitted_at, a = p.approved_at, r = p.rejected_at,
                  pa = p.paused_at, c = p.cancelled_at, m = p.updated_at;
  soci::statement st =
      (sql.prepare << "UPDATE audit_proposals SET status = :st, paused_from = :pf, reason = :r, decided_by = :by, "
                      "counts_approved = :ca, submitted_at = :s, approved_at = :a, rejected_at = :rj, paused_at = :pa, "
                      "cancelled_at = :c, updated_at = :m WHERE id = :id AND status = :from",
       soci::use(p.status), soci::use(p.paused_from), soci::use(p.reason), soci::use(p.decided_by), soci::use(counts),
       soci::use(s), soci::use(a), soci::use(r), soci::use(pa), soci::use(c), soci::use(m), soci::use(id),
       soci::use(from));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

std::vector<Proposal> proposals_of_enterprise(soci::session& sql, std::int64_t enterprise_id) {
  return proposals().of_enterprise(sql, enterprise_id);
}

std::vector<Proposal> list_proposals(soci::session& sql, const ListQuery& q, std::int64_t& total) {
  static const ListColumns kColumns{
      {{"created_at", "p.created_at"}, {"submitted_at", "p.submitted_at"}, {"number", "p.year"},
       {"status", "p.status"},         {"unit_code", "u.code"},            {"enterprise", "e.name_folded"},
       {"tax_code", "e.tax_code"},     {"place", "p.place"}},
      "p.created_at", "submitted_at", true};
  return proposals().list(sql, q, kColumns, total);
}

// ---- decisions, conclusions, penalties, complaints ----

std::int64_t insert_decision(soci::session& sql, const Decision& d) {
  long long id = 0;
  const long long p = d.proposal_id, days = d.working_days, late = d.late ? 1 : 0, at = d.entered_at;
  sql << "INSERT INTO audit_decisions (proposal_id, kind, number, signed_on, signer, team, start_on, working_days, "
         "end_on, due_on, late, entered_by, entered_at, status) VALUES (:p, :k, :n, :s, :sg, :t, :st, :wd, :e, :due, "
         ":late, :by, :at, :status) RETURNING id",
      soci::use(p), soci::use(d.kind), soci::use(d.number), soci::use(d.signed_on), soci::use(d.signer),
      soci::use(d.team), soci::use(d.start_on), soci::use(days), soci::use(d.end_on), soci::use(d.due_on),
      soci::use(late), soci::use(d.entered_by), soci::use(at), soci::use(d.status), soci::into(id);
  return id;
}

bool approve_decision(soci::session& sql, std::int64_t id, const std::string& by, std::int64_t now) {
  return approve_entered(sql, "audit_decisions", id, by, now);
}

std::vector<Decision> decisions_of(soci::session& sql, std::int64_t proposal_id) {
  return decision_mapping().rows_where(sql, "audit_decisions", "proposal_id = :p ORDER BY id", proposal_id);
}

std::int64_t insert_conclusion(soci::session& sql, const Conclusion& c) {
  long long id = 0;
  const long long p = c.proposal_id, decl = c.declarations, violation = c.has_violation ? 1 : 0, late = c.late ? 1 : 0,
                  at = c.entered_at;
  std::array<long long, kAmountKeys.size()> a{};
  for (std::size_t i = 0; i < a.size(); ++i) a[i] = c.amounts.values[i];
  sql << "INSERT INTO audit_conclusions (proposal_id, number, signed_on, findings, declarations, has_violation, "
         "import_tax, export_tax, vat, excise, environment, trade_remedy, late_interest, penalty, collected, status, "
         "due_on, late, entered_by, entered_at) VALUES (:p, :n, :s, :f, :d, :v, :a0, :a1, :a2, :a3, :a4, :a5, :a6, :a7, "
         ":a8, :st, :due, :late, :by, :at) RETURNING id",
      soci::use(p), soci::use(c.number), soci::use(c.signed_on), soci::use(c.findings), soci::use(decl),
      soci::use(violation), soci::use(a[0]), soci::use(a[1]), soci::use(a[2]), soci::use(a[3]), soci::use(a[4]),
      soci::use(a[5]), soci::use(a[6]), soci::use(a[7]), soci::use(a[8]), soci::use(c.status), soci::use(c.due_on),
      soci::use(late), soci::use(c.entered_by), soci::use(at), soci::into(id);
  return id;
}

std::optional<Conclusion> conclusion_of(soci::session& sql, std::int64_t proposal_id) {
  const long long key = proposal_id;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " + conclusion_mapping().select_list() + amount_columns() +
                          " FROM audit_conclusions WHERE proposal_id = :p",
       soci::use(key));
  for (const auto& r : rows) return conclusion_from(r);
  return std::nullopt;
}


bool approve_conclusion(soci::session& sql, std::int64_t id, const std::string& by, std::int64_t now) {
  return approve_entered(sql, "audit_conclusions", id, by, now);
}

std::int64_t insert_penalty(soci::session& sql, const Penalty& p) {
  long long id = 0;
  const long long proposal = p.proposal_id, amount = p.amount, at = p.entered_at;
  sql << "INSERT INTO audit_penalties (proposal_id, number, signed_on, violation, amount, entered_by, entered_at) "
         "VALUES (:p, :n, :s, :v, :a, :by, :at) RETURNING id",
      soci::use(proposal), soci::use(p.number), soci::use(p.signed_on), soci::use(p.violation), soci::use(amount),
      soci::use(p.entered_by), soci::use(at), soci::into(id);
  return id;
}


std::vector<Penalty> penalties_of(soci::session& sql, std::int64_t proposal_id) {
  return penalty_mapping().rows_where(sql, "audit_penalties", "proposal_id = :p ORDER BY id", proposal_id);
}

std::int64_t insert_complaint(soci::session& sql, const Complaint& c) {
  return db::insert_returning_id(sql, "audit_complaints", "proposal_id, filed_on, content, status, entered_by, entered_at",
                                 c.proposal_id, c.filed_on, c.content, c.status, c.entered_by, c.entered_at);
}

std::optional<Complaint> find_complaint(soci::session& sql, std::int64_t id) {
  return complaint_mapping().first_where(sql, "audit_complaints", "id = :id", id);
}

bool decide_complaint(soci::session& sql, const Complaint& c) {
  const long long key = c.id;
  soci::statement st = (sql.prepare << "UPDATE audit_complaints SET status = :s, decided_on = :d, outcome = :o "
                                       "WHERE id = :id AND status = 'FILED'",
                        soci::use(c.status), soci::use(c.decided_on), soci::use(c.outcome), soci::use(key));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

std::vector<Complaint> complaints_of(soci::session& sql, std::int64_t proposal_id) {
  return complaint_mapping().rows_where(sql, "audit_complaints", "proposal_id = :p ORDER BY id", proposal_id);
}

}  // namespace hq::audit::store
