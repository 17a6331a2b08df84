#pragma once
// SQL for the processing history: append inside the caller's transaction, list, verify.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <soci/soci.h>

#include "core/page.h"
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

using Page = core::Page<Entry>;
Page list(soci::session& sql, const std::string& entity_type, const std::string& entity_id, std::int64_t offset,
          std::int64_t limit);
ChainCheck verify(soci::session& sql);

// For lists filtered by access: how many entries each entity of a type has, and the entries of a type in
// descending id order below `before_id` (0: from the newest).
std::vector<std::pair<std::string, std::int64_t>> entity_counts(soci::session& sql, const std::string& entity_type);
std::vector<Entry> entries_before(soci::session& sql, const std::string& entity_type, std::int64_t before_id,
                                  std::int64_t limit);

}  // namespace hq::history
