#include "trs/csv_reader.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <unordered_map>

#include "core/error.h"
#include "core/ordered_pipeline.h"
#include "core/parallel_for.h"
#include "trs/text_util.h"
#include "trs/xlsx_reader.h"

namespace hq::trs {
namespace {

using core::bad_input;

// ---------------------------------------------------------------------------------------------- sources

class FileSource : public ByteSource {
 public:
  FileSource(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  ~FileSource() override { ::close(fd_); }
  std::size_t read(char* dst, std::size_t n) override {
    for (;;) {
      const ssize_t got = ::read(fd_, dst, n);
      if (got >= 0) return static_cast<std::size_t>(got);
      if (errno == EINTR) continue;
      bad_input("FILE_UNREADABLE", "Không đọc được tệp " + path_ + ": " + std::strerror(errno) + ".");
    }
  }

 private:
  int fd_;
  std::string path_;
};

class MemorySource : public ByteSource {
 public:
  explicit MemorySource(std::string_view text) : text_(text) {}
  std::size_t read(char* dst, std::size_t n) override {
    n = std::min(n, text_.size());
    std::memcpy(dst, text_.data(), n);
    text_.remove_prefix(n);
    return n;
  }

 private:
  std::string_view text_;
};

// ---------------------------------------------------------------------------------------------- parser

// RFC 4180 splitter over a block buffer. Fields are views into the buffer, valid until the next call.
// A record is parsed only once it is complete in the buffer, so quoted fields can be unescaped in place.
class CsvParser {
 public:
  // The buffer starts small (cheap for small inputs) and doubles up to `max_block` while input keeps coming.
  explicit CsvParser(ByteSource& src, std::size_t max_block = std::size_t{1} << 22)
      : src_(src), buf_(std::size_t{1} << 16), max_block_(max_block) {
    while (!eof_ && end_ < 4096) fill();  // enough for sniffing the encoding and the separator
  }

  std::string_view prefix() const { return {buf_.data() + begin_, end_ - begin_}; }
  void skip(std::size_t n) { begin_ += n; }

  // Next record (including blank ones); false at the end of input.
  bool next(std::vector<std::string_view>& fields) {
    for (;;) {
      if (begin_ == end_ && eof_) return false;
      std::size_t newlines = 0;
      char* p = nullptr;
      if (parse(fields, p, newlines)) {
        begin_ = static_cast<std::size_t>(p - buf_.data());
        record_line_ = line_;
        line_ += newlines;
        for (std::size_t i = 0; i < fields.size(); ++i)
          if (quoted_[i]) fields[i] = unescape(const_cast<char*>(fields[i].data()), fields[i].size());
        return true;
      }
      fill();
    }
  }
  std::size_t record_line() const { return record_line_; }
  bool unterminated() const { return unterminated_; }

 private:
  static constexpr std::array<bool, 256> kDelimiter = [] {
    std::array<bool, 256> t{};
    t[','] = t['\n'] = t['\r'] = true;
    return t;
  }();

  void fill() {
    if (begin_ > 0) {
      std::memmove(buf_.data(), buf_.data() + begin_, end_ - begin_);
      end_ -= begin_;
      begin_ = 0;
    }
    if (end_ == buf_.size() || (end_ > buf_.size() / 2 && buf_.size() < max_block_))
      buf_.resize(buf_.size() * 2);  // a record longer than the buffer, or a large input
    const std::size_t got = src_.read(buf_.data() + end_, buf_.size() - end_);
    if (got == 0) eof_ = true;
    end_ += got;
  }

