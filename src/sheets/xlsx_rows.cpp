#include "sheets/xlsx_rows.h"

#include <expat.h>
#include <unzip.h>

#include <algorithm>
#include <charconv>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <fstream>
#include <memory>
#include <optional>

#include "core/error.h"

namespace hq::sheets {
namespace {

using core::bad_input;

constexpr double kExcelSerialEnd = 2958466;  // 10000-01-01, past Excel's last date

[[noreturn]] void invalid_workbook(const std::string& name, const std::string& why) {
  bad_input("XLSX_INVALID", "Không đọc được bảng tính " + name + ": " + why + ".");
}

// Limits against zip bombs (a few KiB that inflate to gigabytes) and tables built to exhaust memory. The
// sheet is streamed, so its limit bounds time; shared strings and a cell's text are held, so theirs bound
// memory. Real workbooks stay far below: a 1M-row study sheet inflates to about 700 MiB at ~10:1.
constexpr std::uint64_t kMaxSheetBytes = 1ull << 30;   // the first sheet, decompressed
constexpr std::uint64_t kMaxPartBytes = 32ull << 20;   // workbook, relationships, styles, decompressed
constexpr std::uint64_t kMaxSharedStringsBytes = 100ull << 20;  // the shared-strings table's text, in total
constexpr std::size_t kMaxSharedStrings = 2'000'000;
constexpr std::size_t kMaxCellBytes = 32767 * 4;     // Excel's 32 767 characters, in UTF-8
constexpr std::uint64_t kMaxRatio = 200;             // decompressed : compressed, past the first kRatioFloor
constexpr std::uint64_t kRatioFloor = 64ull << 20;

[[noreturn]] void too_large(const std::string& name, const std::string& why, std::uint64_t limit) {
  throw core::Error(core::ErrorKind::TooLarge, "XLSX_TOO_LARGE",
                    "Không đọc được bảng tính " + name + ": " + why +
                        ". Tệp có thể là tệp nén bất thường (\"bom nén\"); hãy lưu lại bảng tính bằng Excel hoặc "
                        "nhập dạng CSV.",
                    {{"limit", limit}});
}

std::string mib(std::uint64_t bytes) { return std::to_string(bytes >> 20) + " MiB"; }

// ---- the zip package, from a file or from memory ----

// minizip reads an in-memory archive through these callbacks; the stream is the MemoryFile itself.
struct MemoryFile {
  std::string_view data;
  std::uint64_t pos = 0;
};

voidpf ZCALLBACK memory_open(voidpf opaque, const void*, int) {
  static_cast<MemoryFile*>(opaque)->pos = 0;
  return opaque;
}
uLong ZCALLBACK memory_read(voidpf, voidpf stream, void* buf, uLong size) {
  auto* f = static_cast<MemoryFile*>(stream);
  const auto n = static_cast<uLong>(std::min<std::uint64_t>(size, f->data.size() - f->pos));
  std::memcpy(buf, f->data.data() + f->pos, n);
  f->pos += n;
  return n;
}
uLong ZCALLBACK memory_write(voidpf, voidpf, const void*, uLong) { return 0; }
ZPOS64_T ZCALLBACK memory_tell(voidpf, voidpf stream) { return static_cast<MemoryFile*>(stream)->pos; }
long ZCALLBACK memory_seek(voidpf, voidpf stream, ZPOS64_T offset, int origin) {
  auto* f = static_cast<MemoryFile*>(stream);
  const std::uint64_t base = origin == ZLIB_FILEFUNC_SEEK_CUR ? f->pos
                             : origin == ZLIB_FILEFUNC_SEEK_END ? f->data.size()
                                                                : 0;
  if (offset > f->data.size() - std::min<std::uint64_t>(base, f->data.size())) return -1;
  f->pos = base + offset;
  return 0;
}
int ZCALLBACK memory_close(voidpf, voidpf) { return 0; }
int ZCALLBACK memory_error(voidpf, voidpf) { return 0; }

class XmlHandler;

// An open .xlsx package (a zip archive). `name` (a path, or what an upload is called) appears in messages.
class Package {
 public:
  explicit Package(const std::string& path) : name_(path), zip_(unzOpen64(path.c_str())) { check_open(); }
  Package(std::string_view bytes, const std::string& name) : name_(name), memory_{bytes} {
    zlib_filefunc64_def io{memory_open, memory_read, memory_write, memory_tell,
                           memory_seek, memory_close, memory_error, &memory_};
    zip_ = unzOpen2_64(name.c_str(), &io);
    check_open();
  }
  ~Package() { unzClose(zip_); }
  Package(const Package&) = delete;
  Package& operator=(const Package&) = delete;

