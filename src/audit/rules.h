#pragma once
// Pure post-clearance audit rules (spec post-clearance-audit.md): who may do what, the proposal and
// collection state machines, the six proposal rules, decision durations and entry deadlines on the
// working-day calendar, amounts, and the search words of enterprise names. No SQL, no HTTP.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "core/principal.h"
#include "core/time.h"

namespace hq::audit {

// The post-clearance audit department (Cục KTSTQ): its leaders keep the key-enterprise list, and its users
// read every unit's records and reports (it "works nationwide"). Approval still follows the unit tree.
constexpr const char* kAuditDepartmentCode = "KTSTQ";
constexpr std::int64_t kSearchLifetimeSeconds = 24 * 3600;
constexpr int kAuditWindowYears = 5;             // Customs Law art. 77: declarations within 5 years
constexpr int kPremisesMaxWorkingDays = 10;      // art. 80
constexpr int kOfficeMaxWorkingDays = 5;         // art. 79
constexpr int kExtensionMaxWorkingDays = 10;     // one extension
constexpr int kProposalEntryWorkingDays = 1;     // seed 000 §2.2: after the paper proposal's approval
constexpr int kDecisionEntryWorkingDays = 1;     // seed 000 §2.3
constexpr int kConclusionEntryWorkingDays = 3;   // seed 000 §2.4
constexpr int kCollectionResultWorkingDays = 1;  // seed 000 §2.1 c)

// ---- rights ----
bool is_audit_user(const core::Principal& p);    // audit.officer, audit.leader or platform.admin
bool is_audit_leader(const core::Principal& p);  // audit.leader or platform.admin
bool in_audit_department(const core::Principal& p, const std::string& department_path);
// Reads a unit's records: its own subtree, or anything for the audit department and platform admins.
bool may_read_unit(const core::Principal& p, const std::string& unit_path, const std::string& department_path);
// Approves, rejects, pauses, resumes a unit's items: a leader of that unit or of an ancestor.
bool may_approve_for(const core::Principal& p, const std::string& unit_path);
// Records data (decisions, conclusions, results) for a unit's items: any audit user of its subtree.
bool may_record_for(const core::Principal& p, const std::string& unit_path);
bool may_keep_key_list(const core::Principal& p, const std::string& department_path);
// A leader never approves a proposal, collection, decision, conclusion or collection results that they
// created (proposed, entered or sent) themselves (seed 000 §1.3: the one who proposes is not the one who approves).
bool is_own_work(const core::Principal& p, const std::string& created_by);

// ---- proposals ----
enum class Place { Premises, Office };
std::optional<Place> parse_place(const std::string& text);
std::string place_code(Place place);

// Customs Law art. 78.
inline constexpr std::array<const char*, 3> kGroundKinds = {"SIGNS_OF_VIOLATION", "RISK_MANAGEMENT",
                                                            "COMPLIANCE_ASSESSMENT"};
// A code from kGroundKinds, or OTHER for free text.
std::string grounds_kind(const std::string& grounds);

enum class Action { Submit, Approve, Reject, Pause, Resume, Cancel, SendResults, ApproveResults, ReturnResults };
std::string status_name(const std::string& status);  // Vietnamese, lower case ("chờ phê duyệt"); unknown as given
std::optional<Action> parse_action(const std::string& text);  // the six actions a route names: submit … cancel
std::string action_code(Action action);                       // as written in the history: submit … approve_results

// Every state transition of the module in one table. Proposals: DRAFT → SUBMITTED → APPROVED | REJECTED;
// SUBMITTED/APPROVED → PAUSED → (back where it was); any open state → CANCELLED. Decisions and conclusions:
// ENTERED → APPROVED. Collections (information
// collection, seed 000 §2.1) use the same rows (proposed = SUBMITTED) and add their results:
// APPROVED → RESULT_SUBMITTED → COMPLETED. The service writes each move as UPDATE … WHERE status = from.
enum class Machine : unsigned { Proposal = 1, Collection = 2, Decision = 4, Conclusion = 8 };
struct Transition {
  Action action;
  const char* from;
  const char* to;     // kBackFromPause: the status the item was paused from
  unsigned machines;  // bit set of Machine
};
inline constexpr const char* kBackFromPause = "";
inline constexpr unsigned kProposals = static_cast<unsigned>(Machine::Proposal);
inline constexpr unsigned kCollections = static_cast<unsigned>(Machine::Collection);
inline constexpr unsigned kDecisions = static_cast<unsigned>(Machine::Decision);
inline constexpr unsigned kConclusions = static_cast<unsigned>(Machine::Conclusion);
inline constexpr Transition kTransitions[] = {
    {Action::Submit, "DRAFT", "SUBMITTED", kProposals},
    {Action::Approve, "SUBMITTED", "APPROVED", kProposals | kCollections},
    {Action::Reject, "SUBMITTED", "REJECTED", kProposals | kCollections},
    {Action::Pause, "SUBMITTED", "PAUSED", kProposals | kCollections},
    {Action::Pause, "APPROVED", "PAUSED", kProposals | kCollections},
    {Action::Resume, "PAUSED", kBackFromPause, kProposals | kCollections},
    {Action::Cancel, "DRAFT", "CANCELLED", kProposals},
    {Action::Cancel, "SUBMITTED", "CANCELLED", kProposals | kCollections},
    {Action::Cancel, "APPROVED", "CANCELLED", kProposals | kCollections},
    {Action::Cancel, "PAUSED", "CANCELLED", kProposals | kCollections},
    {Action::Cancel, "RESULT_SUBMITTED", "CANCELLED", kCollections},
    {Action::SendResults, "APPROVED", "RESULT_SUBMITTED", kCollections},
    {Action::ApproveResults, "RESULT_SUBMITTED", "COMPLETED", kCollections},
    // A leader returns results for rework with an opinion; the officer sends them again (seed 000 §2.1).
    {Action::ReturnResults, "RESULT_SUBMITTED", "APPROVED", kCollections},
    // Decisions and conclusions are entered by officers and approved by a leader (seed 000 §1.3).
    {Action::Approve, "ENTERED", "APPROVED", kDecisions | kConclusions},
};
// The new status, or nullopt when the table has no such move. `paused_from` is the status a paused item
// returns to (SUBMITTED when unknown).
std::optional<std::string> next_status(Machine machine, const std::string& status, const std::string& paused_from,
                                       Action action);
// A proposal's move (Machine::Proposal).
std::optional<std::string> next_status(const std::string& status, const std::string& paused_from, Action action);
bool is_open_status(const std::string& status);

// The proposal being approved and the others for the same enterprise (any unit).
struct ProposalFacts {
  std::int64_t id = 0;
  std::string status, paused_from;
  Place place = Place::Premises;
  std::int64_t year = 0;
  std::int64_t submitted_at = 0;
};
bool holds_approval(const ProposalFacts& p);  // approved (also while paused)
enum class ApprovalBlock { None, KeyEnterprise, AlreadyApprovedThisYear, EarlierProposalPending };
// Rules 2, 4 and 5: the first that refuses approving `candidate`; `blocking_id` names the other proposal.
ApprovalBlock approval_block(const ProposalFacts& candidate, const std::vector<ProposalFacts>& others,
                             bool key_enterprise, std::int64_t& blocking_id);
// Rule 3: the other open proposals (or collections) count as duplicates of a new one.
bool is_duplicate_of_new(const std::string& other_status);

// Rule 6: the audited declarations lie within five years; from ≤ to ≤ today. Empty when fine, else the
// code ("INVALID_PERIOD" 400 or "PERIOD_OUTSIDE_WINDOW" 422) and a Vietnamese message.
struct Problem {
  std::string code, message;
  explicit operator bool() const { return !code.empty(); }
};
Problem period_problem(const core::Date& from, const core::Date& to, const core::Date& today);

// ---- decisions ----
enum class DecisionKind { Original, Amendment, Extension, Cancellation };
std::optional<DecisionKind> parse_decision_kind(const std::string& text);
std::string decision_kind_code(DecisionKind kind);
int max_working_days(Place place);
// The last working day of an audit that starts on `start` (or the next working day) and lasts `days`.
core::Date audit_end(const core::WorkingCalendar& calendar, const core::Date& start, int days);
// Due date for entering a document signed on `signed_on` within `working_days` working days.
core::Date entry_due(const core::WorkingCalendar& calendar, const core::Date& signed_on, int working_days);

// Information collection (seed 000 §2.1): a leader approves a proposal the (working) day it is proposed, and
// the results within kCollectionResultWorkingDays working days of the day they were sent.
core::Date collection_approval_due(const core::WorkingCalendar& calendar, const core::Date& proposed_on);
core::Date collection_results_due(const core::WorkingCalendar& calendar, const core::Date& sent_on);
// The collection letter's recipient (seed 000 §2.1 a): the customs declarant or an agency outside customs.
inline constexpr std::array<const char*, 2> kRecipientKinds = {"DECLARANT", "AGENCY"};
bool is_recipient_kind(const std::string& kind);

struct DecisionFacts {
  DecisionKind kind = DecisionKind::Original;
  int working_days = 0;
  core::Date end_on;
};
// Checks a new decision against those already entered. Throws core::Error: 409 ORIGINAL_DECISION_EXISTS /
// ORIGINAL_DECISION_REQUIRED / DECISION_CANCELLED, 422 DURATION_EXCEEDED, 400 INVALID_FIELD.
// Returns the end date of the audit after the decision.
core::Date check_decision(const core::WorkingCalendar& calendar, Place place, const std::vector<DecisionFacts>& existing,
                          DecisionKind kind, const core::Date& signed_on, const core::Date& start_on, int working_days,
                          const core::Date& today);

// ---- conclusion amounts (đồng) ----
inline constexpr std::array<const char*, 9> kAmountKeys = {"import_tax", "export_tax", "vat",     "excise",   "environment",
                                                           "trade_remedy", "late_interest", "penalty", "collected"};
struct Amounts {
  std::array<std::int64_t, kAmountKeys.size()> values{};
  std::int64_t& at(const std::string& key);
  std::int64_t get(const std::string& key) const;
  std::int64_t tax_total() const;  // the six tax kinds
  std::int64_t total() const;      // taxes + late interest + penalties
};
constexpr std::int64_t kMaxAmount = 1'000'000'000'000'000;  // 10^18 đồng: far above any real figure, no overflow

// ---- information collection ----
inline constexpr std::array<const char*, 7> kRiskAreas = {"VALUATION", "CLASSIFICATION", "ORIGIN", "PROCESSING",
                                                          "EXEMPTION_REFUND", "LICENSING", "OTHER"};
bool is_risk_area(const std::string& code);
std::string risk_area_name(const std::string& code);  // Vietnamese

// ---- enterprise search ----
// Words of folded text: runs of [a-z0-9] (what the word index stores and queries look up).
std::vector<std::string> search_words(const std::string& text);
// " w1 w2 … " for `LIKE '% w%'` filters.
std::string joined_words(const std::vector<std::string>& words);
// The first string after every string that starts with `prefix` (prefix of [a-z0-9] only).
std::string prefix_end(const std::string& prefix);
// Compliance level of Circular 81/2019: 1–5, 0 = not assessed.
bool is_compliance_level(std::int64_t level);

}  // namespace hq::audit
