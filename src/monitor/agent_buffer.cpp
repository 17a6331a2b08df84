#include "monitor/agent_buffer.h"

#include "db/row.h"

namespace hq::monitor::agent {

Buffer::Buffer(const std::string& path) : db_(std::make_unique<db::Database>("sqlite:" + path, 1)) {
  db_->transaction([](soci::session& sql) {
    sql << "CREATE TABLE IF NOT EXISTS agent_buffer (seq INTEGER PRIMARY KEY, event_id text NOT NULL UNIQUE, "
           "kind text NOT NULL, body text NOT NULL, state text NOT NULL DEFAULT 'PENDING', reason text)";
    sql << "CREATE INDEX IF NOT EXISTS agent_buffer_state ON agent_buffer(state, seq)";
  });
}

bool Buffer::add(const std::string& id, const std::string& kind, const std::string& body) {
  return db_->transaction([&](soci::session& sql) {
    soci::statement st = (sql.prepare << "INSERT INTO agent_buffer (event_id, kind, body) VALUES (:i, :k, :b) "
                                         "ON CONFLICT (event_id) DO NOTHING",
                          soci::use(id), soci::use(kind), soci::use(body));
    st.execute(true);
    return st.get_affected_rows() == 1;
  });
}

std::vector<Buffered> Buffer::pending(std::size_t limit) {
  std::vector<Buffered> out;
  db_->read([&](soci::session& sql) {
    soci::rowset<soci::row> rows = (sql.prepare << "SELECT seq, kind, body FROM agent_buffer WHERE state = 'PENDING' "
                                                   "ORDER BY seq LIMIT " + std::to_string(limit));
    for (const auto& row : rows) {
      Buffered b{db::int_at(row, "seq"), db::text_at(row, "kind"), db::text_at(row, "body")};
      if (!out.empty() && b.kind != out.front().kind) break;  // one kind per request, order kept
      out.push_back(std::move(b));
    }
  });
  return out;
}

void Buffer::mark_sent(const std::vector<Buffered>& items) {
  if (items.empty()) return;
  db_->transaction([&](soci::session& sql) {
    long long first = items.front().seq, last = items.back().seq;
    sql << "UPDATE agent_buffer SET state = 'SENT' WHERE state = 'PENDING' AND seq BETWEEN :a AND :b AND kind = :k",
        soci::use(first), soci::use(last), soci::use(items.front().kind);
  });
}

void Buffer::reject(std::int64_t seq, const std::string& reason) {
  db_->transaction([&](soci::session& sql) {
    long long key = seq;
    sql << "UPDATE agent_buffer SET state = 'REJECTED', reason = :r WHERE seq = :s", soci::use(reason), soci::use(key);
  });
}

std::int64_t Buffer::unsent() {
  long long n = 0;
  db_->read([&](soci::session& sql) { sql << "SELECT COUNT(*) FROM agent_buffer WHERE state = 'PENDING'", soci::into(n); });
  return n;
}

}  // namespace hq::monitor::agent
