#pragma once
// The .xlsx tables of escalations, notices and the reporting calendar (pure: rows in, sheets::Table out).
#include <vector>

#include "audit/service_escalations.h"
#include "audit/service_report_calendar.h"
#include "sheets/xlsx_table.h"

namespace hq::audit {

sheets::Table escalations_table(const std::vector<EscalationView>& list);
sheets::Table report_periods_table(const std::vector<PeriodView>& list);
sheets::Table period_status_table(const PeriodStatus& status);

}  // namespace hq::audit
