// The report as a workbook (libxlsxwriter): one sheet per section, Vietnamese headings, durations both as
// hours (number) and as [h]:mm:ss (an Excel duration, so sums and averages still work in Excel).
#include <xlsxwriter.h>

#include <algorithm>
#include <initializer_list>

#include "core/error.h"
#include "trs/engine/intervals.h"
#include "trs/engine/report.h"
#include "trs/engine/report_labels.h"

namespace hq::trs {
namespace {

struct Formats {
  lxw_format *head, *hours, *hms, *share, *wrap;
};

class Sheet {
 public:
  Sheet(lxw_workbook* wb, const Formats& f, const char* name) : ws_(workbook_add_worksheet(wb, name)), f_(f) {}

  void headings(std::initializer_list<std::string_view> names, double width = 14) {
    headings(std::vector<std::string>(names.begin(), names.end()), width);
  }
  void headings(const std::vector<std::string>& names, double width = 14) {
    lxw_col_t c = 0;
    for (const std::string& n : names) {
      worksheet_set_column(ws_, c, c, width, nullptr);
      worksheet_write_string(ws_, row_, c++, n.c_str(), f_.head);
    }
    worksheet_freeze_panes(ws_, row_ + 1, 0);
    next_row();
  }
  Sheet& text(std::string_view s) {
    worksheet_write_string(ws_, row_, col_++, std::string(s).c_str(), nullptr);
    return *this;
  }
  Sheet& count(std::size_t n) {
    worksheet_write_number(ws_, row_, col_++, static_cast<double>(n), nullptr);
    return *this;
  }
  Sheet& number(double v, lxw_format* f) {
    worksheet_write_number(ws_, row_, col_++, v, f);
    return *this;
  }
  Sheet& hours(double h) { return number(h, f_.hours).number(h / 24.0, f_.hms); }  // two columns
  Sheet& share(double s) { return number(s, f_.share); }
  Sheet& blank(int n = 1) {
    col_ += static_cast<lxw_col_t>(n);
    return *this;
  }
  void next_row() {
    ++row_;
    col_ = 0;
  }
  void summary(const Summary& s) {
    count(s.n);
    if (s.n == 0) return;
    for (double h : {s.mean_hours, s.median_hours, s.p75_hours, s.p90_hours, s.p95_hours, s.min_hours, s.max_hours})
      hours(h);
    for (double w : {s.within_1h, s.within_4h, s.within_24h, s.within_48h}) share(w);
  }

 private:
  lxw_worksheet* ws_;
  const Formats& f_;
  lxw_row_t row_ = 0;
  lxw_col_t col_ = 0;
};

#define HQ_TRS_SUMMARY_HEADINGS                                                                               \
  "Số quan sát", "Trung bình (giờ)", "Trung bình (h:mm:ss)", "Trung vị (giờ)", "Trung vị (h:mm:ss)",        \
      "P75 (giờ)", "P75 (h:mm:ss)", "P90 (giờ)", "P90 (h:mm:ss)", "P95 (giờ)", "P95 (h:mm:ss)", "Nhỏ nhất (giờ)", \
      "Nhỏ nhất (h:mm:ss)", "Lớn nhất (giờ)", "Lớn nhất (h:mm:ss)", "Trong 1 giờ", "Trong 4 giờ", "Trong 24 giờ",  \
      "Trong 48 giờ"

void overview(Sheet& s, const Report& r) {
  s.headings({"Chỉ tiêu", "Giá trị"}, 40);
  const RecordCounts& c = r.records;
  const std::pair<std::string_view, std::size_t> lines[] = {
      {"Tổng số tờ khai trong tệp", c.total},     {"Số tờ khai được phân tích", c.analysed},
      {"Số tờ khai loại khỏi mẫu", c.excluded},    {"Số tờ khai chưa đủ thông tin", c.incomplete},
      {"Loại: dòng không tách được cột", c.rejected_rows}, {"Loại: có ô không hợp lệ", c.invalid_rows},
      {"Loại: thiếu/sai luồng hàng (flow)", c.no_flow},    {"Loại: trùng số tờ khai", c.duplicates},
      {"Loại: đăng ký ngoài tuần đo", c.outside_week},      {"Loại: loại hình bị loại trừ", c.excluded_type},
      {"Loại: chi cục không tham gia", c.other_branch}};
  for (const auto& [label, n] : lines) {
    s.text(label).count(n);
    s.next_row();
  }
}

// The statistics table (elapsed or working time): one row per interval, flow and group.
void stat_rows(Sheet& sheet, const std::vector<StatRow>& rows) {
  sheet.headings({"Khoảng", "Tên khoảng", "Luồng hàng", "Nhóm theo", "Nhóm", HQ_TRS_SUMMARY_HEADINGS});
  for (const StatRow& row : rows) {
    const IntervalDef& d = intervals()[static_cast<std::size_t>(interval_index(row.interval))];
    sheet.text(row.interval).text(d.name_vi).text(row.flow).text(by_label(row.by)).text(group_label(row.by, row.group));
    sheet.summary(row.stats);
    sheet.next_row();
  }
}

}  // namespace

void write_xlsx(const std::string& path, const Report& r, std::span<const ComparisonRow> comparison) {
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) core::bad_input("XLSX_WRITE", "Không tạo được bảng tính " + path + ".");
  Formats f{workbook_add_format(wb), workbook_add_format(wb), workbook_add_format(wb), workbook_add_format(wb),
            workbook_add_format(wb)};
  format_set_bold(f.head);
  format_set_text_wrap(f.head);
  format_set_bg_color(f.head, 0xDDEBF7);
  format_set_num_format(f.hours, "0.00");
  format_set_num_format(f.hms, "[h]:mm:ss");
  format_set_num_format(f.share, "0.0%");
  format_set_text_wrap(f.wrap);

