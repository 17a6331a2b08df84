#pragma once
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace hq::app {

struct Options {
  std::string db_url;
  unsigned short port = 8080;
  std::string address = "0.0.0.0";
  std::string web_root;
  std::size_t threads = 4;
  bool insecure_cookies = false;  // local HTTP only: `hq_session` without Secure instead of `__Host-hq_session`
  bool trust_proxy = false;
  bool access_log = true;
  std::string metrics_token;                 // /metrics needs "Authorization: Bearer <token>" when set
  std::vector<std::string> metrics_allow;    // /metrics only from these client addresses when set
  int crl_refresh_minutes = 60;              // the server's e-services CRL refresh job; 0 = off
  std::string admin_password;
  int year = 0;
  std::string format = "json";
  std::string from;
  int days = 0;
  std::string calendar_db;
  // Module commands
  std::string input, output, events;
  std::string as_user;  // audit import-stq01: the account whose rights and unit scope apply
  long long study_id = 0;
  bool skip_invalid = false;
  bool fresh = false;  // trs report: compute again instead of reading the report kept ready
};

int run_serve(const Options& options);
int run_init(const Options& options);
int run_demo(const Options& options);
int run_migrate(const Options& options);
int run_history_verify(const Options& options);
int run_calendar_holidays(const Options& options);
int run_add_working_days(const Options& options);

// Module sub-commands (trs …) are declared and run in module_commands.cpp.
void add_module_commands(CLI::App& cli, Options& options);
int run_module_command(CLI::App& cli, const Options& options);

}  // namespace hq::app
