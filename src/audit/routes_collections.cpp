#include "audit/list_export.h"
#include "audit/routes_json.h"

#include <algorithm>

#include "core/error.h"
#include "core/text.h"
#include "core/time.h"
#include "http/json_input.h"

namespace hq::audit::routes {

void add_collection_routes(http::Router& router, AuditService& service) {
  add_unit_list_route(router, "/collections", service, &AuditService::list_collections, collections_table,
                      "thu-thap-thong-tin", collection_json);
  router.add("POST", route("/collections"), [&service](Request& request) {
    const json body = request.json_body();
    const auto created = service.create_collection(
        request.principal, {http::required_text(body, "tax_code", 32), http::required_text(body, "signs", 4000),
                            http::text_list(body, "risk_areas", 7)});
    json result = collection_json(created.collection);
    result["duplicates"] = duplicates_json(created.duplicates);
    return Response::created(result);
  });
  router.add("GET", route("/collections/{id}"), [&service](Request& request) {
    return Response::ok(collection_json(service.collection(request.principal, request.id_param())));
  });
  add_action_routes(router, "/collections/{id}/", {"approve", "reject", "pause", "resume", "cancel"},
                    [&service](Request& request, Action action, const std::string& reason) {
                      return collection_json(
                          service.act_on_collection(request.principal, request.id_param(), action, reason));
                    });
  router.add("POST", route("/collections/{id}/results"), [&service](Request& request) {
    const json body = request.json_body();
    const auto list = body.find("results");
    if (list == body.end() || !list->is_array() || list->size() > 20)
      http::invalid_field("results", "Trường «results» phải là danh sách kết quả theo lĩnh vực rủi ro.");
    std::vector<store::CollectionResult> results;
    for (const auto& item : *list)
      results.push_back({http::required_text(item, "risk_area", 32), http::required_text(item, "finding", 8000),
                         http::optional_bool(item, "has_violation").value_or(false)});
    return Response::ok(collection_json(service.record_collection_results(request.principal, request.id_param(), results)));
  });
  router.add("POST", route("/collections/{id}/results/approve"), [&service](Request& request) {
    return Response::ok(collection_json(service.approve_collection_results(request.principal, request.id_param())));
  });
  router.add("POST", route("/collections/{id}/results/return"), [&service](Request& request) {
    const json body = request.json_body();
    return Response::ok(collection_json(service.return_collection_results(
        request.principal, request.id_param(), http::required_text(body, "opinion", 2000))));
  });
  router.add("PUT", route("/collections/{id}/letter"), [&service](Request& request) {
    const json body = request.json_body();
    CollectionLetterInput input{http::required_text(body, "recipient_kind", 16),
                                http::optional_text(body, "recipient_name", 300).value_or(""),
                                http::required_text(body, "letter_number", 100), http::required_date(body, "letter_on")};
    return Response::ok(collection_json(service.record_collection_letter(request.principal, request.id_param(), input)));
  });
}

}  // namespace hq::audit::routes
