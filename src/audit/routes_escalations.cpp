#include "audit/routes_escalations.h"

#include "audit/list_export_calendar.h"
#include "audit/routes_json.h"
#include "core/error.h"
#include "http/json_input.h"

namespace hq::audit {

using namespace routes::names;

namespace {

json proposal_side(std::int64_t id, const std::string& number, const std::string& status, const std::string& unit_code) {
  return {{"id", id}, {"number", number}, {"status", status}, {"unit_code", unit_code}};
}

json escalation_json(const EscalationView& v) {
  const auto& e = v.escalation;
  const json blocked = proposal_side(e.blocked_id, e.blocked_number, e.blocked_status, e.blocked_unit_code);
  const json blocking = proposal_side(e.blocking_id, e.blocking_number, e.blocking_status, e.blocking_unit_code);
  return {{"id", e.id},
          {"tax_code", e.tax_code},
          {"enterprise_name", e.enterprise_name},
          {"blocked", blocked},
          {"blocking", blocking},
          {"unit_code", e.unit_code},
          {"unit_name", e.unit_name},
          {"blocked_since", instant(e.blocked_since)},
          {"escalates_on", v.escalates_on},
          {"state", escalation_state_code(v.state)},
          {"decided_by", routes::text_or_null(e.decided_by)},
          {"decided_at", instant(e.decided_at)},
          {"note", e.note},
          {"may_decide", v.may_decide}};
}

json notice_json(const store::Notice& n) {
  return {{"id", n.id},
          {"unit_code", n.unit_code},
          {"kind", n.kind},
          {"entity_type", n.entity_type},
          {"entity_id", n.entity_id},
          {"message", n.message},
          {"created_at", instant(n.created_at)},
          {"read_by", routes::text_or_null(n.read_by)},
          {"read_at", instant(n.read_at)}};
}

}  // namespace

void add_escalation_routes(http::Router& router, AuditEscalations& escalations) {
  router.add("GET", route("/settings/escalation"), [&escalations](Request& request) {
    return Response::ok({{"escalation_working_days", escalations.working_days(request.principal)}});
  });
  router.add("PUT", route("/settings/escalation"), [&escalations](Request& request) {
    const json body = request.json_body();
    const auto days = http::required_int(body, "escalation_working_days", 1, kMaxEscalationWorkingDays);
    return Response::ok({{"escalation_working_days",
                          escalations.set_working_days(request.principal, static_cast<int>(days))}});
  });
  router.add("GET", route("/escalations"), [&escalations](Request& request) {
    const std::string state_text = request.query_text("state");
    const auto state = parse_escalation_state(state_text);
    if (!state_text.empty() && !state)
      core::bad_input("INVALID_PARAMETER", "Tham số «state» phải là WAITING, ESCALATED, PROCEED, KEEP hoặc MOOT.",
                      {{"parameter", "state"}});
    const bool xlsx = routes::wants_xlsx(request);
    const auto list = escalations.list(request.principal, state);
    if (xlsx) return routes::xlsx_list(escalations_table(list), static_cast<std::int64_t>(list.size()), "chuyen-cap-tren");
    const http::Paging p = http::paging(request);
    json items = json::array();
    for (auto i = static_cast<std::size_t>(p.offset()); i < list.size() && items.size() < static_cast<std::size_t>(p.page_size); ++i)
      items.push_back(escalation_json(list[i]));
    return Response::ok(http::page_json(items, static_cast<std::int64_t>(list.size()), p));
  });
  router.add("POST", route("/escalations/{id}/decide"), [&escalations](Request& request) {
    const json body = request.json_body();
    const auto decision = parse_escalation_decision(http::required_text(body, "decision", 16));
    if (!decision) http::invalid_field("decision", "Quyết định phải là PROCEED (cho phép xét duyệt) hoặc KEEP (giữ nguyên).");
    const auto note = http::optional_text(body, "note", 2000).value_or("");
    return Response::ok(escalation_json(escalations.decide(request.principal, request.id_param(), *decision, note)));
  });
  router.add("GET", route("/notices"), [&escalations](Request& request) {
    const http::Paging p = http::paging(request);
    const std::string unread = request.query_text("unread", "false");
    if (unread != "true" && unread != "false")
      core::bad_input("INVALID_PARAMETER", "Tham số «unread» phải là true hoặc false.", {{"parameter", "unread"}});
    const auto page = escalations.notices(request.principal, unread == "true", p.offset(), p.page_size);
    json items = json::array();
    for (const auto& n : page.items) items.push_back(notice_json(n));
    json answer = http::page_json(items, page.total, p);
    answer["unread"] = page.unread;
    return Response::ok(answer);
  });
  router.add("POST", route("/notices/{id}/read"), [&escalations](Request& request) {
    return Response::ok(notice_json(escalations.mark_read(request.principal, request.id_param())));
  });
}

}  // namespace hq::audit
