#include "core/base64.h"

#include <array>
#include <cstdint>
#include <cstring>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define HQ_BASE64_AVX2 1
#endif

namespace hq::core {

namespace {

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::uint32_t kBad = 0x01000000;  // above every decoded value: one test per quartet

// The 6-bit value of each character placed where it lands in the 3 output bytes (byte k of the result at
// bits 8k–8k+7), one table per place in the quartet: a quartet decodes to d0[a] | d1[b] | d2[c] | d3[d].
struct Tables {
  std::array<std::uint32_t, 256> d0{}, d1{}, d2{}, d3{};
};
constexpr Tables make_tables() {
  Tables t;
  for (int c = 0; c < 256; ++c) t.d0[c] = t.d1[c] = t.d2[c] = t.d3[c] = kBad;
  for (std::uint32_t v = 0; v < 64; ++v) {
    const auto c = static_cast<unsigned char>(kAlphabet[v]);
    t.d0[c] = v << 2;                                // byte 0: aaaaaa..
    t.d1[c] = (v >> 4) | ((v & 15) << 12);           // byte 0: ......bb, byte 1: bbbb....
    t.d2[c] = ((v >> 2) << 8) | ((v & 3) << 22);     // byte 1: ....cccc, byte 2: cc......
    t.d3[c] = v << 16;                               // byte 2: ..dddddd
  }
  return t;
}
constexpr Tables kTables = make_tables();

inline std::uint32_t quartet(const unsigned char* in) {
  return kTables.d0[in[0]] | kTables.d1[in[1]] | kTables.d2[in[2]] | kTables.d3[in[3]];
}
inline void put3(char* o, std::uint32_t x) {
  o[0] = static_cast<char>(x & 255);
  o[1] = static_cast<char>((x >> 8) & 255);
  o[2] = static_cast<char>((x >> 16) & 255);
}

// Quartets [from, to) of `in` (no padding among them) into `o`; false at the first character outside the
// alphabet. Two quartets per step, one test for both.
bool decode_quartets(const unsigned char* in, std::size_t from, std::size_t to, char* o) {
  std::size_t i = from;
  for (; i + 8 <= to; i += 8, o += 6) {
    const std::uint32_t x = quartet(in + i), y = quartet(in + i + 4);
    if ((x | y) & kBad) return false;
    put3(o, x);
    put3(o + 3, y);
  }
  for (; i < to; i += 4, o += 3) {
    const std::uint32_t x = quartet(in + i);
    if (x & kBad) return false;
    put3(o, x);
  }
  return true;
}

#ifdef HQ_BASE64_AVX2
// 32 characters → 24 bytes per step (W. Muła and D. Lemire, "Faster Base64 Encoding and Decoding Using AVX2
// Instructions", ACM TWEB 2018): each byte's two nibbles index two small tables whose AND is zero exactly for
// the 64 letters of the alphabet; a third table gives what to add to each letter for its 6-bit value; two
// multiply-adds and two shuffles pack four 6-bit values into three bytes. Returns how many characters it
// decoded (a multiple of 32, up to `size`); it stops before a block holding any other character, which the
// scalar loop then judges.
__attribute__((target("avx2"))) std::size_t decode_blocks_avx2(const unsigned char* in, std::size_t size, char* o) {
  const __m256i lut_lo = _mm256_setr_epi8(0x15, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x13, 0x1A,
                                          0x1B, 0x1B, 0x1B, 0x1A, 0x15, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11,
                                          0x11, 0x11, 0x13, 0x1A, 0x1B, 0x1B, 0x1B, 0x1A);
  const __m256i lut_hi = _mm256_setr_epi8(0x10, 0x10, 0x01, 0x02, 0x04, 0x08, 0x04, 0x08, 0x10, 0x10, 0x10, 0x10,
                                          0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x01, 0x02, 0x04, 0x08, 0x04, 0x08,
                                          0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10);
  const __m256i lut_roll = _mm256_setr_epi8(0, 16, 19, 4, -65, -65, -71, -71, 0, 0, 0, 0, 0, 0, 0, 0, 0, 16, 19, 4,
                                            -65, -65, -71, -71, 0, 0, 0, 0, 0, 0, 0, 0);
  const __m256i mask_2f = _mm256_set1_epi8(0x2f);
  const __m256i pack_bytes = _mm256_setr_epi8(2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1, 2, 1, 0, 6, 5,
                                              4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1);
  const __m256i pack_lanes = _mm256_setr_epi32(0, 1, 2, 4, 5, 6, -1, -1);
  std::size_t i = 0;
  alignas(32) char block[32];
  for (; i + 32 <= size; i += 32, o += 24) {
    __m256i s = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(in + i));
    const __m256i hi_nibbles = _mm256_and_si256(_mm256_srli_epi32(s, 4), mask_2f);
    const __m256i lo_nibbles = _mm256_and_si256(s, mask_2f);
    const __m256i hi = _mm256_shuffle_epi8(lut_hi, hi_nibbles);
    const __m256i lo = _mm256_shuffle_epi8(lut_lo, lo_nibbles);
    if (!_mm256_testz_si256(lo, hi)) break;  // a character outside the alphabet in this block
    const __m256i eq_2f = _mm256_cmpeq_epi8(s, mask_2f);
    s = _mm256_add_epi8(s, _mm256_shuffle_epi8(lut_roll, _mm256_add_epi8(eq_2f, hi_nibbles)));
    s = _mm256_maddubs_epi16(s, _mm256_set1_epi32(0x01400140));  // 00aaaaaa 00bbbbbb → aaaaaabbbbbb
    s = _mm256_madd_epi16(s, _mm256_set1_epi32(0x00011000));     // two of those → 24 bits
    s = _mm256_permutevar8x32_epi32(_mm256_shuffle_epi8(s, pack_bytes), pack_lanes);
    _mm256_store_si256(reinterpret_cast<__m256i*>(block), s);
    std::memcpy(o, block, 24);
  }
  return i;
}

bool has_avx2() {
  static const bool yes = __builtin_cpu_supports("avx2");
  return yes;
}
#endif

std::optional<std::string> decode(std::string_view text, bool canonical, bool simd) {
  if (text.size() % 4 != 0) return std::nullopt;
  if (text.empty()) return std::string();
  const std::size_t pad = text.back() != '=' ? 0 : text[text.size() - 2] == '=' ? 2 : 1;
  std::string out(text.size() / 4 * 3 - pad, '\0');
  const auto* in = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t full = text.size() - (pad ? 4 : 0);  // characters before the padded quartet
  std::size_t done = 0;
#ifdef HQ_BASE64_AVX2
  if (simd && has_avx2()) done = decode_blocks_avx2(in, full, out.data());
#else
  (void)simd;
#endif
  // Anything else in the text (a '=' inside it too) fails here.
  if (!decode_quartets(in, done, full, out.data() + done / 4 * 3)) return std::nullopt;
  if (pad) {
    const auto& t = kTables;
    const std::uint32_t c = pad == 1 ? t.d2[in[full + 2]] : 0;
    const std::uint32_t x = t.d0[in[full]] | t.d1[in[full + 1]] | c;
    if (x & kBad) return std::nullopt;
    // Canonical form: the bits the padding drops must be zero (byte 1 of "xx==", byte 2 of "xxx=").
    if (canonical && ((pad == 2 && (x & 0xff00)) || (pad == 1 && (x & 0xff0000)))) return std::nullopt;
    char* o = out.data() + full / 4 * 3;
    o[0] = static_cast<char>(x & 255);
    if (pad == 1) o[1] = static_cast<char>((x >> 8) & 255);
  }
  return out;
}

}  // namespace