  Sheet over(wb, f, "Tổng quan");
  overview(over, r);

  Sheet stats(wb, f, "Thống kê");
  stat_rows(stats, r.rows);
  if (r.settings.working_week) {
    Sheet work(wb, f, "Giờ hành chính");
    stat_rows(work, r.working_rows);
  }

  Sheet wbs(wb, f, "Ngân hàng Thế giới");
  wbs.headings({"Chỉ số", "Mô tả", "Khoảng", "Luồng hàng", HQ_TRS_SUMMARY_HEADINGS});
  for (const WorldBankRow& w : r.world_bank) {
    wbs.text(w.id).text(w.description_vi).text(w.interval).text(w.flow);
    wbs.summary(w.stats);
    wbs.next_row();
  }

  Sheet att(wb, f, "Phân bổ thời gian");
  att.headings({"Khoảng", "Luồng hàng", "Nhóm", "Số tờ khai", "Tổng TB (giờ)", "Tổng TB (h:mm:ss)", "Hải quan (giờ)",
                "Hải quan (h:mm:ss)", "Cơ quan khác (giờ)", "Cơ quan khác (h:mm:ss)", "Người khai (giờ)",
                "Người khai (h:mm:ss)", "Tỷ lệ hải quan", "Tỷ lệ cơ quan khác", "Tỷ lệ người khai"});
  for (const AttributionRow& a : r.attribution) {
    att.text(a.interval).text(a.flow).text(group_label("channel", a.group)).count(a.n);
    att.hours(a.mean_hours).hours(a.customs_hours).hours(a.agencies_hours).hours(a.declarant_hours);
    att.share(a.customs_share).share(a.agencies_share).share(a.declarant_share);
    att.next_row();
  }

  Sheet delays(wb, f, "Lý do chậm");
  delays.headings({"Luồng hàng", "Mã lý do", "Lý do", "Số tờ khai", "Tỷ lệ", "Số có T2", "T2 trung vị (giờ)",
                   "T2 trung vị (h:mm:ss)"});
  for (const DelayReasonRow& d : r.delay_reasons) {
    delays.text(d.flow).text(d.reason).text(delay_reason_label(d.reason)).count(d.count).share(d.share).count(d.t2_n);
    if (d.t2_median_hours) delays.hours(*d.t2_median_hours);
    delays.next_row();
  }

  Sheet curve(wb, f, "Đường tích lũy");
  curve.headings({"Khoảng", "Luồng hàng", "Nhóm", "Số quan sát", "Trong x giờ", "Tỷ lệ hoàn thành"});
  for (const CumulativeRow& c : r.cumulative)
    for (const auto& [h, share] : c.points) {
      curve.text(c.interval).text(c.flow).text(group_label("channel", c.group)).count(c.n).number(h, f.hours).share(share);
      curve.next_row();
    }

  Sheet ci(wb, f, "Khoảng tin cậy");
  ci.headings({"Khoảng", "Luồng hàng", "Nhóm theo", "Nhóm", "Số quan sát", "Trung vị (giờ)", "Trung vị (h:mm:ss)",
               "Cận dưới 95% (giờ)", "Cận dưới (h:mm:ss)", "Cận trên 95% (giờ)", "Cận trên (h:mm:ss)", "Phương pháp"});
  for (const MedianCiRow& m : r.median_ci) {
    ci.text(m.interval).text(m.flow).text(by_label(m.by)).text(group_label(m.by, m.group)).count(m.n);
    ci.hours(m.median_hours).hours(m.ci.low_hours).hours(m.ci.high_hours).text(m.ci.method);
    ci.next_row();
  }

