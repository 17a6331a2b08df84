#include "trs/engine/record.h"

#include <array>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <unordered_map>

namespace hq::trs {
namespace {

// Accessors generated from member-pointer paths, e.g. field<&Record::ag1, &AgencyBlock::name>.
template <auto... M>
auto& field(Record& r) {
  return (r .* ... .* M);
}
template <auto... M>
std::string& text_ref(Record& r) {
  return field<M...>(r);
}
template <auto... M>
Time& time_ref(Record& r) {
  return field<M...>(r);
}
template <auto... M>
std::optional<bool>& yes_no_ref(Record& r) {
  return field<M...>(r);
}
template <auto... M>
CodeSet& list_ref(Record& r) {
  return field<M...>(r);
}
template <auto... M>
int enum_get(const Record& r) {
  const auto& v = field<M...>(const_cast<Record&>(r));
  return v ? static_cast<int>(*v) : -1;
}
template <auto... M>
void enum_set(Record& r, int i) {
  auto& v = field<M...>(r);
  using E = typename std::remove_reference_t<decltype(v)>::value_type;
  if (i < 0)
    v.reset();
  else
    v = static_cast<E>(i);
}

// A column's heading in Vietnamese and in English.
struct Label {
  std::string_view vi, en;
};

template <auto... M>
constexpr ColumnDef text(std::string_view name, Label label, std::string_view form = {},
                         TextRule rule = TextRule::None) {
  ColumnDef c{name, ColumnKind::Text, label.vi, label.en, form, {}};
  c.rule = rule;
  c.text = &text_ref<M...>;
  return c;
}
template <auto... M>
constexpr ColumnDef time(std::string_view name, Label label, std::string_view form = {}) {
  ColumnDef c{name, ColumnKind::Time, label.vi, label.en, form, {}};
  c.time = &time_ref<M...>;
  return c;
}
template <auto... M>
constexpr ColumnDef yes_no(std::string_view name, Label label, std::string_view form = {}) {
  ColumnDef c{name, ColumnKind::YesNo, label.vi, label.en, form, kYesNoNames};
  c.yes_no = &yes_no_ref<M...>;
  return c;
}
template <auto... M>
constexpr ColumnDef enumeration(std::string_view name, std::span<const std::string_view> values,
                                Label label, std::string_view form = {}) {
  ColumnDef c{name, ColumnKind::Enum, label.vi, label.en, form, values};
  c.get_enum = &enum_get<M...>;
  c.set_enum = &enum_set<M...>;
  return c;
}
template <auto... M>
constexpr ColumnDef list(std::string_view name, std::span<const std::string_view> values, Label label,
                         std::string_view form = {}) {
  ColumnDef c{name, ColumnKind::List, label.vi, label.en, form, values};
  c.list = &list_ref<M...>;
  return c;
}

using R = Record;
using A = AgencyBlock;
using Q = QualityBlock;

// The agency blocks ag1/ag2 share one shape: generated from the member pointer of the block.
#define HQ_TRS_AGENCY(P, N, F)                                                                                         \
  text<&R::P, &A::name>(#P "_name", {"Tên cơ quan KTCN " N, "Specialised inspection agency " N}, F),                   \
      time<&R::P, &A::registered_at>(                                                                                  \
          #P "_registered_at", {"Thời điểm cấp giấy đăng ký KTCN " N, "Inspection registration issued " N}, F "a"),    \
      text<&R::P, &A::registration_no>(#P "_registration_no",                                                          \
                                       {"Số giấy đăng ký KTCN " N, "Inspection registration number " N}, F "b"),       \
      yes_no<&R::P, &A::sampling>(                                                                                     \
          #P "_sampling", {"Phải lấy mẫu/kiểm tra trực tiếp " N, "Sampling or direct inspection required " N}, F "c"), \
      time<&R::P, &A::sampling_at>(#P "_sampling_at", {"Thời điểm bắt đầu lấy mẫu " N, "Sampling started " N}, F "d"), \
      time<&R::P, &A::certified_at>(#P "_certified_at", {"Thời điểm cấp giấy chứng nhận " N, "Certificate issued " N}, \
                                    F "e"),                                                                            \
      text<&R::P, &A::certificate_no>(#P "_certificate_no", {"Số giấy chứng nhận " N, "Certificate number " N},        \
                                      F "f"),                                                                          \
      time<&R::P, &A::returned_at>(                                                                                    \
          #P "_returned_at", {"Thời điểm trả giấy chứng nhận cho DN " N, "Certificate returned to the enterprise " N}, \
          F "g"),                                                                                                      \
      time<&R::P, &A::customs_received_at>(                                                                            \
          #P "_customs_received_at",                                                                                   \
          {"Thời điểm Hải quan nhận giấy chứng nhận " N, "Certificate received by customs " N}, F "h")

constexpr ColumnDef kColumns[] = {
    enumeration<&R::flow>("flow", kFlowNames, {"Luồng hàng (NK/XK)", "Flow (import NK / export XK)"}),
    text<&R::branch_code>("branch_code", {"Mã chi cục", "Branch code"}, "", TextRule::BranchCode),
    enumeration<&R::route>("route", kRouteNames, {"Tuyến đường", "Route"}),
    text<&R::declaration_no>("declaration_no", {"Số tờ khai", "Declaration number"}, "NK 1 / XK 1",
                             TextRule::DeclarationNo),
    text<&R::type_code>("type_code", {"Mã loại hình", "Customs procedure type code"}, "", TextRule::TypeCode),
    text<&R::bill_of_lading>("bill_of_lading", {"Số vận đơn", "Bill of lading number"}, "NK 2"),
    text<&R::transport>("transport", {"Tên và số hiệu PTVT", "Means of transport (name and number)"}, "NK 3"),
    yes_no<&R::pre_arrival>("pre_arrival", {"Khai báo trước khi hàng đến", "Declared before arrival"}, "NK 4"),
    yes_no<&R::aeo>("aeo", {"Doanh nghiệp ưu tiên (AEO)", "Priority enterprise (AEO)"}, "NK 8"),
    yes_no<&R::nsw>("nsw", {"Qua Cổng thông tin một cửa quốc gia", "Through the National Single Window"},
                    "NK 13 / XK 7"),
    yes_no<&R::license_per_shipment>("license_per_shipment",
                                     {"Giấy phép cấp cho từng lô hàng", "Licence issued per shipment"}, "NK 12"),
    enumeration<&R::shipment_mode>("shipment_mode", kShipmentModeNames, {"Phương thức gửi hàng", "Shipment mode"},
                                   "NK 6"),
    enumeration<&R::declarant_kind>("declarant_kind", kDeclarantKindNames, {"Người khai báo", "Declarant"},
                                    "NK 5 / XK 2"),
    text<&R::goods_group>("goods_group", {"Nhóm/loại mặt hàng", "Goods group"}, "NK 7 / XK 3"),
    text<&R::hs_code>("hs_code", {"Mã HS", "HS code"}, "", TextRule::HsCode),
    text<&R::country>("country", {"Nước xuất xứ/nhập khẩu", "Country of origin / destination"}, "", TextRule::Country),
    time<&R::arrival_at>("arrival_at", {"Thời điểm PTVT đến cảng", "Means of transport arrived at the port"}, "NK 9"),
    time<&R::registered_at>("registered_at",
                            {"Thời điểm đăng ký chính thức (IDC)", "Declaration officially registered (IDC)"},
                            "NK 10 / XK 4"),
    enumeration<&R::channel>("channel", kChannelNames, {"Kết quả phân luồng", "Channel (risk lane)"}, "NK 11 / XK 5"),
    list<&R::sci_kinds>("sci_kinds", kSciKindNames, {"Loại kiểm tra chuyên ngành", "Kinds of specialised inspection"},
                        "NK 12 / XK 6"),
    HQ_TRS_AGENCY(ag1, "(1)", "NK 14 / XK 8"),
    HQ_TRS_AGENCY(ag2, "(2)", "NK 15"),
    text<&R::qc, &Q::name>("qc_name", {"Tên cơ quan kiểm tra chất lượng", "Quality inspection agency"}, "NK 16"),
    time<&R::qc, &Q::registered_at>(
        "qc_registered_at", {"Thời điểm cấp giấy đăng ký KTCL", "Quality inspection registration issued"}, "NK 16a"),
    text<&R::qc, &Q::registration_no>("qc_registration_no",
                                      {"Số giấy đăng ký KTCL", "Quality inspection registration number"}, "NK 16b"),
    time<&R::qc, &Q::conformity_at>("qc_conformity_at",
                                    {"Thời điểm cấp chứng chỉ phù hợp", "Certificate of conformity issued"}, "NK 16c"),
    time<&R::qc, &Q::notified_at>("qc_notified_at",
                                  {"Thời điểm thông báo kết quả KTCL", "Quality inspection result notified"}, "NK 16d"),
    text<&R::qc, &Q::result_no>("qc_result_no", {"Số thông báo kết quả KTCL", "Quality inspection result number"},
                                "NK 16e"),
    time<&R::qc, &Q::customs_received_at>(
        "qc_customs_received_at",
        {"Thời điểm Hải quan nhận thông báo KTCL", "Quality inspection result received by customs"}, "NK 16f"),
    time<&R::doc_assigned_at>("doc_assigned_at", {"Thời điểm phân công kiểm tra hồ sơ", "Document check assigned"},
                              "NK 17 / XK 9"),
    time<&R::doc_check_start_at>("doc_check_start_at", {"Thời điểm bắt đầu kiểm tra hồ sơ", "Document check started"},
                                 "NK 18a / XK 10a"),
    time<&R::doc_check_end_at>("doc_check_end_at", {"Thời điểm kết thúc kiểm tra hồ sơ", "Document check finished"},
                               "NK 18b / XK 10b"),
    enumeration<&R::suspicion>("suspicion", kSuspicionNames,
                               {"Nghi vấn, phát hiện sai phạm", "Suspicion or violation found"}, "NK 19 / XK 11"),
    yes_no<&R::reassess>("reassess", {"Tính lại thuế sau kiểm hóa", "Tax re-assessed after inspection"},
                         "NK 20a / XK 12a"),
    time<&R::reassess_end_at>("reassess_end_at", {"Thời điểm kết thúc tính lại thuế", "Tax re-assessment finished"},
                              "NK 20b / XK 12b"),
    list<&R::inspect_method>("inspect_method", kInspectMethodNames,
                             {"Hình thức kiểm tra thực tế", "Physical inspection method"}, "NK 21a / XK 13a"),
    time<&R::inspect_assigned_at>("inspect_assigned_at",
                                  {"Thời điểm phân công kiểm hóa", "Physical inspection assigned"}, "NK 21b / XK 13b"),
    text<&R::inspect_officer>("inspect_officer", {"Công chức kiểm hóa", "Inspecting officer"}, "NK 22a / XK 14a"),
    time<&R::inspect_notified_at>("inspect_notified_at",
                                  {"Thời điểm thông báo kiểm hóa cho DN", "Inspection notified to the enterprise"},
                                  "NK 22b / XK 14b"),
    time<&R::scan_start_at>("scan_start_at", {"Thời điểm bắt đầu soi chiếu", "Scanning started"}, "NK 23a / XK 15a"),
    time<&R::scan_end_at>("scan_end_at", {"Thời điểm kết thúc soi chiếu", "Scanning finished"}, "NK 23b / XK 15b"),
    yes_no<&R::scan_violation>("scan_violation", {"Phát hiện vi phạm qua soi chiếu", "Violation found by scanning"},
                               "NK 23c / XK 15c"),
    yes_no<&R::scan_propose_direct>("scan_propose_direct", {"Đề xuất kiểm tra trực tiếp", "Direct inspection proposed"},
                                    "NK 23d / XK 15d"),
    time<&R::direct_start_at>("direct_start_at", {"Thời điểm bắt đầu kiểm tra trực tiếp", "Direct inspection started"},
                              "NK 24a / XK 16a"),
    time<&R::direct_end_at>("direct_end_at", {"Thời điểm kết thúc kiểm tra trực tiếp", "Direct inspection finished"},
                            "NK 24b / XK 16b"),
    text<&R::direct_officer>("direct_officer", {"Công chức kiểm tra trực tiếp", "Direct inspection officer"},
                             "NK 24c / XK 16c"),
    yes_no<&R::direct_violation>("direct_violation",
                                 {"Phát hiện vi phạm khi kiểm tra trực tiếp", "Violation found by direct inspection"},
                                 "NK 24d / XK 16d"),
    enumeration<&R::tax_method>("tax_method", kTaxMethodNames,
                                {"Phương thức thực hiện nghĩa vụ thuế", "How the tax obligation is met"},
                                "NK 25 / XK 17"),
    time<&R::tax_paid_at>("tax_paid_at", {"Thời điểm nộp thuế", "Tax paid"}, "NK 26 / XK 18"),
    time<&R::tax_check_start_at>("tax_check_start_at",
                                 {"Thời điểm bắt đầu kiểm tra nghĩa vụ thuế", "Tax obligation check started"},
                                 "NK 27a / XK 19a"),
    time<&R::tax_check_end_at>("tax_check_end_at",
                               {"Thời điểm kết thúc kiểm tra nghĩa vụ thuế", "Tax obligation check finished"},
                               "NK 27b / XK 19b"),
    time<&R::storage_decision_at>(
        "storage_decision_at", {"Thời điểm quyết định đưa hàng về bảo quản", "Decision to take the goods into storage"},
        "NK 28"),
    time<&R::released_at>("released_at", {"Thời điểm thông quan/giải phóng hàng", "Goods cleared / released"},
                          "NK 29 / XK 20"),
    time<&R::supervision_start_at>("supervision_start_at",
                                   {"Thời điểm bắt đầu thủ tục giám sát", "Supervision procedure started"}, "NK 30"),
    time<&R::supervision_confirmed_at>(
        "supervision_confirmed_at",
        {"Thời điểm xác nhận qua khu vực giám sát", "Passage through the supervision area confirmed"}, "NK 31"),
    time<&R::gate_out_at>("gate_out_at", {"Thời điểm ra khỏi cổng cảng", "Left the port gate"}, "NK 32"),
    time<&R::border_check_start_at>("border_check_start_at",
                                    {"Thời điểm bắt đầu kiểm tra biên phòng", "Border guard check started"}),
    time<&R::border_check_end_at>("border_check_end_at",
                                  {"Thời điểm kết thúc kiểm tra biên phòng", "Border guard check finished"}),
    list<&R::delay_reasons>("delay_reasons", kDelayReasonNames,
                            {"Lý do ảnh hưởng đến thời gian", "Reasons affecting the time"}, "NK 33 / XK 21"),
    text<&R::delay_note>("delay_note", {"Ghi chú", "Notes"}, "NK 33 / XK 21"),
};
#undef HQ_TRS_AGENCY

const std::unordered_map<std::string_view, int>& column_lookup() {
  static const auto lookup = [] {
    std::unordered_map<std::string_view, int> m;
    for (std::size_t i = 0; i < std::size(kColumns); ++i) m.emplace(kColumns[i].name, static_cast<int>(i));
    return m;
  }();
  return lookup;
}

bool all_digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}
bool is_upper_alnum(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// Reads `n` ASCII digits at s[pos]; -1 when any is not a digit.
inline int digits(std::string_view s, std::size_t pos, std::size_t n) {
  int v = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const unsigned d = static_cast<unsigned char>(s[pos + i]) - '0';
    if (d > 9) return -1;
    v = v * 10 + static_cast<int>(d);
  }
  return v;
}

// "HH:MM" or "HH:MM:SS" at s[pos..]; returns seconds of the day or -1.
int clock_seconds(std::string_view s, std::size_t pos) {
  const std::size_t n = s.size() - pos;
  if (n != 5 && n != 8) return -1;
  const int h = digits(s, pos, 2), m = digits(s, pos + 3, 2);
  if (s[pos + 2] != ':' || h < 0 || m < 0 || h > 23 || m > 59) return -1;
  int sec = 0;
  if (n == 8) {
    sec = digits(s, pos + 6, 2);
    if (s[pos + 5] != ':' || sec < 0 || sec > 59) return -1;
  }
  return h * 3600 + m * 60 + sec;
}

// ISO-8601 with an offset (the rare path, delegated to core); seconds may be left out.
std::optional<UnixSeconds> parse_iso_cell(std::string_view s, std::string* why) {
  if (auto t = core::parse_iso8601(s)) return t;
  if (s.size() >= 17 && (s[16] == '+' || s[16] == '-' || s[16] == 'Z')) {
    std::string with_seconds(s.substr(0, 16));
    with_seconds.append(":00").append(s.substr(16));
    if (auto t = core::parse_iso8601(with_seconds)) return t;
  }
  const bool has_offset = s.find_first_of("+Z", 11) != std::string_view::npos || s.find('-', 11) != std::string_view::npos;
  if (why)
    *why = has_offset ? "thời điểm ISO-8601 không hợp lệ (ví dụ đúng: 2025-06-16T08:30:00+07:00)"
                      : "thời điểm ISO-8601 thiếu múi giờ (ví dụ 2025-06-16T08:30:00+07:00)";
  return std::nullopt;
}

}  // namespace

std::span<const ColumnDef> columns() { return kColumns; }

int column_index(std::string_view name) {
  const auto& m = column_lookup();
  const auto it = m.find(name);
  return it == m.end() ? -1 : it->second;
}

const ColumnDef& column(std::string_view name) {
  const int i = column_index(name);
  if (i < 0) throw std::out_of_range("unknown trs column: " + std::string(name));
  return kColumns[i];
}

TimeSlot::TimeSlot(std::string_view time_column) {
  if (time_column.empty()) return;
  const ColumnDef& c = column(time_column);
  if (c.kind != ColumnKind::Time) throw std::out_of_range("not a trs time column: " + std::string(time_column));
  static_cast<FieldSlot<Time>&>(*this) = FieldSlot<Time>(c.time);
}

std::optional<UnixSeconds> parse_time_cell(std::string_view s, std::string* why) {
  auto fail = [&](const char* reason) -> std::optional<UnixSeconds> {
    if (why) *why = reason;
    return std::nullopt;
  };
  constexpr const char* kFormat =
      "không đúng định dạng thời điểm (YYYY-MM-DD HH:MM[:SS], DD/MM/YYYY HH:MM[:SS] hoặc ISO-8601 có múi giờ)";
  if (s.size() < 16) return fail(kFormat);
  // A study's cells share few dates: the last valid date text read on this thread is remembered.
  thread_local char last_date[10] = {};
  thread_local std::int64_t last_days = -1;  // -1: none yet
  if (last_days >= 0 && s[10] == ' ' && std::memcmp(s.data(), last_date, 10) == 0) {
    const int clock = clock_seconds(s, 11);
    if (clock < 0) return fail("giờ không hợp lệ (HH:MM hoặc HH:MM:SS, 00:00–23:59)");
    return last_days * 86400 + clock - core::kVietnamOffsetSeconds;
  }
  core::Date d;
  if (s[4] == '-' && s[7] == '-') {  // YYYY-MM-DD…
    d = {digits(s, 0, 4), digits(s, 5, 2), digits(s, 8, 2)};
    if (s[10] == 'T') return parse_iso_cell(s, why);
  } else if (s[2] == '/' && s[5] == '/') {  // DD/MM/YYYY…
    d = {digits(s, 6, 4), digits(s, 3, 2), digits(s, 0, 2)};
  } else {
    return fail(kFormat);
  }
  if (s[10] != ' ' || d.year < 0 || d.month < 0 || d.day < 0) return fail(kFormat);
  if (!core::is_valid_date(d)) return fail("ngày không tồn tại");
  const int clock = clock_seconds(s, 11);
  if (clock < 0) return fail("giờ không hợp lệ (HH:MM hoặc HH:MM:SS, 00:00–23:59)");
  const std::int64_t days = core::days_from_civil(d);
  if (days >= 0) std::memcpy(last_date, s.data(), 10), last_days = days;
  return days * 86400 + clock - core::kVietnamOffsetSeconds;
}

std::string format_local_time(UnixSeconds t) {
  const core::LocalDateTime l = core::to_local(t);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d", l.date.year, l.date.month, l.date.day, l.hour,
                l.minute, l.second);
  return buf;
}

std::string format_cell(const ColumnDef& c, const Record& r) {
  Record& m = const_cast<Record&>(r);  // the accessors are shared with the reader; nothing is written here
  switch (c.kind) {
    case ColumnKind::Text: return c.text(m);
    case ColumnKind::Time: {
      const Time& t = c.time(m);
      return t ? format_local_time(*t) : std::string();
    }
    case ColumnKind::YesNo: {
      const auto& v = c.yes_no(m);
      return v ? std::string(*v ? "Y" : "N") : std::string();
    }
    case ColumnKind::Enum: {
      const int i = c.get_enum(r);
      return i < 0 ? std::string() : std::string(c.values[static_cast<std::size_t>(i)]);
    }
    case ColumnKind::List: {
      std::string out;
      const CodeSet set = c.list(m);
      for (std::size_t i = 0; i < c.values.size(); ++i) {
        if (!has_code(set, i)) continue;
        if (!out.empty()) out += ';';
        out += c.values[i];
      }
      return out;
    }
  }
  return {};
}

std::string check_text_rule(TextRule rule, std::string_view v) {
  switch (rule) {
    case TextRule::None: return {};
    case TextRule::DeclarationNo:
      return v.size() == 12 && all_digits(v) ? std::string() : "số tờ khai phải gồm đúng 12 chữ số";
    case TextRule::BranchCode:
      return v.size() == 4 && all_digits(v.substr(0, 2)) && is_upper_alnum(v[2]) && is_upper_alnum(v[3])
                 ? std::string()
                 : "mã chi cục phải gồm 2 chữ số và 2 ký tự chữ in hoa/số (ví dụ 03CC)";
    case TextRule::TypeCode:
      return v.size() == 3 && is_upper_alnum(v[0]) && is_upper_alnum(v[1]) && is_upper_alnum(v[2])
                 ? std::string()
                 : "mã loại hình phải gồm 3 ký tự chữ in hoa/số (ví dụ A11)";
    case TextRule::HsCode:
      return v.size() == 8 && all_digits(v) ? std::string() : "mã HS phải gồm đúng 8 chữ số";
    case TextRule::Country:
      return v.size() == 2 && v[0] >= 'A' && v[0] <= 'Z' && v[1] >= 'A' && v[1] <= 'Z'
                 ? std::string()
                 : "mã nước phải theo ISO 3166 gồm 2 chữ cái in hoa (ví dụ JP)";
  }
  return {};
}

std::optional<std::uint64_t> declaration_identity(std::string_view no) {
  if (no.size() != 12 || !all_digits(no)) return std::nullopt;
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < 11; ++i) v = v * 10 + static_cast<std::uint64_t>(no[i] - '0');
  return v;
}

}  // namespace hq::trs
