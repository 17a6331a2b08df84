#pragma once
// Validators for the identifiers customs data is keyed by. Parsers return the canonical form (what is
// stored and shown) or nullopt; `*_problem` functions say in Vietnamese what is wrong, for 400 answers.
#include <optional>
#include <string>
#include <string_view>

namespace hq::core {

// ---- Tax code (mã số thuế) ----
// Enterprise: 10 digits, the 10th a check digit. Branch (đơn vị phụ thuộc): the parent's 10 digits and a
// 3-digit suffix other than 000, canonical "0100109106-001". Personal: from 2025 individuals use their
// 12-digit personal identification number (số định danh cá nhân), which carries no check digit.
// Spaces, dots and hyphens are ignored on input.
enum class TaxCodeKind { Enterprise, Branch, Personal };
struct TaxCode {
  std::string canonical;
  TaxCodeKind kind = TaxCodeKind::Enterprise;
  bool operator==(const TaxCode&) const = default;
};
std::optional<TaxCode> parse_tax_code(std::string_view text);
std::string tax_code_problem(std::string_view text);  // empty when valid
// The enterprise part (first 10 digits) of a canonical enterprise or branch code: a branch's parent.
std::string tax_code_parent(const TaxCode& code);

// ---- Customs declaration number (số tờ khai VNACCS) ----
// 12 digits exactly: the first 11 identify the declaration, the 12th counts its amendments (0 = original).
bool is_declaration_number(std::string_view text);
std::string declaration_base(std::string_view number);  // first 11 digits; requires a valid number
int declaration_amendment(std::string_view number);     // the 12th digit; requires a valid number

// ---- HS code (mã HS) ----
// 4, 6, 8 or 10 digits, chapter 01–99; single dots between digit groups are accepted on input
// ("8708.29.90") and removed in the canonical form ("87082990"). Surrounding whitespace is ignored.
std::optional<std::string> parse_hs_code(std::string_view text);

// ---- Customs unit code (mã đơn vị hải quan) ----
// Offices are 2 digits + 2 uppercase alphanumerics ("03CC", "02IK"), the General Department is "00", and
// headquarters departments use 2–6 uppercase letters or digits, so the rule is ^[0-9A-Z]{2,6}$.
bool is_unit_code(std::string_view text);

// ---- Accounts and contacts ----
bool is_username(std::string_view text);  // ^[a-z0-9][a-z0-9._-]{2,63}$ (so "03cc_qt" is valid)
// A practical check, not RFC 5322: one '@', a local part of printable ASCII without spaces, quotes or
// brackets, a domain of dot-separated labels [A-Za-z0-9-] (no leading/trailing '-') with at least two
// labels, total length ≤ 254.
bool is_email(std::string_view text);
// Vietnamese phone number: 9–11 digits ("0912345678", landline "02439440833"), or "+84" and 9–10 digits
// (the number without its leading 0). Single spaces, dots or hyphens may separate digits ("0912 345 678",
// "+84 912.345.678", "024-3944-0833").
bool is_phone(std::string_view text);

}  // namespace hq::core
