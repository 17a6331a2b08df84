#include "monitor/agent_http.h"

#include <netdb.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cstring>

namespace hq::monitor::agent {

namespace {

struct Endpoint {
  std::string host, port = "80";
};

std::optional<Endpoint> parse_url(const std::string& url) {
  const std::string scheme = "http://";
  if (url.rfind(scheme, 0) != 0) return std::nullopt;
  std::string rest = url.substr(scheme.size());
  if (const auto slash = rest.find('/'); slash != std::string::npos) rest = rest.substr(0, slash);
  Endpoint e;
  const auto colon = rest.rfind(':');
  if (colon != std::string::npos) {
    e.host = rest.substr(0, colon);
    e.port = rest.substr(colon + 1);
  } else {
    e.host = rest;
  }
  if (e.host.empty()) return std::nullopt;
  return e;
}

// A connected socket with send/receive timeouts, or -1.
int connect_to(const std::string& host, const std::string& port, int timeout_seconds) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (getaddrinfo(host.c_str(), port.c_str(), &hints, &found) != 0) return -1;
  int fd = -1;
  for (auto* a = found; a; a = a->ai_next) {
    fd = socket(a->ai_family, a->ai_socktype, a->ai_protocol);
    if (fd < 0) continue;
    timeval tv{timeout_seconds, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    if (connect(fd, a->ai_addr, a->ai_addrlen) == 0) break;
    close(fd);
    fd = -1;
  }
  freeaddrinfo(found);
  return fd;
}

bool send_all(int fd, const std::string& data) {
  std::size_t sent = 0;
  while (sent < data.size()) {
    const auto n = send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

HttpAnswer post_json(const std::string& url, const std::string& path, const std::string& bearer,
                     const std::string& body) {
  const auto endpoint = parse_url(url);
  if (!endpoint) return {};
  const int fd = connect_to(endpoint->host, endpoint->port, 30);
  if (fd < 0) return {};
  const std::string request = "POST " + path + " HTTP/1.1\r\nHost: " + endpoint->host + "\r\nAuthorization: Bearer " +
                              bearer + "\r\nContent-Type: application/json\r\nContent-Length: " +
                              std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
  std::string response;
  if (send_all(fd, request)) {
    char chunk[16384];
    for (ssize_t n; (n = recv(fd, chunk, sizeof chunk, 0)) > 0;) response.append(chunk, static_cast<std::size_t>(n));
  }
  close(fd);
  HttpAnswer answer;
  if (response.rfind("HTTP/1.", 0) != 0 || response.size() < 12) return answer;
  answer.status = std::atoi(response.substr(9, 3).c_str());
  if (const auto head_end = response.find("\r\n\r\n"); head_end != std::string::npos)
    answer.body = response.substr(head_end + 4);
  return answer;
}

bool port_open(const std::string& host, int port) {
  const int fd = connect_to(host, std::to_string(port), 1);
  if (fd < 0) return false;
  close(fd);
  return true;
}

}  // namespace hq::monitor::agent
