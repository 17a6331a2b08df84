#pragma once
// The modules' sub-commands of the command line. Each module's add_<module>_commands declares its commands and
// returns them, each with what runs when it is the one given; module_commands.cpp runs the one given.
#include <vector>

#include <CLI/CLI.hpp>

#include "app/commands.h"

namespace hq::app {

struct ModuleCommand {
  CLI::App* app = nullptr;
  int (*run)(const Options&) = nullptr;
};

// `haiquan audit …` (audit_commands.cpp):
//   import-declarations FILE [--skip-invalid]: the declarations extract (CSV or .xlsx) as the system user, with a
//     progress bar; all or nothing unless --skip-invalid. Exit 0 done, 1 refused.
//   import-stq01 FILE --as USERNAME: STQ01 proposals and collection requests (audit/stq01_rules.h), with the
//     rights and unit scope of that account (a unit administrator: its own units only). Exit 0 / 1.
std::vector<ModuleCommand> add_audit_commands(CLI::App& cli, Options& options);

// `haiquan eservices …` (eservices_commands.cpp):
//   sign: a detached CMS signature (DER) over a file, for tests and the demo — with a key and certificate in PEM
//     files, or with the demo enterprise's key kept by `haiquan demo` (--db).
//   install-signing-key --key K --cert C: the customs authority's key and certificate results are signed with from
//     now on (checked: the key is the certificate's, valid now, allowed to sign, not a CA).
//   refresh-crls: the background job (cron, systemd timer) that fetches the CRL of every distribution point named
//     by the trust anchors and the registered certificates and installs the newer ones.
std::vector<ModuleCommand> add_eservices_commands(CLI::App& cli, Options& options);

}  // namespace hq::app
