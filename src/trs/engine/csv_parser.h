#pragma once
// The RFC 4180 splitter of the trs readers, how a large input is cut into chunks of whole records that can be
// split independently (on several threads) with exactly the same result, and the checks of a file's start.
// Internal to src/trs.
#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "trs/engine/csv_reader.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace hq::trs::detail {

// Finds the end of an unquoted field (the next ',', '\n' or '\r') from a bitmask of the delimiters of 64 bytes,
// computed once per block with SSE2 (x86-64's baseline; other targets build the mask byte by byte): a field then
// costs a shift and a count of trailing zeros however long it is. The byte-at-a-time loop it replaces was more
// than half of the splitter's time — a row has 77 columns, most of them short or empty.
class DelimiterScanner {
 public:
  void reset() { base_ = nullptr; }  // the text under the cached block changed (a refilled buffer)
  // The first delimiter in [p, end), or end.
  const char* next(const char* p, const char* end) {
    for (;;) {
      if (p >= end) return end;
      if (!base_ || reinterpret_cast<std::uintptr_t>(p) - reinterpret_cast<std::uintptr_t>(base_) >= 64) load(p, end);
      if (const std::uint64_t m = mask_ >> (p - base_)) return p + std::countr_zero(m);
      p = base_ + 64;  // past a partial block this is past end
    }
  }

 private:
  // The block at p; a block that would cross end is read only up to end (no byte past the text is read).
  void load(const char* p, const char* end) {
    base_ = p;
    mask_ = 0;
    if (end - p < 64) {
      for (int i = 0; i < end - p; ++i)
        if (p[i] == ',' || p[i] == '\n' || p[i] == '\r') mask_ |= std::uint64_t{1} << i;
      return;
    }
#if defined(__SSE2__)
    const __m128i comma = _mm_set1_epi8(','), lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r');
    for (int i = 0; i < 4; ++i) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * i));
      const __m128i hit =
          _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, comma), _mm_cmpeq_epi8(v, lf)), _mm_cmpeq_epi8(v, cr));
      mask_ |= std::uint64_t{static_cast<std::uint16_t>(_mm_movemask_epi8(hit))} << (16 * i);
    }
#else
    for (int i = 0; i < 64; ++i)
      if (p[i] == ',' || p[i] == '\n' || p[i] == '\r') mask_ |= std::uint64_t{1} << i;
#endif
  }

  const char* base_ = nullptr;  // the cached block: [base_, base_ + 64), clipped to the text's end
  std::uint64_t mask_ = 0;      // bit i: base_[i] is a delimiter
};

// RFC 4180 splitter over a block buffer. Fields are views into the buffer, valid until the next call.
// A record is parsed only once it is complete in the buffer, so quoted fields can be unescaped in place.
class CsvParser {
 public:
  // The buffer starts small (cheap for small inputs) and doubles up to `max_block` while input keeps coming.
  // `first_line`: the line number of the source's first byte (a chunk of a larger input starts later).
  explicit CsvParser(ByteSource& src, std::size_t first_line = 1, std::size_t max_block = std::size_t{1} << 22)
      : src_(&src), buf_(std::size_t{1} << 16), data_(buf_.data()), max_block_(max_block), line_(first_line) {
    while (!eof_ && end_ < 4096) fill();  // enough for sniffing the encoding and the separator
  }
  // Parses `text` where it lies, which is never written (it may be a read-only mapping of the file): a quoted
  // field with an escaped quote or text after its closing quote is unescaped into `scratch`, which must hold
  // text.size() bytes. A chunk of a larger input, no copy.
  CsvParser(std::span<const char> text, std::size_t first_line, char* scratch)
      : data_(text.data()), end_(text.size()), eof_(true), line_(first_line), scratch_(scratch) {}

  std::string_view prefix() const { return {data_ + begin_, end_ - begin_}; }
  std::size_t buffered() const { return end_ - begin_; }  // read from the source, not parsed yet
  void skip(std::size_t n) { begin_ += n; }
  // What was read from the source and not parsed yet (the caller then reads the source itself), and the
  // line it starts on.
  std::string take_buffered() {
    std::string rest(prefix());
    begin_ = end_;
    return rest;
  }
  std::size_t line() const { return line_; }
  bool at_eof() const { return eof_; }

