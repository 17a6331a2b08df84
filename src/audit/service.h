#pragma once
// Audit use cases. Each change runs in one transaction, applies the pure rules, calls the store and writes
// one processing-history entry. Rights: see rules.h (unit tree; the audit department reads nationwide).
// One class, one source per aggregate: service_enterprises (+ service_enterprise_import), service_proposals,
// service_decisions (decisions, conclusions, penalties, complaints), service_collections, service_reports
// (deadlines, forms 19/20, feedback); service.cpp holds what they share.
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "audit/forms.h"
#include "audit/name_search.h"
#include "audit/rules.h"
#include "audit/store.h"
#include "core/page.h"
#include "core/principal.h"
#include "db/database.h"
#include "identity/units.h"

namespace hq::audit {

// Another open item for the same enterprise, shown beside a new proposal or in the leaders' queue.
struct Duplicate {
  std::string kind;  // PROPOSAL | COLLECTION
  std::int64_t id = 0;
  std::string number, unit_code, unit_name, status, place;
  std::int64_t created_at = 0;
  std::string source = "STQ02";  // STQ01: carried over (read-only), found alike
};

struct SearchResult {
  std::string search_id, tax_code;
  std::int64_t expires_at = 0;
  std::optional<store::Enterprise> enterprise;
  bool key_enterprise = false;
  std::vector<store::Proposal> proposals;
  std::vector<store::Collection> collections;
};

struct ProposalInput {
  std::string tax_code, place, grounds, search_id;
  core::Date period_from, period_to;
  bool draft = false;
  // The day the paper proposal was approved: entered later than kProposalEntryWorkingDays after it is late.
  std::optional<core::Date> paper_approved_on = std::nullopt;
  // A candidate of this risk run in place of a fresh search (grounds: risk management; run and score recorded).
  std::int64_t risk_run_id = 0;
};
struct CreatedProposal {
  store::Proposal proposal;
  std::vector<Duplicate> duplicates;
};

struct DecisionInput {
  std::string kind, number, signer, team;
  core::Date signed_on;
  std::optional<core::Date> start_on;
  int working_days = 0;
};

struct ConclusionInput {
  std::string number, findings;
  core::Date signed_on;
  Amounts amounts;
  std::int64_t declarations = 0;
  std::optional<bool> has_violation;
};

struct CollectionInput {
  std::string tax_code, signs;
  std::vector<std::string> risk_areas;
};

// The request letter of an approved collection (seed 000 §2.1 a).
struct CollectionLetterInput {
  std::string recipient_kind, recipient_name, letter_number;  // kRecipientKinds; name "" = the enterprise
  core::Date letter_on;
};

struct ProposalDetail {
  store::Proposal proposal;
  std::vector<store::Decision> decisions;
  std::optional<store::Conclusion> conclusion;
  std::vector<store::Penalty> penalties;
  std::vector<store::Complaint> complaints;
  std::vector<Duplicate> duplicates;
  std::string audit_end_on;  // after the latest decision
};

struct EnterpriseRecord {
  store::Enterprise enterprise;
  std::vector<std::int64_t> key_years;
  std::vector<store::EnterpriseChange> changes;
  std::vector<ProposalDetail> proposals;
  std::vector<store::Collection> collections;
};

struct ImportResult {
  std::int64_t created = 0, updated = 0;
  struct Problem {
    std::int64_t line = 0;
    std::string column, message;
  };
  std::vector<Problem> problems;  // the first 1000 bad cells
  std::int64_t problem_count = 0;  // all of them
};

struct DeadlineBoard {
  std::string unit_code, today;
  std::vector<store::Deadline> due_today, late;
  store::DeadlineStats stats;
  double on_time_rate = 1.0;  // done on time / (done + open past due); 1 when nothing was due
};

template <typename T>
using Page = core::Page<T>;

class AuditService {
 public:
  explicit AuditService(db::Database& db) : db_(db), names_(std::make_unique<NameSearch>(db)) {}
  // Loads the name search's index (see NameSearch::warm_up).
  void warm_up() { names_->warm_up(); }
  // Tests move time; the server uses the real clock.
  void set_clock(std::function<std::int64_t()> clock) { clock_ = std::move(clock); }

