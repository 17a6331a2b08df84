#include "platform/settings_store.h"

namespace hq::platform {

std::optional<std::string> read_setting(soci::session& sql, const std::string& key) {
  std::string value;
  soci::indicator ind = soci::i_null;
  sql << "SELECT value FROM settings WHERE key = :k", soci::use(key), soci::into(value, ind);
  if (!sql.got_data() || ind != soci::i_ok) return std::nullopt;
  return value;
}

void write_setting(soci::session& sql, const std::string& key, const std::string& value) {
  sql << "DELETE FROM settings WHERE key = :k", soci::use(key);
  sql << "INSERT INTO settings (key, value) VALUES (:k, :v)", soci::use(key), soci::use(value);
}

std::string setting_or_insert(soci::session& sql, const std::string& key, const std::string& value_if_absent) {
  sql << "INSERT INTO settings (key, value) VALUES (:k, :v) ON CONFLICT (key) DO NOTHING", soci::use(key),
      soci::use(value_if_absent);
  return read_setting(sql, key).value_or(value_if_absent);
}

}  // namespace hq::platform