  // Next record (including blank ones); false at the end of input.
  bool next(std::vector<std::string_view>& fields) {
    for (;;) {
      if (begin_ == end_ && eof_) return false;
      std::size_t newlines = 0;
      const char* p = nullptr;
      if (parse(fields, p, newlines)) {
        begin_ = static_cast<std::size_t>(p - data_);
        record_line_ = line_;
        line_ += newlines;
        scratch_used_ = 0;  // the previous record's fields are no longer in use
        for (const std::size_t i : quoted_) fields[i] = unescape(fields[i]);
        return true;
      }
      fill();
    }
  }
  std::size_t record_line() const { return record_line_; }
  bool unterminated() const { return unterminated_; }

 private:
  void fill() {
    scanner_.reset();  // the buffer's bytes move (or more arrive after a clipped block)
    if (begin_ > 0) {
      std::memmove(buf_.data(), buf_.data() + begin_, end_ - begin_);
      end_ -= begin_;
      begin_ = 0;
    }
    if (end_ == buf_.size() || (end_ > buf_.size() / 2 && buf_.size() < max_block_)) {
      buf_.resize(buf_.size() * 2);  // a record longer than the buffer, or a large input
      data_ = buf_.data();
    }
    const std::size_t got = src_->read(buf_.data() + end_, buf_.size() - end_);
    if (got == 0) eof_ = true;
    end_ += got;
  }

  // Parses one record at begin_; false when it is not complete in the buffer yet.
  bool parse(std::vector<std::string_view>& fields, const char*& p, std::size_t& newlines) {
    fields.clear();
    quoted_.clear();
    unterminated_ = false;
    p = data_ + begin_;
    const char* const end = data_ + end_;
    for (;;) {
      const char* const start = p;
      const bool quoted = p < end && *p == '"';
      if (quoted) {
        const char* q = p + 1;
        for (;;) {
          const char* found = static_cast<const char*>(std::memchr(q, '"', static_cast<std::size_t>(end - q)));
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
      p = scanner_.next(p, end);  // text (or junk after a quote)
      if (p == end && !eof_) return false;
      fields.emplace_back(start, static_cast<std::size_t>(p - start));
      if (quoted) quoted_.push_back(fields.size() - 1);
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

  // Removes the enclosing quotes and turns "" into " (the result is never longer). A field that is just
  // "text" (no quote inside) is the text between its quotes, where it lies; any other is written into the
  // scratch buffer, or over itself in the parser's own block buffer.
  std::string_view unescape(std::string_view field) {
    const char* s = field.data();
    const std::size_t n = field.size();
    if (n >= 2 && s[n - 1] == '"' && !std::memchr(s + 1, '"', n - 2)) return {s + 1, n - 2};
    char* const first = scratch_ ? scratch_ + scratch_used_ : buf_.data() + (s - data_);
    char* out = first;
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
    if (scratch_) scratch_used_ += n;
    return {first, static_cast<std::size_t>(out - first)};
  }

  ByteSource* src_ = nullptr;  // null when parsing a text where it lies
  std::vector<char> buf_;  // the block buffer when reading from a source
  const char* data_;       // buf_.data(), or the text parsed where it lies
  std::size_t max_block_ = 0;
  std::size_t begin_ = 0, end_ = 0;
  bool eof_ = false;
  std::size_t line_, record_line_ = 0;
  bool unterminated_ = false;
  std::vector<std::size_t> quoted_;  // indexes of the quoted fields of the record
  char* scratch_ = nullptr;          // where quoted fields are unescaped when the text is not ours
  std::size_t scratch_used_ = 0;     // by the current record's fields
  DelimiterScanner scanner_;
};

// Where a chunk of `text` (which starts at a record start) may end so that splitting it alone yields the
// same records as splitting the whole input: just past the last '\n' outside quoted fields (0: none yet);
// at the end of input, the whole text. `lines` is the number of lines CsvParser counts in text[0, end).
struct ChunkEnd {
  std::size_t end = 0, lines = 0;
};
ChunkEnd find_chunk_end(std::string_view text, bool at_eof);

// The start of a CSV file, shared by the wide and the long format's readers (csv_header.cpp). `what` names the
// file in messages ("dữ liệu", "sự kiện").
bool blank(std::span<const std::string_view> fields);  // every cell empty once trimmed
// Rejects what is clearly not a UTF-8 CSV (EMPTY_FILE, UTF16_ENCODING, NOT_CSV), and skips a UTF-8 BOM.
void sniff(CsvParser& parser, std::string_view what);
// The first non-blank record (the header); rejects semicolon/tab separated files and a non-UTF-8 header.
std::vector<std::string_view> read_header(CsvParser& parser, std::vector<std::string_view>& fields,
                                          std::string_view what);

}  // namespace hq::trs::detail
