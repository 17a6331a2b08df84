#include "trs/study/study_store.h"

#include <charconv>
#include <stdexcept>

#include "core/error.h"
#include "core/split.h"
#include "db/copy.h"
#include "db/row.h"
#include "identity/units.h"
#include "trs/study/report_cache_store.h"
#include "db/row_mapping.h"

namespace hq::trs::store {
namespace {

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ",") + s;
  return out;
}

std::vector<std::string> split(const std::string& text) { return core::split_nonempty(text, ','); }

// " AND branch_code IN ('02CI','03CC')": the codes are validated branch codes (digits and capitals only),
// so they are safe as literals; an empty list matches nothing.
std::string branch_clause(const BranchFilter& branches) {
  if (!branches) return {};
  if (branches->empty()) return " AND 1 = 0";
  std::string out = " AND branch_code IN (";
  bool first = true;
  for (const auto& code : *branches) {
    if (!check_text_rule(TextRule::BranchCode, code).empty()) continue;
    out += (first ? "'" : ",'") + code + "'";
    first = false;
  }
  return first ? " AND 1 = 0" : out + ")";
}

// A trs_studies row as stored; study_of() turns it into the study's settings.
struct StudyRow {
  std::int64_t id = 0, year = 0, follow_up_days = 0, agency_weeks_before = 1, created_at = 0, updated_at = 0;
  std::string name, week_start, excluded_type_codes, world_bank_branches, created_by;
  std::optional<std::int64_t> period_start, period_end;
};

const db::RowMapping<StudyRow>& study_mapping() {
  static const auto mapping = db::RowMapping<StudyRow>()
                                  HQ_ROW_FIELDS(StudyRow, id, name, year, week_start, excluded_type_codes,
                                                world_bank_branches, follow_up_days, period_start, period_end,
                                                agency_weeks_before, created_by, created_at, updated_at);
  return mapping;
}

Study study_of(const StudyRow& row) {
  Study s;
  s.id = row.id;
  s.config.name = row.name;
  s.config.year = static_cast<int>(row.year);
  s.config.week_start = core::parse_date(row.week_start).value_or(core::Date{});
  s.config.excluded_type_codes = split(row.excluded_type_codes);
  s.config.world_bank_branches = split(row.world_bank_branches);
  s.config.follow_up_days = static_cast<int>(row.follow_up_days);
  s.config.period_start = row.period_start;
  s.config.period_end = row.period_end;
  s.config.agency_weeks_before = static_cast<int>(row.agency_weeks_before);
  s.created_by = row.created_by;
  s.created_at = row.created_at;
  s.updated_at = row.updated_at;
  return s;
}

void load_branches(soci::session& sql, Study& s) {
  soci::rowset<soci::row> rows = (sql.prepare << "SELECT branch_code, route, sampling_rule FROM trs_study_branches "
                                                 "WHERE study_id = :id ORDER BY branch_code",
                                  soci::use(s.id));
  for (const auto& row : rows)
    s.config.branches.push_back({db::text_at(row, "branch_code"), db::text_at(row, "route"),
                                 parse_sampling_rule(db::text_at(row, "sampling_rule")).value_or(SamplingRule::FullWeek)});
}

void save_branches(soci::session& sql, std::int64_t id, const std::vector<StudyBranch>& branches) {
  sql << "DELETE FROM trs_study_branches WHERE study_id = :id", soci::use(id);
  for (const auto& b : branches) {
    const std::string rule(to_string(b.sampling_rule));
    sql << "INSERT INTO trs_study_branches (study_id, branch_code, route, sampling_rule) VALUES (:id, :code, :route, :rule)",
        soci::use(id), soci::use(b.code), soci::use(b.route), soci::use(rule);
  }
}

const db::RowMapping<RecordRow>& record_mapping() {
  static const auto mapping = db::RowMapping<RecordRow>()
                                  .field("declaration_key", &RecordRow::key)
                                  HQ_ROW_FIELDS(RecordRow, declaration_no, flow, branch_code, channel, registered_at,
                                                released_at, line, cells, updated_by, updated_at);
  return mapping;
}

}  // namespace

