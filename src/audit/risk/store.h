#pragma once
// SQL of the risk part of the audit module: declaration lines (bulk upsert: SQLite prepared multi-row
// statements through its C API, PostgreSQL COPY), the columns of a run, profile figures, criteria sets, runs
// and candidates, and the reference computation of the indicators in SQL (PostgreSQL). No rules here.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <soci/soci.h>

#include "audit/risk/declarations.h"
#include "audit/risk/selection.h"

namespace hq::audit::risk::store {

bool is_postgresql(soci::session& sql);

// ---- declaration lines ----
// Upserts lines by (declaration_no, line) inside the caller's transaction, in batches.
class LineWriter {
 public:
  virtual ~LineWriter() = default;
  virtual void add(const DeclarationLine& line) = 0;
  // The lines of a batch, in order (the writer may read them in place while the call lasts).
  virtual void add_all(const std::vector<DeclarationLine>& lines) {
    for (const auto& l : lines) add(l);
  }
  // Writes what is buffered; returns the number of lines that were new (not replacing a stored one).
  virtual std::int64_t finish() = 0;
};
// `expected_lines`: about how many lines will come. A bulk load (at least 100,000 lines and at least half of
// what is stored) drops the (tax_code, registered_at) index and builds it again at the end, in the same
// transaction: one sort instead of inserts all over the index (SQLite: 3× faster, sorted on two threads;
// PostgreSQL holds the table's lock until the commit, as any bulk load). While keys rise above everything
// stored, every line is new: SQLite counts them without a count(*) over the table, PostgreSQL COPYs them
// straight into the table; from the first key that does not rise, lines are upserted.
std::unique_ptr<LineWriter> line_writer(soci::session& sql, std::int64_t expected_lines = 0);
std::int64_t count_lines(soci::session& sql);

// Lines registered in [from_at, to_at) as columns, in (declaration, line) order where the backend gives it
// cheaply (the computation sorts otherwise).
// PostgreSQL, given a `second` session of the same pool (idle, outside a transaction), reads a table of
// `split_pages` pages or more as two halves at once (two server processes); without one it reads once.
void load_lines(soci::session& sql, std::int64_t from_at, std::int64_t to_at, LineColumns& out,
                soci::session* second = nullptr, std::int64_t split_pages = 4096);

// The directory's and the audit tables' facts for a run: standing (name, key list of `year`, approved in
// `year`, compliance level) and history (conclusions with amounts, approved proposals) in [since_at, until_at).
struct AuditFacts {
  std::unordered_map<std::string, Standing> standing;
  std::unordered_map<std::string, std::int64_t> past_findings;
  std::unordered_map<std::string, bool> audited;
};
AuditFacts audit_facts(soci::session& sql, std::int64_t year, const std::string& since_on, const std::string& until_on,
                       std::int64_t since_at, std::int64_t until_at);

// The reference computation: the same figures in SQL only (PostgreSQL: percentile_cont), for the benchmark
// and the test that both agree.
std::vector<IndicatorValues> reference_indicators(soci::session& sql, const RunWindow& window,
                                                  std::int64_t min_declarations, const std::string& since_on,
                                                  const std::string& until_on, std::int64_t since_at,
                                                  std::int64_t until_at);

// ---- profile ----
// The enterprise's lines registered in [from_at, to_at), in (declaration, line) order.
void enterprise_lines(soci::session& sql, const std::string& tax_code, std::int64_t from_at, std::int64_t to_at,
                      const std::function<void(const DeclarationLine&)>& visit);
// Every importer's effective rate (duty / value, value > 0) per 4-digit heading among `headings`, over the period.
std::unordered_map<std::string, std::vector<double>> heading_rates(soci::session& sql,
                                                                   const std::vector<std::string>& headings,
                                                                   std::int64_t from_at, std::int64_t to_at);

// The enterprise as the directory and the audit tables know it (empty name: not in the directory).
struct EnterpriseFacts {
  std::int64_t id = 0, compliance_level = 0;
  std::string name;
  std::vector<std::int64_t> key_years;
};
EnterpriseFacts enterprise_facts(soci::session& sql, const std::string& tax_code);
struct PastAudit {
  std::int64_t id = 0, year = 0, amount = 0, collected = 0, penalties = 0, penalty_amount = 0, complaints = 0;
  std::string number, unit_code, unit_name, unit_path, status, place, period_from, period_to, conclusion_number,
      conclusion_signed_on, conclusion_status;
};
std::vector<PastAudit> past_audits(soci::session& sql, const std::string& tax_code);
// The home office of an enterprise over [from_at, to_at) (most declarations, ties: lowest code), "" without any.
std::string home_office(soci::session& sql, const std::string& tax_code, std::int64_t from_at, std::int64_t to_at);
// Unit path by code ("" when unknown).
std::string unit_path(soci::session& sql, const std::string& code);
struct UnitRow {
  std::string code, name, level, path;
};
std::optional<UnitRow> find_unit(soci::session& sql, const std::string& code);
std::vector<std::string> unit_codes_under(soci::session& sql, const std::string& path);

// ---- criteria sets ----
struct CriteriaSetRow {
  std::int64_t id = 0, version = 0, min_declarations = 0, material_value = 0, created_at = 0;
  std::string name, name_key, indicators, created_by;
  double cutoff_audit = 0, cutoff_monitor = 0;
};
std::int64_t next_version(soci::session& sql, const std::string& name_key);
std::int64_t insert_criteria_set(soci::session& sql, const CriteriaSetRow& row);
std::optional<CriteriaSetRow> find_criteria_set(soci::session& sql, std::int64_t id);
std::vector<CriteriaSetRow> list_criteria_sets(soci::session& sql, std::int64_t offset, std::int64_t limit,
                                               std::int64_t& total);

// ---- runs ----
struct RunRow {
  std::int64_t id = 0, criteria_set_id = 0, year = 0, evaluated = 0, candidates = 0, audit_count = 0,
               monitor_count = 0, elapsed_ms = 0, created_at = 0, criteria_version = 0;
  std::string period_from, period_to, unit_code, unit_path, fingerprint, created_by, criteria_name;
};
std::int64_t insert_run(soci::session& sql, const RunRow& row);
void insert_candidates(soci::session& sql, std::int64_t run_id, const std::vector<Candidate>& candidates);
std::optional<RunRow> find_run(soci::session& sql, std::int64_t id);
// Runs whose unit path starts with `path_prefix` (national runs have an empty path: `include_national`).
std::vector<RunRow> list_runs(soci::session& sql, const std::string& path_prefix, bool include_national,
                              std::int64_t offset, std::int64_t limit, std::int64_t& total);
struct CandidateRow {
  std::int64_t rank = 0;
  std::string tax_code, name, klass, excluded_reason, home_office, reasons;
  double score = 0;
};
std::vector<CandidateRow> candidates(soci::session& sql, std::int64_t run_id, const std::string& klass,
                                     std::int64_t offset, std::int64_t limit, std::int64_t& total);
std::optional<CandidateRow> candidate(soci::session& sql, std::int64_t run_id, const std::string& tax_code);

// ---- proposals from candidates and their outcome ----
void insert_risk_proposal(soci::session& sql, std::int64_t proposal_id, std::int64_t run_id,
                          const std::string& tax_code, double score, std::int64_t now);
struct Outcome {
  double score = 0;
  bool concluded = false;
  std::int64_t amount = 0;  // the conclusion's total (taxes, late interest, penalties)
};
// Proposals made from the runs of a criteria set, with their conclusion where there is one.
std::vector<Outcome> outcomes(soci::session& sql, std::int64_t criteria_set_id);

}  // namespace hq::audit::risk::store
