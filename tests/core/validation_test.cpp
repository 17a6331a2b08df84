#include "core/validation.h"

#include <gtest/gtest.h>

#include "core/error.h"

using namespace hq::core;

namespace {

TaxCode code(std::string canonical, TaxCodeKind kind) { return TaxCode{std::move(canonical), kind}; }

// The check digit by the published rule, written independently of the implementation.
char check_digit(std::string_view nine) {
  const int weights[] = {31, 29, 23, 19, 17, 13, 7, 5, 3};
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += (nine[i] - '0') * weights[i];
  return static_cast<char>('0' + (10 - sum % 11) % 10);
}

}  // namespace

TEST(TaxCode, RealEnterpriseCodes) {
  for (const char* text : {"0100109106", "0300588569", "0100101308"}) {  // Viettel, …
    SCOPED_TRACE(text);
    EXPECT_EQ(parse_tax_code(text), code(text, TaxCodeKind::Enterprise));
    EXPECT_EQ(tax_code_problem(text), "");
  }
}

TEST(TaxCode, SeparatorsAreIgnoredAndCanonicalised) {
  EXPECT_EQ(parse_tax_code(" 0100 109 106 "), code("0100109106", TaxCodeKind::Enterprise));
  EXPECT_EQ(parse_tax_code("0100.109.106"), code("0100109106", TaxCodeKind::Enterprise));
  EXPECT_EQ(parse_tax_code("0100109106-001"), code("0100109106-001", TaxCodeKind::Branch));
  EXPECT_EQ(parse_tax_code("0100109106001"), code("0100109106-001", TaxCodeKind::Branch));
  EXPECT_EQ(parse_tax_code("0100109106 - 015"), code("0100109106-015", TaxCodeKind::Branch));
  EXPECT_EQ(parse_tax_code("01-00109106-999"), code("0100109106-999", TaxCodeKind::Branch));
  EXPECT_EQ(tax_code_parent(*parse_tax_code("0100109106-001")), "0100109106");
  EXPECT_EQ(tax_code_parent(*parse_tax_code("0100109106")), "0100109106");
}

TEST(TaxCode, WrongCheckDigits) {
  for (char last = '0'; last <= '9'; ++last) {
    std::string text = "010010910";
    text += last;
    EXPECT_EQ(parse_tax_code(text).has_value(), last == '6') << text;
  }
  EXPECT_FALSE(parse_tax_code("0300588568"));
  EXPECT_FALSE(parse_tax_code("0100101309"));
  EXPECT_FALSE(parse_tax_code("0100109107-001"));  // a branch of an invalid parent
  EXPECT_EQ(tax_code_problem("0300588568"), "Mã số thuế không hợp lệ: chữ số kiểm tra (chữ số thứ 10) không đúng.");
}

TEST(TaxCode, RemainderTenGivesZeroAndRemainderZeroIsInvalid) {
  EXPECT_EQ(parse_tax_code("0100000010"), code("0100000010", TaxCodeKind::Enterprise));  // Σ mod 11 = 10
  for (char last = '0'; last <= '9'; ++last) {  // Σ mod 11 = 0: no digit fits
    std::string text = "010000005";
    text += last;
    EXPECT_FALSE(parse_tax_code(text)) << text;
    EXPECT_EQ(tax_code_problem(text),
              "Mã số thuế không hợp lệ: chín chữ số đầu không tương ứng với chữ số kiểm tra nào.");
  }
}

TEST(TaxCode, AgreesWithTheRuleOnManyCodes) {
  int valid = 0;
  for (int n = 0; n < 200000; n += 7) {
    char nine[10];
    std::snprintf(nine, sizeof nine, "01%07d", n);
    const char expected = check_digit(nine);
    for (char last = '0'; last <= '9'; ++last) {
      const std::string text = std::string(nine) + last;
      const bool zeros = n == 0;
      const bool no_check_digit = expected == '0' && [&] {  // distinguishes r = 0 from r = 10
        int sum = 0;
        const int weights[] = {31, 29, 23, 19, 17, 13, 7, 5, 3};
        for (int i = 0; i < 9; ++i) sum += (nine[i] - '0') * weights[i];
        return sum % 11 == 0;
      }();
      const bool ok = !zeros && !no_check_digit && last == expected;
      ASSERT_EQ(parse_tax_code(text).has_value(), ok) << text;
      valid += ok;
    }
  }
  EXPECT_GT(valid, 25000);
}

