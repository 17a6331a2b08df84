// Account requests (form 01 of seed 002): a unit administrator proposes, another person — the unit's leader —
// approves or rejects, an administrator applies. Every transition is conditional on the state it starts from,
// so two people acting at once on PostgreSQL cannot both win.
#include "core/time.h"
#include "core/validation.h"
#include "identity/crypto.h"
#include "identity/service.h"
#include "identity/service_support.h"

namespace hq::identity {

using core::Error;
using core::ErrorKind;
using namespace support;

namespace {

[[noreturn]] void request_not_found(std::int64_t id) {
  throw Error(ErrorKind::NotFound, "REQUEST_NOT_FOUND", "Không tìm thấy đề nghị số " + std::to_string(id) + ".");
}

[[noreturn]] void lost_race(std::int64_t id) {
  core::conflict("INVALID_STATE", "Đề nghị số " + std::to_string(id) +
                                      " vừa được người khác xử lý; hãy tải lại để xem trạng thái mới.");
}

// The account a REVOKE or CHANGE names: it must belong to the request's unit, and a platform administrator's
// account is out of reach for everyone below platform.admin.
store::Account named_account(soci::session& sql, const core::Principal& caller, const store::AccountRequest& request) {
  auto account = store::find_account(sql, request.username);
  if (!account || account->unit_id != request.unit_id)
    invalid("username", "Tài khoản «" + request.username + "» không thuộc đơn vị «" + request.unit_code + "».");
  if (!may_touch_account(caller, account->roles))
    core::forbidden("Chỉ quản trị hệ thống được lập hoặc thực hiện đề nghị cho tài khoản «" + request.username +
                    "» (có vai trò platform.admin).");
  return *account;
}

void check_own_roles(const core::Principal& caller, const store::AccountRequest& request) {
  if (request.kind != "NEW" && request.username == caller.username && !may_change_own_roles(caller))
    core::forbidden("Bạn không thể lập đề nghị thay đổi hoặc thu hồi chính tài khoản của mình.");
}

}  // namespace

store::AccountRequest IdentityService::request(const core::Principal& caller, std::int64_t id) {
  return db_.read([&](soci::session& sql) {
    auto found = store::find_request(sql, id);
    if (!found || !caller.sees_unit(found->unit_path)) request_not_found(id);
    return *found;
  });
}

store::AccountRequest IdentityService::propose_request(const core::Principal& caller, store::AccountRequest request) {
  if (request.kind != "NEW" && request.kind != "REVOKE" && request.kind != "CHANGE")
    invalid("kind", "Loại đề nghị phải là NEW, REVOKE hoặc CHANGE.");
  if (!core::is_username(request.username)) invalid("username", "Tên tài khoản không hợp lệ.");
  if (request.reason.empty()) invalid("reason", "Lý do là bắt buộc.");
  if (request.kind == "NEW" && request.full_name.empty()) invalid("full_name", "Đề nghị cấp mới cần họ và tên.");
  check_roles(&caller, request.roles);
  check_own_roles(caller, request);
  return db_.transaction([&](soci::session& sql) {
    const store::Unit unit = visible_unit(sql, caller, request.unit_code);
    if (!may_administer_unit(caller, unit.path, unit.level))
      core::forbidden("Chỉ quản trị của đơn vị «" + unit.code + "» được lập đề nghị tài khoản cho đơn vị này.");
    request.unit_id = unit.id;
    if (request.kind == "NEW") {
      if (store::find_account(sql, request.username))
        core::conflict("USERNAME_TAKEN", "Tên tài khoản «" + request.username + "» đã tồn tại.", {{"field", "username"}});
    } else {
      named_account(sql, caller, request);
    }
    const auto id = store::insert_request(sql, request, caller.account_id, core::now());
    history::append(sql, caller, change("account_request.propose", "account_request", std::to_string(id),
                                        "Đề nghị " + request.kind + " tài khoản " + request.username + ": " + request.reason));
    return *store::find_request(sql, id);
  });
}

store::AccountRequest IdentityService::decide_request(const core::Principal& caller, std::int64_t id, bool approve,
                                                      const std::string& comment) {
  return db_.transaction([&](soci::session& sql) {
    auto request = store::find_request(sql, id);
    if (!request || !caller.sees_unit(request->unit_path)) request_not_found(id);
    if (request->proposed_by_id == caller.account_id)
      core::forbidden("Người lập đề nghị không được tự phê duyệt hoặc từ chối đề nghị của mình.");
    if (!may_decide_request(caller, request->proposed_by_id))
      core::forbidden("Chỉ lãnh đạo đơn vị được phê duyệt đề nghị tài khoản.");
    if (request->status != "PROPOSED")
      core::conflict("INVALID_STATE", "Đề nghị đang ở trạng thái " + request->status + ", không thể phê duyệt.");
    const std::string status = approve ? "APPROVED" : "REJECTED";
    if (!store::transition_request(sql, id, "PROPOSED", status, caller.account_id, comment, core::now())) lost_race(id);
    history::append(sql, caller, change(approve ? "account_request.approve" : "account_request.reject",
                                        "account_request", std::to_string(id),
                                        (approve ? "Phê duyệt" : "Từ chối") + std::string(" đề nghị. ") + comment));
    return *store::find_request(sql, id);
  });
}

std::pair<store::AccountRequest, std::string> IdentityService::apply_request(const core::Principal& caller,
                                                                             std::int64_t id) {
  const std::string password = new_temporary_password();
  return db_.transaction([&](soci::session& sql) {
    auto request = store::find_request(sql, id);
    if (!request || !caller.sees_unit(request->unit_path)) request_not_found(id);
    if (!may_administer_unit(caller, request->unit_path, request->unit_level))
      core::forbidden("Chỉ quản trị của đơn vị «" + request->unit_code + "» được thực hiện đề nghị.");
    if (request->status != "APPROVED")
      core::conflict("INVALID_STATE", "Chỉ thực hiện được đề nghị đã được phê duyệt (hiện: " + request->status + ").");
    // Claim the request first: a second apply running at the same time finds it no longer APPROVED.
    if (!store::transition_request(sql, id, "APPROVED", "APPLIED", caller.account_id, "", core::now())) lost_race(id);
    check_roles(&caller, request->roles);
    check_own_roles(caller, *request);
    std::string issued;
    if (request->kind == "NEW") {
      AccountInput input{request->username, request->full_name, request->unit_code, "", "", "", "", request->roles};
      insert_new_account(sql, input, request->unit_id, password, true);
      issued = password;
    } else {
      const store::Account account = named_account(sql, caller, *request);
      if (request->kind == "REVOKE") {
        store::set_status(sql, account.id, "DISABLED", core::now());
        store::delete_sessions_of(sql, account.id);
      } else {
        store::set_roles(sql, account.id, request->roles);
      }
    }
    forget_cached_sessions();
    history::append(sql, caller, change("account_request.apply", "account_request", std::to_string(id),
                                        "Thực hiện đề nghị " + request->kind + " cho tài khoản " + request->username));
    return std::make_pair(*store::find_request(sql, id), issued);
  });
}

std::vector<store::AccountRequest> IdentityService::list_requests(const core::Principal& caller,
                                                                  const std::string& unit_code,
                                                                  const std::string& status, std::int64_t offset,
                                                                  std::int64_t limit, std::int64_t& total) {
  return db_.read([&](soci::session& sql) {
    const std::string path = scope_path(sql, caller, unit_code);
    return store::list_requests(sql, path, status, offset, limit, total);
  });
}

}  // namespace hq::identity
