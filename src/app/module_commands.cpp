#include "app/commands.h"

namespace hq::app {

void add_module_commands(CLI::App&, Options&) {}

int run_module_command(CLI::App&, const Options&) { return 2; }

}  // namespace hq::app
