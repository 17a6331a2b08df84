#include "audit/forms.h"


#include <algorithm>
#include <functional>
#include <set>

#include <xlsxwriter.h>

#include "core/error.h"
#include "sheets/xlsx_output.h"

namespace hq::audit {

namespace {

const std::vector<FormColumn> kForm19 = {
    {"audits", "Số cuộc kiểm tra", "Audits", "Tổng số", "Audits", false, {"audits_premises", "audits_office"}, {}},
    {"audits_premises", "Số cuộc kiểm tra", "Audits",
     "Tại trụ sở người khai hải quan", "At the declarant's premises", false, {}, {}},
    {"audits_office", "Số cuộc kiểm tra", "Audits",
     "Tại trụ sở cơ quan hải quan", "At the customs office", false, {}, {}},
    {"audits_signs", "Căn cứ kiểm tra", "Grounds", "Dấu hiệu vi phạm", "Signs of violation", false, {}, {}},
    {"audits_risk", "Căn cứ kiểm tra", "Grounds", "Quản lý rủi ro", "Risk management", false, {}, {}},
    {"audits_compliance", "Căn cứ kiểm tra", "Grounds", "Đánh giá tuân thủ", "Compliance assessment", false, {}, {}},
    {"audits_other_grounds", "Căn cứ kiểm tra", "Grounds", "Căn cứ khác", "Other grounds", false, {}, {}},
    {"enterprises", "Đối tượng kiểm tra", "Audited", "Số doanh nghiệp", "Enterprises", false, {}, {}},
    {"declarations", "Đối tượng kiểm tra", "Audited", "Số tờ khai", "Declarations", false, {}, {}},
    {"conclusions", "Kết luận", "Conclusions", "Số kết luận đã ban hành", "Conclusions issued", false, {}, {}},
    {"audits_with_violations", "Kết luận", "Conclusions",
     "Số cuộc phát hiện vi phạm", "Audits with violations", false, {}, {}},
    // Penalty decisions (xử phạt VPHC) attached to approved conclusions, counted in the period they were signed;
    // their money is the conclusion's «penalty» column, not added twice.
    {"penalty_decisions", "Kết luận", "Conclusions",
     "Số quyết định xử phạt VPHC", "Penalty decisions", false, {}, {}},
    {"import_tax", "Số thuế ấn định (đồng)", "Tax assessed (VND)", "Thuế nhập khẩu", "Import duty", true, {}, {}},
    {"export_tax", "Số thuế ấn định (đồng)", "Tax assessed (VND)", "Thuế xuất khẩu", "Export duty", true, {}, {}},
    {"vat", "Số thuế ấn định (đồng)", "Tax assessed (VND)", "Thuế GTGT", "VAT", true, {}, {}},
    {"excise", "Số thuế ấn định (đồng)", "Tax assessed (VND)", "Thuế TTĐB", "Excise", true, {}, {}},
    {"environment", "Số thuế ấn định (đồng)", "Tax assessed (VND)",
     "Thuế BVMT", "Environmental protection tax", true, {}, {}},
    {"trade_remedy", "Số thuế ấn định (đồng)", "Tax assessed (VND)",
     "Thuế phòng vệ thương mại", "Trade remedy duties", true, {}, {}},
    {"tax_total", "Số thuế ấn định (đồng)", "Tax assessed (VND)", "Cộng tiền thuế", "Total tax",
     true, {"import_tax", "export_tax", "vat", "excise", "environment", "trade_remedy"}, {}},
    {"late_interest", "", "", "Tiền chậm nộp (đồng)", "Late-payment interest", true, {}, {}},
    {"penalty", "", "", "Tiền phạt VPHC (đồng)", "Penalties", true, {}, {}},
    {"total", "", "", "Tổng cộng (đồng)", "Total", true, {"tax_total", "late_interest", "penalty"}, {}},
    {"collected", "", "", "Đã thu nộp NSNN (đồng)", "Collected to the state budget", true, {}, {}},
    {"outstanding", "", "", "Còn phải thu (đồng)", "Outstanding", true, {"total"}, {"collected"}},
};

const std::vector<FormColumn> kForm20 = {
    {"collections_proposed", "Thu thập thông tin", "Information collection", "Đề xuất", "Proposed", false, {}, {}},
    {"collections_approved", "Thu thập thông tin", "Information collection",
     "Được phê duyệt", "Approved", false, {}, {}},
    {"collections_completed", "Thu thập thông tin", "Information collection",
     "Đã hoàn thành", "Completed", false, {}, {}},
    {"collections_with_findings", "Thu thập thông tin", "Information collection",
     "Có phát hiện", "With findings", false, {}, {}},
    {"proposals_proposed", "Đề xuất KTSTQ", "Audit proposals", "Đề xuất", "Proposed", false, {}, {}},
    {"proposals_approved", "Đề xuất KTSTQ", "Audit proposals", "Phê duyệt", "Approved", false, {}, {}},
    {"proposals_rejected", "Đề xuất KTSTQ", "Audit proposals", "Từ chối", "Rejected", false, {}, {}},
    {"proposals_paused", "Đề xuất KTSTQ", "Audit proposals", "Tạm dừng", "Paused", false, {}, {}},
    {"proposals_cancelled", "Đề xuất KTSTQ", "Audit proposals", "Hủy", "Cancelled", false, {}, {}},
    {"proposals_duplicates", "Đề xuất KTSTQ", "Audit proposals", "Cảnh báo trùng", "Duplicates flagged", false, {}, {}},
    {"decisions_original", "Quyết định KTSTQ", "Audit decisions", "Quyết định kiểm tra", "Original", false, {}, {}},
    {"decisions_amendment", "Quyết định KTSTQ", "Audit decisions", "Sửa đổi, bổ sung", "Amendment", false, {}, {}},
    {"decisions_extension", "Quyết định KTSTQ", "Audit decisions", "Gia hạn", "Extension", false, {}, {}},
    {"decisions_cancellation", "Quyết định KTSTQ", "Audit decisions", "Hủy bỏ", "Cancellation", false, {}, {}},
    {"overdue", "", "", "Việc quá hạn", "Overdue items", false, {}, {}},
};

bool under(const std::string& path, const std::string& prefix, bool exact) {
  return exact ? path == prefix : path.compare(0, prefix.size(), prefix) == 0;
}

}  // namespace

std::optional<Form> parse_form(const std::string& text) {
  if (text == "form19" || text == "19" || text == "FORM19") return Form::F19;
  if (text == "form20" || text == "20" || text == "FORM20") return Form::F20;
  return std::nullopt;
}

std::string form_code(Form form) { return form == Form::F19 ? "FORM19" : "FORM20"; }

std::string form_title(Form form) {
  return form == Form::F19 ? "Mẫu 19 – Báo cáo kết quả kiểm tra sau thông quan"
                           : "Mẫu 20 – Báo cáo thu thập thông tin và đề xuất kiểm tra sau thông quan";
}

const std::vector<FormColumn>& form_columns(Form form) { return form == Form::F19 ? kForm19 : kForm20; }

Figures aggregate(Form form, const std::vector<Fact>& facts, const std::string& path, bool exact) {
  Figures figures;
  std::map<std::string, std::set<std::int64_t>> distinct;
  for (const auto& column : form_columns(form)) figures[column.key] = 0;
  for (const auto& fact : facts) {
    if (!under(fact.unit_path, path, exact) || !figures.count(fact.key)) continue;
    if (fact.distinct)
      distinct[fact.key].insert(fact.distinct);
    else
      figures[fact.key] += fact.value;
  }
  for (const auto& [key, ids] : distinct) figures[key] = static_cast<std::int64_t>(ids.size());
  // Computed columns may refer to any other column (the layout puts "total" before its parts).
  const auto& columns = form_columns(form);
  std::set<std::string> done;
  std::function<std::int64_t(const std::string&, int)> value = [&](const std::string& key, int depth) -> std::int64_t {
    auto it = std::find_if(columns.begin(), columns.end(), [&](const FormColumn& c) { return c.key == key; });
    if (it == columns.end() || it->plus.empty() || done.count(key) || depth > 8) return figures[key];
    std::int64_t sum = 0;
    for (const auto& k : it->plus) sum += value(k, depth + 1);
    for (const auto& k : it->minus) sum -= value(k, depth + 1);
    done.insert(key);
    return figures[key] = sum;
  };
  for (const auto& column : columns) value(column.key, 0);
  return figures;
}

FormReport build_report(Form form, const ReportUnit& unit, const std::vector<ReportUnit>& units,
                        const std::vector<Fact>& facts, const core::Date& from, const core::Date& to,
                        const std::vector<std::string>& reconciled_codes) {
  FormReport report{form, unit, from, to, {}, {}, {}};
  const auto reconciled = [&](const std::string& code) {
    return std::find(reconciled_codes.begin(), reconciled_codes.end(), code) != reconciled_codes.end();
  };
  report.rows.push_back({unit, true, aggregate(form, facts, unit.path, true), reconciled(unit.code)});
  std::vector<ReportUnit> children;
  for (const auto& u : units)
    if (u.parent_id == unit.id && u.id != unit.id) children.push_back(u);
  std::sort(children.begin(), children.end(), [](const ReportUnit& a, const ReportUnit& b) { return a.code < b.code; });
  for (const auto& child : children)
    report.rows.push_back({child, false, aggregate(form, facts, child.path), reconciled(child.code)});
  report.total = aggregate(form, facts, unit.path);
  for (const auto& u : units)
    if (!reconciled(u.code)) report.not_reconciled.push_back(u.code);
  std::sort(report.not_reconciled.begin(), report.not_reconciled.end());
  return report;
}

namespace {

lxw_format* make_format(lxw_workbook* wb, bool bold, bool border, const char* number = nullptr) {
  lxw_format* f = workbook_add_format(wb);
  if (bold) format_set_bold(f);
  if (border) format_set_border(f, LXW_BORDER_THIN);
  format_set_text_wrap(f);
  format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
  if (number) format_set_num_format(f, number);
  return f;
}

void write_form(const FormReport& report, const std::string& path) {
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, form_code(report.form).c_str());
  lxw_format* title = make_format(wb, true, false);
  format_set_font_size(title, 13);
  lxw_format* head = make_format(wb, true, true);
  format_set_align(head, LXW_ALIGN_CENTER);
  lxw_format* text = make_format(wb, false, true);
  lxw_format* number = make_format(wb, false, true, "#,##0");
  lxw_format* total_text = make_format(wb, true, true);
  lxw_format* total_number = make_format(wb, true, true, "#,##0");

