// libFuzzer target: arbitrary bytes as a request (path, query value, body) through the router, the JSON
// body parser and the typed field readers. Any crash, sanitizer report or 500 is a bug.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "http/json_input.h"
#include "http/router.h"
#include "http/url.h"

namespace {

hq::http::Router& router() {
  static hq::http::Router* instance = [] {
    auto* r = new hq::http::Router;
    r->add("POST", "/api/v1/things/{id}", [](hq::http::Request& request) {
      const auto body = request.json_body();
      hq::http::required_text(body, "name", 100);
      hq::http::optional_int(body, "count", 0, 1000);
      hq::http::optional_date(body, "on");
      hq::http::text_list(body, "tags", 10);
      hq::http::optional_bool(body, "flag");
      request.query_int("page", 1, 1, 100);
      return hq::http::Response::ok({{"ok", true}});
    }, hq::http::Access::Public);
    return r;
  }();
  return *instance;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const auto split = input.find('\n');
  hq::http::Request request;
  request.method = "POST";
  const std::string head = input.substr(0, split);
  request.path = hq::http::percent_decode("/api/v1/things/" + head.substr(0, 40)).value_or("/api/v1/things/x");
  request.query["page"] = head.size() > 40 ? head.substr(40) : "";
  request.body = split == std::string::npos ? input : input.substr(split + 1);
  const auto response = router().handle(request);
  if (response.status >= 500) std::abort();
  return 0;
}
