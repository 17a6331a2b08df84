#pragma once
// Reading the processing history with the rights of the records it describes: whoever may not open an entity
// may not read its history. Modules register, per entity type, how to decide whether a caller may open one
// entity (usually by calling their own service getter, which answers 404/403 outside the caller's scope).
// Entity types nobody registered are for platform administrators only.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "core/principal.h"
#include "db/database.h"
#include "history/history_store.h"

namespace hq::history {

// True when the caller may open the entity. A core::Error of kind NotFound, Forbidden or BadInput (an id the
// module's getter does not accept names nothing) counts as false.
using EntityAccess = std::function<bool(const core::Principal& caller, const std::string& entity_id)>;

// A numeric entity id ("42"), for registrations whose getter takes a number; nothing for any other text.
std::optional<std::int64_t> entity_number(const std::string& entity_id);

class HistoryService {
 public:
  explicit HistoryService(db::Database& db) : db_(db) {}
  // Registration happens while the server is assembled, before any request: no locking needed after that.
  void register_entity_type(const std::string& entity_type, EntityAccess access);
  bool is_registered(const std::string& entity_type) const { return access_.count(entity_type) != 0; }

  // Without entity_type: the whole history, platform administrators only (400 for others). With entity_id: that
  // entity's entries, 404 when the caller may not open it. With only entity_type: the entries of the entities
  // the caller may open (total counts those only).
  Page list(const core::Principal& caller, const std::string& entity_type, const std::string& entity_id,
            std::int64_t offset, std::int64_t limit);
  ChainCheck verify(const core::Principal& caller);  // platform administrators only

 private:
  bool may_open(const core::Principal& caller, const std::string& entity_type, const std::string& entity_id) const;
  Page filtered(const core::Principal& caller, const std::string& entity_type, std::int64_t offset,
                std::int64_t limit);

  db::Database& db_;
  std::map<std::string, EntityAccess> access_;
};

}  // namespace hq::history
