#pragma once
// Valid 10-digit Vietnamese tax codes for tests: `prefix` (two digits) keeps each suite's enterprises apart.
#include <cstdio>
#include <string>

namespace hq::test {

// The n-th code of the prefix (digits 3–9 from n, the check digit computed; n values whose weighted sum is
// divisible by 11 have no check digit and are skipped).
inline std::string tax_code(const char* prefix, long long n) {
  static constexpr int kWeights[9] = {31, 29, 23, 19, 17, 13, 7, 5, 3};
  for (;; ++n) {
    char digits[16];
    std::snprintf(digits, sizeof digits, "%.2s%07lld", prefix, 1000000 + n % 1000000);
    int sum = 0;
    for (int i = 0; i < 9; ++i) sum += (digits[i] - '0') * kWeights[i];
    if (sum % 11 == 0) continue;
    digits[9] = static_cast<char>('0' + (10 - sum % 11) % 10);
    digits[10] = 0;
    return digits;
  }
}

}  // namespace hq::test
