// Criteria sets, runs, candidates, the audit facts a run reads, and proposals made from candidates.
#include "audit/risk/store.h"

#include <charconv>

#include "db/copy.h"
#include "db/row.h"
#include "db/row_mapping.h"

namespace hq::audit::risk::store {

namespace {

const db::RowMapping<CriteriaSetRow>& criteria_mapping() {
  static const auto mapping = db::RowMapping<CriteriaSetRow>()
                                  HQ_ROW_FIELDS_AT(CriteriaSetRow, "s.", id, version, min_declarations, material_value,
                                                   created_at, name, name_key, indicators, created_by, cutoff_audit,
                                                   cutoff_monitor);
  return mapping;
}

const db::RowMapping<RunRow>& run_mapping() {
  static const auto mapping = db::RowMapping<RunRow>()
                                  HQ_ROW_FIELDS_AT(RunRow, "r.", id, criteria_set_id, year, evaluated, candidates,
                                                   audit_count, monitor_count, elapsed_ms, created_at)
                                  .field("s.version", &RunRow::criteria_version)
                                  HQ_ROW_FIELDS_AT(RunRow, "r.", period_from, period_to, unit_code, unit_path,
                                                   fingerprint, created_by)
                                  .field("s.name", &RunRow::criteria_name);
  return mapping;
}
constexpr const char* kRunFrom = " FROM audit_risk_runs r JOIN audit_risk_criteria_sets s ON s.id = r.criteria_set_id";

const db::RowMapping<CandidateRow>& candidate_mapping() {
  static const auto mapping = db::RowMapping<CandidateRow>()
                                  HQ_ROW_FIELDS_AT(CandidateRow, "c.", rank, tax_code, name)
                                  .field("c.class", &CandidateRow::klass)
                                  HQ_ROW_FIELDS_AT(CandidateRow, "c.", excluded_reason, home_office, reasons, score);
  return mapping;
}

const db::RowMapping<PastAudit>& past_mapping() {
  static const auto mapping =
      db::RowMapping<PastAudit>()
          HQ_ROW_FIELDS_AT(PastAudit, "p.", id, year)
          .field("COALESCE(c.import_tax + c.export_tax + c.vat + c.excise + c.environment + c.trade_remedy + "
                 "c.late_interest + c.penalty, 0)",
                 &PastAudit::amount)
          .field("COALESCE(c.collected, 0)", &PastAudit::collected)
          .field("(SELECT count(*) FROM audit_penalties x WHERE x.proposal_id = p.id)", &PastAudit::penalties)
          .field("(SELECT COALESCE(sum(x.amount), 0) FROM audit_penalties x WHERE x.proposal_id = p.id)",
                 &PastAudit::penalty_amount)
          .field("(SELECT count(*) FROM audit_complaints x WHERE x.proposal_id = p.id)", &PastAudit::complaints)
          .field("p.number", &PastAudit::number)
          .field("u.code", &PastAudit::unit_code)
          .field("u.name", &PastAudit::unit_name)
          .field("u.path", &PastAudit::unit_path)
          HQ_ROW_FIELDS_AT(PastAudit, "p.", status, place, period_from, period_to)
          .field("COALESCE(c.number, '')", &PastAudit::conclusion_number)
          .field("COALESCE(c.signed_on, '')", &PastAudit::conclusion_signed_on)
          .field("COALESCE(c.status, '')", &PastAudit::conclusion_status);
  return mapping;
}

}  // namespace

AuditFacts audit_facts(soci::session& sql, std::int64_t year, const std::string& since_on, const std::string& until_on,
                       std::int64_t since_at, std::int64_t until_at) {
  AuditFacts f;
  {
    soci::rowset<soci::row> rows = sql.prepare << "SELECT tax_code, name, compliance_level FROM audit_enterprises";
    for (const auto& r : rows) {
      Standing& s = f.standing[db::text_at(r, std::size_t{0})];
      s.name = db::text_at(r, 1);
      s.highest_compliance = db::int_at(r, 2) >= kHighestComplianceLevel;
    }
  }
  {
    soci::rowset<soci::row> rows = (sql.prepare << "SELECT e.tax_code FROM audit_key_enterprises k JOIN audit_enterprises e "
                                                   "ON e.id = k.enterprise_id WHERE k.year = :y",
                                    soci::use(year));
    for (const auto& r : rows) f.standing[db::text_at(r, std::size_t{0})].key = true;
  }
  {
    soci::rowset<soci::row> rows = (sql.prepare << "SELECT e.tax_code FROM audit_proposals p JOIN audit_enterprises e "
                                                   "ON e.id = p.enterprise_id WHERE p.counts_approved = 1 AND p.year = :y",
                                    soci::use(year));
    for (const auto& r : rows) f.standing[db::text_at(r, std::size_t{0})].audited_this_year = true;
  }
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT e.tax_code, count(*) FROM audit_conclusions c JOIN audit_proposals p ON p.id = c.proposal_id "
                        "JOIN audit_enterprises e ON e.id = p.enterprise_id WHERE c.signed_on >= :s AND c.signed_on <= :u "
                        "AND c.import_tax + c.export_tax + c.vat + c.excise + c.environment + c.trade_remedy + "
                        "c.late_interest + c.penalty > 0 GROUP BY e.tax_code",
         soci::use(since_on), soci::use(until_on));
    for (const auto& r : rows) f.past_findings[db::text_at(r, std::size_t{0})] = db::int_at(r, 1);
  }
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT DISTINCT e.tax_code FROM audit_proposals p JOIN audit_enterprises e ON e.id = p.enterprise_id "
                        "WHERE p.approved_at IS NOT NULL AND p.status <> 'CANCELLED' AND p.approved_at >= :s "
                        "AND p.approved_at < :u",
         soci::use(since_at), soci::use(until_at));
    for (const auto& r : rows) f.audited[db::text_at(r, std::size_t{0})] = true;
  }
  return f;
}