std::int64_t insert_study(soci::session& sql, const StudyConfig& c, const std::string& username, std::int64_t now) {
  const std::string week = core::format_date(c.week_start), excluded = join(c.excluded_type_codes),
                    world_bank = join(c.world_bank_branches);
  const long long year = c.year, days = c.follow_up_days, weeks = c.agency_weeks_before;
  long long start = c.period_start.value_or(0), end = c.period_end.value_or(0);
  soci::indicator start_ind = c.period_start ? soci::i_ok : soci::i_null, end_ind = c.period_end ? soci::i_ok : soci::i_null;
  long long id = 0;
  sql << "INSERT INTO trs_studies (name, year, week_start, excluded_type_codes, world_bank_branches, follow_up_days, "
         "period_start, period_end, agency_weeks_before, created_by, created_at, updated_at) VALUES (:name, :year, "
         ":week, :excluded, :wb, :days, :ps, :pe, :weeks, :by, :now, :now2) RETURNING id",
      soci::use(c.name), soci::use(year), soci::use(week), soci::use(excluded), soci::use(world_bank), soci::use(days),
      soci::use(start, start_ind), soci::use(end, end_ind), soci::use(weeks), soci::use(username), soci::use(now),
      soci::use(now), soci::into(id);
  save_branches(sql, id, c.branches);
  return id;
}

void update_study(soci::session& sql, std::int64_t id, const StudyConfig& c, std::int64_t now) {
  const std::string week = core::format_date(c.week_start), excluded = join(c.excluded_type_codes),
                    world_bank = join(c.world_bank_branches);
  const long long year = c.year, days = c.follow_up_days, weeks = c.agency_weeks_before;
  long long start = c.period_start.value_or(0), end = c.period_end.value_or(0);
  soci::indicator start_ind = c.period_start ? soci::i_ok : soci::i_null, end_ind = c.period_end ? soci::i_ok : soci::i_null;
  sql << "UPDATE trs_studies SET name = :name, year = :year, week_start = :week, excluded_type_codes = :excluded, "
         "world_bank_branches = :wb, follow_up_days = :days, period_start = :ps, period_end = :pe, "
         "agency_weeks_before = :weeks, updated_at = :now WHERE id = :id",
      soci::use(c.name), soci::use(year), soci::use(week), soci::use(excluded), soci::use(world_bank), soci::use(days),
      soci::use(start, start_ind), soci::use(end, end_ind), soci::use(weeks), soci::use(now), soci::use(id);
  save_branches(sql, id, c.branches);
  touch_study(sql, id);  // the cached reports no longer match (report_cache_store.h)
}

std::optional<Study> find_study(soci::session& sql, std::int64_t id) {
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " + study_mapping().select_list() + " FROM trs_studies WHERE id = :id", soci::use(id));
  for (const auto& row : rows) {
    Study s = study_of(study_mapping().read(row));
    load_branches(sql, s);
    return s;
  }
  return std::nullopt;
}

std::vector<Study> list_studies(soci::session& sql) {
  std::vector<Study> out;
  {
    soci::rowset<soci::row> rows = (sql.prepare << "SELECT " + study_mapping().select_list() +
                                                   " FROM trs_studies ORDER BY week_start DESC, id DESC");
    for (const auto& row : rows) out.push_back(study_of(study_mapping().read(row)));
  }
  for (auto& s : out) load_branches(sql, s);
  return out;
}

std::map<std::string, std::int64_t> record_counts(soci::session& sql, std::int64_t study_id) {
  std::map<std::string, std::int64_t> out;
  soci::rowset<soci::row> rows = (sql.prepare << "SELECT branch_code, COUNT(*) AS n FROM trs_records "
                                                 "WHERE study_id = :id GROUP BY branch_code",
                                  soci::use(study_id));
  for (const auto& row : rows) out[db::text_at(row, "branch_code")] = db::int_at(row, "n");
  return out;
}

