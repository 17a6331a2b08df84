#include "monitor/routes.h"

#include "core/error.h"
#include "core/fields.h"
#include "http/json_input.h"
#include "http/route_names.h"
#include "http/json_text.h"

namespace hq::monitor {

using namespace http::route_names;

namespace {

const http::RoutePrefix route{"/api/v1/monitor"};

ListQuery list_query(const Request& request) {
  const auto paging = http::paging(request);
  ListQuery q;
  q.system = request.query_text("system");
  q.unit = request.query_text("unit");
  q.op = request.query_text("op");
  q.status = request.query_text("status");
  q.kind = request.query_text("kind");
  q.batch = request.query_text("batch", "");
  q.from = request.query_text("from");
  q.to = request.query_text("to");
  q.cursor = request.query_text("cursor");
  q.offset = paging.offset();
  q.limit = paging.page_size;
  return q;
}

Response page(const Request& request, const Page& p) {
  auto body = http::page_json(p.items, p.total, http::paging(request));
  if (p.total_exact) body["total_exact"] = *p.total_exact;
  if (p.next_cursor) body["next_cursor"] = *p.next_cursor;
  return Response::ok(body);
}

Response ingest_answer(const IngestResult& r) { return Response::ok({HQ_JSON_FIELDS(r, accepted, duplicates)}); }

// An agent's request carries up to 10,000 items (the contract); at about 350 bytes an event that is 3.5 MB, over
// the 2 MiB of an ordinary JSON body. Its limit is the transport's (ServerOptions::max_body_bytes, 10 MiB).
constexpr std::size_t kMaxIngestBytes = 10 * 1024 * 1024;

void add_agent_routes(http::Router& router, MonitorService& service) {
  router.add("POST", route("/agents"), [&service](Request& request) {
    const auto body = request.json_body();
    const auto created = service.create_agent(request.principal, http::required_text(body, "unit_code", 6),
                                              http::required_text(body, "name", 200));
    return Response::created({HQ_JSON_FIELDS(created, id, token)});
  });
  router.add("GET", route("/agents"), [&service](Request& request) {
    const auto paging = http::paging(request);
    return page(request, service.agents(request.principal, paging.offset(), paging.page_size));
  });
  router.add("POST", route("/agents/{id}/revoke"), [&service](Request& request) {
    service.revoke_agent(request.principal, request.id_param());
    return Response::ok({{"id", request.id_param()}, {"status", "REVOKED"}});
  });
  // Agents: a bearer token, no session (Access::Public skips the session chain; the service checks the token).
  router.add("POST", route("/events"), [&service](Request& request) {
    const auto agent = service.authenticate_agent(request.header("authorization"));
    return ingest_answer(
        service.ingest_events(agent, http::checked_json_text(request, kMaxIngestBytes), request.client_address));
  }, http::Access::Public);
  router.add("POST", route("/services"), [&service](Request& request) {
    const auto agent = service.authenticate_agent(request.header("authorization"));
    return ingest_answer(service.ingest_service_reports(agent, request.json_body(kMaxIngestBytes), request.client_address));
  }, http::Access::Public);
}

void add_settings_routes(http::Router& router, MonitorService& service) {
  router.add("GET", route("/settings"), [&service](Request& request) {
    return Response::ok({{"items", service.settings(request.principal)}});
  });
  router.add("PUT", route("/settings/{system}"), [&service](Request& request) {
    const auto body = request.json_body();
    const Settings s{http::required_int(body, "receive_within_seconds", kMinWindow, kMaxWindow),
                     http::required_int(body, "update_within_seconds", kMinWindow, kMaxWindow),
                     http::required_int(body, "service_interval_seconds", kMinWindow, kMaxWindow)};
    service.update_settings(request.principal, request.param("system"), s);
    return Response::ok({{"system", request.param("system")},
                         {"receive_within_seconds", s.receive_within},
                         {"update_within_seconds", s.update_within},
                         {"service_interval_seconds", s.service_interval}});
  });
}

void add_list_routes(http::Router& router, MonitorService& service) {
  router.add("GET", route("/operations"), [&service](Request& request) {
    return page(request, service.operations(request.principal, list_query(request)));
  });
  router.add("GET", route("/transfers"), [&service](Request& request) {
    return page(request, service.transfers(request.principal, list_query(request)));
  });
  router.add("GET", route("/incidents"), [&service](Request& request) {
    return page(request, service.incidents(request.principal, list_query(request)));
  });
  router.add("GET", route("/incidents/{id}"), [&service](Request& request) {
    return Response::ok(service.incident(request.principal, request.id_param()));
  });
  router.add("POST", route("/incidents/{id}/close"), [&service](Request& request) {
    const auto body = request.json_body();
    service.close_incident(request.principal, request.id_param(), http::required_text(body, "note", 2000));
    return Response::ok(service.incident(request.principal, request.id_param()));
  });
  router.add("GET", route("/services"), [&service](Request& request) {
    return page(request, service.services(request.principal, list_query(request)));
  });
  router.add("GET", route("/services/{id}/history"), [&service](Request& request) {
    const auto paging = http::paging(request);
    return page(request, service.service_history(request.principal, request.id_param(), paging.offset(),
                                                 paging.page_size));
  });
  router.add("GET", route("/summary"), [&service](Request& request) {
    return Response::ok(service.summary(request.principal, request.query_text("date")));
  });
  router.add("GET", route("/board"), [&service](Request& request) {
    return Response::ok(service.board(request.principal));
  });
}

}  // namespace

void add_monitor_routes(http::Router& router, MonitorService& service) {
  add_agent_routes(router, service);
  add_settings_routes(router, service);
  add_list_routes(router, service);
  router.metrics().add_gauge_source([&service] {
    try {
      return service.metrics_text();
    } catch (const std::exception&) {  // the database is down: /metrics still answers with the rest
      return std::string();
    }
  });
}

}  // namespace hq::monitor
