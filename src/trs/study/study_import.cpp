// The import of a study's records: the upload streamed through the readers into the database, all or
// nothing (or skipping the bad rows), in one transaction (study_service.h).
#include <unordered_map>
#include <unordered_set>

#include "core/error.h"
#include "trs/study/study_access.h"
#include "trs/study/study_service.h"

namespace hq::trs {

using core::Error;
using core::ErrorKind;
using namespace study_detail;

namespace {

constexpr std::size_t kBatch = 2000;

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

}  // namespace hq::trs
