#include "http/static_files.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace hq::http {

namespace fs = std::filesystem;

namespace {

std::string content_type(const std::string& path) {
  static const std::pair<const char*, const char*> kTypes[] = {
      {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},   {".json", "application/json"},
      {".svg", "image/svg+xml"},             {".png", "image/png"},
      {".ico", "image/x-icon"},              {".woff2", "font/woff2"},
      {".woff", "font/woff"},                {".txt", "text/plain; charset=utf-8"},
      {".map", "application/json"}};
  for (const auto& [ext, type] : kTypes)
    if (path.size() >= std::string_view(ext).size() &&
        path.compare(path.size() - std::string_view(ext).size(), std::string::npos, ext) == 0)
      return type;
  return "application/octet-stream";
}

// "/a/b.js" → "a/b.js" when every segment is a plain name: no empty segment (so no "//abs" and no
// trailing slash), no segment starting with '.' (".", "..", dot files), no backslash, no control byte.
// The path arrives percent-decoded, so "%2F", "%2e%2e" and "%5c" are judged by what they decode to.
std::optional<std::string> plain_relative(const std::string& path) {
  if (path.empty() || path.front() != '/' || path.size() > 1024) return std::nullopt;
  if (path == "/") return std::string();
  std::string relative = path.substr(1);
  std::size_t start = 0;
  while (start <= relative.size()) {
    const std::size_t end = std::min(relative.find('/', start), relative.size());
    const std::string_view segment(relative.data() + start, end - start);
    if (segment.empty() || segment.front() == '.') return std::nullopt;
    for (const char c : segment)
      if (c == '\\' || static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return std::nullopt;
    start = end + 1;
  }
  return relative;
}

bool inside(const std::string& root, const std::string& canonical) {
  return canonical.size() > root.size() + 1 && canonical.compare(0, root.size(), root) == 0 &&
         canonical[root.size()] == '/';
}

Response not_found() { return Response::error(404, "NOT_FOUND", "Không tìm thấy."); }

}  // namespace

StaticFiles::StaticFiles(std::string root) {
  std::error_code error;
  if (root.empty()) return;
  const fs::path canonical = fs::canonical(root, error);
  if (!error && fs::is_directory(canonical, error)) root_ = canonical.string();
}

std::optional<std::string> StaticFiles::resolve(const std::string& path) const {
  if (root_.empty()) return std::nullopt;
  const auto relative = plain_relative(path);
  if (!relative || relative->empty()) return std::nullopt;
  std::error_code error;
  const fs::path canonical = fs::canonical(fs::path(root_) / *relative, error);  // resolves symlinks
  if (error || !inside(root_, canonical.string()) || !fs::is_regular_file(canonical, error) || error)
    return std::nullopt;
  return canonical.string();
}

Response StaticFiles::send_file(const std::string& canonical, const std::string& relative, bool cache_forever) const {
  std::ifstream in(canonical, std::ios::binary);
  if (!in) return not_found();
  std::ostringstream bytes;
  bytes << in.rdbuf();
  Response response;
  response.headers.emplace_back("Content-Type", content_type(relative));
  response.headers.emplace_back("Cache-Control", cache_forever ? "public, max-age=31536000, immutable" : "no-cache");
  response.body = bytes.str();
  return response;
}

Response StaticFiles::serve(const Request& request) const {
  if (request.method != "GET" && request.method != "HEAD")
    return Response::error(405, "METHOD_NOT_ALLOWED", "Chỉ hỗ trợ GET cho tệp tĩnh.");
  const auto relative = plain_relative(request.path);
  if (!relative || root_.empty()) return not_found();
  if (const auto file = resolve(request.path)) return send_file(*file, *relative, relative->rfind("assets/", 0) == 0);
  // Something there that is not a file under the root (a symlink out of it, a folder): a bare 404. Nothing
  // there: a client-side route, which gets the app.
  std::error_code error;
  const auto there = fs::symlink_status(fs::path(root_) / *relative, error).type();
  if (!relative->empty() && there != fs::file_type::not_found && there != fs::file_type::none) return not_found();
  if (const auto index = resolve("/index.html")) return send_file(*index, "index.html", false);
  return not_found();
}

}  // namespace hq::http
