#include "db/database.h"

#include <algorithm>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "core/error.h"
#include "db/sqlite_extras.h"

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
  // No JIT compilation: PostgreSQL compiles a query whose estimated cost passes 100,000 (jit_above_cost), which
  // costs 20–100 ms each time, for queries that then run in a few ms (the monitor's history count at 10M
  // operations: 110–150 ms with JIT, 15–18 ms without, docs/performance.md). It pays off only for queries of
  // seconds, which no page runs.
  out += " options='-c client_min_messages=warning -c jit=off'";
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

std::string sqlite_path(const std::string& url) { return url.substr(std::string("sqlite:").size()); }

void open_session(soci::session& session, Backend backend, const std::string& url) {
  if (backend == Backend::Sqlite) {
    configure_sqlite_once();
    const std::string path = sqlite_path(url);
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

sqlite_api::sqlite3* connection_of(soci::session& session) {
  return static_cast<soci::sqlite3_session_backend*>(session.get_backend())->conn_;
}

// A statement kept prepared on a pooled SQLite connection (take_statement), and whether a holder has it now.
struct KeptStatement {
  sqlite_api::sqlite3_stmt* statement = nullptr;
  bool taken = false;
};
using KeptStatements = std::unordered_map<std::string, KeptStatement>;

// SQLite's WAL checkpoint off the writers' path. With SQLite's default (wal_autocheckpoint=1000) the commit that
// takes the WAL past 1,000 pages copies them into the database file and syncs it, inside that request: about 5 % of
// the monitor ingest's CPU, and an fsync, every few requests. Here a commit past kFrames only wakes this thread,
// which checkpoints PASSIVE (it never blocks a writer or a reader) on a connection of its own while the next request
// runs. Should it fall behind (the WAL past kInlineFrames), the committing session checkpoints itself as before, so
// the WAL stays bounded either way. A session's WAL hook replaces SQLite's automatic checkpoint.
class Checkpointer {
 public:
  explicit Checkpointer(std::string path) : path_(std::move(path)), thread_([this] { run(); }) {}
  ~Checkpointer() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    wake_.notify_one();
    thread_.join();
  }
  void attach(soci::session& session) {
    sqlite_api::sqlite3_wal_hook(connection_of(session), &Checkpointer::on_commit, this);
  }
  static void detach(soci::session& session) { sqlite_api::sqlite3_wal_hook(connection_of(session), nullptr, nullptr); }
  std::size_t done() const { return done_.load(); }

 private:
  static constexpr int kFrames = 1000, kInlineFrames = 16000;

  static int on_commit(void* self, sqlite_api::sqlite3* conn, const char* name, int frames) {
    if (frames >= kInlineFrames)
      sqlite_api::sqlite3_wal_checkpoint_v2(conn, name, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    else if (frames >= kFrames)
      static_cast<Checkpointer*>(self)->request();
    return SQLITE_OK;
  }
  void request() {
    {
      std::lock_guard lock(mutex_);
      wanted_ = true;
    }
    wake_.notify_one();
  }
  void run() {
    using namespace sqlite_api;
    sqlite3* conn = nullptr;
    // A connection that has read nothing yet does not know the file is in WAL mode, and its checkpoint would do
    // nothing: the first read opens the WAL, and it stays open.
    if (sqlite3_open_v2(path_.c_str(), &conn, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) == SQLITE_OK) {
      sqlite3_busy_timeout(conn, 1000);
      sqlite3_exec(conn, "SELECT count(*) FROM sqlite_schema", nullptr, nullptr, nullptr);
    }
    for (;;) {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return wanted_ || stop_; });
      if (stop_) break;
      wanted_ = false;
      lock.unlock();
      if (sqlite3_wal_checkpoint_v2(conn, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr) == SQLITE_OK) ++done_;
    }
    sqlite3_close(conn);
  }

  std::string path_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool wanted_ = false, stop_ = false;
  std::atomic<std::size_t> done_{0};
  std::thread thread_;  // last: starts once the members above exist
};

// The sessions this thread holds a Lease on, each with its connection's kept statements, so that take_statement,
// which is handed a session only, finds them without a map shared by every Database of the process. An entry lives
// exactly as long as its Lease; a connection is only used by the thread holding its Lease, so its statements need no
// lock. A session used by another thread (or opened outside a Database) is not found: it gets no kept statement.
thread_local std::vector<std::pair<const soci::session*, KeptStatements*>> leased_statements;

