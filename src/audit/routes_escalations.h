#pragma once
// Routes of the escalations, notices and escalation setting (routes_escalations.cpp) and of the reporting
// calendar of forms 19/20 (routes_report_calendar.cpp).
#include "audit/service_escalations.h"
#include "audit/service_report_calendar.h"
#include "http/router.h"

namespace hq::audit {

void add_escalation_routes(http::Router& router, AuditEscalations& escalations);
void add_report_calendar_routes(http::Router& router, AuditReportCalendar& calendar);

}  // namespace hq::audit
