#include "http/router.h"

#include <chrono>

#include <spdlog/spdlog.h>

#include "core/error.h"

namespace hq::http {

namespace {

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> segments;
  std::size_t start = 1;
  while (start <= path.size()) {
    const auto end = path.find('/', start);
    segments.push_back(path.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return segments;
}

bool is_api_path(const std::string& path) { return path.rfind("/api/", 0) == 0 || path == "/api"; }

}  // namespace

std::string log_safe(std::string_view text) {
  std::string out(text.substr(0, 200));
  for (auto& c : out)
    if (c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20 || c == ' ') c = '_';
  return out;
}

void Router::add(const std::string& method, const std::string& pattern, Handler handler, Access access) {
  routes_.push_back(Route{RouteInfo{method, pattern, access}, split_path(pattern), std::move(handler), nullptr});
}

void Router::guard(const std::string& pattern, Guard guard) {
  for (auto& route : routes_)
    if (route.info.pattern == pattern) route.guard = guard;
}

bool Router::has_session(std::string_view cookie_header) const {
  if (!authenticator_ || cookie_header.empty()) return false;
  Request request;
  request.headers["cookie"] = std::string(cookie_header);
  try {
    return authenticator_->authenticate(request);
  } catch (const std::exception& error) {
    spdlog::error("session check at a request's head failed: {}", error.what());
    return false;
  }
}

std::vector<RouteInfo> Router::routes() const {
  std::vector<RouteInfo> infos;
  for (const auto& route : routes_) infos.push_back(route.info);
  return infos;
}

const Router::Route* Router::match(const Request& request, std::map<std::string, std::string>& params,
                                   bool& path_matched) const {
  const auto segments = split_path(request.path);
  for (const auto& route : routes_) {
    if (route.segments.size() != segments.size()) continue;
    std::map<std::string, std::string> found;
    bool same = true;
    for (std::size_t i = 0; i < segments.size() && same; ++i) {
      const auto& expected = route.segments[i];
      if (expected.size() > 2 && expected.front() == '{' && expected.back() == '}')
        same = !segments[i].empty() && (found[expected.substr(1, expected.size() - 2)] = segments[i], true);
      else
        same = expected == segments[i];
    }
    if (!same) continue;
    path_matched = true;
    const bool head_as_get = request.method == "HEAD" && route.info.method == "GET";
    if (route.info.method != request.method && !head_as_get) continue;
    params = std::move(found);
    return &route;
  }
  return nullptr;
}

Response Router::dispatch(Request& request, const Route& route) const {
  if (route.info.access != Access::Public) {
    if (!authenticator_ || !authenticator_->authenticate(request))
      return unauthenticated();
    if (request.principal.password_change_required && route.info.access != Access::PasswordChangeAllowed)
      return Response::error(403, "PASSWORD_CHANGE_REQUIRED", "Bạn phải đổi mật khẩu dùng một lần trước khi tiếp tục.");
    const bool reads_only = request.method == "GET" || request.method == "HEAD";
    if (!reads_only && !authenticator_->csrf_valid(request))
      return Response::error(403, "CSRF_TOKEN_INVALID", "Thiếu hoặc sai mã chống giả mạo (X-CSRF-Token).");
  }
  if (route.guard)
    if (auto refusal = route.guard(request)) return std::move(*refusal);
  return route.handler(request);
}

Response Router::handle(Request& request) const {
  const auto started = std::chrono::steady_clock::now();
  std::string route_label = "unmatched";
  Response response;
  try {
    bool path_matched = false;
    std::map<std::string, std::string> params;
    if (const Route* route = match(request, params, path_matched)) {
      route_label = route->info.pattern;
      request.params = std::move(params);
      response = dispatch(request, *route);
    } else if (path_matched) {
      response = Response::error(405, "METHOD_NOT_ALLOWED", "Phương thức " + request.method + " không được hỗ trợ cho đường dẫn này.");
    } else if (is_api_path(request.path) || !fallback_) {
      response = Response::error(404, "NOT_FOUND", "Không tìm thấy đường dẫn " + request.path + ".");
    } else {
      route_label = "static";
      response = fallback_(request);
    }
  } catch (const core::Error& error) {
    response = Response::error(core::http_status(error.kind()), error.code(), error.what(), error.details());
  } catch (const nlohmann::json::exception& error) {  // a library's words stay in the log
    spdlog::warn("JSON error on {} {}: {}", request.method, log_safe(request.path), error.what());
    response = Response::error(400, "MALFORMED_JSON", "Dữ liệu JSON không hợp lệ hoặc sai kiểu giá trị.");
  } catch (const std::exception& error) {
    spdlog::error("unhandled error on {} {}: {}", request.method, log_safe(request.path), error.what());
    response = Response::error(500, "INTERNAL_ERROR", "Lỗi hệ thống. Vui lòng thử lại hoặc báo quản trị viên.");
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  metrics_.record(request.method, route_label, response.status, seconds);
  if (access_log_)
    spdlog::info("request method={} route={} path={} status={} ms={:.2f} client={} user={}", request.method,
                 route_label, log_safe(request.path), response.status, seconds * 1000, request.client_address,
                 request.principal.username.empty() ? "-" : request.principal.username);
  return response;
}

}  // namespace hq::http
