#include "audit/list_export.h"

#include <utility>

#include "audit/rules.h"
#include "core/time.h"

namespace hq::audit {

namespace {

using sheets::TableCell;

std::string local_time(std::int64_t t) { return t ? core::format_local_datetime(core::to_local(t)) : std::string(); }

std::string place_name(const std::string& place) {
  return place == "PREMISES" ? "Tại trụ sở người khai hải quan" : place == "OFFICE" ? "Tại trụ sở cơ quan hải quan" : place;
}

}  // namespace

sheets::Table proposals_table(const std::vector<store::Proposal>& list) {
  sheets::Table t;
  t.sheet_name = "De xuat";
  t.title = "Danh sách đề xuất kiểm tra sau thông quan";
  t.columns = {{"Số đề xuất", 16}, {"Năm", 8},           {"Mã số thuế", 16},     {"Tên doanh nghiệp", 40},
               {"Đơn vị", 12},     {"Tên đơn vị", 30},   {"Địa điểm", 28},       {"Căn cứ", 40},
               {"Kỳ từ", 12},      {"Kỳ đến", 12},       {"Trạng thái", 16},     {"Trùng", 8},
               {"Người đề xuất", 16}, {"Người phê duyệt", 16}, {"Ngày tạo", 17}, {"Ngày phê duyệt", 17},
               {"Phê duyệt giấy", 12}, {"Hạn nhập", 12},    {"Nhập muộn", 10}};
  for (const auto& p : list)
    t.rows.push_back({p.number, double(p.year), p.tax_code, p.enterprise_name, p.unit_code, p.unit_name,
                      place_name(p.place), p.grounds, p.period_from, p.period_to, status_name(p.status),
                      double(p.duplicate_count), p.proposed_by, p.decided_by, local_time(p.created_at),
                      local_time(p.approved_at), p.paper_approved_on, p.entry_due_on,
                      std::string(p.late ? "Có" : "")});
  return t;
}

sheets::Table collections_table(const std::vector<store::Collection>& list) {
  sheets::Table t;
  t.sheet_name = "Thu thap";
  t.title = "Danh sách thu thập thông tin";
  t.columns = {{"Số", 16},          {"Năm", 8},        {"Mã số thuế", 16},        {"Tên doanh nghiệp", 40},
               {"Đơn vị", 12},      {"Tên đơn vị", 30}, {"Dấu hiệu", 40},         {"Lĩnh vực rủi ro", 30},
               {"Trạng thái", 16},  {"Trùng", 8},      {"Người đề xuất", 16},     {"Người phê duyệt", 16},
               {"Ngày đề xuất", 17}, {"Ngày phê duyệt", 17}, {"Ngày duyệt kết quả", 17}};
  for (const auto& c : list)
    t.rows.push_back({c.number, double(c.year), c.tax_code, c.enterprise_name, c.unit_code, c.unit_name, c.signs,
                      c.risk_areas, status_name(c.status), double(c.duplicate_count), c.proposed_by, c.decided_by,
                      local_time(c.proposed_at), local_time(c.approved_at), local_time(c.result_approved_at)});
  return t;
}

sheets::Table enterprises_table(const std::vector<store::Enterprise>& list) {
  sheets::Table t;
  t.sheet_name = "Doanh nghiep";
  t.title = "Danh mục doanh nghiệp (mẫu 01/KTSTQ)";
  t.columns = {{"Mã số thuế", 16},      {"Tên doanh nghiệp", 40}, {"Tên nước ngoài", 30}, {"Địa chỉ", 40},
               {"Người đại diện", 24},  {"Điện thoại", 14},       {"Thư điện tử", 24},    {"Ngày thành lập", 12},
               {"Vốn điều lệ (đồng)", 18}, {"Loại hình sở hữu", 18}, {"AEO", 10},         {"Mức tuân thủ", 10},
               {"Nguồn", 10},           {"Cập nhật", 17}};
  for (const auto& e : list)
    t.rows.push_back({e.tax_code, e.name, e.foreign_name, e.address, e.legal_representative, e.phone, e.email,
                      e.established_on, double(e.charter_capital), e.ownership, e.aeo_status,
                      double(e.compliance_level), e.source, local_time(e.updated_at)});
  return t;
}

sheets::Table key_enterprises_table(const std::vector<store::KeyEnterprise>& list, std::int64_t year) {
  sheets::Table t;
  t.sheet_name = "DN trong diem";
  t.title = "Danh sách doanh nghiệp trọng điểm năm " + std::to_string(year);
  t.columns = {{"Mã số thuế", 16}, {"Tên doanh nghiệp", 40}, {"Năm", 8}, {"Lý do", 40}, {"Người thêm", 16},
               {"Ngày thêm", 17}};
  for (const auto& k : list)
    t.rows.push_back({k.tax_code, k.name, double(k.year), k.reason, k.added_by, local_time(k.added_at)});
  return t;
}

sheets::Table feedback_table(const std::vector<store::Feedback>& list) {
  sheets::Table t;
  t.sheet_name = "Gop y";
  t.title = "Góp ý về chức năng hệ thống";
  t.columns = {{"Đơn vị", 12}, {"Người gửi", 16}, {"Chức năng", 30}, {"Đề xuất", 50}, {"Lý do", 40},
               {"Trạng thái", 14}, {"Ngày gửi", 17}};
  for (const auto& f : list)
    t.rows.push_back({f.unit_code, f.username, f.function_name, f.proposal, f.reason, status_name(f.status),
                      local_time(f.created_at)});
  return t;
}

}  // namespace hq::audit
