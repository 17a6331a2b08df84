#pragma once
#include <CLI/CLI.hpp>

#include "app/commands.h"

namespace hq::app {

// `haiquan eservices sign`: a detached CMS signature (DER) over a file, for tests and the demo — with a key and
// certificate in PEM files, or with the demo enterprise's key kept by `haiquan demo` (--db).
CLI::App* add_eservices_sign(CLI::App& eservices, Options& options);
int run_eservices_sign(const Options& options);

}  // namespace hq::app
