#include "platform/calendar_routes.h"

#include "core/error.h"
#include "http/json_input.h"

namespace hq::platform {

using http::Request;
using http::Response;
using nlohmann::json;

namespace {

int year_param(const Request& request) {
  return static_cast<int>(request.query_int("year", core::to_local(core::now()).date.year, 1900, 2199));
}

json periods_json(const std::vector<core::WorkingPeriod>& periods) {
  json list = json::array();
  for (const auto& p : periods) list.push_back({{"start", format_clock(p.start_minute)}, {"end", format_clock(p.end_minute)}});
  return list;
}

std::vector<core::WorkingPeriod> periods_from(const json& body) {
  if (!body.contains("periods") || !body["periods"].is_array() || body["periods"].size() > 4)
    http::invalid_field("periods", "Trường «periods» phải là danh sách tối đa 4 khoảng {start, end}.");
  std::vector<core::WorkingPeriod> periods;
  for (const auto& item : body["periods"]) {
    auto start = parse_clock(http::required_text(item, "start", 5));
    auto end = parse_clock(http::required_text(item, "end", 5));
    if (!start || !end) http::invalid_field("periods", "Giờ phải có dạng HH:MM (ví dụ 07:30).");
    periods.push_back({*start, *end});
  }
  return periods;
}

}  // namespace

void add_calendar_routes(http::Router& router, CalendarService& service) {
  router.add("GET", "/api/v1/calendar/holidays", [&service](Request& request) {
    const int year = year_param(request);
    const auto calendar = service.calendar();
    const auto statutory = core::statutory_holidays(year);
    json items = json::array();
    for (const auto& holiday : calendar.holidays(year)) {
      const bool is_statutory = std::find(statutory.begin(), statutory.end(), holiday) != statutory.end();
      items.push_back({{"date", core::format_date(holiday.date)}, {"name", holiday.name},
                       {"source", is_statutory ? "STATUTORY" : "ADJUSTMENT"}});
    }
    return Response::ok({{"year", year}, {"items", items}});
  });
  router.add("GET", "/api/v1/calendar/adjustments", [&service](Request& request) {
    json items = json::array();
    for (const auto& a : service.adjustments(year_param(request)))
      items.push_back({{"id", a.id}, {"date", core::format_date(a.adjustment.date)}, {"working", a.adjustment.working},
                       {"name", a.adjustment.name}});
    return Response::ok({{"items", items}});
  });
  router.add("POST", "/api/v1/calendar/adjustments", [&service](Request& request) {
    const json body = request.json_body();
    const core::CalendarAdjustment adjustment{http::required_date(body, "date"), http::required_bool(body, "working"),
                                              http::required_text(body, "name", 200)};
    const auto stored = service.add_adjustment(request.principal, adjustment);
    return Response::created({{"id", stored.id}, {"date", core::format_date(adjustment.date)},
                              {"working", adjustment.working}, {"name", adjustment.name}});
  });
  router.add("DELETE", "/api/v1/calendar/adjustments/{id}", [&service](Request& request) {
    service.remove_adjustment(request.principal, request.id_param());
    return Response::ok({{"ok", true}});
  });
  router.add("GET", "/api/v1/calendar/working-hours", [&service](Request&) {
    return Response::ok({{"periods", periods_json(service.calendar().working_hours())}});
  });
  router.add("PUT", "/api/v1/calendar/working-hours", [&service](Request& request) {
    const auto periods = periods_from(request.json_body());
    service.set_working_hours(request.principal, periods);
    return Response::ok({{"periods", periods_json(periods)}});
  });
  router.add("GET", "/api/v1/calendar/month", [&service](Request& request) {
    const int year = year_param(request);
    const int month = static_cast<int>(request.query_int("month", 1, 1, 12));
    const auto calendar = service.calendar();
    json days = json::array();
    for (int day = 1; day <= core::days_in_month(year, month); ++day) {
      const core::Date date{year, month, day};
      const std::string holiday = calendar.holiday_name(date);
      const auto adjustment = calendar.adjustments().find(date);
      const bool makeup = adjustment != calendar.adjustments().end() && adjustment->second.working;
      days.push_back({{"date", core::format_date(date)},
                      {"working", calendar.is_working_day(date)},
                      {"weekday", core::weekday(date)},
                      {"holiday", holiday.empty() ? json(nullptr) : json(holiday)},
                      {"makeup", makeup}});
    }
    return Response::ok({{"year", year}, {"month", month}, {"days", days}});
  });
  router.add("GET", "/api/v1/calendar/add-working-days", [&service](Request& request) {
    const std::string from_text = request.query_text("from");
    auto from = core::parse_iso8601(from_text);
    if (!from) {
      if (auto local = core::parse_local_datetime(from_text)) from = core::from_local(*local);
      else if (auto date = core::parse_date(from_text)) from = core::from_local({*date, 0, 0, 0});
    }
    if (!from)
      core::bad_input("INVALID_PARAMETER", "Tham số «from» phải là thời điểm ISO-8601 (2025-06-16T08:30:00+07:00).",
                      {{"parameter", "from"}});
    const int days = static_cast<int>(request.query_int("days", 0, -3650, 3650));
    const auto result = service.calendar().add_working_days(*from, days);
    return Response::ok({{"from", core::format_iso8601(*from)}, {"days", days}, {"result", core::format_iso8601(result)}});
  });
}

}  // namespace hq::platform
