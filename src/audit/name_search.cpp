#include "audit/name_search.h"

#include <spdlog/spdlog.h>

#include <chrono>

namespace hq::audit {

namespace {

// More changes than this since the index was built (a large import) and it is rebuilt from the directory
// instead: the changes are searched one by one, the snapshot by postings.
constexpr std::int64_t kMaxPending = 20000;

}  // namespace

void NameSearch::warm_up() {
  catch_up(db_.read([](soci::session& sql) { return store::enterprise_names_version(sql); }));
}

std::optional<store::EnterprisePage> NameSearch::search(const store::EnterpriseQuery& q) {
  const auto version = db_.read([](soci::session& sql) { return store::enterprise_names_version(sql); });
  if (!catch_up(version)) return std::nullopt;
  NameIndex::Result found;
  {
    std::shared_lock lock(using_);
    found = index_->search({q.words, q.sort == "tax_code", q.descending, q.offset, q.limit});
  }
  store::EnterprisePage page;
  page.total = found.total;
  page.items = db_.read([&](soci::session& sql) { return store::enterprises_by_ids(sql, found.ids); });
  return page;
}

bool NameSearch::catch_up(std::int64_t version) {
  {
    std::shared_lock lock(using_);
    if (index_ && version_ >= version) return true;
  }
  std::unique_lock updating(updating_, std::defer_lock);
  bool loaded = false;
  {
    std::shared_lock lock(using_);
    loaded = index_ != nullptr;
  }
  if (loaded)
    updating.lock();  // a delta is quick: wait for whoever applies it
  else if (!updating.try_lock())
    return false;  // the first load takes seconds: search with SQL meanwhile
  if (!index_) {
    load(version);
    return true;
  }
  if (version_ >= version) return true;
  // Rows are read after the version, so they are at least that recent; reading a newer row twice is harmless.
  const auto changed = db_.read([&](soci::session& sql) { return store::enterprise_names_since(sql, version_, kMaxPending); });
  std::unique_lock lock(using_);
  if (!changed || static_cast<std::int64_t>(index_->pending() + changed->size()) > kMaxPending) {
    lock.unlock();
    load(version);
    return true;
  }
  for (const auto& e : *changed) index_->upsert({e.id, e.name_folded, e.tax_code, e.search_words});
  version_ = version;
  return true;
}

void NameSearch::load(std::int64_t version) {
  const auto started = std::chrono::steady_clock::now();
  NameIndex::Builder builder;
  db_.read([&](soci::session& sql) {
    store::each_enterprise_name(sql, [&](std::int64_t id, const std::string& name, const std::string& tax,
                                         const std::string& words) { builder.add(id, name, tax, words); });
  });
  auto index = std::make_unique<NameIndex>(std::move(builder).build());
  spdlog::info("audit name index ready: {} enterprises, {} MB, {:.1f} s", index->size(), index->memory_bytes() >> 20,
               std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  std::unique_lock lock(using_);
  index_ = std::move(index);
  version_ = version;
}

std::size_t NameSearch::memory_bytes() const {
  std::shared_lock lock(using_);
  return index_ ? index_->memory_bytes() : 0;
}

}  // namespace hq::audit