  const std::string& name() const { return name_; }
  // Streams the entry through `handler`; false when the package has no such entry. Stops with
  // XLSX_TOO_LARGE once the entry inflates past `max_bytes` or past kMaxRatio times its compressed size.
  bool parse(const std::string& entry, XmlHandler& handler, const std::string& what,
             std::uint64_t max_bytes = kMaxPartBytes);

 private:
  void check_open() const {
    if (!zip_) invalid_workbook(name_, "tệp không phải bảng tính .xlsx hợp lệ (không giải nén được)");
  }

  std::string name_;
  MemoryFile memory_;
  unzFile zip_ = nullptr;
};

// ---- XML ----

// Thin expat wrapper: element start/end and text callbacks as virtual functions. Exceptions thrown by a
// handler are carried across the C library and rethrown from feed().
class XmlHandler {
 public:
  XmlHandler() : parser_(XML_ParserCreate("UTF-8")) {
    XML_SetUserData(parser_, this);
    XML_SetElementHandler(parser_, &XmlHandler::start_cb, &XmlHandler::end_cb);
    XML_SetCharacterDataHandler(parser_, &XmlHandler::text_cb);
  }
  virtual ~XmlHandler() { XML_ParserFree(parser_); }
  XmlHandler(const XmlHandler&) = delete;
  XmlHandler& operator=(const XmlHandler&) = delete;

  void feed(const char* data, std::size_t n, bool last, const std::string& what) {
    const XML_Status st = XML_Parse(parser_, data, static_cast<int>(n), last);
    if (error_) std::rethrow_exception(error_);
    if (st != XML_STATUS_OK)
      bad_input("XLSX_INVALID", "Bảng tính có phần " + what + " không phải XML hợp lệ: " +
                                    XML_ErrorString(XML_GetErrorCode(parser_)) + ".");
  }

 protected:
  virtual void start(std::string_view name, const char** attrs) = 0;
  virtual void end(std::string_view) {}
  virtual void text(std::string_view) {}
  static std::string_view local(std::string_view name) {  // drops a namespace prefix
    const auto k = name.find(':');
    return k == std::string_view::npos ? name : name.substr(k + 1);
  }
  static const char* attr(const char** attrs, std::string_view name) {
    for (; attrs && *attrs; attrs += 2)
      if (local(attrs[0]) == name) return attrs[1];
    return nullptr;
  }

 private:
  template <class F>
  static void guarded(void* self, F&& f) {
    auto* h = static_cast<XmlHandler*>(self);
    if (h->error_) return;
    try {
      f(*h);
    } catch (...) {
      h->error_ = std::current_exception();
      XML_StopParser(h->parser_, XML_FALSE);
    }
  }
  static void start_cb(void* self, const XML_Char* name, const XML_Char** attrs) {
    guarded(self, [&](XmlHandler& h) { h.start(local(name), attrs); });
  }
  static void end_cb(void* self, const XML_Char* name) {
    guarded(self, [&](XmlHandler& h) { h.end(local(name)); });
  }
  static void text_cb(void* self, const XML_Char* s, int n) {
    guarded(self, [&](XmlHandler& h) { h.text({s, static_cast<std::size_t>(n)}); });
  }

