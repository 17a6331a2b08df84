#include "trs/study/study_service.h"

#include <algorithm>

#include "core/error.h"
#include "history/history_store.h"
#include "platform/calendar_store.h"
#include "trs/study/study_access.h"

namespace hq::trs {

using core::Error;
using core::ErrorKind;

namespace study_detail {

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

std::string branch_problem(const store::Study& s, const store::BranchFilter& filter, const Record& r) {
  const auto codes = branch_codes(s);
  if (std::find(codes.begin(), codes.end(), r.branch_code) == codes.end())
    return "Chi cục " + r.branch_code + " không tham gia cuộc đo này.";
  if (!in_scope(filter, r.branch_code))
    return "Bạn chỉ được nhập tờ khai của chi cục thuộc đơn vị mình; chi cục " + r.branch_code + " không thuộc đơn vị này.";
  return {};
}

std::string held_elsewhere(const std::string& declaration_no) {
  return "tờ khai " + declaration_no + " đã có trong cuộc đo và thuộc chi cục khác; bạn chỉ được nhập, sửa tờ khai "
         "của chi cục thuộc đơn vị mình.";
}

[[noreturn]] void taken_meanwhile() {
  core::conflict("RECORD_CHANGED", "Một tờ khai vừa được chi cục khác lưu cùng lúc (cùng 11 chữ số đầu); chưa dòng "
                                   "nào được lưu. Hãy thử lại.");
}

void append_history(soci::session& sql, const core::Principal* caller, const history::Change& change) {
  if (caller) history::append(sql, *caller, change);
  else history::append_system(sql, change);
}

}  // namespace study_detail

using namespace study_detail;

namespace {

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

std::string study_summary(const StudyConfig& c) {
  std::string branches;
  for (const auto& b : c.branches) branches += (branches.empty() ? "" : ", ") + b.code + " (" + b.route + ")";
  return "Cuộc đo \"" + c.name + "\" năm " + std::to_string(c.year) + ", tuần từ " + core::format_date(c.week_start) +
         "; chi cục: " + branches + "; hạn theo dõi " + std::to_string(c.follow_up_days) + " ngày làm việc";
}

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

// The study `id` and the form decoded for it (check_record and create_record).
struct StudyForm {
  store::Study study;
  FormDecode form;
};
StudyForm decode_in(soci::session& sql, const core::Principal& caller, std::int64_t id,
                    const std::map<std::string, std::string>& cells) {
  StudyForm out{load_study(sql, id), {}};
  out.form = decode_for(sql, caller, out.study, cells);
  return out;
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
    auto [study, form] = decode_in(sql, caller, id, cells);
    return CheckResult{std::move(form.problems), record_warnings(form.record, limit_of(sql, study))};
  });
}

EntryResult StudyService::create_record(const core::Principal& caller, std::int64_t id,
                                        const std::map<std::string, std::string>& cells) {
  require_user(caller);
  return db_.transaction([&](soci::session& sql) {
    auto [study, form] = decode_in(sql, caller, id, cells);
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

}  // namespace hq::trs
