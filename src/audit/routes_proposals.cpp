#include "audit/list_export.h"
#include "audit/routes_json.h"

#include <algorithm>

#include "core/error.h"
#include "core/text.h"
#include "core/time.h"
#include "http/json_input.h"

namespace hq::audit::routes {

namespace {

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
}  // namespace

void add_proposal_routes(http::Router& router, AuditService& service) {
  add_unit_list_route(router, "/proposals", service, &AuditService::list_proposals, proposals_table, "de-xuat-kiem-tra",
                      proposal_json);
  router.add("POST", route("/proposals"), [&service](Request& request) {
    const json body = request.json_body();
    const auto risk_run_id = http::optional_int(body, "risk_run_id", 1, INT64_MAX).value_or(0);
    ProposalInput input{http::required_text(body, "tax_code", 32),
                        http::required_text(body, "place", 16),
                        risk_run_id && !body.contains("grounds") ? std::string() : grounds_text(body),
                        http::optional_text(body, "search_id", 128).value_or(""),
                        http::required_date(body, "period_from"),
                        http::required_date(body, "period_to"),
                        http::optional_bool(body, "draft").value_or(false)};
    input.risk_run_id = risk_run_id;
    input.paper_approved_on = http::optional_date(body, "paper_approved_on");
    const auto created = service.create_proposal(request.principal, input);
    json result = proposal_json(created.proposal);
    result["duplicates"] = duplicates_json(created.duplicates);
    return Response::created(result);
  });
  router.add("GET", route("/proposals/{id}"), [&service](Request& request) {
    return Response::ok(detail_json(service.proposal(request.principal, request.id_param())));
  });
  add_action_routes(router, "/proposals/{id}/", {"submit", "approve", "reject", "pause", "resume", "cancel"},
                    [&service](Request& request, Action action, const std::string& reason) {
                      return proposal_json(
                          service.act_on_proposal(request.principal, request.id_param(), action, reason));
                    });
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
  router.add("POST", route("/proposals/{id}/decisions/{decision_id}/approve"), [&service](Request& request) {
    return Response::ok(decision_json(
        service.approve_decision(request.principal, request.id_param(), request.id_param("decision_id"))));
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
    const auto [xlsx, p] = list_request(request);
    const std::string kind = request.query_text("kind", "PROPOSAL");
    json items = json::array();
    std::int64_t total = 0;
    if (kind == "PROPOSAL") {
      const auto page = service.proposal_queue(request.principal, p.offset(), p.page_size);
      if (xlsx) {
        std::vector<store::Proposal> rows;
        for (const auto& item : page.items) rows.push_back(item.first);
        return xlsx_list(proposals_table(rows), page.total, "cho-phe-duyet-de-xuat");
      }
      for (const auto& [proposal, duplicates] : page.items) {
        json item = proposal_json(proposal);
        item["duplicates"] = duplicates_json(duplicates);
        items.push_back(item);
      }
      total = page.total;
    } else if (kind == "COLLECTION" || kind == "RESULT") {
      const auto page = service.collection_queue(request.principal, kind == "RESULT" ? "RESULT_SUBMITTED" : "SUBMITTED",
                                                 p.offset(), p.page_size);
      if (xlsx) {
        std::vector<store::Collection> rows;
        for (const auto& item : page.items) rows.push_back(item.first);
        return xlsx_list(collections_table(rows), page.total, kind == "RESULT" ? "cho-duyet-ket-qua" : "cho-phe-duyet-thu-thap");
      }
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

}  // namespace hq::audit::routes
