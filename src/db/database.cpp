#include "db/database.h"

#include <filesystem>
#include <mutex>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "core/error.h"

namespace hq::db {

namespace {

// libpq understands URLs, but SOCI rewrites its connect string first: hand it key=value pairs.
std::string libpq_keywords(const std::string& url) {
  std::string rest = url.substr(url.find("://") + 3);
  std::string params;
  if (auto q = rest.find('?'); q != std::string::npos) {
    params = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  std::string credentials, host_port = rest, dbname;
  if (auto slash = host_port.find('/'); slash != std::string::npos) {
    dbname = host_port.substr(slash + 1);
    host_port = host_port.substr(0, slash);
  }
  if (auto at = host_port.rfind('@'); at != std::string::npos) {
    credentials = host_port.substr(0, at);
    host_port = host_port.substr(at + 1);
  }
  auto quote = [](const std::string& v) {
    std::string out = "'";
    for (char c : v) out += (c == '\\' || c == '\'') ? std::string("\\") + c : std::string(1, c);
    return out + "'";
  };
  std::string out;
  auto add = [&](const std::string& key, const std::string& value) {
    if (!value.empty()) out += (out.empty() ? "" : " ") + key + "=" + quote(value);
  };
  if (auto colon = credentials.find(':'); colon != std::string::npos) {
    add("user", credentials.substr(0, colon));
    add("password", credentials.substr(colon + 1));
  } else {
    add("user", credentials);
  }
  if (auto colon = host_port.rfind(':'); colon != std::string::npos && host_port.find(']') == std::string::npos) {
    add("host", host_port.substr(0, colon));
    add("port", host_port.substr(colon + 1));
  } else {
    add("host", host_port);
  }
  add("dbname", dbname);
  out += " options='-c client_min_messages=warning'";
  std::size_t start = 0;
  while (start < params.size()) {
    auto end = params.find('&', start);
    if (end == std::string::npos) end = params.size();
    const std::string pair = params.substr(start, end - start);
    if (auto eq = pair.find('='); eq != std::string::npos) add(pair.substr(0, eq), pair.substr(eq + 1));
    start = end + 1;
  }
  return out;
}

// SQLite's multi-thread mode: a connection carries no mutex of its own, because the pool never gives one session to
// two threads at once (a Lease is exclusive; tests/db/pool_test.cpp checks both). Without memory statistics, its
// allocator takes no global mutex either. Ingest spent about a tenth of its CPU in these mutexes (serialized mode).
// Must run before SQLite initialises; when something initialised it first, the default (serialized) stays.
void configure_sqlite_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    using namespace sqlite_api;  // SOCI's header wraps sqlite3.h in it
    if (sqlite3_config(SQLITE_CONFIG_MULTITHREAD) == SQLITE_OK) sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  });
}

void open_session(soci::session& session, Backend backend, const std::string& url) {
  if (backend == Backend::Sqlite) {
    configure_sqlite_once();
    const std::string path = url.substr(std::string("sqlite:").size());
    const auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent);
    session.open(soci::sqlite3, "db=\"" + path + "\" timeout=30");
    session << "PRAGMA journal_mode=WAL";
    session << "PRAGMA foreign_keys=ON";
    session << "PRAGMA synchronous=NORMAL";
    session << "PRAGMA busy_timeout=30000";
    // Reads through a memory map instead of one read() system call per page outside the 2 MB page cache
    // (searches probe indexes of hundreds of MB at random).
    session << "PRAGMA mmap_size=4294967296";
  } else {
    session.open(soci::postgresql, libpq_keywords(url));
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
  if (backend_ != Backend::Sqlite) {
    session << "BEGIN";
    return;
  }
  sqlite_writer_.lock();
  try {
    session << "BEGIN IMMEDIATE";
  } catch (...) {
    sqlite_writer_.unlock();
    throw;
  }
}

void Database::commit(soci::session& session) {
  session << "COMMIT";  // when it throws, transaction() rolls back, which releases the writer lock
  if (backend_ == Backend::Sqlite) sqlite_writer_.unlock();
}

void Database::rollback(soci::session& session) {
  try {
    session << "ROLLBACK";
  } catch (const std::exception&) {
    // The transaction may already be gone (e.g. the connection dropped): nothing left to undo.
  }
  if (backend_ == Backend::Sqlite) sqlite_writer_.unlock();
}

bool is_constraint_violation(const std::exception& error) {
  const std::string text = error.what();
  return text.find("UNIQUE constraint") != std::string::npos || text.find("unique constraint") != std::string::npos ||
         text.find("duplicate key") != std::string::npos || text.find("FOREIGN KEY") != std::string::npos ||
         text.find("foreign key") != std::string::npos || text.find("constraint failed") != std::string::npos;
}

}  // namespace hq::db
