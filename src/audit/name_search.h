#pragma once
// The enterprise name search from the in-process name index (name_index.h): loaded through the store on
// the first search, brought up to date before each search by reading only the enterprises written since
// (by this server or another one on the same database: store::enterprise_names_version), then the page's
// rows are read by id. Service layer: the store does the SQL, the index is pure.
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>

#include "audit/name_index.h"
#include "audit/store.h"
#include "db/database.h"

namespace hq::audit {

class NameSearch {
 public:
  explicit NameSearch(db::Database& db) : db_(db) {}

  // The page and exact count of the enterprises whose names have every query word (query.words not empty;
  // no tax prefix). nullopt while another request is loading the index for the first time: the caller then
  // searches with SQL (store::search_enterprises).
  std::optional<store::EnterprisePage> search(const store::EnterpriseQuery& query);

  // Loads the index now (a server calls it on a background thread at start, so that the first searches do
  // not wait for it; they use SQL until it is ready).
  void warm_up();

  std::size_t memory_bytes() const;

 private:
  bool catch_up(std::int64_t version);  // false when the index is not loaded and another request loads it
  void load(std::int64_t version);

  db::Database& db_;
  std::mutex updating_;              // one loader or updater at a time
  mutable std::shared_mutex using_;  // searches share the index; updates replace or change it
  std::unique_ptr<NameIndex> index_;
  std::int64_t version_ = -1;  // the names version the index holds (guarded by using_)
};

}  // namespace hq::audit