  // Parses one record at begin_; false when it is not complete in the buffer yet.
  bool parse(std::vector<std::string_view>& fields, char*& p, std::size_t& newlines) {
    fields.clear();
    quoted_.clear();
    unterminated_ = false;
    p = buf_.data() + begin_;
    char* const end = buf_.data() + end_;
    for (;;) {
      char* const start = p;
      const bool quoted = p < end && *p == '"';
      if (quoted) {
        char* q = p + 1;
        for (;;) {
          char* found = static_cast<char*>(std::memchr(q, '"', static_cast<std::size_t>(end - q)));
          if (!found) {
            if (!eof_) return false;
            newlines += static_cast<std::size_t>(std::count(q, end, '\n'));
            unterminated_ = true;
            p = end;
            break;
          }
          newlines += static_cast<std::size_t>(std::count(q, found, '\n'));
          if (found + 1 == end && !eof_) return false;  // cannot tell "" from a closing quote yet
          if (found + 1 < end && found[1] == '"') {
            q = found + 2;
            continue;
          }
          p = found + 1;
          break;
        }
      }
      while (p < end && !kDelimiter[static_cast<unsigned char>(*p)]) ++p;  // text (or junk after a quote)
      if (p == end && !eof_) return false;
      fields.emplace_back(start, static_cast<std::size_t>(p - start));
      quoted_.push_back(quoted);
      if (p == end) return true;
      if (*p == ',') {
        ++p;
        continue;
      }
      if (*p == '\r') {
        if (p + 1 == end && !eof_) return false;
        ++p;
        if (p < end && *p == '\n') ++p;
      } else {
        ++p;
      }
      ++newlines;
      return true;
    }
  }

  // Removes the enclosing quotes and turns "" into " (in place; the result is never longer).
  static std::string_view unescape(char* s, std::size_t n) {
    char* out = s;
    bool in_quotes = false;
    for (std::size_t i = 0; i < n; ++i) {
      if (s[i] != '"') {
        *out++ = s[i];
      } else if (in_quotes && i + 1 < n && s[i + 1] == '"') {
        *out++ = '"';
        ++i;
      } else {
        in_quotes = !in_quotes;
      }
    }
    return {s, static_cast<std::size_t>(out - s)};
  }

