#include <algorithm>
#include <cstring>
#include <utility>

#include "trs/engine/csv_parser.h"

namespace hq::trs::detail {
namespace {

bool is_delimiter(char c) { return c == ',' || c == '\n' || c == '\r'; }

// Quoted fields of `text` as [opening quote, closing quote] (the last one ends at text.size() when it is
// not closed yet). A '"' opens a field only at a field start, as in CsvParser; elsewhere it is text.
std::vector<std::pair<std::size_t, std::size_t>> quoted_fields(std::string_view text, bool at_eof) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  const char* const d = text.data();
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (const void* q = i < n ? std::memchr(d + i, '"', n - i) : nullptr) {
    const auto open = static_cast<std::size_t>(static_cast<const char*>(q) - d);
    i = open + 1;
    if (open > 0 && !is_delimiter(d[open - 1])) continue;
    for (;;) {
      const void* c = i < n ? std::memchr(d + i, '"', n - i) : nullptr;
      const std::size_t close = c ? static_cast<std::size_t>(static_cast<const char*>(c) - d) : n;
      if (close + 1 < n && d[close + 1] == '"') {  // "" inside the field
        i = close + 2;
        continue;
      }
      if (close == n || (close + 1 == n && !at_eof)) {  // open to the end (or "" cannot be told yet)
        out.emplace_back(open, n);
        return out;
      }
      out.emplace_back(open, close);
      i = close + 1;
      break;
    }
  }
  return out;
}

bool inside(const std::vector<std::pair<std::size_t, std::size_t>>& quoted, std::size_t pos) {
  const auto it = std::upper_bound(quoted.begin(), quoted.end(), std::pair{pos, std::size_t(-1)});
  return it != quoted.begin() && pos <= std::prev(it)->second;
}

// Just past the last record terminator in text[begin, end) (no quoted field there), or 0: a '\n', or a lone
// '\r' (old Mac files) whose next byte is known not to be '\n'.
std::size_t last_record_end(std::string_view text, std::size_t begin, std::size_t end) {
  const char* const d = text.data();
  const auto position = [&](const void* p) { return static_cast<std::size_t>(static_cast<const char*>(p) - d); };
  std::size_t best = 0;
  if (const void* nl = memrchr(d + begin, '\n', end - begin)) best = position(nl) + 1;
  for (std::size_t limit = end; limit > best;) {
    const void* cr = memrchr(d + std::max(begin, best), '\r', limit - std::max(begin, best));
    if (!cr) break;
    const std::size_t at = position(cr);
    if (at + 1 < text.size() && d[at + 1] != '\n') return at + 1;  // after any '\n' found (at >= best)
    limit = at;
  }
  return best;
}

}  // namespace

ChunkEnd find_chunk_end(std::string_view text, bool at_eof) {
  const auto quoted = quoted_fields(text, at_eof);
  const char* const d = text.data();
  ChunkEnd out;
  if (at_eof) {
    out.end = text.size();
  } else {
    // The last '\n' between quoted fields, searching the gaps from the end.
    const bool open_at_end = !quoted.empty() && quoted.back().second == text.size();
    std::size_t k = quoted.size() - (open_at_end ? 1 : 0);
    std::size_t gap_end = open_at_end ? quoted.back().first : text.size();
    for (;;) {
      const std::size_t gap_begin = k == 0 ? 0 : quoted[k - 1].second + 1;
      if (gap_end > gap_begin && (out.end = last_record_end(text, gap_begin, gap_end)) > 0) break;
      if (k == 0) break;
      gap_end = quoted[--k].first;
    }
  }
  // Lines as CsvParser counts them: every '\n', plus every '\r' outside quotes that is not before a '\n'.
  out.lines = static_cast<std::size_t>(std::count(d, d + out.end, '\n'));
  for (std::size_t i = 0; const void* r = i < out.end ? std::memchr(d + i, '\r', out.end - i) : nullptr;) {
    const auto pos = static_cast<std::size_t>(static_cast<const char*>(r) - d);
    i = pos + 1;
    if ((pos + 1 == out.end || d[pos + 1] != '\n') && !inside(quoted, pos)) ++out.lines;
  }
  return out;
}

}  // namespace hq::trs::detail
