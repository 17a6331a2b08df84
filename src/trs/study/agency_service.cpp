#include "trs/study/agency_service.h"

#include <algorithm>
#include <set>

#include "core/error.h"
#include "core/text.h"
#include "history/history_store.h"
#include "trs/study/study_access.h"

namespace hq::trs {

using core::Error;
using core::ErrorKind;
using study_detail::load_study;

namespace {

Agency load_agency(soci::session& sql, const std::string& code) {
  auto agency = code.size() <= 20 ? agency_store::find_agency(sql, code) : std::nullopt;
  if (!agency) core::not_found("Không tìm thấy cơ quan «" + code.substr(0, 20) + "» trong cuộc đo này.");
  return *agency;
}

// Reading an agency's rows: its members, study managers; everyone else 403. A member of another agency
// gets 404 (as if the agency had no rows for it). Writing: the same callers.
void require_agency_access(soci::session& sql, const core::Principal& caller, std::int64_t study_id,
                           const std::string& agency_code) {
  if (may_manage_studies(caller)) return;
  if (!is_agency_user(caller))
    core::forbidden("Số liệu trả về của cơ quan chỉ dành cho tài khoản cơ quan (trs.agency) của cuộc đo và cán bộ "
                    "phân tích thiết lập cuộc đo.");
  const auto member = agency_store::find_member(sql, study_id, caller.username);
  if (!member) core::forbidden("Tài khoản của bạn không được giao nhập số liệu cho cuộc đo số " + std::to_string(study_id) + ".");
  if (member->agency_code != agency_code)
    core::not_found("Không tìm thấy cơ quan «" + agency_code.substr(0, 20) + "» trong cuộc đo này.");
}

void require_trs_or_agency(const core::Principal& caller) {
  if (!is_trs_user(caller) && !is_agency_user(caller))
    core::forbidden("Chức năng đo thời gian giải phóng hàng cần vai trò trs.analyst, trs.officer hoặc trs.agency.");
}

// The declarations of the study's sample whose blocks name this agency (every branch), one row each.
std::vector<AgencyListRow> listed_for(soci::session& sql, const store::Study& study, const Agency& agency,
                                      const std::vector<Agency>& agencies) {
  AgencyList list(analysis_settings(study.config, study_detail::limit_of(sql, study), study_detail::branch_codes(study)).study);
  Record record;
  store::scan_records(sql, study.id, std::nullopt, [&](const store::RecordRow& row) {
    if (decode_cells(row.cells, record)) list.add(record);
  });
  std::vector<AgencyListRow> out;
  std::set<std::string> seen;
  for (auto& row : list.finish()) {
    const Agency* named = agency_named(agencies, row.agency);
    if (!named || named->code != agency.code || !seen.insert(row.declaration_no.substr(0, 11)).second) continue;
    out.push_back(std::move(row));
  }
  return out;
}

// The study and the agency a caller works on once it may (require_agency_access); `require` checks the agency's
// kind (require_sci, require_border_guard).
struct AgencyWork {
  store::Study study;
  Agency agency;
};
AgencyWork open_agency(soci::session& sql, const core::Principal& caller, std::int64_t study_id,
                       const std::string& agency_code, void (*require)(const Agency&)) {
  store::Study study = load_study(sql, study_id);
  require_agency_access(sql, caller, study_id, agency_code);
  AgencyWork work{std::move(study), load_agency(sql, agency_code)};
  require(work.agency);
  return work;
}

// The bad cells of an all-or-nothing import: every row's problems counted, the first 1,000 kept for the answer.
class ImportProblems {
 public:
  // False (and the row's problems kept) when the row has any.
  bool accept(std::vector<CellProblem>& row_problems) {
    if (row_problems.empty()) return true;
    ++bad_rows_;
    count_ += row_problems.size();
    for (auto& p : row_problems)
      if (kept_.size() < 1000) kept_.push_back(std::move(p));
    return false;
  }
  void throw_if_any(std::size_t rows) const {
    if (count_ == 0) return;
    throw Error(ErrorKind::Unprocessable, "IMPORT_INVALID",
                "Tệp có " + std::to_string(count_) + " ô không hợp lệ ở " + std::to_string(bad_rows_) +
                    " dòng; chưa dòng nào được nhập. Hãy sửa các ô được liệt kê.",
                {{"bad_cells", problems_json(kept_)}, {"bad_cell_count", count_}, {"bad_rows", bad_rows_}, {"rows", rows}});
  }