  // Enterprise directory. `fields` holds the form 01/KTSTQ fields by name (see kEnterpriseFields in enterprise_rules.h).
  store::Enterprise create_enterprise(const core::Principal& caller, const nlohmann::json& fields,
                                      const std::string& source = "STQ02");
  store::Enterprise update_enterprise(const core::Principal& caller, const std::string& tax_code,
                                      const nlohmann::json& fields, const std::string& source = "STQ02");
  // CSV, or an .xlsx workbook (recognised by the zip signature; its first sheet), with a header row naming
  // fields (tax_code, name, …); an existing tax code is updated.
  ImportResult import_enterprises(const core::Principal& caller, const std::string& body);
  store::EnterprisePage find_enterprises(const core::Principal& caller, const std::string& q, const std::string& sort,
                                         bool descending, std::int64_t offset, std::int64_t limit);
  // An enterprise's whole record. Items of units the caller may not read (rules.h: may_read_unit) come
  // `restricted`: existence, unit, state and period only (what the duplicate rules need); search() likewise.
  EnterpriseRecord record(const core::Principal& caller, const std::string& tax_code);
  // Whether the caller may read an audit entity's processing history (entity_type/entity_id as written by
  // this service): the same scope as the entity itself.
  bool may_read_entity(const core::Principal& caller, const std::string& entity_type, const std::string& entity_id);

  store::KeyEnterprise add_key_enterprise(const core::Principal& caller, const std::string& tax_code, std::int64_t year,
                                          const std::string& reason);
  void remove_key_enterprise(const core::Principal& caller, const std::string& tax_code, std::int64_t year);
  // service_key_enterprise_import.cpp: CSV or .xlsx with a header row (tax_code; reason, year optional, else
  // `year`), by whoever keeps the list; all or nothing with every bad cell named (unknown enterprise, repeated
  // row, bad year). created = added, updated = already on the list (left as it is).
  ImportResult import_key_enterprises(const core::Principal& caller, const std::string& body, std::int64_t year);
  Page<store::KeyEnterprise> key_enterprises(const core::Principal& caller, std::int64_t year, std::int64_t offset,
                                             std::int64_t limit);

  // service_stq01_import.cpp: STQ01 proposals and collection requests carried over (stq01_rules.h: the layout),
  // CSV or .xlsx; all or nothing with every bad cell named; idempotent by the STQ01 number (created = new,
  // updated = already carried over, rewritten as the file has it). A platform administrator, or a unit
  // administrator for its own subtree only (403 naming the rows of other units).
  ImportResult import_stq01(const core::Principal& caller, const std::string& body);

  // Rule 1: the search every proposal must follow; records who searched what.
  SearchResult search(const core::Principal& caller, const std::string& tax_code);

  CreatedProposal create_proposal(const core::Principal& caller, const ProposalInput& input);
  store::Proposal act_on_proposal(const core::Principal& caller, std::int64_t id, Action action,
                                  const std::string& reason);
  ProposalDetail proposal(const core::Principal& caller, std::int64_t id);
  Page<store::Proposal> list_proposals(const core::Principal& caller, const std::string& unit_code,
                                       store::ListQuery query);
  // What waits for a leader, oldest first, each with its duplicates. kind: PROPOSAL | COLLECTION | RESULT.
  Page<std::pair<store::Proposal, std::vector<Duplicate>>> proposal_queue(const core::Principal& caller,
                                                                          std::int64_t offset, std::int64_t limit);
  Page<std::pair<store::Collection, std::vector<Duplicate>>> collection_queue(const core::Principal& caller,
                                                                              const std::string& status,
                                                                              std::int64_t offset, std::int64_t limit);

