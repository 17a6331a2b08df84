// The risk benchmark's run: a national run with all seven indicators over the database's declarations,
// computed in C++ over columns loaded once (then its candidates stored), and the same indicators computed
// by PostgreSQL in SQL only; prints one line of figures and whether both lists agree.
//   risk_run --db URL --from YYYY-MM-DD --to YYYY-MM-DD [--reference] [--repeat N]
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "audit/risk/service.h"
#include "audit/risk/store.h"
#include "core/time.h"
#include "db/database.h"

using namespace hq;

int main(int argc, char** argv) {
  std::string url, from_text, to_text;
  bool reference = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--db" && i + 1 < argc) url = argv[++i];
    else if (a == "--from" && i + 1 < argc) from_text = argv[++i];
    else if (a == "--to" && i + 1 < argc) to_text = argv[++i];
    else if (a == "--reference") reference = true;
  }
  const auto from = core::parse_date(from_text), to = core::parse_date(to_text);
  if (url.empty() || !from || !to) {
    std::fprintf(stderr, "usage: risk_run --db URL --from YYYY-MM-DD --to YYYY-MM-DD [--reference]\n");
    return 2;
  }
  db::Database db(url, 2);
  audit::risk::RiskService service(db);
  audit::risk::CriteriaSet set;
  set.name = "bench";
  set.min_declarations = 3;
  set.material_value = 10'000'000'000;
  set.cutoff_audit = 3.5, set.cutoff_monitor = 2;
  set.indicators = {{"LOW_DUTY_RATE", 2, 0.5},      {"RED_SHARE", 1, 0.3},    {"AMENDMENT_RATE", 1, 0.3},
                    {"PREFERENTIAL_SHARE", 1, 0.5}, {"VALUE_GROWTH", 1, 1.0}, {"PAST_FINDINGS", 1, 1},
                    {"NEVER_AUDITED", 1, 1}};
  using clock = std::chrono::steady_clock;
  const auto t0 = clock::now();
  std::int64_t evaluated = 0;
  const auto cpp = service.compute(set, *from, *to, "", false, &evaluated);
  const auto t1 = clock::now();
  // Store the run like POST /risk/runs does (criteria set, run row, candidates).
  db.transaction([&](soci::session& sql) {
    audit::risk::store::CriteriaSetRow row;
    row.name = "bench", row.name_key = "bench-" + std::to_string(core::now()), row.version = 1;
    row.min_declarations = set.min_declarations, row.material_value = set.material_value;
    row.cutoff_audit = set.cutoff_audit, row.cutoff_monitor = set.cutoff_monitor, row.indicators = "[]";
    row.created_by = "bench", row.created_at = core::now();
    audit::risk::store::RunRow run;
    run.criteria_set_id = audit::risk::store::insert_criteria_set(sql, row);
    run.period_from = from_text, run.period_to = to_text, run.year = to->year, run.evaluated = evaluated;
    run.candidates = static_cast<std::int64_t>(cpp.size()), run.fingerprint = "bench", run.created_by = "bench";
    run.created_at = core::now();
    audit::risk::store::insert_candidates(sql, audit::risk::store::insert_run(sql, run), cpp);
  });
  const auto t2 = clock::now();
  struct rusage usage {};
  getrusage(RUSAGE_SELF, &usage);
  const double cpp_s = std::chrono::duration<double>(t1 - t0).count();
  const double store_s = std::chrono::duration<double>(t2 - t1).count();
  std::printf("cpp_seconds=%.2f store_seconds=%.2f enterprises=%lld candidates=%zu max_rss_mib=%ld", cpp_s, store_s,
              static_cast<long long>(evaluated), cpp.size(), usage.ru_maxrss / 1024);
  if (reference) {
    const auto t3 = clock::now();
    const auto sql = service.compute(set, *from, *to, "", true);
    const double sql_s = std::chrono::duration<double>(clock::now() - t3).count();
    bool same = sql.size() == cpp.size();
    for (std::size_t i = 0; same && i < sql.size(); ++i)
      same = sql[i].tax_code == cpp[i].tax_code && sql[i].score == cpp[i].score && sql[i].klass == cpp[i].klass;
    std::printf(" sql_seconds=%.2f same=%s", sql_s, same ? "yes" : "no");
  }
  std::printf("\n");
  return 0;
}
