#pragma once
// Shared by the tests that run the real binary over TCP (tests/api/server_process_test.cpp,
// tests/security/http_test.cpp): raw HTTP/1.1 on a socket, so the bytes on the wire are exactly the attack
// or the limit under test (no client library normalises a path or a header), and a served process.
#include <arpa/inet.h>
#include <csignal>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace hq::test {

// A connected socket to 127.0.0.1:port, or -1. Reads time out after 20 s: a server that waits for a body it
// should have refused fails the test instead of hanging it.
inline int connect_to(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  timeval timeout{20, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

inline bool send_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const auto n = send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

// Everything the server sends until it closes; closes the socket.
inline std::string receive_all(int fd) {
  std::string response;
  char buffer[8192];
  for (ssize_t n; (n = recv(fd, buffer, sizeof buffer, 0)) > 0;) response.append(buffer, static_cast<std::size_t>(n));
  close(fd);
  return response;
}

inline std::string raw_http(int port, const std::string& request) {
  const int fd = connect_to(port);
  if (fd < 0) return "";
  send_all(fd, request);
  return receive_all(fd);
}

inline std::string http_get(int port, const std::string& target, const std::string& extra_headers = "") {
  return raw_http(port, "GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + extra_headers + "\r\n");
}

inline std::string http_post(int port, const std::string& target, const std::string& body,
                             const std::string& extra_headers) {
  return raw_http(port, "POST " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + extra_headers +
                            "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body);
}

inline int status_of(const std::string& response) {
  return response.rfind("HTTP/1.1 ", 0) == 0 ? std::atoi(response.c_str() + 9) : 0;
}

inline std::string body_of(const std::string& response) {
  const auto at = response.find("\r\n\r\n");
  return at == std::string::npos ? "" : response.substr(at + 4);
}

// `haiquan serve` in a child process on 127.0.0.1:port, with extra environment variables and its standard
// output in `log` (when not empty); returns once /healthz answers (or after 10 s, and the test then fails on
// its first request). stop_server() kills it.
inline pid_t start_server(const std::string& binary, const std::string& db, int port, const std::string& web,
                          const std::string& log = "",
                          const std::vector<std::pair<std::string, std::string>>& environment = {}) {
  const pid_t pid = fork();
  if (pid == 0) {
    for (const auto& [name, value] : environment) setenv(name.c_str(), value.c_str(), 1);
    if (!log.empty() && !freopen(log.c_str(), "w", stdout)) _exit(126);
    const std::string port_text = std::to_string(port);
    execl(binary.c_str(), "haiquan", "serve", "--db", db.c_str(), "--port", port_text.c_str(), "--address",
          "127.0.0.1", "--web", web.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  for (int i = 0; i < 200 && http_get(port, "/healthz").empty(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  return pid;
}

inline void stop_server(pid_t& pid) {
  if (pid > 0) {
    kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
  }
  pid = -1;
}

}  // namespace hq::test
