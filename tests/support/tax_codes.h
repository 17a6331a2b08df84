#pragma once
// Valid 10-digit Vietnamese tax codes for tests: `prefix` (two digits) keeps each suite's enterprises apart.
#include <string>

#include "core/tax_codes.h"

namespace hq::test {

// The n-th code of the prefix (digits 3–9 are 1000000 + n, the check digit computed; n values whose weighted sum
// is divisible by 11 have no check digit and are skipped): core::sample_tax_code, which the demo data uses too.
inline std::string tax_code(const char* prefix, long long n) {
  return core::sample_tax_code(prefix, 1000000 + n % 1000000);
}

}  // namespace hq::test
