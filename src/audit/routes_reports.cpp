#include "audit/routes_json.h"

#include <algorithm>

#include "core/error.h"
#include "core/fields.h"
#include "core/text.h"
#include "core/time.h"
#include "http/json_input.h"

namespace hq::audit::routes {

void add_report_routes(http::Router& router, AuditService& service) {
  for (const Form form : {Form::F19, Form::F20}) {
    const std::string name = form == Form::F19 ? "form19" : "form20";
    router.add("GET", route("/reports/") + name, [&service, form, name](Request& request) {
      const core::Date today = core::to_local(core::now()).date;
      const core::Date from = request.query_date("from", {today.year, 1, 1});
      const core::Date to = request.query_date("to", today);
      const auto report = service.report(request.principal, form, request.query_text("unit"), from, to);
      const std::string format = request.query_text("format", "json");
      if (format == "xlsx")
        return Response::file("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", report_xlsx(report),
                              "mau" + name.substr(4) + "_" + report.unit.code + "_" + core::format_date(from) + "_" +
                                  core::format_date(to) + ".xlsx");
      if (format != "json") core::bad_input("INVALID_PARAMETER", "Tham số «format» phải là json hoặc xlsx.");
      return Response::ok(report_json(report));
    });
  }
  router.add("POST", route("/reports/reconciliations"), [&service](Request& request) {
    const json body = request.json_body();
    const auto form = parse_form(http::required_text(body, "form", 16));
    if (!form) http::invalid_field("form", "Mẫu báo cáo phải là form19 hoặc form20.");
    const auto unit = http::optional_text(body, "unit", 16).value_or("");
    const auto from = http::required_date(body, "from"), to = http::required_date(body, "to");
    service.reconcile(request.principal, *form, unit, from, to, http::optional_text(body, "note", 2000).value_or(""));
    return Response::created({{"form", form_code(*form)}, {"unit", unit.empty() ? request.principal.unit_code : unit},
                              {"from", core::format_date(from)}, {"to", core::format_date(to)}});
  });
  router.add("GET", route("/deadlines"), [&service](Request& request) {
    const auto board = service.deadlines(request.principal, request.query_text("unit"));
    return Response::ok({HQ_JSON_FIELDS(board, unit_code, today),
                         {"due_today", json_list(board.due_today, deadline_json)},
                         {"late", json_list(board.late, deadline_json)},
                         {"stats",
                          {{"done", board.stats.done},
                           {"done_on_time", board.stats.done_on_time},
                           {"open", board.stats.open},
                           {"open_late", board.stats.open_late},
                           {"due_today", board.stats.due_today}}},
                         {"on_time_rate", board.on_time_rate}});
  });
}

}  // namespace hq::audit::routes
