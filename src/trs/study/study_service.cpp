#include "trs/study/study_service.h"

#include <algorithm>
#include <memory>
#include <unordered_map>
#include <unordered_set>

#include "core/error.h"
#include "core/ordered_pipeline.h"
#include "history/history_store.h"
#include "platform/calendar_store.h"
#include "trs/study/agency_store.h"
#include "trs/study/report_cache_store.h"

namespace hq::trs {

using core::Error;
using core::ErrorKind;
using nlohmann::json;

namespace {

constexpr std::size_t kBatch = 2000;

void require_user(const core::Principal& caller) {
  if (!is_trs_user(caller)) core::forbidden("Chức năng đo thời gian giải phóng hàng cần vai trò trs.analyst hoặc trs.officer.");
}

store::Study load_study(soci::session& sql, std::int64_t id) {
  auto study = store::find_study(sql, id);
  if (!study) core::not_found("Không tìm thấy cuộc đo số " + std::to_string(id) + ".");
  return *study;
}

std::vector<std::string> branch_codes(const store::Study& s) {
  std::vector<std::string> out;
  for (const auto& b : s.config.branches) out.push_back(b.code);
  return out;
}

// The study's branches the caller sees (nullopt = every one).
store::BranchFilter scope(soci::session& sql, const core::Principal* caller, const store::Study& s) {
  if (!caller || sees_every_branch(*caller)) return std::nullopt;
  const auto units = store::unit_codes_under(sql, caller->unit_path);
  std::vector<std::string> visible;
  for (const auto& code : branch_codes(s))
    if (std::find(units.begin(), units.end(), code) != units.end()) visible.push_back(code);
  return visible;
}

bool in_scope(const store::BranchFilter& filter, const std::string& code) {
  return !filter || std::find(filter->begin(), filter->end(), code) != filter->end();
}

UnixSeconds limit_of(soci::session& sql, const store::Study& s) {
  return follow_up_limit(platform::load_calendar(sql), s.config.week_start, s.config.follow_up_days);
}

// Why `r` may not be stored in this study by this caller ("" when it may), and the column concerned.
std::string branch_problem(const store::Study& s, const store::BranchFilter& filter, const Record& r) {
  const auto codes = branch_codes(s);
  if (std::find(codes.begin(), codes.end(), r.branch_code) == codes.end())
    return "Chi cục " + r.branch_code + " không tham gia cuộc đo này.";
  if (!in_scope(filter, r.branch_code))
    return "Bạn chỉ được nhập tờ khai của chi cục thuộc đơn vị mình; chi cục " + r.branch_code + " không thuộc đơn vị này.";
  return {};
}

// A declaration already stored under a branch the caller may not edit: neither an import nor the form may
// replace it (that would hand another branch's record over, or falsify it). The branch is not named.
std::string held_elsewhere(const std::string& declaration_no) {
  return "tờ khai " + declaration_no + " đã có trong cuộc đo và thuộc chi cục khác; bạn chỉ được nhập, sửa tờ khai "
         "của chi cục thuộc đơn vị mình.";
}

// The loser of a concurrent write: between our check and our upsert another branch stored the same key.
[[noreturn]] void taken_meanwhile() {
  core::conflict("RECORD_CHANGED", "Một tờ khai vừa được chi cục khác lưu cùng lúc (cùng 11 chữ số đầu); chưa dòng "
                                   "nào được lưu. Hãy thử lại.");
}

StoredRecord stored_from(store::RecordRow row, std::optional<UnixSeconds> limit) {
  StoredRecord s;
  if (!decode_cells(row.cells, s.record))
    throw Error(ErrorKind::Unavailable, "RECORD_UNREADABLE", "Dữ liệu tờ khai " + row.declaration_no + " bị hỏng.");
  s.record.meta.line = static_cast<std::size_t>(row.line);
  s.incomplete = incomplete_at(s.record, limit);
  s.row = std::move(row);
  return s;
}

[[noreturn]] void invalid_cells(const std::vector<CellProblem>& problems) {
  throw Error(ErrorKind::Unprocessable, "INVALID_CELLS",
              "Tờ khai có " + std::to_string(problems.size()) + " ô không hợp lệ; chưa lưu: " + problems.front().message,
              {{"cells", problems_json(problems)}});
}

std::string record_entity(std::int64_t study, std::int64_t key) {
  return std::to_string(study) + "/" + std::to_string(key);
}

void append_history(soci::session& sql, const core::Principal* caller, const history::Change& change) {
  if (caller) history::append(sql, *caller, change);
  else history::append_system(sql, change);
}

std::string study_summary(const StudyConfig& c) {
  std::string branches;
  for (const auto& b : c.branches) branches += (branches.empty() ? "" : ", ") + b.code + " (" + b.route + ")";
  return "Cuộc đo \"" + c.name + "\" năm " + std::to_string(c.year) + ", tuần từ " + core::format_date(c.week_start) +
         "; chi cục: " + branches + "; hạn theo dõi " + std::to_string(c.follow_up_days) + " ngày làm việc";
}

// Receives an upload's rows inside the import transaction: checks each row, stores the good ones in batches.
class ImportSink : public RecordSink {
 public:
  ImportSink(soci::session& sql, const store::Study& study, const store::BranchFilter& filter,
             const ImportOptions& options, std::string username)
      : sql_(sql), study_(study), filter_(filter), options_(options), username_(std::move(username)),
        now_(core::now()) {}

