#pragma once
// Versioned schema migrations embedded in the binary: migrations/NNNN_name.sql for both backends (@ID@ is
// the auto-increment key), migrations/<backend>/ for backend-only ones. Numbering: 0001–0099 platform, 0100–0199 trs, 0200–0299 audit, 0300– other modules.
#include <string>
#include <vector>

#include "db/database.h"

namespace hq::db {

struct Migration {
  int version;
  std::string name;
  std::string sql;
};

const std::vector<Migration>& migrations_for(Backend backend);
// Applies every pending migration, each in its own transaction. Returns how many were applied.
int apply_migrations(Database& db);
// Versions known to this binary that the database has not applied yet.
std::vector<int> pending_migrations(Database& db);
// Splits a migration into statements (each ends with ';' at the end of a line).
std::vector<std::string> split_statements(const std::string& sql);

const std::vector<Migration>& embedded_sqlite_migrations();
const std::vector<Migration>& embedded_postgresql_migrations();

}  // namespace hq::db
