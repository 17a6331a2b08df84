#pragma once
// An enum's codes (and names) in one table, read both ways, instead of a switch for each direction:
//
//   constexpr core::Coded<DecisionKind> kDecisionKinds[] = {{DecisionKind::Original, "ORIGINAL"}, …};
//   core::code_of(kDecisionKinds, kind)          → "ORIGINAL"
//   core::parse_code(kDecisionKinds, "ORIGINAL") → DecisionKind::Original (std::nullopt when unknown)
//   core::name_of(kPhases, phase)                → the entry's name (a Vietnamese label)
//
// A table may be any range of Coded (a std::span of the first entries: only those parse).
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

namespace hq::core {

template <typename E>
struct Coded {
  E value;
  const char* code;
  const char* name = "";
};

// The code of `value`; `fallback` when the table has no entry for it.
template <typename Table, typename E>
std::string code_of(const Table& table, E value, std::string fallback = "") {
  for (const auto& entry : table)
    if (entry.value == value) return entry.code;
  return fallback;
}

// The name of `value`; "" when the table has no entry for it.
template <typename Table, typename E>
std::string name_of(const Table& table, E value) {
  for (const auto& entry : table)
    if (entry.value == value) return entry.name;
  return "";
}

// The value whose code is `text` (exactly).
template <typename Table>
auto parse_code(const Table& table, std::string_view text)
    -> std::optional<std::remove_cv_t<decltype(std::begin(table)->value)>> {
  for (const auto& entry : table)
    if (text == entry.code) return entry.value;
  return std::nullopt;
}

}  // namespace hq::core
