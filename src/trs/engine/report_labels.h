#pragma once
// Vietnamese labels of the report's dimensions, groups and codes (pages, text and spreadsheets).
#include <string_view>

namespace hq::trs {

inline std::string_view flow_label(std::string_view flow) {
  return flow == "NK" ? "Nhập khẩu (NK)" : flow == "XK" ? "Xuất khẩu (XK)" : flow;
}

inline std::string_view by_label(std::string_view by) {
  struct L { std::string_view key, label; };
  static constexpr L kLabels[] = {
      {"all", "Toàn bộ"},         {"channel", "Phân luồng"},     {"route", "Tuyến đường"},
      {"branch", "Chi cục"},      {"aeo", "AEO"},                {"pre_arrival", "Khai trước khi hàng đến"},
      {"nsw", "Một cửa quốc gia"}, {"sci", "Kiểm tra chuyên ngành"}, {"shipment_mode", "Phương thức gửi hàng"},
      {"declarant_kind", "Người khai"}};
  for (const L& l : kLabels)
    if (l.key == by) return l.label;
  return by;
}

inline std::string_view group_label(std::string_view by, std::string_view group) {
  struct L { std::string_view key, label; };
  static constexpr L kLabels[] = {
      {"GREEN", "Xanh"},   {"YELLOW", "Vàng"},     {"RED", "Đỏ"},         {"SEA", "Đường biển"},
      {"AIR", "Hàng không"}, {"ROAD", "Đường bộ"},  {"FCL", "FCL"},        {"LCL", "LCL"},
      {"BULK", "Hàng rời"}, {"OTHER", "Khác"},      {"OWNER", "Chủ hàng"}, {"AGENT", "Đại lý"},
      {"UNKNOWN", "Không ghi nhận"}, {"all", "Toàn bộ"}};
  if (group == "Y") return "Có";
  if (group == "N") return "Không";
  if (by == "branch" && group != "UNKNOWN") return group;
  for (const L& l : kLabels)
    if (l.key == group) return l.label;
  return group;
}

inline std::string_view delay_reason_label(std::string_view code) {
  struct L { std::string_view key, label; };
  static constexpr L kLabels[] = {
      {"DOC_LATE_SUBMISSION", "DN chậm xuất trình hồ sơ"},
      {"DOC_PRICE_CONSULTATION", "Tham vấn giá, ấn định thuế"},
      {"DOC_ADVANCE_RULING", "Xác định trước mã số, xuất xứ, trị giá"},
      {"DOC_INCOMPLETE", "Chứng từ chưa hoàn chỉnh, cần bổ sung"},
      {"DOC_AWAIT_ANALYSIS", "Chờ kết quả phân tích, phân loại"},
      {"DOC_AMENDMENT", "Sửa tờ khai"},
      {"DOC_AWAIT_ASSESSMENT", "Chờ kết quả giám định hàng hóa"},
      {"DOC_AWAIT_VIOLATION", "Chờ kết quả xử lý VPHC về hải quan"},
      {"DOC_REVALUATION", "Kiểm tra lại trị giá tính thuế sau kiểm hóa"},
      {"DOC_OTHER", "Kiểm tra hồ sơ: lý do khác"},
      {"INSP_LATE_PRESENTATION", "DN chậm xuất trình hàng"},
      {"INSP_QUEUE", "Lô hàng chờ đến lượt kiểm tra"},
      {"INSP_SUPPLEMENT", "Người khai xin bổ sung hồ sơ"},
      {"INSP_100PCT", "Hàng kiểm tra 100%"},
      {"INSP_VIOLATION_HOLD", "Hàng vi phạm, tạm dừng làm thủ tục"},
      {"INSP_HS_DIFFICULT", "Hàng khó xác định mã, bổ sung tài liệu kỹ thuật"},
      {"INSP_OTHER", "Kiểm tra thực tế: lý do khác"},
      {"IT_ERROR", "Hệ thống CNTT bị lỗi"},
      {"NONE", "Không ghi lý do"}};
  for (const L& l : kLabels)
    if (l.key == code) return l.label;
  return code;
}

}  // namespace hq::trs
