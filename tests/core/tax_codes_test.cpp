#include "core/tax_codes.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "core/validation.h"

using namespace hq::core;

TEST(TaxCodeCheckDigit, RealCodesAndNone) {
  EXPECT_EQ(tax_code_check_digit("010010910"), 6);  // 0100109106
  EXPECT_EQ(tax_code_check_digit("030058856"), 9);  // 0300588569
  EXPECT_EQ(tax_code_check_digit("010010130"), 8);  // 0100101308
  // Nine digits whose weighted sum is divisible by 11 have no check digit: find such digits, no code is valid.
  int none = 0;
  for (int n = 0; n < 1000 && none == 0; ++n) {
    const std::string nine = "01" + std::to_string(1000000 + n);
    if (tax_code_check_digit(nine) < 0) {
      ++none;
      EXPECT_FALSE(parse_tax_code(nine + "0"));  // no tenth digit makes it valid
      for (char d = '1'; d <= '9'; ++d) EXPECT_FALSE(parse_tax_code(nine + d));
    }
  }
  EXPECT_EQ(none, 1);
}

TEST(SampleTaxCode, ValidDistinctAndKeptApartByPrefix) {
  std::set<std::string> seen;
  for (long long n = 0; n < 2000; ++n) {
    const std::string code = sample_tax_code("05", 1000000 + n);
    SCOPED_TRACE(code);
    ASSERT_EQ(code.size(), 10u);
    EXPECT_EQ(code.substr(0, 2), "05");
    EXPECT_TRUE(parse_tax_code(code));
    seen.insert(code);
  }
  // Skipped numbers give the next number's code, so a few repeat; nearly all are distinct.
  EXPECT_GT(seen.size(), 1800u);
  EXPECT_EQ(sample_tax_code("01", 1000000), "0110000002");
  EXPECT_EQ(sample_tax_code("01", 0), sample_tax_code("01", 1));  // all-zero digits 3–9 are passed over
  EXPECT_EQ(sample_tax_code("01", 10000001), sample_tax_code("01", 1));  // digits 3–9 are the number mod 10^7
  EXPECT_NE(sample_tax_code("01", 7), sample_tax_code("04", 7));
}
