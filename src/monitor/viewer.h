#pragma once
// The caller as the scope rules see it (implemented in queries.cpp, shared by the lists and the reports).
#include <soci/soci.h>

#include "core/principal.h"
#include "monitor/rules.h"

namespace hq::monitor {

// 403 unless the caller has monitor.viewer, monitor.owner or platform.admin.
void require_viewer(const core::Principal& caller);
// The caller's row of the matrix: a Phòng/Đội sees as the unit it belongs to; monitor.owner adds the systems
// of its department.
Viewer viewer_of(soci::session& sql, const core::Principal& caller);

}  // namespace hq::monitor
