#pragma once
// Reconciliation inside a transaction: what an event or a service report changes in the incidents, and what
// a due entry means when its time comes. Internal to the service.
#include <map>
#include <set>
#include <vector>
#include <string>

#include <soci/soci.h>

#include "monitor/store.h"

namespace hq::monitor::reconcile {

struct Context {
  soci::session& sql;
  UnixSeconds now;
  std::map<std::string, Settings> settings;
  Settings of(const std::string& system) const;
};
Context context(soci::session& sql, UnixSeconds now);

// A file a request wrote into: its row as it now is and the operations the request reported for it.
struct Touched {
  store::FileRow file;
  std::set<std::string> ops;
};
// After a request's events were written into their files' rows (each file once).
void on_files(Context& ctx, std::vector<Touched>& files);
// After a service report; `existing` is the row before it (nullopt for a new service).
void on_report(Context& ctx, const store::UnitRef& unit, const ServiceReport& report);
// One due entry whose time has come.
void on_due(Context& ctx, const store::Due& due);
// Closing by hand: the links stop counting and the files/services forget the kind.
void forget_links(Context& ctx, std::int64_t incident_id);

}  // namespace hq::monitor::reconcile
