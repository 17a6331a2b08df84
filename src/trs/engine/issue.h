#pragma once
// A data-quality finding about one row: bad cells found by the readers, negative intervals, out-of-order
// milestones… Issues never stop an analysis; only an unreadable file does (core::Error).
#include <cstddef>
#include <string>

namespace hq::trs {

// Issue codes (stable: outside checks and the web page key on them).
inline constexpr const char* kInvalidValue = "INVALID_VALUE";            // a cell failed validation → read as empty
inline constexpr const char* kBadRow = "BAD_ROW";                        // row cannot be split into the header's columns
inline constexpr const char* kMissingRequired = "MISSING_REQUIRED";      // flow / declaration_no empty
inline constexpr const char* kDuplicateDeclaration = "DUPLICATE_DECLARATION";
inline constexpr const char* kNegativeInterval = "NEGATIVE_INTERVAL";    // that interval is left out
inline constexpr const char* kOutOfOrder = "OUT_OF_ORDER";              // milestones in an impossible order
inline constexpr const char* kMissingMilestone = "MISSING_MILESTONE";    // a milestone the channel requires is empty
inline constexpr const char* kAfterFollowUp = "AFTER_FOLLOW_UP_LIMIT";   // milestone later than the study's limit
inline constexpr const char* kUnknownDeclaration = "UNKNOWN_DECLARATION";  // long format: event for no header row
inline constexpr const char* kDuplicateEvent = "DUPLICATE_EVENT";          // long format: conflicting event times

struct Issue {
  std::size_t line = 0;        // 1-based line of the row (header = line 1)
  std::string declaration_no;  // as written in the row (may be invalid or empty)
  std::string code;
  std::string message;   // Vietnamese, names line, column and value where there are some
  std::string column;    // optional: the column concerned
  std::string value;     // optional: the offending cell text
  std::string interval;  // optional: the interval concerned (NEGATIVE_INTERVAL)
  std::string source;    // optional: "events" when the line is in the long format's events file
  bool operator==(const Issue&) const = default;
};

}  // namespace hq::trs
