#pragma once
// The payments routes (routes_payments.cpp): POST / GET /api/v1/audit/proposals/{id}/payments.
#include "audit/service_payments.h"
#include "http/router.h"

namespace hq::audit {

void add_payment_routes(http::Router& router, AuditPayments& payments);

}  // namespace hq::audit
