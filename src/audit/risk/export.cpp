#include "audit/risk/export.h"

#include <xlsxwriter.h>

#include <nlohmann/json.hpp>

#include "sheets/xlsx_output.h"

namespace hq::audit::risk {

namespace {

struct Sheet {
  lxw_worksheet* ws;
  lxw_format* head;
  lxw_row_t row = 0;
  void header(const std::vector<const char*>& names) {
    for (std::size_t c = 0; c < names.size(); ++c) {
      worksheet_write_string(ws, row, static_cast<lxw_col_t>(c), names[c], head);
      worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), 18, nullptr);
    }
    ++row;
  }
  void text(lxw_col_t c, const std::string& s) { worksheet_write_string(ws, row, c, s.c_str(), nullptr); }
  void number(lxw_col_t c, double v) { worksheet_write_number(ws, row, c, v, nullptr); }
};

Sheet sheet(lxw_workbook* wb, const char* name) {
  lxw_format* head = workbook_add_format(wb);
  format_set_bold(head);
  format_set_bg_color(head, 0xDDEBF7);
  return {workbook_add_worksheet(wb, name), head};
}

}  // namespace

std::string profile_xlsx(const Profile& p) {
  return sheets::write_to_bytes([&](const std::string& path) {
    lxw_workbook* wb = workbook_new(path.c_str());
    const Activity& a = p.activity;
    Sheet s = sheet(wb, "Tong quan");
    s.header({"Chỉ tiêu", "Giá trị"});
    const auto pair = [&](const std::string& k, const std::string& v) { s.text(0, k), s.text(1, v), ++s.row; };
    const auto num = [&](const std::string& k, double v) { s.text(0, k), s.number(1, v), ++s.row; };
    pair("Mã số thuế", p.tax_code);
    pair("Tên doanh nghiệp", p.name);
    pair("Kỳ", core::format_date(p.from) + " – " + core::format_date(p.to));
    pair("Chi cục chính", p.home_office);
    num("Mức độ tuân thủ", double(p.compliance_level));
    num("Số tờ khai", double(a.declarations));
    num("Số dòng hàng", double(a.lines));
    num("Trị giá nhập khẩu (đồng)", double(a.import_value));
    num("Trị giá xuất khẩu (đồng)", double(a.export_value));
    num("Thuế nhập khẩu (đồng)", double(a.import_duty));
    num("Thuế GTGT (đồng)", double(a.vat));
    num("Tỷ trọng ưu đãi xuất xứ", a.preferential_share);
    num("Số lần sửa đổi sau thông quan", double(a.amendments));
    num("Sửa đổi trên mỗi tờ khai", a.amendments_per_declaration);
    num("Thuế suất thực tế", a.own_duty_rate);
    num("Thuế suất trung vị cùng nhóm hàng", a.peer_duty_rate);

    Sheet m = sheet(wb, "Theo thang");
    m.header({"Tháng", "Luồng XNK", "Số tờ khai", "Số dòng hàng", "Trị giá (đồng)", "Thuế (đồng)"});
    for (const auto& x : a.months) {
      m.text(0, x.month), m.text(1, x.flow), m.number(2, double(x.declarations)), m.number(3, double(x.lines));
      m.number(4, double(x.value)), m.number(5, double(x.duty)), ++m.row;
    }
    const auto slices = [&](const char* name, const char* key, const std::vector<Slice>& list) {
      Sheet h = sheet(wb, name);
      h.header({key, "Số tờ khai", "Số dòng hàng", "Trị giá (đồng)", "Thuế (đồng)"});
      for (const auto& x : list) {
        h.text(0, x.key), h.number(1, double(x.declarations)), h.number(2, double(x.lines));
        h.number(3, double(x.value)), h.number(4, double(x.duty)), ++h.row;
      }
    };
    slices("Nhom hang", "Nhóm HS (4 số)", a.headings);
    slices("Xuat xu", "Nước xuất xứ", a.origins);
    slices("Phan luong", "Luồng", a.channels);
    slices("Chi cuc", "Chi cục", a.offices);
    Sheet k = sheet(wb, "Kiem tra");
    k.header({"Số đề xuất", "Năm", "Đơn vị", "Trạng thái", "Kỳ từ", "Kỳ đến", "Kết luận", "Ngày ký", "Số tiền (đồng)",
              "Đã thu (đồng)", "Quyết định xử phạt"});
    for (const auto& x : p.audits) {
      k.text(0, x.number), k.number(1, double(x.year)), k.text(2, x.unit_code + " " + x.unit_name), k.text(3, x.status);
      k.text(4, x.period_from), k.text(5, x.period_to), k.text(6, x.conclusion_number), k.text(7, x.conclusion_signed_on);
      k.number(8, double(x.amount)), k.number(9, double(x.collected)), k.number(10, double(x.penalties)), ++k.row;
    }
    workbook_close(wb);
  });
}

std::string candidates_xlsx(const store::RunRow& run, const std::vector<store::CandidateRow>& list) {
  return sheets::write_to_bytes([&](const std::string& path) {
    lxw_workbook* wb = workbook_new(path.c_str());
    Sheet s = sheet(wb, "Doi tuong");
    s.text(0, "Đợt phân tích số " + std::to_string(run.id) + " — bộ tiêu chí \"" + run.criteria_name + "\" v" +
                  std::to_string(run.criteria_version) + ", kỳ " + run.period_from + " – " + run.period_to);
    ++s.row;
    s.header({"Hạng", "Mã số thuế", "Tên doanh nghiệp", "Điểm", "Phân loại", "Lý do loại trừ", "Chi cục chính",
              "Các chỉ tiêu (giá trị / nhóm so sánh / điểm)"});
    for (const auto& c : list) {
      std::string reasons;
      const auto parsed = nlohmann::json::parse(c.reasons, nullptr, false);
      if (parsed.is_array())
        for (const auto& r : parsed) {
          char buffer[160];
          std::snprintf(buffer, sizeof buffer, "%s: %.4f%s / %.3f", r.value("code", "").c_str(), r.value("value", 0.0),
                        r.contains("peer") ? (" (" + std::to_string(r.value("peer", 0.0)) + ")").c_str() : "",
                        r.value("points", 0.0));
          reasons += (reasons.empty() ? "" : "; ") + std::string(buffer);
        }
      s.number(0, double(c.rank)), s.text(1, c.tax_code), s.text(2, c.name), s.number(3, c.score), s.text(4, c.klass);
      s.text(5, c.excluded_reason), s.text(6, c.home_office), s.text(7, reasons), ++s.row;
    }
    workbook_close(wb);
  });
}

}  // namespace hq::audit::risk
