#include "trs/xlsx_reader.h"

#include <expat.h>
#include <unzip.h>

#include <charconv>
#include <cmath>
#include <exception>
#include <fstream>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "trs/text_util.h"

namespace hq::trs {
namespace {

using core::bad_input;

[[noreturn]] void invalid_workbook(const std::string& path, const std::string& why) {
  bad_input("XLSX_INVALID", "Không đọc được bảng tính " + path + ": " + why + ".");
}

// An open .xlsx package (a zip archive).
class Package {
 public:
  explicit Package(const std::string& path) : path_(path), zip_(unzOpen64(path.c_str())) {
    if (!zip_) invalid_workbook(path, "tệp không phải bảng tính .xlsx hợp lệ (không giải nén được)");
  }
  ~Package() { unzClose(zip_); }
  Package(const Package&) = delete;
  Package& operator=(const Package&) = delete;

  bool open(const std::string& entry) {
    if (unzLocateFile(zip_, entry.c_str(), 2) != UNZ_OK) return false;
    if (unzOpenCurrentFile(zip_) != UNZ_OK) invalid_workbook(path_, "không mở được " + entry);
    return true;
  }
  // Reads the open entry in chunks; returns 0 at its end.
  std::size_t read(char* dst, std::size_t n) {
    const int got = unzReadCurrentFile(zip_, dst, static_cast<unsigned>(n));
    if (got < 0) invalid_workbook(path_, "dữ liệu nén bị hỏng");
    if (got == 0) unzCloseCurrentFile(zip_);
    return static_cast<std::size_t>(got);
  }
  std::optional<std::string> slurp(const std::string& entry) {
    if (!open(entry)) return std::nullopt;
    std::string out;
    char buf[1 << 16];
    while (const std::size_t n = read(buf, sizeof buf)) out.append(buf, n);
    return out;
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  unzFile zip_;
};

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
  void parse_all(std::string_view xml, const std::string& what) { feed(xml.data(), xml.size(), true, what); }

 protected:
  virtual void start(std::string_view name, const char** attrs) = 0;
  virtual void end(std::string_view name) = 0;
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

// The first <sheet> of workbook.xml and its relationship target.
struct FirstSheet : XmlHandler {
  std::string rel_id;
  void start(std::string_view name, const char** attrs) override {
    if (name == "sheet" && rel_id.empty())
      if (const char* id = attr(attrs, "id")) rel_id = id;
  }
  void end(std::string_view) override {}
};

struct Relations : XmlHandler {
  std::string wanted, target;
  void start(std::string_view name, const char** attrs) override {
    const char* id = attr(attrs, "Id");
    if (name == "Relationship" && id && wanted == id)
      if (const char* t = attr(attrs, "Target")) target = t;
  }
  void end(std::string_view) override {}
};

// sharedStrings.xml: the text of each <si>, phonetic runs (<rPh>) excluded.
struct SharedStrings : XmlHandler {
  std::vector<std::string> strings;
  int in_t = 0, in_phonetic = 0;
  void start(std::string_view name, const char**) override {
    if (name == "si") strings.emplace_back();
    if (name == "rPh") ++in_phonetic;
    if (name == "t") ++in_t;
  }
  void end(std::string_view name) override {
    if (name == "rPh") --in_phonetic;
    if (name == "t") --in_t;
  }
  void text(std::string_view s) override {
    if (in_t > 0 && in_phonetic == 0 && !strings.empty()) strings.back().append(s);
  }
};

// "BC12" → 54 (0-based column); -1 when there are no letters.
int column_of(const char* ref) {
  int col = 0;
  bool any = false;
  for (; *ref >= 'A' && *ref <= 'Z'; ++ref, any = true) col = col * 26 + (*ref - 'A' + 1);
  return any ? col - 1 : -1;
}

// Renders an integral number as digits ("1.04722599E+11" → "104722599000"); anything else unchanged.
std::string number_text(const std::string& raw) {
  double v = 0;
  const auto [ptr, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), v);
  if (ec != std::errc() || ptr != raw.data() + raw.size() || std::fabs(v) >= 1e15 || v != std::floor(v)) return raw;
  return std::to_string(static_cast<long long>(v));
}

// Streams the sheet: rows → RowDecoder → sink.
class SheetReader : public XmlHandler {
 public:
  SheetReader(const std::vector<std::string>& shared, RecordSink& sink) : shared_(shared), sink_(sink) {}
  std::size_t rows() const { return rows_; }
  bool saw_header() const { return decoder_.has_value(); }

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
    if (capture_) value_.append(s);
  }