EnterpriseFacts enterprise_facts(soci::session& sql, const std::string& tax_code) {
  EnterpriseFacts f;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id, name, compliance_level FROM audit_enterprises WHERE tax_code = :t", soci::use(tax_code));
  for (const auto& r : rows) f.id = db::int_at(r, std::size_t{0}), f.name = db::text_at(r, 1), f.compliance_level = db::int_at(r, 2);
  if (f.id) {
    soci::rowset<soci::row> years =
        (sql.prepare << "SELECT year FROM audit_key_enterprises WHERE enterprise_id = :e ORDER BY year", soci::use(f.id));
    for (const auto& r : years) f.key_years.push_back(db::int_at(r, std::size_t{0}));
  }
  return f;
}

std::vector<PastAudit> past_audits(soci::session& sql, const std::string& tax_code) {
  std::vector<PastAudit> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " + past_mapping().select_list() +
                          " FROM audit_proposals p JOIN audit_enterprises e ON e.id = p.enterprise_id "
                          "JOIN units u ON u.id = p.unit_id LEFT JOIN audit_conclusions c ON c.proposal_id = p.id "
                          "WHERE e.tax_code = :t AND p.approved_at IS NOT NULL ORDER BY p.approved_at DESC, p.id DESC",
       soci::use(tax_code));
  for (const auto& r : rows) out.push_back(past_mapping().read(r));
  return out;
}

std::string home_office(soci::session& sql, const std::string& tax_code, std::int64_t from_at, std::int64_t to_at) {
  std::string office;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT office, count(*) AS n FROM (SELECT declaration_no, min(office_code) AS office "
                      "FROM audit_declaration_lines WHERE tax_code = :t AND registered_at >= :f AND registered_at < :u "
                      "GROUP BY declaration_no) d GROUP BY office ORDER BY n DESC, office LIMIT 1",
       soci::use(tax_code), soci::use(from_at), soci::use(to_at));
  for (const auto& r : rows) office = db::text_at(r, std::size_t{0});
  return office;
}

std::string unit_path(soci::session& sql, const std::string& code) {
  std::string path;
  soci::indicator ind = soci::i_null;
  sql << "SELECT path FROM units WHERE code = :c", soci::use(code), soci::into(path, ind);
  return sql.got_data() && ind == soci::i_ok ? path : "";
}

std::optional<UnitRow> find_unit(soci::session& sql, const std::string& code) {
  soci::rowset<soci::row> rows = (sql.prepare << "SELECT code, name, level, path FROM units WHERE code = :c", soci::use(code));
  for (const auto& r : rows) return UnitRow{db::text_at(r, std::size_t{0}), db::text_at(r, 1), db::text_at(r, 2), db::text_at(r, 3)};
  return std::nullopt;
}

std::vector<std::string> unit_codes_under(soci::session& sql, const std::string& path) {
  std::vector<std::string> out;
  const std::string pattern = path + "%";  // paths are digits and slashes
  soci::rowset<soci::row> rows = (sql.prepare << "SELECT code FROM units WHERE path LIKE :p", soci::use(pattern));
  for (const auto& r : rows) out.push_back(db::text_at(r, std::size_t{0}));
  return out;
}

std::int64_t next_version(soci::session& sql, const std::string& name_key) {
  long long v = 0;
  soci::indicator ind = soci::i_null;
  sql << "SELECT max(version) FROM audit_risk_criteria_sets WHERE name_key = :k", soci::use(name_key), soci::into(v, ind);
  return (ind == soci::i_ok ? v : 0) + 1;
}

