#include "core/error.h"
#include "eservices/routes.h"
#include "eservices/signatures.h"
#include "http/json_input.h"
#include "http/route_names.h"

namespace hq::eservices {

using namespace http::route_names;

namespace {

const http::RoutePrefix route{"/api/v1/eservices"};

// Bodies that carry documents in base64 (a dossier, a supplement, a result): up to the transport's limit
// (ServerOptions::max_body_bytes, 10 MiB), which Limits::max_dossier_bytes (7 MB of documents) fits in.
constexpr std::size_t kMaxDocumentsJson = 10 * 1024 * 1024;

Response dossier_response(const DossierView& v) { return Response::ok(dossier_json(v)); }

// A true/false query parameter (absent = false).
bool flag(const Request& request, const std::string& name) {
  const std::string v = request.query_text(name);
  if (!v.empty() && v != "true" && v != "false" && v != "1" && v != "0")
    core::bad_input("INVALID_PARAMETER", "Tham số «" + name + "» chỉ nhận true hoặc false.", {{"parameter", name}});
  return v == "true" || v == "1";
}

// POST /dossiers/{id}/<action> with a JSON body (possibly empty) → the dossier as GET shows it.
// The body is the action's to take from (documents are moved out, not copied).
using Action = std::function<DossierView(const core::Principal&, std::int64_t, json&)>;
void add_action(http::Router& router, const std::string& name, Action action) {
  router.add("POST", route("/dossiers/{id}/" + name), [action](Request& request) {
    const auto id = request.id_param();
    auto body = request.json_body_or_empty(kMaxDocumentsJson);
    return dossier_response(action(request.principal, id, body));
  });
}

std::string comment(const json& body, const char* field = "comment") {
  return http::optional_text(body, field, 4000).value_or("");
}

void add_processing_actions(http::Router& router, EServicesService& s) {
  add_action(router, "assign", [&s](const core::Principal& p, std::int64_t id, const json& b) {
    return s.assign(p, id, http::required_text(b, "to", 64));
  });
  add_action(router, "claim", [&s](const core::Principal& p, std::int64_t id, const json&) { return s.claim(p, id); });
  add_action(router, "transfer", [&s](const core::Principal& p, std::int64_t id, const json& b) {
    return s.transfer(p, id, http::required_text(b, "unit_code", 6), comment(b, "reason"));
  });
  add_action(router, "request-supplement", [&s](const core::Principal& p, std::int64_t id, const json& b) {
    return s.request_supplement(p, id, http::text_list(b, "missing", 50), comment(b, "note"));
  });
  add_action(router, "supplement", [&s](const core::Principal& p, std::int64_t id, json& b) {
    const auto note = comment(b, "note");
    return s.supplement(p, id, documents_from(b), note);
  });
  add_action(router, "refuse", [&s](const core::Principal& p, std::int64_t id, const json& b) {
    return s.refuse(p, id, http::required_text(b, "reason", 4000));
  });
  add_action(router, "propose-refusal", [&s](const core::Principal& p, std::int64_t id, const json& b) {
    return s.propose_refusal(p, id, http::required_text(b, "reason", 4000), http::required_text(b, "letter", 20000));
  });
  add_action(router, "dispatch", [&s](const core::Principal& p, std::int64_t id, const json& b) {
    store::Dispatch d;
    d.method = http::required_text(b, "method", 16);
    d.reference = http::required_text(b, "reference", 100);
    d.note = http::optional_text(b, "note", 2000).value_or("");
    return s.dispatch(p, id, d);
  });
  add_action(router, "propose", [&s](const core::Principal& p, std::int64_t id, const json& b) {
    return s.propose(p, id, comment(b));
  });
  add_action(router, "approve", [&s](const core::Principal& p, std::int64_t id, const json& b) {
    return s.approve(p, id, comment(b));
  });
  add_action(router, "return", [&s](const core::Principal& p, std::int64_t id, const json& b) {
    return s.send_back(p, id, http::required_text(b, "comment", 4000));
  });
  add_action(router, "recall", [&s](const core::Principal& p, std::int64_t id, const json& b) {
    return s.recall(p, id, comment(b));
  });
  add_action(router, "apology", [&s](const core::Principal& p, std::int64_t id, const json& b) {
    const auto text = http::required_text(b, "new_due_at", 40);
    const auto at = core::parse_iso8601(text);
    if (!at) http::invalid_field("new_due_at", "Ngày hẹn mới phải có dạng ISO-8601 kèm múi giờ (2026-12-05T16:00:00+07:00).");
    return s.apologize(p, id, *at, http::required_text(b, "letter", 4000));
  });
  add_action(router, "fee-notice", [&s](const core::Principal& p, std::int64_t id, const json& b) {
    return s.fee_notice(p, id, http::required_int(b, "amount", 1, 1'000'000'000'000));
  });
  add_action(router, "record-payment", [&s](const core::Principal& p, std::int64_t id, const json& b) {
    return s.record_payment(p, id, http::required_text(b, "receipt_no", 100));
  });
}

void add_result_routes(http::Router& router, EServicesService& s) {
  router.add("POST", route("/dossiers/{id}/issue-result"), [&s](Request& request) {
    const auto body = request.json_body_or_empty(kMaxDocumentsJson);
    std::optional<std::string> document;
    if (const auto b64 = http::optional_text(body, "document_base64", 8 * 1024 * 1024)) {
      document = base64_decode(*b64);
      if (!document) http::invalid_field("document_base64", "Văn bản kết quả không phải base64 hợp lệ.");
    }
    json j = dossier_json(s.issue_result(request.principal, request.id_param(), document));
    return Response::ok(j);
  });
  router.add("GET", route("/dossiers/{id}/result"), [&s](Request& request) {
    const auto r = s.result(request.principal, request.id_param());
    return Response::ok({{"result_number", r.number}, {"dossier_number", r.dossier_number},
                         {"issued_at", core::format_iso8601(r.issued_at)}, {"sha256", r.sha256},
                         {"content_base64", r.content_base64}, {"signature_base64", r.signature_base64},
                         {"certificate_pem", r.certificate_pem}});
  });
  router.add("POST", route("/dossiers/{id}/pay"), [&s](Request& request) {
    const auto start = s.start_payment(request.principal, request.id_param());
    return Response::ok({{"order_id", start.order_id}, {"amount", start.amount}, {"redirect_url", start.redirect_url},
                         {"gateway", "SANDBOX"}});
  });
  router.add("POST", route("/payments/callback"), [&s](Request& request) {
    const auto id = s.payment_callback(request.json_body());
    return Response::ok({{"received", true}, {"dossier_id", id}});
  }, Access::Public);
  router.add("POST", route("/sandbox-gateway/pay"), [&s](Request& request) {
    const auto body = request.json_body();
    return Response::ok(s.sandbox_pay(http::required_text(body, "order_id", 100),
                                      http::required_int(body, "amount", 1, 1'000'000'000'000),
                                      http::required_text(body, "signature", 128)));
  }, Access::Public);
  router.add("GET", route("/results/{number}/verify"), [&s](Request& request) {
    return Response::ok(s.verify_result(request.param("number")));
  }, Access::Public);
  router.add("POST", route("/results/verify"), [&s](Request& request) {
    const auto body = request.json_body(kMaxDocumentsJson);
    const auto content = base64_decode(http::required_text(body, "document_base64", 8 * 1024 * 1024));
    if (!content) http::invalid_field("document_base64", "Tệp kết quả không phải base64 hợp lệ.");
    std::string signature;
    if (const auto sig = http::optional_text(body, "signature_base64", 1024 * 1024)) {
      const auto der = base64_decode(*sig);
      if (!der) http::invalid_field("signature_base64", "Chữ ký không phải base64 hợp lệ.");
      signature = *der;
    }
    return Response::ok(s.verify_result_upload(*content, signature));
  }, Access::Public);
}

}  // namespace

void add_dossier_routes(http::Router& router, EServicesService& s) {
  router.add("POST", route("/dossiers"), [&s](Request& request) {
    // The documents' base64 is decoded from the request's own text (megabytes not copied into the JSON).
    auto body = request.json_body_leaving(kMaxDocumentsJson, "content_base64");
    const auto procedure = http::required_text(body.value, "procedure_code", 20);
    const auto unit = http::required_text(body.value, "unit_code", 6);
    const auto view = s.submit(request.principal, procedure, unit, documents_from(body.value, &body.lifted));
    return Response::created(dossier_json(view));
  });
  router.add("GET", route("/dossiers"), [&s](Request& request) {
    store::DossierQuery q;
    q.status = request.query_text("status");
    q.procedure_code = request.query_text("procedure_code");
    q.assignee = request.query_text("assignee");
    if (q.status.size() > 32 || q.procedure_code.size() > 20 || q.assignee.size() > 64)
      core::bad_input("INVALID_PARAMETER", "Tham số lọc quá dài.");
    const bool overdue = flag(request, "overdue");
    q.open_only = flag(request, "open");
    const auto paging = http::paging(request);
    q.offset = paging.offset();
    q.limit = paging.page_size;
    const auto page = s.dossiers(request.principal, q, overdue);
    json items = json::array();
    for (const auto& v : page.items) {
      json j = dossier_json(v);
      j.erase("documents");
      j.erase("timeline");
      items.push_back(std::move(j));
    }
    return Response::ok(http::page_json(items, page.total, paging));
  });
  router.add("GET", route("/dossiers/{id}"), [&s](Request& request) {
    return dossier_response(s.dossier(request.principal, request.id_param()));
  });
  router.add("GET", route("/dossiers/{id}/documents/{document_id}"), [&s](Request& request) {
    const auto [doc, bytes] = s.document(request.principal, request.id_param(), request.id_param("document_id"));
    return Response::file("application/octet-stream", bytes, doc.name)
        .with_header("X-Content-SHA256", doc.sha256);
  });
  add_processing_actions(router, s);
  add_result_routes(router, s);
  router.add("GET", route("/stats"), [&s](Request& request) {
    const auto today = core::to_local(core::now()).date;
    const auto from = request.query_date("from", core::Date{today.year, 1, 1});
    const auto to = request.query_date("to", today);
    const std::string format = request.query_text("format", "json");
    if (format != "json" && format != "xlsx")
      core::bad_input("INVALID_PARAMETER", "Tham số «format» chỉ nhận json hoặc xlsx.", {{"parameter", "format"}});
    const auto lines = s.stats(request.principal, request.query_text("unit"), from, to);
    if (format == "xlsx")
      return Response::file("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                            xlsx_stats(lines, "Thống kê hồ sơ dịch vụ công trực tuyến từ " + core::format_date(from) +
                                                  " đến " + core::format_date(to)),
                            "thong-ke-dvctt.xlsx");
    json items = json::array();
    for (const auto& l : lines)
      items.push_back({{"unit_code", l.unit_code}, {"procedure_code", l.procedure_code}, {"received", l.received},
                       {"carried_over", l.carried_over}, {"on_time", l.on_time}, {"late", l.late},
                       {"supplement", l.supplement}, {"refused", l.refused},
                       {"in_progress_on_time", l.in_progress_on_time}, {"in_progress_overdue", l.in_progress_overdue}});
    return Response::ok({{"from", core::format_date(from)}, {"to", core::format_date(to)}, {"items", items}});
  });
}

}  // namespace hq::eservices
