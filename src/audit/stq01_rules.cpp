#include "audit/stq01_rules.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "audit/rules.h"
#include "core/validation.h"
#include "core/text.h"

namespace hq::audit {

namespace {

std::string upper(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace

std::array<int, kStq01Columns.size()> stq01_header(const std::vector<std::string>& header) {
  std::array<int, kStq01Columns.size()> columns{};
  columns.fill(-1);
  for (std::size_t c = 0; c < header.size(); ++c) {
    const std::string name = core::fold(core::trim(header[c]));
    for (std::size_t i = 0; i < kStq01Columns.size(); ++i)
      if (columns[i] < 0 && (name == core::fold(kStq01Columns[i].heading) || name == kStq01Columns[i].key))
        columns[i] = static_cast<int>(c);
  }
  return columns;
}

std::string stq01_missing_columns(const std::array<int, kStq01Columns.size()>& columns) {
  std::string missing;
  for (std::size_t i = 0; i < kStq01Columns.size(); ++i)
    if (kStq01Columns[i].need == Stq01Need::EveryRow && columns[i] < 0)
      missing += (missing.empty() ? "«" : ", «") + std::string(kStq01Columns[i].heading) + "»";
  return missing;
}

std::optional<core::Date> parse_stq01_date(const std::string& text) {
  if (auto iso = core::parse_date(text)) return iso;
  int d = 0, m = 0, y = 0;
  char a = 0, b = 0;
  if (text.size() >= 8 && text.size() <= 10 && std::sscanf(text.c_str(), "%d%c%d%c%d", &d, &a, &m, &b, &y) == 5 &&
      a == '/' && b == '/' && y >= 1900) {
    const core::Date date{y, m, d};
    if (core::is_valid_date(date)) return date;
    return std::nullopt;
  }
  // An Excel date cell arrives as its serial day number (1900 system: day 25569 is 1970-01-01).
  if (!text.empty() && text.size() <= 5 && std::all_of(text.begin(), text.end(), ::isdigit)) {
    const long serial = std::stol(text);
    if (serial >= 36526 && serial <= 73050) return core::civil_from_days(serial - 25569);  // 2000 … 2099
  }
  return std::nullopt;
}

std::optional<std::string> parse_stq01_status(const std::string& kind, const std::string& text) {
  static const char* kProposal[] = {"SUBMITTED", "APPROVED", "REJECTED", "PAUSED", "CANCELLED"};
  static const char* kCollection[] = {"SUBMITTED", "APPROVED", "REJECTED", "PAUSED",
                                      "CANCELLED", "RESULT_SUBMITTED", "COMPLETED"};
  const std::string folded = core::fold(core::trim(text)), code = upper(core::trim(text));
  const auto match = [&](const char* status) {
    return code == status || folded == core::fold(status_name(status));
  };
  if (kind == "PROPOSAL") {
    for (const char* s : kProposal)
      if (match(s)) return std::string(s);
  } else {
    for (const char* s : kCollection)
      if (match(s)) return std::string(s);
  }
  return std::nullopt;
}

std::optional<Stq01Record> read_stq01_row(std::int64_t line, const std::vector<std::string>& cells,
                                          const std::array<int, kStq01Columns.size()>& columns, const core::Date& today,
                                          const Stq01Problem& bad) {
  const auto cell = [&](std::size_t i) {
    const int c = columns[i];
    return c >= 0 && c < static_cast<int>(cells.size()) ? core::trim(cells[c]) : std::string();
  };
  const auto heading = [](std::size_t i) { return std::string(kStq01Columns[i].heading); };
  bool ok = true;
  const auto fail = [&](std::size_t i, const std::string& message) {
    bad(heading(i), message);
    ok = false;
  };
  Stq01Record r;
  r.line = line;
  for (std::size_t i = 0; i < kStq01Columns.size(); ++i) {
    const std::string value = cell(i);
    if (!core::is_valid_utf8(value)) fail(i, "Ô không phải văn bản UTF-8 hợp lệ.");
    else if (value.size() > kMaxStq01Text) fail(i, "Nội dung dài quá " + std::to_string(kMaxStq01Text) + " ký tự.");
    else if (kStq01Columns[i].need == Stq01Need::EveryRow && value.empty()) fail(i, "Ô «" + heading(i) + "» không được để trống.");
  }
  if (!ok) return std::nullopt;
  r.number = cell(0);
  if (r.number.size() > 100) fail(0, "Số STQ01 dài quá 100 ký tự.");
  const std::string kind = core::fold(cell(1));
  if (kind == "proposal" || kind == "de xuat kiem tra" || kind == "kiem tra" || kind == "ktstq") r.kind = "PROPOSAL";
  else if (kind == "collection" || kind == "thu thap thong tin" || kind == "thu thap" || kind == "tttt") r.kind = "COLLECTION";
  else fail(1, "Loại «" + cell(1) + "» phải là «Đề xuất kiểm tra» hoặc «Thu thập thông tin».");
  if (const auto code = core::parse_tax_code(cell(2))) r.tax_code = code->canonical;
  else fail(2, core::tax_code_problem(cell(2)));
  r.name = cell(3);
  r.unit_code = upper(cell(4));
  if (const auto day = parse_stq01_date(cell(5)); !day) fail(5, "Ngày lập «" + cell(5) + "» không phải ngày hợp lệ (YYYY-MM-DD hoặc DD/MM/YYYY).");
  else if (*day > today) fail(5, "Ngày lập " + core::format_date(*day) + " sau ngày hôm nay.");
  else r.created_on = *day;
  if (!r.kind.empty()) {
    if (const auto status = parse_stq01_status(r.kind, cell(6))) r.status = *status;
    else fail(6, "Trạng thái «" + cell(6) + "» không hợp lệ cho loại này (ví dụ: chờ phê duyệt, đã phê duyệt, bị từ chối, tạm dừng, đã hủy" +
                     (r.kind == "COLLECTION" ? ", chờ duyệt kết quả, đã hoàn thành" : "") + ").");
  }
  // Cells 7–9 are the ones kStq01Columns marks as needed on proposal rows.
  static_assert(kStq01Columns[7].need == Stq01Need::Proposal && kStq01Columns[8].need == Stq01Need::Proposal &&
                kStq01Columns[9].need == Stq01Need::Proposal);
  if (r.kind == "PROPOSAL") {
    const std::string place = core::fold(cell(7));
    if (place == "premises" || place.find("nguoi khai") != std::string::npos) r.place = "PREMISES";
    else if (place == "office" || place.find("co quan hai quan") != std::string::npos) r.place = "OFFICE";
    else fail(7, cell(7).empty() ? "Đề xuất kiểm tra phải có nơi kiểm tra."
                                 : "Nơi kiểm tra «" + cell(7) + "» phải là «trụ sở người khai hải quan» hoặc «trụ sở cơ quan hải quan».");
    const auto from = parse_stq01_date(cell(8)), to = parse_stq01_date(cell(9));
    if (!from) fail(8, cell(8).empty() ? "Đề xuất kiểm tra phải có kỳ kiểm tra (từ ngày)." : "Ngày «" + cell(8) + "» không hợp lệ.");
    if (!to) fail(9, cell(9).empty() ? "Đề xuất kiểm tra phải có kỳ kiểm tra (đến ngày)." : "Ngày «" + cell(9) + "» không hợp lệ.");
    if (from && to) {
      if (*to < *from) fail(9, "Kỳ kiểm tra kết thúc (" + core::format_date(*to) + ") trước ngày bắt đầu (" + core::format_date(*from) + ").");
      r.period_from = *from, r.period_to = *to;
    }
  }
  r.grounds = cell(10);
  r.proposed_by = cell(11);
  if (!ok) return std::nullopt;
  return r;
}

bool may_import_stq01(const core::Principal& p) { return p.is_platform_admin() || p.has_role("unit.admin"); }

bool may_import_stq01_for(const core::Principal& p, const std::string& unit_path) {
  return p.is_platform_admin() || (p.has_role("unit.admin") && p.sees_unit(unit_path));
}

}  // namespace hq::audit