std::int64_t insert_criteria_set(soci::session& sql, const CriteriaSetRow& s) {
  long long id = 0;
  sql << "INSERT INTO audit_risk_criteria_sets (name, name_key, version, min_declarations, material_value, cutoff_audit, "
         "cutoff_monitor, indicators, created_by, created_at) VALUES (:n, :k, :v, :m, :mv, :ca, :cm, :i, :b, :t) RETURNING id",
      soci::use(s.name), soci::use(s.name_key), soci::use(s.version), soci::use(s.min_declarations),
      soci::use(s.material_value), soci::use(s.cutoff_audit), soci::use(s.cutoff_monitor), soci::use(s.indicators),
      soci::use(s.created_by), soci::use(s.created_at), soci::into(id);
  return id;
}

std::optional<CriteriaSetRow> find_criteria_set(soci::session& sql, std::int64_t id) {
  return criteria_mapping().first_where(sql, "audit_risk_criteria_sets s", "s.id = :id", id);
}

std::vector<CriteriaSetRow> list_criteria_sets(soci::session& sql, std::int64_t offset, std::int64_t limit,
                                               std::int64_t& total) {
  long long n = 0;
  sql << "SELECT count(*) FROM audit_risk_criteria_sets", soci::into(n);
  total = n;
  std::vector<CriteriaSetRow> out;
  soci::rowset<soci::row> rows = (sql.prepare << "SELECT " + criteria_mapping().select_list() +
                                                     " FROM audit_risk_criteria_sets s ORDER BY s.name_key, s.version DESC "
                                                     "LIMIT :l OFFSET :o",
                                  soci::use(limit), soci::use(offset));
  for (const auto& r : rows) out.push_back(criteria_mapping().read(r));
  return out;
}

std::int64_t insert_run(soci::session& sql, const RunRow& r) {
  long long id = 0;
  sql << "INSERT INTO audit_risk_runs (criteria_set_id, period_from, period_to, unit_code, unit_path, year, evaluated, "
         "candidates, audit_count, monitor_count, fingerprint, elapsed_ms, created_by, created_at) VALUES (:s, :f, :t, "
         ":uc, :up, :y, :e, :c, :a, :m, :fp, :ms, :b, :at) RETURNING id",
      soci::use(r.criteria_set_id), soci::use(r.period_from), soci::use(r.period_to), soci::use(r.unit_code),
      soci::use(r.unit_path), soci::use(r.year), soci::use(r.evaluated), soci::use(r.candidates),
      soci::use(r.audit_count), soci::use(r.monitor_count), soci::use(r.fingerprint), soci::use(r.elapsed_ms),
      soci::use(r.created_by), soci::use(r.created_at), soci::into(id);
  return id;
}

namespace {

// `value` as printf's "%.6f" writes it (both round the exact binary value correctly), without printf's
// format parsing and locale: 2.4M numbers for a national run's 350,000 candidates.
void append_fixed6(std::string& out, double value) {
  char buffer[400];  // the longest double in fixed notation with 6 decimals fits
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, 6).ptr;
  out.append(buffer, end);
}

std::string reasons_json(const Candidate& c) {
  std::string json = "[";
  for (const auto& r : c.reasons) {
    if (json.size() > 1) json += ',';
    json += "{\"code\":\"", json += r.code, json += "\",\"value\":";  // built-in codes: no character to escape
    append_fixed6(json, r.value);
    if (r.peer) json += ",\"peer\":", append_fixed6(json, *r.peer);
    json += ",\"points\":", append_fixed6(json, r.points), json += '}';
  }
  return json + ']';
}

}  // namespace

void insert_candidates(soci::session& sql, std::int64_t run_id, const std::vector<Candidate>& list) {
  if (is_postgresql(sql)) {  // one COPY stream
    db::CopyIn copy(sql, "COPY audit_risk_candidates (run_id, rank, tax_code, name, score, class, excluded_reason, "
                         "home_office, reasons) FROM STDIN");
    std::string score;
    for (const auto& c : list) {
      score.clear(), append_fixed6(score, c.score);
      copy.number(run_id).number(c.rank).text(c.tax_code).text(c.name).text(score).text(c.klass);
      copy.text(c.excluded_reason).text(c.home_office).text(reasons_json(c)).end_row();
    }
    copy.finish();
    return;
  }
  // SQLite: one statement prepared once, executed per row.
  long long run = run_id, rank = 0;
  std::string tax, name, klass, excluded, home, reasons;
  double score = 0;
  soci::statement st = (sql.prepare << "INSERT INTO audit_risk_candidates (run_id, rank, tax_code, name, score, class, "
                                       "excluded_reason, home_office, reasons) VALUES (:r, :k, :t, :n, :s, :c, :x, :h, :j)",
                        soci::use(run), soci::use(rank), soci::use(tax), soci::use(name), soci::use(score),
                        soci::use(klass), soci::use(excluded), soci::use(home), soci::use(reasons));
  for (const auto& c : list) {
    rank = c.rank, tax = c.tax_code, name = c.name, score = c.score, klass = c.klass, excluded = c.excluded_reason;
    home = c.home_office, reasons = reasons_json(c);
    st.execute(true);
  }
}

