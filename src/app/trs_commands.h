#pragma once
// `haiquan trs import` and `haiquan trs report`: a stored study from the command line (as the system user).
#include "app/commands.h"

namespace hq::app {

// Declares `haiquan trs create-study` under `trs` (its options live in trs_commands.cpp).
CLI::App* add_trs_create_study(CLI::App& trs, Options& options);
// Creates a study as the system and prints its id.
int run_trs_create_study(const Options& options);
// Imports --input (wide CSV/.xlsx, or with --events the long format) into study --study, all or nothing
// unless --skip-invalid; a progress bar on stderr. Exit 0 done, 1 refused (reasons on stderr).
int run_trs_import(const Options& options);
// `haiquan trs agency-list --study N [--format csv|xlsx] [--output FILE]`: the list sent to the ministries.
CLI::App* add_trs_agency_list(CLI::App& trs, Options& options);
int run_trs_agency_list(const Options& options);
// Prints the stored study's report (json | text) or writes it to --output (xlsx).
int run_trs_report(const Options& options);

}  // namespace hq::app
