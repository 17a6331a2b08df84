#pragma once
#include "db/database.h"

namespace hq::app {
constexpr const char* kDemoPassword = "Demo@2026haiquan";
// Adds the demo units and one account per role (documented in the README); idempotent per account.
void add_demo_data(db::Database& db);
}
