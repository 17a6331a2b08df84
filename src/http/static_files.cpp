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

bool safe_relative(const std::string& path) {
  if (path.find('\0') != std::string::npos || path.find('\\') != std::string::npos) return false;
  for (const auto& part : fs::path(path)) {
    if (part == ".." || part == ".") return false;
  }
  return true;
}

}  // namespace

StaticFiles::StaticFiles(std::string root) : root_(std::move(root)) {}

Response StaticFiles::send_file(const std::string& relative, bool cache_forever) const {
  std::ifstream in(fs::path(root_) / relative, std::ios::binary);
  if (!in) return Response::error(404, "NOT_FOUND", "Không tìm thấy tệp " + relative + ".");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  Response response;
  response.headers.emplace_back("Content-Type", content_type(relative));
  response.headers.emplace_back("Cache-Control", cache_forever ? "public, max-age=31536000, immutable" : "no-cache");
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  response.body = bytes.str();
  return response;
}

Response StaticFiles::serve(const Request& request) const {
  if (request.method != "GET" && request.method != "HEAD")
    return Response::error(405, "METHOD_NOT_ALLOWED", "Chỉ hỗ trợ GET cho tệp tĩnh.");
  std::string relative = request.path.empty() ? "" : request.path.substr(1);
  if (!safe_relative(relative)) return Response::error(400, "INVALID_PATH", "Đường dẫn không hợp lệ.");
  if (!relative.empty() && fs::is_regular_file(fs::path(root_) / relative))
    return send_file(relative, relative.rfind("assets/", 0) == 0);
  return send_file("index.html", false);
}

}  // namespace hq::http
