#pragma once
// HTTP mapping of the monitoring use cases under /api/v1/monitor. /events and POST /services authenticate
// the agent by its bearer token (not a session); every other route is a signed-in user's.
#include "http/router.h"
#include "monitor/service.h"

namespace hq::monitor {

void add_monitor_routes(http::Router& router, MonitorService& service);

}  // namespace hq::monitor
