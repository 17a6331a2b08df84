// The operations ledger, the per-file rows both ends write into, the due-time index and the counters.
#include <algorithm>
#include <deque>

#include "db/row.h"
#include "db/row_mapping.h"
#include "monitor/store.h"

namespace hq::monitor::store {

namespace {

// A file's row: the raised kinds are stored as text (",A,B,") and parsed once read.
const db::RowMapping<FileRow>& file_mapping() {
  static const auto mapping = db::RowMapping<FileRow>()
                                  .field("id", &FileRow::id)
                                  .field("system", &FileRow::system)
                                  .field("sender_code", &FileRow::sender_code)
                                  .field("sender_path", &FileRow::sender_path)
                                  .field("receiver_code", &FileRow::receiver_code)
                                  .field("receiver_path", &FileRow::receiver_path)
                                  .field("receiver_level", &FileRow::receiver_level)
                                  .field("batch_id", &FileRow::batch_id)
                                  .field("file_name", &FileRow::file_name)
                                  .field("exported_at", &FileRow::exported_at)
                                  .field("export_size", &FileRow::export_size)
                                  .field("export_sha256", &FileRow::export_sha256)
                                  .field("export_version", &FileRow::export_version)
                                  .field("received_at", &FileRow::received_at)
                                  .field("receive_size", &FileRow::receive_size)
                                  .field("receive_sha256", &FileRow::receive_sha256)
                                  .field("receive_version", &FileRow::receive_version)
                                  .field("updated_at", &FileRow::updated_at)
                                  .field("update_size", &FileRow::update_size)
                                  .field("update_error", &FileRow::update_error)
                                  .field("raised", &FileRow::raised_text);
  return mapping;
}

FileRow read_file(const soci::row& row) {
  auto f = file_mapping().read(row);
  f.raised = parse_kinds(f.raised_text);
  return f;
}

// One statement over many rows of bound values (a multi-row VALUES): prepared once for the whole chunk. SOCI
// binds by reference, so integers are kept here (a deque never moves them) until the statement ran; strings
// are bound where they live (the caller's events outlive the statement).
class Bulk {
 public:
  explicit Bulk(soci::session& sql) : postgres_(sql.get_backend_name() == "postgresql"), st_(sql) {}
  // "(?, ?, …)" with the values bound in order. Positional placeholders: with thousands of named ones (":p1")
  // SQLite's parser searches the names for each one, quadratic in the statement's size.
  // Strings are bound where they live: pass only values that outlive the statement.
  template <typename... Values>
  std::string tuple(const Values&... values) {
    std::string out = "(";
    bool first = true;
    ((out += (first ? "" : ", ") + bind(values), first = false), ...);
    return out + ")";
  }
  void run(const std::string& query) {
    st_.alloc();
    st_.prepare(query);
    st_.define_and_bind();
    st_.execute(true);
  }
  // Runs a query with RETURNING (or a SELECT) and hands each row to `fn`.
  void each(const std::string& query, const std::function<void(const soci::row&)>& fn) {
    st_.exchange(soci::into(row_));
    st_.alloc();
    st_.prepare(query);
    st_.define_and_bind();
    if (!st_.execute(true)) return;
    do fn(row_);
    while (st_.fetch());
  }

  // One value, bound at the next placeholder (call in the order the placeholders appear in the query).
  std::string bind(const std::string& value) {
    st_.exchange(soci::use(value));
    return placeholder();
  }
  std::string bind(std::int64_t value) {
    ints_.push_back(value);
    st_.exchange(soci::use(ints_.back()));
    return placeholder();
  }

 private:
  std::string placeholder() { return postgres_ ? "$" + std::to_string(++n_) : "?"; }

