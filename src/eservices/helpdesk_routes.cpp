#include "eservices/helpdesk_routes.h"

#include "core/fields.h"
#include "http/json_input.h"

namespace hq::eservices {

using http::Request;
using http::Response;
using nlohmann::json;

namespace {
json request_json(const HelpRequest& r) {
  return {HQ_JSON_FIELDS(r, id, username, unit_code, scope, subject, body, status),
          {"answer", r.answer.empty() ? json(nullptr) : json(r.answer)},
          {"answered_by", r.answered_by.empty() ? json(nullptr) : json(r.answered_by)},
          {"created_at", core::format_iso8601(r.created_at)},
          {"updated_at", core::format_iso8601(r.updated_at)}};
}
}  // namespace

void add_helpdesk_routes(http::Router& router, HelpdeskService& service) {
  const std::string base = "/api/v1/eservices/helpdesk";
  router.add("POST", base, [&service](Request& request) {
    const auto body = request.json_body();
    return Response::created(request_json(service.ask(
        request.principal, http::optional_text(body, "unit_code", 6).value_or(""), http::required_text(body, "scope", 16),
        http::required_text(body, "subject", 300), http::required_text(body, "body", 8000))));
  });
  router.add("GET", base, [&service](Request& request) {
    const auto paging = http::paging(request);
    const auto page = service.requests(request.principal, request.query_text("status"), paging.offset(), paging.page_size);
    json items = json::array();
    for (const auto& r : page.items) items.push_back(request_json(r));
    return Response::ok(http::page_json(items, page.total, paging));
  });
  router.add("POST", base + "/{id}/answer", [&service](Request& request) {
    return Response::ok(request_json(
        service.answer(request.principal, request.id_param(), http::required_text(request.json_body(), "answer", 8000))));
  });
  router.add("POST", base + "/{id}/forward", [&service](Request& request) {
    const auto body = request.json_body();
    return Response::ok(request_json(service.forward(request.principal, request.id_param(),
                                                     http::required_text(body, "unit_code", 6),
                                                     http::optional_text(body, "note", 2000).value_or(""))));
  });
}

}  // namespace hq::eservices
