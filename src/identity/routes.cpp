#include "identity/routes.h"

#include "core/error.h"
#include "core/fields.h"
#include "core/text.h"
#include "core/time.h"
#include "http/json_input.h"
#include "http/page_json.h"
#include "identity/crypto.h"

namespace hq::identity {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

bool SessionAuthenticator::authenticate(Request& request) {
  auto principal = service_.authenticate(request.cookie(cookie_));
  if (!principal) return false;
  principal->client_address = request.client_address;
  request.principal = std::move(*principal);
  return true;
}

bool SessionAuthenticator::csrf_valid(const Request& request) {
  const std::string* header = request.header("x-csrf-token");
  return header && constant_time_equal(*header, csrf_for(request.cookie(cookie_)));
}

namespace {

json unit_json(const store::Unit& u) {
  return {HQ_JSON_FIELDS(u, code, name, level),
          {"parent_code", u.parent_code.empty() ? json(nullptr) : json(u.parent_code)},
          {"valid_from", u.valid_from.empty() ? json(nullptr) : json(u.valid_from)},
          {"valid_to", u.valid_to.empty() ? json(nullptr) : json(u.valid_to)},
          {"active", u.valid_to.empty() || u.valid_to >= core::format_date(core::to_local(core::now()).date)}};
}

json account_json(const store::Account& a) {
  const bool locked = a.status == "ACTIVE" && a.locked_until > core::now();
  return {HQ_JSON_FIELDS(a, username, full_name, officer_number, position, phone, email, unit_code, unit_name, roles),
          {"status", locked ? "LOCKED" : a.status},
          {"password_change_required", a.password_change_required}};
}

json request_json(const store::AccountRequest& r) {
  return {HQ_JSON_FIELDS(r, id, kind, unit_code, username, full_name, roles, reason, status, proposed_by),
          {"decided_by", r.decided_by.empty() ? json(nullptr) : json(r.decided_by)},
          {"decision_comment", r.decision_comment},
          {"created_at", core::format_iso8601(r.created_at)}};
}

std::string session_cookie(const std::string& token, bool secure, std::int64_t max_age) {
  return std::string(session_cookie_name(secure)) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
         std::to_string(max_age) + (secure ? "; Secure" : "");
}

Response too_many_logins(std::int64_t retry_after) {
  return Response::error(429, "TOO_MANY_LOGIN_ATTEMPTS",
                         "Đăng nhập sai quá nhiều lần từ địa chỉ này. Vui lòng thử lại sau " +
                             std::to_string(retry_after) + " giây.",
                         {{"retry_after", retry_after}})
      .with_header("Retry-After", std::to_string(retry_after));
}

void add_auth_routes(http::Router& router, IdentityService& service, const IdentityRouteOptions& options) {
  const std::string cookie = session_cookie_name(options.secure_cookies);
  router.add("POST", "/api/v1/auth/login", [&service, options, cookie](Request& request) {
    // Before the body is even read: a throttled address costs no password hashing.
    if (const auto wait = service.login_retry_after(request.client_address); wait > 0) return too_many_logins(wait);
    const json body = request.json_body();
    const auto result = service.login(http::required_text(body, "username", 64),
                                      http::required_text(body, "password", 256), request.client_address,
                                      request.cookie(cookie));
    return Response::ok({HQ_JSON_FIELDS(result, csrf_token, password_change_required)})
        .with_header("Set-Cookie",
                     session_cookie(result.session_token, options.secure_cookies, kSessionAbsoluteSeconds));
  }, Access::Public);

  router.add("POST", "/api/v1/auth/logout", [&service, options, cookie](Request& request) {
    service.logout(request.cookie(cookie));
    return Response::ok({{"ok", true}}).with_header("Set-Cookie", session_cookie("", options.secure_cookies, 0));
  }, Access::PasswordChangeAllowed);

  router.add("POST", "/api/v1/auth/password", [&service, cookie](Request& request) {
    const json body = request.json_body();
    service.change_password(request.principal, http::required_text(body, "old_password", 256),
                            http::required_text(body, "new_password", 256), request.cookie(cookie));
    return Response::ok({{"ok", true}});
  }, Access::PasswordChangeAllowed);

  router.add("GET", "/api/v1/me", [options, cookie](Request& request) {
    const auto& me = request.principal;
    json result = {
        HQ_JSON_FIELDS(me, username, full_name, unit_code, unit_name, unit_level, roles, password_change_required),
        {"csrf_token", csrf_for(request.cookie(cookie))},
        {"modules", options.modules}};
    return Response::ok(result);
  }, Access::PasswordChangeAllowed);

  router.add("GET", "/api/v1/roles", [](Request&) {
    json items = json::array();
    for (const auto& role : all_roles()) items.push_back({HQ_JSON_FIELDS(role, code, name_vi, name_en)});
    return Response::ok({{"items", items}});
  });
}

void add_unit_routes(http::Router& router, IdentityService& service) {
  router.add("GET", "/api/v1/units", [&service](Request& request) {
    json items = json::array();
    for (const auto& unit : service.units(request.principal)) items.push_back(unit_json(unit));
    return Response::ok({{"items", items}});
  });
  router.add("POST", "/api/v1/units", [&service](Request& request) {
    const json body = request.json_body();
    UnitInput input{http::required_text(body, "code", 16),          http::required_text(body, "name", 300),
                    http::required_text(body, "level", 16),         http::required_text(body, "parent_code", 16),
                    http::optional_text(body, "valid_from", 10).value_or(""),
                    http::optional_text(body, "valid_to", 10).value_or("")};
    const auto created = service.create_unit(request.principal, input);
    return Response::created({HQ_JSON_FIELDS(created, code, admin_username, admin_temporary_password)});
  });
  router.add("PATCH", "/api/v1/units/{code}", [&service](Request& request) {
    const json body = request.json_body();
    return Response::ok(unit_json(service.update_unit(request.principal, request.param("code"),
                                                      http::optional_text(body, "name", 300),
                                                      http::optional_text(body, "valid_to", 10))));
  });
}

AccountPatch account_patch(const json& body) {
  AccountPatch patch{http::optional_text(body, "full_name", 200), http::optional_text(body, "officer_number", 32),
                     http::optional_text(body, "position", 200),  http::optional_text(body, "phone", 20),
                     http::optional_text(body, "email", 200),     std::nullopt};
  if (body.contains("roles") && !body["roles"].is_null()) patch.roles = http::text_list(body, "roles");
  return patch;
}

void add_account_routes(http::Router& router, IdentityService& service) {
  router.add("GET", "/api/v1/accounts", [&service](Request& request) {
    const http::Paging p = http::paging(request);
    store::AccountQuery query;
    query.folded_text = core::fold(request.query_text("q"));
    query.status = request.query_text("status");
    if (!query.status.empty() && query.status != "ACTIVE" && query.status != "DISABLED" && query.status != "LOCKED")
      core::bad_input("INVALID_PARAMETER", "Tham số «status» phải là ACTIVE, DISABLED hoặc LOCKED.");
    query.sort = request.query_text("sort", "username");
    query.descending = request.query_text("order", "asc") == "desc";
    query.offset = p.offset();
    query.limit = p.page_size;
    query.now = core::now();
    return Response::ok(
        http::page_json(service.list_accounts(request.principal, request.query_text("unit"), query), p, account_json));
  });
  router.add("POST", "/api/v1/accounts", [&service](Request& request) {
    const json body = request.json_body();
    AccountInput input{http::required_text(body, "username", 64),
                       http::required_text(body, "full_name", 200),
                       http::required_text(body, "unit_code", 16),
                       http::optional_text(body, "officer_number", 32).value_or(""),
                       http::optional_text(body, "position", 200).value_or(""),
                       http::optional_text(body, "phone", 20).value_or(""),
                       http::optional_text(body, "email", 200).value_or(""),
                       http::text_list(body, "roles")};
    const auto created = service.create_account(request.principal, input);
    return Response::created({HQ_JSON_FIELDS(created, username, temporary_password)});
  });
  router.add("GET", "/api/v1/accounts/{username}", [&service](Request& request) {
    return Response::ok(account_json(service.account(request.principal, request.param("username"))));
  });
  router.add("PATCH", "/api/v1/accounts/{username}", [&service](Request& request) {
    return Response::ok(account_json(
        service.update_account(request.principal, request.param("username"), account_patch(request.json_body()))));
  });
  for (const bool enable : {true, false})
    router.add("POST", std::string("/api/v1/accounts/{username}/") + (enable ? "enable" : "disable"),
               [&service, enable](Request& request) {
                 return Response::ok(account_json(service.set_enabled(request.principal, request.param("username"), enable)));
               });
  router.add("POST", "/api/v1/accounts/{username}/reset-password", [&service](Request& request) {
    return Response::ok({{"temporary_password", service.reset_password(request.principal, request.param("username"))}});
  });
  router.add("POST", "/api/v1/accounts/{username}/transfer", [&service](Request& request) {
    const json body = request.json_body();
    return Response::ok(account_json(
        service.transfer(request.principal, request.param("username"), http::required_text(body, "unit_code", 16))));
  });
}

void add_request_routes(http::Router& router, IdentityService& service) {
  router.add("GET", "/api/v1/account-requests", [&service](Request& request) {
    const http::Paging p = http::paging(request);
    std::int64_t total = 0;
    json items = json::array();
    for (const auto& r : service.list_requests(request.principal, request.query_text("unit"),
                                               request.query_text("status"), p.offset(), p.page_size, total))
      items.push_back(request_json(r));
    return Response::ok(http::page_json(items, total, p));
  });
  router.add("POST", "/api/v1/account-requests", [&service](Request& request) {
    const json body = request.json_body();
    store::AccountRequest r;
    r.kind = http::required_text(body, "kind", 16);
    r.unit_code = http::required_text(body, "unit_code", 16);
    r.username = http::required_text(body, "username", 64);
    r.full_name = http::optional_text(body, "full_name", 200).value_or("");
    r.roles = http::text_list(body, "roles");
    r.reason = http::required_text(body, "reason", 1000);
    return Response::created(request_json(service.propose_request(request.principal, r)));
  });
  for (const bool approve : {true, false})
    router.add("POST", std::string("/api/v1/account-requests/{id}/") + (approve ? "approve" : "reject"),
               [&service, approve](Request& request) {
                 const json body = request.json_body_or_empty();
                 return Response::ok(request_json(service.decide_request(
                     request.principal, request.id_param(), approve, http::optional_text(body, "comment").value_or(""))));
               });
  router.add("POST", "/api/v1/account-requests/{id}/apply", [&service](Request& request) {
    const auto [applied, password] = service.apply_request(request.principal, request.id_param());
    json result = {{"request", request_json(applied)}};
    if (!password.empty()) result["temporary_password"] = password;
    return Response::ok(result);
  });
}

}  // namespace

void add_identity_routes(http::Router& router, IdentityService& service, const IdentityRouteOptions& options) {
  add_auth_routes(router, service, options);
  add_unit_routes(router, service);
  add_account_routes(router, service);
  add_request_routes(router, service);
}

}  // namespace hq::identity
