#include <csignal>
#include <iostream>

#include "app/commands.h"
#include "app/module_command.h"
#include "app/trs_commands.h"
#include "monitor/agent.h"
#include "trs/engine/cli.h"

namespace hq::app {

namespace {
CLI::App* trs_analyze = nullptr;
CLI::App* trs_import = nullptr;
CLI::App* trs_report = nullptr;
CLI::App* trs_create_study = nullptr;
CLI::App* trs_agency_list = nullptr;
trs::AnalyzeOptions analyze_options;
std::string compare_with, compare_reference, events;
CLI::App* agent = nullptr;
std::string agent_config;
std::atomic<bool> agent_stop{false};

int run_agent() {
  const auto config = monitor::agent::load_config(agent_config);
  std::signal(SIGTERM, [](int) { agent_stop = true; });
  std::signal(SIGINT, [](int) { agent_stop = true; });
  return monitor::agent::run(config, agent_stop);
}
std::vector<ModuleCommand> commands;  // the modules' commands that only run a function of the options
}  // namespace

void add_module_commands(CLI::App& cli, Options& options) {
  auto* trs = cli.add_subcommand("trs", "Time release study (đo thời gian giải phóng hàng)");
  trs->require_subcommand(1);
  trs_analyze = trs->add_subcommand("analyze", "Analyse a study file (CSV, .xlsx, or the long event format) without a database");
  trs_analyze->add_option("--input", analyze_options.input, "Wide CSV/.xlsx, or the long format's header file")->required();
  trs_analyze->add_option("--events", events, "Long format: the event log (declaration_no,event,at[,actor])");
  trs_analyze->add_option("--format", analyze_options.format, "json, text or xlsx")
      ->check(CLI::IsMember({"json", "text", "xlsx"}));
  trs_analyze->add_option("--output", analyze_options.output, "Write the report to this file (any format; required for xlsx)");
  trs_analyze->add_flag("--skip-invalid", analyze_options.skip_invalid, "Leave out whole rows that have an invalid cell");
  trs_analyze->add_option("--compare", compare_with, "A second study file to compare with");
  trs_analyze->add_option("--compare-reference", compare_reference,
                          "Compare with the published figures of an earlier study (VN2013, DN2018)");
  trs_analyze->add_option("--max-issues", analyze_options.max_issues, "List at most this many issues (0 = all)");

  trs_import = trs->add_subcommand("import", "Import records into a stored study (all or nothing unless --skip-invalid)");
  trs_import->add_option("--study", options.study_id, "Study id")->required();
  trs_import->add_option("--input", options.input, "Wide CSV/.xlsx, or the long format's header file")->required();
  trs_import->add_option("--events", options.events, "Long format: the event log (declaration_no,event,at[,actor])");
  trs_import->add_flag("--skip-invalid", options.skip_invalid, "Store the good rows and skip rows with a bad cell");
  trs_import->add_option("--db", options.db_url, "sqlite:PATH or postgresql://user@host/db (env HAIQUAN_DB)");
  trs_report = trs->add_subcommand("report", "Report of a stored study (the same JSON as trs analyze)");
  trs_report->add_option("--study", options.study_id, "Study id")->required();
  trs_report->add_option("--format", options.format, "json, text or xlsx")->check(CLI::IsMember({"json", "text", "xlsx"}));
  trs_report->add_option("--output", options.output, "Output file (required for xlsx)");
  trs_report->add_option("--db", options.db_url, "sqlite:PATH or postgresql://user@host/db (env HAIQUAN_DB)");
  trs_report->add_flag("--fresh", options.fresh, "JSON: compute the report again instead of reading the one kept ready");
  trs_create_study = add_trs_create_study(*trs, options);
  trs_create_study->add_option("--db", options.db_url, "sqlite:PATH or postgresql://user@host/db (env HAIQUAN_DB)");
  trs_agency_list = add_trs_agency_list(*trs, options);
  agent = cli.add_subcommand("agent", "Monitoring agent: watch folders and services, report to the server");
  agent->add_option("--config", agent_config, "The agent's JSON configuration (docs/operations.md)")->required();

  commands = {{trs_import, run_trs_import},
              {trs_report, run_trs_report},
              {trs_create_study, run_trs_create_study},
              {trs_agency_list, run_trs_agency_list}};
  for (auto add : {add_eservices_commands, add_audit_commands})
    for (const auto& command : add(cli, options)) commands.push_back(command);
}

int run_module_command(CLI::App&, const Options& options) {
  if (agent && *agent) return run_agent();
  for (const auto& command : commands)
    if (*command.app) return command.run(options);
  if (trs_analyze && *trs_analyze) {
    if (!events.empty()) analyze_options.events = events;
    if (!compare_with.empty()) analyze_options.compare_with = compare_with;
    if (!compare_reference.empty()) analyze_options.compare_reference = compare_reference;
    return trs::run_analyze(analyze_options, std::cout, std::cerr);
  }
  return 2;
}

}  // namespace hq::app
