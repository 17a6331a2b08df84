#pragma once
// The names every module's route sources use: `using namespace http::route_names;` brings Request, Response,
// Access and json; `RoutePrefix` gives a module's paths (`const http::RoutePrefix route{"/api/v1/monitor"};`,
// then `route("/incidents")`).
#include <string>

#include <nlohmann/json.hpp>

#include "http/message.h"
#include "http/router.h"

namespace hq::http {

namespace route_names {
using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;
}  // namespace route_names

struct RoutePrefix {
  std::string base;
  std::string operator()(const std::string& tail) const { return base + tail; }
};

}  // namespace hq::http
