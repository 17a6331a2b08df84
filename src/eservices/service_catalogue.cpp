#include "core/error.h"
#include "core/text.h"
#include "eservices/service.h"
#include "history/history_store.h"
#include "identity/store.h"

namespace hq::eservices {

namespace {

const AnnexRow& annex_row(const std::string& code) {
  const AnnexRow* row = find_annex_row(code);
  if (!row) core::not_found("Không có thủ tục mã «" + code + "» trong danh mục.");
  return *row;
}

}  // namespace

std::vector<ProcedureView> EServicesService::procedures(const ProcedureFilter& filter) {
  const auto settings = db_.read([](soci::session& sql) { return store::all_settings(sql); });
  const std::string q = core::fold(filter.q);
  std::vector<ProcedureView> out;
  for (const auto& row : annex()) {
    if (!filter.list.empty() && filter.list != row.list) continue;
    if (filter.level && filter.level != row.level) continue;
    if (!q.empty() && core::fold(row.name).find(q) == std::string::npos && core::fold(row.code).find(q) == std::string::npos)
      continue;
    const auto it = settings.find(row.code);
    out.push_back({&row, it == settings.end() ? std::nullopt : std::optional<ProcedureSettings>(it->second)});
  }
  return out;
}

ProcedureView EServicesService::procedure(const std::string& code) {
  const AnnexRow& row = annex_row(code);
  return {&row, db_.read([&](soci::session& sql) { return store::find_settings(sql, code); })};
}

ProcedureView EServicesService::save_settings(const core::Principal& caller, const std::string& code,
                                              const ProcedureSettings& s) {
  if (!caller.is_platform_admin())
    core::forbidden("Chỉ quản trị hệ thống (Tổng cục) được nhập thành phần hồ sơ, phí và thời hạn của thủ tục.");
  const AnnexRow& row = annex_row(code);
  std::string field;
  if (const auto problem = settings_problem(s, field); !problem.empty())
    core::bad_input("INVALID_FIELD", problem, {{"field", field}});
  db_.transaction([&](soci::session& sql) {
    store::save_settings(sql, code, s, caller.username, core::now());
    history::append(sql, caller,
                    {"eservices.procedure.settings", "eservices_procedure", code,
                     "Cấu hình thủ tục " + code + ": " + std::to_string(s.processing_days) + " ngày làm việc, phí " +
                         std::to_string(s.fee) + " đồng, " + std::to_string(s.documents.size()) + " thành phần hồ sơ"});
  });
  return {&row, procedure(code).settings};
}

namespace {

// Art. 5.2: a unit's administrator administers the unit and its Đội/Phòng, not its Chi cục (which have their own).
void require_unit_admin(soci::session& sql, const core::Principal& caller, const identity::store::Unit& unit) {
  if (caller.is_platform_admin()) return;
  const std::string administering = unit.level == "DOI" ? unit.parent_code : unit.code;
  if (!caller.has_role("unit.admin") || caller.unit_code != administering)
    core::forbidden("Chỉ quản trị của đơn vị " + administering + " được cấu hình phân công xử lý hồ sơ tại đơn vị " +
                    unit.code + " (Điều 5, Điều 8 Quy chế).");
}

identity::store::Unit known_unit(soci::session& sql, const std::string& code) {
  auto unit = identity::store::find_unit(sql, code);
  if (!unit) core::not_found("Không tìm thấy đơn vị hải quan mã «" + code + "».");
  return *unit;
}

}  // namespace

store::Assignment EServicesService::assignment(const core::Principal& caller, const std::string& unit_code,
                                               const std::string& procedure_code) {
  if (!caller.has_role("unit.admin")) require_staff(caller);  // the unit administrator reads what it configures
  annex_row(procedure_code);
  return db_.read([&](soci::session& sql) {
    const auto unit = known_unit(sql, unit_code);
    if (!in_scope(caller, unit.path)) core::forbidden("Đơn vị " + unit_code + " nằm ngoài phạm vi của bạn.");
    return store::find_assignment(sql, unit_code, procedure_code).value_or(store::Assignment{});
  });
}

store::Assignment EServicesService::set_assignment(const core::Principal& caller, const std::string& unit_code,
                                                   const std::string& procedure_code, const store::Assignment& a) {
  annex_row(procedure_code);
  if (!valid_mode(a.mode))
    core::bad_input("INVALID_FIELD", "Hình thức phân công phải từ 1 đến 5 (Điều 8 Quy chế).", {{"field", "mode"}});
  if (a.mode == 4 && a.officers.empty())
    core::bad_input("INVALID_FIELD", "Hình thức 4 (hệ thống phân công tự động) cần danh sách công chức.",
                    {{"field", "officers"}});
  db_.transaction([&](soci::session& sql) {
    const auto unit = known_unit(sql, unit_code);
    require_unit_admin(sql, caller, unit);
    for (const auto& username : a.officers) {
      if (!active_member(sql, username, kOfficer, unit.path))
        core::bad_input("INVALID_FIELD",
                        "«" + username + "» không phải công chức xử lý hồ sơ dịch vụ công đang hoạt động của đơn vị " +
                            unit_code + ".",
                        {{"field", "officers"}, {"username", username}});
    }
    store::save_assignment(sql, unit_code, procedure_code, a, caller.username, core::now());
    history::append(sql, caller,
                    {"eservices.assignment", "eservices_assignment", unit_code + "/" + procedure_code,
                     "Phân công xử lý thủ tục " + procedure_code + " tại " + unit_code + ": hình thức " +
                         std::to_string(a.mode) + (a.officers.empty() ? "" : ", công chức: " + core::join(a.officers, ", "))});
  });
  return a;
}

}  // namespace hq::eservices
