#pragma once
// The agent's HTTP/1.1 client: one POST per connection to an http:// server (behind HTTPS, run a local
// TLS proxy). RESTinio serves; it does not call out, so this small client lives with the agent.
#include <optional>
#include <string>

namespace hq::monitor::agent {

struct HttpAnswer {
  int status = 0;  // 0 = the server could not be reached
  std::string body;
};

// url: http://host[:port]; path: /api/…; a 30 s timeout on connect, send and receive.
HttpAnswer post_json(const std::string& url, const std::string& path, const std::string& bearer, const std::string& body);
// True when a TCP connection to host:port opens within a second (service port checks).
bool port_open(const std::string& host, int port);

}  // namespace hq::monitor::agent
