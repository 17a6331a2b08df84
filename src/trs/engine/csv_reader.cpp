#include "trs/engine/csv_reader.h"

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
#include "trs/engine/csv_parser.h"
#include "trs/engine/text_util.h"
#include "trs/engine/xlsx_reader.h"

namespace hq::trs {
namespace {

using core::bad_input;
using detail::ChunkEnd;
using detail::CsvParser;
using detail::find_chunk_end;

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

// Decoders of one trimmed, non-empty cell by kind: each returns "" or the reason the cell is invalid (then
// it is read as not recorded).
constexpr std::string_view kNotUtf8 = "không phải văn bản UTF-8 (có thể tệp lưu bằng bảng mã Windows-1258/TCVN3)";

std::string decode_text(const ColumnDef& c, std::string_view cell, std::string& dst) {
  const TextRule rule = c.rule;
  dst.assign(cell);
  if (!valid_utf8(cell)) {
    dst.clear();
    return std::string(kNotUtf8);
  }
  std::string why = check_text_rule(rule, cell);
  if (!why.empty() && rule != TextRule::DeclarationNo) dst.clear();  // the number is kept to name the row
  return why;
}

// The same checks as decode_text for a column the sink does not read: nothing is copied.
std::string check_text(const ColumnDef& c, std::string_view cell) {
  if (!valid_utf8(cell)) return std::string(kNotUtf8);
  return c.rule == TextRule::None ? std::string() : check_text_rule(c.rule, cell);
}

std::string decode_time(const ColumnDef&, std::string_view cell, Time& dst) {
  std::string why;
  dst = parse_time_cell(cell, &why);
  return why;
}

std::string decode_yes_no(const ColumnDef& c, std::string_view cell, std::optional<bool>& dst) {
  const int i = match_name(c.values, cell);
  if (i < 0) {
    dst.reset();
    return "chỉ nhận Y (có) hoặc N (không)";
  }
  dst = i == 1;
  return {};
}

std::string decode_enum(const ColumnDef& c, std::string_view cell, Record& r) {
  const int i = match_name(c.values, cell);
  c.set_enum(r, i);
  return i < 0 ? "chỉ nhận một trong các giá trị " + allowed_list(c.values) : std::string();
}

std::string decode_list(const ColumnDef& c, std::string_view cell, CodeSet& dst) {
  const std::span<const std::string_view> names = c.values;
  CodeSet set = 0;
  std::string unknown;
  for_each_token(cell, ';', [&](std::string_view token) {
    const int i = match_name(names, token);
    if (i >= 0) {
      set |= CodeSet{1} << i;
    } else {
      if (!unknown.empty()) unknown += ", ";
      unknown += token;
    }
  });
  dst = unknown.empty() ? set : 0;
  if (unknown.empty()) return {};
  return "mã không có trong danh mục: " + unknown + " (các mã hợp lệ, phân cách bằng dấu ;: " + allowed_list(names) +
         ")";
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

void RowDecoder::map(std::size_t pos, const ColumnDef& c, const RecordSink* sink) {
  switch (c.kind) {
    case ColumnKind::Text:
      if (sink && !sink->reads_text(c.name) && c.name != "declaration_no")  // issues name the declaration
        return checked_texts_.push_back({pos, &c, FieldSlot<std::string>(c.text)});
      return texts_.push_back({pos, &c, FieldSlot<std::string>(c.text)});
    case ColumnKind::Time: return times_.push_back({pos, &c, FieldSlot<Time>(c.time)});
    case ColumnKind::YesNo: return yes_nos_.push_back({pos, &c, FieldSlot<std::optional<bool>>(c.yes_no)});
    case ColumnKind::List: return lists_.push_back({pos, &c, FieldSlot<CodeSet>(c.list)});
    case ColumnKind::Enum: return enums_.push_back({pos, &c, {}});
  }
}

RowDecoder::RowDecoder(std::span<const std::string_view> header, const RecordSink* sink) {
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
    if (c >= 0) map(cols_.size(), columns()[static_cast<std::size_t>(c)], sink);
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
  // Issues of this row tagged with the header position, emitted in column order at the end.
  thread_local std::vector<std::pair<std::size_t, Issue>> invalid;
  invalid.clear();
  const auto cell_at = [&](std::size_t pos) { return pos < cells.size() ? trim(cells[pos]) : std::string_view(); };
  const auto check = [&](const auto& m, std::string_view cell, const std::string& why) {
    if (why.empty()) return;
    ++out.meta.invalid_cells;
    invalid.emplace_back(m.pos, cell_issue(line, declaration, m.def->name, cell, why));
  };
  // Every slot kind's default value means "not recorded".
  const auto decode_each = [&](const auto& mapped, auto decode) {
    for (const auto& m : mapped) {
      auto& dst = m.slot(out);
      const std::string_view cell = cell_at(m.pos);
      if (cell.empty()) dst = {};
      else check(m, cell, decode(*m.def, cell, dst));
    }
  };
  decode_each(texts_, decode_text);
  for (const auto& m : checked_texts_)
    if (const std::string_view cell = cell_at(m.pos); !cell.empty()) check(m, cell, check_text(*m.def, cell));
  decode_each(times_, decode_time);
  decode_each(yes_nos_, decode_yes_no);
  decode_each(lists_, decode_list);
  for (const auto& m : enums_) {
    const std::string_view cell = cell_at(m.pos);
    if (cell.empty()) m.def->set_enum(out, -1);
    else check(m, cell, decode_enum(*m.def, cell, out));
  }
  std::stable_sort(invalid.begin(), invalid.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [pos, issue] : invalid) sink.on_issue(std::move(issue));
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

// A chunk of whole records of the wide CSV: the calling thread cuts the input into chunks, a worker splits
// and decodes one into records and issues (and prepares them for a PreparingSink).
struct RecordChunk {
  static constexpr std::size_t kBytes = std::size_t{1} << 18;  // the chunk's records stay in the cache
  std::string text;     // the chunk is text[0, length)
  std::size_t length = 0;
  std::size_t first_line = 1;
  // Filled by the worker:
  std::size_t rows = 0;               // records split from text, blank ones included
  std::vector<Record> records;        // records[i] of row i; recycled with the chunk
  std::vector<char> blank;            // 1: row i is blank (skipped, not counted)
  std::vector<std::pair<std::size_t, Issue>> issues;  // (row index, issue), in row order
  std::vector<std::unique_ptr<PreparingSink::Prepared>> prepared;  // with a PreparingSink: prepared[i] of records[i]
};

// Collects the issues of the row being decoded, tagged with its index.
class RowIssueSink : public RecordSink {
 public:
  explicit RowIssueSink(RecordChunk& chunk) : chunk_(chunk) {}
  std::size_t row = 0;
  void on_record(const Record&) override {}
  void on_issue(Issue issue) override { chunk_.issues.emplace_back(row, std::move(issue)); }

 private:
  RecordChunk& chunk_;
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

void decode_chunk(const RowDecoder& decoder, const PreparingSink* preparing, RecordChunk& chunk) {
  chunk.rows = 0;
  chunk.issues.clear();
  chunk.blank.clear();
  CsvParser parser(std::span<char>(chunk.text.data(), chunk.length), chunk.first_line);
  RowIssueSink issues(chunk);
  std::vector<std::string_view> fields;
  for (; parser.next(fields); ++chunk.rows) {
    const std::size_t i = chunk.rows;
    if (chunk.records.size() <= i) chunk.records.resize(i + 1);
    if (preparing && chunk.prepared.size() <= i) chunk.prepared.push_back(preparing->make_prepared());
    chunk.blank.push_back(blank(fields));
    if (chunk.blank.back()) continue;
    issues.row = i;
    decode_row(decoder, parser.record_line(), fields, parser.unterminated(), chunk.records[i], issues);
    if (preparing) preparing->prepare(chunk.records[i], *chunk.prepared[i]);
  }
}

// Cuts what follows the header into chunks of whole records (see find_chunk_end), in order. The input is
// read straight into the chunk's buffer; only the partial record at its end is copied, to the next chunk.
class Chunker {
 public:
  Chunker(ByteSource& src, std::string buffered, std::size_t first_line)
      : src_(src), carry_(std::move(buffered)), line_(first_line) {}

  // The next chunk into buffer[0, length) (false at the end of input). The buffer only grows, so a
  // recycled chunk is neither reallocated nor cleared.
  bool next(std::string& buffer, std::size_t& length, std::size_t& first_line) {
    length = carry_.size();
    reserve(buffer, length);
    std::memcpy(buffer.data(), carry_.data(), length);
    for (std::size_t want = RecordChunk::kBytes;;) {
      while (!eof_ && length < want) {
        reserve(buffer, length);
        const std::size_t got = src_.read(buffer.data() + length, buffer.size() - length);
        eof_ = got == 0;
        length += got;
      }
      if (length == 0) return false;
      const ChunkEnd cut = find_chunk_end({buffer.data(), length}, eof_);
      if (cut.end == 0) {  // a record longer than the chunk: read on
        want = length * 2;
        continue;
      }
      carry_.assign(buffer.data() + cut.end, length - cut.end);
      length = cut.end;
      first_line = line_;
      line_ += cut.lines;
      return true;
    }
  }

 private:
  static void reserve(std::string& buffer, std::size_t used) {
    if (buffer.size() < used + RecordChunk::kBytes) buffer.resize(used + RecordChunk::kBytes);
  }

  ByteSource& src_;
  std::string carry_;  // read, not yet in a chunk
  std::size_t line_;
  bool eof_ = false;
};

}  // namespace

std::size_t default_decode_threads() {
  const std::size_t cores = core::available_cores();
  return cores < 2 ? 0 : std::min<std::size_t>(cores - 1, 4);
}

std::size_t read_wide_csv(ByteSource& src, RecordSink& sink, std::size_t decode_threads) {
  CsvParser parser(src);
  sniff(parser, "dữ liệu");
  std::vector<std::string_view> fields;
  const RowDecoder decoder(read_header(parser, fields, "dữ liệu"), &sink);
  std::size_t rows = 0;
  auto* preparing = dynamic_cast<PreparingSink*>(&sink);
  const auto deliver = [&](RecordChunk& chunk) {
    auto issue = chunk.issues.begin();
    for (std::size_t i = 0; i < chunk.rows; ++i) {
      if (chunk.blank[i]) continue;
      ++rows;
      for (; issue != chunk.issues.end() && issue->first == i; ++issue) sink.on_issue(std::move(issue->second));
      if (preparing)
        preparing->on_prepared(chunk.records[i], *chunk.prepared[i]);
      else
        sink.on_record(chunk.records[i]);
    }
  };
  core::OrderedPipeline<RecordChunk> pipeline(decode_threads, 2 * decode_threads + 2,
                                              [&](RecordChunk& c) { decode_chunk(decoder, preparing, c); }, deliver);
  const std::size_t first_line = parser.line();
  Chunker chunker(src, parser.take_buffered(), first_line);
  for (;;) {
    RecordChunk& chunk = pipeline.acquire();
    if (!chunker.next(chunk.text, chunk.length, chunk.first_line)) break;
    pipeline.submit();
  }
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
