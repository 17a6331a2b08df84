#include "history/history_service.h"

#include <charconv>
#include <unordered_set>

#include "core/error.h"

namespace hq::history {

namespace {

constexpr std::int64_t kScanBatch = 1000;

}  // namespace

std::optional<std::int64_t> entity_number(const std::string& entity_id) {
  std::int64_t number = 0;
  const auto [end, error] = std::from_chars(entity_id.data(), entity_id.data() + entity_id.size(), number);
  if (entity_id.empty() || error != std::errc() || end != entity_id.data() + entity_id.size()) return std::nullopt;
  return number;
}

void HistoryService::register_entity_type(const std::string& entity_type, EntityAccess access) {
  access_[entity_type] = std::move(access);
}

bool HistoryService::may_open(const core::Principal& caller, const std::string& entity_type,
                              const std::string& entity_id) const {
  if (caller.is_platform_admin()) return true;
  const auto found = access_.find(entity_type);
  if (found == access_.end()) return false;
  try {
    return found->second(caller, entity_id);
  } catch (const core::Error& error) {
    const auto kind = error.kind();
    if (kind == core::ErrorKind::NotFound || kind == core::ErrorKind::Forbidden || kind == core::ErrorKind::BadInput)
      return false;
    throw;
  }
}

Page HistoryService::list(const core::Principal& caller, const std::string& entity_type, const std::string& entity_id,
                          std::int64_t offset, std::int64_t limit) {
  if (entity_type.empty() && !caller.is_platform_admin())
    core::bad_input("INVALID_PARAMETER", "Cần chỉ rõ «entity_type» để xem lịch sử xử lý.", {{"parameter", "entity_type"}});
  if (!entity_id.empty() && !may_open(caller, entity_type, entity_id))
    throw core::Error(core::ErrorKind::NotFound, "HISTORY_NOT_FOUND",
                      "Không tìm thấy đối tượng «" + entity_type + " " + entity_id +
                          "» trong phạm vi đơn vị của bạn, nên không xem được lịch sử xử lý của nó.");
  if (caller.is_platform_admin() || !entity_id.empty())
    return db_.read([&](soci::session& sql) { return history::list(sql, entity_type, entity_id, offset, limit); });
  return filtered(caller, entity_type, offset, limit);
}

Page HistoryService::filtered(const core::Principal& caller, const std::string& entity_type, std::int64_t offset,
                              std::int64_t limit) {
  Page page;
  // Each entity is checked once; the checks run outside our database session, since a module's getter takes a
  // session of its own from the pool.
  const auto counts = db_.read([&](soci::session& sql) { return entity_counts(sql, entity_type); });
  std::unordered_set<std::string> visible;
  for (const auto& [id, count] : counts)
    if (may_open(caller, entity_type, id)) {
      visible.insert(id);
      page.total += count;
    }
  if (visible.empty() || offset >= page.total) return page;
  // Walk the type's entries from the newest, skipping hidden ones, until the page is full.
  std::int64_t skipped = 0, before = 0;
  db_.read([&](soci::session& sql) {
    for (;;) {
      const auto batch = entries_before(sql, entity_type, before, kScanBatch);
      for (const auto& entry : batch) {
        if (!visible.count(entry.entity_id)) continue;
        if (skipped < offset) {
          ++skipped;
          continue;
        }
        page.items.push_back(entry);
        if (static_cast<std::int64_t>(page.items.size()) >= limit) return;
      }
      if (static_cast<std::int64_t>(batch.size()) < kScanBatch) return;
      before = batch.back().id;
    }
  });
  return page;
}

ChainCheck HistoryService::verify(const core::Principal& caller) {
  if (!caller.is_platform_admin()) core::forbidden("Chỉ quản trị hệ thống được kiểm tra tính toàn vẹn của lịch sử xử lý.");
  return db_.read([](soci::session& sql) { return history::verify(sql); });
}

}  // namespace hq::history
