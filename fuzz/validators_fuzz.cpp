// libFuzzer target for the pure parsers and validators of core/: each must accept any bytes without
// crashing, and the properties below must hold (a violation aborts, which libFuzzer reports).
//   clang++-14 -std=c++20 -fsanitize=fuzzer,address -Isrc fuzz/validators_fuzz.cpp src/core/*.cpp
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/text.h"
#include "core/time.h"
#include "core/validation.h"

namespace {

void require(bool property) {
  if (!property) std::abort();
}

void check_tax_code(std::string_view input) {
  const auto code = hq::core::parse_tax_code(input);
  require(code.has_value() == hq::core::tax_code_problem(input).empty());
  if (code) require(hq::core::parse_tax_code(code->canonical) == code);  // canonical forms are fixed points
}

void check_hs_code(std::string_view input) {
  const auto hs = hq::core::parse_hs_code(input);
  if (!hs) return;
  require(hs->size() == 4 || hs->size() == 6 || hs->size() == 8 || hs->size() == 10);
  require(hq::core::parse_hs_code(*hs) == hs);
}

void check_text(std::string_view input) {
  const std::string folded = hq::core::fold(input);
  require(folded.size() <= input.size());
  require(hq::core::is_valid_utf8(folded));
  require(hq::core::fold(folded) == folded);
  const std::string trimmed = hq::core::trim(input);
  require(trimmed.size() <= input.size());
  require(hq::core::trim(trimmed) == trimmed);
}

void check_time(std::string_view input) {
  if (const auto t = hq::core::parse_iso8601(input)) {
    // Re-formatted in +07:00 it denotes the same instant (unless the local year leaves 0001–9999).
    if (const auto again = hq::core::parse_iso8601(hq::core::format_iso8601(*t))) require(*again == *t);
  }
  if (const auto local = hq::core::parse_local_datetime(input)) {
    require(hq::core::is_valid_date(local->date));
    require(hq::core::to_local(hq::core::from_local(*local)) == *local);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  check_tax_code(input);
  check_hs_code(input);
  check_text(input);
  check_time(input);
  if (hq::core::is_declaration_number(input)) {
    require(hq::core::declaration_base(input).size() == 11);
    require(hq::core::declaration_amendment(input) >= 0 && hq::core::declaration_amendment(input) <= 9);
  }
  (void)hq::core::is_unit_code(input);
  (void)hq::core::is_username(input);
  (void)hq::core::is_email(input);
  (void)hq::core::is_phone(input);
  return 0;
}