  void on_issue(Issue issue) override {
    static const std::unordered_set<std::string> bad_codes = {kInvalidValue, kBadRow, kMissingRequired,
                                                              kUnknownDeclaration, kDuplicateEvent};
    if (!bad_codes.count(issue.code)) return;
    if (issue.source.empty()) bad_lines_.insert(issue.line);
    add_problem({issue.line, issue.column, issue.value, issue.message, issue.declaration_no, issue.source});
  }

  void on_record(const Record& r) override {
    ++result.rows;
    if (options_.progress && result.rows % 10000 == 0) options_.progress(result.rows);
    bool bad = r.meta.rejected || r.meta.invalid_cells > 0 || bad_lines_.erase(r.meta.line) > 0;
    if (!bad) bad = !row_problem(r).empty();
    if (bad) {
      ++result.skipped;
      return;
    }
    // Rows are batched even when the import already fails, so that flush() names every key held by another
    // branch; they are not stored then.
    batch_.push_back(store::make_row(r, username_, now_));
    if (batch_.size() >= kBatch) flush();
  }

  void flush() {
    drop_held_elsewhere();
    if (!options_.skip_invalid && result.bad_cell_count > 0) return batch_.clear();  // fails anyway: only list
    if (store::upsert_records(sql_, study_.id, batch_, filter_) != batch_.size()) taken_meanwhile();
    result.stored += batch_.size();
    batch_.clear();
  }

  ImportResult result;

 private:
  std::string row_problem(const Record& r) {
    std::string column;
    std::string why = storable_problem(r, column);
    if (why.empty()) {
      column = "branch_code";
      why = branch_problem(study_, filter_, r);
    }
    if (why.empty()) {
      const auto key = *declaration_identity(r.declaration_no);
      const auto [it, added] = seen_.emplace(key, r.meta.line);
      if (!added) {
        column = "declaration_no";
        why = "tờ khai trùng với dòng " + std::to_string(it->second) + " (cùng 11 chữ số đầu)";
      }
    }
    if (why.empty()) return why;
    const std::string value = column == "flow" ? std::string() : column == "branch_code" ? r.branch_code : r.declaration_no;
    add_problem({r.meta.line, column, value, "Dòng " + std::to_string(r.meta.line) + ", cột " + column + ": " + why,
                 r.declaration_no, ""});
    return why;
  }

