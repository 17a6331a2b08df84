#include "core/text.h"

#include <array>
#include <cstdint>

namespace hq::core {
namespace {

constexpr char32_t kInvalid = 0xFFFFFFFF;

// Decodes the code point at s[i] and advances i past it; an invalid sequence yields kInvalid and skips one byte.
char32_t decode(std::string_view s, std::size_t& i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char b0 = byte(i);
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  // Length, payload of the lead byte and the smallest code point that needs this length (rejects overlongs).
  std::size_t len = 0;
  char32_t cp = 0, min = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) len = 2, cp = b0 & 0x1F, min = 0x80;
  else if (b0 >= 0xE0 && b0 <= 0xEF) len = 3, cp = b0 & 0x0F, min = 0x800;
  else if (b0 >= 0xF0 && b0 <= 0xF4) len = 4, cp = b0 & 0x07, min = 0x10000;
  if (len == 0 || i + len > s.size()) {
    ++i;
    return kInvalid;
  }
  for (std::size_t k = 1; k < len; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) {
      ++i;
      return kInvalid;
    }
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++i;
    return kInvalid;
  }
  i += len;
  return cp;
}

bool is_space(char32_t cp) {
  return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
         (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F ||
         cp == 0x3000;
}

bool is_zero_width(char32_t cp) { return (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || cp == 0xFEFF; }

// Characters fold() drops: combining marks (NFD tones and vowel marks), zero-width and format characters,
// soft hyphens and controls.
bool is_ignorable(char32_t cp) {
  return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) || (cp >= 0x1DC0 && cp <= 0x1DFF) ||
         (cp >= 0x20D0 && cp <= 0x20FF) || (cp >= 0xFE20 && cp <= 0xFE2F) || is_zero_width(cp) || cp == 0xAD ||
         cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

// Base letters of U+00C0–U+023F and U+1E00–U+1EFF ('_' = not a foldable letter, kept as is), generated from
// Unicode's canonical decompositions (NFD, first character, lower-cased) plus letters that have none:
// Đ đ Ð ð Ɖ → d, Ø ø → o, Ł ł → l, ı → i, Ħ ħ → h, Ŧ ŧ → t, ƀ → b, Ɨ → i, Ƶ ƶ → z.
constexpr char32_t kLatinFirst = 0x00C0;
constexpr std::string_view kLatinBase =
    "aaaaaa_ceeeeiiiidnooooo_ouuuuy__"  // U+00C0
    "aaaaaa_ceeeeiiiidnooooo_ouuuuy_y"  // U+00E0
    "aaaaaaccccccccddddeeeeeeeeeegggg"  // U+0100
    "gggghhhhiiiiiiiiii__jjkk_llllll_"  // U+0120
    "_llnnnnnn___oooooo__rrrrrrssssss"  // U+0140
    "ssttttttuuuuuuuuuuuuwwyyyzzzzzz_"  // U+0160
    "b________d_____________i________"  // U+0180
    "oo_____________uu____zz_________"  // U+01A0
    "_____________aaiioouuuuuuuuuu_aa"  // U+01C0
    "aa____ggkkoooo__j___gg__nnaa____"  // U+01E0
    "aaaaeeeeiiiioooorrrruuuusstt__hh"  // U+0200
    "______aaeeooooooooyy____________";  // U+0220
constexpr char32_t kExtendedFirst = 0x1E00;  // Latin Extended Additional: Vietnamese tones live at 1EA0–1EF9
constexpr std::string_view kExtendedBase =
    "aabbbbbbccddddddddddeeeeeeeeeeff"  // U+1E00
    "gghhhhhhhhhhiiiikkkkkkllllllllmm"  // U+1E20
    "mmmmnnnnnnnnoooooooopppprrrrrrrr"  // U+1E40
    "ssssssssssttttttttuuuuuuuuuuvvvv"  // U+1E60
    "wwwwwwwwwwxxxxyyzzzzzzhtwy______"  // U+1E80
    "aaaaaaaaaaaaaaaaaaaaaaaaeeeeeeee"  // U+1EA0
    "eeeeeeeeiiiioooooooooooooooooooo"  // U+1EC0
    "oooouuuuuuuuuuuuuuyyyyyyyy______";  // U+1EE0
static_assert(kLatinBase.size() == 0x240 - kLatinFirst && kExtendedBase.size() == 0x100);

// Letters that fold to two ASCII letters.
std::string_view ligature(char32_t cp) {
  switch (cp) {
    case 0xC6: case 0xE6: return "ae";
    case 0xDE: case 0xFE: return "th";
    case 0xDF: return "ss";
    case 0x132: case 0x133: return "ij";
    case 0x152: case 0x153: return "oe";
    default: return {};
  }
}

char base_letter(std::string_view table, char32_t first, char32_t cp) {
  if (cp < first || cp - first >= table.size()) return 0;
  const char c = table[cp - first];
  return c == '_' ? 0 : c;
}

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Appends the folded form of one non-space, non-ignorable code point whose UTF-8 bytes are `raw`.
void append_folded(std::string& out, char32_t cp, std::string_view raw) {
  if (cp < 0x80) {
    out += ascii_lower(static_cast<char>(cp));
  } else if (cp >= 0xFF01 && cp <= 0xFF5E) {  // full-width ASCII
    out += ascii_lower(static_cast<char>(cp - 0xFEE0));
  } else if (const std::string_view pair = ligature(cp); !pair.empty()) {
    out += pair;
  } else if (const char c = base_letter(kLatinBase, kLatinFirst, cp)) {
    out += c;
  } else if (const char e = base_letter(kExtendedBase, kExtendedFirst, cp)) {
    out += e;
  } else {
    out += raw;
  }
}

}  // namespace

std::string fold(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending_space = false;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t start = i;
    const unsigned char b = static_cast<unsigned char>(s[i]);
    if (b >= 0x21 && b < 0x7F) {  // fast path: printable ASCII
      if (pending_space) out += ' ';
      pending_space = false;
      out += ascii_lower(static_cast<char>(b));
      ++i;
      continue;
    }
    const char32_t cp = decode(s, i);
    if (cp == kInvalid) continue;
    if (is_space(cp)) {
      pending_space = !out.empty();
      continue;
    }
    if (is_ignorable(cp)) continue;
    if (pending_space) out += ' ';
    pending_space = false;
    append_folded(out, cp, s.substr(start, i - start));
  }
  return out;
}

std::string trim(std::string_view s) {
  std::size_t begin = s.size(), end = 0;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t start = i;
    const char32_t cp = decode(s, i);
    if (cp != kInvalid && (is_space(cp) || is_zero_width(cp))) continue;
    if (begin == s.size()) begin = start;
    end = i;
  }
  return begin < end ? std::string(s.substr(begin, end - begin)) : std::string();
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string joined;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) joined += separator;
    joined += parts[i];
  }
  return joined;
}

void append_backslash_escaped(std::string& out, std::string_view text) {
  for (const char c : text) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default: out += c;
    }
  }
}

void assign_backslash_unescaped(std::string& out, std::string_view text) {
  if (text.find('\\') == std::string_view::npos) {
    out.assign(text);
    return;
  }
  out.clear();
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\' || i + 1 == text.size()) {
      out += text[i];
      continue;
    }
    switch (const char e = text[++i]) {
      case 't': out += '\t'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'v': out += '\v'; break;
      default: out += e;
    }
  }
}

}  // namespace hq::core
