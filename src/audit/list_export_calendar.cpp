#include "audit/list_export_calendar.h"

#include "core/time.h"
#include "sheets/list_table.h"

namespace hq::audit {

namespace {

std::string local_time(std::int64_t t) { return t ? core::format_local_datetime(core::to_local(t)) : std::string(); }

std::string form_name(const std::string& code) { return code == "FORM19" ? "Mẫu 19" : "Mẫu 20"; }

}  // namespace

sheets::Table escalations_table(const std::vector<EscalationView>& list) {
  return sheets::list_table(
      "Chuyen cap tren", "Đề xuất trùng chuyển lãnh đạo cấp trên",
      {{"Mã số thuế", 16},      {"Tên doanh nghiệp", 36}, {"Đề xuất bị chặn", 18}, {"Đơn vị", 10},
       {"Đề xuất trước", 18},   {"Đơn vị", 10},           {"Cấp trên", 10},        {"Ngày chuyển", 12},
       {"Trạng thái", 28},      {"Người quyết định", 16}, {"Ý kiến", 36}},
      list, [](const EscalationView& v) -> std::vector<sheets::TableCell> {
        const auto& e = v.escalation;
        return {e.tax_code, e.enterprise_name, e.blocked_number, e.blocked_unit_code, e.blocking_number,
                e.blocking_unit_code, e.unit_code, v.escalates_on, escalation_state_name(v.state), e.decided_by, e.note};
      });
}

sheets::Table report_periods_table(const std::vector<PeriodView>& list) {
  return sheets::list_table(
      "Lich bao cao", "Lịch báo cáo mẫu 19, mẫu 20",
      {{"Mẫu", 10}, {"Kỳ từ", 12}, {"Kỳ đến", 12}, {"Bắt đầu đối chiếu", 16}, {"Hạn nộp", 12},
       {"Giai đoạn", 24}, {"Đơn vị của bạn", 14}, {"Đã đối chiếu", 12}},
      list, [](const PeriodView& v) -> std::vector<sheets::TableCell> {
        return {form_name(v.period.form), v.period.period_from, v.period.period_to, v.reminder_on, v.period.due_on,
                period_phase_name(v.phase), v.own_unit_code, std::string(v.own_reconciled ? "Có" : "")};
      });
}

sheets::Table period_status_table(const PeriodStatus& s) {
  return sheets::list_table(
      "Doi chieu",
      "Tình hình đối chiếu số liệu " + form_name(s.view.period.form) + " kỳ " + s.view.period.period_from + " – " +
          s.view.period.period_to + " (hạn " + s.view.period.due_on + ")",
      {{"Mã đơn vị", 10}, {"Tên đơn vị", 40}, {"Cấp", 10}, {"Đơn vị cấp trên", 12}, {"Đã đối chiếu", 12},
       {"Sau hạn", 10}, {"Người đối chiếu", 16}, {"Thời điểm", 17}, {"Số lần nhắc", 10}, {"Nhắc gần nhất", 17}},
      s.units, [](const auto& u) -> std::vector<sheets::TableCell> {
        return {u.code, u.name, u.level, u.parent_code, std::string(u.reconciled ? "Có" : "Chưa"),
                std::string(u.late ? "Có" : ""), u.signed_by, local_time(u.signed_at), double(u.chases),
                local_time(u.last_chased_at)};
      });
}

}  // namespace hq::audit
