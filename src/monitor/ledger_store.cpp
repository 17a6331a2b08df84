// The operations ledger, the per-file rows both ends write into, the due-time index and the counters.
#include <algorithm>
#include <deque>
#include <memory>
#include <tuple>
#include <unordered_map>

#include <soci/sqlite3/soci-sqlite3.h>

#include "db/sqlite_extras.h"
#include "db/row.h"
#include "db/row_mapping.h"
#include "monitor/store.h"

namespace hq::monitor::store {

namespace {

// A file's row: the raised kinds are stored as text (",A,B,") and parsed once read.
const db::RowMapping<FileRow>& file_mapping() {
  static const auto mapping = db::RowMapping<FileRow>()
                                  HQ_ROW_FIELDS(FileRow, id, system, sender_code, sender_path, receiver_code,
                                                receiver_path, receiver_level, batch_id, file_name, exported_at,
                                                export_size, export_sha256, export_version, received_at, receive_size,
                                                receive_sha256, receive_version, updated_at, update_size, update_error)
                                  .field("raised", &FileRow::raised_text);
  return mapping;
}

FileRow read_file(const soci::row& row) {
  auto f = file_mapping().read(row);
  f.raised = parse_kinds(f.raised_text);
  return f;
}

// Rows per PostgreSQL statement: 17 values a row stays well under its 65,535 parameters.
constexpr std::size_t kChunk = 500;

// Values a statement binds by reference: kept here, at addresses that do not move (deques), until it ran.
class Slots {
 public:
  explicit Slots(bool postgres) : postgres_(postgres) {}
  // Binds a copy of the value to `st` and returns its placeholder ("?" on SQLite, "$n" on PostgreSQL: SOCI's
  // named ":p1" makes SQLite's parser search the names for each one, quadratic in a statement's size).
  std::string bind(soci::statement& st, const std::string& value) {
    texts_.push_back(value);
    st.exchange(soci::use(texts_.back()));
    return placeholder();
  }
  std::string bind(soci::statement& st, std::int64_t value) {
    ints_.push_back(value);
    st.exchange(soci::use(ints_.back()));
    return placeholder();
  }
  // The same slot again, for a statement that is re-executed with new values (SQLite).
  std::string& text(std::size_t i) { return texts_[i]; }
  long long& integer(std::size_t i) { return ints_[i]; }

 private:
  std::string placeholder() { return postgres_ ? "$" + std::to_string(++n_) : "?"; }
  bool postgres_;
  std::deque<std::string> texts_;
  std::deque<long long> ints_;
  std::size_t n_ = 0;
};

// SQLite, a row written without reading anything back: the one-row statement prepared once per connection (kept
// by db::take_statement across requests), its values bound in place from the caller's strings (no copy;
// SQLITE_STATIC, they outlive the step) and stepped through SQLite's own interface. Through SOCI each execution
// also copied every value into its slot and ran SOCI's bookkeeping per value (about a tenth of the ingest's CPU).
class NativeRow {
 public:
  NativeRow(soci::session& sql, const std::string& head, std::size_t columns, const std::string& tail)
      : sql_(sql), db_(static_cast<soci::sqlite3_session_backend*>(sql.get_backend())->conn_) {
    std::string tuple = "(";
    for (std::size_t i = 0; i < columns; ++i) tuple += i ? ", ?" : "?";
    const auto text = head + tuple + ")" + tail;
    stmt_ = db::take_statement(sql, text);
    kept_ = stmt_ != nullptr;
    if (!kept_ && sqlite_api::sqlite3_prepare_v2(db_, text.c_str(), static_cast<int>(text.size()), &stmt_,
                                                 nullptr) != SQLITE_OK)
      fail();
  }
  ~NativeRow() {
    if (kept_) db::give_back_statement(sql_, stmt_);
    else sqlite_api::sqlite3_finalize(stmt_);
  }
  NativeRow(const NativeRow&) = delete;
  NativeRow& operator=(const NativeRow&) = delete;

