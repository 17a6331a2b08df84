#include "db/database.h"

#include <filesystem>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "core/error.h"

namespace hq::db {

namespace {

void open_session(soci::session& session, Backend backend, const std::string& url) {
  if (backend == Backend::Sqlite) {
    const std::string path = url.substr(std::string("sqlite:").size());
    const auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent);
    session.open(soci::sqlite3, "db=\"" + path + "\" timeout=30");
    session << "PRAGMA journal_mode=WAL";
    session << "PRAGMA foreign_keys=ON";
    session << "PRAGMA synchronous=NORMAL";
    session << "PRAGMA busy_timeout=30000";
  } else {
    session.open(soci::postgresql, url);
  }
}

Backend backend_of(const std::string& url) {
  if (url.rfind("sqlite:", 0) == 0 && url.size() > 7) return Backend::Sqlite;
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) return Backend::Postgres;
  throw core::Error(core::ErrorKind::BadInput, "INVALID_DATABASE_URL",
                    "Địa chỉ cơ sở dữ liệu không hợp lệ: «" + url + "». Dùng sqlite:ĐƯỜNG_DẪN hoặc postgresql://…");
}

}  // namespace

Database::Database(const std::string& url, std::size_t pool_size)
    : url_(url), backend_(backend_of(url)), pool_size_(pool_size), pool_(std::make_unique<soci::connection_pool>(pool_size)) {
  try {
    for (std::size_t i = 0; i < pool_size; ++i) open_session(pool_->at(i), backend_, url_);
  } catch (const std::exception& error) {
    throw core::Error(core::ErrorKind::Unavailable, "DATABASE_UNAVAILABLE",
                      std::string("Không kết nối được cơ sở dữ liệu: ") + error.what());
  }
}

Database::~Database() = default;

std::size_t Database::sessions_in_use() const { return in_use_.load(); }

Database::Lease::Lease(Database& db) : db_(db), index_(db.pool_->lease()), session_(db.pool_->at(index_)) {
  ++db_.in_use_;
}

Database::Lease::~Lease() {
  --db_.in_use_;
  db_.pool_->give_back(index_);
}

void Database::begin(soci::session& session) {
  session << (backend_ == Backend::Sqlite ? "BEGIN IMMEDIATE" : "BEGIN");
}

void Database::commit(soci::session& session) { session << "COMMIT"; }

void Database::rollback(soci::session& session) {
  try {
    session << "ROLLBACK";
  } catch (const std::exception&) {
    // The transaction may already be gone (e.g. the connection dropped): nothing left to undo.
  }
}

bool is_constraint_violation(const std::exception& error) {
  const std::string text = error.what();
  return text.find("UNIQUE constraint") != std::string::npos || text.find("unique constraint") != std::string::npos ||
         text.find("duplicate key") != std::string::npos || text.find("FOREIGN KEY") != std::string::npos ||
         text.find("foreign key") != std::string::npos || text.find("constraint failed") != std::string::npos;
}

}  // namespace hq::db