  ByteSource& src_;
  std::vector<char> buf_;
  std::size_t max_block_;
  std::size_t begin_ = 0, end_ = 0;
  bool eof_ = false;
  std::size_t line_ = 1, record_line_ = 0;
  bool unterminated_ = false;
  std::vector<char> quoted_;
};

bool blank(std::span<const std::string_view> fields) {
  return std::all_of(fields.begin(), fields.end(), [](std::string_view f) { return trim(f).empty(); });
}

// Rejects what is clearly not a UTF-8 CSV, and skips a UTF-8 BOM.
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

// Reads the first non-blank record as a header; rejects semicolon/tab separated files.
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
    if (!valid_utf8(f))
      bad_input("INVALID_ENCODING", "Dòng tiêu đề của tệp " + std::string(what) +
                                        " không phải UTF-8 (có thể lưu bằng bảng mã Windows-1258 hoặc TCVN3). "
                                        "Hãy lưu lại dưới dạng CSV UTF-8.");
  return fields;
}

// -------------------------------------------------------------------------------------- cell decoding

int match_name(std::span<const std::string_view> names, std::string_view cell) {
  for (std::size_t i = 0; i < names.size(); ++i)
    if (iequals(names[i], cell)) return static_cast<int>(i);
  return -1;
}

std::string allowed_list(std::span<const std::string_view> names) {
  std::string out;
  for (std::string_view n : names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

Issue cell_issue(std::size_t line, std::string_view declaration_no, std::string_view column, std::string_view value,
                 const std::string& reason) {
  Issue i;
  i.line = line;
  i.declaration_no = std::string(declaration_no);
  i.code = kInvalidValue;
  i.column = std::string(column);
  i.value = std::string(utf8_prefix(value, 120));
  i.message = "Dòng " + std::to_string(line) + ", cột " + i.column + ": giá trị \"" + i.value +
              "\" không hợp lệ — " + reason + ".";
  return i;
}

// Decodes one trimmed cell into the record; returns "" or the reason it is invalid (then the cell is cleared).
std::string decode_cell(const ColumnDef& c, std::string_view cell, Record& r) {
  switch (c.kind) {
    case ColumnKind::Text: {
      std::string& dst = c.text(r);
      dst.assign(cell);
      if (cell.empty()) return {};
      if (!valid_utf8(cell)) {
        dst.clear();
        return "không phải văn bản UTF-8 (có thể tệp lưu bằng bảng mã Windows-1258/TCVN3)";
      }
      std::string why = check_text_rule(c.rule, cell);
      if (!why.empty() && c.rule != TextRule::DeclarationNo) dst.clear();  // the number is kept to name the row
      return why;
    }
    case ColumnKind::Time: {
      Time& dst = c.time(r);
      dst.reset();
      if (cell.empty()) return {};
      std::string why;
      dst = parse_time_cell(cell, &why);
      return why;
    }
    case ColumnKind::YesNo: {
      auto& dst = c.yes_no(r);
      dst.reset();
      if (cell.empty()) return {};
      const int i = match_name(c.values, cell);
      if (i < 0) return "chỉ nhận Y (có) hoặc N (không)";
      dst = i == 1;
      return {};
    }
    case ColumnKind::Enum: {
      c.set_enum(r, -1);
      if (cell.empty()) return {};
      const int i = match_name(c.values, cell);
      if (i < 0) return "chỉ nhận một trong các giá trị " + allowed_list(c.values);
      c.set_enum(r, i);
      return {};
    }
    case ColumnKind::List: {
      CodeSet& dst = c.list(r);
      dst = 0;
      CodeSet set = 0;
      std::string unknown;
      for_each_token(cell, ';', [&](std::string_view token) {
        const int i = match_name(c.values, token);
        if (i >= 0) {
          set |= CodeSet{1} << i;
        } else {
          if (!unknown.empty()) unknown += ", ";
          unknown += token;
        }
      });
      if (!unknown.empty())
        return "mã không có trong danh mục: " + unknown + " (các mã hợp lệ, phân cách bằng dấu ;: " +
               allowed_list(c.values) + ")";
      dst = set;
      return {};
    }
  }
  return {};
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& ch : out)
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  return out;
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

}  // namespace

// ---------------------------------------------------------------------------------------------- sinks

void PreparingSink::on_record(const Record& r) {
  if (!scratch_) scratch_ = make_prepared();
  prepare(r, *scratch_);
  on_prepared(r, *scratch_);
}

// ---------------------------------------------------------------------------------------------- decoder

RowDecoder::RowDecoder(std::span<const std::string_view> header) {
  std::vector<std::string> unknown, duplicate;
  std::vector<bool> seen(columns().size());
  std::size_t known = 0;
  for (std::string_view raw : header) {
    const std::string name = lower_ascii(trim(raw));
    const int c = name.empty() ? -1 : column_index(name);
    if (!name.empty() && c < 0) unknown.push_back("\"" + std::string(utf8_prefix(trim(raw), 60)) + "\"");
    if (c >= 0 && seen[c]) {
      duplicate.push_back(name);
      cols_.push_back(-1);
      continue;
    }
    if (c >= 0) seen[c] = true, ++known;
    if (c >= 0 && columns()[c].name == "declaration_no") declaration_pos_ = static_cast<int>(cols_.size());
    if (c >= 0 && columns()[c].name == "flow") flow_pos_ = static_cast<int>(cols_.size());
    cols_.push_back(c);
  }
  if (known == 0)
    bad_input("WRONG_HEADER",
              "Dòng đầu tiên không phải dòng tiêu đề của biểu mẫu đo thời gian giải phóng hàng: không có cột nào "
              "đúng tên (cần các cột như flow, declaration_no, registered_at, released_at…).",
              {{"unknown_columns", unknown}});
  if (!unknown.empty())
    bad_input("UNKNOWN_COLUMNS", "Dòng tiêu đề có cột không thuộc biểu mẫu: " + join(unknown) + ".",
              {{"unknown_columns", unknown}});
  if (!duplicate.empty())
    bad_input("DUPLICATE_COLUMNS", "Dòng tiêu đề có cột bị lặp lại: " + join(duplicate) + ".",
              {{"duplicate_columns", duplicate}});
  std::vector<std::string> missing;
  for (std::string_view required : {"flow", "declaration_no"})
    if (!seen[static_cast<std::size_t>(column_index(required))]) missing.emplace_back(required);
  if (!missing.empty())
    bad_input("MISSING_COLUMNS", "Dòng tiêu đề thiếu cột bắt buộc: " + join(missing) + ".",
              {{"missing_columns", missing}});
}

const ColumnDef* RowDecoder::column_at(std::size_t i) const {
  return i < cols_.size() && cols_[i] >= 0 ? &columns()[static_cast<std::size_t>(cols_[i])] : nullptr;
}

void RowDecoder::decode(std::size_t line, std::span<const std::string_view> cells, Record& out,
                        RecordSink& sink) const {
  out.meta = RecordMeta{line};
  const std::string_view declaration =
      declaration_pos_ >= 0 && static_cast<std::size_t>(declaration_pos_) < cells.size()
          ? trim(cells[static_cast<std::size_t>(declaration_pos_)])
          : std::string_view();
  if (cells.size() > cols_.size() && !blank(cells.subspan(cols_.size()))) {
    out = Record{};  // nothing of the row is read (a reused record must not keep an earlier row's values)
    out.meta = RecordMeta{line};
    out.meta.rejected = true;
    out.declaration_no.assign(declaration);
    Issue i;
    i.line = line;
    i.declaration_no = std::string(declaration);
    i.code = kBadRow;
    i.message = "Dòng " + std::to_string(line) + " có " + std::to_string(cells.size()) + " ô, nhiều hơn " +
                std::to_string(cols_.size()) +
                " cột của dòng tiêu đề (có thể một ô chứa dấu phẩy mà không đặt trong ngoặc kép). Dòng bị bỏ qua.";
    sink.on_issue(std::move(i));
    return;
  }
  for (std::size_t i = 0; i < cols_.size(); ++i) {
    if (cols_[i] < 0) continue;
    const ColumnDef& c = columns()[static_cast<std::size_t>(cols_[i])];
    const std::string_view cell = i < cells.size() ? trim(cells[i]) : std::string_view();
    const std::string why = decode_cell(c, cell, out);
    if (why.empty()) continue;
    ++out.meta.invalid_cells;
    sink.on_issue(cell_issue(line, declaration, c.name, cell, why));
  }
  const auto missing = [&](std::string_view column) {
    Issue i;
    i.line = line;
    i.declaration_no = std::string(declaration);
    i.code = kMissingRequired;
    i.column = std::string(column);
    i.message = "Dòng " + std::to_string(line) + ": thiếu giá trị bắt buộc ở cột " + i.column + ".";
    sink.on_issue(std::move(i));
  };
  if (declaration.empty()) missing("declaration_no");
  const bool flow_empty = flow_pos_ < 0 || static_cast<std::size_t>(flow_pos_) >= cells.size() ||
                          trim(cells[static_cast<std::size_t>(flow_pos_)]).empty();
  if (flow_empty) missing("flow");
}

// ---------------------------------------------------------------------------------------------- readers

std::unique_ptr<ByteSource> open_file_source(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) bad_input("FILE_UNREADABLE", "Không mở được tệp " + path + ": " + std::strerror(errno) + ".");
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  return std::make_unique<FileSource>(fd, path);
}

std::unique_ptr<ByteSource> memory_source(std::string_view text) { return std::make_unique<MemorySource>(text); }

namespace {

// Rows of the wide CSV on their way through the decoding pipeline: the splitter copies each row's field
// texts here (the parser's buffer moves on), a worker decodes them into records and issues.
struct RowBatch {
  struct Row {
    std::size_t line = 0;
    std::size_t fields_end = 0;  // this row's fields are field_ends[previous row's fields_end, fields_end)
    bool unterminated = false;
  };
  static constexpr std::size_t kMaxRows = 2048, kMaxText = std::size_t{1} << 20;
  std::string text;                   // field texts back to back
  std::vector<std::size_t> field_ends;
  std::vector<Row> rows;
  // Filled by the worker:
  std::vector<Record> records;        // records[i] of rows[i]; recycled with the batch
  std::vector<char> blank;            // 1: rows[i] is blank (skipped, not counted)
  std::vector<std::pair<std::size_t, Issue>> issues;  // (row index, issue), in row order
  std::vector<std::unique_ptr<PreparingSink::Prepared>> prepared;  // with a PreparingSink: prepared[i] of records[i]

