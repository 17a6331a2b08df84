#include "app/server_setup.h"

#include <spdlog/spdlog.h>

#include <exception>
#include <thread>

#include "app/demo.h"
#include "audit/risk/routes.h"
#include "audit/routes.h"
#include "audit/routes_escalations.h"
#include "audit/routes_payments.h"
#include "eservices/crl_job.h"
#include "eservices/demo.h"
#include "eservices/helpdesk_routes.h"
#include "eservices/routes.h"
#include "http/server.h"
#include "http/static_files.h"
#include "history/history_service.h"
#include "identity/history_access.h"
#include "identity/routes.h"
#include "monitor/demo.h"
#include "monitor/due_timer.h"
#include "monitor/routes.h"
#include "platform/calendar_routes.h"
#include "platform/history_routes.h"
#include "trs/study/agency_routes.h"
#include "trs/study/demo.h"
#include "trs/study/report_keeper.h"
#include "trs/study/study_routes.h"

namespace hq::app {

struct ServerParts {
  ServerParts(db::Database& db, const Options& options)
      : identity(db), history(db), calendar(db), audit(db), audit_payments(db), audit_escalations(db), audit_calendar(db), risk(db), trs(db), trs_agencies(db), eservices(db), helpdesk(db), monitor(db),
        crl_job(eservices, [](const std::string& url) { return eservices::fetch_crl(url); },
                std::chrono::minutes(options.crl_refresh_minutes)),
        static_files("") {}
  identity::IdentityService identity;
  history::HistoryService history;
  platform::CalendarService calendar;
  audit::AuditService audit;
  audit::AuditPayments audit_payments;
  audit::AuditEscalations audit_escalations;
  audit::AuditReportCalendar audit_calendar;
  audit::risk::RiskService risk;
  trs::StudyService trs;
  trs::AgencyService trs_agencies;
  trs::ReportKeeper trs_reports{trs};  // after trs: stopped before it
  eservices::EServicesService eservices;
  eservices::HelpdeskService helpdesk;
  monitor::MonitorService monitor;
  monitor::DueTimer due_timer{monitor};
  eservices::CrlRefreshJob crl_job;
  http::StaticFiles static_files;
  http::Router router;
};

namespace {

// The history of a module's records is read with the rights of the records: each check calls the module's own
// getter, which answers 404 (or 403) outside the caller's scope. Types not registered here or by a module
// are for platform administrators only.
void register_history_access(ServerParts& p) {
  using history::entity_number;
  identity::register_history_access(p.history, p.identity);
  for (const char* type : {"calendar", "calendar_adjustment"})  // the calendar is read by every signed-in user
    p.history.register_entity_type(type, [](const core::Principal&, const std::string&) { return true; });
  // A getter taking a numeric id: a non-numeric id names nothing.
  auto by_number = [](auto open) {
    return [open](const core::Principal& caller, const std::string& id) {
      const auto number = entity_number(id);
      if (!number) return false;
      open(caller, *number);
      return true;
    };
  };
  // Audit answers for its own types with the scope of the records themselves (rules.h: may_read_unit).
  for (const char* type : {"audit_proposal", "audit_collection", "audit_enterprise", "audit_report", "audit_feedback"})
    p.history.register_entity_type(type, [&p, type](const core::Principal& caller, const std::string& id) {
      return p.audit.may_read_entity(caller, type, id);
    });
  // Risk selection: a run with the run's scope, a criteria set for every audit user.
  p.history.register_entity_type(
      "audit_risk_run", by_number([&p](const core::Principal& c, std::int64_t id) { p.risk.run(c, id); }));
  p.history.register_entity_type(
      "audit_risk_criteria_set", by_number([&p](const core::Principal& c, std::int64_t id) { p.risk.criteria_set(c, id); }));
  p.history.register_entity_type(
      "monitor_incident", by_number([&p](const core::Principal& c, std::int64_t id) { p.monitor.incident(c, id); }));
  p.history.register_entity_type(
      "trs_study", by_number([&p](const core::Principal& c, std::int64_t id) { p.trs.study(c, id); }));
  // "<study>/<first 11 digits of the declaration>"
  p.history.register_entity_type("trs_record", [&p](const core::Principal& caller, const std::string& id) {
    const auto slash = id.find('/');
    if (slash == std::string::npos) return false;
    const auto study = entity_number(id.substr(0, slash));
    std::string key = id.substr(slash + 1);
    if (!study || !entity_number(key) || key.size() > 11) return false;
    key.insert(0, 11 - key.size(), '0');
    p.trs.record(caller, *study, key);
    return true;
  });
}

}  // namespace

Server::Server(db::Database& db, const Options& options) : parts_(std::make_unique<ServerParts>(db, options)) {
  auto& p = *parts_;
  p.static_files = http::StaticFiles(options.web_root);
  p.router.set_authenticator(std::make_shared<identity::SessionAuthenticator>(p.identity, !options.insecure_cookies));
  identity::add_identity_routes(p.router, p.identity, {!options.insecure_cookies, {"platform", "audit", "trs", "eservices", "monitor"}});
  platform::add_calendar_routes(p.router, p.calendar);
  register_history_access(p);
  platform::add_history_routes(p.router, p.history);
  platform::add_health_routes(p.router, db);
  audit::add_audit_routes(p.router, p.audit);
  audit::add_payment_routes(p.router, p.audit_payments);
  audit::add_escalation_routes(p.router, p.audit_escalations);
  audit::add_report_calendar_routes(p.router, p.audit_calendar);
  audit::risk::add_risk_routes(p.router, p.risk);
  trs::add_trs_routes(p.router, p.trs);
  trs::add_agency_routes(p.router, p.trs_agencies);
  eservices::add_eservices_routes(p.router, p.eservices);
  eservices::add_helpdesk_routes(p.router, p.helpdesk);
  eservices::add_crl_job_routes(p.router, p.eservices, p.crl_job);
  monitor::add_monitor_routes(p.router, p.monitor);
  if (!options.metrics_token.empty() || !options.metrics_allow.empty())
    p.router.guard("/metrics", http::metrics_guard(options.metrics_token, options.metrics_allow));
  p.router.set_fallback([&p](http::Request& request) { return p.static_files.serve(request); });
  p.router.set_access_log(options.access_log);
}

Server::~Server() = default;

http::Router& Server::router() { return parts_->router; }

void Server::warm_up() {
  parts_->due_timer.start();
  parts_->crl_job.start();
  parts_->trs_reports.start();
  parts_->audit.warm_up();
}

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
  audit::risk::add_demo_data(db);
  trs::add_demo_data(db);
  eservices::add_demo_data(db, kDemoPassword);
  monitor::add_demo_data(db);
}

}  // namespace hq::app
