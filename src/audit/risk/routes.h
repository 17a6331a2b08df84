#pragma once
// HTTP of the risk part under /api/v1/audit (contract: spec risk-selection.md, "HTTP contract").
#include "audit/risk/service.h"
#include "http/router.h"

namespace hq::audit::risk {

void add_risk_routes(http::Router& router, RiskService& service);

// `haiquan demo`: a declarations extract for the demo enterprises and a run with candidates. Idempotent.
void add_demo_data(db::Database& db);

}  // namespace hq::audit::risk
