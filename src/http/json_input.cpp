#include "http/json_input.h"

#include "core/error.h"

namespace hq::http {

void invalid_field(const std::string& field, const std::string& message) {
  core::bad_input("INVALID_FIELD", message, {{"field", field}});
}

namespace {

const nlohmann::json* find_field(const nlohmann::json& body, const std::string& field) {
  if (!body.is_object()) return nullptr;
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) return nullptr;
  return &*it;
}

[[noreturn]] void missing(const std::string& field) { invalid_field(field, "Thiếu trường bắt buộc «" + field + "»."); }
[[noreturn]] void too_long(const std::string& field, std::size_t max_length) {
  invalid_field(field, "Trường «" + field + "» dài quá " + std::to_string(max_length) + " byte.");
}

}  // namespace

std::optional<std::string> optional_text(const nlohmann::json& body, const std::string& field, std::size_t max_length) {
  const auto* value = find_field(body, field);
  if (!value) return std::nullopt;
  if (!value->is_string()) invalid_field(field, "Trường «" + field + "» phải là chuỗi ký tự.");
  const auto& text = value->get_ref<const std::string&>();
  if (text.size() > max_length) too_long(field, max_length);
  return text;
}

std::string required_text(const nlohmann::json& body, const std::string& field, std::size_t max_length) {
  auto text = optional_text(body, field, max_length);
  if (!text || text->find_first_not_of(" \t\r\n") == std::string::npos) missing(field);
  return std::move(*text);
}

std::string take_required_text(nlohmann::json& body, const std::string& field, std::size_t max_length) {
  const auto* value = find_field(body, field);
  if (!value || !value->is_string()) return required_text(body, field, max_length);  // throws the usual answer
  auto& text = const_cast<nlohmann::json*>(value)->get_ref<std::string&>();  // body is ours (non-const)
  check_required_text(text, field, max_length);
  return std::move(text);
}

void check_required_text(std::string_view text, const std::string& field, std::size_t max_length) {
  if (text.size() > max_length) too_long(field, max_length);
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) missing(field);
}

std::optional<std::int64_t> optional_int(const nlohmann::json& body, const std::string& field, std::int64_t min,
                                         std::int64_t max) {
  const auto* value = find_field(body, field);
  if (!value) return std::nullopt;
  if (!value->is_number_integer()) invalid_field(field, "Trường «" + field + "» phải là số nguyên.");
  const auto number = value->get<std::int64_t>();
  if (number < min || number > max)
    invalid_field(field, "Trường «" + field + "» phải nằm trong khoảng " + std::to_string(min) + " – " +
                             std::to_string(max) + ".");
  return number;
}

std::int64_t required_int(const nlohmann::json& body, const std::string& field, std::int64_t min, std::int64_t max) {
  auto number = optional_int(body, field, min, max);
  if (!number) missing(field);
  return *number;
}

std::optional<bool> optional_bool(const nlohmann::json& body, const std::string& field) {
  const auto* value = find_field(body, field);
  if (!value) return std::nullopt;
  if (!value->is_boolean()) invalid_field(field, "Trường «" + field + "» phải là true hoặc false.");
  return value->get<bool>();
}

bool required_bool(const nlohmann::json& body, const std::string& field) {
  auto flag = optional_bool(body, field);
  if (!flag) missing(field);
  return *flag;
}

std::optional<core::Date> optional_date(const nlohmann::json& body, const std::string& field) {
  auto text = optional_text(body, field, 10);
  if (!text) return std::nullopt;
  auto date = core::parse_date(*text);
  if (!date) invalid_field(field, "Trường «" + field + "» phải là ngày hợp lệ dạng YYYY-MM-DD.");
  return date;
}

core::Date required_date(const nlohmann::json& body, const std::string& field) {
  auto date = optional_date(body, field);
  if (!date) missing(field);
  return *date;
}

std::vector<std::string> text_list(const nlohmann::json& body, const std::string& field, std::size_t max_items) {
  const auto* value = find_field(body, field);
  if (!value) return {};
  if (!value->is_array() || value->size() > max_items)
    invalid_field(field, "Trường «" + field + "» phải là danh sách tối đa " + std::to_string(max_items) + " chuỗi.");
  std::vector<std::string> items;
  for (const auto& item : *value) {
    if (!item.is_string() || item.get_ref<const std::string&>().size() > kDefaultMaxText)
      invalid_field(field, "Mỗi phần tử của «" + field + "» phải là chuỗi ký tự.");
    items.push_back(item.get<std::string>());
  }
  return items;
}

}  // namespace hq::http