  const auto& columns = form_columns(report.form);
  const auto last_col = static_cast<lxw_col_t>(columns.size() + 1);
  worksheet_merge_range(ws, 0, 0, 0, last_col, form_title(report.form).c_str(), title);
  const std::string subtitle = "Đơn vị: " + report.unit.name + " (" + report.unit.code + ") — Kỳ báo cáo: từ " +
                               core::format_date(report.from) + " đến " + core::format_date(report.to);
  worksheet_merge_range(ws, 1, 0, 1, last_col, subtitle.c_str(), nullptr);

  // Two heading rows: the group above, the column below; a column without group spans both rows.
  const lxw_row_t top = 3, bottom = 4;
  worksheet_merge_range(ws, top, 0, bottom, 0, "Mã đơn vị", head);
  worksheet_merge_range(ws, top, 1, bottom, 1, "Tên đơn vị", head);
  for (std::size_t i = 0; i < columns.size();) {
    const auto col = static_cast<lxw_col_t>(i + 2);
    if (columns[i].group_vi.empty()) {
      worksheet_merge_range(ws, top, col, bottom, col, columns[i].heading_vi.c_str(), head);
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end + 1 < columns.size() && columns[end + 1].group_vi == columns[i].group_vi) ++end;
    const auto end_col = static_cast<lxw_col_t>(end + 2);
    if (end_col > col)
      worksheet_merge_range(ws, top, col, top, end_col, columns[i].group_vi.c_str(), head);
    else
      worksheet_write_string(ws, top, col, columns[i].group_vi.c_str(), head);
    for (std::size_t j = i; j <= end; ++j)
      worksheet_write_string(ws, bottom, static_cast<lxw_col_t>(j + 2), columns[j].heading_vi.c_str(), head);
    i = end + 1;
  }
  worksheet_set_column(ws, 0, 0, 10, nullptr);
  worksheet_set_column(ws, 1, 1, 42, nullptr);
  worksheet_set_column(ws, 2, last_col, 16, nullptr);
  worksheet_set_row(ws, bottom, 45, nullptr);

