#pragma once
// SQL of stored studies: studies and their branches, records (one row per declaration, upserted by study and
// the first 11 digits of the declaration number), record pages and a batched scan for reports. No rules here.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "trs/study/study_rules.h"

namespace hq::trs::store {

struct Study {
  std::int64_t id = 0;
  StudyConfig config;
  std::string created_by;
  std::int64_t created_at = 0, updated_at = 0;
};

std::int64_t insert_study(soci::session& sql, const StudyConfig& config, const std::string& username, std::int64_t now);
void update_study(soci::session& sql, std::int64_t id, const StudyConfig& config, std::int64_t now);
std::optional<Study> find_study(soci::session& sql, std::int64_t id);
std::vector<Study> list_studies(soci::session& sql);
// Stored records per branch code.
std::map<std::string, std::int64_t> record_counts(soci::session& sql, std::int64_t study_id);

struct RecordRow {
  std::int64_t key = 0;  // first 11 digits of the declaration number
  std::string declaration_no, flow, branch_code, channel;
  std::optional<std::int64_t> registered_at, released_at;
  std::int64_t line = 0;  // line of the imported file (0 = form entry)
  std::string cells;      // encode_cells()
  std::string updated_by;
  std::int64_t updated_at = 0;
};
RecordRow make_row(const Record& r, const std::string& username, std::int64_t now);

std::optional<RecordRow> find_record(soci::session& sql, std::int64_t study_id, std::int64_t key);
// Inserts or replaces (same study and key) every row, in batches.
void upsert_records(soci::session& sql, std::int64_t study_id, const std::vector<RecordRow>& rows);
std::int64_t count_records(soci::session& sql, std::int64_t study_id);

// Branch filter: nullopt = every branch; otherwise only these codes (validated branch codes).
using BranchFilter = std::optional<std::vector<std::string>>;

struct RecordQuery {
  BranchFilter branches;
  std::string branch;  // one branch ("" = any)
  std::string number_prefix;
  std::string flow;
  std::int64_t offset = 0, limit = 20;
};
std::vector<RecordRow> list_records(soci::session& sql, std::int64_t study_id, const RecordQuery& query,
                                    std::int64_t& total);

// Every record of the study in key order, fetched in batches (memory stays bounded on both backends).
// Refreshes the planner's statistics of trs_records (after a bulk import).
void refresh_statistics(soci::session& sql);
void scan_records(soci::session& sql, std::int64_t study_id, const BranchFilter& branches,
                  const std::function<void(const RecordRow&)>& visit);

// Codes of the units in a subtree (path prefix).
std::vector<std::string> unit_codes_under(soci::session& sql, const std::string& path_prefix);

}  // namespace hq::trs::store
