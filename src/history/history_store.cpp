#include "history/history_store.h"

#include "core/time.h"
#include "db/row.h"
#include "db/row_mapping.h"

namespace hq::history {

namespace {

void insert(soci::session& sql, Entry entry) {
  long long head_id = 0;
  std::string head_hash;
  const long long touched = core::now();
  // The UPDATE takes the row lock (PostgreSQL) before we read the head.
  sql << "UPDATE history_head SET touched_at = :t WHERE id = 1", soci::use(touched);
  sql << "SELECT last_id, last_hash FROM history_head WHERE id = 1", soci::into(head_id), soci::into(head_hash);
  entry.prev_hash = head_hash;
  entry.at = touched;
  // Ids are assigned by us, in chain order, so the hash can include the id.
  entry.id = head_id + 1;
  entry.hash = entry_hash(entry);
  long long id = entry.id, at = entry.at, account = entry.account_id, format = entry.format;
  sql << "INSERT INTO history (id, at, account_id, username, unit_code, action, entity_type, entity_id, summary, "
         "client_address, prev_hash, hash, format) VALUES (:id, :at, :acc, :u, :unit, :action, :etype, :eid, "
         ":summary, :client, :prev, :hash, :format)",
      soci::use(id), soci::use(at), soci::use(account), soci::use(entry.username), soci::use(entry.unit_code),
      soci::use(entry.action), soci::use(entry.entity_type), soci::use(entry.entity_id), soci::use(entry.summary),
      soci::use(entry.client_address), soci::use(entry.prev_hash), soci::use(entry.hash), soci::use(format);
  sql << "UPDATE history_head SET last_id = :id, last_hash = :hash WHERE id = 1", soci::use(id), soci::use(entry.hash);
}

const db::RowMapping<Entry>& entry_mapping() {
  static const auto mapping = db::RowMapping<Entry>()
                                  HQ_ROW_FIELDS(Entry, id, at, account_id, username, unit_code, action, entity_type,
                                                entity_id, summary, client_address, prev_hash, hash, format);
  return mapping;
}

}  // namespace

void append(soci::session& sql, const core::Principal& actor, const Change& change) {
  insert(sql, Entry{0, 0, actor.account_id, actor.username, actor.unit_code, change.action, change.entity_type,
                    change.entity_id, change.summary, actor.client_address.empty() ? "-" : actor.client_address, "", "",
                    kEntryFormat});
}

void append_system(soci::session& sql, const Change& change) {
  insert(sql, Entry{0, 0, 0, "system", "00", change.action, change.entity_type, change.entity_id, change.summary,
                    "local", "", "", kEntryFormat});
}

Page list(soci::session& sql, const std::string& entity_type, const std::string& entity_id, std::int64_t offset,
          std::int64_t limit) {
  Page page;
  const std::string filter =
      " WHERE (:etype = '' OR entity_type = :etype2) AND (:eid = '' OR entity_id = :eid2)";
  long long total = 0;
  sql << "SELECT COUNT(*) FROM history" + filter, soci::use(entity_type), soci::use(entity_type),
      soci::use(entity_id), soci::use(entity_id), soci::into(total);
  page.total = total;
  long long off = offset, lim = limit;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " + entry_mapping().select_list() + " FROM history" + filter +
                          " ORDER BY id DESC LIMIT :lim OFFSET :off",
       soci::use(entity_type), soci::use(entity_type), soci::use(entity_id), soci::use(entity_id), soci::use(lim),
       soci::use(off));
  for (const auto& row : rows) page.items.push_back(entry_mapping().read(row));
  return page;
}

std::vector<std::pair<std::string, std::int64_t>> entity_counts(soci::session& sql, const std::string& entity_type) {
  std::vector<std::pair<std::string, std::int64_t>> counts;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT entity_id, COUNT(*) AS n FROM history WHERE entity_type = :t GROUP BY entity_id",
       soci::use(entity_type));
  for (const auto& row : rows) counts.emplace_back(row.get<std::string>("entity_id"), db::int_at(row, "n"));
  return counts;
}

std::vector<Entry> entries_before(soci::session& sql, const std::string& entity_type, std::int64_t before_id,
                                  std::int64_t limit) {
  std::vector<Entry> entries;
  const long long before = before_id, lim = limit;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " + entry_mapping().select_list() +
                          " FROM history WHERE entity_type = :t AND (:b = 0 OR id < :b2) ORDER BY id DESC LIMIT :l",
       soci::use(entity_type), soci::use(before), soci::use(before), soci::use(lim));
  for (const auto& row : rows) entries.push_back(entry_mapping().read(row));
  return entries;
}

ChainCheck verify(soci::session& sql) {
  ChainVerifier verifier;
  long long last_seen = 0;
  // Read in batches so a long history does not sit in memory at once.
  for (;;) {
    soci::rowset<soci::row> rows = (sql.prepare << "SELECT " + entry_mapping().select_list() +
                                                       " FROM history WHERE id > :after ORDER BY id LIMIT 5000",
                                    soci::use(last_seen));
    std::size_t count = 0;
    for (const auto& row : rows) {
      ++count;
      const Entry entry = entry_mapping().read(row);
      last_seen = entry.id;
      if (!verifier.feed(entry)) return verifier.finish(0, "");
    }
    if (count == 0) break;
  }
  long long head_id = 0;
  std::string head_hash;
  sql << "SELECT last_id, last_hash FROM history_head WHERE id = 1", soci::into(head_id), soci::into(head_hash);
  return verifier.finish(head_id, head_hash);
}

}  // namespace hq::history