  store::Decision add_decision(const core::Principal& caller, std::int64_t proposal_id, const DecisionInput& input);
  // A leader of the proposal's unit or above who did not enter it approves a decision (ENTERED → APPROVED);
  // forms 19/20 count approved decisions only.
  store::Decision approve_decision(const core::Principal& caller, std::int64_t proposal_id, std::int64_t decision_id);
  store::Conclusion add_conclusion(const core::Principal& caller, std::int64_t proposal_id, const ConclusionInput& input);
  store::Conclusion approve_conclusion(const core::Principal& caller, std::int64_t proposal_id);
  store::Penalty add_penalty(const core::Principal& caller, std::int64_t proposal_id, store::Penalty penalty);
  store::Complaint add_complaint(const core::Principal& caller, std::int64_t proposal_id, store::Complaint complaint);
  store::Complaint decide_complaint(const core::Principal& caller, std::int64_t complaint_id, const core::Date& decided_on,
                                    const std::string& outcome);

  struct CreatedCollection {
    store::Collection collection;
    std::vector<Duplicate> duplicates;
  };
  CreatedCollection create_collection(const core::Principal& caller, const CollectionInput& input);
  store::Collection act_on_collection(const core::Principal& caller, std::int64_t id, Action action,
                                      const std::string& reason);
  store::Collection record_collection_results(const core::Principal& caller, std::int64_t id,
                                              const std::vector<store::CollectionResult>& results);
  store::Collection approve_collection_results(const core::Principal& caller, std::int64_t id);
  // service_collection_letters.cpp: the letter of an APPROVED collection (an audit user of its unit tree), and
  // a leader's return of sent results for rework with an opinion (RESULT_SUBMITTED → APPROVED).
  store::Collection record_collection_letter(const core::Principal& caller, std::int64_t id,
                                             const CollectionLetterInput& input);
  store::Collection return_collection_results(const core::Principal& caller, std::int64_t id, const std::string& opinion);
  store::Collection collection(const core::Principal& caller, std::int64_t id);
  Page<store::Collection> list_collections(const core::Principal& caller, const std::string& unit_code,
                                           store::ListQuery query);

  DeadlineBoard deadlines(const core::Principal& caller, const std::string& unit_code);

  FormReport report(const core::Principal& caller, Form form, const std::string& unit_code, const core::Date& from,
                    const core::Date& to);
  void reconcile(const core::Principal& caller, Form form, const std::string& unit_code, const core::Date& from,
                 const core::Date& to, const std::string& note);

  store::Feedback send_feedback(const core::Principal& caller, store::Feedback feedback);
  Page<store::Feedback> feedback(const core::Principal& caller, std::int64_t offset, std::int64_t limit);

 private:
  std::int64_t now() const { return clock_(); }
  core::Date today() const;
  // The audit department's unit path, read once: a unit's path never changes ("" while it does not exist).
  std::string department(soci::session& sql);
  identity::Unit unit_named(soci::session& sql, const std::string& unit_code);  // 404 UNIT_NOT_FOUND
  identity::Unit readable_unit(soci::session& sql, const core::Principal& caller, const std::string& unit_code);
  // The path prefix of a list's scope: the unit named (if the caller may read it) or all the caller may read.
  std::string visible_path(soci::session& sql, const core::Principal& caller, const std::string& unit_code);
  store::Proposal proposal_for(soci::session& sql, std::int64_t id);
  store::Collection collection_for(soci::session& sql, std::int64_t id);
  store::Enterprise enterprise_for_item(soci::session& sql, const core::Principal& caller, const std::string& tax_code);
  ProposalDetail detail(soci::session& sql, const store::Proposal& p);
  std::vector<store::Proposal> proposals_as_seen(soci::session& sql, const core::Principal& caller, std::int64_t enterprise_id);
  std::vector<store::Collection> collections_as_seen(soci::session& sql, const core::Principal& caller,
                                                     std::int64_t enterprise_id);

  db::Database& db_;
  std::unique_ptr<NameSearch> names_;  // the name search's in-process index
  std::mutex department_mutex_;
  std::string department_path_;
  std::function<std::int64_t()> clock_ = [] { return core::now(); };
};

}  // namespace hq::audit
