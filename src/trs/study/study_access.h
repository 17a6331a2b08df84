#pragma once
// What the stored study's use cases share (study_service.cpp, study_import.cpp, study_report.cpp): loading a
// study, the caller's rights and branch scope, the follow-up limit, the errors of a write. Internal to src/trs/study.
#include <cstdint>
#include <string>
#include <vector>

#include "core/principal.h"
#include "history/history_store.h"
#include "trs/engine/record.h"
#include "trs/study/study_store.h"

namespace hq::trs::study_detail {

// 403 unless the caller has a trs role.
void require_user(const core::Principal& caller);
// 404 when the study does not exist.
store::Study load_study(soci::session& sql, std::int64_t id);
std::vector<std::string> branch_codes(const store::Study& s);
// The study's branches the caller sees (nullopt = every one: the system, the General Department, the admin).
store::BranchFilter scope(soci::session& sql, const core::Principal* caller, const store::Study& s);
bool in_scope(const store::BranchFilter& filter, const std::string& code);
// The follow-up limit on the platform calendar.
UnixSeconds limit_of(soci::session& sql, const store::Study& s);
// Why `r` may not be stored in this study by this caller ("" when it may); the column is branch_code.
std::string branch_problem(const store::Study& s, const store::BranchFilter& filter, const Record& r);
// A declaration already stored under a branch the caller may not edit: neither an import nor the form may
// replace it (that would hand another branch's record over, or falsify it). The branch is not named.
std::string held_elsewhere(const std::string& declaration_no);
// The loser of a concurrent write: between our check and our upsert another branch stored the same key (409).
[[noreturn]] void taken_meanwhile();
// The history entry of the caller, or of the system for the command line (caller nullptr).
void append_history(soci::session& sql, const core::Principal* caller, const history::Change& change);

}  // namespace hq::trs::study_detail