  void bind(int i, const std::string& v) {
    if (sqlite_api::sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC) != SQLITE_OK)
      fail();
  }
  void bind(int i, std::int64_t v) {
    if (sqlite_api::sqlite3_bind_int64(stmt_, i, v) != SQLITE_OK) fail();
  }
  // Runs the row; returns the rows it changed (0: the conflict clause left the existing row alone).
  long long run() {
    const int rc = sqlite_api::sqlite3_step(stmt_);
    sqlite_api::sqlite3_reset(stmt_);
    if (rc != SQLITE_DONE) fail();
    return sqlite_api::sqlite3_changes(db_);
  }

 private:
  [[noreturn]] void fail() {
    throw soci::sqlite3_soci_error(std::string("sqlite3: ") + sqlite_api::sqlite3_errmsg(db_),
                                   sqlite_api::sqlite3_extended_errcode(db_));
  }
  soci::session& sql_;
  sqlite_api::sqlite3* db_;
  sqlite_api::sqlite3_stmt* stmt_ = nullptr;
  bool kept_ = false;  // db::take_statement's: given back, not finalized
};

// Writes many rows with one statement text `head` "(v, …)" `tail` ("INSERT INTO t (a, b) VALUES " and
// " ON CONFLICT … RETURNING …"), prepared once per request instead of once per row:
//  - SQLite (in-process): the one-row statement is prepared once and executed for each row with new values (a row
//    that reads nothing back through NativeRow, without SOCI);
//  - PostgreSQL (a round trip per statement): multi-row VALUES of up to kChunk rows.
// `on_row` receives what RETURNING gives. Rows are written in the order they are added; finish() ends.
class RowWriter {
 public:
  using RowFn = std::function<void(const soci::row&)>;
  RowWriter(soci::session& sql, std::string head, std::string tail, RowFn on_row = nullptr)
      : sql_(sql), postgres_(sql.get_backend_name() == "postgresql"), head_(std::move(head)), tail_(std::move(tail)),
        on_row_(std::move(on_row)) {}

  template <typename... Values>
  void add(const Values&... values) {
    if (postgres_) {
      if (!st_) begin();
      std::string tuple = "(";
      bool first = true;
      ((tuple += (first ? "" : ", ") + slots_->bind(*st_, as_bound(values)), first = false), ...);
      values_ += (rows_ ? ", " : "") + tuple + ")";
      if (++rows_ == kChunk) finish();
      return;
    }
    if (!on_row_) {
      if (!native_) native_ = std::make_unique<NativeRow>(sql_, head_, sizeof...(Values), tail_);
      int i = 0;
      ((native_->bind(++i, as_bound(values))), ...);
      affected_ = native_->run();
      return;
    }
    if (!st_) {
      begin();
      std::string tuple = "(";
      bool first = true;
      ((tuple += (first ? "" : ", ") + slots_->bind(*st_, as_bound(values)), first = false), ...);
      prepare(head_ + tuple + ")" + tail_);
    }
    std::size_t t = 0, i = 0;
    ((assign(as_bound(values), t, i)), ...);
    if (st_->execute(true) && on_row_) on_row_(*row_);
    affected_ = st_->get_affected_rows();
  }

  // SQLite only: the rows the last add() changed (its statement has run; on PostgreSQL rows wait for finish()).
  long long last_affected() const { return affected_; }

  // Runs what is pending (PostgreSQL): call it after the last add().
  void finish() {
    if (postgres_ && st_ && rows_) {
      prepare(head_ + values_ + tail_);
      if (st_->execute(true) && on_row_) {
        do on_row_(*row_);
        while (st_->fetch());
      }
    }
    if (postgres_) {
      st_.reset();
      row_.reset();
      slots_.reset();
      values_.clear();
      rows_ = 0;
    }
  }

