// Key enterprises imported in bulk (issue 13 §3; seed 000): a CSV or .xlsx list with a header row — tax_code,
// and optionally reason and year (else the year asked for) — through the same row reader and the same verdict as
// the enterprise import: all or nothing, every bad cell named. An enterprise already on the year's list stays as
// it is (counted as unchanged), so a list can be imported again.
#include "audit/service.h"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

#include "audit/import_problems.h"
#include "audit/import_rows.h"
#include "audit/service_support.h"
#include "core/error.h"
#include "core/text.h"
#include "history/history_store.h"

namespace hq::audit {

namespace {

constexpr std::int64_t kMaxKeyRows = 100'000;  // a year's list is a few hundred; a bigger file is a mistake
constexpr std::size_t kLookupBatch = 500;

struct KeyRow {
  std::int64_t line = 0, year = 0;
  std::string tax_code, reason;
};

}  // namespace

ImportResult AuditService::import_key_enterprises(const core::Principal& caller, const std::string& body,
                                                  std::int64_t year) {
  require_audit_user(caller);
  if (year < 2000 || year > 2199) invalid("year", "Năm phải từ 2000 đến 2199.");
  return db_.transaction([&](soci::session& sql) {
    if (!may_keep_key_list(caller, department(sql)))
      core::forbidden("Chỉ lãnh đạo Cục Kiểm tra sau thông quan được lập danh sách doanh nghiệp trọng điểm.");
    ImportProblems problems;
    std::vector<std::string> header;
    std::vector<KeyRow> rows;
    std::int64_t data_rows = 0;
    const auto column = [&](const char* name) {
      const auto it = std::find(header.begin(), header.end(), name);
      return it == header.end() ? -1 : static_cast<int>(it - header.begin());
    };
    int tax_col = -1, reason_col = -1, year_col = -1;
    each_import_row(body, [&](std::int64_t line, std::vector<std::string>& cells) {
      if (header.empty()) {
        for (auto& name : cells) header.push_back(core::trim(name));
        tax_col = column("tax_code"), reason_col = column("reason"), year_col = column("year");
        if (tax_col < 0) core::bad_input("INVALID_IMPORT", "Dòng tiêu đề phải có cột «tax_code» (và có thể «reason», «year»).");
        return;
      }
      if (++data_rows > kMaxKeyRows)
        core::bad_input("INVALID_IMPORT", "Tệp có quá " + std::to_string(kMaxKeyRows) + " dòng dữ liệu.");
      const auto cell = [&](int c) { return c >= 0 && c < static_cast<int>(cells.size()) ? core::trim(cells[c]) : std::string(); };
      KeyRow row{line, year, "", cell(reason_col)};
      bool bad = false;
      try {
        row.tax_code = parse_tax(cell(tax_col)).canonical;
      } catch (const core::Error& error) {
        problems.add(line, "tax_code", error.what());
        bad = true;
      }
      if (const std::string y = cell(year_col); !y.empty()) {
        try {
          row.year = whole_number(y);
          if (row.year < 2000 || row.year > 2199) throw std::out_of_range("year");
        } catch (const std::logic_error&) {
          problems.add(line, "year", "Năm «" + y + "» phải là số nguyên từ 2000 đến 2199.");
          bad = true;
        }
      }
      if (row.reason.size() > 2000) {
        problems.add(line, "reason", "Lý do dài quá 2000 ký tự.");
        bad = true;
      }
      if (!bad) rows.push_back(std::move(row));
    });
    // Each enterprise must be in the directory, once per year in the file.
    std::map<std::string, store::Enterprise> known;
    for (std::size_t i = 0; i < rows.size(); i += kLookupBatch) {
      std::vector<std::string> codes;
      for (std::size_t j = i; j < std::min(rows.size(), i + kLookupBatch); ++j) codes.push_back(rows[j].tax_code);
      for (auto& e : store::enterprises_by_tax_codes(sql, codes)) known[e.tax_code] = std::move(e);
    }
    std::set<std::pair<std::string, std::int64_t>> seen;
    for (const auto& row : rows) {
      if (!known.count(row.tax_code))
        problems.add(row.line, "tax_code", "Doanh nghiệp " + row.tax_code + " chưa có trong danh bạ doanh nghiệp: hãy nhập danh bạ trước.");
      else if (!seen.insert({row.tax_code, row.year}).second)
        problems.add(row.line, "tax_code", "Doanh nghiệp " + row.tax_code + " lặp lại trong tệp cho năm " + std::to_string(row.year) + ".");
    }
    problems.verdict(data_rows);
    ImportResult result = problems.result;
    const std::int64_t at = now();
    for (const auto& row : rows) {
      const store::Enterprise& e = known.at(row.tax_code);
      if (store::is_key_enterprise(sql, e.id, row.year)) {
        ++result.updated;
        continue;
      }
      store::insert_key_enterprise(sql, {0, e.id, row.year, at, e.tax_code, e.name, row.reason, caller.username});
      ++result.created;
    }
    history::append(sql, caller, {"audit.key_enterprise.import", "audit_enterprise", "import",
                                  "Nhập danh sách doanh nghiệp trọng điểm: " + std::to_string(result.created) +
                                      " thêm mới, " + std::to_string(result.updated) + " đã có"});
    return result;
  });
}

}  // namespace hq::audit
