#pragma once
#include "db/database.h"

namespace hq::monitor {

// Demo data for `haiquan demo`: an agent per demo unit (token "hqa_demo-agent-<unit>") and the last 24 hours
// of traffic with a late file, a lost file, a size mismatch and a stopped service. Replays are duplicates.
void add_demo_data(db::Database& db);

}  // namespace hq::monitor