 private:
  static const std::string& as_bound(const std::string& v) { return v; }
  static std::int64_t as_bound(std::int64_t v) { return v; }
  static std::int64_t as_bound(int v) { return v; }
  static std::int64_t as_bound(bool v) { return v ? 1 : 0; }

  void assign(const std::string& v, std::size_t& t, std::size_t&) { slots_->text(t++) = v; }
  void assign(std::int64_t v, std::size_t&, std::size_t& i) { slots_->integer(i++) = v; }

  void begin() {
    slots_ = std::make_unique<Slots>(postgres_);
    row_ = std::make_unique<soci::row>();
    st_ = std::make_unique<soci::statement>(sql_);
  }
  void prepare(const std::string& query) {
    if (on_row_) st_->exchange(soci::into(*row_));
    st_->alloc();
    st_->prepare(query);
    st_->define_and_bind();
  }

  soci::session& sql_;
  bool postgres_;
  std::string head_, tail_;
  RowFn on_row_;
  std::unique_ptr<NativeRow> native_;
  std::unique_ptr<soci::row> row_;  // declared before the statement that points at it
  std::unique_ptr<Slots> slots_;
  std::unique_ptr<soci::statement> st_;
  std::string values_;
  std::size_t rows_ = 0;
  long long affected_ = 0;
};

}  // namespace

std::vector<bool> insert_operations(soci::session& sql, const std::vector<const Event*>& events, const UnitRef& unit,
                                    std::int64_t agent_id, UnixSeconds now) {
  std::vector<bool> inserted(events.size(), false);
  // A replay is an id the insert leaves alone. PostgreSQL (multi-row VALUES) tells which through RETURNING; on
  // SQLite each row is its own execution, and its affected-row count says it without a result row to fetch.
  const bool postgres = sql.get_backend_name() == "postgresql";
  RowWriter::RowFn on_row;
  std::unordered_map<std::string_view, std::size_t> index_of;
  if (postgres) {
    index_of.reserve(events.size());
    for (std::size_t i = 0; i < events.size(); ++i) index_of.emplace(events[i]->id, i);
    on_row = [&](const soci::row& row) { inserted[index_of.at(db::text_at(row, 0))] = true; };
  }
  RowWriter writer(sql,
                   "INSERT INTO monitor_operations (unit_id, event_id, system, op, unit_code, unit_path, "
                   "peer_unit_code, batch_id, file_name, size, sha256, version, at, automatic, error, agent_id, "
                   "received_at) VALUES ",
                   std::string(" ON CONFLICT (unit_id, event_id) DO NOTHING") + (postgres ? " RETURNING event_id" : ""),
                   std::move(on_row));
  for (std::size_t i = 0; i < events.size(); ++i) {
    const Event* e = events[i];
    writer.add(unit.id, e->id, e->system, e->op, unit.code, unit.path, e->peer_unit_code, e->batch_id, e->file_name,
               e->size, e->sha256, e->version, e->at, e->automatic, e->error, agent_id, now);
    if (!postgres && writer.last_affected() == 1) inserted[i] = true;
  }
  writer.finish();
  return inserted;
}

namespace {

// The row of a file a request has just created: what the event wrote, nothing else yet (no other end, nothing
// raised), as a read of it would give.
FileRow new_file_row(std::int64_t id, const std::string& op, const FileWrite& w) {
  const Event& e = *w.event;
  FileRow f;
  f.id = id;
  f.system = e.system;
  f.sender_code = w.sender->code;
  f.sender_path = w.sender->path;
  f.receiver_code = w.receiver->code;
  f.receiver_path = w.receiver->path;
  f.receiver_level = w.receiver->level;
  f.batch_id = e.batch_id;
  f.file_name = e.file_name;
  if (op == "EXPORT") {
    f.exported_at = e.at;
    f.export_size = e.size;
    f.export_sha256 = e.sha256;
    f.export_version = e.version;
  } else if (op == "RECEIVE") {
    f.received_at = e.at;
    f.receive_size = e.size;
    f.receive_sha256 = e.sha256;
    f.receive_version = e.version;
  } else if (op == "UPDATE") {
    f.updated_at = e.at;
    f.update_size = e.size;
    f.update_error = e.error;
  }
  return f;
}

}  // namespace

