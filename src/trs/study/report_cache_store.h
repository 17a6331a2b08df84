#pragma once
// SQL of the stored study's report cache (migration 0104): the study's data version, bumped by every write the
// report reads, and the report's JSON kept per study and branch scope under the version, follow-up limit and
// report format it was computed with. No rules here (study_service.cpp decides when to read and fill it).
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <soci/soci.h>

namespace hq::trs::store {

// The key a cached report is valid under.
struct ReportKey {
  std::int64_t study_id = 0;
  std::string scope;  // "*" = every branch, else the visible branch codes, comma-separated
  std::int64_t data_version = 0;
  std::int64_t follow_up_limit = 0;
  std::string format;  // the build's report format (study_service.cpp)
};

// Marks the study's data as changed (in the caller's transaction): cached reports no longer match.
void touch_study(soci::session& sql, std::int64_t study_id);
std::int64_t data_version(soci::session& sql, std::int64_t study_id);
// The cached JSON for exactly this key, if any.
std::optional<std::string> cached_report(soci::session& sql, const ReportKey& key);
// Keeps `body` under `key` unless the study's data version has moved since (then nothing is written).
void store_report(soci::session& sql, const ReportKey& key, const std::string& body, std::int64_t now);
// A report to compute again: the study, the scope (as in ReportKey) and the study's current data version.
struct ScopeNotKept {
  std::int64_t study_id = 0;
  std::string scope;
  std::int64_t data_version = 0;
};
// Every study whose whole-study report ('*') is not kept under its current data version and this build's
// `format` (a write other than an import moved the version), and every branch-limited report once kept (a user
// who sees some branches asked for it) that no longer matches them; by study, '*' first.
std::vector<ScopeNotKept> scopes_not_kept(soci::session& sql, const std::string& format);

}  // namespace hq::trs::store
