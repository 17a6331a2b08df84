#include "trs/study/agency_routes.h"

#include "core/error.h"
#include "http/json_input.h"
#include "trs/study/study_routes.h"

namespace hq::trs {

using http::Request;
using http::Response;
using nlohmann::json;

namespace {

std::string route(const std::string& tail) { return "/api/v1/trs" + tail; }
std::int64_t study_param(const Request& request) { return positive_id(request.param("id"), "id"); }

json agency_json(const Agency& a) {
  return {{"code", a.code}, {"name", a.name}, {"ministry_code", a.ministry_code}, {"ministry_name", a.ministry_name},
          {"kind", a.kind}, {"aliases", a.aliases}};
}

json member_json(const agency_store::Member& m) {
  return {{"username", m.username}, {"agency_code", m.agency_code}, {"added_by", m.added_by}, {"added_at", instant(m.added_at)}};
}

json returned_json(const AgencyReturn& r) {
  return {{"registration_no", r.registration_no}, {"result_no", r.result_no},
          {"registered_at", instant(r.registered_at)}, {"sampling_at", instant(r.sampling_at)},
          {"result_at", instant(r.result_at)}, {"handed_over_at", instant(r.handed_over_at)},
          {"line", r.line}, {"updated_by", r.updated_by}, {"updated_at", instant(r.updated_at)}};
}

json work_row_json(const AgencyWorkRow& w) {
  const AgencyListRow& l = w.listed;
  return {{"declaration_no", l.declaration_no}, {"flow", l.flow}, {"branch_code", l.branch_code},
          {"registered_at", instant(l.registered_at)}, {"bill_of_lading", l.bill_of_lading},
          {"registration_no", l.registration_no}, {"certificate_no", l.certificate_no}, {"sci_kinds", l.sci_kinds},
          {"returned", w.returned ? returned_json(*w.returned) : json(nullptr)}};
}

json border_json(const BorderCheck& c) {
  return {{"vehicle", c.vehicle}, {"voyage", c.voyage}, {"check_start_at", instant(c.check_start_at)},
          {"check_end_at", instant(c.check_end_at)}, {"line", c.line}, {"updated_by", c.updated_by},
          {"updated_at", instant(c.updated_at)}};
}

json import_json(const AgencyImportResult& r) { return {{"rows", r.rows}, {"stored", r.stored}}; }

std::string digits_param(const Request& request, const std::string& name) {
  const std::string v = request.query_text(name);
  if (v.size() > 12 || v.find_first_not_of("0123456789") != std::string::npos)
    core::bad_input("INVALID_PARAMETER", "Tham số «" + name + "» là phần đầu của số tờ khai (tối đa 12 chữ số).",
                    {{"parameter", name}});
  return v;
}

}  // namespace

void add_agency_routes(http::Router& router, AgencyService& service) {
  router.add("GET", route("/agencies"), [&service](Request& request) {
    json items = json::array();
    for (const auto& a : service.agencies(request.principal)) items.push_back(agency_json(a));
    return Response::ok({{"items", items}, {"total", items.size()}});
  });

  router.add("GET", route("/studies/{id}/agency-members"), [&service](Request& request) {
    json items = json::array();
    for (const auto& m : service.members(request.principal, study_param(request))) items.push_back(member_json(m));
    return Response::ok({{"items", items}, {"total", items.size()}});
  });
  router.add("PUT", route("/studies/{id}/agency-members/{username}"), [&service](Request& request) {
    const auto id = study_param(request);
    const json body = request.json_body();
    return Response::ok(member_json(service.put_member(request.principal, id, request.param("username"),
                                                       http::required_text(body, "agency_code", 20))));
  });
  router.add("DELETE", route("/studies/{id}/agency-members/{username}"), [&service](Request& request) {
    service.delete_member(request.principal, study_param(request), request.param("username"));
    return Response::ok({{"ok", true}});
  });
  // The studies and agencies the caller answers for.
  router.add("GET", route("/my-agencies"), [&service](Request& request) {
    json items = json::array();
    for (const auto& m : service.my_memberships(request.principal))
      items.push_back({{"study_id", m.study_id}, {"study_name", m.study_name}, {"week_start", m.week_start},
                       {"agency_code", m.agency_code}});
    return Response::ok({{"items", items}, {"total", items.size()}});
  });

  router.add("GET", route("/studies/{id}/agencies/{code}/returns"), [&service](Request& request) {
    const auto paging = http::paging(request);
    AgencyWorkQuery q;
    q.offset = paging.offset();
    q.limit = paging.page_size;
    q.number_prefix = digits_param(request, "q");
    const std::string missing = request.query_text("missing");
    if (!missing.empty() && missing != "true" && missing != "false")
      core::bad_input("INVALID_PARAMETER", "Tham số «missing» chỉ nhận true hoặc false.", {{"parameter", "missing"}});
    q.missing_only = missing == "true";
    const auto page = service.work(request.principal, study_param(request), request.param("code"), q);
    json items = json::array();
    for (const auto& w : page.items) items.push_back(work_row_json(w));
    json out = http::page_json(std::move(items), page.total, paging);
    out["agency"] = agency_json(page.agency);
    out["returned"] = page.returned;
    return Response::ok(out);
  });
  router.add("PUT", route("/studies/{id}/agencies/{code}/returns/{declaration_no}"), [&service](Request& request) {
    const auto id = study_param(request);
    const std::string number = request.param("declaration_no");
    if (number.size() != 12 || number.find_first_not_of("0123456789") != std::string::npos)
      core::bad_input("INVALID_PARAMETER", "Số tờ khai trong đường dẫn phải gồm 12 chữ số.", {{"parameter", "declaration_no"}});
    auto cells = cells_input(request.json_body());
    cells.erase("declaration_no");
    return Response::ok(work_row_json(service.put_return(request.principal, id, request.param("code"), number, cells)));
  });
  // Body: the file itself (CSV UTF-8 or .xlsx), header: declaration_no and any of the returned columns.
  router.add("POST", route("/studies/{id}/agencies/{code}/returns/import"), [&service](Request& request) {
    return Response::ok(import_json(service.import_returns(request.principal, study_param(request), request.param("code"),
                                                           request.body)));
  });

  router.add("GET", route("/studies/{id}/agencies/{code}/border-checks"), [&service](Request& request) {
    const auto paging = http::paging(request);
    agency_store::BorderQuery q;
    q.offset = paging.offset();
    q.limit = paging.page_size;
    const std::string vehicle = request.query_text("q");
    if (vehicle.size() > 100) core::bad_input("INVALID_PARAMETER", "Tham số «q» tối đa 100 byte.", {{"parameter", "q"}});
    q.vehicle_prefix = transport_key(vehicle);
    const auto page = service.border_checks(request.principal, study_param(request), request.param("code"), q);
    json items = json::array();
    for (const auto& c : page.items) items.push_back(border_json(c));
    return Response::ok(http::page_json(std::move(items), page.total, paging));
  });
  router.add("POST", route("/studies/{id}/agencies/{code}/border-checks"), [&service](Request& request) {
    const auto id = study_param(request);
    return Response::ok(
        border_json(service.put_border_check(request.principal, id, request.param("code"), cells_input(request.json_body()))));
  });
  router.add("POST", route("/studies/{id}/agencies/{code}/border-checks/import"), [&service](Request& request) {
    return Response::ok(import_json(service.import_border_checks(request.principal, study_param(request),
                                                                 request.param("code"), request.body)));
  });
}

}  // namespace hq::trs