RecordRow make_row(const Record& r, const std::string& username, std::int64_t now) {
  RecordRow row;
  row.key = static_cast<std::int64_t>(declaration_identity(r.declaration_no).value_or(0));
  row.declaration_no = r.declaration_no;
  row.flow = r.flow ? std::string(to_string(*r.flow)) : std::string();
  row.branch_code = r.branch_code;
  row.channel = r.channel ? std::string(to_string(*r.channel)) : std::string();
  row.registered_at = r.registered_at;
  row.released_at = r.released_at;
  row.line = static_cast<std::int64_t>(r.meta.line);
  row.cells = encode_cells(r);
  row.updated_by = username;
  row.updated_at = now;
  return row;
}

std::optional<RecordRow> find_record(soci::session& sql, std::int64_t study_id, std::int64_t key) {
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " + record_mapping().select_list() +
                          " FROM trs_records WHERE study_id = :s AND declaration_key = :k",
       soci::use(study_id), soci::use(key));
  for (const auto& row : rows) return record_mapping().read(row);
  return std::nullopt;
}

namespace {

constexpr const char* kUpsertColumns =
    "study_id, declaration_key, declaration_no, flow, branch_code, channel, registered_at, released_at, line, cells, "
    "updated_by, updated_at";
// Replaces a stored record only when its current branch is one the writer may edit (`editable`); a row whose
// key is held by another branch is left alone and not counted, so the caller sees the shortfall.
std::string on_conflict_update(const BranchFilter& editable) {
  std::string guard = branch_clause(editable);  // "", " AND branch_code IN (…)" or " AND 1 = 0"
  if (guard.rfind(" AND branch_code", 0) == 0) guard = " WHERE trs_records." + guard.substr(5);
  else if (!guard.empty()) guard = " WHERE 1 = 0";
  return " ON CONFLICT (study_id, declaration_key) DO UPDATE SET declaration_no = excluded.declaration_no, "
         "flow = excluded.flow, branch_code = excluded.branch_code, channel = excluded.channel, "
         "registered_at = excluded.registered_at, released_at = excluded.released_at, line = excluded.line, "
         "cells_format = excluded.cells_format, cells = excluded.cells, updated_by = excluded.updated_by, "
         "updated_at = excluded.updated_at" + guard;
}

bool is_postgresql(soci::session& sql) { return sql.get_backend_name() == "postgresql"; }

// PostgreSQL: the rows are streamed with COPY into a temporary table (dropped at commit), then upserted by
// one statement — a round trip per batch instead of per row.
std::size_t upsert_by_copy(soci::session& sql, std::int64_t study_id, const std::vector<RecordRow>& rows,
                           const BranchFilter& editable) {
  sql << "CREATE TEMP TABLE IF NOT EXISTS trs_records_incoming (study_id bigint, declaration_key bigint, "
         "declaration_no text, flow text, branch_code text, channel text, registered_at bigint, released_at bigint, "
         "line bigint, cells text, updated_by text, updated_at bigint) ON COMMIT DROP";
  db::CopyIn copy(sql, std::string("COPY trs_records_incoming (") + kUpsertColumns + ") FROM STDIN");
  const auto optional_number = [&](const std::optional<std::int64_t>& v) -> db::CopyIn& {
    return v ? copy.number(*v) : copy.null();
  };
  for (const RecordRow& r : rows) {
    copy.number(study_id).number(r.key).text(r.declaration_no).text(r.flow).text(r.branch_code).text(r.channel);
    optional_number(r.registered_at);
    optional_number(r.released_at);
    copy.number(r.line).text(r.cells).text(r.updated_by).number(r.updated_at).end_row();
  }
  copy.finish();
  // One row per key (a file may repeat a declaration: the last one wins, as with row-by-row upserts).
  soci::statement merge = (sql.prepare << std::string("INSERT INTO trs_records (") + kUpsertColumns +
                                               ") SELECT DISTINCT ON (declaration_key) " + kUpsertColumns +
                                               " FROM trs_records_incoming ORDER BY declaration_key, line DESC" +
                                               on_conflict_update(editable));
  merge.execute(true);
  const auto written = static_cast<std::size_t>(merge.get_affected_rows());
  sql << "TRUNCATE trs_records_incoming";
  return written;
}

}  // namespace