TEST(TaxCode, Problems) {
  EXPECT_EQ(tax_code_problem(""), "Chưa nhập mã số thuế.");
  EXPECT_EQ(tax_code_problem(" - . "), "Chưa nhập mã số thuế.");
  EXPECT_EQ(tax_code_problem("01001O9106"),
            "Mã số thuế chỉ gồm chữ số (được phép ngăn cách bằng dấu cách, dấu chấm hoặc dấu gạch ngang).");
  EXPECT_EQ(tax_code_problem("0100109106/001"),
            "Mã số thuế chỉ gồm chữ số (được phép ngăn cách bằng dấu cách, dấu chấm hoặc dấu gạch ngang).");
  const std::string length =
      "Mã số thuế phải có 10 chữ số (doanh nghiệp), 13 chữ số dạng XXXXXXXXXX-YYY (đơn vị phụ thuộc) hoặc 12 chữ "
      "số (số định danh cá nhân).";
  for (const char* text : {"010010910", "01001091060", "01001091060011", "0100109106-0011", "1"})
    EXPECT_EQ(tax_code_problem(text), length) << text;
  EXPECT_EQ(tax_code_problem("0100109106-01"), "Mã đơn vị phụ thuộc phải có đúng 3 chữ số sau dấu gạch ngang.");
  EXPECT_EQ(tax_code_problem("0100000003"),  // check digit right, but digits 3–9 are all zero
            "Mã số thuế không hợp lệ: các chữ số thứ 3 đến thứ 9 không được đều bằng 0.");
  EXPECT_EQ(tax_code_problem("0100109106-000"),
            "Mã số thuế không hợp lệ: mã đơn vị phụ thuộc (3 chữ số cuối) không được là 000.");
  EXPECT_EQ(tax_code_problem(std::string(1000, '1')), length);
  for (const char* text : {"", "abc", "0100000003", "0100109106-000", "0300588568"})
    EXPECT_FALSE(parse_tax_code(text)) << text;
}

TEST(TaxCode, PersonalIdentificationNumbers) {
  EXPECT_EQ(parse_tax_code("001095012345"), code("001095012345", TaxCodeKind::Personal));
  EXPECT_EQ(parse_tax_code("001 095 012 345"), code("001095012345", TaxCodeKind::Personal));
  EXPECT_EQ(parse_tax_code("079203000001"), code("079203000001", TaxCodeKind::Personal));
  EXPECT_EQ(tax_code_problem("079203000001"), "");
}

TEST(DeclarationNumber, TwelveDigits) {
  EXPECT_TRUE(is_declaration_number("103012345670"));
  EXPECT_TRUE(is_declaration_number("300123456781"));
  EXPECT_FALSE(is_declaration_number("10301234567"));
  EXPECT_FALSE(is_declaration_number("1030123456700"));
  EXPECT_FALSE(is_declaration_number("10301234567a"));
  EXPECT_FALSE(is_declaration_number(" 103012345670"));
  EXPECT_FALSE(is_declaration_number("103-012345670"));
  EXPECT_FALSE(is_declaration_number(""));
  EXPECT_EQ(declaration_base("103012345672"), "10301234567");
  EXPECT_EQ(declaration_amendment("103012345672"), 2);
  EXPECT_EQ(declaration_amendment("103012345670"), 0);
  try {
    declaration_base("12");
    ADD_FAILURE();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), "INVALID_DECLARATION_NUMBER");
    EXPECT_EQ(e.kind(), ErrorKind::BadInput);
  }
  EXPECT_THROW(declaration_amendment("x03012345670"), Error);
}

