#include "audit/list_export.h"
#include "audit/routes_json.h"

#include <algorithm>

#include "core/error.h"
#include "core/fields.h"
#include "core/text.h"
#include "core/time.h"
#include "http/json_input.h"

namespace hq::audit::routes {

void add_enterprise_routes(http::Router& router, AuditService& service) {
  router.add("GET", route("/enterprises"), [&service](Request& request) {
    const auto [xlsx, p] = list_request(request);
    const auto page = service.find_enterprises(request.principal, request.query_text("q"),
                                               request.query_text("sort", "name"),
                                               request.query_text("order", "asc") == "desc", p.offset(), p.page_size);
    if (xlsx) return xlsx_list(enterprises_table(page.items), page.total, "doanh-nghiep");
    json result = http::page_json(json_list(page.items, enterprise_json), page.total, p);
    result["total_exact"] = page.total_exact;
    return Response::ok(result);
  });
  router.add("POST", route("/enterprises"), [&service](Request& request) {
    return Response::created(enterprise_json(service.create_enterprise(request.principal, request.json_body())));
  });
  router.add("POST", route("/enterprises/import"), [&service](Request& request) {
    const auto result = service.import_enterprises(request.principal, request.body);
    return Response::ok({HQ_JSON_FIELDS(result, created, updated)});
  });
  router.add("POST", route("/key-enterprises/import"), [&service](Request& request) {
    const auto year = request.query_int("year", core::to_local(core::now()).date.year, 2000, 2199);
    const auto result = service.import_key_enterprises(request.principal, request.body, year);
    return Response::ok({{"added", result.created}, {"unchanged", result.updated}, {"year", year}});
  });
  router.add("GET", route("/enterprises/{tax_code}"), [&service](Request& request) {
    const auto r = service.record(request.principal, request.param("tax_code"));
    json changes = json::array();
    for (const auto& c : r.changes)
      changes.push_back({{"at", instant(c.at)},
                         HQ_JSON_FIELDS(c, username, unit_code, source),
                         {"changes", json::parse(c.changes, nullptr, false)}});
    return Response::ok({{"enterprise", enterprise_json(r.enterprise)}, {"key_years", r.key_years},
                         {"changes", changes}, {"proposals", json_list(r.proposals, detail_json)},
                         {"collections", json_list(r.collections, collection_json)}});
  });
  router.add("PATCH", route("/enterprises/{tax_code}"), [&service](Request& request) {
    return Response::ok(enterprise_json(
        service.update_enterprise(request.principal, request.param("tax_code"), request.json_body())));
  });

  router.add("GET", route("/key-enterprises"), [&service](Request& request) {
    const auto [xlsx, p] = list_request(request);
    const auto year = request.query_int("year", core::to_local(core::now()).date.year, 2000, 2199);
    const auto page = service.key_enterprises(request.principal, year, p.offset(), p.page_size);
    if (xlsx) return xlsx_list(key_enterprises_table(page.items, year), page.total, "doanh-nghiep-trong-diem");
    json items = json::array();
    for (const auto& k : page.items)
      items.push_back({HQ_JSON_FIELDS(k, tax_code, name, year, reason, added_by), {"added_at", instant(k.added_at)}});
    return Response::ok(http::page_json(items, page.total, p));
  });
  router.add("POST", route("/key-enterprises"), [&service](Request& request) {
    const json body = request.json_body();
    const auto k = service.add_key_enterprise(request.principal, http::required_text(body, "tax_code", 32),
                                              http::required_int(body, "year", 0, 9999),
                                              http::optional_text(body, "reason").value_or(""));
    return Response::created(
        {HQ_JSON_FIELDS(k, tax_code, name, year, reason, added_by), {"added_at", instant(k.added_at)}});
  });
  router.add("DELETE", route("/key-enterprises/{year}/{tax_code}"), [&service](Request& request) {
    const std::string& year = request.param("year");
    if (year.size() != 4 || !std::all_of(year.begin(), year.end(), ::isdigit))
      core::bad_input("INVALID_PARAMETER", "Năm trong đường dẫn phải gồm 4 chữ số.");
    service.remove_key_enterprise(request.principal, request.param("tax_code"), std::stoll(year));
    return Response::ok({{"ok", true}});
  });

  router.add("GET", route("/search"), [&service](Request& request) {
    const auto r = service.search(request.principal, request.query_text("tax_code"));
    return Response::ok({HQ_JSON_FIELDS(r, search_id, tax_code),
                         {"expires_at", instant(r.expires_at)},
                         {"enterprise", r.enterprise ? enterprise_json(*r.enterprise) : json(nullptr)},
                         {"key_enterprise", r.key_enterprise},
                         {"proposals", json_list(r.proposals, proposal_json)},
                         {"collections", json_list(r.collections, collection_json)}});
  });
}

}  // namespace hq::audit::routes
