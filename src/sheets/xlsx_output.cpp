#include "sheets/xlsx_output.h"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/error.h"

namespace hq::sheets {

std::string write_to_bytes(const std::function<void(const std::string& path)>& write) {
  const char* dir = std::getenv("TMPDIR");
  std::string path = std::string(dir && *dir ? dir : "/tmp") + "/haiquan-xlsx-XXXXXX";
  const int fd = ::mkstemp(path.data());  // 0600: a report may hold what only its reader may see
  if (fd < 0) throw core::Error(core::ErrorKind::Unavailable, "TEMP_FILE", "Không tạo được tệp tạm cho bảng tính.");
  ::close(fd);
  struct Remove {
    std::string path;
    ~Remove() { ::unlink(path.c_str()); }
  } remove{path};
  write(path);
  std::ifstream in(path, std::ios::binary);
  if (!in) throw core::Error(core::ErrorKind::Unavailable, "TEMP_FILE", "Không đọc lại được bảng tính vừa tạo.");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace hq::sheets
