#pragma once
#include "db/database.h"

namespace hq::trs {

// Demo data for `haiquan demo`: one stored study of the 2025 sample week with its declarations, set up and
// imported through the service as `haiquan trs create-study` / `import` would. Does nothing when a study exists.
void add_demo_data(db::Database& db);

}  // namespace hq::trs
