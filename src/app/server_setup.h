#pragma once
#include "app/commands.h"
#include "db/database.h"
#include "http/router.h"

namespace hq::app {

// Everything the server serves: the routes of every module, the auth chain and the SPA.
struct ServerParts;
class Server {
 public:
  Server(db::Database& db, const Options& options);
  ~Server();
  http::Router& router();
  // Work worth doing before the first requests (loading in-memory indexes) and the background timers (the
  // monitor's due-time processing); runs while the server serves. API tests do not call it.
  void warm_up();

 private:
  std::unique_ptr<ServerParts> parts_;
};

int serve_http(db::Database& db, const Options& options);
// Module demo data (trs studies, audit enterprises, …) added by `haiquan demo`.
void add_module_demo_data(db::Database& db);

}  // namespace hq::app
