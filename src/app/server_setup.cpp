#include "app/server_setup.h"

#include <spdlog/spdlog.h>

#include <exception>
#include <thread>

#include "audit/routes.h"
#include "http/server.h"
#include "http/static_files.h"
#include "identity/routes.h"
#include "platform/calendar_routes.h"
#include "platform/history_routes.h"
#include "trs/demo.h"
#include "trs/study_routes.h"

namespace hq::app {

struct ServerParts {
  explicit ServerParts(db::Database& db) : identity(db), calendar(db), audit(db), trs(db), static_files("") {}
  identity::IdentityService identity;
  platform::CalendarService calendar;
  audit::AuditService audit;
  trs::StudyService trs;
  http::StaticFiles static_files;
  http::Router router;
};

Server::Server(db::Database& db, const Options& options) : parts_(std::make_unique<ServerParts>(db)) {
  auto& p = *parts_;
  p.static_files = http::StaticFiles(options.web_root);
  p.router.set_authenticator(std::make_shared<identity::SessionAuthenticator>(p.identity));
  identity::add_identity_routes(p.router, p.identity, {options.secure_cookies, {"platform", "audit", "trs"}});
  platform::add_calendar_routes(p.router, p.calendar);
  platform::add_history_routes(p.router, db);
  platform::add_health_routes(p.router, db);
  audit::add_audit_routes(p.router, p.audit);
  trs::add_trs_routes(p.router, p.trs);
  if (!options.metrics_token.empty() || !options.metrics_allow.empty())
    p.router.guard("/metrics", http::metrics_guard(options.metrics_token, options.metrics_allow));
  p.router.set_fallback([&p](http::Request& request) { return p.static_files.serve(request); });
  p.router.set_access_log(options.access_log);
}

Server::~Server() = default;

http::Router& Server::router() { return parts_->router; }

void Server::warm_up() { parts_->audit.warm_up(); }

int serve_http(db::Database& db, const Options& options) {
  Server server(db, options);
  http::ServerOptions http_options;
  http_options.address = options.address;
  http_options.port = options.port;
  http_options.threads = options.threads;
  http_options.trust_proxy = options.trust_proxy;
  std::jthread warm_up([&server] {
    try {
      server.warm_up();
    } catch (const std::exception& e) {  // searches then load it themselves
      spdlog::warn("warm-up failed (the first searches will load what it would have): {}", e.what());
    }
  });
  http::serve(server.router(), http_options);
  return 0;
}

void add_module_demo_data(db::Database& db) {
  audit::add_demo_data(db);
  trs::add_demo_data(db);
}

}  // namespace hq::app
