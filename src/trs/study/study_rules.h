#pragma once
// Pure rules of a stored study (phase 2): the study's settings and their checks, the follow-up limit on the
// platform's working-day calendar, the compact text form a record is stored in, form-entry decoding through
// the engine's column table, the warnings shown while a record is typed, and the summary of a correction.
// No SQL, no HTTP: study_store / study_service / study_routes build on this.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/calendar.h"
#include "trs/engine/csv_reader.h"
#include "trs/engine/report.h"

namespace hq::trs {

struct StudyBranch {
  std::string code;   // VNACCS office code of the chi cục, e.g. 02CI
  std::string route;  // SEA | AIR | ROAD
  SamplingRule sampling_rule = SamplingRule::FullWeek;  // interval (3) sampling (set from the route by default)
  bool operator==(const StudyBranch&) const = default;
};

// A study's settings (tuần đo, chi cục tham gia, loại hình loại trừ, hạn theo dõi).
struct StudyConfig {
  std::string name;
  int year = 0;
  core::Date week_start;  // a Monday; the week runs Mon 00:00 – Sat 24:00 local
  std::vector<StudyBranch> branches;
  std::vector<std::string> excluded_type_codes;
  std::vector<std::string> world_bank_branches = kDefaultWorldBankBranches;
  int follow_up_days = 30;  // working days after the week's Saturday (platform calendar)
  // A study shorter than the week (the seed's half-day pilot, §III.2.2): only declarations registered in
  // [period_start, period_end) are the sample; either may be left out (= the week's start / end). Both lie
  // inside the week. The follow-up limit still counts from the week's Saturday.
  std::optional<UnixSeconds> period_start, period_end;
  // The specialised-inspection agencies collect from this many working weeks (1 or 2) before the week to
  // its end (seed §B.II.2.2).
  int agency_weeks_before = 1;
};
// The agencies' sampling window: [Monday `agency_weeks_before` weeks before the week, Saturday of the week].
core::Date agency_window_start(const StudyConfig& study);
core::Date agency_window_end(const StudyConfig& study);
// The sample's first and last instant: the period when set, else Monday 00:00 – Saturday 24:00 local.
UnixSeconds sample_begin(const StudyConfig& study);
UnixSeconds sample_end(const StudyConfig& study);

// Throws core::Error(BadInput, "INVALID_FIELD", …, {"field": …}) naming the first bad setting.
void check_study(const StudyConfig& study);

// End (24:00 local) of the `days`-th working day after the week's Saturday on the platform calendar.
UnixSeconds follow_up_limit(const core::WorkingCalendar& calendar, const core::Date& week_start, int days);

// The engine's settings for a stored study; `branches` = the participating branches the caller may see.
AnalysisSettings analysis_settings(const StudyConfig& study, UnixSeconds limit, std::vector<std::string> branches);

// ---- compact stored form (cells_format 1) ----
// The columns of columns() in order, separated by '\t', trailing empty cells dropped. Time = UTC seconds,
// Enum = index into its names, YesNo = Y/N, List = decimal bit set, Text escaped (\\, \t, \n, \r).
inline constexpr int kCellsFormat = 1;
std::string encode_cells(const Record& r);
// Decodes into `out` (every column is overwritten; meta untouched). False when the text is malformed.
bool decode_cells(std::string_view cells, Record& out);

// ---- form entry ----
// One bad cell: the column, the value given and the Vietnamese reason.
struct CellProblem {
  std::size_t line = 0;  // imports: the line of the file (0 for form entry)
  std::string column, value, message, declaration_no, source;
};
// As the API shows them (error details of 422 answers, the check of a form).
nlohmann::json problems_json(const std::vector<CellProblem>& problems);

// Decodes a form's cells (column name → text as in the CSV; missing = not recorded) through the engine's
// RowDecoder. Problems: unknown columns, invalid values and missing required cells (flow, declaration_no,
// branch_code).
struct FormDecode {
  Record record;
  std::vector<CellProblem> problems;
};
FormDecode decode_form(const std::map<std::string, std::string>& cells);
// The record's cells as text (column → canonical text), non-empty cells only.
std::map<std::string, std::string> record_cells(const Record& r);

// Warnings while typing (none stops a save): NEGATIVE_INTERVAL (an end before its start), OUT_OF_ORDER,
// MISSING_MILESTONE (e.g. red channel without inspection times), AFTER_FOLLOW_UP_LIMIT.
std::vector<Issue> record_warnings(const Record& r, std::optional<UnixSeconds> follow_up_limit);
// Whether the record still lacks a core milestone once milestones after the limit are cleared.
bool incomplete_at(const Record& r, std::optional<UnixSeconds> follow_up_limit,
                   std::vector<std::string_view>* missing = nullptr);

// "released_at: 2025-06-17 10:00:00 → 2025-06-17 11:00:00; channel: (trống) → RED" (empty = no change).
std::string change_summary(const Record& before, const Record& after, std::size_t max_length = 900);

// Import/entry checks beyond the engine's cell rules: a row is storable only with a valid flow, a 12-digit
// declaration number and a branch code the study lists (and the caller may enter). "" when fine.
std::string storable_problem(const Record& r, std::string& column);

// Reads a whole upload held in memory: .xlsx (zip signature) or the wide CSV; with `events`, `bytes` is the
// long format's header file and `events` the event log.
void read_records_bytes(std::string_view bytes, std::optional<std::string_view> events, RecordSink& sink);

}  // namespace hq::trs

#include "core/principal.h"

namespace hq::trs {

// Who may do what (roles trs.analyst / trs.officer; platform.admin may do everything).
// Setting studies up is for analysts at the General Department (Tổng cục) and platform administrators.
bool may_manage_studies(const core::Principal& caller);
// Any trs user: reads study settings, and enters/reads the records of the branches it sees.
bool is_trs_user(const core::Principal& caller);
// Analysts at the General Department and platform administrators see every branch; everyone else sees the
// branches whose unit lies in their own unit's subtree (a branch officer: its own chi cục).
bool sees_every_branch(const core::Principal& caller);

}  // namespace hq::trs
