#pragma once
// Our own request/response types: everything outside src/http/server.cpp sees these, never RESTinio.
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/principal.h"
#include "core/time.h"

namespace hq::http {

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
  // Parses the body as a JSON object; 400 with a Vietnamese message when it is not one.
  nlohmann::json json_body() const;
  // The same, but an empty body reads as {} (actions whose fields are all optional).
  nlohmann::json json_body_or_empty() const;
};

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
  static Response file(const std::string& content_type, std::string bytes, const std::string& download_name);
  Response& with_header(std::string name, std::string value);
};

}  // namespace hq::http