  XML_Parser parser_;
  std::exception_ptr error_;
};

bool Package::parse(const std::string& entry, XmlHandler& handler, const std::string& what, std::uint64_t max_bytes) {
  if (unzLocateFile(zip_, entry.c_str(), 2) != UNZ_OK) return false;
  unz_file_info64 info{};
  if (unzGetCurrentFileInfo64(zip_, &info, nullptr, 0, nullptr, 0, nullptr, 0) != UNZ_OK ||
      unzOpenCurrentFile(zip_) != UNZ_OK)
    invalid_workbook(name_, "không mở được " + entry);
  // The declared sizes may lie: the bytes actually inflated are counted.
  const std::uint64_t limit = std::min(max_bytes, std::max<std::uint64_t>(kRatioFloor, info.compressed_size * kMaxRatio));
  std::uint64_t inflated = 0;
  std::vector<char> buf(1 << 18);
  for (;;) {
    const int got = unzReadCurrentFile(zip_, buf.data(), static_cast<unsigned>(buf.size()));
    if (got < 0) invalid_workbook(name_, "dữ liệu nén bị hỏng");
    if ((inflated += static_cast<std::uint64_t>(got)) > limit) {
      unzCloseCurrentFile(zip_);
      too_large(name_,
                "phần " + entry + " giải nén ra hơn " + mib(limit) +
                    (limit < max_bytes ? " (gấp hơn " + std::to_string(kMaxRatio) + " lần kích thước nén)"
                                       : " (giới hạn " + mib(max_bytes) + ")"),
                limit);
    }
    handler.feed(buf.data(), static_cast<std::size_t>(got), got == 0, what);
    if (got == 0) break;
  }
  unzCloseCurrentFile(zip_);
  return true;
}

// The first <sheet> of workbook.xml and its relationship id.
struct FirstSheet : XmlHandler {
  std::string rel_id;
  void start(std::string_view name, const char** attrs) override {
    if (name == "sheet" && rel_id.empty())
      if (const char* id = attr(attrs, "id")) rel_id = id;
  }
};

struct Relations : XmlHandler {
  std::string wanted, target;
  void start(std::string_view name, const char** attrs) override {
    const char* id = attr(attrs, "Id");
    if (name == "Relationship" && id && wanted == id)
      if (const char* t = attr(attrs, "Target")) target = t;
  }
};

// sharedStrings.xml: the text of each <si>, phonetic runs (<rPh>) excluded.
struct SharedStrings : XmlHandler {
  std::vector<std::string> strings;
  int in_t = 0, in_phonetic = 0;
  void start(std::string_view name, const char**) override {
    if (name == "si" && strings.size() == kMaxSharedStrings)
      too_large(package, "bảng chuỗi dùng chung (sharedStrings) có hơn " + std::to_string(kMaxSharedStrings) + " chuỗi",
                kMaxSharedStrings);
    if (name == "si") strings.emplace_back();
    if (name == "rPh") ++in_phonetic;
    if (name == "t") ++in_t;
  }
  void end(std::string_view name) override {
    if (name == "rPh") --in_phonetic;
    if (name == "t") --in_t;
  }
  void text(std::string_view s) override {
    if (in_t == 0 || in_phonetic > 0 || strings.empty()) return;
    if (strings.back().size() + s.size() > kMaxCellBytes)
      bad_input("XLSX_CELL_TOO_LONG", "Bảng tính có chuỗi dùng chung thứ " + std::to_string(strings.size()) +
                                          " dài quá 32 767 ký tự (giới hạn của một ô Excel).");
    if ((total_bytes += s.size()) > kMaxSharedStringsBytes)
      too_large(package, "bảng chuỗi dùng chung (sharedStrings) dài hơn " + mib(kMaxSharedStringsBytes), kMaxSharedStringsBytes);
    strings.back().append(s);
  }
  std::string package;  // its name, for messages
  std::uint64_t total_bytes = 0;
};

// Whether a number format shows a date or time: a d, m, y, h or s outside quoted text, [brackets]
// (colours, locales, elapsed [h]) and escaped or padding characters.
bool is_date_format(std::string_view code) {
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == '"') {
      i = code.find('"', i + 1);
      if (i == std::string_view::npos) return false;
    } else if (c == '[') {
      i = code.find(']', i + 1);
      if (i == std::string_view::npos) return false;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;
    } else if (std::strchr("dmyhsDMYHS", c)) {
      return true;
    }
  }
  return false;
}

