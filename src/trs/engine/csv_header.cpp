// The start of a CSV file (csv_parser.h): encoding and separator checks, the header record.
#include <algorithm>

#include "core/error.h"
#include "trs/engine/csv_parser.h"
#include "trs/engine/text_util.h"

namespace hq::trs::detail {

using core::bad_input;

bool blank(std::span<const std::string_view> fields) {
  return std::all_of(fields.begin(), fields.end(), [](std::string_view f) { return trim(f).empty(); });
}

void sniff(CsvParser& parser, std::string_view what) {
  const std::string_view head = parser.prefix();
  if (head.empty()) bad_input("EMPTY_FILE", "Tệp " + std::string(what) + " rỗng: không có dòng tiêu đề và dữ liệu.");
  const auto starts = [&](std::string_view magic) { return head.substr(0, magic.size()) == magic; };
  if (starts("\xFF\xFE") || starts("\xFE\xFF") || head.find('\0') != std::string_view::npos)
    bad_input("UTF16_ENCODING", "Tệp " + std::string(what) +
                                    " được lưu bằng mã UTF-16 (Unicode của Excel). Hãy lưu lại dưới dạng "
                                    "\"CSV UTF-8 (Comma delimited)\".");
  if (starts("PK\x03\x04"))
    bad_input("NOT_CSV", "Tệp " + std::string(what) + " là tệp nén (có thể là bảng tính .xlsx), không phải CSV. "
                                                      "Hãy đặt đuôi .xlsx hoặc xuất lại dưới dạng CSV UTF-8.");
  if (starts("\xEF\xBB\xBF")) parser.skip(3);
}

std::vector<std::string_view> read_header(CsvParser& parser, std::vector<std::string_view>& fields,
                                          std::string_view what) {
  do {
    if (!parser.next(fields))
      bad_input("EMPTY_FILE", "Tệp " + std::string(what) + " rỗng: không có dòng tiêu đề và dữ liệu.");
  } while (blank(fields));
  if (fields.size() == 1 && fields[0].find(';') != std::string_view::npos)
    bad_input("SEMICOLON_SEPARATED",
              "Tệp " + std::string(what) +
                  " dùng dấu chấm phẩy (;) để phân cách cột — đây là CSV do Excel xuất theo thiết lập vùng Việt Nam. "
                  "Hãy xuất lại với dấu phẩy (,) làm dấu phân cách (\"CSV UTF-8 (Comma delimited)\").");
  if (fields.size() == 1 && fields[0].find('\t') != std::string_view::npos)
    bad_input("TAB_SEPARATED", "Tệp " + std::string(what) +
                                   " dùng ký tự tab để phân cách cột. Hãy xuất lại với dấu phẩy (,) làm dấu phân cách.");
  for (std::string_view f : fields)
    if (!core::is_valid_utf8(f))
      bad_input("INVALID_ENCODING", "Dòng tiêu đề của tệp " + std::string(what) +
                                        " không phải UTF-8 (có thể lưu bằng bảng mã Windows-1258 hoặc TCVN3). "
                                        "Hãy lưu lại dưới dạng CSV UTF-8.");
  return fields;
}

}  // namespace hq::trs::detail