std::size_t upsert_records(soci::session& sql, std::int64_t study_id, const std::vector<RecordRow>& rows,
                           const BranchFilter& editable) {
  if (rows.empty()) return 0;
  touch_study(sql, study_id);  // the cached reports no longer match (report_cache_store.h)
  if (is_postgresql(sql)) return upsert_by_copy(sql, study_id, rows, editable);
  const std::size_t n = rows.size();
  std::vector<long long> keys(n), lines(n), registered(n), released(n), updated_at(n);
  std::vector<soci::indicator> reg_ind(n), rel_ind(n);
  std::vector<std::string> numbers(n), flows(n), branches(n), channels(n), cells(n), updated_by(n);
  for (std::size_t i = 0; i < n; ++i) {
    const RecordRow& r = rows[i];
    keys[i] = r.key;
    lines[i] = r.line;
    registered[i] = r.registered_at.value_or(0);
    reg_ind[i] = r.registered_at ? soci::i_ok : soci::i_null;
    released[i] = r.released_at.value_or(0);
    rel_ind[i] = r.released_at ? soci::i_ok : soci::i_null;
    numbers[i] = r.declaration_no;
    flows[i] = r.flow;
    branches[i] = r.branch_code;
    channels[i] = r.channel;
    cells[i] = r.cells;
    updated_by[i] = r.updated_by;
    updated_at[i] = r.updated_at;
  }
  std::vector<long long> study(n, study_id);
  soci::statement st =
      (sql.prepare << std::string("INSERT INTO trs_records (") + kUpsertColumns +
                          ") VALUES (:s, :k, :no, :flow, :branch, :channel, :reg, :rel, :line, :cells, :by, :at)" +
                          on_conflict_update(editable),
       soci::use(study), soci::use(keys), soci::use(numbers), soci::use(flows), soci::use(branches), soci::use(channels),
       soci::use(registered, reg_ind), soci::use(released, rel_ind), soci::use(lines), soci::use(cells),
       soci::use(updated_by), soci::use(updated_at));
  st.execute(true);
  return static_cast<std::size_t>(st.get_affected_rows());
}

std::map<std::int64_t, std::string> branches_of_keys(soci::session& sql, std::int64_t study_id,
                                                     const std::vector<std::int64_t>& keys) {
  std::map<std::int64_t, std::string> out;
  if (keys.empty()) return out;
  std::string list;  // integers: safe as literals, and one statement per batch instead of one per key
  for (const auto key : keys) list += (list.empty() ? "" : ",") + std::to_string(key);
  soci::rowset<soci::row> rows = (sql.prepare << "SELECT declaration_key, branch_code FROM trs_records "
                                                 "WHERE study_id = :s AND declaration_key IN (" + list + ")",
                                  soci::use(study_id));
  for (const auto& row : rows) out[db::int_at(row, "declaration_key")] = db::text_at(row, "branch_code");
  return out;
}

std::int64_t count_records(soci::session& sql, std::int64_t study_id) {
  long long n = 0;
  sql << "SELECT COUNT(*) FROM trs_records WHERE study_id = :s", soci::use(study_id), soci::into(n);
  return n;
}

