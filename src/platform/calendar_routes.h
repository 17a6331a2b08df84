#pragma once
#include "http/router.h"
#include "platform/calendar_service.h"

namespace hq::platform {
void add_calendar_routes(http::Router& router, CalendarService& service);
}