// Excel's built-in date and time formats (ECMA-376 §18.8.30, with the East Asian ones).
bool is_builtin_date_format(long id) {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

// styles.xml: for each cell format (<cellXfs><xf>, the index a cell's s="…" names), whether it shows a date.
struct Styles : XmlHandler {
  std::vector<long> xf_formats;
  std::vector<std::pair<long, bool>> custom;  // numFmtId → date?
  bool in_cell_xfs = false, in_num_fmts = false;  // (<dxfs> hold numFmt and xf elements too)
  void start(std::string_view name, const char** attrs) override {
    const char* id = attr(attrs, "numFmtId");
    if (name == "cellXfs") in_cell_xfs = true;
    if (name == "numFmts") in_num_fmts = true;
    if (name == "numFmt" && id && in_num_fmts) custom.emplace_back(std::atol(id), is_date_format(nullable(attr(attrs, "formatCode"))));
    if (name == "xf" && in_cell_xfs) xf_formats.push_back(id ? std::atol(id) : 0);
  }
  void end(std::string_view name) override {
    if (name == "cellXfs") in_cell_xfs = false;
    if (name == "numFmts") in_num_fmts = false;
  }
  std::vector<bool> date_styles() const {
    std::vector<bool> out;
    for (const long id : xf_formats) {
      const auto c = std::find_if(custom.begin(), custom.end(), [id](const auto& f) { return f.first == id; });
      out.push_back(c != custom.end() ? c->second : is_builtin_date_format(id));
    }
    return out;
  }
  static std::string_view nullable(const char* s) { return s ? s : ""; }
};

// "BC12" → 54 (0-based column); -1 when there are no letters.
int column_of(const char* ref) {
  int col = 0;
  bool any = false;
  for (; *ref >= 'A' && *ref <= 'Z' && col < 1'000'000; ++ref, any = true) col = col * 26 + (*ref - 'A' + 1);
  return any ? col - 1 : -1;
}

std::optional<double> parse_number(std::string_view raw) {
  double v = 0;
  const auto [ptr, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), v);
  if (ec != std::errc() || ptr != raw.data() + raw.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

// An integral number as digits ("1.04722599E+11" → "104722599000"); anything else as stored.
std::string number_text(const std::string& raw, double v) {
  if (std::fabs(v) >= 1e15 || v != std::floor(v)) return raw;
  return std::to_string(static_cast<long long>(v));
}

// Streams the sheet, turning each <row> into cells for the handler.
class SheetReader : public XmlHandler {
 public:
  SheetReader(const std::vector<std::string>& shared, const std::vector<bool>& date_styles, const CellRowHandler& on_row)
      : shared_(shared), date_styles_(date_styles), on_row_(on_row) {}
  std::size_t rows() const { return rows_; }

 protected:
  void start(std::string_view name, const char** attrs) override {
    if (name == "row") {
      const char* r = attr(attrs, "r");
      row_ = r ? std::strtoull(r, nullptr, 10) : row_ + 1;
      cells_.clear();
      next_col_ = 0;
    } else if (name == "c") {
      const char* ref = attr(attrs, "r");
      const int col = ref ? column_of(ref) : -1;
      col_ = col >= 0 ? static_cast<std::size_t>(col) : next_col_;
      next_col_ = col_ + 1;
      const char* t = attr(attrs, "t");
      type_ = t ? t : "n";
      const char* s = attr(attrs, "s");
      style_ = s ? std::strtoul(s, nullptr, 10) : 0;
      value_.clear();
    } else if (name == "v" || name == "t") {
      capture_ = true;
    }
  }
  void end(std::string_view name) override {
    if (name == "v" || name == "t") capture_ = false;
    if (name == "c") store_cell();
    if (name == "row") finish_row();
  }
  void text(std::string_view s) override {
    if (!capture_) return;
    if (value_.size() + s.size() > kMaxCellBytes)
      bad_input("XLSX_CELL_TOO_LONG", "Bảng tính có ô ở dòng " + std::to_string(row_) +
                                          " dài quá 32 767 ký tự (giới hạn của một ô Excel).",
                {{"row", row_}});
    value_.append(s);
  }

 private:
  void store_cell() {
    if (col_ >= 16384 || value_.empty()) return;  // beyond Excel's last column (junk), or empty
    if (cells_.size() <= col_) cells_.resize(col_ + 1);
    Cell& cell = cells_[col_];
    cell.kind = Cell::Kind::Text;
    if (type_ == "s") {
      std::size_t i = 0;
      std::from_chars(value_.data(), value_.data() + value_.size(), i);
      cell.text = i < shared_.size() ? shared_[i] : std::string();
    } else if (type_ == "b") {
      cell.kind = Cell::Kind::Boolean;
      cell.number = value_ == "1" ? 1 : 0;
      cell.text = value_ == "1" ? "TRUE" : "FALSE";
    } else if (const auto v = type_ == "n" ? parse_number(value_) : std::nullopt) {
      const bool date = style_ < date_styles_.size() && date_styles_[style_] && *v >= 0 && *v < kExcelSerialEnd;
      cell.kind = date ? Cell::Kind::Date : Cell::Kind::Number;
      cell.number = *v;
      cell.text = date ? excel_serial_text(*v) : number_text(value_, *v);
    } else {
      cell.text = value_;
    }
    if (cell.text.empty()) cell.kind = Cell::Kind::Empty;
  }
  void finish_row() {
    if (std::none_of(cells_.begin(), cells_.end(), [](const Cell& c) { return c.kind != Cell::Kind::Empty; })) return;
    ++rows_;
    on_row_(row_, cells_);
  }

  const std::vector<std::string>& shared_;
  const std::vector<bool>& date_styles_;
  const CellRowHandler& on_row_;
  std::size_t rows_ = 0, row_ = 0, col_ = 0, next_col_ = 0, style_ = 0;
  std::vector<Cell> cells_;
  std::string type_, value_;
  bool capture_ = false;
};

// The part holding the first sheet, following the workbook's relationships.
std::string first_sheet_entry(Package& pkg) {
  constexpr const char* kDefault = "xl/worksheets/sheet1.xml";
  FirstSheet sheet;
  if (!pkg.parse("xl/workbook.xml", sheet, "workbook")) invalid_workbook(pkg.name(), "thiếu xl/workbook.xml");
  if (sheet.rel_id.empty()) return kDefault;
  Relations rels;
  rels.wanted = sheet.rel_id;
  if (!pkg.parse("xl/_rels/workbook.xml.rels", rels, "workbook.xml.rels") || rels.target.empty()) return kDefault;
  return rels.target.front() == '/' ? rels.target.substr(1) : "xl/" + rels.target;
}

std::size_t read_package(Package& pkg, const CellRowHandler& on_row) {
  SharedStrings shared;
  shared.package = pkg.name();
  pkg.parse("xl/sharedStrings.xml", shared, "sharedStrings", kMaxSharedStringsBytes * 2);
  Styles styles;
  pkg.parse("xl/styles.xml", styles, "styles");
  const std::vector<bool> date_styles = styles.date_styles();
  const std::string entry = first_sheet_entry(pkg);
  SheetReader sheet(shared.strings, date_styles, on_row);
  if (!pkg.parse(entry, sheet, "trang tính", kMaxSheetBytes))
    invalid_workbook(pkg.name(), "không tìm thấy trang tính đầu tiên (" + entry + ")");
  return sheet.rows();
}

// Adapts a text-only handler: the cells' texts, in a vector reused from row to row.
CellRowHandler as_text(const RowHandler& on_row) {
  return [&on_row, texts = std::vector<std::string>()](std::size_t row, const std::vector<Cell>& cells) mutable {
    texts.resize(cells.size());
    for (std::size_t i = 0; i < cells.size(); ++i) texts[i] = cells[i].text;
    on_row(row, texts);
  };
}

bool ends_with_xlsx(const std::string& path) {
  if (path.size() < 5) return false;
  std::string tail = path.substr(path.size() - 5);
  std::transform(tail.begin(), tail.end(), tail.begin(), [](unsigned char c) { return std::tolower(c); });
  return tail == ".xlsx";
}

}  // namespace

std::size_t read_xlsx_cells(const std::string& path, const CellRowHandler& on_row) {
  Package pkg(path);
  return read_package(pkg, on_row);
}

std::size_t read_xlsx_cells_from_bytes(std::string_view bytes, const CellRowHandler& on_row, const std::string& name) {
  Package pkg(bytes, name);
  return read_package(pkg, on_row);
}

std::size_t read_xlsx_rows(const std::string& path, const RowHandler& on_row) {
  return read_xlsx_cells(path, as_text(on_row));
}

std::size_t read_xlsx_rows_from_bytes(std::string_view bytes, const RowHandler& on_row, const std::string& name) {
  return read_xlsx_cells_from_bytes(bytes, as_text(on_row), name);
}

bool has_zip_signature(std::string_view bytes) { return bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4); }

