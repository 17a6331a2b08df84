#pragma once
// The check digit of enterprise tax codes (mã số thuế), and valid sample codes for demo, test and benchmark
// data. Parsing and checking what users type is core/validation.h, which uses the same check digit.
#include <string>
#include <string_view>

namespace hq::core {

// The check digit (0–9) that the first nine digits of an enterprise code call for, or -1 when none exists
// (such nine digits make no valid code). Requires nine digits.
int tax_code_check_digit(std::string_view nine);

// The first valid enterprise code from `number` on: the two-digit `prefix`, then `number` mod 10^7 as seven
// digits, then the check digit; a number whose digits have no check digit (or are all zero) is passed over for
// the next one.
std::string sample_tax_code(std::string_view prefix, long long number);

}  // namespace hq::core
