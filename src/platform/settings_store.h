#pragma once
// The platform's settings table (key → text), one store for every module's settings (the working hours, audit's
// escalation days, e-services' demo and sandbox keys).
#include <optional>
#include <string>

#include <soci/soci.h>

namespace hq::platform {

// The value of `key`; nullopt when it was never written (or is NULL).
std::optional<std::string> read_setting(soci::session& sql, const std::string& key);
// Writes `key` (replacing its value).
void write_setting(soci::session& sql, const std::string& key, const std::string& value);
// The value of `key`, stored as `value_if_absent` the first time it is asked for (the first writer wins).
std::string setting_or_insert(soci::session& sql, const std::string& key, const std::string& value_if_absent);

}  // namespace hq::platform
