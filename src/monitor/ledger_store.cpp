// The operations ledger, the per-file rows both ends write into, the due-time index and the counters.
#include "db/row.h"
#include "monitor/store.h"

namespace hq::monitor::store {

namespace {

constexpr const char* kFileColumns =
    "id, system, sender_code, sender_path, receiver_code, receiver_path, receiver_level, batch_id, file_name, "
    "exported_at, export_size, export_sha256, export_version, received_at, receive_size, receive_sha256, "
    "receive_version, updated_at, update_size, update_error, raised";

std::optional<UnixSeconds> optional_int(const soci::row& row, const std::string& column) {
  if (row.get_indicator(column) == soci::i_null) return std::nullopt;
  return db::int_at(row, column);
}

FileRow file_from(const soci::row& row) {
  FileRow f;
  f.id = db::int_at(row, "id");
  f.sender_code = db::text_at(row, "sender_code");
  f.sender_path = db::text_at(row, "sender_path");
  f.receiver_code = db::text_at(row, "receiver_code");
  f.receiver_path = db::text_at(row, "receiver_path");
  f.batch_id = db::text_at(row, "batch_id");
  f.file_name = db::text_at(row, "file_name");
  f.raised = parse_kinds(db::text_at(row, "raised"));
  auto& s = f.state;
  s.system = db::text_at(row, "system");
  s.receiver_level = db::text_at(row, "receiver_level");
  s.exported_at = optional_int(row, "exported_at");
  s.received_at = optional_int(row, "received_at");
  s.updated_at = optional_int(row, "updated_at");
  s.export_size = db::int_at(row, "export_size");
  s.receive_size = db::int_at(row, "receive_size");
  s.update_size = db::int_at(row, "update_size");
  s.export_sha256 = db::text_at(row, "export_sha256");
  s.receive_sha256 = db::text_at(row, "receive_sha256");
  s.export_version = db::text_at(row, "export_version");
  s.receive_version = db::text_at(row, "receive_version");
  s.update_error = db::text_at(row, "update_error");
  return f;
}

}  // namespace

bool insert_operation(soci::session& sql, const Event& e, const UnitRef& unit, std::int64_t agent_id, UnixSeconds now) {
  long long unit_id = unit.id, size = e.size, at = e.at, automatic = e.automatic ? 1 : 0, agent = agent_id,
            received = now, id = 0;
  soci::statement st =
      (sql.prepare << "INSERT INTO monitor_operations (unit_id, event_id, system, op, unit_code, unit_path, "
                      "peer_unit_code, batch_id, file_name, size, sha256, version, at, automatic, error, agent_id, "
                      "received_at) VALUES (:u, :e, :s, :o, :c, :p, :pc, :b, :f, :sz, :h, :v, :at, :au, :er, :ag, "
                      ":r) ON CONFLICT (unit_id, event_id) DO NOTHING RETURNING id",
       soci::use(unit_id), soci::use(e.id), soci::use(e.system), soci::use(e.op), soci::use(unit.code),
       soci::use(unit.path), soci::use(e.peer_unit_code), soci::use(e.batch_id), soci::use(e.file_name),
       soci::use(size), soci::use(e.sha256), soci::use(e.version), soci::use(at), soci::use(automatic),
       soci::use(e.error), soci::use(agent), soci::use(received), soci::into(id));
  return st.execute(true);
}

FileRow apply_to_file(soci::session& sql, const Event& e, const UnitRef& sender, const UnitRef& receiver) {
  std::string columns, values, updates;
  if (e.op == "EXPORT") columns = "exported_at, export_size, export_sha256, export_version, automatic";
  else if (e.op == "TRANSMIT") columns = "transmitted_at";
  else if (e.op == "RECEIVE") columns = "received_at, receive_size, receive_sha256, receive_version";
  else columns = "updated_at, update_size, update_error";
  const char* placeholders[] = {":a", ":b", ":c", ":d", ":e"};
  std::size_t n = 0, start = 0;
  while (start < columns.size()) {
    auto end = columns.find(", ", start);
    if (end == std::string::npos) end = columns.size();
    const std::string column = columns.substr(start, end - start);
    values += std::string(", ") + placeholders[n++];
    updates += (updates.empty() ? "" : ", ") + column + " = excluded." + column;
    start = end + 2;
  }
  const std::string query =
      "INSERT INTO monitor_files (system, sender_code, sender_path, receiver_code, receiver_path, receiver_level, "
      "batch_id, file_name, " + columns + ") VALUES (:s, :sc, :sp, :rc, :rp, :rl, :bt, :fn" + values +
      ") ON CONFLICT (system, sender_code, receiver_code, batch_id, file_name) DO UPDATE SET " + updates +
      " RETURNING id";
  long long at = e.at, size = e.size, automatic = e.automatic ? 1 : 0, id = 0;
  // The value columns differ per operation, so the statement is bound by hand.
  soci::statement st(sql);
  for (const std::string* text : {&e.system, &sender.code, &sender.path, &receiver.code, &receiver.path,
                                  &receiver.level, &e.batch_id, &e.file_name})
    st.exchange(soci::use(*text));
  st.exchange(soci::use(at));
  if (e.op == "EXPORT" || e.op == "RECEIVE") {
    st.exchange(soci::use(size));
    st.exchange(soci::use(e.sha256));
    st.exchange(soci::use(e.version));
    if (e.op == "EXPORT") st.exchange(soci::use(automatic));
  } else if (e.op == "UPDATE") {
    st.exchange(soci::use(size));
    st.exchange(soci::use(e.error));
  }
  st.exchange(soci::into(id));
  st.alloc();
  st.prepare(query);
  st.define_and_bind();
  st.execute(true);
  return *find_file(sql, id);
}

std::optional<FileRow> find_file(soci::session& sql, std::int64_t id) {
  long long key = id;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string("SELECT ") + kFileColumns + " FROM monitor_files WHERE id = :i", soci::use(key));
  for (const auto& row : rows) return file_from(row);
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

void schedule(soci::session& sql, const std::string& kind, std::int64_t subject_id, UnixSeconds due_at) {
  long long subject = subject_id, at = due_at;
  sql << "INSERT INTO monitor_due (kind, subject_id, due_at) VALUES (:k, :s, :a) "
         "ON CONFLICT (kind, subject_id) DO UPDATE SET due_at = excluded.due_at",
      soci::use(kind), soci::use(subject), soci::use(at);
}

void cancel(soci::session& sql, const std::string& kind, std::int64_t subject_id) {
  long long subject = subject_id;
  sql << "DELETE FROM monitor_due WHERE kind = :k AND subject_id = :s", soci::use(kind), soci::use(subject);
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
  for (const auto& due : out) cancel(sql, due.kind, due.subject_id);
  return out;
}

}  // namespace hq::monitor::store
