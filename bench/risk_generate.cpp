// Writes a declarations extract (spec risk-selection.md) for the risk benchmark: N lines over E enterprises
// and two years ending at --to, declaration numbers increasing, 1–5 lines per declaration.
//   risk_generate --lines 20000000 --enterprises 1000000 --to 2026-11-30 [--shape uniform|skewed] > extract.csv
// skewed: a few enterprises file most declarations (u² draw), as in real traffic; uniform: all alike.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "core/tax_codes.h"

namespace {

constexpr unsigned kPow10[4] = {1, 10, 100, 1000};

std::uint64_t state = 88172645463325252ULL;
std::uint64_t next() {  // xorshift64
  state ^= state << 13, state ^= state >> 7, state ^= state << 17;
  return state;
}
std::uint64_t below(std::uint64_t n) { return next() % n; }

// Valid 10-digit tax codes (the check digit computed; numbers without one skipped).
std::vector<std::string> tax_codes(std::size_t n) {
  std::vector<std::string> out;
  out.reserve(n);
  for (long long k = 0; out.size() < n; ++k) {
    char digits[16];
    if (k % 10000000 == 0) continue;  // digits 3–9 may not all be zero
    std::snprintf(digits, sizeof digits, "%02lld%07lld", 1 + (k / 10000000) % 98, k % 10000000);
    const int check = hq::core::tax_code_check_digit(digits);
    if (check < 0) continue;
    digits[9] = static_cast<char>('0' + check);
    digits[10] = 0;
    out.emplace_back(digits);
  }
  return out;
}

// Days since 1970-01-01 → "YYYY-MM-DD" (H. Hinnant's civil_from_days).
void civil(long long z, char* out) {
  z += 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long long y = static_cast<long long>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const auto year = static_cast<unsigned>((y + (m <= 2)) % 10000);
  out[0] = char('0' + year / 1000), out[1] = char('0' + year / 100 % 10), out[2] = char('0' + year / 10 % 10);
  out[3] = char('0' + year % 10), out[4] = '-', out[5] = char('0' + m / 10), out[6] = char('0' + m % 10), out[7] = '-';
  out[8] = char('0' + d / 10), out[9] = char('0' + d % 10), out[10] = 0;
}
long long days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097LL + static_cast<long long>(doe) - 719468;
}

char* put_u(char* p, unsigned long long v) {
  char tmp[24];
  int n = 0;
  do tmp[n++] = static_cast<char>('0' + v % 10), v /= 10; while (v);
  while (n) *p++ = tmp[--n];
  return p;
}

}  // namespace

int main(int argc, char** argv) {
  long long lines = 1000000, enterprises = 100000;
  std::string to = "2026-11-30", shape = "skewed";
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--lines") lines = std::atoll(argv[i + 1]);
    else if (a == "--enterprises") enterprises = std::atoll(argv[i + 1]);
    else if (a == "--to") to = argv[i + 1];
    else if (a == "--shape") shape = argv[i + 1];
    else if (a == "--seed") state = std::strtoull(argv[i + 1], nullptr, 10) | 1;
  }
  const bool skewed = shape == "skewed";
  const auto codes = tax_codes(static_cast<std::size_t>(enterprises));
  static const char* kOffices[] = {"01B1", "01IK", "02CI", "02CX", "02B1", "03CC", "03PA", "18A1", "34CE", "47NB"};
  static const char* kOrigins[] = {"CN", "JP", "KR", "TH", "US", "DE", "TW", "MY", "ID", "IN"};
  static const char* kChannels[] = {"GREEN", "GREEN", "GREEN", "GREEN", "GREEN", "GREEN", "YELLOW", "YELLOW", "RED", "GREEN"};
  const long long last_day = days_from_civil(std::atoi(to.c_str()), static_cast<unsigned>(std::atoi(to.c_str() + 5)),
                                             static_cast<unsigned>(std::atoi(to.c_str() + 8)));
  const long long span = 730;  // two years: a one-year run has its previous period
  std::vector<char> buffer(1 << 22);
  char* p = buffer.data();
  char* const end = buffer.data() + buffer.size() - 512;
  const char* header =
      "declaration_no,line,registered_at,tax_code,flow,type_code,office_code,hs_code,origin_country,"
      "customs_value_vnd,duty_vnd,vat_vnd,preferential,channel,amendments\n";
  std::fwrite(header, 1, std::strlen(header), stdout);
  unsigned long long declaration = 104000000000ULL;
  long long written = 0;
  char date[16];
  while (written < lines) {
    ++declaration;
    const double u = static_cast<double>(below(1u << 30)) / double(1u << 30);
    const auto e = static_cast<std::size_t>((skewed ? u * u : u) * double(enterprises)) % codes.size();
    const long long day = last_day - span + 1 + (written * span) / lines;  // dates increase with the numbers
    civil(day, date);
    const bool import = below(10) < 7;
    const int count = 1 + static_cast<int>(below(5));
    const char* office = kOffices[e % 10];
    const char* channel = kChannels[below(10)];
    const unsigned amendments = below(20) == 0 ? 1 + static_cast<unsigned>(below(3)) : 0;
    // Each enterprise has its own duty level: a few under-declare.
    const unsigned rate_pct = e % 23 == 0 ? 1 : 3 + static_cast<unsigned>(e % 9);
    for (int l = 1; l <= count && written < lines; ++l, ++written) {
      const unsigned heading = 100 + static_cast<unsigned>((e * 7 + static_cast<std::size_t>(l) * 131 + below(3)) % 9700);
      const unsigned long long value = 10'000'000ULL + below(2'000'000'000ULL);
      const unsigned long long duty = import ? value * rate_pct / 100 : 0;
      p = put_u(p, declaration);
      *p++ = ',';
      p = put_u(p, static_cast<unsigned>(l));
      *p++ = ',';
      std::memcpy(p, date, 10), p += 10;
      std::memcpy(p, " 10:00,", 7), p += 7;
      std::memcpy(p, codes[e].data(), 10), p += 10;
      std::memcpy(p, import ? ",NK,A11," : ",XK,B11,", 8), p += 8;
      std::memcpy(p, office, 4), p += 4;
      *p++ = ',';
      char hs[9];
      const auto tail = static_cast<unsigned>(below(10000));
      for (int k = 0; k < 4; ++k) hs[3 - k] = char('0' + (heading / kPow10[k]) % 10), hs[7 - k] = char('0' + (tail / kPow10[k]) % 10);
      std::memcpy(p, hs, 8), p += 8;
      *p++ = ',';
      std::memcpy(p, kOrigins[below(10)], 2), p += 2;
      *p++ = ',';
      p = put_u(p, value);
      *p++ = ',';
      p = put_u(p, duty);
      *p++ = ',';
      p = put_u(p, value / 10);
      *p++ = ',';
      *p++ = import && below(4) == 0 ? 'Y' : 'N';
      *p++ = ',';
      std::memcpy(p, channel, std::strlen(channel)), p += std::strlen(channel);
      *p++ = ',';
      p = put_u(p, amendments);
      *p++ = '\n';
      if (p > end) std::fwrite(buffer.data(), 1, static_cast<std::size_t>(p - buffer.data()), stdout), p = buffer.data();
    }
  }
  std::fwrite(buffer.data(), 1, static_cast<std::size_t>(p - buffer.data()), stdout);
  return 0;
}
