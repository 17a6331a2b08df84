#include "http/message.h"

#include <charconv>

#include "core/error.h"
#include "http/json_lift.h"
#include "http/json_text.h"

namespace hq::http {

const std::string* Request::header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  return it == headers.end() ? nullptr : &it->second;
}

std::string Request::cookie(const std::string& name) const {
  const std::string* all = header("cookie");
  if (!all) return {};
  std::string_view rest(*all);
  while (!rest.empty()) {
    const auto end = rest.find(';');
    std::string_view pair = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    const auto eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name) return std::string(pair.substr(eq + 1));
  }
  return {};
}

const std::string& Request::param(const std::string& name) const {
  static const std::string empty;
  auto it = params.find(name);
  return it == params.end() ? empty : it->second;
}

std::string Request::query_text(const std::string& name, const std::string& fallback) const {
  auto it = query.find(name);
  if (it == query.end()) return fallback;
  if (it->second.size() > 500)
    core::bad_input("INVALID_PARAMETER", "Tham số «" + name + "» quá dài.", {{"parameter", name}});
  return it->second;
}

long long Request::query_int(const std::string& name, long long fallback, long long min, long long max) const {
  auto it = query.find(name);
  if (it == query.end() || it->second.empty()) return fallback;
  long long value = 0;
  const auto& text = it->second;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < min || value > max)
    core::bad_input("INVALID_PARAMETER",
                    "Tham số «" + name + "» phải là số nguyên từ " + std::to_string(min) + " đến " +
                        std::to_string(max) + ".",
                    {{"parameter", name}, {"value", text}});
  return value;
}

core::Date Request::query_date(const std::string& name, const core::Date& fallback) const {
  const std::string text = query_text(name);
  if (text.empty()) return fallback;
  auto date = core::parse_date(text);
  if (!date)
    core::bad_input("INVALID_PARAMETER", "Tham số «" + name + "» phải là ngày dạng YYYY-MM-DD.", {{"parameter", name}});
  return *date;
}

std::int64_t Request::id_param(const std::string& name) const {
  const std::string& text = param(name);
  std::int64_t id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0)
    core::bad_input("INVALID_PARAMETER", "Mã số «" + name + "» trong đường dẫn phải là số nguyên dương.",
                    {{"parameter", name}, {"value", text}});
  return id;
}

nlohmann::json Request::json_body_or_empty(std::size_t max_bytes) const {
  return body.find_first_not_of(" \t\r\n") == std::string::npos ? nlohmann::json::object() : json_body(max_bytes);
}

Paging paging(const Request& request) {
  return Paging{request.query_int("page", 1, 1, 1'000'000), request.query_int("page_size", 20, 1, 200)};
}

nlohmann::json page_json(nlohmann::json items, std::int64_t total, const Paging& p) {
  return {{"items", std::move(items)}, {"total", total}, {"page", p.page}, {"page_size", p.page_size}};
}

