#pragma once
// `haiquan audit import-declarations FILE [--skip-invalid]`: the declarations extract from the command line
// (as the system user), with a progress bar.
#include "app/commands.h"

namespace hq::app {

CLI::App* add_audit_import_declarations(CLI::App& cli, Options& options);
// Imports the file (CSV or .xlsx); all or nothing unless --skip-invalid. Exit 0 done, 1 refused.
int run_audit_import_declarations(const Options& options);

// `haiquan audit import-stq01 FILE --as USERNAME`: STQ01 proposals and collection requests (audit/stq01_rules.h),
// with the rights and unit scope of that account (a unit administrator: its own units only). Exit 0 / 1.
CLI::App* add_audit_import_stq01(CLI::App& audit, Options& options);
int run_audit_import_stq01(const Options& options);

}  // namespace hq::app
