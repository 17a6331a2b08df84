#pragma once
// The enterprise directory's pure rules: the form 01/KTSTQ field table (Circular 81/2019 annex), how each
// field is checked, and applying a set of fields to an enterprise with the list of what changed. The
// service, the bulk import and the STQ01 carry-over all go through apply_fields. No SQL, no HTTP.
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "core/validation.h"

namespace hq::audit {

// An enterprise of the directory (audit_enterprises).
struct Enterprise {
  std::int64_t id = 0;
  std::string tax_code, tax_kind, name, foreign_name, address, legal_representative, phone, email, established_on;
  std::int64_t charter_capital = 0;
  std::string ownership, aeo_status;
  std::int64_t compliance_level = 0;
  std::string profile = "{}";  // the other form 01/KTSTQ fields, as a JSON object
  std::string source;
  std::int64_t created_at = 0, updated_at = 0;
};

enum class FieldKind { Text, Phone, Email, Date, Money, Level, Profile };
struct FieldSpec {
  const char* name;
  const char* label;  // Vietnamese, for error messages
  FieldKind kind;
  std::size_t max;    // bytes (Profile: per item; lists up to 10× this in all)
};
// Columns of their own where they are searched, sorted or checked; the rest live in the JSON profile.
extern const FieldSpec kEnterpriseFields[19];

// 400 INVALID_FIELD naming the field.
[[noreturn]] void invalid(const std::string& field, const std::string& message);
// A valid tax code or 400 INVALID_TAX_CODE with the validator's Vietnamese message.
core::TaxCode parse_tax(const std::string& text);
std::string tax_kind(core::TaxCodeKind kind);  // ENTERPRISE | BRANCH | PERSONAL

// Applies the fields present in `fields` (by name; null or absent = unchanged) to `e` after checking each
// (400 INVALID_FIELD naming it); returns [{"field","from","to"}] of what changed. The name is required.
nlohmann::json apply_fields(Enterprise& e, const nlohmann::json& fields);

}  // namespace hq::audit
