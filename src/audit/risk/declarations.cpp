#include "audit/risk/declarations.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <deque>

#include "core/error.h"
#include "core/time.h"
#include "core/validation.h"

namespace hq::audit::risk {

namespace {

enum Column : std::size_t {
  kDeclarationNo, kLine, kRegisteredAt, kTaxCode, kFlow, kTypeCode, kOfficeCode, kHsCode, kOrigin, kValue, kDuty,
  kVat, kPreferential, kChannel, kAmendments
};

// Vietnamese names of the columns, for messages.
constexpr std::array<const char*, kColumnCount> kColumnNames = {
    "số tờ khai", "số dòng hàng", "ngày đăng ký", "mã số thuế", "luồng XNK (NK/XK)", "mã loại hình", "mã chi cục",
    "mã HS", "nước xuất xứ", "trị giá hải quan", "thuế nhập khẩu/xuất khẩu", "thuế GTGT", "ưu đãi xuất xứ (Y/N)",
    "phân luồng", "số lần sửa đổi"};

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool whole(std::string_view s, std::int64_t min, std::int64_t max, std::int64_t& out) {
  if (s.empty() || s.size() > 19) return false;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size() && out >= min && out <= max;
}

bool equals_upper(std::string_view s, std::string_view upper) {
  if (s.size() != upper.size()) return false;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (std::toupper(static_cast<unsigned char>(s[i])) != upper[i]) return false;
  return true;
}

int two(std::string_view s, std::size_t at) {
  if (at + 2 > s.size() || !std::isdigit(static_cast<unsigned char>(s[at])) ||
      !std::isdigit(static_cast<unsigned char>(s[at + 1])))
    return -1;
  return (s[at] - '0') * 10 + (s[at + 1] - '0');
}

}  // namespace

std::string format_declaration_no(std::int64_t number) {
  char text[24];
  std::snprintf(text, sizeof text, "%012lld", static_cast<long long>(number));
  return text;
}

const char* flow_code(std::uint8_t flow) { return flow == kExport ? "XK" : "NK"; }
const char* channel_code(std::uint8_t channel) {
  return channel == kRed ? "RED" : channel == kYellow ? "YELLOW" : "GREEN";
}

bool parse_registered_at(std::string_view text, std::int64_t& out) {
  if (text.size() > 10 && (text[10] == 'T') ) {
    const auto t = core::parse_iso8601(text);
    if (!t) return false;
    out = *t;
    return true;
  }
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') return false;
  std::int64_t year = 0;
  if (!whole(text.substr(0, 4), 1900, 2199, year)) return false;
  core::LocalDateTime local;
  local.date = {static_cast<int>(year), two(text, 5), two(text, 8)};
  if (!core::is_valid_date(local.date)) return false;
  if (text.size() > 10) {
    if (text[10] != ' ' || text.size() < 16 || text[13] != ':') return false;
    local.hour = two(text, 11), local.minute = two(text, 14);
    if (text.size() == 19 && text[16] == ':') local.second = two(text, 17);
    else if (text.size() != 16) return false;
    if (local.hour < 0 || local.hour > 23 || local.minute < 0 || local.minute > 59 || local.second < 0 ||
        local.second > 59)
      return false;
  }
  out = core::from_local(local);
  return true;
}

void order_by_key(std::vector<DeclarationLine>& lines) {
  const auto before = [](const DeclarationLine& a, const DeclarationLine& b) {
    return a.declaration_no != b.declaration_no ? a.declaration_no < b.declaration_no : a.line < b.line;
  };
  if (!std::is_sorted(lines.begin(), lines.end(), before)) std::stable_sort(lines.begin(), lines.end(), before);
}

LineDecoder::LineDecoder(const std::vector<std::string_view>& header) {
  std::vector<std::string> names;
  for (auto h : header) {
    std::string name(trimmed(h));
    if (name.rfind("\xEF\xBB\xBF", 0) == 0) name.erase(0, 3);
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    names.push_back(name);
  }
  std::vector<std::string> missing;
  for (std::size_t c = 0; c < kColumnCount; ++c) {
    const auto it = std::find(names.begin(), names.end(), kColumns[c]);
    if (it == names.end()) missing.push_back(kColumns[c]);
    else index_[c] = static_cast<std::size_t>(it - names.begin());
  }
  if (!missing.empty()) {
    std::string list;
    for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
    core::bad_input("INVALID_HEADER",
                    "Dòng tiêu đề thiếu cột: " + list + ". Tệp trích xuất tờ khai cần đủ 15 cột: declaration_no, "
                    "line, registered_at, tax_code, flow, type_code, office_code, hs_code, origin_country, "
                    "customs_value_vnd, duty_vnd, vat_vnd, preferential, channel, amendments.",
                    {{"missing", missing}});
  }
}

bool LineDecoder::decode(std::int64_t row, const std::vector<std::string_view>& cells, DeclarationLine& out,
                         std::vector<CellIssue>& issues) const {
  bool ok = true;
  const auto cell = [&](std::size_t c) -> std::string_view {
    return index_[c] < cells.size() ? trimmed(cells[index_[c]]) : std::string_view();
  };
  const auto bad = [&](std::size_t c, const std::string& why) {
    ok = false;
    std::string value(cell(c).substr(0, 100));
    issues.push_back({row, kColumns[c],
                      value,
                      "Dòng " + std::to_string(row) + ", cột " + kColumns[c] + " (" + kColumnNames[c] + "): " +
                          (value.empty() ? std::string("ô trống") : "«" + value + "»") + " — " + why});
  };
  std::string_view v = cell(kDeclarationNo);
  if (!core::is_declaration_number(v) || !whole(v, 0, 999'999'999'999, out.declaration_no))
    bad(kDeclarationNo, "số tờ khai phải gồm đúng 12 chữ số.");
  if (!whole(cell(kLine), 1, kMaxLine, out.line)) bad(kLine, "số dòng hàng là số nguyên từ 1 đến 999.");
  if (!parse_registered_at(cell(kRegisteredAt), out.registered_at))
    bad(kRegisteredAt, "ngày đăng ký viết YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] hoặc ISO 8601 có múi giờ.");
  v = cell(kTaxCode);
  if (auto code = core::parse_tax_code(v)) out.tax_code = std::move(code->canonical);
  else bad(kTaxCode, v.empty() ? std::string("cần mã số thuế của doanh nghiệp.") : core::tax_code_problem(v));
  v = cell(kFlow);
  if (equals_upper(v, "NK")) out.flow = kImport;
  else if (equals_upper(v, "XK")) out.flow = kExport;
  else bad(kFlow, "chỉ nhận NK (nhập khẩu) hoặc XK (xuất khẩu).");
  v = cell(kTypeCode);
  if (v.size() == 3 && std::isalpha(static_cast<unsigned char>(v[0])) &&
      std::all_of(v.begin(), v.end(), [](unsigned char c) { return std::isalnum(c); })) {
    out.type_code.assign(v);
    for (auto& c : out.type_code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  } else {
    bad(kTypeCode, "mã loại hình VNACCS gồm 3 ký tự, bắt đầu bằng chữ (ví dụ A11, E31).");
  }
  v = cell(kOfficeCode);
  if (core::is_unit_code(v)) out.office_code.assign(v);
  else bad(kOfficeCode, "mã chi cục gồm 2–6 chữ in hoa hoặc chữ số (ví dụ 02CI).");
  v = cell(kHsCode);
  if (auto hs = core::parse_hs_code(v)) out.hs_code = std::move(*hs);
  else bad(kHsCode, "mã HS gồm 4, 6, 8 hoặc 10 chữ số, chương 01–99.");
  v = cell(kOrigin);
  if (v.size() == 2 && std::isalpha(static_cast<unsigned char>(v[0])) && std::isalpha(static_cast<unsigned char>(v[1]))) {
    out.origin_country = {static_cast<char>(std::toupper(static_cast<unsigned char>(v[0]))),
                          static_cast<char>(std::toupper(static_cast<unsigned char>(v[1])))};
  } else {
    bad(kOrigin, "nước xuất xứ là mã ISO 3166 gồm 2 chữ cái (ví dụ CN, JP).");
  }
  if (!whole(cell(kValue), 0, kMaxMoney, out.customs_value))
    bad(kValue, "trị giá là số nguyên đồng, không âm, không có dấu phân cách.");
  if (!whole(cell(kDuty), 0, kMaxMoney, out.duty)) bad(kDuty, "số thuế là số nguyên đồng, không âm.");
  if (!whole(cell(kVat), 0, kMaxMoney, out.vat)) bad(kVat, "số thuế GTGT là số nguyên đồng, không âm.");
  v = cell(kPreferential);
  if (equals_upper(v, "Y")) out.preferential = 1;
  else if (equals_upper(v, "N")) out.preferential = 0;
  else bad(kPreferential, "chỉ nhận Y (có đề nghị ưu đãi xuất xứ) hoặc N.");
  v = cell(kChannel);
  if (equals_upper(v, "GREEN")) out.channel = kGreen;
  else if (equals_upper(v, "YELLOW")) out.channel = kYellow;
  else if (equals_upper(v, "RED")) out.channel = kRed;
  else bad(kChannel, "phân luồng chỉ nhận GREEN, YELLOW hoặc RED.");
  if (!whole(cell(kAmendments), 0, kMaxAmendments, out.amendments))
    bad(kAmendments, "số lần sửa đổi là số nguyên từ 0 đến 999.");
  return ok;
}

void each_csv_record(std::string_view text, const CsvVisitor& visit, const std::function<void(std::size_t)>& progress) {
  std::size_t pos = text.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
  const auto header_end = text.find('\n', pos);
  const std::string_view header = text.substr(pos, header_end == std::string_view::npos ? text.npos : header_end - pos);
  const char sep =
      std::count(header.begin(), header.end(), ';') > std::count(header.begin(), header.end(), ',') ? ';' : ',';
  std::vector<std::string_view> cells;
  std::deque<std::string> unquoted(kColumnCount * 2);  // quoted cells without their quotes (stable addresses)
  std::int64_t row = 1;
  while (pos < text.size()) {
    cells.clear();
    const std::int64_t first_row = row;
    std::size_t quoted_used = 0;
    bool end_of_record = false;
    while (!end_of_record) {
      if (pos < text.size() && text[pos] == '"') {
        if (quoted_used == unquoted.size()) unquoted.emplace_back();
        std::string& out = unquoted[quoted_used++];
        out.clear();
        ++pos;
        while (pos < text.size()) {
          const char c = text[pos];
          if (c == '"') {
            if (pos + 1 < text.size() && text[pos + 1] == '"') out += '"', pos += 2;
            else { ++pos; break; }
          } else {
            if (c == '\n') ++row;
            out += c, ++pos;
          }
        }
        // Anything between the closing quote and the separator is kept (malformed, the cell check says so).
        const std::size_t rest = pos;
        while (pos < text.size() && text[pos] != sep && text[pos] != '\n') ++pos;
        if (pos > rest) out.append(text.substr(rest, pos - rest));
        cells.emplace_back(out);
      } else {
        const std::size_t start = pos;
        while (pos < text.size() && text[pos] != sep && text[pos] != '\n') ++pos;
        std::string_view cell = text.substr(start, pos - start);
        if (!cell.empty() && cell.back() == '\r') cell.remove_suffix(1);
        cells.push_back(cell);
      }
      if (pos >= text.size()) end_of_record = true;
      else if (text[pos] == sep) ++pos;
      else ++pos, end_of_record = true;  // '\n'
    }
    ++row;
    const bool blank = cells.size() == 1 && trimmed(cells[0]).empty();
    if (!blank) visit(first_row, cells);
    if (progress && (row & 0xFFFF) == 0) progress(pos);
  }
  if (progress) progress(text.size());
}

}  // namespace hq::audit::risk
