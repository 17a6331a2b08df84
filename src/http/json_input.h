#pragma once
// Typed reads of request JSON fields. A missing field or a wrong type answers 400 with the field's name
// in details.field, so the page can show the message beside it.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/time.h"

namespace hq::http {

constexpr std::size_t kDefaultMaxText = 1000;

std::string required_text(const nlohmann::json& body, const std::string& field, std::size_t max_length = kDefaultMaxText);
// required_text's checks and answers, the text moved out of `body` (left empty): megabytes of base64 taken
// without a copy.
std::string take_required_text(nlohmann::json& body, const std::string& field, std::size_t max_length);
// required_text's checks and answers for a text already known to be a string (too long, or blank: missing),
// for a value read without going through the JSON (a lifted document, http::lifted_text).
void check_required_text(std::string_view text, const std::string& field, std::size_t max_length);
std::optional<std::string> optional_text(const nlohmann::json& body, const std::string& field,
                                         std::size_t max_length = kDefaultMaxText);
std::int64_t required_int(const nlohmann::json& body, const std::string& field, std::int64_t min, std::int64_t max);
std::optional<std::int64_t> optional_int(const nlohmann::json& body, const std::string& field, std::int64_t min,
                                         std::int64_t max);
bool required_bool(const nlohmann::json& body, const std::string& field);
std::optional<bool> optional_bool(const nlohmann::json& body, const std::string& field);
core::Date required_date(const nlohmann::json& body, const std::string& field);
std::optional<core::Date> optional_date(const nlohmann::json& body, const std::string& field);
std::vector<std::string> text_list(const nlohmann::json& body, const std::string& field, std::size_t max_items = 50);
[[noreturn]] void invalid_field(const std::string& field, const std::string& message);

}  // namespace hq::http
