#pragma once
// Pure rules of the agencies' part of a stored study (seed §B.II.2.2): the agencies and their ministries,
// which record blocks name an agency, the agencies' returned times per registration and the border guard's
// checks per vehicle and voyage (interval 4.2) — their cells checked as the customs' import checks its cells
// (every bad cell named) — and how returned data enter the records the report reads. No SQL, no HTTP.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/principal.h"
#include "trs/engine/record.h"
#include "trs/study/study_rules.h"

namespace hq::trs {

struct Agency {
  std::string code, name, ministry_code, ministry_name;
  std::string kind = "SCI";           // SCI | BORDER_GUARD
  std::vector<std::string> aliases;   // other spellings in the records' blocks
  // The window its sample is taken in (seed §B.II.3): AGENCY = from one to two working weeks before the week to
  // its end (the specialised-inspection agencies); WEEK = the week itself (the border guard, the health quarantine).
  std::string sampling_window = "AGENCY";
  bool border_guard() const { return kind == "BORDER_GUARD"; }
  bool samples_the_week() const { return sampling_window == "WEEK"; }
};

// True when a record block's agency name is this agency (name or an alias, without case and diacritics).
bool names_agency(const Agency& agency, std::string_view block_name);
// The agency a block name stands for, or nullptr.
const Agency* agency_named(const std::vector<Agency>& agencies, std::string_view block_name);

// One agency's returned times for one registration (declaration).
struct AgencyReturn {
  std::int64_t declaration_key = 0;
  std::string declaration_no, registration_no, result_no;
  std::optional<std::int64_t> registered_at, sampling_at, result_at, handed_over_at;
  std::int64_t line = 0;  // line of the imported file (0 = form entry)
  std::string updated_by;
  std::int64_t updated_at = 0;
};

// The border guard's check of one means of transport.
struct BorderCheck {
  std::string vehicle, voyage;  // transport_key() form
  std::optional<std::int64_t> check_start_at, check_end_at;
  std::int64_t line = 0;
  std::string updated_by;
  std::int64_t updated_at = 0;
};
// Matching form of a vehicle or voyage: diacritics dropped, upper case, single spaces ("Tàu  Wan hai" → "TAU WAN HAI").
std::string transport_key(std::string_view text);

// Columns of the returned-data file and form (declaration_no required) and of the border guard's.
inline const std::vector<std::string> kReturnColumns = {"declaration_no", "registration_no", "result_no",
                                                        "registered_at", "sampling_at", "result_at", "handed_over_at"};
inline const std::vector<std::string> kBorderColumns = {"vehicle", "voyage", "check_start_at", "check_end_at"};

// Decodes one row or form (column → text; "" = not recorded). Problems name the column, the value and why;
// `line` is 0 for a form. Times as in the records (YYYY-MM-DD HH:MM[:SS], DD/MM/YYYY …, ISO-8601 with an offset);
// a later milestone before an earlier one is a bad cell (the agency's own times).
struct ReturnDecode {
  AgencyReturn value;
  std::vector<CellProblem> problems;
};
ReturnDecode decode_return(const std::map<std::string, std::string>& cells, std::size_t line);
struct BorderDecode {
  BorderCheck value;
  std::vector<CellProblem> problems;
};
BorderDecode decode_border_check(const std::map<std::string, std::string>& cells, std::size_t line);

// Reads an upload (CSV UTF-8 with a header row, or the first sheet of an .xlsx) row by row as column → text.
// The header must hold only `columns` (any order) and `required`; otherwise core::Error BadInput naming the
// column. Blank rows are skipped.
void read_table(std::string_view bytes, const std::vector<std::string>& columns, const std::string& required,
                const std::function<void(std::size_t line, const std::map<std::string, std::string>& cells)>& visit);

// Returned data entering the records the report reads: an agency's times replace those of the record's block
// that names it (registration (a), sampling (d), result (e) — for the quality block its notification (d) —
// and hand-over to customs (h) / (f)); a block that names an agency gets the agency's official name, so the
// report's agency rows follow the agency table; a border check whose vehicle (and voyage) match the record's
// `transport` sets border_check_start_at / _end_at.
class ReturnsOverlay {
 public:
  ReturnsOverlay() = default;
  ReturnsOverlay(std::vector<Agency> agencies, std::map<std::string, std::map<std::int64_t, AgencyReturn>> returns,
                 std::vector<BorderCheck> checks);
  ReturnsOverlay(const ReturnsOverlay&) = delete;  // holds pointers into its own checks
  ReturnsOverlay& operator=(const ReturnsOverlay&) = delete;
  ReturnsOverlay(ReturnsOverlay&&) = default;
  ReturnsOverlay& operator=(ReturnsOverlay&&) = default;
  void apply(Record& r) const;
  bool empty() const { return agencies_.empty(); }
  // Official agency name → ministry name, for the report's per-ministry rows.
  std::map<std::string, std::string> ministries() const;
  // The border guard's official name (the agency of kind BORDER_GUARD; "" when the table has none): the
  // report's agency row of interval 4.2.
  std::string border_guard_name() const;
  // The official names of the agencies whose sample is the week itself (AnalysisSettings::week_window_agencies).
  std::set<std::string> week_window_names() const;

 private:
  std::vector<Agency> agencies_;
  std::map<std::string, std::map<std::int64_t, AgencyReturn>> returns_;  // agency code → declaration key → data
  std::map<std::string, const BorderCheck*> by_transport_;                 // "VEHICLE VOYAGE" and "VEHICLE" (unique)
  std::vector<BorderCheck> checks_;
};

// Rights: the role trs.agency enters and imports its own agency's data for the studies it is a member of.
bool is_agency_user(const core::Principal& caller);

}  // namespace hq::trs
