#pragma once
// HTTP mapping of the identity use cases: /auth, /me, /units, /accounts, /account-requests, /roles.
#include <memory>

#include "http/router.h"
#include "identity/service.h"

namespace hq::identity {

constexpr const char* kSessionCookie = "hq_session";

// Resolves the session cookie and checks the CSRF header for the router's auth chain.
class SessionAuthenticator : public http::Authenticator {
 public:
  explicit SessionAuthenticator(IdentityService& service) : service_(service) {}
  bool authenticate(http::Request& request) override;
  bool csrf_valid(const http::Request& request) override;

 private:
  IdentityService& service_;
};

struct IdentityRouteOptions {
  bool secure_cookies = false;  // add "Secure" when served over HTTPS (behind nginx)
  std::vector<std::string> modules;  // modules this server offers, for GET /me
};

void add_identity_routes(http::Router& router, IdentityService& service, const IdentityRouteOptions& options);

}  // namespace hq::identity
