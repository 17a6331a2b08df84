#include "core/tax_codes.h"

#include <array>

namespace hq::core {

int tax_code_check_digit(std::string_view nine) {
  static constexpr std::array<int, 9> kWeights{31, 29, 23, 19, 17, 13, 7, 5, 3};
  int sum = 0;
  for (std::size_t i = 0; i < kWeights.size(); ++i) sum += (nine[i] - '0') * kWeights[i];
  const int r = sum % 11;
  return r == 0 ? -1 : (10 - r);  // r = 10 gives 0
}

std::string sample_tax_code(std::string_view prefix, long long number) {
  for (;; ++number) {
    const long long seven = number % 10000000;
    if (seven == 0) continue;  // digits 3–9 may not all be zero
    const std::string digits = std::to_string(seven);
    std::string code(prefix.substr(0, 2));
    code += std::string(7 - digits.size(), '0') + digits;
    const int check = tax_code_check_digit(code);
    if (check >= 0) return code + static_cast<char>('0' + check);
  }
}

}  // namespace hq::core
