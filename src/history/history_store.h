#pragma once
// SQL for the processing history: append inside the caller's transaction, list, verify.
#include <string>

#include <soci/soci.h>

#include "core/principal.h"
#include "history/chain.h"

namespace hq::history {

struct Change {
  std::string action;
  std::string entity_type;
  std::string entity_id;
  std::string summary;
};

// Appends one entry; must run inside the transaction that makes the change. Locks the chain head first so
// concurrent writers on PostgreSQL cannot fork the chain.
void append(soci::session& sql, const core::Principal& actor, const Change& change);
// The same for the system's own actions (init, demo data, background jobs).
void append_system(soci::session& sql, const Change& change);

struct Page {
  std::vector<Entry> items;
  std::int64_t total = 0;
};
Page list(soci::session& sql, const std::string& entity_type, const std::string& entity_id, std::int64_t offset,
          std::int64_t limit);
ChainCheck verify(soci::session& sql);

}  // namespace hq::history
