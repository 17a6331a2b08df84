#pragma once
// Routes requests to handlers by method and pattern ("/api/v1/accounts/{username}"), runs the auth chain
// (session → password-change gate → CSRF) and turns every exception into the JSON error shape.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.h"
#include "http/metrics.h"

namespace hq::http {

enum class Access {
  Public,                 // no session needed
  Authenticated,          // session needed, password already changed
  PasswordChangeAllowed,  // session needed, allowed while a one-time password is still in use
};

using Handler = std::function<Response(Request&)>;
// Checked before a route's handler (after the auth chain): a response refuses the request.
using Guard = std::function<std::optional<Response>(const Request&)>;

// Log lines are JSON strings: a value with quotes, backslashes, spaces and control bytes replaced, at most
// 200 bytes.
std::string log_safe(std::string_view text);

// Implemented by the identity module: resolves the session cookie to a principal.
class Authenticator {
 public:
  virtual ~Authenticator() = default;
  // Fills request.principal; false when there is no valid session.
  virtual bool authenticate(Request& request) = 0;
  // True when the X-CSRF-Token header belongs to the request's session.
  virtual bool csrf_valid(const Request& request) = 0;
};

struct RouteInfo {
  std::string method;
  std::string pattern;
  Access access;
};

class Router {
 public:
  void add(const std::string& method, const std::string& pattern, Handler handler,
           Access access = Access::Authenticated);
  // An extra check for the routes added with `pattern` (e.g. a token on /metrics).
  void guard(const std::string& pattern, Guard guard);
  void set_authenticator(std::shared_ptr<Authenticator> authenticator) { authenticator_ = std::move(authenticator); }
  // True when a Cookie header holds a valid session: asked at the head of an upload, before its body is read.
  bool has_session(std::string_view cookie_header) const;
  // Called for non-API paths no route matched (the SPA's static files).
  void set_fallback(Handler handler) { fallback_ = std::move(handler); }
  // One structured (JSON) log line per request.
  void set_access_log(bool enabled) { access_log_ = enabled; }
  // Never throws: every failure becomes a JSON error response.
  Response handle(Request& request) const;
  std::vector<RouteInfo> routes() const;
  Metrics& metrics() const { return metrics_; }

 private:
  struct Route {
    RouteInfo info;
    std::vector<std::string> segments;
    Handler handler;
    Guard guard;
  };
  const Route* match(const Request& request, std::map<std::string, std::string>& params, bool& path_matched) const;
  Response dispatch(Request& request, const Route& route) const;

  std::vector<Route> routes_;
  std::shared_ptr<Authenticator> authenticator_;
  Handler fallback_;
  bool access_log_ = false;
  mutable Metrics metrics_;
};

}  // namespace hq::http
