// A dossier's letters and paper dispatch; the administrator's lists of trust anchors and CRLs and the customs
// signing identity in use.
#include "core/error.h"
#include "eservices/crl_job.h"
#include "eservices/routes.h"
#include "http/json_input.h"

namespace hq::eservices {

using http::Request;
using http::Response;
using nlohmann::json;

namespace {

json instant_or_null(std::optional<std::int64_t> t) { return t ? json(core::format_iso8601(*t)) : json(nullptr); }
json text_or_null(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

json letter_json(const store::Letter& l) {
  return {{"id", l.id},          {"kind", l.kind},
          {"number", text_or_null(l.number)},
          {"reason", l.reason},  {"body", l.body},
          {"status", l.status},  {"drafted_by", l.drafted_by},
          {"drafted_at", core::format_iso8601(l.drafted_at)},
          {"decided_by", text_or_null(l.decided_by)},
          {"decided_at", instant_or_null(l.decided_at)}};
}

json certificate_summary(const CertificateInfo& c) {
  return {{"subject", c.subject},       {"issuer", c.issuer},
          {"serial", c.serial},         {"fingerprint", c.fingerprint},
          {"not_before", core::format_iso8601(c.not_before)},
          {"not_after", core::format_iso8601(c.not_after)}};
}

}  // namespace

void add_admin_routes(http::Router& router, EServicesService& s) {
  const std::string base = "/api/v1/eservices";
  router.add("GET", base + "/dossiers/{id}/letters", [&s](Request& request) {
    json items = json::array();
    for (const auto& l : s.letters(request.principal, request.id_param())) items.push_back(letter_json(l));
    return Response::ok({{"items", items}});
  });
  router.add("GET", base + "/dossiers/{id}/dispatch", [&s](Request& request) {
    const auto d = s.dispatch_of(request.principal, request.id_param());
    if (!d) return Response::ok({{"dispatch", nullptr}});
    return Response::ok({{"dispatch",
                          {{"method", d->method}, {"reference", d->reference}, {"note", d->note},
                           {"dispatched_by", d->dispatched_by}, {"dispatched_at", core::format_iso8601(d->dispatched_at)}}}});
  });
  router.add("GET", base + "/trust-anchors", [&s](Request& request) {
    json items = json::array();
    for (const auto& a : s.trust_anchors(request.principal)) {
      json item = certificate_summary(certificate_info(a.pem));
      item["id"] = a.id;
      item["created_by"] = a.created_by;
      item["created_at"] = core::format_iso8601(a.created_at);
      item["crl_urls"] = crl_distribution_points(a.pem);
      items.push_back(item);
    }
    return Response::ok({{"items", items}});
  });
  router.add("GET", base + "/crls", [&s](Request& request) {
    json items = json::array();
    for (const auto& c : s.crls(request.principal))
      items.push_back({{"id", c.id},
                       {"issuer", c.issuer},
                       {"this_update", core::format_iso8601(c.this_update)},
                       {"next_update", instant_or_null(c.next_update)},
                       {"revoked", c.revoked},
                       {"source", c.source},
                       {"installed_at", core::format_iso8601(c.created_at)}});
    return Response::ok({{"items", items}});
  });
  router.add("GET", base + "/signing-identity", [&s](Request& request) {
    const auto identity = s.signing_identity(request.principal);
    return Response::ok({{"certificate", identity ? certificate_summary(*identity) : json(nullptr)}});
  });
}

namespace {
json crl_job_json(const CrlJobStatus& st) {
  return {{"interval_seconds", st.interval_seconds}, {"running", st.running}, {"runs", st.runs},
          {"last_run_at", instant_or_null(st.last_run_at)}, {"next_run_at", instant_or_null(st.next_run_at)}};
}
}  // namespace

void add_crl_job_routes(http::Router& router, EServicesService& s, CrlRefreshJob& job) {
  const std::string base = "/api/v1/eservices";
  router.add("GET", base + "/crl-sources", [&s, &job](Request& request) {
    json items = json::array();
    for (const auto& c : s.crl_sources(request.principal))
      items.push_back({{"url", c.url},
                       {"issuer", text_or_null(c.issuer)},
                       {"outcome", c.outcome},
                       {"error", text_or_null(c.error)},
                       {"failures", c.failures},
                       {"last_attempt_at", core::format_iso8601(c.last_attempt_at)},
                       {"last_success_at", instant_or_null(c.last_success_at)}});
    return Response::ok({{"items", items}, {"job", crl_job_json(job.status())}});
  });
  router.add("POST", base + "/crl-sources/refresh", [&s, &job](Request& request) {
    s.require_trust_admin(request.principal);
    if (!job.status().running)
      core::conflict("CRL_JOB_OFF", "Tác vụ cập nhật CRL đang tắt trên máy chủ này (--crl-refresh-minutes 0): "
                                    "dùng lệnh haiquan eservices refresh-crls.");
    job.refresh_now();  // the job fetches; the request does not wait for the network
    return Response::json(202, {{"job", crl_job_json(job.status())}});
  });
}

}  // namespace hq::eservices
