#pragma once
// HTTP routes of the helpdesk (art. 12) under /api/v1/eservices/helpdesk.
#include "eservices/helpdesk.h"
#include "http/router.h"

namespace hq::eservices {
void add_helpdesk_routes(http::Router& router, HelpdeskService& service);
}
