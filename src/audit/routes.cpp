#include "audit/routes.h"

#include "audit/list_export.h"
#include "audit/routes_json.h"
#include "http/json_input.h"

namespace hq::audit {

using namespace routes::names;

namespace {

void add_misc_routes(http::Router& router, AuditService& service) {
  router.add("POST", route("/feedback"), [&service](Request& request) {
    const json body = request.json_body();
    store::Feedback f;
    f.function_name = http::required_text(body, "function_name", 300);
    f.proposal = http::required_text(body, "proposal", 4000);
    f.reason = http::required_text(body, "reason", 4000);
    f = service.send_feedback(request.principal, f);
    return Response::created({{"id", f.id}, {"function_name", f.function_name}, {"proposal", f.proposal},
                              {"reason", f.reason}, {"status", f.status}, {"created_at", instant(f.created_at)}});
  });
  router.add("GET", route("/feedback"), [&service](Request& request) {
    const auto [xlsx, p] = routes::list_request(request);
    const auto page = service.feedback(request.principal, p.offset(), p.page_size);
    if (xlsx) return routes::xlsx_list(feedback_table(page.items), page.total, "gop-y-chuc-nang");
    json items = json::array();
    for (const auto& f : page.items)
      items.push_back({{"id", f.id}, {"unit_code", f.unit_code}, {"username", f.username},
                       {"function_name", f.function_name}, {"proposal", f.proposal}, {"reason", f.reason},
                       {"status", f.status}, {"created_at", instant(f.created_at)}});
    return Response::ok(http::page_json(items, page.total, p));
  });
  router.add("GET", route("/reference"), [](Request&) {
    json areas = json::array(), grounds = json::array();
    for (const char* a : kRiskAreas) areas.push_back({{"code", a}, {"name", risk_area_name(a)}});
    for (const char* g : kGroundKinds) grounds.push_back(g);
    return Response::ok({{"risk_areas", areas},
                         {"ground_kinds", grounds},
                         {"places", {"PREMISES", "OFFICE"}},
                         {"decision_kinds", {"ORIGINAL", "AMENDMENT", "EXTENSION", "CANCELLATION"}},
                         {"amount_keys", kAmountKeys},
                         {"limits", {{"premises_working_days", kPremisesMaxWorkingDays},
                                     {"office_working_days", kOfficeMaxWorkingDays},
                                     {"extension_working_days", kExtensionMaxWorkingDays}}}});
  });
}

}  // namespace

void add_audit_routes(http::Router& router, AuditService& service) {
  routes::add_enterprise_routes(router, service);
  routes::add_proposal_routes(router, service);
  routes::add_collection_routes(router, service);
  routes::add_report_routes(router, service);
  routes::add_stq01_routes(router, service);
  add_misc_routes(router, service);
}

}  // namespace hq::audit