bool looks_like_xlsx(const std::string& path) {
  if (ends_with_xlsx(path)) return true;
  std::ifstream in(path, std::ios::binary);
  char magic[4] = {};
  return in.read(magic, 4) && has_zip_signature({magic, 4});
}

core::UnixSeconds from_excel_serial(double serial) {
  const auto local = static_cast<core::UnixSeconds>(std::llround((serial - 25569.0) * 86400.0));
  return local - core::kVietnamOffsetSeconds;
}

double to_excel_serial(core::UnixSeconds t) {
  return static_cast<double>(t + core::kVietnamOffsetSeconds) / 86400.0 + 25569.0;
}

std::string excel_serial_text(double serial) {
  if (!(serial >= 0 && serial < kExcelSerialEnd)) {  // not a date Excel can show: the number as is
    char buf[32];
    return std::string(buf, std::to_chars(buf, buf + sizeof buf, serial).ptr);
  }
  const long long seconds = std::llround(serial * 86400.0);
  const long long days = seconds / 86400;
  const int in_day = static_cast<int>(seconds % 86400);
  char time[16];
  std::snprintf(time, sizeof time, "%02d:%02d:%02d", in_day / 3600, in_day / 60 % 60, in_day % 60);
  if (days == 0 && in_day != 0) return time;  // a time of day without a date
  const std::string date = core::format_date(core::civil_from_days(days - 25569));
  return in_day == 0 ? date : date + " " + time;
}

}  // namespace hq::sheets
