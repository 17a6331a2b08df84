#pragma once
// The .xlsx export of the audit lists (proposals, collections, enterprises, key enterprises, feedback): the
// rows the list route already chose (same scope, filters and order), laid out as sheets::Table. Pure: no
// SQL, no HTTP; the routes answer with the bytes (routes_export.cpp).
#include <string>
#include <vector>

#include "audit/store.h"
#include "sheets/xlsx_table.h"

namespace hq::audit {

// At most this many rows in one export; a longer list is refused (filter it first) rather than cut silently.
constexpr std::int64_t kExportMaxRows = 20000;

sheets::Table proposals_table(const std::vector<store::Proposal>& list);
sheets::Table collections_table(const std::vector<store::Collection>& list);
sheets::Table enterprises_table(const std::vector<store::Enterprise>& list);
sheets::Table key_enterprises_table(const std::vector<store::KeyEnterprise>& list, std::int64_t year);
sheets::Table feedback_table(const std::vector<store::Feedback>& list);

}  // namespace hq::audit
