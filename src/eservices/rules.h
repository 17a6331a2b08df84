#pragma once
// Pure rules of the online public services (HQ36a): who may do what, the dossier's states and steps,
// the reception time (art. 7.5), the promised date and the remaining working time with pauses.
// No SQL, no HTTP.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "core/principal.h"

namespace hq::eservices {

using core::UnixSeconds;

inline constexpr const char* kOfficer = "eservices.officer";
inline constexpr const char* kDeptLeader = "eservices.dept_leader";
inline constexpr const char* kUnitLeader = "eservices.unit_leader";
inline constexpr const char* kHelpdesk = "eservices.helpdesk";

bool is_staff(const core::Principal& p);  // any eservices role (or platform.admin)
bool is_leader(const core::Principal& p);
// The unit subtree (path prefix) whose dossiers an officer sees: their own unit's, and for a member of a
// Đội/Phòng (level DOI) the unit it belongs to, which receives the dossiers (art. 3.6). "/" for platform.admin.
std::string scope_path(const core::Principal& p);
bool in_scope(const core::Principal& p, const std::string& unit_path);

// Dossier states.
inline constexpr const char* kReceived = "RECEIVED";            // waiting for assignment (leader or pool)
inline constexpr const char* kProcessing = "PROCESSING";        // an officer processes it
inline constexpr const char* kSupplement = "SUPPLEMENT_REQUESTED";  // clock paused until the applicant answers
inline constexpr const char* kPendingDept = "PENDING_DEPT";     // proposal at the department leader
inline constexpr const char* kPendingUnit = "PENDING_UNIT";     // proposal at the unit leader
inline constexpr const char* kApproved = "APPROVED";            // result approved, fee / result to follow
inline constexpr const char* kFeeDue = "FEE_DUE";
inline constexpr const char* kPaid = "PAID";
inline constexpr const char* kDone = "DONE";                    // result issued
inline constexpr const char* kRefused = "REFUSED";
const std::vector<std::string>& all_statuses();
bool is_closed(const std::string& status);
std::string status_label(const std::string& status);  // Vietnamese

// Who holds a dossier waiting for assignment.
inline constexpr const char* kHolderUnitLeader = "UNIT_LEADER";
inline constexpr const char* kHolderDeptLeader = "DEPT_LEADER";
inline constexpr const char* kHolderOfficer = "OFFICER";

// Art. 8: 1 system → unit leader → dept leader → officer; 2 unit leader → officer; 3 dept leader → officer;
// 4 system → officer (round robin, fewest open first); 5 officers claim from the pool.
bool valid_mode(int mode);
std::string first_holder(int mode);                           // holder right after reception
std::string next_holder(int mode, const std::string& holder);  // whom `holder` assigns to
std::string role_of_holder(const std::string& holder);         // the eservices role a holder needs
// Where an officer's proposal goes: modes 2 → the unit leader directly, others → the department leader.
std::string proposal_status(int mode);

// Mode 4: the configured officer with the fewest open dossiers (ties: the first in the configured order).
std::string round_robin(const std::vector<std::string>& officers, const std::vector<std::int64_t>& open_counts);

// Art. 7.5: stored within working hours → that moment; outside → the first working moment after it.
UnixSeconds reception_time(const core::WorkingCalendar& calendar, UnixSeconds stored_at);
// Promised date: reception + the procedure's working days, at the same working time of day.
UnixSeconds due_time(const core::WorkingCalendar& calendar, UnixSeconds received_at, std::int64_t days);
// `t` moved forward by `seconds` of working time (the due date after a pause).
UnixSeconds add_working_seconds(const core::WorkingCalendar& calendar, UnixSeconds t, std::int64_t seconds);
// Working seconds from `at` to the due date (negative when overdue); a paused dossier counts from the pause.
std::int64_t remaining_seconds(const core::WorkingCalendar& calendar, UnixSeconds due_at, UnixSeconds now,
                               std::optional<UnixSeconds> paused_at);
// "còn 2 ngày 3 giờ" / "quá hạn 1 ngày 4 giờ" (a working day = the calendar's working seconds per day).
std::string remaining_label(const core::WorkingCalendar& calendar, std::int64_t seconds);

// Dossier and result numbers: "<unit>-<yyyy>-<000123>" / "KQ-<yyyy>-<000123>".
std::string dossier_number(const std::string& unit_code, UnixSeconds received_at, std::int64_t id);
std::string result_number(UnixSeconds issued_at, std::int64_t id);

// Applicants: a tax code of 10 digits or 10 digits, '-', 3 digits (branch); an identity number of 12 digits
// (CCCD) or 9 (old CMND).
bool valid_tax_code(const std::string& text);
bool valid_id_number(const std::string& text);

}  // namespace hq::eservices
