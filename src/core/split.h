#pragma once
// The non-empty pieces of a list stored as text ("a,,b" with ',' → "a", "b"): roles, aliases, codes and kinds
// kept in one column.
#include <string>
#include <string_view>
#include <vector>

namespace hq::core {

inline std::vector<std::string> split_nonempty(std::string_view text, char separator) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(separator, start);
    if (end == std::string_view::npos) end = text.size();
    if (end > start) out.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

}  // namespace hq::core
