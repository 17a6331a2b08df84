// Baseline of the monitor's ingest benchmark: the same rows bench/monitor_ingest.py posts (EXPORT events of
// EDATA, batches of 1,000), written straight into monitor_operations by a bare prepared bulk insert — SOCI
// vector binding, one transaction per batch, no HTTP, no JSON, no validation, no file rows, no due index.
// What the server does per event on top of this is the cost the ratio shows.
//
//   monitor_baseline --db URL [--events 50000] [--batch 1000]      prints {"events":…,"events_per_second":…}
//
// Needs a migrated database (haiquan init) with the unit 02CI.
#include <chrono>
#include <iostream>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "db/database.h"

int main(int argc, char** argv) {
  std::string url;
  long long events = 50000, batch = 1000;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--db") url = argv[i + 1];
    else if (a == "--events") events = std::stoll(argv[i + 1]);
    else if (a == "--batch") batch = std::stoll(argv[i + 1]);
  }
  if (url.empty()) {
    std::cerr << "usage: monitor_baseline --db URL [--events N] [--batch N]\n";
    return 2;
  }
  hq::db::Database db(url, 1);
  long long unit_id = 0;
  std::string unit_path;
  db.read([&](soci::session& sql) {
    sql << "SELECT id, path FROM units WHERE code = '02CI'", soci::into(unit_id), soci::into(unit_path);
  });
  const std::string tag = std::to_string(std::chrono::system_clock::now().time_since_epoch().count());
  const long long now = std::chrono::duration_cast<std::chrono::seconds>(
                            std::chrono::system_clock::now().time_since_epoch()).count();
  const auto start = std::chrono::steady_clock::now();
  for (long long from = 0; from < events; from += batch) {
    const auto n = static_cast<std::size_t>(std::min(batch, events - from));
    std::vector<long long> units(n, unit_id), sizes(n), ats(n, now), autos(n, 1), agents(n, 0), received(n, now);
    std::vector<std::string> ids(n), systems(n, "EDATA"), ops(n, "EXPORT"), codes(n, "02CI"), paths(n, unit_path),
        peers(n, "02"), batches(n), files(n), shas(n, ""), versions(n, "1"), errors(n, "");
    for (std::size_t i = 0; i < n; ++i) {
      const auto k = from + static_cast<long long>(i);
      ids[i] = "base-" + tag + "-" + std::to_string(k);
      batches[i] = "base-" + tag + "-" + std::to_string(k / batch);
      files[i] = "f" + std::to_string(k) + ".xml";
      sizes[i] = 1000 + k % 5000;
    }
    db.transaction([&](soci::session& sql) {
      sql << "INSERT INTO monitor_operations (unit_id, event_id, system, op, unit_code, unit_path, peer_unit_code, "
             "batch_id, file_name, size, sha256, version, at, automatic, error, agent_id, received_at) VALUES (:u, :e, "
             ":s, :o, :c, :p, :pc, :b, :f, :sz, :h, :v, :at, :au, :er, :ag, :r) ON CONFLICT (unit_id, event_id) DO NOTHING",
          soci::use(units), soci::use(ids), soci::use(systems), soci::use(ops), soci::use(codes), soci::use(paths),
          soci::use(peers), soci::use(batches), soci::use(files), soci::use(sizes), soci::use(shas),
          soci::use(versions), soci::use(ats), soci::use(autos), soci::use(errors), soci::use(agents),
          soci::use(received);
    });
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << "{\"events\": " << events << ", \"batch\": " << batch << ", \"seconds\": " << seconds
            << ", \"events_per_second\": " << static_cast<long long>(events / seconds) << "}\n";
  return 0;
}
