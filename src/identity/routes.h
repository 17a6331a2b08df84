#pragma once
// HTTP mapping of the identity use cases: /auth, /me, /units, /accounts, /account-requests, /roles.
#include <memory>

#include "http/router.h"
#include "identity/service.h"

namespace hq::identity {

// The session cookie: `__Host-hq_session` (Secure, Path=/, no Domain: the browser sends it only over HTTPS and
// only to this host, and no subdomain can set it), or `hq_session` without Secure for local HTTP
// (`--insecure-cookies`), since browsers refuse a `__Host-` cookie that is not Secure.
constexpr const char* kSecureSessionCookie = "__Host-hq_session";
constexpr const char* kInsecureSessionCookie = "hq_session";
inline const char* session_cookie_name(bool secure) { return secure ? kSecureSessionCookie : kInsecureSessionCookie; }

// Resolves the session cookie and checks the CSRF header for the router's auth chain.
class SessionAuthenticator : public http::Authenticator {
 public:
  SessionAuthenticator(IdentityService& service, bool secure_cookies)
      : service_(service), cookie_(session_cookie_name(secure_cookies)) {}
  bool authenticate(http::Request& request) override;
  bool csrf_valid(const http::Request& request) override;

 private:
  IdentityService& service_;
  std::string cookie_;
};

struct IdentityRouteOptions {
  bool secure_cookies = true;  // false only for local HTTP (`--insecure-cookies`)
  std::vector<std::string> modules;  // modules this server offers, for GET /me
};

void add_identity_routes(http::Router& router, IdentityService& service, const IdentityRouteOptions& options);

}  // namespace hq::identity
