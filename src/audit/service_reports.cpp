#include "audit/service.h"

#include <algorithm>

#include "audit/service_support.h"
#include "core/error.h"
#include "core/text.h"
#include "core/time.h"
#include "history/history_store.h"
#include "identity/units.h"
#include "platform/calendar_store.h"

namespace hq::audit {

// ---- deadlines ----

DeadlineBoard AuditService::deadlines(const core::Principal& caller, const std::string& unit_code) {
  require_audit_user(caller);
  return db_.read([&](soci::session& sql) {
    const std::string code = unit_code.empty() ? caller.unit_code : unit_code;
    const std::string path = visible_path(sql, caller, code);
    const core::Date day = today();
    DeadlineBoard board;
    board.unit_code = code;
    board.today = date_text(day);
    board.due_today = store::open_deadlines(sql, path, board.today, board.today, 200);
    board.late = store::open_deadlines(sql, path, "0000-01-01", date_text(core::add_days(day, -1)), 200);
    board.stats = store::deadline_stats(sql, path, board.today, date_text({day.year, 1, 1}));
    const auto counted = board.stats.done + board.stats.open_late;
    board.on_time_rate = counted ? static_cast<double>(board.stats.done_on_time) / static_cast<double>(counted) : 1.0;
    return board;
  });
}

// ---- reports ----

FormReport AuditService::report(const core::Principal& caller, Form form, const std::string& unit_code,
                                const core::Date& from, const core::Date& to) {
  require_audit_user(caller);
  if (to < from) core::bad_input("INVALID_PERIOD", "Ngày cuối kỳ báo cáo phải sau hoặc bằng ngày đầu kỳ.", {{"field", "to"}});
  return db_.read([&](soci::session& sql) {
    const std::string code = unit_code.empty() ? caller.unit_code : unit_code;
    const auto unit = readable_unit(sql, caller, code);
    std::vector<ReportUnit> units;
    for (const auto& u : identity::units_under(sql, unit.path)) units.push_back({u.code, u.name, u.level, u.path, u.parent_id, u.id});
    const ReportUnit self{unit.code, unit.name, unit.level, unit.path, unit.parent_id, unit.id};
    const std::string f = date_text(from), t = date_text(to);
    const auto facts =
        form == Form::F19
            ? store::form19_facts(sql, unit.path, f, t)
            : store::form20_facts(sql, unit.path, f, t, core::from_local({from, 0, 0, 0}),
                                  core::from_local({core::add_days(to, 1), 0, 0, 0}), date_text(today()));
    return build_report(form, self, units, facts, from, to, store::reconciled_units(sql, unit.path, form_code(form), f, t));
  });
}

void AuditService::reconcile(const core::Principal& caller, Form form, const std::string& unit_code,
                             const core::Date& from, const core::Date& to, const std::string& note) {
  require_audit_user(caller);
  if (to < from) core::bad_input("INVALID_PERIOD", "Ngày cuối kỳ báo cáo phải sau hoặc bằng ngày đầu kỳ.", {{"field", "to"}});
  db_.transaction([&](soci::session& sql) {
    const std::string code = unit_code.empty() ? caller.unit_code : unit_code;
    const auto unit = unit_named(sql, code);
    if (!may_record_for(caller, unit.path))
      core::forbidden("Chỉ công chức của đơn vị «" + code + "» hoặc cấp trên được xác nhận đối chiếu số liệu.");
    const std::string f = date_text(from), t = date_text(to);
    store::insert_reconciliation(sql, unit.id, form_code(form), f, t, note, caller.username, now());
    history::append(sql, caller, {"audit.report.reconcile", "audit_report", form_code(form) + ":" + code,
                                  "Đối chiếu số liệu " + form_code(form) + " đơn vị " + code + " kỳ " + f + " – " + t});
  });
}

// ---- feedback ----

store::Feedback AuditService::send_feedback(const core::Principal& caller, store::Feedback f) {
  require_audit_user(caller);
  if (core::trim(f.function_name).empty()) invalid("function_name", "Cần nêu tên chức năng.");
  if (core::trim(f.proposal).empty()) invalid("proposal", "Cần nêu đề nghị sửa đổi, bổ sung.");
  if (core::trim(f.reason).empty()) invalid("reason", "Cần nêu lý do sửa đổi, bổ sung.");
  return db_.transaction([&](soci::session& sql) {
    f.unit_id = caller.unit_id;
    f.unit_code = caller.unit_code;
    f.username = caller.username;
    f.created_at = now();
    f.status = "NEW";
    f.id = store::insert_feedback(sql, f);
    history::append(sql, caller, change("audit.feedback.create", "audit_feedback", f.id,
                                        "Đề nghị sửa đổi chức năng «" + f.function_name + "»"));
    return f;
  });
}

Page<store::Feedback> AuditService::feedback(const core::Principal& caller, std::int64_t offset, std::int64_t limit) {
  return db_.read([&](soci::session& sql) {
    std::string path;
    if (caller.is_platform_admin() || (caller.has_role("audit.leader") && in_audit_department(caller, department(sql))))
      path = "/";
    else if (caller.has_role("unit.admin"))
      path = caller.unit_path;
    else
      core::forbidden("Danh sách đề nghị sửa đổi chức năng dành cho quản trị viên.");
    Page<store::Feedback> page;
    page.items = store::list_feedback(sql, path, offset, limit, page.total);
    return page;
  });
}
}  // namespace hq::audit