 private:
  std::vector<CellProblem> kept_;
  std::size_t count_ = 0, bad_rows_ = 0;
};

// The rows of an agency's all-or-nothing table import: `decode(line, cells)` gives a row's value and its problems
// (including the checks against the rows before it); good rows are stamped with the caller and the time. Throws
// EMPTY_IMPORT without data rows and IMPORT_INVALID when any row has a problem (nothing is stored then).
template <class Decode>
auto good_rows(std::string_view bytes, const std::vector<std::string>& columns, const std::string& required,
               const core::Principal& caller, AgencyImportResult& result, Decode decode) {
  ImportProblems problems;
  std::vector<decltype(decode(std::size_t{}, std::map<std::string, std::string>{}).value)> good;
  const auto now = core::now();
  read_table(bytes, columns, required, [&](std::size_t line, const std::map<std::string, std::string>& cells) {
    ++result.rows;
    auto d = decode(line, cells);
    if (!problems.accept(d.problems)) return;
    d.value.updated_by = caller.username;
    d.value.updated_at = now;
    good.push_back(std::move(d.value));
  });
  if (result.rows == 0) core::bad_input("EMPTY_IMPORT", "Tệp không có dòng dữ liệu nào sau dòng tiêu đề.");
  problems.throw_if_any(result.rows);
  return good;
}

[[noreturn]] void invalid_cells(const std::vector<CellProblem>& problems) {
  throw Error(ErrorKind::Unprocessable, "INVALID_CELLS",
              "Có " + std::to_string(problems.size()) + " ô không hợp lệ; chưa lưu: " + problems.front().message,
              {{"cells", problems_json(problems)}});
}

std::string time_text(const std::optional<std::int64_t>& t) { return t ? core::format_iso8601(*t) : "(trống)"; }

std::string return_summary(const Agency& a, const AgencyReturn& r) {
  return "Cơ quan " + a.code + " trả số liệu tờ khai " + r.declaration_no + ": đăng ký " + time_text(r.registered_at) +
         ", lấy mẫu " + time_text(r.sampling_at) + ", kết quả " + time_text(r.result_at) + ", chuyển hải quan " +
         time_text(r.handed_over_at);
}

void require_border_guard(const Agency& a) {
  if (!a.border_guard())
    core::not_found("Cơ quan «" + a.code + "» không phải cơ quan Biên phòng; số liệu kiểm tra phương tiện (4.2) chỉ do "
                    "Biên phòng nhập.");
}

void require_sci(const Agency& a) {
  if (a.border_guard())
    core::not_found("Biên phòng trả số liệu theo phương tiện và chuyến (khoảng 4.2), không theo tờ khai.");
}

}  // namespace

std::vector<Agency> AgencyService::agencies(const core::Principal& caller) {
  require_trs_or_agency(caller);
  return db_.read([](soci::session& sql) { return agency_store::list_agencies(sql); });
}

std::vector<agency_store::Member> AgencyService::members(const core::Principal& caller, std::int64_t study_id) {
  StudyService::require_manager(caller);
  return db_.read([&](soci::session& sql) {
    load_study(sql, study_id);
    return agency_store::list_members(sql, study_id);
  });
}

agency_store::Member AgencyService::put_member(const core::Principal& caller, std::int64_t study_id,
                                               const std::string& username, const std::string& agency_code) {
  StudyService::require_manager(caller);
  return db_.transaction([&](soci::session& sql) {
    const auto study = load_study(sql, study_id);
    const Agency agency = [&] {
      auto a = agency_code.size() <= 20 ? agency_store::find_agency(sql, agency_code) : std::nullopt;
      if (!a)
        core::bad_input("INVALID_FIELD", "Không có cơ quan mã «" + agency_code.substr(0, 20) + "».",
                        {{"field", "agency_code"}});
      return *a;
    }();
    if (username.size() > 100 || !agency_store::account_exists(sql, username))
      core::not_found("Không tìm thấy tài khoản «" + username.substr(0, 100) + "».");
    agency_store::Member m{username, agency.code, caller.username, core::now()};
    agency_store::put_member(sql, study_id, m);
    history::append(sql, caller, {"trs.agency.member", "trs_study", std::to_string(study_id),
                                  "Giao tài khoản " + username + " nhập số liệu của " + agency.name + " cho cuộc đo \"" +
                                      study.config.name + "\""});
    return m;
  });
}

void AgencyService::delete_member(const core::Principal& caller, std::int64_t study_id, const std::string& username) {
  StudyService::require_manager(caller);
  db_.transaction([&](soci::session& sql) {
    load_study(sql, study_id);
    if (!agency_store::delete_member(sql, study_id, username))
      core::not_found("Tài khoản «" + username.substr(0, 100) + "» không được giao trong cuộc đo này.");
    history::append(sql, caller, {"trs.agency.member.remove", "trs_study", std::to_string(study_id),
                                  "Thôi giao tài khoản " + username + " nhập số liệu cơ quan"});
  });
}

std::vector<agency_store::Membership> AgencyService::my_memberships(const core::Principal& caller) {
  require_trs_or_agency(caller);
  return db_.read([&](soci::session& sql) { return agency_store::memberships_of(sql, caller.username); });
}

AgencyWorkPage AgencyService::work(const core::Principal& caller, std::int64_t study_id, const std::string& agency_code,
                                   const AgencyWorkQuery& query) {
  return db_.read([&](soci::session& sql) {
    const auto study = load_study(sql, study_id);
    require_agency_access(sql, caller, study_id, agency_code);
    AgencyWorkPage page;
    page.agency = load_agency(sql, agency_code);
    require_sci(page.agency);
    const auto agencies = agency_store::list_agencies(sql);
    auto returned = agency_store::returns_of(sql, study_id, agency_code);
    for (auto& row : listed_for(sql, study, page.agency, agencies)) {
      const auto key = declaration_identity(row.declaration_no);
      const auto it = key ? returned.find(static_cast<std::int64_t>(*key)) : returned.end();
      const bool has = it != returned.end();
      page.returned += has;
      if (query.missing_only && has) continue;
      if (row.declaration_no.compare(0, query.number_prefix.size(), query.number_prefix) != 0) continue;
      if (page.total++ < query.offset || page.total > query.offset + query.limit) continue;
      page.items.push_back({std::move(row), has ? std::optional<AgencyReturn>(it->second) : std::nullopt});
    }
    return page;
  });
}

AgencyWorkRow AgencyService::put_return(const core::Principal& caller, std::int64_t study_id,
                                        const std::string& agency_code, const std::string& declaration_no,
                                        std::map<std::string, std::string> cells) {
  return db_.transaction([&](soci::session& sql) {
    const auto [study, agency] = open_agency(sql, caller, study_id, agency_code, require_sci);
    cells["declaration_no"] = declaration_no;
    ReturnDecode decoded = decode_return(cells, 0);
    if (!decoded.problems.empty()) invalid_cells(decoded.problems);
    const auto listed = listed_for(sql, study, agency, agency_store::list_agencies(sql));
    const auto it = std::find_if(listed.begin(), listed.end(), [&](const AgencyListRow& r) {
      return r.declaration_no.compare(0, 11, declaration_no, 0, 11) == 0;
    });
    if (it == listed.end())
      core::not_found("Tờ khai " + declaration_no + " không có trong danh sách gửi " + agency.name + " của cuộc đo này.");
    AgencyReturn& r = decoded.value;
    r.declaration_no = it->declaration_no;
    r.updated_by = caller.username;
    r.updated_at = core::now();
    agency_store::upsert_return(sql, study_id, agency.code, r);
    history::append(sql, caller, {"trs.agency.return", "trs_agency_return",
                                  std::to_string(study_id) + "/" + agency.code + "/" + std::to_string(r.declaration_key),
                                  return_summary(agency, r)});
    return AgencyWorkRow{*it, r};
  });
}

AgencyImportResult AgencyService::import_returns(const core::Principal& caller, std::int64_t study_id,
                                                 const std::string& agency_code, std::string_view bytes) {
  return db_.transaction([&](soci::session& sql) {
    const auto [study, agency] = open_agency(sql, caller, study_id, agency_code, require_sci);
    std::map<std::int64_t, std::string> listed;  // key → declaration number as listed
    for (const auto& row : listed_for(sql, study, agency, agency_store::list_agencies(sql)))
      listed[static_cast<std::int64_t>(*declaration_identity(row.declaration_no))] = row.declaration_no;
    std::map<std::int64_t, std::size_t> seen;
    AgencyImportResult result;
    const auto good = good_rows(bytes, kReturnColumns, "declaration_no", caller, result,
                                [&](std::size_t line, const std::map<std::string, std::string>& cells) {
      ReturnDecode d = decode_return(cells, line);
      if (d.problems.empty()) {
        const auto it = listed.find(d.value.declaration_key);
        std::string why;
        if (it == listed.end()) why = "tờ khai không có trong danh sách gửi " + agency.name + " của cuộc đo này.";
        else if (const auto [s, added] = seen.emplace(d.value.declaration_key, line); !added)
          why = "tờ khai trùng với dòng " + std::to_string(s->second) + " (cùng 11 chữ số đầu).";
        if (!why.empty())
          d.problems.push_back({line, "declaration_no", d.value.declaration_no,
                                "Dòng " + std::to_string(line) + ", cột declaration_no: " + why, d.value.declaration_no, ""});
        else
          d.value.declaration_no = it->second;
      }
      return d;
    });
    for (const auto& r : good) agency_store::upsert_return(sql, study_id, agency.code, r);
    result.stored = good.size();
    history::append(sql, caller, {"trs.agency.import", "trs_study", std::to_string(study_id),
                                  "Nhập " + std::to_string(result.stored) + " dòng số liệu trả về của " + agency.name +
                                      " vào cuộc đo \"" + study.config.name + "\""});
    return result;
  });
}

BorderPage AgencyService::border_checks(const core::Principal& caller, std::int64_t study_id,
                                        const std::string& agency_code, const agency_store::BorderQuery& query) {
  return db_.read([&](soci::session& sql) {
    open_agency(sql, caller, study_id, agency_code, require_border_guard);
    BorderPage page;
    page.items = agency_store::list_border_checks(sql, study_id, query, page.total);
    return page;
  });
}

BorderCheck AgencyService::put_border_check(const core::Principal& caller, std::int64_t study_id,
                                            const std::string& agency_code, const std::map<std::string, std::string>& cells) {
  return db_.transaction([&](soci::session& sql) {
    const Agency agency = open_agency(sql, caller, study_id, agency_code, require_border_guard).agency;
    BorderDecode d = decode_border_check(cells, 0);
    if (!d.problems.empty()) invalid_cells(d.problems);
    d.value.updated_by = caller.username;
    d.value.updated_at = core::now();
    agency_store::upsert_border_check(sql, study_id, agency.code, d.value);
    history::append(sql, caller, {"trs.border.check", "trs_border_check",
                                  std::to_string(study_id) + "/" + d.value.vehicle + "/" + d.value.voyage,
                                  "Biên phòng kiểm tra phương tiện " + d.value.vehicle +
                                      (d.value.voyage.empty() ? "" : " chuyến " + d.value.voyage) + ": " +
                                      time_text(d.value.check_start_at) + " → " + time_text(d.value.check_end_at)});
    return d.value;
  });
}

AgencyImportResult AgencyService::import_border_checks(const core::Principal& caller, std::int64_t study_id,
                                                       const std::string& agency_code, std::string_view bytes) {
  return db_.transaction([&](soci::session& sql) {
    const auto [study, agency] = open_agency(sql, caller, study_id, agency_code, require_border_guard);
    std::map<std::pair<std::string, std::string>, std::size_t> seen;
    AgencyImportResult result;
    const auto good = good_rows(bytes, kBorderColumns, "vehicle", caller, result,
                                [&](std::size_t line, const std::map<std::string, std::string>& cells) {
      BorderDecode d = decode_border_check(cells, line);
      if (d.problems.empty()) {
        const auto [s, added] = seen.emplace(std::pair{d.value.vehicle, d.value.voyage}, line);
        if (!added)
          d.problems.push_back({line, "vehicle", d.value.vehicle,
                                "Dòng " + std::to_string(line) + ", cột vehicle: phương tiện và chuyến trùng với dòng " +
                                    std::to_string(s->second) + ".",
                                "", ""});
      }
      return d;
    });
    for (const auto& c : good) agency_store::upsert_border_check(sql, study_id, agency.code, c);
    result.stored = good.size();
    history::append(sql, caller, {"trs.border.import", "trs_study", std::to_string(study_id),
                                  "Nhập " + std::to_string(result.stored) + " lượt kiểm tra phương tiện của Biên phòng "
                                  "vào cuộc đo \"" + study.config.name + "\""});
    return result;
  });
}

}  // namespace hq::trs
