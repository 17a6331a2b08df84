#include "trs/engine/agency_list.h"

#include <xlsxwriter.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "core/error.h"

namespace hq::trs {
namespace {

constexpr const char* kUnnamed = "(chưa ghi tên cơ quan)";

std::string sci_text(const Record& r) {
  for (const ColumnDef& c : columns())
    if (c.name == "sci_kinds") return format_cell(c, r);
  return {};
}

void csv_cell(std::string& out, std::string_view v) {
  const bool quote = v.find_first_of(",\"\r\n") != std::string_view::npos;
  if (!quote) {
    out += v;
    return;
  }
  out += '"';
  for (char ch : v) {
    if (ch == '"') out += '"';
    out += ch;
  }
  out += '"';
}

constexpr std::string_view kHeadings[] = {"Cơ quan kiểm tra chuyên ngành", "Loại kiểm tra", "Số tờ khai",
                                          "Luồng hàng", "Chi cục", "Thời điểm đăng ký tờ khai", "Số vận đơn",
                                          "Số giấy đăng ký kiểm tra", "Số giấy chứng nhận / thông báo kết quả"};

std::vector<std::string> cells_of(const AgencyListRow& r) {
  return {r.agency.empty() ? std::string(kUnnamed) : r.agency,
          r.sci_kinds,
          r.declaration_no,
          r.flow,
          r.branch_code,
          r.registered_at ? format_local_time(*r.registered_at) : std::string(),
          r.bill_of_lading,
          r.registration_no,
          r.certificate_no};
}

}  // namespace

AgencyList::AgencyList(std::optional<StudySettings> study) : study_(std::move(study)) {}

void AgencyList::add(const Record& r) {
  if (r.sci_kinds == 0 || !r.flow) return;
  if (study_) {
    const UnixSeconds begin = study_->period_begin.value_or(core::from_local({study_->week_start}));
    const UnixSeconds end = study_->period_end.value_or(core::from_local({core::add_days(study_->week_start, 6)}));
    if (!r.registered_at || *r.registered_at < begin || *r.registered_at >= end) return;
    const auto& ex = study_->excluded_type_codes;
    if (std::find(ex.begin(), ex.end(), r.type_code) != ex.end()) return;
    const auto& br = study_->branches;
    if (!br.empty() && std::find(br.begin(), br.end(), r.branch_code) == br.end()) return;
  }
  AgencyListRow base;
  base.sci_kinds = sci_text(r);
  base.declaration_no = r.declaration_no;
  base.flow = std::string(to_string(*r.flow));
  base.branch_code = r.branch_code;
  base.bill_of_lading = r.bill_of_lading;
  base.registered_at = r.registered_at;
  bool listed = false;
  const auto block = [&](const char* name, const std::string& agency, const std::string& reg, const std::string& cert) {
    if (agency.empty() && reg.empty() && cert.empty()) return;
    AgencyListRow row = base;
    row.block = name;
    row.agency = agency;
    row.registration_no = reg;
    row.certificate_no = cert;
    rows_.push_back(std::move(row));
    listed = true;
  };
  block("ag1", r.ag1.name, r.ag1.registration_no, r.ag1.certificate_no);
  block("ag2", r.ag2.name, r.ag2.registration_no, r.ag2.certificate_no);
  block("qc", r.qc.name, r.qc.registration_no, r.qc.result_no);
  if (!listed) rows_.push_back(std::move(base));  // specialised inspection without any agency block: still sent
}

std::vector<AgencyListRow> AgencyList::finish() {
  std::stable_sort(rows_.begin(), rows_.end(), [](const AgencyListRow& a, const AgencyListRow& b) {
    if (a.agency.empty() != b.agency.empty()) return b.agency.empty();
    return std::tie(a.agency, a.declaration_no, a.block) < std::tie(b.agency, b.declaration_no, b.block);
  });
  return std::move(rows_);
}

std::string agency_list_csv(const std::vector<AgencyListRow>& rows) {
  std::string out = "\xEF\xBB\xBF";
  bool first = true;
  for (std::string_view h : kHeadings) {
    if (!first) out += ',';
    first = false;
    csv_cell(out, h);
  }
  out += "\r\n";
  for (const AgencyListRow& r : rows) {
    first = true;
    for (const std::string& c : cells_of(r)) {
      if (!first) out += ',';
      first = false;
      csv_cell(out, c);
    }
    out += "\r\n";
  }
  return out;
}

void write_agency_list_xlsx(const std::string& path, const std::vector<AgencyListRow>& rows) {
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) core::bad_input("XLSX_WRITE", "Không ghi được bảng tính " + path + ".");
  lxw_format* head = workbook_add_format(wb);
  format_set_bold(head);
  std::set<std::string> used;
  const auto sheet = [&](std::string name, const std::vector<const AgencyListRow*>& list) {
    // Excel: at most 31 characters (count UTF-8 code points), none of []:*?/\, unique names.
    for (char& ch : name)
      if (std::string_view("[]:*?/\\").find(ch) != std::string_view::npos) ch = ' ';
    std::string cut;
    std::size_t points = 0;
    for (unsigned char ch : name) {
      if ((ch & 0xC0) != 0x80 && ++points > 28) break;
      cut += static_cast<char>(ch);
    }
    std::string unique = cut;
    for (int k = 2; used.count(unique); ++k) unique = cut + " " + std::to_string(k);
    used.insert(unique);
    lxw_worksheet* ws = workbook_add_worksheet(wb, unique.c_str());
    lxw_col_t c = 0;
    for (std::string_view h : kHeadings) {
      worksheet_set_column(ws, c, c, c == 0 ? 36 : 20, nullptr);
      worksheet_write_string(ws, 0, c++, std::string(h).c_str(), head);
    }
    worksheet_freeze_panes(ws, 1, 0);
    lxw_row_t row = 1;
    for (const AgencyListRow* r : list) {
      c = 0;
      for (const std::string& v : cells_of(*r)) worksheet_write_string(ws, row, c++, v.c_str(), nullptr);
      ++row;
    }
  };
  std::vector<const AgencyListRow*> all;
  std::map<std::string, std::vector<const AgencyListRow*>> by_agency;
  for (const AgencyListRow& r : rows) {
    all.push_back(&r);
    by_agency[r.agency.empty() ? std::string(kUnnamed) : r.agency].push_back(&r);
  }
  sheet("Tất cả", all);
  std::size_t sheets = 0;
  for (const auto& [agency, list] : by_agency)
    if (++sheets <= 200) sheet(agency, list);
  if (workbook_close(wb) != LXW_NO_ERROR) core::bad_input("XLSX_WRITE", "Không ghi được bảng tính " + path + ".");
}

}  // namespace hq::trs