KeptStatements* kept_statements_of(soci::session& session) {
  for (auto it = leased_statements.rbegin(); it != leased_statements.rend(); ++it)
    if (it->first == &session) return it->second;
  return nullptr;
}

}  // namespace

// What a Database keeps on SQLite beyond SOCI (sqlite_extras.h): its WAL checkpointer and each pooled connection's
// kept statements (by pool index). Made with the Database and gone with it.
struct Database::Sqlite {
  Sqlite(soci::connection_pool& pool, std::size_t pool_size, const std::string& path)
      : pool_(pool), kept_(pool_size), checkpointer_(path) {
    for (std::size_t i = 0; i < pool_size; ++i) checkpointer_.attach(pool_.at(i));
  }
  // Before the pool closes its connections: no kept statement left open on them, no hook into the checkpointer
  // (whose thread stops and joins when this goes).
  ~Sqlite() {
    for (std::size_t i = 0; i < kept_.size(); ++i) {
      for (auto& [text, k] : kept_[i]) sqlite_api::sqlite3_finalize(k.statement);
      Checkpointer::detach(pool_.at(i));
    }
  }
  Sqlite(const Sqlite&) = delete;
  Sqlite& operator=(const Sqlite&) = delete;

  soci::connection_pool& pool_;
  std::vector<KeptStatements> kept_;
  Checkpointer checkpointer_;
};

sqlite_api::sqlite3_stmt* take_statement(soci::session& session, const std::string& text) {
  if (session.get_backend_name() != "sqlite3") return nullptr;
  KeptStatements* kept = kept_statements_of(session);
  if (!kept) return nullptr;
  auto& k = (*kept)[text];
  if (k.taken) return nullptr;
  if (!k.statement && sqlite_api::sqlite3_prepare_v3(connection_of(session), text.c_str(), static_cast<int>(text.size()),
                                                     SQLITE_PREPARE_PERSISTENT, &k.statement, nullptr) != SQLITE_OK) {
    kept->erase(text);
    return nullptr;  // the caller prepares it again and reports SQLite's error
  }
  k.taken = true;
  return k.statement;
}

void give_back_statement(soci::session& session, sqlite_api::sqlite3_stmt* statement) {
  sqlite_api::sqlite3_reset(statement);
  sqlite_api::sqlite3_clear_bindings(statement);
  KeptStatements* kept = kept_statements_of(session);
  if (!kept) return;
  for (auto& [text, k] : *kept)
    if (k.statement == statement) k.taken = false;
}

std::size_t background_checkpoints(const Database& db) { return db.sqlite_ ? db.sqlite_->checkpointer_.done() : 0; }

Database::Database(const std::string& url, std::size_t pool_size)
    : url_(url), backend_(backend_of(url)), pool_size_(pool_size), pool_(std::make_unique<soci::connection_pool>(pool_size)) {
  try {
    for (std::size_t i = 0; i < pool_size; ++i) open_session(pool_->at(i), backend_, url_);
    if (backend_ == Backend::Sqlite) sqlite_ = std::make_unique<Sqlite>(*pool_, pool_size, sqlite_path(url_));
  } catch (const std::exception& error) {
    throw core::Error(core::ErrorKind::Unavailable, "DATABASE_UNAVAILABLE",
                      std::string("Không kết nối được cơ sở dữ liệu: ") + error.what());
  }
}

Database::~Database() { sqlite_.reset(); }  // before pool_ closes the connections its statements and hooks are on

std::size_t Database::sessions_in_use() const { return in_use_.load(); }

Database::Lease::Lease(Database& db) : db_(db), index_(db.pool_->lease()), session_(db.pool_->at(index_)) {
  ++db_.in_use_;
  if (db_.sqlite_) leased_statements.emplace_back(&session_, &db_.sqlite_->kept_[index_]);
}

Database::Lease::~Lease() {
  if (db_.sqlite_) {
    // Leases end in reverse order on a thread (they are scoped), so this is normally the last entry.
    const auto mine = std::find_if(leased_statements.rbegin(), leased_statements.rend(),
                                   [&](const auto& entry) { return entry.first == &session_; });
    if (mine != leased_statements.rend()) leased_statements.erase(std::next(mine).base());
  }
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
