#include "audit/enterprise_rules.h"

#include <algorithm>

#include "audit/rules.h"
#include "core/error.h"
#include "core/text.h"
#include "core/time.h"

namespace hq::audit {

using nlohmann::json;

const FieldSpec kEnterpriseFields[19] = {
    {"name", "tên doanh nghiệp", FieldKind::Text, 500},
    {"foreign_name", "tên nước ngoài", FieldKind::Text, 500},
    {"address", "địa chỉ", FieldKind::Text, 1000},
    {"legal_representative", "người đại diện theo pháp luật", FieldKind::Text, 200},
    {"phone", "điện thoại", FieldKind::Phone, 20},
    {"email", "thư điện tử", FieldKind::Email, 200},
    {"established_on", "ngày thành lập", FieldKind::Date, 10},
    {"charter_capital", "vốn điều lệ", FieldKind::Money, 0},
    {"ownership", "loại hình sở hữu", FieldKind::Text, 200},
    {"aeo_status", "tình trạng doanh nghiệp ưu tiên (AEO)", FieldKind::Text, 200},
    {"compliance_level", "mức độ tuân thủ", FieldKind::Level, 0},
    {"contacts", "người liên hệ", FieldKind::Profile, 2000},
    {"business_lines", "ngành nghề kinh doanh", FieldKind::Profile, 4000},
    {"factories", "nhà máy, cơ sở sản xuất", FieldKind::Profile, 4000},
    {"warehouses", "kho hàng", FieldKind::Profile, 4000},
    {"main_goods", "mặt hàng xuất nhập khẩu chủ yếu", FieldKind::Profile, 4000},
    {"main_partners", "đối tác chủ yếu", FieldKind::Profile, 4000},
    {"related_parties", "các bên liên kết", FieldKind::Profile, 4000},
    {"accounting_software", "phần mềm kế toán", FieldKind::Profile, 500},
};

[[noreturn]] void invalid(const std::string& field, const std::string& message) {
  core::bad_input("INVALID_FIELD", message, {{"field", field}});
}

core::TaxCode parse_tax(const std::string& text) {
  auto code = core::parse_tax_code(text);
  if (!code) core::bad_input("INVALID_TAX_CODE", core::tax_code_problem(text), {{"field", "tax_code"}, {"value", text}});
  return *code;
}

std::string tax_kind(core::TaxCodeKind kind) {
  switch (kind) {
    case core::TaxCodeKind::Enterprise: return "ENTERPRISE";
    case core::TaxCodeKind::Branch: return "BRANCH";
    case core::TaxCodeKind::Personal: return "PERSONAL";
  }
  return "ENTERPRISE";
}

namespace {

std::string* column_of(Enterprise& e, const std::string& name) {
  if (name == "name") return &e.name;
  if (name == "foreign_name") return &e.foreign_name;
  if (name == "address") return &e.address;
  if (name == "legal_representative") return &e.legal_representative;
  if (name == "phone") return &e.phone;
  if (name == "email") return &e.email;
  if (name == "established_on") return &e.established_on;
  if (name == "ownership") return &e.ownership;
  if (name == "aeo_status") return &e.aeo_status;
  return nullptr;
}

std::string text_value(const FieldSpec& spec, const json& value) {
  if (!value.is_string()) invalid(spec.name, std::string("Trường «") + spec.label + "» phải là chuỗi ký tự.");
  std::string text = core::trim(value.get<std::string>());
  if (text.size() > spec.max || !core::is_valid_utf8(text))
    invalid(spec.name, std::string("Trường «") + spec.label + "» dài quá " + std::to_string(spec.max) + " byte.");
  if (spec.kind == FieldKind::Phone && !text.empty() && !core::is_phone(text))
    invalid(spec.name, "Số điện thoại không hợp lệ.");
  if (spec.kind == FieldKind::Email && !text.empty() && !core::is_email(text))
    invalid(spec.name, "Địa chỉ thư điện tử không hợp lệ.");
  if (spec.kind == FieldKind::Date && !text.empty() && !core::parse_date(text))
    invalid(spec.name, std::string("Trường «") + spec.label + "» phải là ngày dạng YYYY-MM-DD.");
  return text;
}

std::int64_t int_value(const FieldSpec& spec, const json& value) {
  if (!value.is_number_integer()) invalid(spec.name, std::string("Trường «") + spec.label + "» phải là số nguyên.");
  const auto n = value.get<std::int64_t>();
  if (spec.kind == FieldKind::Money && (n < 0 || n > kMaxAmount))
    invalid(spec.name, "Vốn điều lệ phải là số đồng không âm.");
  if (spec.kind == FieldKind::Level && !is_compliance_level(n))
    invalid(spec.name, "Mức độ tuân thủ phải từ 1 đến 5 (0 = chưa đánh giá).");
  return n;
}

json profile_value(const FieldSpec& spec, const json& value) {
  if (value.is_string()) return text_value(spec, value);
  if (value.is_array() && value.size() <= 200) {
    std::size_t bytes = 0;
    for (const auto& item : value) {
      if (!item.is_string()) break;
      bytes += item.get_ref<const std::string&>().size();
    }
    if (bytes <= spec.max * 10 && std::all_of(value.begin(), value.end(), [](const json& i) { return i.is_string(); }))
      return value;
  }
  invalid(spec.name, std::string("Trường «") + spec.label + "» phải là chuỗi hoặc danh sách chuỗi.");
}

}  // namespace

json apply_fields(Enterprise& e, const json& fields) {
  json changes = json::array();
  json profile = json::parse(e.profile.empty() ? "{}" : e.profile, nullptr, false);
  if (!profile.is_object()) profile = json::object();
  const auto note = [&](const char* field, const json& from, const json& to) {
    if (from != to) changes.push_back({{"field", field}, {"from", from}, {"to", to}});
  };
  for (const auto& spec : kEnterpriseFields) {
    auto it = fields.find(spec.name);
    if (it == fields.end() || it->is_null()) continue;
    if (spec.kind == FieldKind::Money || spec.kind == FieldKind::Level) {
      std::int64_t& target = spec.kind == FieldKind::Money ? e.charter_capital : e.compliance_level;
      const auto value = int_value(spec, *it);
      note(spec.name, target, value);
      target = value;
    } else if (spec.kind == FieldKind::Profile) {
      const json value = profile_value(spec, *it);
      note(spec.name, profile.value(spec.name, json("")), value);
      profile[spec.name] = value;
    } else {
      std::string* target = column_of(e, spec.name);
      const std::string value = text_value(spec, *it);
      note(spec.name, *target, value);
      *target = value;
    }
  }
  if (e.name.empty()) invalid("name", "Tên doanh nghiệp là bắt buộc.");
  e.profile = profile.dump();
  return changes;
}

}  // namespace hq::audit
