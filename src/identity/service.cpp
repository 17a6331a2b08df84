#include "identity/service.h"

#include "core/error.h"
#include "core/text.h"
#include "core/time.h"
#include "core/validation.h"
#include "history/history_store.h"
#include "identity/crypto.h"
#include "identity/rules.h"
#include "identity/service_support.h"

namespace hq::identity {

using core::Error;
using core::ErrorKind;
using namespace support;

namespace {

void check_password(const std::string& username, const std::string& password) {
  const std::string problem = password_problem(username, password);
  if (!problem.empty()) core::bad_input("WEAK_PASSWORD", problem, {{"field", "new_password"}});
}

}  // namespace

std::int64_t IdentityService::login_retry_after(const std::string& client_address) {
  return throttle_.retry_after(client_address, core::now());
}

LoginResult IdentityService::login(const std::string& username, const std::string& password,
                                   const std::string& client_address, const std::string& previous_session_token) {
  const auto account = db_.read([&](soci::session& sql) { return store::find_account(sql, username); });
  const std::int64_t now = core::now();
  const Error invalid_credentials(ErrorKind::Unauthenticated, "INVALID_CREDENTIALS",
                                  "Tên đăng nhập hoặc mật khẩu không đúng.");
  if (!account) {
    hash_password(password);  // same cost as a real check, so timing does not reveal which names exist
    throttle_.record_failure(client_address, now);
    throw invalid_credentials;
  }
  // The password is always checked first: what comes back must not depend on the account's state unless the
  // caller knows its password (a running lock excepted, see login_refusal).
  const bool password_ok = verify_password(account->password_hash, password);
  const LoginState state{account->status, account->failed_logins, account->locked_until,
                         account->password_change_required, account->temporary_password_issued_at};
  const LoginRefusal refusal = login_refusal(state, password_ok, now);
  if (refusal != LoginRefusal::None) throttle_.record_failure(client_address, now);
  switch (refusal) {
    case LoginRefusal::WrongPassword: {
      if (account->status != "ACTIVE") throw invalid_credentials;
      const std::int64_t until = now + kLockSeconds;
      const bool locked = db_.transaction([&](soci::session& sql) {
        if (!lock_reached(store::count_failed_login(sql, account->id, now))) return false;
        store::lock_account(sql, account->id, until);
        return true;
      });
      if (locked)
        throw Error(ErrorKind::Forbidden, "ACCOUNT_LOCKED",
                    "Đăng nhập sai " + std::to_string(kMaxFailedLogins) + " lần liên tiếp: tài khoản bị tạm khóa 15 phút.",
                    {{"until", core::format_iso8601(until)}});
      throw invalid_credentials;
    }
    case LoginRefusal::Disabled:
      throw Error(ErrorKind::Forbidden, "ACCOUNT_DISABLED", "Tài khoản đã bị khóa bởi quản trị viên.");
    case LoginRefusal::Locked:
      throw Error(ErrorKind::Forbidden, "ACCOUNT_LOCKED",
                  "Tài khoản tạm khóa do đăng nhập sai nhiều lần. Thử lại sau " +
                      core::format_local_datetime(core::to_local(state.locked_until)) + ".",
                  {{"until", core::format_iso8601(state.locked_until)}});
    case LoginRefusal::TemporaryPasswordExpired:
      throw Error(ErrorKind::Forbidden, "ACCOUNT_LOCKED",
                  "Mật khẩu dùng một lần đã quá 30 ngày mà chưa được đổi nên tài khoản bị khóa. "
                  "Liên hệ quản trị đơn vị để cấp lại.");
    case LoginRefusal::None: break;
  }
  // Argon2id limits raised since this hash was made: store a fresh hash of the password just verified.
  const std::string rehashed = password_needs_rehash(account->password_hash) ? hash_password(password) : "";
  LoginResult result{new_token(), "", account->password_change_required};
  result.csrf_token = csrf_for(result.session_token);
  db_.transaction([&](soci::session& sql) {
    store::clear_failed_logins(sql, account->id);
    if (!rehashed.empty()) store::set_password_hash(sql, account->id, rehashed);
    // The browser's previous session (its cookie came with this login) ends: one browser, one session.
    if (!previous_session_token.empty()) store::delete_session(sql, token_hash(previous_session_token));
    store::insert_session(sql, token_hash(result.session_token), account->id, now);
    core::Principal actor;
    actor.account_id = account->id;
    actor.username = account->username;
    actor.unit_code = account->unit_code;
    actor.client_address = client_address;
    history::append(sql, actor, change("auth.login", "account", account->username, "Đăng nhập"));
  });
  if (!previous_session_token.empty()) forget_cached_sessions();
  return result;
}

void IdentityService::logout(const std::string& session_token) {
  db_.transaction([&](soci::session& sql) { store::delete_session(sql, token_hash(session_token)); });
  forget_cached_sessions();
}

std::optional<core::Principal> IdentityService::authenticate(const std::string& session_token) {
  if (session_token.empty() || session_token.size() > 128) return std::nullopt;
  const std::string hash = token_hash(session_token);
  const std::int64_t now = core::now();
  {
    std::lock_guard lock(cache_mutex_);
    auto cached = session_cache_.find(hash);
    if (cached != session_cache_.end() && now - cached->second.checked_at < kSessionCacheSeconds &&
        session_alive(cached->second.times, now) && now - cached->second.times.last_seen_at < kSessionTouchSeconds)
      return cached->second.principal;
  }
  auto session = db_.read([&](soci::session& sql) { return store::find_session(sql, hash); });
  if (!session || session->account_status != "ACTIVE" || !session_alive(session->times, now)) {
    std::lock_guard lock(cache_mutex_);
    session_cache_.erase(hash);
    return std::nullopt;
  }
  if (now - session->times.last_seen_at >= kSessionTouchSeconds) {
    db_.transaction([&](soci::session& sql) { store::touch_session(sql, hash, now); });
    session->times.last_seen_at = now;
  }
  std::lock_guard lock(cache_mutex_);
  if (session_cache_.size() > 100'000) session_cache_.clear();  // bounded: a flood of sessions cannot grow it
  session_cache_[hash] = CachedSession{session->principal, session->times, now};
  return session->principal;
}

void IdentityService::forget_cached_sessions() {
  std::lock_guard lock(cache_mutex_);
  session_cache_.clear();
}

void IdentityService::change_password(const core::Principal& caller, const std::string& old_password,
                                      const std::string& new_password, const std::string& session_token) {
  const auto account = db_.read([&](soci::session& sql) { return store::find_account(sql, caller.username); });
  if (!account || !verify_password(account->password_hash, old_password))
    core::bad_input("INVALID_CREDENTIALS", "Mật khẩu hiện tại không đúng.", {{"field", "old_password"}});
  check_password(caller.username, new_password);
  if (old_password == new_password)
    core::bad_input("WEAK_PASSWORD", "Mật khẩu mới phải khác mật khẩu hiện tại.", {{"field", "new_password"}});
  const std::string hash = hash_password(new_password);
  db_.transaction([&](soci::session& sql) {
    store::set_password(sql, account->id, hash, false, core::now());
    // Whoever else holds a session of this account (a stolen cookie, a forgotten browser) is signed out.
    store::delete_other_sessions(sql, account->id, token_hash(session_token));
    forget_cached_sessions();
    history::append(sql, caller, change("account.password_change", "account", caller.username,
                                        "Đổi mật khẩu; các phiên đăng nhập khác đã kết thúc"));
  });
}

store::Unit IdentityService::visible_unit(soci::session& sql, const core::Principal& caller, const std::string& code) {
  auto unit = store::find_unit(sql, code);
  if (!unit) throw Error(ErrorKind::NotFound, "UNIT_NOT_FOUND", "Không tìm thấy đơn vị có mã «" + code + "».");
  if (!caller.sees_unit(unit->path))
    core::forbidden("Đơn vị «" + code + "» nằm ngoài phạm vi đơn vị của bạn.");
  return *unit;
}

std::string IdentityService::scope_path(soci::session& sql, const core::Principal& caller,
                                        const std::string& unit_code) {
  return unit_code.empty() ? caller.visible_root() : visible_unit(sql, caller, unit_code).path;
}

store::Account IdentityService::administered_account(soci::session& sql, const core::Principal& caller,
                                                     const std::string& username) {
  auto account = store::find_account(sql, username);
  // Accounts outside the caller's subtree do not exist for it (404, like reads); inside it, a caller
  // without the administrator role is refused (403).
  if (!account || !caller.sees_unit(account->unit_path))
    throw Error(ErrorKind::NotFound, "ACCOUNT_NOT_FOUND", "Không tìm thấy tài khoản «" + username + "».");
  if (!may_administer_unit(caller, account->unit_path, account->unit_level))
    core::forbidden("Tài khoản «" + username + "» không thuộc đơn vị bạn quản trị.");
  if (!may_touch_account(caller, account->roles))
    core::forbidden("Chỉ quản trị hệ thống được thay đổi tài khoản «" + username + "» (có vai trò platform.admin).");
  return *account;
}

std::string IdentityService::insert_new_account(soci::session& sql, const AccountInput& input, std::int64_t unit_id,
                                                const std::string& password, bool must_change) {
  store::Account account;
  account.username = input.username;
  account.full_name = input.full_name;
  account.officer_number = input.officer_number;
  account.position = input.position;
  account.phone = input.phone;
  account.email = input.email;
  account.unit_id = unit_id;
  account.roles = input.roles;
  account.password_change_required = must_change;
  account.password_hash = hash_password(password);
  try {
    store::insert_account(sql, account, core::now());
  } catch (const soci::soci_error& error) {
    if (store::find_account(sql, input.username))
      core::conflict("USERNAME_TAKEN", "Tên tài khoản «" + input.username + "» đã tồn tại.", {{"field", "username"}});
    throw;
  }
  return input.username;
}

void IdentityService::check_account_input(soci::session& sql, const core::Principal* caller, const AccountInput& input,
                                          store::Unit& unit) {
  if (!core::is_username(input.username))
    invalid("username", "Tên tài khoản chỉ gồm chữ thường không dấu, số, dấu chấm, gạch dưới, gạch ngang (3–64 ký tự).");
  if (input.full_name.empty() || input.full_name.size() > 200 || !core::is_valid_utf8(input.full_name))
    invalid("full_name", "Họ và tên là bắt buộc (tối đa 200 byte UTF-8).");
  if (!input.email.empty() && !core::is_email(input.email)) invalid("email", "Địa chỉ thư điện tử không hợp lệ.");
  if (!input.phone.empty() && !core::is_phone(input.phone)) invalid("phone", "Số điện thoại không hợp lệ.");
  check_roles(caller, input.roles);
  auto found = store::find_unit(sql, input.unit_code);
  if (!found) invalid("unit_code", "Không tìm thấy đơn vị có mã «" + input.unit_code + "».");
  if (caller && !may_administer_unit(*caller, found->path, found->level))
    core::forbidden("Đơn vị «" + input.unit_code + "» nằm ngoài phạm vi bạn được quản trị.");
  if (store::find_account(sql, input.username))
    core::conflict("USERNAME_TAKEN", "Tên tài khoản «" + input.username + "» đã tồn tại.", {{"field", "username"}});
  unit = *found;
}

CreatedAccount IdentityService::create_account(const core::Principal& caller, const AccountInput& input) {
  const std::string password = new_temporary_password();
  db_.transaction([&](soci::session& sql) {
    store::Unit unit;
    check_account_input(sql, &caller, input, unit);
    insert_new_account(sql, input, unit.id, password, true);
    history::append(sql, caller,
                    change("account.create", "account", input.username,
                           "Tạo tài khoản " + input.username + " (" + input.full_name + ") tại đơn vị " + unit.code +
                               ", vai trò: " + roles_text(input.roles)));
  });
  return CreatedAccount{input.username, password};
}

void IdentityService::create_account_with_password(const AccountInput& input, const std::string& password,
                                                   bool must_change) {
  db_.transaction([&](soci::session& sql) {
    store::Unit unit;
    check_account_input(sql, nullptr, input, unit);
    insert_new_account(sql, input, unit.id, password, must_change);
    history::append_system(sql, change("account.create", "account", input.username,
                                       "Tạo tài khoản " + input.username + " tại đơn vị " + unit.code));
  });
}

namespace {

void check_unit_input(const UnitInput& input) {
  if (!core::is_unit_code(input.code)) invalid("code", "Mã đơn vị gồm 2–6 chữ in hoa hoặc chữ số (ví dụ 02CI).");
  if (input.name.empty() || input.name.size() > 300 || !core::is_valid_utf8(input.name))
    invalid("name", "Tên đơn vị là bắt buộc (tối đa 300 byte UTF-8).");
  if (!is_unit_level(input.level)) invalid("level", "Cấp đơn vị phải là TONG_CUC, CUC, CHI_CUC hoặc DOI.");
  for (const auto* field : {&input.valid_from, &input.valid_to})
    if (!field->empty() && !core::parse_date(*field))
      invalid(field == &input.valid_from ? "valid_from" : "valid_to", "Ngày phải có dạng YYYY-MM-DD.");
  if (!input.valid_from.empty() && !input.valid_to.empty() && input.valid_to < input.valid_from)
    invalid("valid_to", "Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.");
}

}  // namespace

CreatedUnit IdentityService::create_unit(const core::Principal& caller, const UnitInput& input) {
  check_unit_input(input);
  const std::string admin_password = new_temporary_password();
  CreatedUnit created{input.code, unit_admin_username(input.code), admin_password};
  db_.transaction([&](soci::session& sql) {
    const store::Unit parent = visible_unit(sql, caller, input.parent_code);
    if (!may_administer_unit(caller, parent.path, parent.level))
      core::forbidden("Bạn không có quyền tạo đơn vị con tại đơn vị «" + parent.code + "».");
    if (!may_be_child(parent.level, input.level))
      invalid("level", "Đơn vị cấp " + input.level + " không thể trực thuộc đơn vị cấp " + parent.level + ".");
    if (store::find_unit(sql, input.code))
      core::conflict("UNIT_CODE_TAKEN", "Mã đơn vị «" + input.code + "» đã tồn tại.", {{"field", "code"}});
    store::Unit unit{0, input.code, input.name, input.level, parent.id, parent.code, "", input.valid_from, input.valid_to};
    const auto id = store::insert_unit(sql, unit, parent.path);
    AccountInput admin{created.admin_username, "Quản trị " + input.name, input.code, "", "", "", "", {"unit.admin"}};
    if (store::find_account(sql, admin.username))
      core::conflict("USERNAME_TAKEN", "Tài khoản «" + admin.username + "» đã tồn tại.");
    insert_new_account(sql, admin, id, admin_password, true);
    history::append(sql, caller,
                    change("unit.create", "unit", input.code,
                           "Tạo đơn vị " + input.code + " – " + input.name + " (" + input.level + ") thuộc " +
                               parent.code + "; tài khoản quản trị " + admin.username));
  });
  return created;
}

void IdentityService::create_unit_as_system(const UnitInput& input) {
  check_unit_input(input);
  db_.transaction([&](soci::session& sql) {
    std::string parent_path;
    store::Unit unit{0, input.code, input.name, input.level, 0, "", "", input.valid_from, input.valid_to};
    if (!input.parent_code.empty()) {
      auto parent = store::find_unit(sql, input.parent_code);
      if (!parent) invalid("parent_code", "Không tìm thấy đơn vị cha «" + input.parent_code + "».");
      unit.parent_id = parent->id;
      parent_path = parent->path;
    }
    store::insert_unit(sql, unit, parent_path);
    history::append_system(sql, change("unit.create", "unit", input.code, "Tạo đơn vị " + input.code + " – " + input.name));
  });
}

store::Unit IdentityService::unit(const core::Principal& caller, const std::string& code) {
  return db_.read([&](soci::session& sql) { return visible_unit(sql, caller, code); });
}

std::vector<store::Unit> IdentityService::units(const core::Principal& caller) {
  return db_.read([&](soci::session& sql) {
    return store::units_under(sql, caller.visible_root());
  });
}

store::Unit IdentityService::update_unit(const core::Principal& caller, const std::string& code,
                                         const std::optional<std::string>& name,
                                         const std::optional<std::string>& valid_to) {
  return db_.transaction([&](soci::session& sql) {
    store::Unit unit = visible_unit(sql, caller, code);
    if (!may_administer_unit(caller, unit.path, unit.level))
      core::forbidden("Đơn vị «" + code + "» có quản trị riêng; bạn không quản trị đơn vị này.");
    if (name) {
      if (name->empty() || name->size() > 300) invalid("name", "Tên đơn vị là bắt buộc (tối đa 300 byte).");
      unit.name = *name;
    }
    if (valid_to) {
      if (!valid_to->empty() && !core::parse_date(*valid_to)) invalid("valid_to", "Ngày phải có dạng YYYY-MM-DD.");
      unit.valid_to = *valid_to;
    }
    store::update_unit(sql, unit);
    forget_cached_sessions();
    history::append(sql, caller, change("unit.update", "unit", code, "Sửa đơn vị: tên «" + unit.name +
                                                                         "», hết hiệu lực «" + unit.valid_to + "»"));
    return unit;
  });
}

AccountPage IdentityService::list_accounts(const core::Principal& caller, const std::string& unit_code,
                                           store::AccountQuery query) {
  return db_.read([&](soci::session& sql) {
    query.unit_path = scope_path(sql, caller, unit_code);
    AccountPage page;
    page.items = store::list_accounts(sql, query, page.total);
    return page;
  });
}

store::Account IdentityService::account(const core::Principal& caller, const std::string& username) {
  return db_.read([&](soci::session& sql) {
    auto account = store::find_account(sql, username);
    if (!account || !caller.sees_unit(account->unit_path))
      throw Error(ErrorKind::NotFound, "ACCOUNT_NOT_FOUND", "Không tìm thấy tài khoản «" + username + "».");
    return *account;
  });
}

store::Account IdentityService::update_account(const core::Principal& caller, const std::string& username,
                                               const AccountPatch& patch) {
  return db_.transaction([&](soci::session& sql) {
    store::Account account = administered_account(sql, caller, username);
    std::string summary;
    auto apply = [&](const std::optional<std::string>& value, std::string& field, const char* label) {
      if (value && *value != field) {
        summary += std::string(summary.empty() ? "" : "; ") + label + ": «" + field + "» → «" + *value + "»";
        field = *value;
      }
    };
    apply(patch.full_name, account.full_name, "họ tên");
    apply(patch.officer_number, account.officer_number, "số hiệu công chức");
    apply(patch.position, account.position, "chức vụ");
    apply(patch.phone, account.phone, "điện thoại");
    apply(patch.email, account.email, "thư điện tử");
    if (account.full_name.empty()) invalid("full_name", "Họ và tên là bắt buộc.");
    if (!account.email.empty() && !core::is_email(account.email)) invalid("email", "Địa chỉ thư điện tử không hợp lệ.");
    if (!account.phone.empty() && !core::is_phone(account.phone)) invalid("phone", "Số điện thoại không hợp lệ.");
    store::update_profile(sql, account, core::now());
    if (patch.roles && *patch.roles != account.roles) {
      if (username == caller.username && !may_change_own_roles(caller))
        core::forbidden("Bạn không thể tự thay đổi vai trò của chính mình.");
      check_roles(&caller, *patch.roles);
      if (!may_grant_roles(caller, account.roles)) core::forbidden("Không thể thay đổi vai trò của quản trị hệ thống.");
      summary += std::string(summary.empty() ? "" : "; ") + "vai trò: " + roles_text(account.roles) + " → " +
                 roles_text(*patch.roles);
      store::set_roles(sql, account.id, *patch.roles);
      account.roles = *patch.roles;
    }
    forget_cached_sessions();
    if (!summary.empty()) history::append(sql, caller, change("account.update", "account", username, summary));
    return account;
  });
}

store::Account IdentityService::set_enabled(const core::Principal& caller, const std::string& username, bool enabled) {
  return db_.transaction([&](soci::session& sql) {
    store::Account account = administered_account(sql, caller, username);
    if (username == caller.username) core::conflict("SELF_DISABLE", "Bạn không thể tự khóa tài khoản của mình.");
    account.status = enabled ? "ACTIVE" : "DISABLED";
    store::set_status(sql, account.id, account.status, core::now());
    if (!enabled) store::delete_sessions_of(sql, account.id);
    forget_cached_sessions();
    history::append(sql, caller, change(enabled ? "account.enable" : "account.disable", "account", username,
                                        enabled ? "Mở khóa tài khoản" : "Khóa tài khoản"));
    return account;
  });
}

std::string IdentityService::reset_password(const core::Principal& caller, const std::string& username) {
  const std::string password = new_temporary_password();
  const std::string hash = hash_password(password);
  db_.transaction([&](soci::session& sql) {
    store::Account account = administered_account(sql, caller, username);
    store::set_password(sql, account.id, hash, true, core::now());
    store::delete_sessions_of(sql, account.id);
    forget_cached_sessions();
    history::append(sql, caller, change("account.reset_password", "account", username, "Cấp lại mật khẩu dùng một lần"));
  });
  return password;
}

store::Account IdentityService::transfer(const core::Principal& caller, const std::string& username,
                                         const std::string& unit_code) {
  return db_.transaction([&](soci::session& sql) {
    store::Account account = administered_account(sql, caller, username);
    auto target = store::find_unit(sql, unit_code);
    if (!target) invalid("unit_code", "Không tìm thấy đơn vị có mã «" + unit_code + "».");
    // Seed 002 art. 6.5 has the receiving unit's administrator move the account; we require the caller to
    // administer both ends (a common ancestor's administrator or a platform administrator) so nobody can
    // pull accounts out of a unit they do not manage.
    if (!may_administer_unit(caller, target->path, target->level))
      core::forbidden("Đơn vị «" + unit_code + "» nằm ngoài phạm vi bạn được quản trị.");
    const std::string from = account.unit_code;
    account.unit_id = target->id;
    account.unit_code = target->code;
    account.unit_name = target->name;
    account.unit_path = target->path;
    store::update_profile(sql, account, core::now());
    forget_cached_sessions();
    history::append(sql, caller, change("account.transfer", "account", username,
                                        "Chuyển tài khoản từ đơn vị " + from + " sang " + target->code));
    return account;
  });
}

void IdentityService::bootstrap(const std::string& admin_password) {
  check_password("admin", admin_password);
  const bool exists = db_.read([](soci::session& sql) { return store::find_unit(sql, "00").has_value(); });
  if (exists) throw Error(ErrorKind::Conflict, "ALREADY_INITIALISED", "Cơ sở dữ liệu đã được khởi tạo.");
  create_unit_as_system(UnitInput{"00", "Tổng cục Hải quan", "TONG_CUC", "", "", ""});
  create_account_with_password(
      AccountInput{"admin", "Quản trị hệ thống", "00", "", "", "", "", {"platform.admin", "unit.admin"}},
      admin_password, false);
}

}  // namespace hq::identity
