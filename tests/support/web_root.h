#pragma once
// A web root for the static-file tests, made afresh in the temporary directory: `<tmp>/<stem>_<pid>` holding
// web/index.html, web/assets/<app_js> and, beside web/ (outside the root), secret.txt. Each test adds its own
// traps (dot files, links) and removes the directory when done.
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

namespace hq::test {

inline std::filesystem::path fresh_web_root(const std::string& stem, const std::string& index_html,
                                            const std::string& app_js, const std::string& secret) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / (stem + "_" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "web/assets");
  std::ofstream(dir / "web/index.html") << index_html;
  std::ofstream(dir / "web/assets" / app_js) << "console.log(1)";
  std::ofstream(dir / "secret.txt") << secret;
  return dir;
}

}  // namespace hq::test
