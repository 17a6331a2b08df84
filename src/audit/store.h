#pragma once
// SQL for the audit module. No rules here: the service decides, the store reads and writes. One header, one
// source per aggregate: store_enterprises (+ store_enterprise_search), store_proposals (with decisions,
// conclusions, penalties, complaints), store_collections, store_reports (deadlines, forms 19/20, feedback).
// Rows map to structs through db::RowMapping field tables (one per type).
// Instants are UTC seconds (0 = not yet); dates are YYYY-MM-DD text; money is bigint đồng.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "audit/enterprise_rules.h"
#include "audit/forms.h"
#include "audit/rules.h"

namespace hq::audit::store {

// ---- enterprises (store_enterprises.cpp, store_enterprise_search.cpp) ----
using Enterprise = audit::Enterprise;  // enterprise_rules.h
std::optional<Enterprise> find_enterprise(soci::session& sql, const std::string& tax_code);
std::optional<Enterprise> find_enterprise(soci::session& sql, std::int64_t id);
std::int64_t insert_enterprise(soci::session& sql, const Enterprise& e, std::int64_t by, std::int64_t now);
void update_enterprise(soci::session& sql, const Enterprise& e, std::int64_t now);
// Serialises writers that decide on one enterprise (PostgreSQL row lock; SQLite already serialises writers).
void lock_enterprise(soci::session& sql, std::int64_t id);

struct EnterpriseChange {
  std::int64_t at = 0;
  std::string username, unit_code, source, changes;  // changes: JSON [{"field","from","to"}]
};
void insert_enterprise_change(soci::session& sql, std::int64_t enterprise_id, const EnterpriseChange& change);
std::vector<EnterpriseChange> enterprise_changes(soci::session& sql, std::int64_t enterprise_id, std::int64_t limit);

struct EnterpriseQuery {
  std::string tax_prefix;           // digits (canonical prefix)
  std::vector<std::string> words;   // folded words, each matched as a word prefix
  std::string sort = "name";        // name | tax_code
  bool descending = false;
  std::int64_t offset = 0, limit = 20;
};
struct EnterprisePage {
  std::vector<Enterprise> items;
  std::int64_t total = 0;
  bool total_exact = true;  // false when more matched than were counted
};
EnterprisePage search_enterprises(soci::session& sql, const EnterpriseQuery& query);
// The enterprises with these canonical tax codes, in no particular order (unknown codes are left out).
std::vector<Enterprise> enterprises_by_tax_codes(soci::session& sql, const std::vector<std::string>& tax_codes);
// The enterprises with these ids, in the order given (unknown ids are left out).
std::vector<Enterprise> enterprises_by_ids(soci::session& sql, const std::vector<std::int64_t>& ids);

// What the in-process name index (name_index.h) holds of an enterprise.
struct EnterpriseName {
  std::int64_t id = 0;
  std::string name_folded, tax_code, search_words;
};
// The version of the directory's names: insert_enterprise and update_enterprise take the next one in their
// transaction and stamp the row with it (migration 0202). Versions become visible in order.
std::int64_t enterprise_names_version(soci::session& sql);
// Every enterprise, in id order, read in batches (the strings are valid during the call).
void each_enterprise_name(soci::session& sql, const std::function<void(std::int64_t id, const std::string& name_folded,
                                                                       const std::string& tax_code,
                                                                       const std::string& search_words)>& visit);
// The enterprises written after `version`, at most `limit` (nullopt when more were written).
std::optional<std::vector<EnterpriseName>> enterprise_names_since(soci::session& sql, std::int64_t version,
                                                                  std::int64_t limit);

// ---- key enterprises ----
struct KeyEnterprise {
  std::int64_t id = 0, enterprise_id = 0, year = 0, added_at = 0;
  std::string tax_code, name, reason, added_by;
};
bool is_key_enterprise(soci::session& sql, std::int64_t enterprise_id, std::int64_t year);
std::vector<std::int64_t> key_years(soci::session& sql, std::int64_t enterprise_id);
std::int64_t insert_key_enterprise(soci::session& sql, const KeyEnterprise& k);
bool delete_key_enterprise(soci::session& sql, std::int64_t enterprise_id, std::int64_t year);
std::vector<KeyEnterprise> list_key_enterprises(soci::session& sql, std::int64_t year, std::int64_t offset,
                                                std::int64_t limit, std::int64_t& total);

// ---- searches (rule 1) ----
void insert_search(soci::session& sql, const std::string& token, std::int64_t account_id, const std::string& tax_code,
                   std::int64_t now);
bool search_valid(soci::session& sql, const std::string& token, std::int64_t account_id, const std::string& tax_code,
                  std::int64_t not_before);

// Next number of a yearly sequence (proposal and collection numbers are unique within the year).
std::int64_t next_in_sequence(soci::session& sql, const std::string& name, std::int64_t year);

// Units are read through identity/units.h (the platform's one read API for units).
// The id of an account (0 when unknown): demo data acts as the platform's demo accounts.
std::int64_t account_id(soci::session& sql, const std::string& username);

// ---- proposals (store_proposals.cpp) ----
struct Proposal {
  std::int64_t id = 0, year = 0, enterprise_id = 0, unit_id = 0;
  std::string number, tax_code, enterprise_name, unit_code, unit_name, unit_path;
  std::string place, grounds_kind, grounds, period_from, period_to, status, paused_from, reason, source, proposed_by,
      decided_by;
  std::int64_t duplicate_count = 0;
  std::int64_t created_at = 0, submitted_at = 0, approved_at = 0, rejected_at = 0, paused_at = 0, cancelled_at = 0,
               updated_at = 0;
  // The paper proposal's approval day, the entry's due day (one working day later) and whether it was entered
  // after it (migration 0206); "" / false when no paper day was given.
  std::string paper_approved_on, entry_due_on;
  bool late = false;
  // Carried over from STQ01 (source "STQ01", migration 0211): its STQ01 number, who imported it and when.
  std::string origin_number, imported_by;
  std::int64_t imported_at = 0;
  // Not stored: set by the service when the caller may see only what the duplicate rules need (rules.h).
  bool restricted = false;
};
std::int64_t insert_proposal(soci::session& sql, const Proposal& p);
std::optional<Proposal> find_proposal(soci::session& sql, std::int64_t id);
// Writes the status fields (status, paused_from, reason, decided_by, the instants, counts_approved) if the
// proposal is still in status `from`; false when another transaction moved it first.
bool update_proposal_state(soci::session& sql, const Proposal& p, bool counts_approved, const std::string& from);
std::vector<Proposal> proposals_of_enterprise(soci::session& sql, std::int64_t enterprise_id);

struct ListQuery {
  std::string unit_path;  // subtree; "" = everything
  std::string status, place, q_tax_prefix, q_folded;
  std::int64_t year = 0;
  std::string sort = "created_at";
  bool descending = true;
  std::int64_t offset = 0, limit = 20;
  bool oldest_submitted_first = false;  // the leaders' queue
};
std::vector<Proposal> list_proposals(soci::session& sql, const ListQuery& query, std::int64_t& total);

// ---- information collections (store_collections.cpp) ----
struct CollectionResult {
  std::string risk_area, finding;
  bool has_violation = false;
};
struct Collection {
  std::int64_t id = 0, year = 0, enterprise_id = 0, unit_id = 0;
  std::string number, tax_code, enterprise_name, unit_code, unit_name, unit_path;
  std::string signs, risk_areas, status, paused_from, reason, proposed_by, decided_by;
  std::int64_t duplicate_count = 0;
  bool has_findings = false;
  std::int64_t proposed_at = 0, approved_at = 0, rejected_at = 0, cancelled_at = 0, result_submitted_at = 0,
               result_approved_at = 0, updated_at = 0;
  std::vector<CollectionResult> results;
  std::string results_by;  // who sent the results (never the one who approves them)
  // The request letter (migration 0207): recipient DECLARANT | AGENCY ("" before it is sent), its name, number
  // and day; the leader's opinion when results were last returned for rework, by whom, when, how many times.
  std::string recipient_kind, recipient_name, letter_number, letter_on, rework_opinion, returned_by;
  std::int64_t returned_at = 0, rework_count = 0;
  // STQ02 or STQ01 (carried over, migration 0211): its STQ01 number, who imported it and when.
  std::string source = "STQ02", origin_number, imported_by;
  std::int64_t imported_at = 0;
  // Not stored: the service computes them on the working-day calendar ("" = results not sent yet).
  std::string approval_due_on, results_due_on;
  bool restricted = false;  // not stored: see Proposal::restricted
};
std::int64_t insert_collection(soci::session& sql, const Collection& c);
std::optional<Collection> find_collection(soci::session& sql, std::int64_t id);
// Writes the state fields if the collection is still in status `from` (false: another transaction moved it).
bool update_collection_state(soci::session& sql, const Collection& c, const std::string& from);
// store_collection_letters.cpp. The letter fields, while the collection is still in status `from`; the
// rework fields and the status, likewise. False when another transaction moved it first.
bool set_collection_letter(soci::session& sql, const Collection& c, const std::string& from);
bool return_collection_results(soci::session& sql, const Collection& c, const std::string& from);
void replace_collection_results(soci::session& sql, std::int64_t id, const std::vector<CollectionResult>& results);
std::vector<Collection> collections_of_enterprise(soci::session& sql, std::int64_t enterprise_id);
std::vector<Collection> list_collections(soci::session& sql, const ListQuery& query, std::int64_t& total);

// ---- STQ01 carry-over (store_stq01.cpp) ----
// The proposal / collection imported from STQ01 under this number, with the path of the unit it belongs to now
// (a new import may only rewrite a record inside the importer's scope).
struct Stq01Existing {
  std::int64_t id = 0;
  std::string unit_path;
};
std::optional<Stq01Existing> stq01_proposal(soci::session& sql, const std::string& origin_number);
std::optional<Stq01Existing> stq01_collection(soci::session& sql, const std::string& origin_number);
// A new import of an STQ01 record already carried over: its fields as the file has them now.
void update_stq01_proposal(soci::session& sql, const Proposal& p);
void update_stq01_collection(soci::session& sql, const Collection& c);

// ---- decisions, conclusions, penalties, complaints ----
struct Decision {
  std::int64_t id = 0, proposal_id = 0, working_days = 0, entered_at = 0;
  std::string kind, number, signed_on, signer, team, start_on, end_on, due_on, entered_by;
  bool late = false;
  std::string status = "ENTERED", approved_by;  // ENTERED → APPROVED (migration 0205)
  std::int64_t approved_at = 0;
};
std::int64_t insert_decision(soci::session& sql, const Decision& d);
// ENTERED → APPROVED; false when it was not (or no longer) ENTERED.
bool approve_decision(soci::session& sql, std::int64_t id, const std::string& by, std::int64_t now);
std::vector<Decision> decisions_of(soci::session& sql, std::int64_t proposal_id);

struct Conclusion {
  std::int64_t id = 0, proposal_id = 0, declarations = 0, entered_at = 0, approved_at = 0;
  std::string number, signed_on, findings, status, due_on, entered_by, approved_by;
  bool has_violation = false, late = false;
  Amounts amounts;
};
std::int64_t insert_conclusion(soci::session& sql, const Conclusion& c);
std::optional<Conclusion> conclusion_of(soci::session& sql, std::int64_t proposal_id);
// ENTERED → APPROVED; false when it was not (or no longer) ENTERED.
bool approve_conclusion(soci::session& sql, std::int64_t id, const std::string& by, std::int64_t now);

struct Penalty {
  std::int64_t id = 0, proposal_id = 0, amount = 0, entered_at = 0;
  std::string number, signed_on, violation, entered_by;
};
std::int64_t insert_penalty(soci::session& sql, const Penalty& p);
std::vector<Penalty> penalties_of(soci::session& sql, std::int64_t proposal_id);

struct Complaint {
  std::int64_t id = 0, proposal_id = 0, entered_at = 0;
  std::string filed_on, content, status, decided_on, outcome, entered_by;
};
std::int64_t insert_complaint(soci::session& sql, const Complaint& c);
std::optional<Complaint> find_complaint(soci::session& sql, std::int64_t id);
// FILED → c.status with its decision; false when it was not (or no longer) FILED.
bool decide_complaint(soci::session& sql, const Complaint& c);
std::vector<Complaint> complaints_of(soci::session& sql, std::int64_t proposal_id);

// ---- deadlines (store_reports.cpp) ----
struct Deadline {
  std::int64_t id = 0, unit_id = 0, entity_id = 0, done_at = 0;
  std::string kind, entity_type, label, due_on, unit_code;
  bool late = false;
  std::int64_t proposal_id = 0;  // read only: the proposal of a decision's or conclusion's deadline
};
void open_deadline(soci::session& sql, const Deadline& d);
// Closes the open deadline of this kind and entity (if any), flagging it late when done after its due day.
void close_deadline(soci::session& sql, const std::string& kind, const std::string& entity_type, std::int64_t entity_id,
                    std::int64_t now, const std::string& today);
std::vector<Deadline> open_deadlines(soci::session& sql, const std::string& unit_path, const std::string& due_from,
                                     const std::string& due_to, std::int64_t limit);
struct DeadlineStats {
  std::int64_t done = 0, done_on_time = 0, open = 0, open_late = 0, due_today = 0;
};
// Done items due since `from` (also those done ahead of a later due day), and the open ones.
DeadlineStats deadline_stats(soci::session& sql, const std::string& unit_path, const std::string& today,
                             const std::string& from);

// ---- reports ----
std::vector<Fact> form19_facts(soci::session& sql, const std::string& path, const std::string& from, const std::string& to);
std::vector<Fact> form20_facts(soci::session& sql, const std::string& path, const std::string& from, const std::string& to,
                               std::int64_t from_ts, std::int64_t to_ts, const std::string& today);
void insert_reconciliation(soci::session& sql, std::int64_t unit_id, const std::string& form, const std::string& from,
                           const std::string& to, const std::string& note, const std::string& by, std::int64_t now);
std::vector<std::string> reconciled_units(soci::session& sql, const std::string& path, const std::string& form,
                                          const std::string& from, const std::string& to);

// ---- feedback (seed 000 annex) ----
struct Feedback {
  std::int64_t id = 0, unit_id = 0, created_at = 0;
  std::string unit_code, username, function_name, proposal, reason, status;
};
std::int64_t insert_feedback(soci::session& sql, const Feedback& f);
std::vector<Feedback> list_feedback(soci::session& sql, const std::string& unit_path, std::int64_t offset,
                                    std::int64_t limit, std::int64_t& total);

}  // namespace hq::audit::store
