#pragma once
// Our own request/response types: everything outside src/http/server.cpp sees these, never RESTinio.
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/principal.h"
#include "core/time.h"
#include "http/json_lift.h"

namespace hq::http {

constexpr std::size_t kMaxJsonBytes = 2 * 1024 * 1024;  // upload paths (…/import): their transport limit only
constexpr std::size_t kMaxJsonDepth = 64;

struct Request {
  std::string method;  // upper case: GET, POST, …
  std::string path;    // decoded path without the query
  std::map<std::string, std::string> query;    // decoded query parameters (last one wins)
  std::map<std::string, std::string> headers;  // lower-case names
  std::map<std::string, std::string> params;   // path parameters from the route pattern
  std::string body;
  std::string client_address;
  core::Principal principal;  // filled by the auth chain for authenticated routes

  const std::string* header(const std::string& lower_name) const;
  std::string cookie(const std::string& name) const;
  const std::string& param(const std::string& name) const;
  // Query parameter helpers: absent → fallback; present but malformed → 400 naming the parameter.
  std::string query_text(const std::string& name, const std::string& fallback = "") const;
  long long query_int(const std::string& name, long long fallback, long long min, long long max) const;
  // A date query parameter (YYYY-MM-DD): absent → fallback; malformed → 400 naming the parameter.
  core::Date query_date(const std::string& name, const core::Date& fallback) const;
  // A positive integer path parameter, e.g. {id}; anything else → 400.
  std::int64_t id_param(const std::string& name = "id") const;
  // Parses the body as a JSON object. Refused before parsing: a Content-Type other than application/json
  // (415: a cross-site form cannot send it), a body over kMaxJsonBytes outside upload paths (413), nesting
  // deeper than kMaxJsonDepth (400); then 400 with a Vietnamese message when it is not a JSON object.
  // A route whose JSON carries documents (base64) passes its own `max_bytes`, within the transport's
  // ServerOptions::max_body_bytes.
  nlohmann::json json_body(std::size_t max_bytes) const;
  nlohmann::json json_body() const;
  // json_body, but the long string values of the key `leave_key` (megabytes of a document's base64) stay
  // placeholders: read them with lifted_text(value, lifted) as views into `body`, without a copy. The result
  // holds views into this request's body: it must not outlive the request.
  struct Lifted {
    nlohmann::json value;
    LiftedJson lifted;
  };
  Lifted json_body_leaving(std::size_t max_bytes, std::string_view leave_key) const;
  // The same, but an empty body reads as {} (actions whose fields are all optional).
  nlohmann::json json_body_or_empty(std::size_t max_bytes = kMaxJsonBytes) const;
};


// Paths that accept file uploads ("…/import"): a larger body limit, and a session checked at the head.
bool is_upload_path(std::string_view path);

// The headers every response carries (API, static files, errors, refusals at the head): a policy that fits
// the single-page app (its own scripts only, no eval; inline styles, which Ant Design and ECharts write).
const std::vector<std::pair<std::string, std::string>>& security_headers();

// ?page=&page_size= of every list (page size at most 200) and the JSON page around its items.
struct Paging {
  std::int64_t page = 1, page_size = 20;
  std::int64_t offset() const { return (page - 1) * page_size; }
};
Paging paging(const Request& request);
nlohmann::json page_json(nlohmann::json items, std::int64_t total, const Paging& paging);

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  static Response json(int status, const nlohmann::json& body);
  static Response ok(const nlohmann::json& body) { return json(200, body); }
  static Response created(const nlohmann::json& body) { return json(201, body); }
  static Response error(int status, const std::string& code, const std::string& message,
                        const nlohmann::json& details = nlohmann::json::object());
  // A download; its name (any UTF-8) goes through content_disposition().
  static Response file(const std::string& content_type, std::string bytes, const std::string& download_name);
  Response& with_header(std::string name, std::string value);
};

// The 401 of a request without a valid session (the router's and the one refused at its head).
Response unauthenticated();

// `attachment; filename="<ASCII fallback>"; filename*=UTF-8''<percent-encoded>` (RFC 6266 / 8187): any
// name, including quotes, semicolons, line breaks and Vietnamese, arrives intact and cannot break the header.
std::string content_disposition(std::string_view file_name);

}  // namespace hq::http
