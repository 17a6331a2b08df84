#include "audit/list_export_calendar.h"
#include "audit/routes_escalations.h"
#include "audit/routes_json.h"
#include "core/error.h"
#include "core/time.h"
#include "http/json_input.h"

namespace hq::audit {

using namespace routes::names;

namespace {

json period_json(const PeriodView& v) {
  return {{"id", v.period.id},
          {"form", v.period.form},
          {"from", v.period.period_from},
          {"to", v.period.period_to},
          {"due_on", v.period.due_on},
          {"reminder_on", v.reminder_on},
          {"phase", period_phase_code(v.phase)},
          {"own_unit_code", routes::text_or_null(v.own_unit_code)},
          {"own_reconciled", v.own_reconciled},
          {"remind", v.remind},
          {"created_by", v.period.created_by}};
}

json status_json(const PeriodStatus& s) {
  json units = json::array();
  for (const auto& u : s.units)
    units.push_back({{"code", u.code},
                     {"name", u.name},
                     {"level", u.level},
                     {"parent_code", routes::text_or_null(u.parent_code)},
                     {"reconciled", u.reconciled},
                     {"late", u.late},
                     {"signed_by", routes::text_or_null(u.signed_by)},
                     {"signed_at", instant(u.signed_at)},
                     {"note", u.note},
                     {"chases", u.chases},
                     {"last_chased_by", routes::text_or_null(u.last_chased_by)},
                     {"last_chased_at", instant(u.last_chased_at)}});
  return {{"period", period_json(s.view)},
          {"unit_code", s.unit_code},
          {"reconciled", s.reconciled},
          {"missing", s.missing},
          {"units", units}};
}

}  // namespace

void add_report_calendar_routes(http::Router& router, AuditReportCalendar& calendar) {
  router.add("POST", route("/report-periods"), [&calendar](Request& request) {
    const json body = request.json_body();
    ReportPeriodInput input;
    input.form = http::required_text(body, "form", 16);
    input.from = http::required_date(body, "from");
    input.to = http::required_date(body, "to");
    input.due_on = http::required_date(body, "due_on");
    return Response::created(period_json(calendar.create(request.principal, input)));
  });
  router.add("GET", route("/report-periods"), [&calendar](Request& request) {
    const auto year = request.query_int("year", core::to_local(core::now()).date.year, 2000, 2100);
    const bool xlsx = routes::wants_xlsx(request);
    const auto list = calendar.periods(request.principal, year);
    if (xlsx) return routes::xlsx_list(report_periods_table(list), static_cast<std::int64_t>(list.size()), "lich-bao-cao");
    json items = json::array();
    for (const auto& v : list) items.push_back(period_json(v));
    return Response::ok({{"year", year}, {"items", items}});
  });
  router.add("GET", route("/report-periods/{id}/units"), [&calendar](Request& request) {
    const bool xlsx = routes::wants_xlsx(request);
    const auto status = calendar.status(request.principal, request.id_param(), request.query_text("unit"));
    if (xlsx)
      return routes::xlsx_list(period_status_table(status), static_cast<std::int64_t>(status.units.size()), "doi-chieu-bao-cao");
    return Response::ok(status_json(status));
  });
  router.add("POST", route("/report-periods/{id}/reconcile"), [&calendar](Request& request) {
    const json body = request.json_body();
    const auto unit = http::optional_text(body, "unit", 16).value_or("");
    const auto note = http::optional_text(body, "note", 2000).value_or("");
    return Response::ok(status_json(calendar.reconcile(request.principal, request.id_param(), unit, note)));
  });
  router.add("POST", route("/report-periods/{id}/chase"), [&calendar](Request& request) {
    const json body = request.json_body();
    return Response::ok(status_json(calendar.chase(request.principal, request.id_param(), http::required_text(body, "unit", 16))));
  });
}

}  // namespace hq::audit
