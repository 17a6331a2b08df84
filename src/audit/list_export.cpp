#include "audit/list_export.h"

#include <utility>

#include "audit/rules.h"
#include "core/time.h"
#include "sheets/list_table.h"

namespace hq::audit {

namespace {

using sheets::TableCell;

std::string local_time(std::int64_t t) { return t ? core::format_local_datetime(core::to_local(t)) : std::string(); }

std::string place_name(const std::string& place) {
  return place == "PREMISES" ? "Tại trụ sở người khai hải quan" : place == "OFFICE" ? "Tại trụ sở cơ quan hải quan" : place;
}

// The head of a proposal's or a collection's row (store_support.h: owned_row_mapping), then the item's own.
std::vector<sheets::TableColumn> owned_columns(const std::string& number, const std::vector<sheets::TableColumn>& own) {
  std::vector<sheets::TableColumn> columns = {{number, 16},         {"Năm", 8},     {"Mã số thuế", 16},
                                              {"Tên doanh nghiệp", 40}, {"Đơn vị", 12}, {"Tên đơn vị", 30}};
  columns.insert(columns.end(), own.begin(), own.end());
  return columns;
}

template <typename Item>
std::vector<TableCell> owned_cells(const Item& item, const std::vector<TableCell>& own) {
  std::vector<TableCell> cells = {item.number,    double(item.year), item.tax_code, item.enterprise_name,
                                  item.unit_code, item.unit_name};
  cells.insert(cells.end(), own.begin(), own.end());
  return cells;
}

}  // namespace

sheets::Table proposals_table(const std::vector<store::Proposal>& list) {
  return sheets::list_table(
      "De xuat", "Danh sách đề xuất kiểm tra sau thông quan",
      owned_columns("Số đề xuất", {{"Địa điểm", 28}, {"Căn cứ", 40}, {"Kỳ từ", 12}, {"Kỳ đến", 12}, {"Trạng thái", 16},
                                   {"Trùng", 8}, {"Người đề xuất", 16}, {"Người phê duyệt", 16}, {"Ngày tạo", 17},
                                   {"Ngày phê duyệt", 17}, {"Phê duyệt giấy", 12}, {"Hạn nhập", 12},
                                   {"Nhập muộn", 10}}),
      list, [](const store::Proposal& p) {
        return owned_cells(p, {place_name(p.place), p.grounds, p.period_from, p.period_to, status_name(p.status),
                               double(p.duplicate_count), p.proposed_by, p.decided_by, local_time(p.created_at),
                               local_time(p.approved_at), p.paper_approved_on, p.entry_due_on,
                               std::string(p.late ? "Có" : "")});
      });
}

sheets::Table collections_table(const std::vector<store::Collection>& list) {
  return sheets::list_table(
      "Thu thap", "Danh sách thu thập thông tin",
      owned_columns("Số", {{"Dấu hiệu", 40}, {"Lĩnh vực rủi ro", 30}, {"Trạng thái", 16}, {"Trùng", 8},
                           {"Người đề xuất", 16}, {"Người phê duyệt", 16}, {"Ngày đề xuất", 17}, {"Ngày phê duyệt", 17},
                           {"Ngày duyệt kết quả", 17}}),
      list, [](const store::Collection& c) {
        return owned_cells(c, {c.signs, c.risk_areas, status_name(c.status), double(c.duplicate_count), c.proposed_by,
                               c.decided_by, local_time(c.proposed_at), local_time(c.approved_at),
                               local_time(c.result_approved_at)});
      });
}

sheets::Table enterprises_table(const std::vector<store::Enterprise>& list) {
  return sheets::list_table(
      "Doanh nghiep", "Danh mục doanh nghiệp (mẫu 01/KTSTQ)",
      {{"Mã số thuế", 16},      {"Tên doanh nghiệp", 40}, {"Tên nước ngoài", 30}, {"Địa chỉ", 40},
       {"Người đại diện", 24},  {"Điện thoại", 14},       {"Thư điện tử", 24},    {"Ngày thành lập", 12},
       {"Vốn điều lệ (đồng)", 18}, {"Loại hình sở hữu", 18}, {"AEO", 10},         {"Mức tuân thủ", 10},
       {"Nguồn", 10},           {"Cập nhật", 17}},
      list, [](const store::Enterprise& e) -> std::vector<TableCell> {
        return {e.tax_code, e.name, e.foreign_name, e.address, e.legal_representative, e.phone, e.email,
                e.established_on, double(e.charter_capital), e.ownership, e.aeo_status,
                double(e.compliance_level), e.source, local_time(e.updated_at)};
      });
}

sheets::Table key_enterprises_table(const std::vector<store::KeyEnterprise>& list, std::int64_t year) {
  return sheets::list_table(
      "DN trong diem", "Danh sách doanh nghiệp trọng điểm năm " + std::to_string(year),
      {{"Mã số thuế", 16}, {"Tên doanh nghiệp", 40}, {"Năm", 8}, {"Lý do", 40}, {"Người thêm", 16}, {"Ngày thêm", 17}},
      list, [](const store::KeyEnterprise& k) -> std::vector<TableCell> {
        return {k.tax_code, k.name, double(k.year), k.reason, k.added_by, local_time(k.added_at)};
      });
}

sheets::Table feedback_table(const std::vector<store::Feedback>& list) {
  return sheets::list_table(
      "Gop y", "Góp ý về chức năng hệ thống",
      {{"Đơn vị", 12}, {"Người gửi", 16}, {"Chức năng", 30}, {"Đề xuất", 50}, {"Lý do", 40}, {"Trạng thái", 14},
       {"Ngày gửi", 17}},
      list, [](const store::Feedback& f) -> std::vector<TableCell> {
        return {f.unit_code, f.username, f.function_name, f.proposal, f.reason, status_name(f.status),
                local_time(f.created_at)};
      });
}

}  // namespace hq::audit
