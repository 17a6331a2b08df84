#pragma once
// HTTP mapping of the stored-study use cases under /api/v1/trs (studies, records, import, follow-up,
// report, comparison, the column table for the forms).
#include "http/router.h"
#include "trs/study/study_service.h"

namespace hq::trs {

void add_trs_routes(http::Router& router, StudyService& service);

}  // namespace hq::trs