  // Rows whose key is stored under a branch the caller may not edit are bad cells (one query per batch).
  void drop_held_elsewhere() {
    if (!filter_ || batch_.empty()) return;
    std::vector<std::int64_t> keys;
    for (const auto& row : batch_) keys.push_back(row.key);
    const auto stored = store::branches_of_keys(sql_, study_.id, keys);
    std::erase_if(batch_, [&](const store::RecordRow& row) {
      const auto it = stored.find(row.key);
      if (it == stored.end() || in_scope(filter_, it->second)) return false;
      ++result.skipped;
      add_problem({static_cast<std::size_t>(row.line), "declaration_no", row.declaration_no,
                   "Dòng " + std::to_string(row.line) + ", cột declaration_no: " + held_elsewhere(row.declaration_no),
                   row.declaration_no, ""});
      return true;
    });
  }

  void add_problem(CellProblem p) {
    ++result.bad_cell_count;
    if (result.bad_cells.size() < options_.max_listed) result.bad_cells.push_back(std::move(p));
  }

  soci::session& sql_;
  const store::Study& study_;
  const store::BranchFilter& filter_;
  const ImportOptions& options_;
  std::string username_;
  std::int64_t now_;
  std::vector<store::RecordRow> batch_;
  std::unordered_set<std::size_t> bad_lines_;
  std::unordered_map<std::uint64_t, std::size_t> seen_;
};

}  // namespace

// ---------------------------------------------------------------------------------------------- studies

namespace {
StudyView make_view(soci::session& sql, const core::Principal* caller, store::Study study) {
  StudyView v;
  const auto filter = scope(sql, caller, study);
  for (const auto& [code, n] : store::record_counts(sql, study.id))
    if (in_scope(filter, code)) v.record_counts[code] = n;
  v.follow_up_limit = limit_of(sql, study);
  v.can_manage = caller && may_manage_studies(*caller);
  v.study = std::move(study);
  return v;
}
}  // namespace

std::vector<StudyView> StudyService::studies(const core::Principal& caller) {
  require_user(caller);
  return db_.read([&](soci::session& sql) {
    std::vector<StudyView> out;
    for (auto& s : store::list_studies(sql)) out.push_back(make_view(sql, &caller, std::move(s)));
    return out;
  });
}

StudyView StudyService::study(const core::Principal& caller, std::int64_t id) {
  require_user(caller);
  return db_.read([&](soci::session& sql) { return make_view(sql, &caller, load_study(sql, id)); });
}

StudyView StudyService::study_for_report(const core::Principal* caller, std::int64_t id) {
  if (caller) require_user(*caller);
  return db_.read([&](soci::session& sql) { return make_view(sql, caller, load_study(sql, id)); });
}

void StudyService::require_trs_user(const core::Principal& caller) { require_user(caller); }

void StudyService::require_manager(const core::Principal& caller) {
  if (!may_manage_studies(caller))
    core::forbidden("Chỉ cán bộ phân tích (trs.analyst) ở Tổng cục hoặc quản trị hệ thống được thiết lập cuộc đo.");
}

StudyView StudyService::create_study(const core::Principal& caller, const StudyConfig& config) {
  require_manager(caller);
  check_study(config);
  return db_.transaction([&](soci::session& sql) {
    const auto id = store::insert_study(sql, config, caller.username, core::now());
    history::append(sql, caller, {"trs.study.create", "trs_study", std::to_string(id), study_summary(config)});
    return make_view(sql, &caller, load_study(sql, id));
  });
}

std::int64_t StudyService::create_study_as_system(const StudyConfig& config) {
  check_study(config);
  return db_.transaction([&](soci::session& sql) {
    const auto id = store::insert_study(sql, config, "system", core::now());
    history::append_system(sql, {"trs.study.create", "trs_study", std::to_string(id), study_summary(config)});
    return id;
  });
}

StudyView StudyService::update_study(const core::Principal& caller, std::int64_t id, const StudyConfig& config) {
  require_manager(caller);
  check_study(config);
  return db_.transaction([&](soci::session& sql) {
    load_study(sql, id);
    store::update_study(sql, id, config, core::now());
    history::append(sql, caller, {"trs.study.update", "trs_study", std::to_string(id), study_summary(config)});
    return make_view(sql, &caller, load_study(sql, id));
  });
}

// ---------------------------------------------------------------------------------------------- records

RecordPage StudyService::records(const core::Principal& caller, std::int64_t id, store::RecordQuery query) {
  require_user(caller);
  return db_.read([&](soci::session& sql) {
    const auto study = load_study(sql, id);
    query.branches = scope(sql, &caller, study);
    const auto limit = limit_of(sql, study);
    RecordPage page;
    for (auto& row : store::list_records(sql, id, query, page.total)) page.items.push_back(stored_from(std::move(row), limit));
    return page;
  });
}

namespace {
std::int64_t key_of(const std::string& declaration_no) {
  std::string twelve = declaration_no.size() == 11 ? declaration_no + "0" : declaration_no;
  const auto key = declaration_identity(twelve);
  if (!key) core::bad_input("INVALID_PARAMETER", "Số tờ khai trong đường dẫn phải gồm 12 chữ số.");
  return static_cast<std::int64_t>(*key);
}

StoredRecord visible_record(soci::session& sql, const core::Principal& caller, const store::Study& study,
                            const std::string& declaration_no) {
  auto row = store::find_record(sql, study.id, key_of(declaration_no));
  // Another branch's record answers 404, as if it did not exist.
  if (!row || !in_scope(scope(sql, &caller, study), row->branch_code))
    core::not_found("Không tìm thấy tờ khai " + declaration_no + " trong cuộc đo này.");
  return stored_from(std::move(*row), limit_of(sql, study));
}

// Decodes the form and adds the study's branch rules; the problems are empty when it may be saved.
FormDecode decode_for(soci::session& sql, const core::Principal& caller, const store::Study& study,
                      const std::map<std::string, std::string>& cells) {
  FormDecode form = decode_form(cells);
  const auto filter = scope(sql, &caller, study);
  const auto has_problem = [&](const char* column) {
    return std::any_of(form.problems.begin(), form.problems.end(), [&](const CellProblem& p) { return p.column == column; });
  };
  if (!form.record.branch_code.empty() && !has_problem("branch_code")) {
    const std::string why = branch_problem(study, filter, form.record);
    if (!why.empty()) form.problems.push_back({0, "branch_code", form.record.branch_code, why, form.record.declaration_no, ""});
  }
  const auto key = declaration_identity(form.record.declaration_no);
  if (key && filter && !has_problem("declaration_no")) {
    const auto held = store::find_record(sql, study.id, static_cast<std::int64_t>(*key));
    if (held && !in_scope(filter, held->branch_code))
      form.problems.push_back({0, "declaration_no", form.record.declaration_no, held_elsewhere(form.record.declaration_no),
                               form.record.declaration_no, ""});
  }
  return form;
}
}  // namespace

StoredRecord StudyService::record(const core::Principal& caller, std::int64_t id, const std::string& declaration_no) {
  require_user(caller);
  return db_.read([&](soci::session& sql) { return visible_record(sql, caller, load_study(sql, id), declaration_no); });
}

CheckResult StudyService::check_record(const core::Principal& caller, std::int64_t id,
                                       const std::map<std::string, std::string>& cells) {
  require_user(caller);
  return db_.read([&](soci::session& sql) {
    const auto study = load_study(sql, id);
    FormDecode form = decode_for(sql, caller, study, cells);
    return CheckResult{std::move(form.problems), record_warnings(form.record, limit_of(sql, study))};
  });
}

EntryResult StudyService::create_record(const core::Principal& caller, std::int64_t id,
                                        const std::map<std::string, std::string>& cells) {
  require_user(caller);
  return db_.transaction([&](soci::session& sql) {
    const auto study = load_study(sql, id);
    FormDecode form = decode_for(sql, caller, study, cells);
    if (!form.problems.empty()) invalid_cells(form.problems);
    auto row = store::make_row(form.record, caller.username, core::now());
    if (store::find_record(sql, id, row.key))
      core::conflict("RECORD_EXISTS", "Tờ khai " + form.record.declaration_no +
                                          " đã có trong cuộc đo (cùng 11 chữ số đầu); hãy mở tờ khai đó để sửa.",
                     {{"field", "declaration_no"}});
    if (store::upsert_records(sql, id, {row}, scope(sql, &caller, study)) != 1) taken_meanwhile();
    history::append(sql, caller, {"trs.record.create", "trs_record", record_entity(id, row.key),
                                  "Nhập tờ khai " + form.record.declaration_no + " (chi cục " + form.record.branch_code + ")"});
    const auto limit = limit_of(sql, study);
    EntryResult result{stored_from(std::move(row), limit), record_warnings(form.record, limit), true, ""};
    return result;
  });
}

EntryResult StudyService::update_record(const core::Principal& caller, std::int64_t id, const std::string& declaration_no,
                                        const std::map<std::string, std::string>& changes) {
  require_user(caller);
  return db_.transaction([&](soci::session& sql) {
    const auto study = load_study(sql, id);
    StoredRecord before = visible_record(sql, caller, study, declaration_no);
    auto cells = record_cells(before.record);
    for (const auto& [column, value] : changes) cells[column] = value;
    FormDecode form = decode_for(sql, caller, study, cells);
    if (!form.problems.empty()) invalid_cells(form.problems);
    if (static_cast<std::int64_t>(declaration_identity(form.record.declaration_no).value_or(0)) != before.row.key)
      core::bad_input("INVALID_FIELD",
                      "Chỉ được sửa chữ số thứ 12 (lần sửa đổi) của số tờ khai; 11 chữ số đầu xác định tờ khai.",
                      {{"field", "declaration_no"}});
    form.record.meta.line = before.record.meta.line;
    const auto limit = limit_of(sql, study);
    EntryResult result;
    result.changes = change_summary(before.record, form.record);
    if (result.changes.empty()) {
      result.stored = std::move(before);
    } else {
      auto row = store::make_row(form.record, caller.username, core::now());
      if (store::upsert_records(sql, id, {row}, scope(sql, &caller, study)) != 1) taken_meanwhile();
      history::append(sql, caller, {"trs.record.update", "trs_record", record_entity(id, row.key),
                                    "Sửa tờ khai " + form.record.declaration_no + ": " + result.changes});
      result.stored = stored_from(std::move(row), limit);
    }
    result.warnings = record_warnings(result.stored.record, limit);
    return result;
  });
}

// ---------------------------------------------------------------------------------------------- import

namespace {
bool result_is_bulk(std::size_t stored) { return stored >= 1000; }
}  // namespace

ImportResult StudyService::import_records(const core::Principal* caller, std::int64_t id,
                                          const std::function<void(RecordSink&)>& read, const ImportOptions& options) {
  if (caller) require_user(*caller);
  const ImportResult imported = db_.transaction([&](soci::session& sql) {
    const auto study = load_study(sql, id);
    const auto filter = scope(sql, caller, study);
    const auto before = store::count_records(sql, id);
    ImportSink sink(sql, study, filter, options, caller ? caller->username : "system");
    read(sink);
    sink.flush();  // the last batch: checked (and stored unless the import fails) before the verdict
    ImportResult& result = sink.result;
    if (result.rows == 0) core::bad_input("EMPTY_IMPORT", "Tệp không có dòng dữ liệu nào sau dòng tiêu đề.");
    if (result.bad_cell_count > 0 && !options.skip_invalid) {
      throw Error(ErrorKind::Unprocessable, "IMPORT_INVALID",
                  "Tệp có " + std::to_string(result.bad_cell_count) + " ô không hợp lệ ở " +
                      std::to_string(result.skipped) + " dòng; chưa dòng nào được nhập. Hãy sửa các ô được liệt kê, "
                      "hoặc nhập với tùy chọn bỏ qua dòng lỗi.",
                  {{"bad_cells", problems_json(result.bad_cells)},
                   {"bad_cell_count", result.bad_cell_count},
                   {"bad_rows", result.skipped},
                   {"rows", result.rows}});
    }
    if (result.stored == 0)
      core::bad_input("NOTHING_IMPORTED", "Không dòng nào hợp lệ để nhập (" + std::to_string(result.skipped) + " dòng lỗi).",
                      {{"bad_cells", problems_json(result.bad_cells)}, {"bad_cell_count", result.bad_cell_count}});
    const auto after = store::count_records(sql, id);
    result.created = static_cast<std::size_t>(after - before);
    result.replaced = result.stored - result.created;
    append_history(sql, caller,
                   {"trs.records.import", "trs_study", std::to_string(id),
                    "Nhập " + std::to_string(result.stored) + " tờ khai (" + std::to_string(result.created) + " mới, " +
                        std::to_string(result.replaced) + " thay thế, " + std::to_string(result.skipped) +
                        " dòng lỗi bỏ qua) vào cuộc đo \"" + study.config.name + "\""});
    return result;
  });
  // A bulk import changes the table's size by orders of magnitude: without fresh statistics PostgreSQL
  // keeps planning the report's keyset scan as "few rows" and sorts the whole study on disk for every batch.
  if (result_is_bulk(imported.stored)) db_.read([](soci::session& sql) { store::refresh_statistics(sql); });
  report_json(nullptr, id, true);  // the whole study's report kept ready (issue 12 §4: answered in < 3 s)
  return imported;
}

// ---------------------------------------------------------------------------------------------- follow-up, report

FollowUp StudyService::follow_up(const core::Principal& caller, std::int64_t id) {
  require_user(caller);
  return db_.read([&](soci::session& sql) {
    const auto study = load_study(sql, id);
    const auto filter = scope(sql, &caller, study);
    const auto calendar = platform::load_calendar(sql);
    FollowUp f;
    f.limit = follow_up_limit(calendar, study.config.week_start, study.config.follow_up_days);
    f.today = core::to_local(core::now()).date;
    f.days_left = calendar.working_days_between(f.today, core::to_local(f.limit - 1).date);
    std::map<std::string, std::size_t> index;
    for (const auto& b : study.config.branches) {
      if (!in_scope(filter, b.code)) continue;
      index[b.code] = f.branches.size();
      f.branches.push_back({b.code, b.route, 0, 0, {}});
    }
    Record r;
    store::scan_records(sql, id, filter, [&](const store::RecordRow& row) {
      if (!decode_cells(row.cells, r)) return;
      const auto it = index.find(r.branch_code);
      if (it == index.end()) return;
      FollowUpBranch& b = f.branches[it->second];
      ++b.records;
      std::vector<std::string_view> missing;
      if (!incomplete_at(r, f.limit, &missing)) return;
      ++b.incomplete;
      if (b.items.size() >= 500) return;
      FollowUpItem item{r.declaration_no, r.flow ? std::string(to_string(*r.flow)) : "", r.registered_at, {}};
      for (auto m : missing) item.missing.emplace_back(m);
      b.items.push_back(std::move(item));
    });
    return f;
  });
}

namespace {

// Stored rows on their way to the analyzer: read on the calling thread, decoded and prepared on workers.
struct StoredBatch {
  static constexpr std::size_t kRows = 4096;
  std::size_t size = 0;
  std::vector<std::int64_t> lines;
  std::vector<std::string> cells;
  std::vector<char> readable;  // decode_cells succeeded
  std::vector<Record> records;
  std::vector<std::unique_ptr<PreparingSink::Prepared>> prepared;
};

void decode_and_prepare(const Analyzer& analyzer, const ReturnsOverlay& overlay, StoredBatch& b) {
  b.records.resize(std::max(b.records.size(), b.size));
  b.readable.assign(b.size, 0);
  while (b.prepared.size() < b.size) b.prepared.push_back(analyzer.make_prepared());
  for (std::size_t i = 0; i < b.size; ++i) {
    Record& r = b.records[i];
    if (!decode_cells(b.cells[i], r)) continue;
    r.meta = RecordMeta{static_cast<std::size_t>(b.lines[i])};
    overlay.apply(r);  // the agencies' returned data (agency_rules.h)
    b.readable[i] = 1;
    analyzer.prepare(r, *b.prepared[i]);
  }
}

}  // namespace

Report StudyService::report(const core::Principal* caller, std::int64_t id) {
  if (caller) require_user(*caller);
  return db_.read([&](soci::session& sql) {
    const auto study = load_study(sql, id);
    const auto filter = scope(sql, caller, study);
    const ReturnsOverlay overlay = agency_store::load_overlay(sql, id);
    AnalysisSettings settings = analysis_settings(study.config, limit_of(sql, study), filter ? *filter : branch_codes(study));
    settings.agency_ministries = overlay.ministries();
    settings.border_guard_agency = overlay.border_guard_name();
    settings.week_window_agencies = overlay.week_window_names();
    Analyzer analyzer(std::move(settings));
    const std::size_t workers = default_decode_threads();
    core::OrderedPipeline<StoredBatch> pipeline(
        workers, 2 * workers + 2, [&](StoredBatch& b) { decode_and_prepare(analyzer, overlay, b); },
        [&](StoredBatch& b) {
          for (std::size_t i = 0; i < b.size; ++i)
            if (b.readable[i]) analyzer.on_prepared(b.records[i], *b.prepared[i]);
        });
    StoredBatch* batch = nullptr;
    store::scan_records(sql, id, filter, [&](const store::RecordRow& row) {
      if (!batch) (batch = &pipeline.acquire())->size = 0;
      if (batch->cells.size() <= batch->size) batch->cells.resize(batch->size + 1), batch->lines.resize(batch->size + 1);
      batch->cells[batch->size] = row.cells;
      batch->lines[batch->size] = row.line;
      if (++batch->size == StoredBatch::kRows) pipeline.submit(), batch = nullptr;
    });
    if (batch) pipeline.submit();
    pipeline.finish();
    return analyzer.finish();
  });
}

namespace {

// The report format of this build: change it whenever the report's JSON changes, so that the reports an older
// build kept are computed again.
constexpr const char* kReportFormat = "trs-report-2026-12-03";

std::string scope_key(const store::BranchFilter& filter) {
  if (!filter) return "*";
  std::string out;
  for (const auto& code : *filter) out += (out.empty() ? "" : ",") + code;
  return out;
}

}  // namespace

std::string StudyService::report_json(const core::Principal* caller, std::int64_t id, bool fresh) {
  if (caller) require_user(*caller);
  store::ReportKey key;
  // The version is read before the records: a write committed after it makes the stored copy unmatched.
  auto cached = db_.read([&](soci::session& sql) -> std::optional<std::string> {
    const auto study = load_study(sql, id);
    key = {id, scope_key(scope(sql, caller, study)), store::data_version(sql, id), limit_of(sql, study), kReportFormat};
    return fresh ? std::nullopt : store::cached_report(sql, key);
  });
  if (cached) return std::move(*cached);
  std::string body = to_json_text(report(caller, id));
  db_.transaction([&](soci::session& sql) { store::store_report(sql, key, body, core::now()); });
  return body;
}

std::vector<std::pair<std::int64_t, std::int64_t>> StudyService::reports_not_kept() {
  return db_.read([&](soci::session& sql) { return store::studies_not_kept(sql, kReportFormat); });
}

}  // namespace hq::trs

namespace hq::trs {

std::vector<AgencyListRow> StudyService::agency_list(const core::Principal* caller, std::int64_t id) {
  if (caller) require_user(*caller);
  return db_.read([&](soci::session& sql) {
    const auto study = load_study(sql, id);
    const auto filter = scope(sql, caller, study);
    const AnalysisSettings settings =
        analysis_settings(study.config, limit_of(sql, study), filter ? *filter : branch_codes(study));
    AgencyList list(settings.study);
    Record record;
    store::scan_records(sql, id, filter, [&](const store::RecordRow& row) {
      if (decode_cells(row.cells, record)) list.add(record);
    });
    return list.finish();
  });
}

}  // namespace hq::trs