  lxw_row_t row = bottom + 1;
  const auto write_row = [&](const std::string& code, const std::string& name, const Figures& figures, bool bold) {
    worksheet_write_string(ws, row, 0, code.c_str(), bold ? total_text : text);
    worksheet_write_string(ws, row, 1, name.c_str(), bold ? total_text : text);
    for (std::size_t i = 0; i < columns.size(); ++i) {
      auto it = figures.find(columns[i].key);
      worksheet_write_number(ws, row, static_cast<lxw_col_t>(i + 2),
                             static_cast<double>(it == figures.end() ? 0 : it->second), bold ? total_number : number);
    }
    ++row;
  };
  for (const auto& r : report.rows)
    write_row(r.unit.code, r.own_only ? r.unit.name + " (trực tiếp thực hiện)" : r.unit.name, r.figures, false);
  write_row("", "Tổng cộng", report.total, true);
  if (!report.not_reconciled.empty()) {
    std::string missing = "Đơn vị chưa đối chiếu số liệu: ";
    for (std::size_t i = 0; i < report.not_reconciled.size(); ++i)
      missing += (i ? ", " : "") + report.not_reconciled[i];
    worksheet_write_string(ws, row + 1, 0, missing.c_str(), nullptr);
  }
  worksheet_freeze_panes(ws, bottom + 1, 2);
  worksheet_set_landscape(ws);
  worksheet_fit_to_pages(ws, 1, 0);
  if (workbook_close(wb) != LXW_NO_ERROR)
    throw core::Error(core::ErrorKind::Unavailable, "XLSX_WRITE", "Không tạo được bảng tính báo cáo.");
}

}  // namespace

std::string report_xlsx(const FormReport& report) {
  return sheets::write_to_bytes([&](const std::string& path) { write_form(report, path); });
}

}  // namespace hq::audit
