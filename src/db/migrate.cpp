#include "db/migrate.h"

#include <algorithm>
#include <set>

#include "core/time.h"

namespace hq::db {

const std::vector<Migration>& migrations_for(Backend backend) {
  return backend == Backend::Sqlite ? embedded_sqlite_migrations() : embedded_postgresql_migrations();
}

std::vector<std::string> split_statements(const std::string& sql) {
  std::vector<std::string> statements;
  std::string current;
  std::size_t start = 0;
  while (start < sql.size()) {
    auto end = sql.find('\n', start);
    if (end == std::string::npos) end = sql.size();
    std::string line = sql.substr(start, end - start);
    start = end + 1;
    const auto first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos || line.compare(first, 2, "--") == 0) continue;
    current += line + "\n";
    const auto last = line.find_last_not_of(" \t\r");
    if (line[last] == ';') {
      statements.push_back(current);
      current.clear();
    }
  }
  if (current.find_first_not_of(" \t\r\n") != std::string::npos) statements.push_back(current);
  return statements;
}

namespace {

void ensure_version_table(soci::session& sql) {
  sql << "CREATE TABLE IF NOT EXISTS schema_migrations (version bigint PRIMARY KEY, name text NOT NULL, "
         "applied_at bigint NOT NULL)";
}

std::set<int> applied_versions(soci::session& sql) {
  std::set<int> versions;
  soci::rowset<soci::row> rows = (sql.prepare << "SELECT version FROM schema_migrations");
  for (const auto& row : rows) {
    versions.insert(static_cast<int>(row.get_properties(0).get_data_type() == soci::dt_long_long
                                         ? row.get<long long>(0)
                                         : row.get<int>(0)));
  }
  return versions;
}

}  // namespace

std::vector<int> pending_migrations(Database& db) {
  std::set<int> applied = db.transaction([](soci::session& sql) {
    ensure_version_table(sql);
    return applied_versions(sql);
  });
  std::vector<int> pending;
  for (const auto& migration : migrations_for(db.backend()))
    if (!applied.count(migration.version)) pending.push_back(migration.version);
  return pending;
}

int apply_migrations(Database& db) {
  int applied_count = 0;
  const auto pending = pending_migrations(db);
  for (const auto& migration : migrations_for(db.backend())) {
    if (std::find(pending.begin(), pending.end(), migration.version) == pending.end()) continue;
    db.transaction([&](soci::session& sql) {
      for (const auto& statement : split_statements(migration.sql)) sql << statement;
      const long long version = migration.version, at = core::now();
      sql << "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, :n, :a)", soci::use(version),
          soci::use(migration.name), soci::use(at);
    });
    ++applied_count;
  }
  return applied_count;
}

}  // namespace hq::db