std::vector<RecordRow> list_records(soci::session& sql, std::int64_t study_id, const RecordQuery& q,
                                    std::int64_t& total) {
  std::string where = " WHERE study_id = :s AND branch_code LIKE :branch AND declaration_no LIKE :no AND flow LIKE :flow" +
                      branch_clause(q.branches);
  const std::string branch = q.branch.empty() ? "%" : q.branch, number = q.number_prefix + "%",
                    flow = q.flow.empty() ? "%" : q.flow;
  long long count = 0;
  sql << "SELECT COUNT(*) FROM trs_records" + where, soci::use(study_id), soci::use(branch), soci::use(number),
      soci::use(flow), soci::into(count);
  total = count;
  std::vector<RecordRow> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " + record_mapping().select_list() + " FROM trs_records" + where +
                          " ORDER BY declaration_key LIMIT :lim OFFSET :off",
       soci::use(study_id), soci::use(branch), soci::use(number), soci::use(flow), soci::use(q.limit),
       soci::use(q.offset));
  for (const auto& row : rows) out.push_back(record_mapping().read(row));
  return out;
}

void refresh_statistics(soci::session& sql) { sql << "ANALYZE trs_records"; }

namespace {

// PostgreSQL: the whole scan is one COPY stream. COPY takes no bind parameters, so the study and the branch
// filter travel as session settings set by a parameterised statement.
void scan_by_copy(soci::session& sql, std::int64_t study_id, const BranchFilter& branches,
                  const std::function<void(const RecordRow&)>& visit) {
  const std::string branch_list = branches ? join(*branches) : std::string();
  const std::string study = std::to_string(study_id), filter = branches ? "1" : "0";
  sql << "SELECT set_config('haiquan.scan_study', :s, false), set_config('haiquan.scan_filter', :f, false), "
         "set_config('haiquan.scan_branches', :b, false)",
      soci::use(study), soci::use(filter), soci::use(branch_list);
  RecordRow row;
  std::string number;
  db::copy_out(sql,
               "COPY (SELECT declaration_key, line, cells FROM trs_records "
               "WHERE study_id = current_setting('haiquan.scan_study')::bigint AND "
               "(current_setting('haiquan.scan_filter') = '0' OR "
               "branch_code = ANY(string_to_array(current_setting('haiquan.scan_branches'), ','))) "
               "ORDER BY declaration_key) TO STDOUT",
               [&](std::string_view line) {
                 const std::size_t tab1 = line.find('\t'), tab2 = line.find('\t', tab1 + 1);
                 if (tab2 == std::string_view::npos) throw std::runtime_error("COPY row without three columns");
                 std::from_chars(line.data(), line.data() + tab1, row.key);
                 std::from_chars(line.data() + tab1 + 1, line.data() + tab2, row.line);
                 db::copy_unescape(line.substr(tab2 + 1), row.cells);
                 visit(row);
               });
}

}  // namespace

void scan_records(soci::session& sql, std::int64_t study_id, const BranchFilter& branches,
                  const std::function<void(const RecordRow&)>& visit) {
  if (is_postgresql(sql)) return scan_by_copy(sql, study_id, branches, visit);
  constexpr std::size_t kBatch = 20000;
  const std::string query = "SELECT declaration_key, line, cells FROM trs_records WHERE study_id = :s AND "
                            "declaration_key > :k" + branch_clause(branches) +
                            " ORDER BY declaration_key LIMIT " + std::to_string(kBatch);
  std::vector<long long> keys, lines;
  std::vector<std::string> cells;
  long long last = -1;
  RecordRow row;
  for (;;) {
    keys.resize(kBatch);
    lines.resize(kBatch);
    cells.resize(kBatch);
    sql << query, soci::use(study_id), soci::use(last), soci::into(keys), soci::into(lines), soci::into(cells);
    for (std::size_t i = 0; i < keys.size(); ++i) {
      row.key = keys[i];
      row.line = lines[i];
      row.cells.swap(cells[i]);
      visit(row);
    }
    if (keys.size() < kBatch) break;
    last = keys.back();
  }
}

std::vector<std::string> unit_codes_under(soci::session& sql, const std::string& path_prefix) {
  return identity::unit_codes_under(sql, path_prefix);  // the platform's one read API for units
}

}  // namespace hq::trs::store