  bool full() const { return rows.size() >= kMaxRows || text.size() >= kMaxText; }
  void clear() {
    text.clear();
    field_ends.clear();
    rows.clear();
    issues.clear();
  }
  void add_row(std::size_t line, std::span<const std::string_view> fields, bool unterminated) {
    for (std::string_view f : fields) {
      text += f;
      field_ends.push_back(text.size());
    }
    rows.push_back({line, field_ends.size(), unterminated});
  }
};

// Collects the issues of the row being decoded, tagged with its index.
class RowIssueSink : public RecordSink {
 public:
  explicit RowIssueSink(RowBatch& batch) : batch_(batch) {}
  std::size_t row = 0;
  void on_record(const Record&) override {}
  void on_issue(Issue issue) override { batch_.issues.emplace_back(row, std::move(issue)); }

 private:
  RowBatch& batch_;
};

void decode_row(const RowDecoder& decoder, std::size_t line, std::span<const std::string_view> fields,
                bool unterminated, Record& record, RecordSink& sink) {
  decoder.decode(line, fields, record, sink);
  if (!unterminated || record.meta.rejected) return;
  record.meta.rejected = true;
  Issue i;
  i.line = line;
  i.declaration_no = record.declaration_no;
  i.code = kBadRow;
  i.message = "Dòng " + std::to_string(line) + ": một ô mở dấu ngoặc kép (\") nhưng không đóng đến hết tệp. Dòng bị bỏ qua.";
  sink.on_issue(std::move(i));
}

void decode_batch(const RowDecoder& decoder, const PreparingSink* preparing, RowBatch& batch) {
  batch.records.resize(std::max(batch.records.size(), batch.rows.size()));
  if (preparing)
    while (batch.prepared.size() < batch.rows.size()) batch.prepared.push_back(preparing->make_prepared());
  batch.blank.assign(batch.rows.size(), 0);
  RowIssueSink issues(batch);
  std::vector<std::string_view> fields;
  std::size_t field = 0, offset = 0;
  for (std::size_t i = 0; i < batch.rows.size(); ++i) {
    const RowBatch::Row& row = batch.rows[i];
    fields.clear();
    for (; field < row.fields_end; ++field) {
      fields.emplace_back(batch.text.data() + offset, batch.field_ends[field] - offset);
      offset = batch.field_ends[field];
    }
    if (blank(fields)) {
      batch.blank[i] = 1;
      continue;
    }
    issues.row = i;
    decode_row(decoder, row.line, fields, row.unterminated, batch.records[i], issues);
    if (preparing) preparing->prepare(batch.records[i], *batch.prepared[i]);
  }
}

}  // namespace

std::size_t default_decode_threads() {
  const std::size_t cores = core::available_cores();
  return cores < 2 ? 0 : std::min<std::size_t>(cores, 4);
}

std::size_t read_wide_csv(ByteSource& src, RecordSink& sink, std::size_t decode_threads) {
  CsvParser parser(src);
  sniff(parser, "dữ liệu");
  std::vector<std::string_view> fields;
  const RowDecoder decoder(read_header(parser, fields, "dữ liệu"));
  std::size_t rows = 0;
  auto* preparing = dynamic_cast<PreparingSink*>(&sink);
  const auto deliver = [&](RowBatch& batch) {
    auto issue = batch.issues.begin();
    for (std::size_t i = 0; i < batch.rows.size(); ++i) {
      if (batch.blank[i]) continue;
      ++rows;
      for (; issue != batch.issues.end() && issue->first == i; ++issue) sink.on_issue(std::move(issue->second));
      if (preparing)
        preparing->on_prepared(batch.records[i], *batch.prepared[i]);
      else
        sink.on_record(batch.records[i]);
    }
  };
  core::OrderedPipeline<RowBatch> pipeline(decode_threads, 2 * decode_threads + 2,
                                           [&](RowBatch& batch) { decode_batch(decoder, preparing, batch); }, deliver);
  RowBatch* batch = nullptr;
  while (parser.next(fields)) {
    if (!batch) (batch = &pipeline.acquire())->clear();
    batch->add_row(parser.record_line(), fields, parser.unterminated());
    if (batch->full()) pipeline.submit(), batch = nullptr;
  }
  if (batch) pipeline.submit();
  pipeline.finish();
  return rows;
}

std::size_t read_wide_csv(std::string_view text, RecordSink& sink) {
  MemorySource src(text);
  return read_wide_csv(src, sink);
}

std::size_t read_wide_csv_file(const std::string& path, RecordSink& sink) {
  auto src = open_file_source(path);
  return read_wide_csv(*src, sink);
}

std::size_t read_long_format(std::vector<Record> header, ByteSource& events, RecordSink& sink) {
  std::unordered_map<std::string, std::size_t> by_number;
  for (std::size_t i = 0; i < header.size(); ++i)
    if (!header[i].declaration_no.empty()) by_number.emplace(header[i].declaration_no, i);

  CsvParser parser(events);
  sniff(parser, "sự kiện");
  std::vector<std::string_view> fields;
  int pos_no = -1, pos_event = -1, pos_at = -1;
  {
    const auto names = read_header(parser, fields, "sự kiện");
    std::vector<std::string> unknown;
    for (std::size_t i = 0; i < names.size(); ++i) {
      const std::string n = lower_ascii(trim(names[i]));
      int* slot = n == "declaration_no" ? &pos_no : n == "event" ? &pos_event : n == "at" ? &pos_at : nullptr;
      if (slot && *slot < 0)
        *slot = static_cast<int>(i);
      else if (n != "actor" && !n.empty())
        unknown.push_back(n);
    }
    if (pos_no < 0 || pos_event < 0 || pos_at < 0 || !unknown.empty())
      bad_input("WRONG_HEADER",
                "Tệp sự kiện phải có dòng tiêu đề declaration_no,event,at (và tùy chọn actor)" +
                    (unknown.empty() ? std::string(".") : "; cột lạ hoặc lặp: " + join(unknown) + "."));
  }
  const auto cell = [&](int pos) {
    return static_cast<std::size_t>(pos) < fields.size() ? trim(fields[static_cast<std::size_t>(pos)])
                                                         : std::string_view();
  };
  const auto issue = [&](std::string_view no, std::string code, std::string column, std::string_view value,
                         std::string message) {
    Issue i;
    i.line = parser.record_line();
    i.declaration_no = std::string(no);
    i.code = std::move(code);
    i.column = std::move(column);
    i.value = std::string(utf8_prefix(value, 120));
    i.source = "events";
    i.message = "Tệp sự kiện, dòng " + std::to_string(i.line) + ": " + message;
    sink.on_issue(std::move(i));
  };
  while (parser.next(fields)) {
    if (blank(fields)) continue;
    const std::string_view no = cell(pos_no), event = cell(pos_event), at = cell(pos_at);
    const auto it = by_number.find(std::string(no));
    if (it == by_number.end()) {
      issue(no, kUnknownDeclaration, "declaration_no", no,
            "tờ khai \"" + std::string(utf8_prefix(no, 40)) + "\" không có trong tệp thông tin tờ khai.");
      continue;
    }
    const int c = column_index(lower_ascii(event) + "_at");
    if (c < 0 || columns()[static_cast<std::size_t>(c)].kind != ColumnKind::Time) {
      issue(no, kInvalidValue, "event", event,
            "sự kiện \"" + std::string(utf8_prefix(event, 60)) +
                "\" không có trong danh mục (tên cột thời điểm bỏ đuôi _at, ví dụ registered, released).");
      continue;
    }
    const ColumnDef& col = columns()[static_cast<std::size_t>(c)];
    std::string why;
    const Time t = parse_time_cell(at, &why);
    if (!t) {
      issue(no, kInvalidValue, std::string(col.name), at, "giá trị \"" + std::string(utf8_prefix(at, 60)) +
                                                               "\" của sự kiện " + std::string(event) +
                                                               " không hợp lệ — " + why + ".");
      continue;
    }
    Time& slot = col.time(header[it->second]);
    if (slot && *slot != *t) {
      issue(no, kDuplicateEvent, std::string(col.name), at,
            "sự kiện " + std::string(event) + " đã có thời điểm " + format_local_time(*slot) +
                "; giá trị mới bị bỏ qua.");
      continue;
    }
    slot = t;
  }
  for (const Record& r : header) sink.on_record(r);
  return header.size();
}

std::size_t read_long_csv(std::string_view header_csv, std::string_view events_csv, RecordSink& sink) {
  RecordCollector header;
  read_wide_csv(header_csv, header);
  for (Issue& i : header.issues) sink.on_issue(std::move(i));
  MemorySource events(events_csv);
  return read_long_format(std::move(header.records), events, sink);
}

namespace {
std::size_t read_one_file(const std::string& path, RecordSink& sink) {
  return looks_like_xlsx(path) ? read_xlsx_file(path, sink) : read_wide_csv_file(path, sink);
}
}  // namespace

std::size_t read_records_file(const std::string& path, const std::optional<std::string>& events_path,
                              RecordSink& sink) {
  if (!events_path) return read_one_file(path, sink);
  RecordCollector header;
  read_one_file(path, header);
  for (Issue& i : header.issues) sink.on_issue(std::move(i));
  auto events = open_file_source(*events_path);
  return read_long_format(std::move(header.records), *events, sink);
}

}  // namespace hq::trs
