#pragma once
// Base64 (RFC 4648, alphabet A–Z a–z 0–9 + /): the one encoder and decoder of the code base (documents of
// e-services, signatures, study uploads). Decoding megabytes is on the path of every dossier submitted, so
// it goes 32 characters at a time with AVX2 where the processor has it (validity of the whole block judged
// at once), else 4 characters → 3 bytes per step from pre-shifted tables with one validity test per step.
// Both give exactly the same answers: the same bytes, and nullopt for the same texts.
#include <optional>
#include <string>
#include <string_view>

namespace hq::core {

std::string base64_encode(std::string_view bytes);

// Strict: length a multiple of 4, padding only at the end ("=" or "=="), the bits the padding drops zero
// (one text per byte string), no whitespace, no URL-safe letters. nullopt when the text is not that.
std::optional<std::string> base64_decode(std::string_view text);

// Tolerant, for files people paste or export: spaces, CR/LF and '=' are skipped wherever they are, the
// URL-safe '-' and '_' stand for '+' and '/', and the bits left after the last whole byte are ignored.
// nullopt only for a character outside both alphabets.
std::optional<std::string> base64_decode_relaxed(std::string_view text);

// Whether the fast path (AVX2) is used on this processor; the tests check both paths give the same answers.
bool base64_uses_simd();
// The decoder without the fast path (for the tests).
std::optional<std::string> base64_decode_scalar(std::string_view text);

}  // namespace hq::core
