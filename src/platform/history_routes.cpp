#include "platform/history_routes.h"

#include "core/error.h"
#include "core/time.h"
#include "history/history_service.h"

namespace hq::platform {

using http::Request;
using http::Response;
using nlohmann::json;

void add_history_routes(http::Router& router, history::HistoryService& service) {
  router.add("GET", "/api/v1/history", [&service](Request& request) {
    const auto paging = http::paging(request);
    const auto result = service.list(request.principal, request.query_text("entity_type"),
                                     request.query_text("entity_id"), paging.offset(), paging.page_size);
    json items = json::array();
    for (const auto& e : result.items)
      items.push_back({{"id", e.id}, {"at", core::format_iso8601(e.at)}, {"username", e.username},
                       {"unit_code", e.unit_code}, {"action", e.action}, {"entity_type", e.entity_type},
                       {"entity_id", e.entity_id}, {"summary", e.summary}, {"client_address", e.client_address}});
    return Response::ok(http::page_json(std::move(items), result.total, paging));
  });
  router.add("GET", "/api/v1/history/verify", [&service](Request& request) {
    const auto check = service.verify(request.principal);
    return Response::ok({{"ok", check.ok}, {"checked", check.checked},
                         {"first_bad_id", check.first_bad_id ? json(*check.first_bad_id) : json(nullptr)},
                         {"problem", check.problem}});
  });
}

void add_health_routes(http::Router& router, db::Database& db) {
  router.add("GET", "/healthz", [&db](Request&) {
    try {
      int one = 0;
      db.read([&](soci::session& sql) { sql << "SELECT 1", soci::into(one); });
      return Response::ok({{"status", "ok"}, {"db", "ok"}});
    } catch (const std::exception&) {
      return Response::json(503, {{"status", "degraded"}, {"db", "unavailable"}});
    }
  }, http::Access::Public);
  router.metrics().add_gauge_source([&db] {
    return "# HELP haiquan_db_pool_size Database sessions in the pool.\n# TYPE haiquan_db_pool_size gauge\n"
           "haiquan_db_pool_size " + std::to_string(db.pool_size()) +
           "\n# HELP haiquan_db_pool_in_use Database sessions lent out.\n# TYPE haiquan_db_pool_in_use gauge\n"
           "haiquan_db_pool_in_use " + std::to_string(db.sessions_in_use()) + "\n";
  });
  router.add("GET", "/metrics", [&router](Request&) {
    Response response;
    response.headers.emplace_back("Content-Type", "text/plain; version=0.0.4");
    response.body = router.metrics().render();
    return response;
  }, http::Access::Public);
}

}  // namespace hq::platform
