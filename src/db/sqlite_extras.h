#pragma once
// What a Database does on SQLite beyond SOCI (src/db/database.cpp): statements kept prepared per pooled connection,
// and the WAL checkpoint on a thread of its own instead of inside the commit that fills the WAL.
#include <cstddef>
#include <string>

#include <soci/soci.h>

#include "db/database.h"

namespace sqlite_api {
struct sqlite3_stmt;  // SOCI's sqlite3 header declares SQLite's API in this namespace
}

namespace hq::db {

// A statement kept prepared on a pooled SQLite connection, for work that runs the same statement text every request
// (the monitor's ingest). take_statement gives the statement of `text` on the session's connection, prepared the
// first time, or nullptr when there is none to give (PostgreSQL, a session that is not one of a Database's, or the
// statement already taken): the caller then prepares its own. give_back_statement returns it, reset and unbound.
// A Database finalizes its connections' statements before it closes them.
sqlite_api::sqlite3_stmt* take_statement(soci::session& session, const std::string& text);
void give_back_statement(soci::session& session, sqlite_api::sqlite3_stmt* statement);

// The WAL checkpoints the Database's background thread has done so far (0 on PostgreSQL).
std::size_t background_checkpoints(const Database& db);

}  // namespace hq::db
