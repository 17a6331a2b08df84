#pragma once
// HTTP mapping of the stored-study use cases under /api/v1/trs (studies, records, import, follow-up,
// report, comparison, the column table for the forms).
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "http/router.h"
#include "trs/study/study_service.h"

namespace hq::trs {

void add_trs_routes(http::Router& router, StudyService& service);

// Pieces of the trs routes shared with agency_routes.cpp.
nlohmann::json instant(std::optional<std::int64_t> t);  // ISO-8601 or null
std::int64_t positive_id(const std::string& text, const std::string& name);  // 400 naming the parameter
// The body's «cells»: {column: text or null} (null = clear), each at most 2000 bytes.
std::map<std::string, std::string> cells_input(const nlohmann::json& body);

}  // namespace hq::trs
