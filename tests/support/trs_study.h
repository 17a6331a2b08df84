#pragma once
// TRS studies for the API tests: the study week of 2025-06-16 (year 2025) with its branches, created by an analyst
// and, when records are given, with them imported (the opening of most trs API tests).
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/api/api_fixture.h"

namespace hq::test {

struct TrsBranch {
  std::string code, route;  // a branch code and its route (SEA, AIR, LAND…)
};

// The body of POST /api/v1/trs/studies for that week; `extra` adds or overrides fields (period, excluded codes…).
inline nlohmann::json trs_study_body(const std::string& name, const std::vector<TrsBranch>& branches,
                                     const nlohmann::json& extra = nlohmann::json::object()) {
  auto list = nlohmann::json::array();
  for (const auto& b : branches) list.push_back({{"code", b.code}, {"route", b.route}});
  nlohmann::json body = {{"name", name}, {"year", 2025}, {"week_start", "2025-06-16"}, {"branches", list}};
  body.update(extra);
  return body;
}

// Creates the study (expects 201) and imports `csv` into it when given (expects 200): its id, or "" when either
// was refused (the failure is recorded; a caller that cannot go on writes ASSERT_FALSE(id.empty())).
inline std::string trs_study(ApiClient& analyst, const std::string& name, const std::vector<TrsBranch>& branches,
                             const std::string& csv = {}, const nlohmann::json& extra = nlohmann::json::object()) {
  auto created = analyst.post("/api/v1/trs/studies", trs_study_body(name, branches, extra));
  EXPECT_EQ(created.status, 201) << created.raw;
  if (created.status != 201) return {};
  const std::string id = std::to_string(created.body["id"].get<int>());
  if (csv.empty()) return id;
  auto imported = analyst.send("POST", "/api/v1/trs/studies/" + id + "/import", csv);
  EXPECT_EQ(imported.status, 200) << imported.raw;
  return imported.status == 200 ? id : std::string();
}

}  // namespace hq::test