TEST(HsCode, CanonicalDigits) {
  EXPECT_EQ(parse_hs_code("8708.29.90"), "87082990");
  EXPECT_EQ(parse_hs_code("87082990"), "87082990");
  EXPECT_EQ(parse_hs_code("8708"), "8708");
  EXPECT_EQ(parse_hs_code("8708.29"), "870829");
  EXPECT_EQ(parse_hs_code("870829"), "870829");
  EXPECT_EQ(parse_hs_code("0101.21.00.10"), "0101210010");
  EXPECT_EQ(parse_hs_code("  8708.29.90\t"), "87082990");
  EXPECT_EQ(parse_hs_code("9801"), "9801");
}

TEST(HsCode, Rejected) {
  for (const char* text : {"", "870", "87082", "8708299", "870829901", "87082990123", "8708.29.9a", ".8708", "8708.",
                           "8708..29", "8708 29 90", "8708-29-90", "0012", "00.12.34", "8708.29.90.12.3", "８７０８"})
    EXPECT_FALSE(parse_hs_code(text)) << text;
}

TEST(UnitCode, Pattern) {
  for (const char* text : {"00", "03CC", "02IK", "01B1", "TCHQ", "KTSTQ", "CNTT01", "01"})
    EXPECT_TRUE(is_unit_code(text)) << text;
  for (const char* text : {"", "0", "03cc", "03 CC", "03-CC", "CNTT012", "Đ1", "03CC\n"})
    EXPECT_FALSE(is_unit_code(text)) << text;
}

TEST(Username, Pattern) {
  for (const char* text : {"abc", "03cc_qt", "nguyen.van.a", "nva-01", "0123", "a.b", "a__", "9.-_"})
    EXPECT_TRUE(is_username(text)) << text;
  EXPECT_TRUE(is_username(std::string(64, 'a')));
  for (const char* text : {"", "ab", "_abc", ".abc", "-abc", "Abc", "nguyễn", "a b c", "a@b.c", "abc/"})
    EXPECT_FALSE(is_username(text)) << text;
  EXPECT_FALSE(is_username(std::string(65, 'a')));
}

TEST(Email, BasicCheck) {
  for (const char* text : {"a@b.vn", "nguyen.van.a@customs.gov.vn", "x+tag@mail.example.com", "a_b-c@sub-domain.io",
                           "1@2.com"})
    EXPECT_TRUE(is_email(text)) << text;
  for (const char* text : {"", "a", "a@", "@b.vn", "a@b", "a@@b.vn", "a@b@c.vn", "a b@c.vn", "a@b .vn", "a@.vn",
                           "a@b..vn", "a@-b.vn", "a@b-.vn", ".a@b.vn", "a.@b.vn", "a..b@c.vn", "a@b.v", "a@b.123",
                           "\"a\"@b.vn", "a@b.vn.", "nguyễn@b.vn", "a@bü.vn"})
    EXPECT_FALSE(is_email(text)) << text;
  EXPECT_FALSE(is_email(std::string(65, 'a') + "@b.vn"));
  EXPECT_TRUE(is_email(std::string(64, 'a') + "@b.vn"));
  EXPECT_FALSE(is_email("a@" + std::string(250, 'b') + ".vn"));
}

TEST(Phone, VietnameseNumbers) {
  for (const char* text : {"0912345678", "0912 345 678", "0912.345.678", "024-3944-0833", "+84912345678",
                           "+84 912 345 678", "+84-912-345-678", "+842439440833", "02439440833", "912345678", "84912345678"})
    EXPECT_TRUE(is_phone(text)) << text;
  for (const char* text : {"", "+84", "12345678", "091234567890", "+8491234567890", "0912 345 67a", " 0912345678",
                           "0912345678 ", "0912  345678", "+85912345678", "(024) 39440833", "0912--345678",
                           "++84912345678", "84+912345678"})
    EXPECT_FALSE(is_phone(text)) << text;
}