std::vector<FileRow> apply_to_files(soci::session& sql, const std::string& op, const std::vector<FileWrite>& writes) {
  // The columns each operation fills in its file's row.
  std::vector<std::string> columns;
  if (op == "EXPORT") columns = {"exported_at", "export_size", "export_sha256", "export_version", "automatic"};
  else if (op == "TRANSMIT") columns = {"transmitted_at"};
  else if (op == "RECEIVE") columns = {"received_at", "receive_size", "receive_sha256", "receive_version"};
  else columns = {"updated_at", "update_size", "update_error"};
  std::string column_list, updates;
  for (const auto& c : columns) {
    column_list += ", " + c;
    updates += (updates.empty() ? "" : ", ") + c + " = excluded." + c;
  }
  const std::string insert = "INSERT INTO monitor_files (system, sender_code, sender_path, receiver_code, "
                             "receiver_path, receiver_level, batch_id, file_name" + column_list + ") VALUES ";
  const std::string key = " ON CONFLICT (system, sender_code, receiver_code, batch_id, file_name) ";
  auto add = [&](RowWriter& writer, const FileWrite& w) {
    const Event& e = *w.event;
    const auto& s = *w.sender;
    const auto& r = *w.receiver;
    if (op == "EXPORT")
      writer.add(e.system, s.code, s.path, r.code, r.path, r.level, e.batch_id, e.file_name, e.at, e.size, e.sha256,
                 e.version, e.automatic);
    else if (op == "RECEIVE")
      writer.add(e.system, s.code, s.path, r.code, r.path, r.level, e.batch_id, e.file_name, e.at, e.size, e.sha256,
                 e.version);
    else if (op == "UPDATE")
      writer.add(e.system, s.code, s.path, r.code, r.path, r.level, e.batch_id, e.file_name, e.at, e.size, e.error);
    else
      writer.add(e.system, s.code, s.path, r.code, r.path, r.level, e.batch_id, e.file_name, e.at);
  };
  std::vector<FileRow> out;
  out.reserve(writes.size());
  // On SQLite a file new to the ledger (an export's, mostly) is inserted without RETURNING: its row is what was
  // written, and its id the last rowid. Only the files that already had a row are upserted with RETURNING of
  // the whole row (they hold the other end's figures). RETURNING of every row cost about a third of the ingest.
  // The writer lock (BEGIN IMMEDIATE) keeps the two steps together. PostgreSQL: one upsert of up to 500 rows.
  std::vector<FileWrite> existing;
  const std::vector<FileWrite>* upserts = &writes;
  if (sql.get_backend_name() != "postgresql") {
    RowWriter fresh(sql, insert, key + "DO NOTHING");
    for (const auto& w : writes) {
      add(fresh, w);
      long long id = 0;
      if (fresh.last_affected() == 1 && sql.get_last_insert_id("monitor_files", id)) out.push_back(new_file_row(id, op, w));
      else existing.push_back(w);
    }
    fresh.finish();
    upserts = &existing;
  }
  if (upserts->empty()) return out;
  RowWriter writer(sql, insert, key + "DO UPDATE SET " + updates + " RETURNING " + file_mapping().select_list(),
                   [&](const soci::row& row) { out.push_back(read_file(row)); });
  for (const auto& w : *upserts) add(writer, w);
  writer.finish();
  return out;
}

std::optional<FileRow> find_file(soci::session& sql, std::int64_t id) {
  long long key = id;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " + file_mapping().select_list() + " FROM monitor_files WHERE id = :i", soci::use(key));
  for (const auto& row : rows) return read_file(row);
  return std::nullopt;
}

