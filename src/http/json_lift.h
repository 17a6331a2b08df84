#pragma once
// JSON bodies that carry documents as base64 strings (megabytes) parse slowly character by character in
// nlohmann::json. Long plain strings are lifted out of the text first, the parser reads the small skeleton
// left, and the strings are put back as they were (they had no escape to decode).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace hq::http {

struct LiftedJson {
  std::string skeleton;                 // the text with each lifted string replaced by a placeholder
  std::vector<std::string_view> strings;  // the lifted strings' contents (views into the original text)
  std::string marker;                   // placeholders are marker + index; the marker is not in the text
};

// Lifts every string value (not a key) of at least `min_bytes` made only of printable ASCII without '\'.
// Anything else stays in the skeleton, so the parser still judges it; the skeleton is valid JSON exactly
// when the text is.
LiftedJson lift_long_strings(std::string_view text, std::size_t min_bytes = 4096);
// Puts the lifted strings back into `value` parsed from `lifted.skeleton`, except the string values of the
// object key `leave_key` (when given): those stay placeholders, read without a copy with lifted_text.
void restore_long_strings(nlohmann::json& value, const LiftedJson& lifted, std::string_view leave_key = {});
// The lifted string `value` stands for (a view into the original text), or nullopt when it is not a
// placeholder of `lifted`.
std::optional<std::string_view> lifted_text(const nlohmann::json& value, const LiftedJson& lifted);

}  // namespace hq::http
