#include "trs/engine/csv_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>

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

using detail::blank;
using detail::read_header;
using detail::sniff;

// ---------------------------------------------------------------------------------------------- sources

// A file read with read(2) into the caller's buffers. The file is not mapped: a mapped file that another process
// truncates while it is read ends the process with SIGBUS, whereas read(2) just ends early, which is reported
// here as FILE_UNREADABLE (a regular file that ends before the size it had when opened was cut while being read).
class FileSource : public ByteSource {
 public:
  FileSource(int fd, std::string path) : fd_(fd), path_(std::move(path)) {
    struct stat st {};
    if (::fstat(fd_, &st) == 0 && S_ISREG(st.st_mode)) expected_ = static_cast<std::size_t>(st.st_size);
  }
  ~FileSource() override { ::close(fd_); }
  std::size_t read(char* dst, std::size_t n) override {
    for (;;) {
      const ssize_t got = ::read(fd_, dst, n);
      if (got > 0) {
        done_ += static_cast<std::size_t>(got);
        return static_cast<std::size_t>(got);
      }
      if (got == 0) {
        if (n > 0 && done_ < expected_)
          bad_input("FILE_UNREADABLE", "Tệp " + path_ + " bị cắt ngắn trong khi đang đọc (mới đọc được " +
                                           std::to_string(done_) + " trên " + std::to_string(expected_) +
                                           " byte): có chương trình khác đang ghi tệp. Hãy phân tích lại khi tệp đã "
                                           "ghi xong.");
        return 0;
      }
      if (errno == EINTR) continue;
      bad_input("FILE_UNREADABLE", "Không đọc được tệp " + path_ + ": " + std::strerror(errno) + ".");
    }
  }

 private:
  int fd_;
  std::string path_;
  std::size_t expected_ = 0;  // a regular file's size when opened (0: not a regular file, read to its end)
  std::size_t done_ = 0;      // bytes read so far
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
  std::size_t left() const { return text_.size(); }

 private:
  std::string_view text_;
};

}  // namespace

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
  const char* data = nullptr;  // the chunk is data[0, length): in `text`, or where the input lies in memory
  std::size_t length = 0;
  std::size_t first_line = 1;
  std::string text;     // the chunk's own copy when the input is read from a ByteSource
  std::string scratch;  // quoted fields unescaped (CsvParser); only grows, so it is not cleared again
  // Filled by the worker:
  std::size_t rows = 0;               // records split from text, blank ones included
  // records[i] of row i, recycled with the chunk. With a PreparingSink only records[0]: every row is decoded
  // into it and prepared there, so the rows' 1.3 KB records are not written to memory and read back in order.
  std::vector<Record> records;
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
  if (chunk.scratch.size() < chunk.length) chunk.scratch.resize(chunk.length);
  CsvParser parser(std::span<const char>(chunk.data, chunk.length), chunk.first_line, chunk.scratch.data());
  RowIssueSink issues(chunk);
  std::vector<std::string_view> fields;
  for (; parser.next(fields); ++chunk.rows) {
    const std::size_t i = chunk.rows;
    const std::size_t slot = preparing ? 0 : i;
    if (chunk.records.size() <= slot) chunk.records.resize(slot + 1);
    if (preparing && chunk.prepared.size() <= i) chunk.prepared.push_back(preparing->make_prepared());
    chunk.blank.push_back(blank(fields));
    if (chunk.blank.back()) continue;
    issues.row = i;
    decode_row(decoder, parser.record_line(), fields, parser.unterminated(), chunk.records[slot], issues);
    if (preparing) preparing->prepare(chunk.records[slot], *chunk.prepared[i]);
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
  bool next(RecordChunk& chunk) {
    if (!next(chunk.text, chunk.length, chunk.first_line)) return false;
    chunk.data = chunk.text.data();
    return true;
  }
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

// The same cut over an input that lies in memory (a string): chunks are views, nothing is copied.
class TextChunker {
 public:
  TextChunker(std::string_view text, std::size_t first_line) : text_(text), line_(first_line) {}

  bool next(RecordChunk& chunk) {
    const std::size_t left = text_.size() - pos_;
    if (left == 0) return false;
    for (std::size_t want = RecordChunk::kBytes;; want *= 2) {
      const bool eof = want >= left;
      const ChunkEnd cut = find_chunk_end(text_.substr(pos_, std::min(want, left)), eof);
      if (cut.end == 0) continue;  // a record longer than the chunk: look further
      chunk.data = text_.data() + pos_;
      chunk.length = cut.end;
      chunk.first_line = line_;
      pos_ += cut.end;
      line_ += cut.lines;
      return true;
    }
  }
  std::size_t done() const { return pos_; }  // bytes of text_ in chunks handed out

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t line_;
};

// Splits, decodes and delivers the chunks `next_chunk` cuts (see read_wide_csv).
template <class NextChunk>
std::size_t run_pipeline(const RowDecoder& decoder, RecordSink& sink, std::size_t decode_threads, NextChunk next_chunk) {
  std::size_t rows = 0;
  auto* preparing = dynamic_cast<PreparingSink*>(&sink);
  const auto deliver = [&](RecordChunk& chunk) {
    auto issue = chunk.issues.begin();
    for (std::size_t i = 0; i < chunk.rows; ++i) {
      if (chunk.blank[i]) continue;
      ++rows;
      for (; issue != chunk.issues.end() && issue->first == i; ++issue) sink.on_issue(std::move(issue->second));
      if (preparing)
        preparing->on_prepared(*chunk.prepared[i]);
      else
        sink.on_record(chunk.records[i]);
    }
  };
  core::OrderedPipeline<RecordChunk> pipeline(decode_threads, 2 * decode_threads + 2,
                                              [&](RecordChunk& c) { decode_chunk(decoder, preparing, c); }, deliver);
  for (;;) {
    RecordChunk& chunk = pipeline.acquire();
    if (!next_chunk(chunk)) break;
    pipeline.submit();
  }
  pipeline.finish();
  return rows;
}

// The wide CSV of an input that lies in memory: the header through the streaming parser, then chunks as views.
std::size_t read_wide_text(std::string_view text, RecordSink& sink, std::size_t decode_threads) {
  MemorySource src(text);
  CsvParser parser(src);
  sniff(parser, "dữ liệu");
  std::vector<std::string_view> fields;
  const RowDecoder decoder(read_header(parser, fields, "dữ liệu"), &sink);
  const std::size_t header_end = text.size() - src.left() - parser.buffered();
  TextChunker chunker(text.substr(header_end), parser.line());
  return run_pipeline(decoder, sink, decode_threads, [&](RecordChunk& c) { return chunker.next(c); });
}

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
  Chunker chunker(src, parser.take_buffered(), parser.line());
  return run_pipeline(decoder, sink, decode_threads, [&](RecordChunk& c) { return chunker.next(c); });
}

std::size_t read_wide_csv(std::string_view text, RecordSink& sink) {
  return read_wide_text(text, sink, default_decode_threads());
}

std::size_t read_wide_csv_file(const std::string& path, RecordSink& sink) {
  // Read, not mapped (see FileSource): trs17 measured the mapping's gain in wall time as within noise.
  auto src = open_file_source(path);
  return read_wide_csv(*src, sink);
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
