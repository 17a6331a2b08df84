// haiquan: one server for the customs information systems. Sub-commands: serve, init, demo, migrate,
// history verify, calendar …, trs …
#include <cstdlib>
#include <iostream>

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include "app/commands.h"

namespace {

std::string env_or(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);
  return value && *value ? value : fallback;
}

}  // namespace

int main(int argc, char** argv) {
  // Structured logs: one JSON object per line; request lines carry key=value fields in "msg".
  spdlog::set_pattern(R"({"time":"%Y-%m-%dT%H:%M:%S.%e%z","level":"%l","msg":"%v"})");
  CLI::App cli{"haiquan — hệ thống thông tin hải quan (customs information systems)"};
  cli.require_subcommand(1);
  hq::app::Options options;
  options.db_url = env_or("HAIQUAN_DB", "sqlite:./data/haiquan.db");
  const std::string port_text = env_or("HAIQUAN_PORT", "8080");
  if (port_text.find_first_not_of("0123456789") != std::string::npos || port_text.size() > 5 ||
      std::stoi(port_text) > 65535) {
    std::cerr << "Lỗi: HAIQUAN_PORT phải là số cổng 1–65535, nhận được «" << port_text << "».\n";
    return 2;
  }
  options.port = static_cast<unsigned short>(std::stoi(port_text));
  options.web_root = env_or("HAIQUAN_WEB", "web/dist");
  options.address = env_or("HAIQUAN_ADDRESS", "0.0.0.0");
  options.metrics_token = env_or("HAIQUAN_METRICS_TOKEN", "");

  auto add_db = [&](CLI::App* command) {
    command->add_option("--db", options.db_url, "sqlite:PATH or postgresql://user@host/db (env HAIQUAN_DB)");
  };
  auto* serve = cli.add_subcommand("serve", "Run the HTTP server");
  add_db(serve);
  serve->add_option("--port", options.port, "TCP port (env HAIQUAN_PORT)");
  serve->add_option("--address", options.address, "Address to listen on");
  serve->add_option("--web", options.web_root, "Folder of the built web app (env HAIQUAN_WEB)");
  serve->add_option("--threads", options.threads, "Worker threads");
  serve->add_flag("!--no-access-log", options.access_log, "Do not log one line per request");
  serve->add_flag("--insecure-cookies", options.insecure_cookies,
                  "Session cookie without Secure, for local HTTP only (default: a Secure __Host- cookie)")
      ->envname("HAIQUAN_INSECURE_COOKIES");
  bool secure_cookies_no_op = false;  // the old flag: cookies are Secure by default now
  serve->add_flag("--secure-cookies", secure_cookies_no_op, "Accepted for compatibility; cookies are Secure by default");
  serve->add_flag("--trust-proxy", options.trust_proxy,
                  "Take the client address from X-Forwarded-For (only behind your own reverse proxy)");
  serve->add_option("--metrics-token", options.metrics_token,
                    "GET /metrics needs 'Authorization: Bearer TOKEN' (env HAIQUAN_METRICS_TOKEN, preferred)");
  serve->add_option("--crl-refresh-minutes", options.crl_refresh_minutes,
                    "E-services: fetch the CRLs of the trust anchors' and certificates' distribution points every N "
                    "minutes (0 = off; env HAIQUAN_CRL_REFRESH_MINUTES)")
      ->envname("HAIQUAN_CRL_REFRESH_MINUTES")
      ->check(CLI::Range(0, 7 * 24 * 60));
  serve->add_option("--metrics-allow", options.metrics_allow, "GET /metrics only from these client addresses")
      ->delimiter(',');

  auto* init = cli.add_subcommand("init", "Create the schema, the root unit and the admin account");
  add_db(init);
  init->add_option("--admin-password", options.admin_password, "Password of the account 'admin'")->required();

  auto* demo = cli.add_subcommand("demo", "Add demo units, accounts and module data");
  add_db(demo);
  auto* migrate = cli.add_subcommand("migrate", "Apply pending schema migrations");
  add_db(migrate);

  auto* history = cli.add_subcommand("history", "Processing history");
  history->require_subcommand(1);
  auto* verify = history->add_subcommand("verify", "Check the hash chain; exit 1 naming the first bad entry");
  add_db(verify);

  auto* calendar = cli.add_subcommand("calendar", "Working-day calendar");
  calendar->require_subcommand(1);
  auto* holidays = calendar->add_subcommand("holidays", "Public holidays of a year");
  holidays->add_option("--year", options.year, "Year")->required()->check(CLI::Range(1900, 2199));
  holidays->add_option("--format", options.format, "json or text")->check(CLI::IsMember({"json", "text"}));
  holidays->add_option("--db", options.calendar_db, "Also apply this database's adjustments");
  auto* add_days = calendar->add_subcommand("add-working-days", "Add N working days to a local date-time");
  add_days->add_option("--from", options.from, "\"YYYY-MM-DD HH:MM\" local time")->required();
  add_days->add_option("--days", options.days, "Working days (may be negative)")->required();
  add_days->add_option("--db", options.calendar_db, "Also apply this database's adjustments");

  hq::app::add_module_commands(cli, options);

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return cli.exit(error);
  }
  try {
    if (*serve) return hq::app::run_serve(options);
    if (*init) return hq::app::run_init(options);
    if (*demo) return hq::app::run_demo(options);
    if (*migrate) return hq::app::run_migrate(options);
    if (*verify) return hq::app::run_history_verify(options);
    if (*holidays) return hq::app::run_calendar_holidays(options);
    if (*add_days) return hq::app::run_add_working_days(options);
    return hq::app::run_module_command(cli, options);
  } catch (const std::exception& error) {
    std::cerr << "Lỗi: " << error.what() << "\n";
    return 2;
  }
}
