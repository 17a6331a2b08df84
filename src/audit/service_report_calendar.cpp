#include "audit/service_report_calendar.h"

#include <algorithm>
#include <map>

#include "audit/service_support.h"
#include "audit/store.h"
#include "core/error.h"
#include "core/text.h"
#include "history/history_store.h"
#include "identity/units.h"
#include "platform/calendar_store.h"

namespace hq::audit {

namespace {

store::ReportPeriod period_or_404(soci::session& sql, std::int64_t id) {
  auto p = store::find_report_period(sql, id);
  if (!p)
    throw core::Error(core::ErrorKind::NotFound, "REPORT_PERIOD_NOT_FOUND",
                      "Không tìm thấy kỳ báo cáo số " + std::to_string(id) + ".");
  return *p;
}

std::string form_label(const std::string& code) { return code == "FORM19" ? "mẫu 19" : "mẫu 20"; }

std::string period_label(const store::ReportPeriod& p) {
  return form_label(p.form) + " kỳ " + p.period_from + " – " + p.period_to + " (hạn " + p.due_on + ")";
}

// The reporting unit a caller reconciles for by default: its own unit, or the unit its Phòng/Đội belongs to.
std::optional<identity::Unit> own_reporting_unit(soci::session& sql, const core::Principal& caller) {
  auto unit = identity::find_unit_by_id(sql, caller.unit_id);
  if (unit && !is_reporting_level(unit->level) && unit->level == "DOI") unit = identity::find_unit_by_id(sql, unit->parent_id);
  if (!unit || !is_reporting_level(unit->level)) return std::nullopt;
  return unit;
}

PeriodView view_of(soci::session& sql, const store::ReportPeriod& p, const core::WorkingCalendar& calendar,
                   const core::Date& today, const std::optional<identity::Unit>& own) {
  PeriodView v;
  v.period = p;
  const core::Date due = *core::parse_date(p.due_on);
  const core::Date reminder = reminder_day(calendar, due);
  v.reminder_on = core::format_date(reminder);
  v.phase = period_phase(reminder, due, today);
  if (own) {
    v.own_unit_code = own->code;
    const auto codes = store::reconciled_units(sql, own->path, p.form, p.period_from, p.period_to);
    v.own_reconciled = std::find(codes.begin(), codes.end(), own->code) != codes.end();
    v.remind = !v.own_reconciled && v.phase != PeriodPhase::Upcoming;
  }
  return v;
}

}  // namespace

PeriodView AuditReportCalendar::create(const core::Principal& caller, const ReportPeriodInput& input) {
  require_audit_user(caller);
  const auto form = parse_form(input.form);
  if (!form) core::bad_input("INVALID_FIELD", "Mẫu báo cáo phải là form19 hoặc form20.", {{"field", "form"}});
  if (const Problem problem = report_period_problem(input.from, input.to, input.due_on))
    core::bad_input(problem.code, problem.message, {{"field", problem.code == "INVALID_PERIOD" ? "to" : "due_on"}});
  return db_.transaction([&](soci::session& sql) {
    if (!may_keep_key_list(caller, department_path(sql)))
      core::forbidden("Chỉ lãnh đạo Cục Kiểm tra sau thông quan hoặc quản trị hệ thống được lập lịch báo cáo.");
    store::ReportPeriod p;
    p.form = form_code(*form);
    p.period_from = core::format_date(input.from);
    p.period_to = core::format_date(input.to);
    p.due_on = core::format_date(input.due_on);
    p.created_by = caller.username;
    p.created_at = clock_();
    p.id = store::insert_report_period(sql, p);
    if (!p.id)
      core::conflict("REPORT_PERIOD_EXISTS", "Lịch báo cáo đã có " + form_label(p.form) + " kỳ " + p.period_from + " – " +
                                                 p.period_to + ".");
    history::append(sql, caller, change("audit.report_period.create", "audit_report", p.id, "Lập lịch báo cáo " + period_label(p)));
    return view_of(sql, p, platform::load_calendar(sql), core::to_local(clock_()).date, own_reporting_unit(sql, caller));
  });
}

std::vector<PeriodView> AuditReportCalendar::periods(const core::Principal& caller, std::int64_t year) {
  require_audit_user(caller);
  if (year < 2000 || year > 2100) core::bad_input("INVALID_PARAMETER", "Năm phải từ 2000 đến 2100.", {{"field", "year"}});
  return db_.read([&](soci::session& sql) {
    const auto calendar = platform::load_calendar(sql);
    const core::Date today = core::to_local(clock_()).date;
    const auto own = own_reporting_unit(sql, caller);
    std::vector<PeriodView> list;
    const std::string y = std::to_string(year);
    for (const auto& p : store::report_periods(sql, y + "-01-01", y + "-12-31")) list.push_back(view_of(sql, p, calendar, today, own));
    return list;
  });
}

namespace {

PeriodStatus status_of(soci::session& sql, const core::Principal& caller, const store::ReportPeriod& p,
                       const identity::Unit& root, const core::Date& today) {
  PeriodStatus s;
  const auto calendar = platform::load_calendar(sql);
  s.view = view_of(sql, p, calendar, today, own_reporting_unit(sql, caller));
  s.unit_code = root.code;
  std::map<std::int64_t, store::PeriodUnitStatus> by_unit;
  for (auto& st : store::period_unit_statuses(sql, p, root.path)) by_unit[st.unit_id] = st;
  std::map<std::int64_t, std::string> codes;
  const auto units = identity::units_under(sql, root.path);
  for (const auto& u : units) codes[u.id] = u.code;
  const std::int64_t due_end = core::from_local({core::add_days(*core::parse_date(p.due_on), 1), 0, 0, 0});
  for (const auto& u : units) {
    if (!is_reporting_level(u.level)) continue;
    PeriodUnitRow row;
    row.code = u.code, row.name = u.name, row.level = u.level;
    row.parent_code = codes.count(u.parent_id) ? codes[u.parent_id] : "";
    if (auto it = by_unit.find(u.id); it != by_unit.end()) {
      const auto& st = it->second;
      row.reconciled = st.signed_at != 0;
      row.late = row.reconciled && st.signed_at >= due_end;
      row.signed_by = st.signed_by, row.note = st.note, row.signed_at = st.signed_at;
      row.chases = st.chases, row.last_chased_at = st.last_chased_at, row.last_chased_by = st.last_chased_by;
    }
    (row.reconciled ? s.reconciled : s.missing) += 1;
    s.units.push_back(std::move(row));
  }
  // Those still missing first (what the level above chases), then by code.
  std::stable_sort(s.units.begin(), s.units.end(), [](const PeriodUnitRow& a, const PeriodUnitRow& b) {
    return a.reconciled != b.reconciled ? !a.reconciled : a.code < b.code;
  });
  return s;
}

// The unit whose subtree a status covers: the one named, else the caller's unit (the whole tree for the audit
// department and platform administrators); 403 outside what the caller may read.
identity::Unit status_root(soci::session& sql, const core::Principal& caller, const std::string& unit_code) {
  const std::string department = department_path(sql);
  if (unit_code.empty()) {
    if (caller.is_platform_admin() || in_audit_department(caller, department)) {
      const auto all = identity::units_under(sql, "/");
      if (!all.empty()) return all.front();
    }
    if (auto own = identity::find_unit_by_id(sql, caller.unit_id)) return *own;
    core::not_found("Không tìm thấy đơn vị của bạn.");
  }
  auto unit = identity::find_unit(sql, unit_code);
  if (!unit) throw core::Error(core::ErrorKind::NotFound, "UNIT_NOT_FOUND", "Không tìm thấy đơn vị «" + unit_code + "».");
  if (!may_read_unit(caller, unit->path, department))
    core::forbidden("Đơn vị «" + unit_code + "» nằm ngoài phạm vi đơn vị của bạn.");
  return *unit;
}

}  // namespace

PeriodStatus AuditReportCalendar::status(const core::Principal& caller, std::int64_t period_id, const std::string& unit_code) {
  require_audit_user(caller);
  return db_.read([&](soci::session& sql) {
    const auto p = period_or_404(sql, period_id);
    return status_of(sql, caller, p, status_root(sql, caller, unit_code), core::to_local(clock_()).date);
  });
}

PeriodStatus AuditReportCalendar::reconcile(const core::Principal& caller, std::int64_t period_id,
                                            const std::string& unit_code, const std::string& note) {
  require_audit_user(caller);
  return db_.transaction([&](soci::session& sql) {
    const auto p = period_or_404(sql, period_id);
    std::optional<identity::Unit> unit = unit_code.empty() ? own_reporting_unit(sql, caller) : identity::find_unit(sql, unit_code);
    if (!unit && !unit_code.empty())
      throw core::Error(core::ErrorKind::NotFound, "UNIT_NOT_FOUND", "Không tìm thấy đơn vị «" + unit_code + "».");
    if (!unit || !is_reporting_level(unit->level))
      core::bad_input("NOT_A_REPORTING_UNIT", "Chỉ Cục và Chi cục đối chiếu số liệu báo cáo; hãy chọn đơn vị báo cáo.",
                      {{"field", "unit"}});
    if (!may_record_for(caller, unit->path))
      core::forbidden("Chỉ công chức của đơn vị «" + unit->code + "» hoặc cấp trên được xác nhận đối chiếu số liệu.");
    const core::Date today = core::to_local(clock_()).date;
    const auto view = view_of(sql, p, platform::load_calendar(sql), today, std::nullopt);
    if (view.phase == PeriodPhase::Upcoming)
      core::conflict("RECONCILE_NOT_OPEN", "Việc đối chiếu " + period_label(p) + " bắt đầu từ ngày " + view.reminder_on +
                                               " (02 ngày làm việc trước hạn nộp).",
                     {{"reminder_on", view.reminder_on}});
    const std::int64_t at = clock_();
    store::insert_reconciliation(sql, unit->id, p.form, p.period_from, p.period_to, core::trim(note), caller.username, at);
    history::append(sql, caller, {"audit.report.reconcile", "audit_report", p.form + ":" + unit->code,
                                  "Đối chiếu số liệu " + period_label(p) + " đơn vị " + unit->code +
                                      (today > *core::parse_date(p.due_on) ? " (sau hạn)" : "")});
    return status_of(sql, caller, p, *unit, today);
  });
}

PeriodStatus AuditReportCalendar::chase(const core::Principal& caller, std::int64_t period_id, const std::string& unit_code) {
  require_audit_user(caller);
  if (unit_code.empty()) core::bad_input("INVALID_FIELD", "Cần chọn đơn vị được nhắc.", {{"field", "unit"}});
  return db_.transaction([&](soci::session& sql) {
    const auto p = period_or_404(sql, period_id);
    const auto unit = identity::find_unit(sql, unit_code);
    if (!unit || !may_read_unit(caller, unit->path, department_path(sql)))
      throw core::Error(core::ErrorKind::NotFound, "UNIT_NOT_FOUND", "Không tìm thấy đơn vị «" + unit_code + "».");
    if (!is_reporting_level(unit->level))
      core::bad_input("NOT_A_REPORTING_UNIT", "Chỉ Cục và Chi cục đối chiếu số liệu báo cáo.", {{"field", "unit"}});
    // The level above: a leader of a unit strictly above, or of the audit department that consolidates the forms.
    const bool above = caller.unit_id != unit->id && caller.sees_unit(unit->path);
    if (!is_audit_leader(caller) || !(above || caller.is_platform_admin() || in_audit_department(caller, department_path(sql))))
      core::forbidden("Chỉ lãnh đạo đơn vị cấp trên của «" + unit->code + "» hoặc Cục Kiểm tra sau thông quan được nhắc đối chiếu.");
    const core::Date today = core::to_local(clock_()).date;
    const auto view = view_of(sql, p, platform::load_calendar(sql), today, std::nullopt);
    if (view.phase == PeriodPhase::Upcoming)
      core::conflict("RECONCILE_NOT_OPEN", "Chưa đến thời gian đối chiếu " + period_label(p) + " (từ ngày " + view.reminder_on + ").",
                     {{"reminder_on", view.reminder_on}});
    const auto done = store::reconciled_units(sql, unit->path, p.form, p.period_from, p.period_to);
    if (std::find(done.begin(), done.end(), unit->code) != done.end())
      core::conflict("ALREADY_RECONCILED", "Đơn vị " + unit->code + " đã đối chiếu số liệu " + period_label(p) + ".");
    const std::int64_t at = clock_();
    store::insert_chase(sql, p.id, unit->id, caller.username, at);
    notify_unit(sql, unit->id, "RECONCILE_CHASE", "audit_report_period", p.id,
                "Đơn vị " + caller.unit_code + " nhắc đơn vị " + unit->code + " kiểm tra, đối chiếu số liệu " + period_label(p) +
                    " trên hệ thống.",
                at);
    history::append(sql, caller, {"audit.report.chase", "audit_report", p.form + ":" + unit->code,
                                  "Nhắc đơn vị " + unit->code + " đối chiếu số liệu " + period_label(p)});
    return status_of(sql, caller, p, status_root(sql, caller, ""), today);
  });
}

}  // namespace hq::audit
