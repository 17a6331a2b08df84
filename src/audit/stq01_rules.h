#pragma once
// The STQ01 carry-over file (seed 000, letter 7301/TCHQ-KTSTQ; issue 13 §3): audit proposals and information
// collection requests made in STQ01, imported so that STQ02's duplicate search covers both systems during the
// transition. Pure: the one column layout, reading one row of it, and who may import. No SQL, no HTTP.
//
// One layout for both kinds (header row in Vietnamese; the English key is accepted too; order free):
//   Số STQ01 (number)*, Loại (kind)* — "Đề xuất kiểm tra" | "Thu thập thông tin" (PROPOSAL | COLLECTION),
//   Mã số thuế (tax_code)*, Tên doanh nghiệp (name), Đơn vị (unit)* — unit code, Ngày lập (created_on)*,
//   Trạng thái (status)* — chờ phê duyệt | đã phê duyệt | bị từ chối | tạm dừng | đã hủy (collections also
//   chờ duyệt kết quả | đã hoàn thành) or the code, Nơi kiểm tra (place; proposals*) — "trụ sở người khai
//   hải quan" | "trụ sở cơ quan hải quan" (PREMISES | OFFICE), Kỳ kiểm tra từ (period_from; proposals*),
//   Kỳ kiểm tra đến (period_to; proposals*), Căn cứ, nội dung (grounds), Người lập (proposed_by).
// Dates: YYYY-MM-DD, DD/MM/YYYY, or an Excel date cell. (* = required.)
#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/principal.h"
#include "core/time.h"

namespace hq::audit {

// Whether a column's cell must be filled: on every row, on proposal rows only (the place and the period of an audit
// proposal; read_stq01_row checks them), or never.
enum class Stq01Need { EveryRow, Proposal, None };
struct Stq01Column {
  const char* key;       // English key
  const char* heading;   // Vietnamese heading (as in the template)
  Stq01Need need;
};
inline constexpr std::array<Stq01Column, 12> kStq01Columns = {{
    {"number", "Số STQ01", Stq01Need::EveryRow},
    {"kind", "Loại", Stq01Need::EveryRow},
    {"tax_code", "Mã số thuế", Stq01Need::EveryRow},
    {"name", "Tên doanh nghiệp", Stq01Need::None},
    {"unit", "Đơn vị", Stq01Need::EveryRow},
    {"created_on", "Ngày lập", Stq01Need::EveryRow},
    {"status", "Trạng thái", Stq01Need::EveryRow},
    {"place", "Nơi kiểm tra", Stq01Need::Proposal},
    {"period_from", "Kỳ kiểm tra từ", Stq01Need::Proposal},
    {"period_to", "Kỳ kiểm tra đến", Stq01Need::Proposal},
    {"grounds", "Căn cứ, nội dung", Stq01Need::None},
    {"proposed_by", "Người lập", Stq01Need::None},
}};
inline constexpr std::int64_t kMaxStq01Rows = 200'000;
inline constexpr std::size_t kMaxStq01Text = 2000;

// The column index of each entry of kStq01Columns in a header row (-1 when absent), matched on folded text
// (case and diacritics ignored) against the heading or the key.
std::array<int, kStq01Columns.size()> stq01_header(const std::vector<std::string>& header);
// The headings of required columns missing from a header ("" when none is missing).
std::string stq01_missing_columns(const std::array<int, kStq01Columns.size()>& columns);

// One row as read, before the enterprise and the unit are looked up.
struct Stq01Record {
  std::int64_t line = 0;
  std::string number, kind, tax_code, name, unit_code, status, place, grounds, proposed_by;  // kind PROPOSAL|COLLECTION
  core::Date created_on, period_from, period_to;
};
// Reads a data row; each bad cell is reported through `bad(column heading, message)`. nullopt when any was bad.
using Stq01Problem = std::function<void(const std::string& heading, const std::string& message)>;
std::optional<Stq01Record> read_stq01_row(std::int64_t line, const std::vector<std::string>& cells,
                                          const std::array<int, kStq01Columns.size()>& columns, const core::Date& today,
                                          const Stq01Problem& bad);

// A date cell: YYYY-MM-DD, DD/MM/YYYY or an Excel serial day number.
std::optional<core::Date> parse_stq01_date(const std::string& text);
// A status cell for this kind: the code or its Vietnamese name (status_name), folded.
std::optional<std::string> parse_stq01_status(const std::string& kind, const std::string& text);

// Who imports: a platform administrator (the General Department), or a unit administrator for the units of its
// subtree (a Cục for its own units only).
bool may_import_stq01(const core::Principal& p);
bool may_import_stq01_for(const core::Principal& p, const std::string& unit_path);

}  // namespace hq::audit