  bool postgres_;
  soci::row row_;  // declared before the statement that points at it
  soci::statement st_;
  std::deque<long long> ints_;
  std::size_t n_ = 0;
};

// Rows per statement: 17 values a row stays well under SQLite's 32,766 and PostgreSQL's 65,535 parameters.
constexpr std::size_t kChunk = 500;

template <typename Item, typename Fn>
void in_chunks(const std::vector<Item>& items, Fn&& fn) {
  for (std::size_t start = 0; start < items.size(); start += kChunk)
    fn(start, std::min(items.size(), start + kChunk));
}

}  // namespace

std::set<std::string> insert_operations(soci::session& sql, const std::vector<const Event*>& events,
                                        const UnitRef& unit, std::int64_t agent_id, UnixSeconds now) {
  std::set<std::string> inserted;
  in_chunks(events, [&](std::size_t from, std::size_t to) {
    Bulk bulk(sql);
    std::string values;
    for (std::size_t i = from; i < to; ++i) {
      const Event& e = *events[i];
      const std::int64_t automatic = e.automatic ? 1 : 0;
      values += (i == from ? "" : ", ") +
                bulk.tuple(unit.id, e.id, e.system, e.op, unit.code, unit.path, e.peer_unit_code, e.batch_id,
                           e.file_name, e.size, e.sha256, e.version, e.at, automatic, e.error, agent_id, now);
    }
    bulk.each("INSERT INTO monitor_operations (unit_id, event_id, system, op, unit_code, unit_path, peer_unit_code, "
              "batch_id, file_name, size, sha256, version, at, automatic, error, agent_id, received_at) VALUES " +
                  values + " ON CONFLICT (unit_id, event_id) DO NOTHING RETURNING event_id",
              [&](const soci::row& row) { inserted.insert(db::text_at(row, 0)); });
  });
  return inserted;
}

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
  std::vector<FileRow> out;
  out.reserve(writes.size());
  in_chunks(writes, [&](std::size_t from, std::size_t to) {
    Bulk bulk(sql);
    std::string values;
    for (std::size_t i = from; i < to; ++i) {
      const auto& w = writes[i];
      const Event& e = *w.event;
      const std::int64_t automatic = e.automatic ? 1 : 0;
      const auto& s = *w.sender;
      const auto& r = *w.receiver;
      if (op == "EXPORT")
        values += bulk.tuple(e.system, s.code, s.path, r.code, r.path, r.level, e.batch_id, e.file_name, e.at, e.size,
                             e.sha256, e.version, automatic);
      else if (op == "RECEIVE")
        values += bulk.tuple(e.system, s.code, s.path, r.code, r.path, r.level, e.batch_id, e.file_name, e.at, e.size,
                             e.sha256, e.version);
      else if (op == "UPDATE")
        values += bulk.tuple(e.system, s.code, s.path, r.code, r.path, r.level, e.batch_id, e.file_name, e.at, e.size,
                             e.error);
      else
        values += bulk.tuple(e.system, s.code, s.path, r.code, r.path, r.level, e.batch_id, e.file_name, e.at);
      if (i + 1 < to) values += ", ";
    }
    bulk.each("INSERT INTO monitor_files (system, sender_code, sender_path, receiver_code, receiver_path, "
              "receiver_level, batch_id, file_name" + column_list + ") VALUES " + values +
                  " ON CONFLICT (system, sender_code, receiver_code, batch_id, file_name) DO UPDATE SET " + updates +
                  " RETURNING " + file_mapping().select_list(),
              [&](const soci::row& row) { out.push_back(read_file(row)); });
  });
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
  for (const auto& [key, delta] : deltas) {
    long long files = delta.first, bytes = delta.second;
    sql << "INSERT INTO monitor_counters (system, unit_code, op, files, bytes) VALUES (:s, :u, :o, :f, :b) "
           "ON CONFLICT (system, unit_code, op) DO UPDATE SET files = monitor_counters.files + excluded.files, "
           "bytes = monitor_counters.bytes + excluded.bytes",
        soci::use(key.system), soci::use(key.unit_code), soci::use(key.op), soci::use(files), soci::use(bytes);
  }
}

void schedule(soci::session& sql, const std::vector<Due>& entries) {
  in_chunks(entries, [&](std::size_t from, std::size_t to) {
    Bulk bulk(sql);
    std::string values;
    for (std::size_t i = from; i < to; ++i)
      values += (i == from ? "" : ", ") + bulk.tuple(entries[i].kind, entries[i].subject_id, entries[i].due_at);
    bulk.run("INSERT INTO monitor_due (kind, subject_id, due_at) VALUES " + values +
             " ON CONFLICT (kind, subject_id) DO UPDATE SET due_at = excluded.due_at");
  });
}

void cancel(soci::session& sql, const std::vector<Due>& entries) {
  // One statement per kind: DELETE … WHERE kind = ? AND subject_id IN (…).
  std::map<std::string, std::vector<std::int64_t>> by_kind;
  for (const auto& d : entries) by_kind[d.kind].push_back(d.subject_id);
  for (const auto& [kind, ids] : by_kind)
    in_chunks(ids, [&](std::size_t from, std::size_t to) {
      Bulk bulk(sql);
      std::string list;
      for (std::size_t i = from; i < to; ++i) list += (i == from ? "" : ", ") + bulk.bind(ids[i]);
      const auto k = bulk.bind(kind);
      bulk.run("DELETE FROM monitor_due WHERE subject_id IN (" + list + ") AND kind = " + k);
    });
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