std::optional<RunRow> find_run(soci::session& sql, std::int64_t id) {
  return run_mapping().first_of(sql, "SELECT " + run_mapping().select_list() + kRunFrom + " WHERE r.id = :id", id);
}

std::vector<RunRow> list_runs(soci::session& sql, const std::string& path_prefix, bool include_national,
                              std::int64_t offset, std::int64_t limit, std::int64_t& total) {
  const std::string pattern = path_prefix + "%";  // paths are digits and slashes
  const std::string where = " WHERE ((r.unit_path LIKE :p AND r.unit_path <> '')" +
                            std::string(include_national ? " OR r.unit_path = ''" : "") + ")";
  long long n = 0;
  sql << "SELECT count(*) FROM audit_risk_runs r" + where, soci::use(pattern), soci::into(n);
  total = n;
  std::vector<RunRow> out;
  soci::rowset<soci::row> rows = (sql.prepare << "SELECT " + run_mapping().select_list() + kRunFrom + where +
                                                     " ORDER BY r.id DESC LIMIT :l OFFSET :o",
                                  soci::use(pattern), soci::use(limit), soci::use(offset));
  for (const auto& r : rows) out.push_back(run_mapping().read(r));
  return out;
}

std::vector<CandidateRow> candidates(soci::session& sql, std::int64_t run_id, const std::string& klass,
                                     std::int64_t offset, std::int64_t limit, std::int64_t& total) {
  const std::string where = klass.empty() ? " WHERE c.run_id = :r" : " WHERE c.run_id = :r AND c.class = :c";
  long long n = 0;
  std::vector<CandidateRow> out;
  if (klass.empty()) {
    sql << "SELECT count(*) FROM audit_risk_candidates c" + where, soci::use(run_id), soci::into(n);
    soci::rowset<soci::row> rows = (sql.prepare << "SELECT " + candidate_mapping().select_list() +
                                                       " FROM audit_risk_candidates c" + where +
                                                       " ORDER BY c.rank LIMIT :l OFFSET :o",
                                    soci::use(run_id), soci::use(limit), soci::use(offset));
    for (const auto& r : rows) out.push_back(candidate_mapping().read(r));
  } else {
    sql << "SELECT count(*) FROM audit_risk_candidates c" + where, soci::use(run_id), soci::use(klass), soci::into(n);
    soci::rowset<soci::row> rows = (sql.prepare << "SELECT " + candidate_mapping().select_list() +
                                                       " FROM audit_risk_candidates c" + where +
                                                       " ORDER BY c.rank LIMIT :l OFFSET :o",
                                    soci::use(run_id), soci::use(klass), soci::use(limit), soci::use(offset));
    for (const auto& r : rows) out.push_back(candidate_mapping().read(r));
  }
  total = n;
  return out;
}

std::optional<CandidateRow> candidate(soci::session& sql, std::int64_t run_id, const std::string& tax_code) {
  return candidate_mapping().first_where(sql, "audit_risk_candidates c", "c.run_id = :r AND c.tax_code = :t", run_id,
                                         tax_code);
}

void insert_risk_proposal(soci::session& sql, std::int64_t proposal_id, std::int64_t run_id,
                          const std::string& tax_code, double score, std::int64_t now) {
  sql << "INSERT INTO audit_risk_proposals (proposal_id, run_id, tax_code, score, created_at) VALUES (:p, :r, :t, :s, :n)",
      soci::use(proposal_id), soci::use(run_id), soci::use(tax_code), soci::use(score), soci::use(now);
}

std::vector<Outcome> outcomes(soci::session& sql, std::int64_t criteria_set_id) {
  std::vector<Outcome> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT rp.score, CASE WHEN c.id IS NULL THEN 0 ELSE 1 END, COALESCE(c.import_tax + c.export_tax + "
                      "c.vat + c.excise + c.environment + c.trade_remedy + c.late_interest + c.penalty, 0) "
                      "FROM audit_risk_proposals rp JOIN audit_risk_runs r ON r.id = rp.run_id "
                      "JOIN audit_proposals p ON p.id = rp.proposal_id "
                      "LEFT JOIN audit_conclusions c ON c.proposal_id = rp.proposal_id "
                      "WHERE r.criteria_set_id = :s AND p.status <> 'CANCELLED'",
       soci::use(criteria_set_id));
  for (const auto& r : rows) out.push_back({db::real_at(r, std::size_t{0}), db::int_at(r, 1) != 0, db::int_at(r, 2)});
  return out;
}

}  // namespace hq::audit::risk::store
