#pragma once
// HTTP mapping of the audit use cases under /api/v1/audit (contract: spec post-clearance-audit.md).
#include "audit/service.h"
#include "http/router.h"

namespace hq::audit {

void add_audit_routes(http::Router& router, AuditService& service);

// `haiquan demo`: enterprises with Vietnamese names, a key enterprise, proposals in various states, a decision
// and a conclusion, using the platform's demo accounts. Idempotent: does nothing when enterprises exist.
void add_demo_data(db::Database& db);

}  // namespace hq::audit
