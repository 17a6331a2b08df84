#include <algorithm>

#include "core/error.h"
#include "core/fields.h"
#include "eservices/service.h"
#include "identity/store.h"

namespace hq::eservices {

bool active_member(soci::session& sql, const std::string& username, const std::string& role,
                   const std::string& unit_path) {
  const auto account = identity::store::find_account(sql, username);
  return account && account->status == "ACTIVE" &&
         std::find(account->roles.begin(), account->roles.end(), role) != account->roles.end() &&
         account->unit_path.compare(0, unit_path.size(), unit_path) == 0;
}

namespace {

// The account `to` with `role`, active, in the dossier's unit (or below it).
void check_target(soci::session& sql, const store::Dossier& d, const std::string& to, const std::string& role) {
  if (!active_member(sql, to, role, d.unit_path))
    core::bad_input("INVALID_FIELD",
                    "«" + to + "» không phải tài khoản " + role + " đang hoạt động của đơn vị " + d.unit_code + ".",
                    {{"field", "to"}, {"role", role}});
}

}  // namespace

DossierView EServicesService::assign(const core::Principal& caller, std::int64_t id, const std::string& to) {
  require_staff(caller);
  return db_.transaction([&](soci::session& sql) {
    const auto before = visible_dossier(sql, caller, id);
    store::Dossier next = before;
    const bool head = caller.has_role(kUnitLeader);
    if (before.status == kProcessing || (before.status == kReceived && before.holder == kHolderOfficer)) {
      // Reassignment, or assignment from the unit's pool: a leader sends it to an officer.
      if (!is_leader(caller)) core::forbidden("Chỉ lãnh đạo được phân công lại hồ sơ cho công chức khác.");
      check_target(sql, before, to, kOfficer);
      next.status = kProcessing;
      next.holder = kHolderOfficer;
      next.assignee = next.officer = to;
    } else if (before.status == kReceived) {
      // Art. 8 modes 1–3: the holder (or the unit's head, reassigning) sends it down one level.
      const bool holder = caller.has_role(role_of_holder(before.holder)) &&
                          (before.assignee.empty() || before.assignee == caller.username);
      if (!holder && !head)
        core::forbidden("Hồ sơ " + before.number + " đang chờ " +
                        std::string(before.holder == kHolderUnitLeader ? "lãnh đạo đơn vị" : "lãnh đạo bộ phận") +
                        " phân công.");
      const std::string level = next_holder(before.mode, before.holder);
      check_target(sql, before, to, role_of_holder(level));
      next.holder = level;
      next.assignee = to;
      if (level == kHolderOfficer) {
        next.status = kProcessing;
        next.officer = to;
      }
    } else {
      wrong_state(before, "assign");
    }
    record(sql, caller, before, next, "assign", "Phân công cho " + to,
           {{"to", to}, HQ_JSON_FIELDS(before, holder, assignee)});
    return view(sql, *store::find_dossier(sql, id), true);
  });
}

DossierView EServicesService::claim(const core::Principal& caller, std::int64_t id) {
  require_staff(caller);
  if (!caller.has_role(kOfficer)) core::forbidden("Chỉ công chức xử lý hồ sơ được nhận hồ sơ từ danh sách chờ.");
  return db_.transaction([&](soci::session& sql) {
    const auto before = visible_dossier(sql, caller, id);
    if (before.status != kReceived || before.holder != kHolderOfficer || !before.assignee.empty())
      wrong_state(before, "claim");
    store::Dossier next = before;
    next.status = kProcessing;
    next.assignee = next.officer = caller.username;
    // update_dossier is conditional on the version read above: of two officers claiming at once, the second
    // finds the version changed (PostgreSQL re-checks the row after the first commits) and gets 409.
    record(sql, caller, before, next, "claim", "Công chức tự nhận hồ sơ");
    return view(sql, *store::find_dossier(sql, id), true);
  });
}

DossierView EServicesService::transfer(const core::Principal& caller, std::int64_t id, const std::string& unit_code,
                                       const std::string& reason) {
  require_staff(caller);
  return db_.transaction([&](soci::session& sql) {
    const auto before = visible_dossier(sql, caller, id);
    if (before.status != kReceived && before.status != kProcessing) wrong_state(before, "transfer");
    const auto unit = identity::store::find_unit(sql, unit_code);
    if (!unit) core::bad_input("INVALID_FIELD", "Không tìm thấy đơn vị hải quan mã «" + unit_code + "».", {{"field", "unit_code"}});
    if (unit->id == before.unit_id) core::bad_input("INVALID_FIELD", "Hồ sơ đã thuộc đơn vị " + unit_code + ".", {{"field", "unit_code"}});
    const auto config = store::find_assignment(sql, unit_code, before.procedure_code).value_or(store::Assignment{});
    store::Dossier next = before;
    next.unit_id = unit->id;
    next.unit_code = unit->code;
    next.unit_path = unit->path;
    next.mode = config.mode;
    next.holder = first_holder(config.mode);
    next.status = kReceived;
    next.assignee.clear();
    next.officer.clear();
    if (config.mode == 4) {
      next.assignee = next.officer = round_robin(config.officers, store::open_counts(sql, config.officers));
      next.status = kProcessing;
    }
    record(sql, caller, before, next, "transfer", reason, {{"from_unit", before.unit_code}, {"to_unit", unit_code}});
    return view(sql, *store::find_dossier(sql, id), true);
  });
}

}  // namespace hq::eservices
