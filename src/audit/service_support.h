#pragma once
// Shared by the audit service's sources (not a public header): access checks, names of states and actions
// for messages, history entries, duplicates, due dates, what a restricted item hides.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "audit/service.h"
#include "core/calendar.h"
#include "core/error.h"
#include "core/principal.h"
#include "history/history_store.h"

namespace hq::audit::detail {

std::string random_token();
std::string action_name(Action action);               // Vietnamese verb
// The audit department's path ("" when the unit does not exist).
std::string department_path(soci::session& sql);
void require_audit_user(const core::Principal& caller);
ProposalFacts facts_of(const store::Proposal& p);
history::Change change(std::string action, std::string type, std::int64_t id, std::string summary);
inline std::string date_text(const core::Date& d) { return core::format_date(d); }
// Open items for the same enterprise: the same kind from any unit, the other kind from other units only
// (a unit's own collection is the normal prelude to its proposal, not a duplicate of it).
std::vector<Duplicate> duplicates_for(soci::session& sql, std::int64_t enterprise_id, const std::string& self_kind,
                                      std::int64_t self_id, std::int64_t self_unit);
// The due dates a collection shows, on the working-day calendar (see store::Collection).
void set_due_dates(const core::WorkingCalendar& calendar, store::Collection& c);
std::vector<store::Collection> with_due_dates(soci::session& sql, std::vector<store::Collection> list);
// What every audit user may know of an item of a unit it may not read: that it exists, whose it is, its state
// and period — what the duplicate rules (seed 000 §2.1, §2.2 rule 3) need. Grounds, signs, findings, amounts,
// penalties and complaints stay with those who may read the unit (rules.h: may_read_unit).
void restrict_proposal(store::Proposal& p);
void restrict_collection(store::Collection& c);
// The loser of two concurrent transitions of one item: its UPDATE … WHERE status = :from changed no row.
[[noreturn]] void changed_meanwhile(const std::string& what);
void check_amounts(const Amounts& amounts);
// 403 OWN_WORK when the caller created what they are about to approve (rules.h: is_own_work).
void refuse_own_work(const core::Principal& caller, const std::string& created_by, const std::string& what);
// 409 STQ01_READ_ONLY: a record carried over from STQ01 is shown and counted as a duplicate, never changed here.
void refuse_stq01(const std::string& source, const std::string& number);
// Moves collection `c` by `action` (its status becomes the next one) and returns the status it had; 409
// INVALID_TRANSITION "<refusal> (hiện: «status»)." with the status in the details when the action does not apply.
std::string advance_collection(store::Collection& c, Action action, const std::string& refusal);
// The refusal of approving or returning results that were not sent.
inline const std::string kNoResultsToApprove = "Đề xuất thu thập chưa có kết quả chờ phê duyệt";

}  // namespace hq::audit::detail

namespace hq::audit::detail {

// service_escalations.cpp. When proposal `p` is submitted: open an escalation for each earlier pending proposal
// of another unit that blocks it (same enterprise and year), and tell every other unit with an open item among
// `duplicates` that `p` duplicates it (a notice).
void note_submitted_proposal(soci::session& sql, const store::Proposal& p, const std::vector<Duplicate>& duplicates,
                             std::int64_t at);
// The waiver of rule 4 after an escalation (PROCEED).
std::vector<ProposalFacts> rule4_facts(soci::session& sql, const store::Proposal& p,
                                       const std::vector<ProposalFacts>& others);
// Reads the escalation setting (working days; the default when unset or unreadable).
int escalation_working_days(soci::session& sql);
// A notice to a unit.
void notify_unit(soci::session& sql, std::int64_t unit_id, const std::string& kind, const std::string& entity_type,
                 std::int64_t entity_id, const std::string& message, std::int64_t at);

// 403 unless the caller may read the items of `item`'s unit (rules.h: may_read_unit); `what` names the item
// ("Đề xuất này").
template <typename Item>
void require_readable(const core::Principal& caller, const Item& item, const std::string& department,
                      const std::string& what) {
  if (!may_read_unit(caller, item.unit_path, department))
    core::forbidden(what + " thuộc đơn vị " + item.unit_code + ", nằm ngoài phạm vi đơn vị của bạn.");
}

// The proposal `id`, or 404 PROPOSAL_NOT_FOUND.
store::Proposal proposal_or_404(soci::session& sql, std::int64_t id);

// The read of one item by an audit user: in a read transaction, the item `find(sql)` finds (or its 404), 403
// unless the caller may read its unit (require_readable; `department(sql)`: the audit department's path), then
// what `answer(sql, item)` makes of it. `what` names the item ("Đề xuất này").
template <typename Find, typename Department, typename Answer>
auto read_readable(db::Database& db, const core::Principal& caller, const std::string& what, Find find,
                   Department department, Answer answer) {
  require_audit_user(caller);
  return db.read([&](soci::session& sql) {
    const auto item = find(sql);
    require_readable(caller, item, department(sql), what);
    return answer(sql, item);
  });
}

// One page of a unit list (store::list_proposals, list_collections: `read(sql, query, total)`) for an audit
// user, over `scope(sql)`: the path prefix of the unit named or of all the caller may read.
template <typename T, typename Scope, typename Read>
Page<T> unit_page(db::Database& db, const core::Principal& caller, store::ListQuery query, Scope scope, Read read) {
  require_audit_user(caller);
  return db.read([&](soci::session& sql) {
    query.unit_path = scope(sql);
    Page<T> page;
    page.items = read(sql, query, page.total);
    return page;
  });
}

// The entry of a paper signed on `signed_on` (a decision, a conclusion): due `working_days` working days after
// it (entry_due), late when entered after that day, entered by `by` at `at`.
template <typename Paper>
void stamp_entry(Paper& paper, const core::WorkingCalendar& calendar, const core::Date& signed_on, int working_days,
                 const core::Date& today, const std::string& by, std::int64_t at) {
  paper.due_on = date_text(entry_due(calendar, signed_on, working_days));
  paper.late = date_text(today) > paper.due_on;
  paper.entered_by = by;
  paper.entered_at = at;
}

}  // namespace hq::audit::detail

namespace hq::audit {

// The names every service source uses unqualified.
using core::Error;
using core::ErrorKind;
using nlohmann::json;
using namespace detail;

}  // namespace hq::audit
