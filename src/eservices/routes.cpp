#include "eservices/routes.h"

#include "core/error.h"
#include "core/fields.h"
#include "http/json_input.h"
#include "http/route_names.h"

namespace hq::eservices {

using namespace http::route_names;

namespace {

const http::RoutePrefix route{"/api/v1/eservices"};

ProcedureSettings settings_from(const json& body) {
  ProcedureSettings s;
  s.processing_days = http::required_int(body, "processing_days", 1, 365);
  s.fee = http::required_int(body, "fee", 0, 1'000'000'000'000);
  s.result_form = http::optional_text(body, "result_form", 16).value_or("ELECTRONIC");
  if (!body.contains("documents") || !body["documents"].is_array())
    http::invalid_field("documents", "Cần danh sách thành phần hồ sơ «documents».");
  for (const auto& d : body["documents"]) {
    if (!d.is_object()) http::invalid_field("documents", "Mỗi thành phần hồ sơ là {name, signed}.");
    s.documents.push_back({http::required_text(d, "name", 300), http::optional_bool(d, "signed").value_or(true)});
  }
  return s;
}

}  // namespace

void add_catalogue_routes(http::Router& router, EServicesService& service) {
  router.add("GET", route("/procedures"), [&service](Request& request) {
    ProcedureFilter filter;
    filter.list = request.query_text("list");
    if (!filter.list.empty() && filter.list != "I" && filter.list != "II")
      core::bad_input("INVALID_PARAMETER", "Tham số «list» chỉ nhận I hoặc II.", {{"parameter", "list"}});
    filter.q = request.query_text("q");
    if (filter.q.size() > 200) core::bad_input("INVALID_PARAMETER", "Từ khóa tối đa 200 byte.", {{"parameter", "q"}});
    filter.level = static_cast<int>(request.query_int("level", 0, 0, 4));
    const auto paging = http::paging(request);
    const auto all = service.procedures(filter);
    json items = json::array();
    for (std::size_t i = static_cast<std::size_t>(paging.offset());
         i < all.size() && items.size() < static_cast<std::size_t>(paging.page_size); ++i)
      items.push_back(procedure_json(all[i]));
    return Response::ok(http::page_json(items, static_cast<std::int64_t>(all.size()), paging));
  }, Access::Public);
  router.add("GET", route("/procedures/{code}"), [&service](Request& request) {
    return Response::ok(procedure_json(service.procedure(request.param("code"))));
  }, Access::Public);
  router.add("PUT", route("/procedures/{code}/settings"), [&service](Request& request) {
    if (!request.principal.is_platform_admin()) core::forbidden("Chỉ quản trị hệ thống (Tổng cục) được cấu hình thủ tục.");
    return Response::ok(procedure_json(service.save_settings(request.principal, request.param("code"),
                                                             settings_from(request.json_body()))));
  });
  router.add("GET", route("/assignment/{unit_code}/{procedure_code}"), [&service](Request& request) {
    const auto a = service.assignment(request.principal, request.param("unit_code"), request.param("procedure_code"));
    return Response::ok({{"unit_code", request.param("unit_code")},
                         {"procedure_code", request.param("procedure_code")},
                         HQ_JSON_FIELDS(a, mode, officers)});
  });
  router.add("PUT", route("/assignment/{unit_code}/{procedure_code}"), [&service](Request& request) {
    const auto body = request.json_body();
    store::Assignment a;
    a.mode = static_cast<int>(http::required_int(body, "mode", 1, 5));
    if (body.contains("officers")) a.officers = http::text_list(body, "officers", 200);
    a = service.set_assignment(request.principal, request.param("unit_code"), request.param("procedure_code"), a);
    return Response::ok({{"unit_code", request.param("unit_code")},
                         {"procedure_code", request.param("procedure_code")},
                         HQ_JSON_FIELDS(a, mode, officers)});
  });

  router.add("POST", route("/register"), [&service](Request& request) {
    const auto body = request.json_body();
    Registration r;
    r.kind = http::required_text(body, "kind", 16);
    r.tax_code = http::optional_text(body, "tax_code", 20).value_or("");
    r.id_number = http::optional_text(body, "id_number", 20).value_or("");
    r.name = http::required_text(body, "name", 300);
    r.username = http::required_text(body, "username", 64);
    r.password = http::required_text(body, "password", 256);
    r.email = http::optional_text(body, "email", 254).value_or("");
    r.phone = http::optional_text(body, "phone", 20).value_or("");
    const auto a = service.register_applicant(r);
    return Response::created({HQ_JSON_FIELDS(a, username, kind),
                              {"tax_code", a.tax_code.empty() ? json(nullptr) : json(a.tax_code)},
                              {"id_number", a.id_number.empty() ? json(nullptr) : json(a.id_number)},
                              {"name", a.name}});
  }, Access::Public);
  router.add("GET", route("/me"), [&service](Request& request) {
    const auto a = service.applicant(request.principal);
    json certificates = json::array();
    for (const auto& c : service.certificates(request.principal)) certificates.push_back(certificate_json(c));
    return Response::ok({HQ_JSON_FIELDS(a, username, kind),
                         {"tax_code", a.tax_code.empty() ? json(nullptr) : json(a.tax_code)},
                         {"id_number", a.id_number.empty() ? json(nullptr) : json(a.id_number)},
                         {"name", a.name},
                         {"certificates", certificates}});
  });
  router.add("POST", route("/trust-anchors"), [&service](Request& request) {
    const auto subject = service.add_trust_anchor(request.principal, http::required_text(request.json_body(), "pem", 64 * 1024));
    return Response::created({{"subject", subject}});
  });
  router.add("POST", route("/crls"), [&service](Request& request) {
    const auto issuer = service.add_crl(request.principal, http::required_text(request.json_body(), "pem", 64 * 1024));
    return Response::created({{"issuer", issuer}});
  });
  router.add("POST", route("/certificates"), [&service](Request& request) {
    const auto c = service.register_certificate(request.principal, http::required_text(request.json_body(), "pem", 64 * 1024));
    return Response::created(certificate_json(c));
  });
  router.add("GET", route("/certificates"), [&service](Request& request) {
    json items = json::array();
    for (const auto& c : service.certificates(request.principal)) items.push_back(certificate_json(c));
    return Response::ok({{"items", items}});
  });
}

void add_eservices_routes(http::Router& router, EServicesService& service) {
  add_catalogue_routes(router, service);
  add_dossier_routes(router, service);
  add_admin_routes(router, service);
}

}  // namespace hq::eservices
