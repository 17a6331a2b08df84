#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace hq::http {
// Decodes %XX escapes of a URL path; nullopt for a malformed escape or an encoded NUL.
std::optional<std::string> percent_decode(std::string_view text);
}
