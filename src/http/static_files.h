#pragma once
// Serves the single-page app from a folder (web/dist): hashed assets cached for a year, index.html never
// cached, unknown paths answered with index.html (client-side routes), path traversal refused.
#include <string>

#include "http/message.h"

namespace hq::http {

class StaticFiles {
 public:
  explicit StaticFiles(std::string root);
  Response serve(const Request& request) const;

 private:
  Response send_file(const std::string& relative, bool cache_forever) const;
  std::string root_;
};

}  // namespace hq::http
