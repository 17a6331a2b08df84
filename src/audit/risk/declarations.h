#pragma once
// The declarations extract (spec risk-selection.md, "Data"): one row per declaration line as VNACCS exports
// it. Pure: the column table, the cell checks (Vietnamese messages naming the row and column) and a
// streaming RFC 4180 splitter. No SQL, no HTTP.
#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace hq::audit::risk {

enum Flow : std::uint8_t { kImport = 0, kExport = 1 };                 // NK, XK
enum Channel : std::uint8_t { kGreen = 0, kYellow = 1, kRed = 2 };     // luồng xanh, vàng, đỏ

struct DeclarationLine {
  std::int64_t declaration_no = 0;  // the 12 digits as a number (formatted back with 12 digits)
  std::int64_t line = 0;            // 1 … 999
  std::int64_t registered_at = 0;   // UTC seconds
  std::string tax_code;             // canonical
  std::uint8_t flow = kImport;
  std::string type_code, office_code, hs_code, origin_country;
  std::int64_t customs_value = 0, duty = 0, vat = 0;  // đồng
  std::uint8_t preferential = 0, channel = kGreen;
  std::int64_t amendments = 0;
};

inline constexpr std::size_t kColumnCount = 15;
inline constexpr std::array<const char*, kColumnCount> kColumns = {
    "declaration_no", "line",    "registered_at",     "tax_code", "flow",    "type_code",    "office_code", "hs_code",
    "origin_country", "customs_value_vnd", "duty_vnd", "vat_vnd", "preferential", "channel", "amendments"};
inline constexpr std::int64_t kMaxMoney = 1'000'000'000'000'000;  // 10^18 đồng: no overflow when summed per line
inline constexpr std::int64_t kMaxLine = 999;
inline constexpr std::int64_t kMaxAmendments = 999;

std::string format_declaration_no(std::int64_t number);  // 12 digits
const char* flow_code(std::uint8_t flow);                // NK | XK
const char* channel_code(std::uint8_t channel);          // GREEN | YELLOW | RED

// A bad cell: the file row (the header is row 1), the column and what is wrong, in Vietnamese.
struct CellIssue {
  std::int64_t row = 0;
  std::string column, value, message;
};

// Decodes rows by the header's column names (any order, extra columns ignored, names case-insensitive).
class LineDecoder {
 public:
  // Throws core::Error BadInput "INVALID_HEADER" naming the missing columns.
  explicit LineDecoder(const std::vector<std::string_view>& header);
  // Fills `out`; false (and every bad cell appended to `issues`) when a cell is wrong.
  bool decode(std::int64_t row, const std::vector<std::string_view>& cells, DeclarationLine& out,
              std::vector<CellIssue>& issues) const;

 private:
  std::array<std::size_t, kColumnCount> index_{};
};

// Splits CSV text (',' or ';' as the header uses; quotes, doubled quotes, CRLF or LF; a UTF-8 BOM skipped)
// record by record; `visit(row, cells)` gets the file row number of the record's first line (the header is
// row 1). The cells are valid during the call only. Empty lines are skipped.
using CsvVisitor = std::function<void(std::int64_t row, const std::vector<std::string_view>& cells)>;
// `progress(bytes read)` is called every 65,536 records.
void each_csv_record(std::string_view text, const CsvVisitor& visit,
                     const std::function<void(std::size_t)>& progress = {});

// Orders a batch of lines by (declaration_no, line), the table's key, so the writer fills the B-tree from left
// to right (and PostgreSQL can COPY straight into the table while keys rise). Stable: a key repeated in the
// batch keeps the file's order, so the last one still wins. Already ordered (the usual extract): one pass.
void order_by_key(std::vector<DeclarationLine>& lines);

// "YYYY-MM-DD", "YYYY-MM-DD HH:MM[:SS]" (Vietnam local) or ISO 8601 with an offset → UTC seconds.
bool parse_registered_at(std::string_view text, std::int64_t& out);

}  // namespace hq::audit::risk
