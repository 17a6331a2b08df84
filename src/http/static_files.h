#pragma once
// Serves the single-page app from a folder (web/dist): hashed assets cached for a year, index.html never
// cached, unknown paths answered with index.html (client-side routes). Only files whose canonical path
// (symlinks resolved) stays under the canonical root are ever opened; every other spelling of a path
// (absolute, empty segments, `.`/`..`, backslashes, control bytes, dot files) gets a bare 404.
#include <optional>
#include <string>

#include "http/message.h"

namespace hq::http {

class StaticFiles {
 public:
  explicit StaticFiles(std::string root);
  Response serve(const Request& request) const;
  // The file a decoded request path names, canonical and under the root; nullopt for anything else.
  // Never opens a file (stat only).
  std::optional<std::string> resolve(const std::string& path) const;

 private:
  Response send_file(const std::string& canonical, const std::string& relative, bool cache_forever) const;
  std::string root_;  // canonical; empty when the folder does not exist (nothing is served)
};

}  // namespace hq::http
