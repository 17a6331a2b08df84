#pragma once
// HTTP mapping of the agencies' part of a study under /api/v1/trs: the agency table, agency users per study,
// each agency's list with its returned times (entry and import), the border guard's checks (entry and import).
#include "http/router.h"
#include "trs/study/agency_service.h"

namespace hq::trs {

void add_agency_routes(http::Router& router, AgencyService& service);

}  // namespace hq::trs
