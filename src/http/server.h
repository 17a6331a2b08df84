#pragma once
#include <cstddef>
#include <string>

#include "http/router.h"

namespace hq::http {

struct ServerOptions {
  std::string address = "0.0.0.0";
  unsigned short port = 8080;
  std::size_t threads = 4;
  std::size_t max_url_bytes = 8 * 1024;
  std::size_t max_header_bytes = 64 * 1024;
  std::size_t max_body_bytes = 10 * 1024 * 1024;        // every route …
  std::size_t max_upload_bytes = 256 * 1024 * 1024;     // … except those that accept file uploads
  bool trust_proxy = false;  // client address from the last X-Forwarded-For hop (behind nginx)
};

// Serves until SIGINT or SIGTERM; then refuses new requests and lets those in flight finish.
void serve(const Router& router, const ServerOptions& options);

}  // namespace hq::http