namespace {

bool is_json_media_type(const std::string* content_type) {
  if (!content_type) return false;
  std::string type = content_type->substr(0, content_type->find(';'));
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.pop_back();
  type.erase(0, type.find_first_not_of(" \t"));
  for (auto& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return type == "application/json";
}

// The deepest nesting of arrays and objects, outside strings; stops counting once over `limit`. One pass,
// no allocation: a 10 MiB "[[[[…" costs a scan, not ten million JSON values.
std::size_t json_depth(std::string_view text, std::size_t limit) {
  std::size_t depth = 0, deepest = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if ((deepest = std::max(deepest, ++depth)) > limit) return deepest;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

}  // namespace

bool is_upload_path(std::string_view path) { return path.ends_with("/import"); }

nlohmann::json Request::json_body() const { return json_body(kMaxJsonBytes); }

namespace {

void check_json_request(const Request& request, std::size_t max_bytes) {
  if (!is_json_media_type(request.header("content-type")))
    throw core::Error(core::ErrorKind::UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE",
                      "Nội dung yêu cầu phải là JSON, gửi kèm tiêu đề Content-Type: application/json.");
  if (request.body.size() > max_bytes && !is_upload_path(request.path))
    throw core::Error(core::ErrorKind::TooLarge, "PAYLOAD_TOO_LARGE",
                      "Nội dung JSON dài " + std::to_string(request.body.size() >> 10) + " KiB, vượt quá giới hạn " +
                          std::to_string(max_bytes >> 10) + " KiB.",
                      {{"limit_bytes", max_bytes}, {"size_bytes", request.body.size()}});
}

void check_json_depth(std::string_view text) {
  if (json_depth(text, kMaxJsonDepth) > kMaxJsonDepth)
    core::bad_input("JSON_TOO_DEEP", "Nội dung JSON lồng nhau quá " + std::to_string(kMaxJsonDepth) + " cấp.",
                    {{"limit_depth", kMaxJsonDepth}});
}

}  // namespace

std::string_view checked_json_text(const Request& request, std::size_t max_bytes) {
  check_json_request(request, max_bytes);
  check_json_depth(request.body);
  return request.body;
}

nlohmann::json Request::json_body(std::size_t max_bytes) const { return json_body_leaving(max_bytes, {}).value; }

Request::Lifted Request::json_body_leaving(std::size_t max_bytes, std::string_view leave_key) const {
  check_json_request(*this, max_bytes);
  // Documents in base64 are lifted out before parsing (json_lift.h): the parser reads a small skeleton.
  Lifted out{nlohmann::json(), lift_long_strings(body)};
  check_json_depth(out.lifted.skeleton);
  out.value = nlohmann::json::parse(out.lifted.skeleton, nullptr, /*allow_exceptions=*/false);
  restore_long_strings(out.value, out.lifted, leave_key);
  if (out.value.is_discarded())
    core::bad_input("MALFORMED_JSON", "Nội dung yêu cầu không phải JSON hợp lệ.");
  if (!out.value.is_object()) core::bad_input("MALFORMED_JSON", "Nội dung yêu cầu phải là một đối tượng JSON.");
  return out;
}

Response Response::json(int status, const nlohmann::json& body) {
  Response response;
  response.status = status;
  response.headers.emplace_back("Content-Type", "application/json; charset=utf-8");
  response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return response;
}

Response Response::error(int status, const std::string& code, const std::string& message,
                         const nlohmann::json& details) {
  return json(status, {{"error", {{"code", code}, {"message", message}, {"details", details}}}});
}

Response Response::file(const std::string& content_type, std::string bytes, const std::string& download_name) {
  Response response;
  response.headers.emplace_back("Content-Type", content_type);
  response.headers.emplace_back("Content-Disposition", content_disposition(download_name));
  response.body = std::move(bytes);
  return response;
}

Response& Response::with_header(std::string name, std::string value) {
  headers.emplace_back(std::move(name), std::move(value));
  return *this;
}

}  // namespace hq::http

namespace hq::http {

const std::vector<std::pair<std::string, std::string>>& security_headers() {
  static const std::vector<std::pair<std::string, std::string>> headers = {
      {"Content-Security-Policy",
       "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
       "font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; "
       "form-action 'self'; frame-ancestors 'none'"},
      {"X-Content-Type-Options", "nosniff"},
      {"Referrer-Policy", "same-origin"},
      {"X-Frame-Options", "DENY"}};
  return headers;
}

Response unauthenticated() {
  return Response::error(401, "UNAUTHENTICATED", "Phiên làm việc không hợp lệ hoặc đã hết hạn. Vui lòng đăng nhập.");
}

std::string content_disposition(std::string_view file_name) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string fallback, encoded;
  for (std::size_t i = 0; i < file_name.size(); ++i) {
    const auto c = static_cast<unsigned char>(file_name[i]);
    const bool attr_char = std::isalnum(c) || std::string_view("!#$&+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
    if (attr_char) {
      encoded += static_cast<char>(c);
    } else {
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 15];
    }
    // The fallback: printable ASCII except quotes, backslashes and path separators; one '_' per UTF-8
    // character otherwise (its continuation bytes add nothing).
    if (c >= 0x80 && (c & 0xC0) == 0x80) continue;
    const bool plain = c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '/' && c != ';' && c != '%';
    fallback += plain ? static_cast<char>(c) : '_';
  }
  if (fallback.empty()) fallback = "download";
  return "attachment; filename=\"" + fallback + "\"; filename*=UTF-8''" + encoded;
}

}  // namespace hq::http