void set_file_raised(soci::session& sql, std::int64_t id, const std::set<std::string>& raised) {
  long long key = id;
  const std::string text = format_kinds(raised);
  sql << "UPDATE monitor_files SET raised = :r WHERE id = :i", soci::use(text), soci::use(key);
}

void add_counters(soci::session& sql, const std::map<CounterKey, std::pair<std::int64_t, std::int64_t>>& deltas) {
  std::map<std::tuple<std::string, std::string, std::string>, std::pair<std::int64_t, std::int64_t>> totals;
  RowWriter daily(sql, "INSERT INTO monitor_daily_counters (day, system, unit_code, unit_path, op, files, bytes) VALUES ",
                  " ON CONFLICT (day, system, unit_code, op) DO UPDATE SET files = monitor_daily_counters.files + "
                  "excluded.files, bytes = monitor_daily_counters.bytes + excluded.bytes");
  for (const auto& [key, delta] : deltas) {
    daily.add(key.day, key.system, key.unit_code, key.unit_path, key.op, delta.first, delta.second);
    auto& total = totals[{key.system, key.unit_code, key.op}];
    total.first += delta.first;
    total.second += delta.second;
  }
  daily.finish();
  RowWriter running(sql, "INSERT INTO monitor_counters (system, unit_code, op, files, bytes) VALUES ",
                    " ON CONFLICT (system, unit_code, op) DO UPDATE SET files = monitor_counters.files + "
                    "excluded.files, bytes = monitor_counters.bytes + excluded.bytes");
  for (const auto& [key, delta] : totals)
    running.add(std::get<0>(key), std::get<1>(key), std::get<2>(key), delta.first, delta.second);
  running.finish();
}

void schedule(soci::session& sql, const std::vector<Due>& entries) {
  RowWriter writer(sql, "INSERT INTO monitor_due (kind, subject_id, due_at) VALUES ",
                   " ON CONFLICT (kind, subject_id) DO UPDATE SET due_at = excluded.due_at");
  for (const auto& d : entries) writer.add(d.kind, d.subject_id, d.due_at);
  writer.finish();
}

void cancel(soci::session& sql, const std::vector<Due>& entries) {
  // Per kind: DELETE … WHERE subject_id IN (…) AND kind = ?, up to kChunk subjects a statement.
  std::map<std::string, std::vector<std::int64_t>> by_kind;
  for (const auto& d : entries) by_kind[d.kind].push_back(d.subject_id);
  const bool postgres = sql.get_backend_name() == "postgresql";
  for (const auto& [kind, ids] : by_kind)
    for (std::size_t from = 0; from < ids.size(); from += kChunk) {
      const auto to = std::min(ids.size(), from + kChunk);
      Slots slots(postgres);
      soci::statement st(sql);
      std::string list;
      for (std::size_t i = from; i < to; ++i) list += (i == from ? "" : ", ") + slots.bind(st, ids[i]);
      const auto k = slots.bind(st, kind);
      st.alloc();
      st.prepare("DELETE FROM monitor_due WHERE subject_id IN (" + list + ") AND kind = " + k);
      st.define_and_bind();
      st.execute(true);
    }
}

std::vector<Due> take_due(soci::session& sql, UnixSeconds now, std::int64_t limit) {
  const bool postgres = sql.get_backend_name() == "postgresql";
  long long at = now;
  std::vector<Due> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT kind, subject_id, due_at FROM monitor_due WHERE due_at <= :a ORDER BY due_at LIMIT " +
                          std::to_string(limit) + (postgres ? " FOR UPDATE SKIP LOCKED" : ""),
       soci::use(at));
  for (const auto& row : rows)
    out.push_back({db::text_at(row, "kind"), db::int_at(row, "subject_id"), db::int_at(row, "due_at")});
  cancel(sql, out);
  return out;
}

}  // namespace hq::monitor::store
