#pragma once
// Text helpers for Vietnamese data: folding for accent- and case-insensitive search ("Công ty Thép" and
// "CONG TY THEP" both fold to "cong ty thep"), UTF-8 validation and trimming.
#include <string>
#include <string_view>
#include <vector>

#include "core/utf8.h"

namespace hq::core {

// Search key of a UTF-8 string:
//  - Latin letters lose their diacritics and become lower-case ASCII: all Vietnamese letters (ă â ê ô ơ ư with
//    the five tones, precomposed NFC or decomposed NFD), đ/Đ → d (also the look-alikes Ð U+00D0 and Ɖ U+0189
//    that legacy encodings produce), other Latin-1/Latin Extended letters (é → e, æ → ae, ß → ss), and
//    full-width ASCII (Ａ → a);
//  - combining marks (U+0300–036F, 1AB0–1AFF, 1DC0–1DFF, 20D0–20FF, FE20–FE2F), zero-width characters,
//    soft hyphens and control characters are dropped, as are invalid UTF-8 bytes;
//  - runs of whitespace (ASCII and Unicode spaces such as U+00A0) become one ' ', and the ends are trimmed;
//  - anything else (digits, punctuation, other scripts) is kept as is.
// Table-driven, one pass; the result is never longer than the input.
std::string fold(std::string_view utf8);

// Strict UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF): is_valid_utf8, in core/utf8.h.

// Removes leading and trailing whitespace (ASCII and Unicode spaces) and zero-width characters (e.g. a BOM).
std::string trim(std::string_view utf8);

// "a, b, c": the parts with the separator between them.
std::string join(const std::vector<std::string>& parts, std::string_view separator);

// Backslash escaping of the text format of PostgreSQL's COPY, also used to store a record as one
// tab-separated text: backslash, tab, newline and carriage return are escaped.
void append_backslash_escaped(std::string& out, std::string_view text);
// The reverse, into `out`: \t \n \r \b \f \v stand for their control characters, \x for x.
void assign_backslash_unescaped(std::string& out, std::string_view text);

}  // namespace hq::core
