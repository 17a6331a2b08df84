#pragma once
#include "db/database.h"
#include "history/history_service.h"
#include "http/router.h"

namespace hq::platform {
// GET /history (an entity's processing history, with the rights of the entity) and GET /history/verify.
void add_history_routes(http::Router& router, history::HistoryService& service);
// GET /healthz and GET /metrics.
void add_health_routes(http::Router& router, db::Database& db);
}
