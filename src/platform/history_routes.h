#pragma once
#include "db/database.h"
#include "http/router.h"

namespace hq::platform {
// GET /history (an entity's processing history) and GET /history/verify (the chain check).
void add_history_routes(http::Router& router, db::Database& db);
// GET /healthz and GET /metrics.
void add_health_routes(http::Router& router, db::Database& db);
}
