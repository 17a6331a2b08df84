#pragma once
// `haiquan audit import-declarations FILE [--skip-invalid]`: the declarations extract from the command line
// (as the system user), with a progress bar.
#include "app/commands.h"

namespace hq::app {

CLI::App* add_audit_import_declarations(CLI::App& cli, Options& options);
// Imports the file (CSV or .xlsx); all or nothing unless --skip-invalid. Exit 0 done, 1 refused.
int run_audit_import_declarations(const Options& options);

}  // namespace hq::app
