#include "audit/risk/routes.h"

#include <algorithm>

#include "audit/risk/export.h"
#include "core/error.h"
#include "core/fields.h"
#include "core/time.h"
#include "http/json_input.h"
#include "http/page_json.h"

namespace hq::audit::risk {

using http::Request;
using http::Response;
using nlohmann::json;

namespace {

constexpr const char* kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

std::string route(const std::string& tail) { return "/api/v1/audit" + tail; }
json instant(std::int64_t t) { return t ? json(core::format_iso8601(t)) : json(nullptr); }

bool flag(const Request& request, const std::string& name) {
  const std::string v = request.query_text(name);
  if (v.empty() || v == "false" || v == "0") return false;
  if (v == "true" || v == "1") return true;
  core::bad_input("INVALID_PARAMETER", "Tham số «" + name + "» chỉ nhận true hoặc false.", {{"parameter", name}});
}

// The file of a multipart/form-data upload (the first part that carries a file name, else the first part);
// any other body is the file itself (raw CSV or .xlsx, what a connector sends).
std::string_view upload_of(const Request& request) {
  const std::string* type = request.header("content-type");
  if (!type || type->rfind("multipart/form-data", 0) != 0) return request.body;
  const auto at = type->find("boundary=");
  if (at == std::string::npos) core::bad_input("INVALID_MULTIPART", "Thiếu tham số boundary trong Content-Type multipart.");
  std::string boundary = type->substr(at + 9);
  if (const auto semi = boundary.find(';'); semi != std::string::npos) boundary.resize(semi);
  if (boundary.size() >= 2 && boundary.front() == '"') boundary = boundary.substr(1, boundary.size() - 2);
  const std::string delimiter = "--" + boundary;
  const std::string_view body = request.body;
  std::optional<std::string_view> first;
  std::size_t pos = body.find(delimiter);
  while (pos != std::string_view::npos) {
    pos += delimiter.size();
    if (body.substr(pos, 2) == "--") break;  // the closing delimiter
    const auto head_end = body.find("\r\n\r\n", pos);
    if (head_end == std::string_view::npos) break;
    const std::string_view head = body.substr(pos, head_end - pos);
    const auto end = body.find("\r\n" + delimiter, head_end + 4);
    if (end == std::string_view::npos) break;
    const std::string_view content = body.substr(head_end + 4, end - head_end - 4);
    if (head.find("filename=") != std::string_view::npos) return content;
    if (!first) first = content;
    pos = end + 2;
  }
  if (first) return *first;
  core::bad_input("INVALID_MULTIPART", "Không đọc được tệp trong nội dung multipart/form-data.");
}

json issues_json(const std::vector<CellIssue>& issues) {
  json list = json::array();
  for (const auto& i : issues) list.push_back({HQ_JSON_FIELDS(i, row, column, value, message)});
  return list;
}

json slices_json(const std::vector<Slice>& list) {
  json out = json::array();
  for (const auto& s : list) out.push_back({HQ_JSON_FIELDS(s, key, declarations, lines, value, duty)});
  return out;
}

json profile_json(const Profile& p) {
  const Activity& a = p.activity;
  json months = json::array();
  for (const auto& m : a.months) months.push_back({HQ_JSON_FIELDS(m, month, flow, declarations, lines, value, duty)});
  json audits = json::array();
  std::int64_t amount = 0, collected = 0, penalties = 0, complaints = 0;
  for (const auto& x : p.audits) {
    audits.push_back(
        {HQ_JSON_FIELDS(x, id, number, year, unit_code, unit_name, status, place, period_from, period_to),
         {"conclusion_number", x.conclusion_number.empty() ? json(nullptr) : json(x.conclusion_number)},
         {"conclusion_signed_on", x.conclusion_signed_on.empty() ? json(nullptr) : json(x.conclusion_signed_on)},
         {"conclusion_status", x.conclusion_status.empty() ? json(nullptr) : json(x.conclusion_status)},
         {"restricted", x.conclusion_status == "RESTRICTED"},
         HQ_JSON_FIELDS(x, amount, collected, penalties, penalty_amount, complaints)});
    amount += x.amount, collected += x.collected, penalties += x.penalties, complaints += x.complaints;
  }
  json channels = json::object();
  for (const auto& c : a.channels)
    channels[c.key] = {{"declarations", c.declarations},
                       {"share", a.declarations ? double(c.declarations) / double(a.declarations) : 0.0}};
  return {{"tax_code", p.tax_code},
          {"name", p.name.empty() ? json(nullptr) : json(p.name)},
          {"from", core::format_date(p.from)},
          {"to", core::format_date(p.to)},
          {"home_office", p.home_office.empty() ? json(nullptr) : json(p.home_office)},
          HQ_JSON_FIELDS(p, compliance_level, key_years),
          {"totals",
           {HQ_JSON_FIELDS(a, declarations, lines, import_declarations, export_declarations, import_value, export_value,
                           import_duty, export_duty, vat)}},
          {"months", months},
          {"hs_headings", slices_json(a.headings)},
          {"origins", slices_json(a.origins)},
          {"channels", channels},
          {"offices", slices_json(a.offices)},
          {"types", slices_json(a.types)},
          {"amendments",
           {{"total", a.amendments},
            {"amended_declarations", a.amended_declarations},
            {"per_declaration", a.amendments_per_declaration}}},
          {"preferential", {{"value", a.preferential_value}, {"share", a.preferential_share}}},
          {"duty_rate", {{"own", a.own_duty_rate}, {"peer", a.peer_duty_rate}}},
          {"audits", audits},
          {"audit_totals",
           {{"audits", p.audits.size()},
            {"amount", amount},
            {"collected", collected},
            {"penalties", penalties},
            {"complaints", complaints}}}};
}

CriteriaSet criteria_input(const json& body) {
  CriteriaSet set;
  set.name = http::required_text(body, "name", 200);
  set.min_declarations = http::optional_int(body, "min_declarations", 1, 1'000'000).value_or(1);
  set.material_value = http::optional_int(body, "material_value", 0, 1'000'000'000'000'000).value_or(0);
  const auto number = [](const json& obj, const std::string& field, const std::string& where) {
    const auto it = obj.find(field);
    if (it == obj.end() || !it->is_number())
      core::bad_input("INVALID_FIELD", "Trường «" + where + "» phải là một số.", {{"field", where}});
    return it->get<double>();
  };
  const auto cutoffs = body.find("cutoffs");
  if (cutoffs == body.end() || !cutoffs->is_object())
    core::bad_input("INVALID_FIELD", "Cần «cutoffs»: {\"audit\": số, \"monitor\": số}.", {{"field", "cutoffs"}});
  set.cutoff_audit = number(*cutoffs, "audit", "cutoffs.audit");
  set.cutoff_monitor = number(*cutoffs, "monitor", "cutoffs.monitor");
  const auto list = body.find("indicators");
  if (list == body.end() || !list->is_array())
    core::bad_input("INVALID_FIELD", "Cần «indicators»: danh sách {code, weight, threshold}.", {{"field", "indicators"}});
  if (list->size() > 20) core::bad_input("INVALID_FIELD", "Tối đa 7 chỉ tiêu.", {{"field", "indicators"}});
  for (std::size_t i = 0; i < list->size(); ++i) {
    const json& item = (*list)[i];
    const std::string where = "indicators[" + std::to_string(i) + "]";
    if (!item.is_object()) core::bad_input("INVALID_FIELD", "«" + where + "» phải là một đối tượng.", {{"field", where}});
    set.indicators.push_back({http::required_text(item, "code", 40), number(item, "weight", where + ".weight"),
                              number(item, "threshold", where + ".threshold")});
  }
  return set;
}

json criteria_json(const CriteriaSetView& v) {
  json list = json::array();
  for (const auto& s : v.set.indicators) {
    const auto* def = find_indicator(s.code);
    list.push_back({HQ_JSON_FIELDS(s, code, weight, threshold),
                    {"name_vi", def ? def->name_vi : ""},
                    {"name_en", def ? def->name_en : ""}});
  }
  return {{"id", v.set.id},
          {"version", v.set.version},
          {"name", v.set.name},
          {"min_declarations", v.set.min_declarations},
          {"material_value", v.set.material_value},
          {"cutoffs", {{"audit", v.set.cutoff_audit}, {"monitor", v.set.cutoff_monitor}}},
          {"max_score", max_score(v.set)},
          {"indicators", list},
          {"created_by", v.created_by},
          {"created_at", instant(v.created_at)}};
}

json run_json(const store::RunRow& r) {
  return {HQ_JSON_FIELDS(r, id, criteria_set_id),
          {"criteria_set_name", r.criteria_name},
          {"criteria_set_version", r.criteria_version},
          {"from", r.period_from},
          {"to", r.period_to},
          {"unit_code", r.unit_code.empty() ? json(nullptr) : json(r.unit_code)},
          HQ_JSON_FIELDS(r, year, evaluated, candidates),
          {"audit", r.audit_count},
          {"monitor", r.monitor_count},
          HQ_JSON_FIELDS(r, fingerprint, elapsed_ms, created_by),
          {"created_at", instant(r.created_at)}};
}

json candidate_json(const store::CandidateRow& c) {
  json j = {HQ_JSON_FIELDS(c, rank, tax_code, name, score),
            {"class", c.klass},
            {"home_office", c.home_office.empty() ? json(nullptr) : json(c.home_office)}};
  if (!c.excluded_reason.empty()) j["excluded_reason"] = c.excluded_reason;
  const auto reasons = json::parse(c.reasons, nullptr, false);
  j["reasons"] = reasons.is_array() ? reasons : json::array();
  return j;
}

// from/to of a period: the last 12 months by default.
std::pair<core::Date, core::Date> period(const Request& request) {
  const core::Date today = core::to_local(core::now()).date;
  const core::Date to = request.query_date("to", today);
  const core::Date from = request.query_date("from", core::add_days(to, -364));
  return {from, to};
}

}  // namespace

void add_risk_routes(http::Router& router, RiskService& service) {
  router.add("POST", route("/declarations/import"), [&service](Request& request) {
    ImportOptions options;
    options.skip_invalid = flag(request, "skip_invalid");
    const auto r = service.import_declarations(&request.principal, upload_of(request), options);
    return Response::ok(
        {HQ_JSON_FIELDS(r, imported, replaced, rows, skipped, issue_count), {"issues", issues_json(r.issues)}});
  });

  router.add("GET", route("/enterprises/{tax_code}/activity"), [&service](Request& request) {
    const auto [from, to] = period(request);
    const auto format = request.query_text("format", "json");
    if (format != "json" && format != "xlsx")
      core::bad_input("INVALID_PARAMETER", "Tham số «format» chỉ nhận json hoặc xlsx.", {{"parameter", "format"}});
    const Profile p = service.profile(request.principal, request.param("tax_code"), from, to);
    if (format == "xlsx")
      return Response::file(kXlsxType, profile_xlsx(p),
                            "ho-so-hoat-dong_" + p.tax_code + "_" + core::format_date(from) + "_" + core::format_date(to) + ".xlsx");
    return Response::ok(profile_json(p));
  });

  router.add("GET", route("/risk/indicators"), [](Request&) {
    json list = json::array();
    for (const auto& d : kIndicators) list.push_back({HQ_JSON_FIELDS(d, code, name_vi, name_en, has_peer)});
    return Response::ok({{"items", list}});
  });
  router.add("GET", route("/risk/criteria-sets"), [&service](Request& request) {
    const http::Paging p = http::paging(request);
    return Response::ok(http::page_json(service.criteria_sets(request.principal, p.offset(), p.page_size), p, criteria_json));
  });
  router.add("POST", route("/risk/criteria-sets"), [&service](Request& request) {
    const auto v = service.create_criteria_set(request.principal, criteria_input(request.json_body()));
    json j = criteria_json(v);
    return Response::created(j);
  });
  router.add("POST", route("/risk/criteria-sets/preview"), [&service](Request& request) {
    const json body = request.json_body();
    const core::Date to = http::optional_date(body, "to").value_or(core::to_local(core::now()).date);
    const core::Date from = http::optional_date(body, "from").value_or(core::add_days(to, -364));
    const auto p = service.preview(request.principal, criteria_input(body), from, to,
                                   http::optional_text(body, "unit_code", 6).value_or(""));
    return Response::ok({HQ_JSON_FIELDS(p, evaluated, audit, monitor, excluded, histogram), {"max_score", p.max}});
  });
  router.add("GET", route("/risk/criteria-sets/{id}"), [&service](Request& request) {
    return Response::ok(criteria_json(service.criteria_set(request.principal, request.id_param())));
  });
  router.add("GET", route("/risk/criteria-sets/{id}/feedback"), [&service](Request& request) {
    json bands = json::array();
    for (const auto& b : service.feedback(request.principal, request.id_param()))
      bands.push_back(
          {HQ_JSON_FIELDS(b, from, to, proposals, concluded, with_findings, amount, hit_rate, amount_per_audit)});
    return Response::ok({{"criteria_set_id", request.id_param()}, {"bands", bands}});
  });

  router.add("POST", route("/risk/runs"), [&service](Request& request) {
    const json body = request.json_body();
    const auto v = service.create_run(request.principal, http::required_int(body, "criteria_set_id", 1, INT64_MAX),
                                      http::required_date(body, "from"), http::required_date(body, "to"),
                                      http::optional_text(body, "unit_code", 6).value_or(""));
    json j = run_json(v.run);
    j["candidates"] = v.run.candidates;
    return Response::created(j);
  });
  router.add("GET", route("/risk/runs"), [&service](Request& request) {
    const http::Paging p = http::paging(request);
    return Response::ok(http::page_json(service.runs(request.principal, p.offset(), p.page_size), p, run_json));
  });
  router.add("GET", route("/risk/runs/{id}"), [&service](Request& request) {
    return Response::ok(run_json(service.run(request.principal, request.id_param()).run));
  });
  router.add("GET", route("/risk/runs/{id}/candidates"), [&service](Request& request) {
    const std::string klass = request.query_text("class");
    if (request.query_text("format", "json") == "xlsx") {
      const auto run = service.run(request.principal, request.id_param()).run;
      const auto page = service.candidates(request.principal, run.id, klass, 0, 100'000);
      return Response::file(kXlsxType, candidates_xlsx(run, page.items),
                            "doi-tuong-rui-ro_dot-" + std::to_string(run.id) + ".xlsx");
    }
    const http::Paging p = http::paging(request);
    return Response::ok(http::page_json(
        service.candidates(request.principal, request.id_param(), klass, p.offset(), p.page_size), p, candidate_json));
  });
}

}  // namespace hq::audit::risk
