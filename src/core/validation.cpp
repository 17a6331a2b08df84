#include "core/validation.h"

#include <algorithm>
#include <array>

#include "core/error.h"
#include "core/tax_codes.h"

namespace hq::core {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_upper_alnum(char c) { return is_digit(c) || (c >= 'A' && c <= 'Z'); }
bool is_lower_alnum(char c) { return is_digit(c) || (c >= 'a' && c <= 'z'); }
bool is_ascii_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

bool all_of(std::string_view s, bool (*pred)(char)) { return std::all_of(s.begin(), s.end(), pred); }

std::string_view trim_ascii(std::string_view s) {
  while (!s.empty() && is_ascii_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ascii_space(s.back())) s.remove_suffix(1);
  return s;
}

// ---- tax code ----

constexpr std::size_t kEnterpriseDigits = 10;
constexpr std::size_t kBranchDigits = 13;
constexpr std::size_t kPersonalDigits = 12;

struct TaxCodeCheck {
  std::optional<TaxCode> code;
  std::string problem;
};

TaxCodeCheck tax_code_error(std::string problem) { return {std::nullopt, std::move(problem)}; }

TaxCodeCheck check_tax_code(std::string_view text) {
  std::string digits;
  bool hyphen = false;
  for (const char c : text) {
    if (c == ' ' || c == '.') continue;
    if (c == '-') {
      hyphen = true;
      continue;
    }
    if (!is_digit(c))
      return tax_code_error(
          "Mã số thuế chỉ gồm chữ số (được phép ngăn cách bằng dấu cách, dấu chấm hoặc dấu gạch ngang).");
    if (digits.size() <= kBranchDigits) digits += c;  // enough to know it is too long
  }
  if (digits.empty()) return tax_code_error("Chưa nhập mã số thuế.");
  if (digits.size() == kPersonalDigits) {
    // "0100109106-01" is a mistyped branch code, not a personal number.
    if (hyphen) return tax_code_error("Mã đơn vị phụ thuộc phải có đúng 3 chữ số sau dấu gạch ngang.");
    return {TaxCode{digits, TaxCodeKind::Personal}, {}};
  }
  if (digits.size() != kEnterpriseDigits && digits.size() != kBranchDigits)
    return tax_code_error(
        "Mã số thuế phải có 10 chữ số (doanh nghiệp), 13 chữ số dạng XXXXXXXXXX-YYY (đơn vị phụ thuộc) hoặc 12 "
        "chữ số (số định danh cá nhân).");
  if (all_of(std::string_view(digits).substr(2, 7), [](char c) { return c == '0'; }))
    return tax_code_error("Mã số thuế không hợp lệ: các chữ số thứ 3 đến thứ 9 không được đều bằng 0.");
  const int check = tax_code_check_digit(digits);
  if (check < 0)
    return tax_code_error("Mã số thuế không hợp lệ: chín chữ số đầu không tương ứng với chữ số kiểm tra nào.");
  if (digits[9] - '0' != check)
    return tax_code_error("Mã số thuế không hợp lệ: chữ số kiểm tra (chữ số thứ 10) không đúng.");
  if (digits.size() == kEnterpriseDigits) return {TaxCode{digits, TaxCodeKind::Enterprise}, {}};
  const std::string_view suffix = std::string_view(digits).substr(kEnterpriseDigits);
  if (suffix == "000")
    return tax_code_error("Mã số thuế không hợp lệ: mã đơn vị phụ thuộc (3 chữ số cuối) không được là 000.");
  return {TaxCode{digits.substr(0, kEnterpriseDigits) + "-" + std::string(suffix), TaxCodeKind::Branch}, {}};
}

[[noreturn]] void invalid_declaration_number(std::string_view number) {
  bad_input("INVALID_DECLARATION_NUMBER", "Số tờ khai phải gồm đúng 12 chữ số.", {{"number", std::string(number)}});
}

// ---- e-mail ----

bool is_email_local_char(char c) {
  static constexpr std::string_view kForbidden = "\"(),:;<>@[\\]";
  return c > ' ' && c < 0x7f && kForbidden.find(c) == std::string_view::npos;
}

bool is_domain_label(std::string_view label) {
  const auto ok = [](char c) { return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-'; };
  return !label.empty() && label.size() <= 63 && label.front() != '-' && label.back() != '-' &&
         std::all_of(label.begin(), label.end(), ok);
}

bool is_domain(std::string_view domain) {
  std::size_t labels = 0;
  std::string_view last;
  for (std::size_t start = 0;;) {
    const std::size_t dot = domain.find('.', start);
    last = domain.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (!is_domain_label(last)) return false;
    ++labels;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  const auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  return labels >= 2 && last.size() >= 2 && std::all_of(last.begin(), last.end(), letter);
}

}  // namespace

std::optional<TaxCode> parse_tax_code(std::string_view text) { return check_tax_code(text).code; }

std::string tax_code_problem(std::string_view text) { return check_tax_code(text).problem; }

std::string tax_code_parent(const TaxCode& code) { return code.canonical.substr(0, kEnterpriseDigits); }

bool is_declaration_number(std::string_view text) { return text.size() == 12 && all_of(text, is_digit); }

std::string declaration_base(std::string_view number) {
  if (!is_declaration_number(number)) invalid_declaration_number(number);
  return std::string(number.substr(0, 11));
}

int declaration_amendment(std::string_view number) {
  if (!is_declaration_number(number)) invalid_declaration_number(number);
  return number[11] - '0';
}

std::optional<std::string> parse_hs_code(std::string_view text) {
  text = trim_ascii(text);
  std::string digits;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool dot_between_digits = c == '.' && i > 0 && is_digit(text[i - 1]) && i + 1 < text.size() &&
                                    is_digit(text[i + 1]);
    if (dot_between_digits) continue;
    if (!is_digit(c) || digits.size() == 10) return std::nullopt;
    digits += c;
  }
  const std::size_t n = digits.size();
  if ((n != 4 && n != 6 && n != 8 && n != 10) || digits.compare(0, 2, "00") == 0) return std::nullopt;
  return digits;
}

bool is_unit_code(std::string_view text) { return text.size() >= 2 && text.size() <= 6 && all_of(text, is_upper_alnum); }

bool is_username(std::string_view text) {
  const auto tail_ok = [](char c) { return is_lower_alnum(c) || c == '.' || c == '_' || c == '-'; };
  return text.size() >= 3 && text.size() <= 64 && is_lower_alnum(text.front()) &&
         std::all_of(text.begin() + 1, text.end(), tail_ok);
}

bool is_email(std::string_view text) {
  const std::size_t at = text.find('@');
  if (text.size() > 254 || at == std::string_view::npos || text.find('@', at + 1) != std::string_view::npos)
    return false;
  const std::string_view local = text.substr(0, at);
  const bool local_ok = !local.empty() && local.size() <= 64 && local.front() != '.' && local.back() != '.' &&
                        local.find("..") == std::string_view::npos && all_of(local, is_email_local_char);
  return local_ok && is_domain(text.substr(at + 1));
}

bool is_phone(std::string_view text) {
  const bool international = text.substr(0, 3) == "+84";
  if (international) {
    text.remove_prefix(3);
    if (!text.empty() && (text.front() == ' ' || text.front() == '.' || text.front() == '-')) text.remove_prefix(1);
  }
  std::size_t digits = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (is_digit(c)) {
      ++digits;
      continue;
    }
    const bool separator = c == ' ' || c == '.' || c == '-';
    if (!separator || i == 0 || i + 1 == text.size() || !is_digit(text[i - 1]) || !is_digit(text[i + 1]))
      return false;
  }
  return digits >= 9 && digits <= (international ? 10 : 11);  // +84 replaces the leading 0
}

}  // namespace hq::core
