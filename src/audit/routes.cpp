#include "audit/routes.h"

#include <algorithm>

#include "core/error.h"
#include "core/text.h"
#include "core/time.h"
#include "http/json_input.h"

namespace hq::audit {

using http::Request;
using http::Response;
using nlohmann::json;

namespace {

constexpr const char* kBase = "/api/v1/audit";

std::string route(const std::string& tail) { return kBase + tail; }

json instant(std::int64_t t) { return t ? json(core::format_iso8601(t)) : json(nullptr); }
json text_or_null(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

// ---- JSON shapes ----

json enterprise_json(const store::Enterprise& e) {
  json j = {{"id", e.id},
            {"tax_code", e.tax_code},
            {"tax_kind", e.tax_kind},
            {"name", e.name},
            {"foreign_name", e.foreign_name},
            {"address", e.address},
            {"legal_representative", e.legal_representative},
            {"phone", e.phone},
            {"email", e.email},
            {"established_on", text_or_null(e.established_on)},
            {"charter_capital", e.charter_capital},
            {"ownership", e.ownership},
            {"aeo_status", e.aeo_status},
            {"compliance_level", e.compliance_level},
            {"source", e.source},
            {"created_at", instant(e.created_at)},
            {"updated_at", instant(e.updated_at)}};
  const json profile = json::parse(e.profile, nullptr, false);
  if (profile.is_object())
    for (const auto& [key, value] : profile.items()) j[key] = value;
  return j;
}

json duplicate_json(const Duplicate& d) {
  return {{"kind", d.kind},       {"id", d.id},           {"number", d.number},
          {"unit_code", d.unit_code}, {"unit_name", d.unit_name}, {"status", d.status},
          {"place", text_or_null(d.place)}, {"created_at", instant(d.created_at)}};
}

json duplicates_json(const std::vector<Duplicate>& list) {
  json items = json::array();
  for (const auto& d : list) items.push_back(duplicate_json(d));
  return items;
}

json proposal_json(const store::Proposal& p) {
  return {{"id", p.id},
          {"number", p.number},
          {"year", p.year},
          {"status", p.status},
          {"paused_from", text_or_null(p.paused_from)},
          {"tax_code", p.tax_code},
          {"enterprise_name", p.enterprise_name},
          {"unit_code", p.unit_code},
          {"unit_name", p.unit_name},
          {"place", p.place},
          {"grounds", p.grounds},
          {"grounds_kind", p.grounds_kind},
          {"period_from", p.period_from},
          {"period_to", p.period_to},
          {"reason", p.reason},
          {"duplicate_count", p.duplicate_count},
          {"source", p.source},
          {"proposed_by", p.proposed_by},
          {"decided_by", text_or_null(p.decided_by)},
          {"created_at", instant(p.created_at)},
          {"submitted_at", instant(p.submitted_at)},
          {"approved_at", instant(p.approved_at)},
          {"rejected_at", instant(p.rejected_at)},
          {"paused_at", instant(p.paused_at)},
          {"cancelled_at", instant(p.cancelled_at)},
          {"restricted", p.restricted}};
}

json amounts_json(const Amounts& a) {
  json j = json::object();
  for (const char* key : kAmountKeys) j[key] = a.get(key);
  j["tax_total"] = a.tax_total();
  j["total"] = a.total();
  j["outstanding"] = a.total() - a.get("collected");
  return j;
}

json decision_json(const store::Decision& d) {
  return {{"id", d.id},          {"kind", d.kind},         {"number", d.number},   {"signed_on", d.signed_on},
          {"signer", d.signer},  {"team", d.team},         {"start_on", d.start_on}, {"working_days", d.working_days},
          {"end_on", d.end_on},  {"due_on", d.due_on},     {"late", d.late},       {"entered_by", d.entered_by},
          {"entered_at", instant(d.entered_at)}};
}

json conclusion_json(const store::Conclusion& c) {
  return {{"id", c.id},
          {"number", c.number},
          {"signed_on", c.signed_on},
          {"findings", c.findings},
          {"declarations", c.declarations},
          {"has_violation", c.has_violation},
          {"amounts", amounts_json(c.amounts)},
          {"status", c.status},
          {"due_on", c.due_on},
          {"late", c.late},
          {"entered_by", c.entered_by},
          {"entered_at", instant(c.entered_at)},
          {"approved_by", text_or_null(c.approved_by)},
          {"approved_at", instant(c.approved_at)}};
}

json penalty_json(const store::Penalty& p) {
  return {{"id", p.id},         {"number", p.number},       {"signed_on", p.signed_on}, {"violation", p.violation},
          {"amount", p.amount}, {"entered_by", p.entered_by}, {"entered_at", instant(p.entered_at)}};
}

json complaint_json(const store::Complaint& c) {
  return {{"id", c.id},           {"filed_on", c.filed_on},   {"content", c.content},
          {"status", c.status},   {"decided_on", text_or_null(c.decided_on)}, {"outcome", c.outcome},
          {"entered_by", c.entered_by}, {"entered_at", instant(c.entered_at)}};
}

json detail_json(const ProposalDetail& d) {
  json j = proposal_json(d.proposal);
  j["decisions"] = json::array();
  for (const auto& x : d.decisions) j["decisions"].push_back(decision_json(x));
  j["conclusion"] = d.conclusion ? conclusion_json(*d.conclusion) : json(nullptr);
  j["penalties"] = json::array();
  for (const auto& x : d.penalties) j["penalties"].push_back(penalty_json(x));
  j["complaints"] = json::array();
  for (const auto& x : d.complaints) j["complaints"].push_back(complaint_json(x));
  j["duplicates"] = duplicates_json(d.duplicates);
  j["audit_end_on"] = text_or_null(d.audit_end_on);
  return j;
}

json collection_json(const store::Collection& c) {
  json results = json::array();
  for (const auto& r : c.results)
    results.push_back({{"risk_area", r.risk_area}, {"risk_area_name", risk_area_name(r.risk_area)},
                       {"finding", r.finding}, {"has_violation", r.has_violation}});
  json areas = json::array();
  std::size_t start = 0;
  while (start < c.risk_areas.size()) {
    auto end = c.risk_areas.find(',', start);
    if (end == std::string::npos) end = c.risk_areas.size();
    areas.push_back(c.risk_areas.substr(start, end - start));
    start = end + 1;
  }
  return {{"id", c.id},
          {"number", c.number},
          {"year", c.year},
          {"status", c.status},
          {"paused_from", text_or_null(c.paused_from)},
          {"tax_code", c.tax_code},
          {"enterprise_name", c.enterprise_name},
          {"unit_code", c.unit_code},
          {"unit_name", c.unit_name},
          {"signs", c.signs},
          {"risk_areas", areas},
          {"reason", c.reason},
          {"duplicate_count", c.duplicate_count},
          {"has_findings", c.has_findings},
          {"proposed_by", c.proposed_by},
          {"decided_by", text_or_null(c.decided_by)},
          {"proposed_at", instant(c.proposed_at)},
          {"approved_at", instant(c.approved_at)},
          {"result_submitted_at", instant(c.result_submitted_at)},
          {"result_approved_at", instant(c.result_approved_at)},
          {"approval_due_on", c.approval_due_on},
          {"results_due_on", text_or_null(c.results_due_on)},
          {"results", results},
          {"restricted", c.restricted}};
}

json deadline_json(const store::Deadline& d) {
  return {{"id", d.id},          {"kind", d.kind},     {"entity_type", d.entity_type}, {"entity_id", d.entity_id},
          {"label", d.label},    {"due_on", d.due_on}, {"unit_code", d.unit_code},
          {"proposal_id", d.proposal_id ? json(d.proposal_id) : json(nullptr)}};
}

json report_json(const FormReport& r) {
  json columns = json::array();
  for (const auto& c : form_columns(r.form))
    columns.push_back({{"key", c.key}, {"group", c.group_vi}, {"group_en", c.group_en}, {"heading_vi", c.heading_vi},
                       {"heading_en", c.heading_en}, {"money", c.money}});
  json rows = json::array();
  for (const auto& row : r.rows)
    rows.push_back({{"unit_code", row.unit.code}, {"unit_name", row.unit.name}, {"level", row.unit.level},
                    {"own_only", row.own_only}, {"reconciled", row.reconciled}, {"values", row.figures}});
  return {{"form", form_code(r.form)},
          {"title", form_title(r.form)},
          {"unit", {{"code", r.unit.code}, {"name", r.unit.name}, {"level", r.unit.level}}},
          {"from", core::format_date(r.from)},
          {"to", core::format_date(r.to)},
          {"columns", columns},
          {"rows", rows},
          {"total", r.total},
          {"not_reconciled", r.not_reconciled}};
}

store::ListQuery list_query(const Request& request, const http::Paging& p) {
  store::ListQuery q;
  q.status = request.query_text("status");
  q.place = request.query_text("place");
  q.year = request.query_int("year", 0, 0, 9999);
  const std::string text = request.query_text("q");
  std::string digits;
  for (const char c : text)
    if (c != ' ' && c != '.' && c != '-') digits += c;
  if (!digits.empty() && std::all_of(digits.begin(), digits.end(), ::isdigit))
    q.q_tax_prefix = digits.size() > 10 ? digits.substr(0, 10) + "-" + digits.substr(10) : digits;
  else
    q.q_folded = core::fold(text);
  q.sort = request.query_text("sort", "created_at");
  q.descending = request.query_text("order", "desc") != "asc";
  q.offset = p.offset();
  q.limit = p.page_size;
  return q;
}

// ---- routes ----

void add_enterprise_routes(http::Router& router, AuditService& service) {
  router.add("GET", route("/enterprises"), [&service](Request& request) {
    const http::Paging p = http::paging(request);
    const auto page = service.find_enterprises(request.principal, request.query_text("q"),
                                               request.query_text("sort", "name"),
                                               request.query_text("order", "asc") == "desc", p.offset(), p.page_size);
    json items = json::array();
    for (const auto& e : page.items) items.push_back(enterprise_json(e));
    json result = http::page_json(items, page.total, p);
    result["total_exact"] = page.total_exact;
    return Response::ok(result);
  });
  router.add("POST", route("/enterprises"), [&service](Request& request) {
    return Response::created(enterprise_json(service.create_enterprise(request.principal, request.json_body())));
  });
  router.add("POST", route("/enterprises/import"), [&service](Request& request) {
    const auto result = service.import_enterprises(request.principal, request.body);
    return Response::ok({{"created", result.created}, {"updated", result.updated}});
  });
  router.add("GET", route("/enterprises/{tax_code}"), [&service](Request& request) {
    const auto r = service.record(request.principal, request.param("tax_code"));
    json changes = json::array();
    for (const auto& c : r.changes)
      changes.push_back({{"at", instant(c.at)}, {"username", c.username}, {"unit_code", c.unit_code},
                         {"source", c.source}, {"changes", json::parse(c.changes, nullptr, false)}});
    json proposals = json::array(), collections = json::array();
    for (const auto& p : r.proposals) proposals.push_back(detail_json(p));
    for (const auto& c : r.collections) collections.push_back(collection_json(c));
    return Response::ok({{"enterprise", enterprise_json(r.enterprise)}, {"key_years", r.key_years},
                         {"changes", changes}, {"proposals", proposals}, {"collections", collections}});
  });
  router.add("PATCH", route("/enterprises/{tax_code}"), [&service](Request& request) {
    return Response::ok(enterprise_json(
        service.update_enterprise(request.principal, request.param("tax_code"), request.json_body())));
  });

  router.add("GET", route("/key-enterprises"), [&service](Request& request) {
    const http::Paging p = http::paging(request);
    const auto year = request.query_int("year", core::to_local(core::now()).date.year, 2000, 2199);
    const auto page = service.key_enterprises(request.principal, year, p.offset(), p.page_size);
    json items = json::array();
    for (const auto& k : page.items)
      items.push_back({{"tax_code", k.tax_code}, {"name", k.name}, {"year", k.year}, {"reason", k.reason},
                       {"added_by", k.added_by}, {"added_at", instant(k.added_at)}});
    return Response::ok(http::page_json(items, page.total, p));
  });
  router.add("POST", route("/key-enterprises"), [&service](Request& request) {
    const json body = request.json_body();
    const auto k = service.add_key_enterprise(request.principal, http::required_text(body, "tax_code", 32),
                                              http::required_int(body, "year", 0, 9999),
                                              http::optional_text(body, "reason").value_or(""));
    return Response::created({{"tax_code", k.tax_code}, {"name", k.name}, {"year", k.year}, {"reason", k.reason},
                              {"added_by", k.added_by}, {"added_at", instant(k.added_at)}});
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
    json proposals = json::array(), collections = json::array();
    for (const auto& p : r.proposals) proposals.push_back(proposal_json(p));
    for (const auto& c : r.collections) collections.push_back(collection_json(c));
    return Response::ok({{"search_id", r.search_id},
                         {"tax_code", r.tax_code},
                         {"expires_at", instant(r.expires_at)},
                         {"enterprise", r.enterprise ? enterprise_json(*r.enterprise) : json(nullptr)},
                         {"key_enterprise", r.key_enterprise},
                         {"proposals", proposals},
                         {"collections", collections}});
  });
}

std::string grounds_text(const json& body) {
  const auto it = body.find("grounds");
  if (it != body.end() && it->is_array()) {
    std::string joined;
    for (const auto& g : *it) {
      if (!g.is_string()) http::invalid_field("grounds", "Căn cứ kiểm tra phải là chuỗi hoặc danh sách chuỗi.");
      joined += (joined.empty() ? "" : "; ") + g.get<std::string>();
    }
    if (joined.empty()) http::invalid_field("grounds", "Cần nêu căn cứ kiểm tra (Điều 78 Luật Hải quan).");
    return joined;
  }
  return http::required_text(body, "grounds", 4000);
}

void add_proposal_routes(http::Router& router, AuditService& service) {
  router.add("GET", route("/proposals"), [&service](Request& request) {
    const http::Paging p = http::paging(request);
    const auto page = service.list_proposals(request.principal, request.query_text("unit"), list_query(request, p));
    json items = json::array();
    for (const auto& x : page.items) items.push_back(proposal_json(x));
    return Response::ok(http::page_json(items, page.total, p));
  });
  router.add("POST", route("/proposals"), [&service](Request& request) {
    const json body = request.json_body();
    ProposalInput input{http::required_text(body, "tax_code", 32),
                        http::required_text(body, "place", 16),
                        grounds_text(body),
                        http::optional_text(body, "search_id", 128).value_or(""),
                        http::required_date(body, "period_from"),
                        http::required_date(body, "period_to"),
                        http::optional_bool(body, "draft").value_or(false)};
    const auto created = service.create_proposal(request.principal, input);
    json result = proposal_json(created.proposal);
    result["duplicates"] = duplicates_json(created.duplicates);
    return Response::created(result);
  });
  router.add("GET", route("/proposals/{id}"), [&service](Request& request) {
    return Response::ok(detail_json(service.proposal(request.principal, request.id_param())));
  });
  for (const char* name : {"submit", "approve", "reject", "pause", "resume", "cancel"}) {
    const Action action = *parse_action(name);
    router.add("POST", route("/proposals/{id}/") + name, [&service, action](Request& request) {
      const json body = request.json_body_or_empty();
      return Response::ok(proposal_json(service.act_on_proposal(
          request.principal, request.id_param(), action, http::optional_text(body, "reason", 2000).value_or(""))));
    });
  }
  router.add("POST", route("/proposals/{id}/decisions"), [&service](Request& request) {
    const json body = request.json_body();
    DecisionInput input;
    input.kind = http::required_text(body, "kind", 16);
    input.number = http::required_text(body, "number", 100);
    input.signer = http::optional_text(body, "signer", 200).value_or("");
    input.team = http::optional_text(body, "team", 2000).value_or("");
    input.signed_on = http::required_date(body, "signed_on");
    input.start_on = http::optional_date(body, "start_on");
    const bool cancellation = input.kind == "CANCELLATION";
    input.working_days = static_cast<int>(cancellation ? http::optional_int(body, "working_days", 0, 10000).value_or(0)
                                                       : http::required_int(body, "working_days", 0, 10000));
    const auto d = service.add_decision(request.principal, request.id_param(), input);
    return Response::created(decision_json(d));
  });
  router.add("POST", route("/proposals/{id}/conclusion"), [&service](Request& request) {
    const json body = request.json_body();
    ConclusionInput input;
    input.number = http::required_text(body, "number", 100);
    input.findings = http::optional_text(body, "findings", 20000).value_or("");
    input.signed_on = http::required_date(body, "signed_on");
    input.declarations = http::optional_int(body, "declarations", 0, 1'000'000'000).value_or(0);
    input.has_violation = http::optional_bool(body, "has_violation");
    const auto amounts = body.find("amounts");
    if (amounts != body.end() && !amounts->is_null()) {
      if (!amounts->is_object()) http::invalid_field("amounts", "Trường «amounts» phải là một đối tượng JSON.");
      for (const char* key : kAmountKeys) {
        const auto v = amounts->find(key);
        if (v == amounts->end() || v->is_null()) continue;
        if (!v->is_number_integer() || v->get<std::int64_t>() < 0)
          core::bad_input("INVALID_AMOUNT", std::string("Số tiền «") + key + "» phải là số nguyên đồng không âm.",
                          {{"field", std::string("amounts.") + key}});
        input.amounts.at(key) = v->get<std::int64_t>();
      }
    }
    return Response::created(conclusion_json(service.add_conclusion(request.principal, request.id_param(), input)));
  });
  router.add("POST", route("/proposals/{id}/conclusion/approve"), [&service](Request& request) {
    return Response::ok(conclusion_json(service.approve_conclusion(request.principal, request.id_param())));
  });
  router.add("POST", route("/proposals/{id}/penalties"), [&service](Request& request) {
    const json body = request.json_body();
    store::Penalty p;
    p.number = http::required_text(body, "number", 100);
    p.signed_on = core::format_date(http::required_date(body, "signed_on"));
    p.violation = http::optional_text(body, "violation", 4000).value_or("");
    const auto amount = body.find("amount");
    if (amount == body.end() || !amount->is_number_integer() || amount->get<std::int64_t>() < 0)
      core::bad_input("INVALID_AMOUNT", "Số tiền phạt phải là số nguyên đồng không âm.", {{"field", "amount"}});
    p.amount = amount->get<std::int64_t>();
    return Response::created(penalty_json(service.add_penalty(request.principal, request.id_param(), p)));
  });
  router.add("POST", route("/proposals/{id}/complaints"), [&service](Request& request) {
    const json body = request.json_body();
    store::Complaint c;
    c.filed_on = core::format_date(http::required_date(body, "filed_on"));
    c.content = http::required_text(body, "content", 4000);
    return Response::created(complaint_json(service.add_complaint(request.principal, request.id_param(), c)));
  });
  router.add("POST", route("/complaints/{id}/decide"), [&service](Request& request) {
    const json body = request.json_body();
    return Response::ok(complaint_json(service.decide_complaint(request.principal, request.id_param(),
                                                                http::required_date(body, "decided_on"),
                                                                http::required_text(body, "outcome", 4000))));
  });
  router.add("GET", route("/queue"), [&service](Request& request) {
    const http::Paging p = http::paging(request);
    const std::string kind = request.query_text("kind", "PROPOSAL");
    json items = json::array();
    std::int64_t total = 0;
    if (kind == "PROPOSAL") {
      const auto page = service.proposal_queue(request.principal, p.offset(), p.page_size);
      for (const auto& [proposal, duplicates] : page.items) {
        json item = proposal_json(proposal);
        item["duplicates"] = duplicates_json(duplicates);
        items.push_back(item);
      }
      total = page.total;
    } else if (kind == "COLLECTION" || kind == "RESULT") {
      const auto page = service.collection_queue(request.principal, kind == "RESULT" ? "RESULT_SUBMITTED" : "SUBMITTED",
                                                 p.offset(), p.page_size);
      for (const auto& [collection, duplicates] : page.items) {
        json item = collection_json(collection);
        item["duplicates"] = duplicates_json(duplicates);
        items.push_back(item);
      }
      total = page.total;
    } else {
      core::bad_input("INVALID_PARAMETER", "Tham số «kind» phải là PROPOSAL, COLLECTION hoặc RESULT.");
    }
    return Response::ok(http::page_json(items, total, p));
  });
}

void add_collection_routes(http::Router& router, AuditService& service) {
  router.add("GET", route("/collections"), [&service](Request& request) {
    const http::Paging p = http::paging(request);
    const auto page = service.list_collections(request.principal, request.query_text("unit"), list_query(request, p));
    json items = json::array();
    for (const auto& x : page.items) items.push_back(collection_json(x));
    return Response::ok(http::page_json(items, page.total, p));
  });
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
  for (const char* name : {"approve", "reject", "pause", "resume", "cancel"}) {
    const Action action = *parse_action(name);
    router.add("POST", route("/collections/{id}/") + name, [&service, action](Request& request) {
      const json body = request.json_body_or_empty();
      return Response::ok(collection_json(service.act_on_collection(
          request.principal, request.id_param(), action, http::optional_text(body, "reason", 2000).value_or(""))));
    });
  }
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
}

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
    json due_today = json::array(), late = json::array();
    for (const auto& d : board.due_today) due_today.push_back(deadline_json(d));
    for (const auto& d : board.late) late.push_back(deadline_json(d));
    return Response::ok({{"unit_code", board.unit_code},
                         {"today", board.today},
                         {"due_today", due_today},
                         {"late", late},
                         {"stats", {{"done", board.stats.done},
                                    {"done_on_time", board.stats.done_on_time},
                                    {"open", board.stats.open},
                                    {"open_late", board.stats.open_late},
                                    {"due_today", board.stats.due_today}}},
                         {"on_time_rate", board.on_time_rate}});
  });
}

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
    const http::Paging p = http::paging(request);
    const auto page = service.feedback(request.principal, p.offset(), p.page_size);
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
  add_enterprise_routes(router, service);
  add_proposal_routes(router, service);
  add_collection_routes(router, service);
  add_report_routes(router, service);
  add_misc_routes(router, service);
}

}  // namespace hq::audit
