// STQ01 proposals and collection requests carried over (seed 000, letter 7301/TCHQ-KTSTQ; issue 13 §3): read
// through the shared row reader (CSV or .xlsx) in the layout of stq01_rules.h, all or nothing with every bad cell
// named, idempotent by the STQ01 number. The records land in the proposals and collections tables marked
// source = STQ01, so the duplicate search, the duplicate warning at creation and rules 4/5 find them exactly as
// they find STQ02's; the service refuses every change to them (refuse_stq01). An enterprise not yet in the
// directory gets a profile from the file's name (STQ01's directory was incomplete).
#include "audit/service.h"

#include <map>
#include <optional>
#include <set>

#include "audit/import_problems.h"
#include "audit/import_rows.h"
#include "audit/service_support.h"
#include "audit/stq01_rules.h"
#include "core/error.h"
#include "core/text.h"
#include "history/history_store.h"
#include "identity/units.h"

namespace hq::audit {

using namespace detail;

namespace {

std::int64_t start_of(const core::Date& day) { return core::from_local({day, 0, 0, 0}); }

std::optional<store::Stq01Existing> existing_stq01(soci::session& sql, const Stq01Record& r) {
  return r.kind == "PROPOSAL" ? store::stq01_proposal(sql, r.number) : store::stq01_collection(sql, r.number);
}

}  // namespace

ImportResult AuditService::import_stq01(const core::Principal& caller, const std::string& body) {
  if (!may_import_stq01(caller))
    core::forbidden("Chỉ quản trị đơn vị (cho các đơn vị thuộc mình) hoặc quản trị hệ thống được nhập dữ liệu STQ01.");
  const core::Date day = today();
  return db_.transaction([&](soci::session& sql) {
    ImportProblems problems;
    std::array<int, kStq01Columns.size()> columns{};
    bool header = true;
    std::int64_t data_rows = 0;
    std::vector<Stq01Record> rows;
    each_import_row(body, [&](std::int64_t line, std::vector<std::string>& cells) {
      if (header) {
        header = false;
        columns = stq01_header(cells);
        if (const std::string missing = stq01_missing_columns(columns); !missing.empty())
          core::bad_input("INVALID_IMPORT", "Dòng tiêu đề thiếu cột " + missing + " (xem mẫu tệp nhập STQ01).");
        return;
      }
      if (++data_rows > kMaxStq01Rows)
        core::bad_input("INVALID_IMPORT", "Tệp có quá " + std::to_string(kMaxStq01Rows) + " dòng dữ liệu.");
      auto row = read_stq01_row(line, cells, columns, day, [&](const std::string& heading, const std::string& message) {
        problems.add(line, heading, message);
      });
      if (row) rows.push_back(std::move(*row));
    });
    // Units: known, and within the importer's subtree; each STQ01 number once per kind in the file.
    std::map<std::string, std::optional<identity::Unit>> units;
    std::vector<std::int64_t> outside;
    std::set<std::pair<std::string, std::string>> seen;
    std::vector<std::int64_t> existing_ids;  // per row: the record it rewrites (0: a new one), read once here
    existing_ids.reserve(rows.size());
    for (const auto& r : rows) {
      auto it = units.find(r.unit_code);
      if (it == units.end()) it = units.emplace(r.unit_code, identity::find_unit(sql, r.unit_code)).first;
      // The record a row would rewrite must be inside the importer's scope too: otherwise a unit's administrator
      // could take another Cục's imported record over by naming its STQ01 number with a unit of its own.
      const auto existing = existing_stq01(sql, r);
      existing_ids.push_back(existing ? existing->id : 0);
      if (!it->second) problems.add(r.line, "Đơn vị", "Không có đơn vị mã «" + r.unit_code + "».");
      else if (!may_import_stq01_for(caller, it->second->path) ||
               (existing && !may_import_stq01_for(caller, existing->unit_path)))
        outside.push_back(r.line);
      if (!seen.insert({r.kind, r.number}).second)
        problems.add(r.line, "Số STQ01", "Số STQ01 «" + r.number + "» lặp lại trong tệp.");
    }
    if (!outside.empty()) {
      std::string lines;
      for (std::size_t i = 0; i < outside.size() && i < 20; ++i) lines += (i ? ", " : "") + std::to_string(outside[i]);
      throw core::Error(core::ErrorKind::Forbidden, "UNIT_OUT_OF_SCOPE",
                        "Tệp có " + std::to_string(outside.size()) + " dòng của đơn vị ngoài phạm vi quản trị của bạn "
                        "(dòng " + lines + (outside.size() > 20 ? ", …" : "") + "): chỉ được nhập hồ sơ STQ01 của đơn vị mình "
                        "và các đơn vị trực thuộc.",
                        {{"lines", outside}});
    }
    problems.verdict(data_rows);
    ImportResult result = problems.result;
    const std::int64_t at = now();
    std::map<std::string, store::Enterprise> enterprises;
    const auto enterprise_of = [&](const Stq01Record& r) -> const store::Enterprise& {
      if (auto it = enterprises.find(r.tax_code); it != enterprises.end()) return it->second;
      std::optional<store::Enterprise> found = store::find_enterprise(sql, r.tax_code);
      if (!found) {
        store::Enterprise e;
        e.tax_code = r.tax_code;
        e.tax_kind = tax_kind(parse_tax(r.tax_code).kind);
        e.name = r.name.empty() ? "Doanh nghiệp MST " + r.tax_code + " (chưa có hồ sơ)" : r.name;
        e.source = "STQ01";
        e.id = store::insert_enterprise(sql, e, caller.account_id, at);
        found = e;
      }
      return enterprises.emplace(r.tax_code, *found).first->second;
    };
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const Stq01Record& r = rows[i];
      const store::Enterprise& e = enterprise_of(r);
      const identity::Unit& unit = *units.at(r.unit_code);
      const std::int64_t created = start_of(r.created_on);
      const std::string by = r.proposed_by.empty() ? "STQ01" : r.proposed_by;
      if (r.kind == "PROPOSAL") {
        store::Proposal p;
        p.id = existing_ids[i];
        p.number = "STQ01-" + r.number, p.origin_number = r.number, p.source = "STQ01";
        p.year = r.created_on.year, p.enterprise_id = e.id, p.unit_id = unit.id;
        p.place = r.place, p.grounds = r.grounds, p.grounds_kind = grounds_kind(r.grounds);
        p.period_from = date_text(r.period_from), p.period_to = date_text(r.period_to);
        p.status = r.status, p.proposed_by = by;
        p.created_at = p.submitted_at = created;
        p.imported_by = caller.username, p.imported_at = at;
        if (p.id) store::update_stq01_proposal(sql, p), ++result.updated;
        else store::insert_proposal(sql, p), ++result.created;
      } else {
        store::Collection c;
        c.id = existing_ids[i];
        c.number = "STQ01-" + r.number, c.origin_number = r.number, c.source = "STQ01";
        c.year = r.created_on.year, c.enterprise_id = e.id, c.unit_id = unit.id;
        c.signs = r.grounds, c.status = r.status, c.proposed_by = by, c.proposed_at = created;
        c.imported_by = caller.username, c.imported_at = at;
        if (c.id) store::update_stq01_collection(sql, c), ++result.updated;
        else store::insert_collection(sql, c), ++result.created;
      }
    }
    history::append(sql, caller, {"audit.stq01.import", "audit_enterprise", "stq01",
                                  "Nhập hồ sơ từ STQ01: " + std::to_string(result.created) + " hồ sơ mới, " +
                                      std::to_string(result.updated) + " hồ sơ đã có được cập nhật"});
    return result;
  });
}

}  // namespace hq::audit