 private:
  void store_cell() {
    if (col_ >= 16384) return;  // beyond Excel's last column: junk
    if (cells_.size() <= col_) cells_.resize(col_ + 1);
    std::string& cell = cells_[col_];
    if (type_ == "s") {
      std::size_t i = 0;
      std::from_chars(value_.data(), value_.data() + value_.size(), i);
      cell = i < shared_.size() ? shared_[i] : std::string();
    } else if (type_ == "b") {
      cell.assign(value_ == "1" ? std::string_view("Y") : std::string_view("N"));
    } else if (type_ == "n" && !value_.empty()) {
      const ColumnDef* c = decoder_ ? decoder_->column_at(col_) : nullptr;
      double serial = 0;
      const auto [ptr, ec] = std::from_chars(value_.data(), value_.data() + value_.size(), serial);
      if (c && c->kind == ColumnKind::Time && ec == std::errc() && ptr == value_.data() + value_.size())
        cell = format_local_time(from_excel_serial(serial));
      else
        cell = number_text(value_);
    } else {
      cell = value_;
    }
  }
  void finish_row() {
    views_.assign(cells_.begin(), cells_.end());
    if (std::all_of(views_.begin(), views_.end(), [](std::string_view v) { return trim(v).empty(); })) return;
    if (!decoder_) {
      decoder_.emplace(views_);
      return;
    }
    ++rows_;
    decoder_->decode(row_, views_, record_, sink_);
    sink_.on_record(record_);
  }

  const std::vector<std::string>& shared_;
  RecordSink& sink_;
  std::optional<RowDecoder> decoder_;
  Record record_;
  std::size_t rows_ = 0, row_ = 0, col_ = 0, next_col_ = 0;
  std::vector<std::string> cells_;
  std::vector<std::string_view> views_;
  std::string type_, value_;
  bool capture_ = false;
};

std::string first_sheet_entry(Package& pkg) {
  constexpr const char* kDefault = "xl/worksheets/sheet1.xml";
  const auto workbook = pkg.slurp("xl/workbook.xml");
  if (!workbook) invalid_workbook(pkg.path(), "thiếu xl/workbook.xml");
  FirstSheet sheet;
  sheet.parse_all(*workbook, "workbook");
  const auto rels = pkg.slurp("xl/_rels/workbook.xml.rels");
  if (sheet.rel_id.empty() || !rels) return kDefault;
  Relations r;
  r.wanted = sheet.rel_id;
  r.parse_all(*rels, "workbook.xml.rels");
  if (r.target.empty()) return kDefault;
  return r.target.front() == '/' ? r.target.substr(1) : "xl/" + r.target;
}

}  // namespace

bool looks_like_xlsx(const std::string& path) {
  if (path.size() >= 5 && iequals(std::string_view(path).substr(path.size() - 5), ".xlsx")) return true;
  std::ifstream in(path, std::ios::binary);
  char magic[4] = {};
  return in.read(magic, 4) && std::string_view(magic, 4) == std::string_view("PK\x03\x04", 4);
}

UnixSeconds from_excel_serial(double serial) {
  const auto local = static_cast<UnixSeconds>(std::llround((serial - 25569.0) * 86400.0));
  return local - core::kVietnamOffsetSeconds;
}

double to_excel_serial(UnixSeconds t) {
  return static_cast<double>(t + core::kVietnamOffsetSeconds) / 86400.0 + 25569.0;
}

std::size_t read_xlsx_file(const std::string& path, RecordSink& sink) {
  Package pkg(path);
  std::vector<std::string> shared;
  if (const auto xml = pkg.slurp("xl/sharedStrings.xml")) {
    SharedStrings s;
    s.parse_all(*xml, "sharedStrings");
    shared = std::move(s.strings);
  }
  const std::string entry = first_sheet_entry(pkg);
  if (!pkg.open(entry)) invalid_workbook(path, "không tìm thấy trang tính đầu tiên (" + entry + ")");
  SheetReader sheet(shared, sink);
  std::vector<char> buf(1 << 18);
  for (;;) {
    const std::size_t n = pkg.read(buf.data(), buf.size());
    sheet.feed(buf.data(), n, n == 0, "trang tính");
    if (n == 0) break;
  }
  if (!sheet.saw_header())
    bad_input("EMPTY_FILE", "Trang tính đầu tiên của bảng tính " + path + " rỗng: không có dòng tiêu đề và dữ liệu.");
  return sheet.rows();
}

}  // namespace hq::trs