std::string base64_encode(std::string_view bytes) {
  std::string out((bytes.size() + 2) / 3 * 4, '=');
  const auto* in = reinterpret_cast<const unsigned char*>(bytes.data());
  char* o = out.data();
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3, o += 4) {
    const unsigned v = (in[i] << 16) | (in[i + 1] << 8) | in[i + 2];
    o[0] = kAlphabet[v >> 18];
    o[1] = kAlphabet[(v >> 12) & 63];
    o[2] = kAlphabet[(v >> 6) & 63];
    o[3] = kAlphabet[v & 63];
  }
  if (i < bytes.size()) {  // one or two bytes left: '=' padding (already in place)
    unsigned v = in[i] << 16;
    if (i + 1 < bytes.size()) v |= in[i + 1] << 8;
    o[0] = kAlphabet[v >> 18];
    o[1] = kAlphabet[(v >> 12) & 63];
    if (i + 1 < bytes.size()) o[2] = kAlphabet[(v >> 6) & 63];
  }
  return out;
}

std::optional<std::string> base64_decode(std::string_view text) { return decode(text, true, true); }

std::optional<std::string> base64_decode_scalar(std::string_view text) { return decode(text, true, false); }

std::optional<std::string> base64_decode_relaxed(std::string_view text) {
  std::string plain;
  plain.reserve(text.size() + 3);
  for (const char ch : text) {
    if (ch == '=' || ch == '\n' || ch == '\r' || ch == ' ') continue;
    plain += ch == '-' ? '+' : ch == '_' ? '/' : ch;
  }
  if (plain.size() % 4 == 1) {  // a last character alone carries no whole byte: checked, then dropped
    if (kTables.d0[static_cast<unsigned char>(plain.back())] & kBad) return std::nullopt;
    plain.pop_back();
  }
  if (plain.size() % 4 != 0) plain.append(4 - plain.size() % 4, '=');
  return decode(plain, false, true);
}

bool base64_uses_simd() {
#ifdef HQ_BASE64_AVX2
  return has_avx2();
#else
  return false;
#endif
}

}  // namespace hq::core