  if (!comparison.empty()) {
    Sheet cmp(wb, f, "So sánh");
    cmp.headings({"Khoảng", "Luồng hàng", "Nhóm theo", "Nhóm", "n (A)", "n (B)", "Trung vị A (giờ)",
                  "Trung vị A (h:mm:ss)", "Trung vị B (giờ)", "Trung vị B (h:mm:ss)", "Thay đổi (giờ)", "Thay đổi (%)",
                  "Trung bình A (giờ)", "Trung bình A (h:mm:ss)", "Trung bình B (giờ)", "Trung bình B (h:mm:ss)",
                  "Thay đổi trung bình (giờ)", "Thay đổi trung bình (%)"});
    for (const ComparisonRow& c : comparison) {
      cmp.text(c.interval).text(c.flow).text(by_label(c.by)).text(group_label(c.by, c.group)).count(c.n_a).count(c.n_b);
      c.median_a ? cmp.hours(*c.median_a) : cmp.blank(2);
      c.median_b ? cmp.hours(*c.median_b) : cmp.blank(2);
      if (c.median_change_hours) cmp.number(*c.median_change_hours, f.hours);
      else cmp.blank();
      if (c.median_change_pct) cmp.number(*c.median_change_pct / 100.0, f.share);
      else cmp.blank();
      c.mean_a ? cmp.hours(*c.mean_a) : cmp.blank(2);
      c.mean_b ? cmp.hours(*c.mean_b) : cmp.blank(2);
      if (c.mean_change_hours) cmp.number(*c.mean_change_hours, f.hours);
      else cmp.blank();
      if (c.mean_change_pct) cmp.number(*c.mean_change_pct / 100.0, f.share);
      cmp.next_row();
    }
  }

  const auto agency_sheet = [&](const char* sheet, const char* first, const std::vector<AgencyResultRow>& rows,
                                bool with_ministry) {
    if (rows.empty()) return;
    Sheet ag(wb, f, sheet);
    std::vector<std::string> headings = {first};
    if (with_ministry) headings.push_back("Bộ, ngành");
    for (const char* h : {"Luồng hàng", "Số khối", "Đăng ký → lấy mẫu: trung vị (giờ)", "Lấy mẫu → kết quả: trung vị (giờ)",
                          "Đăng ký → kết quả: trung vị (giờ)", "Kết quả → giao hải quan: trung vị (giờ)",
                          "Đăng ký → giao hải quan: trung vị (giờ)", "Đăng ký → giao hải quan: trung bình (giờ)",
                          "Tỷ trọng trong thời gian giải phóng hàng"})
      headings.push_back(h);
    const bool outside = std::any_of(rows.begin(), rows.end(), [](const AgencyResultRow& a) { return a.outside_window > 0; });
    if (outside) headings.push_back("Ngoài khoảng lấy mẫu (không tính)");
    ag.headings(headings);
    for (const AgencyResultRow& a : rows) {
      ag.text(a.agency);
      if (with_ministry) ag.text(a.ministry);
      ag.text(a.flow).count(a.n);
      for (const Summary* s : {&a.registration_to_sampling, &a.sampling_to_result, &a.registration_to_result,
                               &a.result_to_handover, &a.registration_to_handover})
        s->n ? ag.number(s->median_hours, f.hours) : ag.blank();
      a.registration_to_handover.n ? ag.number(a.registration_to_handover.mean_hours, f.hours) : ag.blank();
      a.share_n ? ag.number(a.release_share, f.share) : ag.blank();
      if (outside) ag.count(a.outside_window);
      ag.next_row();
    }
  };
  const bool by_ministry = !r.settings.agency_ministries.empty();
  agency_sheet("Cơ quan KTCN", "Cơ quan kiểm tra chuyên ngành", r.agencies, by_ministry);
  agency_sheet("Bộ, ngành", "Bộ, ngành", r.ministries, false);

  if (!r.sampling.empty()) {
    Sheet sampling(wb, f, "Chọn mẫu khoảng 3");
    sampling.headings({"Chi cục", "Quy tắc chọn mẫu", "Số tờ khai phân tích", "Giữ cho khoảng (3)", "Bỏ khỏi khoảng (3)"});
    for (const SamplingRow& sr : r.sampling) {
      sampling.text(sr.branch.empty() ? "(không ghi)" : sr.branch)
          .text(sr.rule == SamplingRule::WedFri ? "Thứ Tư – thứ Sáu (WED_FRI)" : "Cả tuần (FULL_WEEK)")
          .count(sr.records)
          .count(sr.t3_kept)
          .count(sr.t3_left_out);
      sampling.next_row();
    }
  }

  Sheet issues(wb, f, "Vấn đề dữ liệu");
  issues.headings({"Dòng", "Số tờ khai", "Mã", "Cột", "Giá trị", "Nội dung"}, 16);
  for (const Issue& i : r.issues) {
    issues.count(i.line).text(i.declaration_no).text(i.code).text(i.column).text(i.value).text(i.message);
    issues.next_row();
  }

  Sheet defs(wb, f, "Định nghĩa khoảng");
  defs.headings({"Khoảng", "Tên", "Name", "Từ", "Đến"}, 30);
  for (const IntervalDef& d : intervals())
    for (const IntervalSpan& s : d.spans) {
      defs.text(d.id).text(d.name_vi).text(d.name_en).text(s.from);
      defs.text(s.to_alt.empty() ? std::string(s.to) : "max(" + std::string(s.to) + ", " + std::string(s.to_alt) + ")");
      defs.next_row();
    }

  if (workbook_close(wb) != LXW_NO_ERROR) core::bad_input("XLSX_WRITE", "Không ghi được bảng tính " + path + ".");
}

}  // namespace hq::trs
