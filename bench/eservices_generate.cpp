// Loads a national year of online public service dossiers (HQ36a) straight into a haiquan database, for
// `make bench` (scripts/bench-eservices.sh). Deterministic for a seed; times are relative to now.
//
//   eservices_generate --db URL [--dossiers 1000000] [--shape spread|busy] [--seed 2026]
//
// The database must hold the demo data (`haiquan init` then `haiquan demo`): the dossiers belong to the demo
// enterprise and go to the demo Chi cục plus 30 generated Cục of 6 Chi cục each (unit codes "Bnn", "Bnnmm").
// Shapes: "spread" — every Chi cục alike (02CI holds about 1/190 of the dossiers); "busy" — 02CI, the
// demo officers' Chi cục, receives 30 % of the country's dossiers (a big port), the rest spread.
// Dossiers are received over the last 13 months during working hours, due after their procedure's working
// days; those due well before now are closed (92 % done — a tenth of them late —, 3 % refused), the
// rest are open in every state (received, processing, supplement, at a leader, fee due), some overdue.
// Rows are written in bulk, bypassing the service (SQLite: one prepared INSERT in large transactions;
// PostgreSQL: COPY). No steps or documents are written: the inbox and statistics do not read them; the
// statistics counters are recomputed from the loaded dossiers at the end (store::rebuild_stat_rollups).
#include <algorithm>
#include <cstdio>
#include <optional>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "bulk_loader.h"
#include "core/time.h"
#include "db/database.h"
#include "eservices/store.h"
#include "db/row.h"

namespace {

struct Unit {
  long long id;
  std::string path;
};

struct Options {
  std::string db_url, shape = "spread";
  long long dossiers = 1'000'000;
  unsigned seed = 2026;
};

long long scalar(soci::session& sql, const std::string& query) {
  long long v = 0;
  soci::indicator ind = soci::i_ok;
  sql << query, soci::into(v, ind);
  return ind == soci::i_null ? 0 : v;
}

std::string text(soci::session& sql, const std::string& query) {
  std::string v;
  sql << query, soci::into(v);
  return v;
}

void generate(const Options& o, soci::session& sql, bench::Loader& load) {
  const long long applicant = scalar(sql, "SELECT id FROM accounts WHERE username = 'dn.thepvietsai'");
  if (applicant == 0) throw std::runtime_error("no demo enterprise: run `haiquan demo` first");
  const long long busy_id = scalar(sql, "SELECT id FROM units WHERE code = '02CI'");
  const std::string busy_path = text(sql, "SELECT path FROM units WHERE code = '02CI'");
  long long next_unit = scalar(sql, "SELECT MAX(id) FROM units") + 1;
  const long long now = hq::core::now();

  // 30 Cục of 6 Chi cục each, under the General Department (unit 1).
  std::vector<Unit> chi_cuc = {{busy_id, busy_path}};
  for (const char* code : {"01B1", "02B1", "03CC"}) {
    soci::rowset<soci::row> rows = (sql.prepare << "SELECT id, path FROM units WHERE code = :c", soci::use(std::string(code)));
    for (const auto& r : rows) chi_cuc.push_back({hq::db::int_at(r, 0), hq::db::text_at(r, 1)});
  }
  load.begin("units", {"id", "code", "name", "level", "parent_id", "path", "created_at"});
  for (int c = 1; c <= 30; ++c) {
    const long long cuc = next_unit++;
    const std::string cuc_code = "B" + std::string(c < 10 ? "0" : "") + std::to_string(c);
    const std::string cuc_path = "/1/" + std::to_string(cuc) + "/";
    load.row(cuc, cuc_code, "Cục Hải quan thử tải " + std::to_string(c), "CUC", 1LL, cuc_path, now);
    for (int k = 1; k <= 6; ++k) {
      const long long id = next_unit++;
      const std::string path = cuc_path + std::to_string(id) + "/";
      load.row(id, cuc_code + "0" + std::to_string(k), "Chi cục Hải quan thử tải " + std::to_string(c) + "." + std::to_string(k),
               "CHI_CUC", cuc, path, now);
      chi_cuc.push_back({id, path});
    }
  }
  load.end();

  const std::vector<std::pair<std::string, int>> procedures = {{"I.01", 5},  {"I.04", 10}, {"I.14", 1},
                                                               {"I.18", 2},  {"I.39", 30}, {"I.12", 3},
                                                               {"I.06", 2},  {"I.15", 1}};
  const std::vector<const char*> open_states = {"RECEIVED", "PROCESSING", "SUPPLEMENT_REQUESTED", "PENDING_DEPT",
                                                "PENDING_UNIT", "APPROVED", "FEE_DUE"};
  std::mt19937_64 rng(o.seed);
  std::uniform_real_distribution<double> u01(0, 1);
  const long long span = 395LL * 86400;  // 13 months
  const long long first_id = scalar(sql, "SELECT MAX(id) FROM eservices_dossiers") + 1;
  load.begin("eservices_dossiers",
             {"id", "number", "procedure_code", "unit_id", "unit_path", "applicant_id", "status", "mode", "holder",
              "assignee", "officer", "submitted_at", "received_at", "due_at", "paused_at", "missing", "fee", "paid_at",
              "closed_at", "supplements", "version", "created_at", "updated_at"});
  for (long long i = 0; i < o.dossiers; ++i) {
    const Unit& unit = (o.shape == "busy" && u01(rng) < 0.3)
                           ? chi_cuc[0]
                           : chi_cuc[static_cast<std::size_t>(u01(rng) * static_cast<double>(chi_cuc.size()))];
    const auto& [procedure, days] = procedures[static_cast<std::size_t>(u01(rng) * procedures.size())];
    // Received at a working moment: a weekday-like spread of 9 hours a day (exact calendars do not matter here).
    const long long received = now - static_cast<long long>(u01(rng) * static_cast<double>(span));
    const long long due = received + static_cast<long long>(days) * 86400 * 7 / 5;  // working days over weekends
    const bool supplemented = u01(rng) < 0.08;
    std::string status, holder = "POOL", officer;
    std::optional<std::int64_t> closed, paused, paid;
    if (due < now - 3 * 86400 || u01(rng) < 0.5) {
      if (u01(rng) < 0.03) status = "REFUSED";
      else status = "DONE";
      const double late = u01(rng) < 0.1 ? 1.3 : 0.7;
      closed = std::min(now - 60, received + static_cast<long long>(static_cast<double>(due - received) * late));
      officer = "02ci.dvc.canbo";
      holder = "OFFICER";
    } else {
      status = open_states[static_cast<std::size_t>(u01(rng) * open_states.size())];
      if (status != std::string("RECEIVED")) officer = "02ci.dvc.canbo", holder = "OFFICER";
      if (status == std::string("SUPPLEMENT_REQUESTED")) paused = now - 3600;
    }
    const long long id = first_id + i;
    const std::string number = "B" + std::to_string(id);
    const std::optional<std::string> assignee = officer.empty() || closed ? std::nullopt : std::optional(officer),
                                     processed_by = officer.empty() ? std::nullopt : std::optional(officer);
    const long long supplements = supplemented || status == "SUPPLEMENT_REQUESTED" ? 1 : 0;
    const std::string missing = supplements ? "[\"Danh mục hàng hóa (bản có chữ ký số)\"]" : "";
    load.row(id, number, procedure, unit.id, unit.path, applicant, status, 5LL, holder, assignee, processed_by,
             received, received, due, paused, missing, 0LL, paid, closed, supplements, 1LL, received,
             closed.value_or(received));
    if (i % 100000 == 99999) std::fprintf(stderr, "eservices_generate: %lld dossiers\n", i + 1);
  }
  load.end();
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"Loads a year of online public service dossiers into a haiquan database (for make bench)."};
  Options o;
  cli.add_option("--db", o.db_url, "database URL (sqlite:PATH or postgresql://…), initialised with demo data")->required();
  cli.add_option("--dossiers", o.dossiers, "dossiers");
  cli.add_option("--shape", o.shape, "spread | busy")->check(CLI::IsMember({"spread", "busy"}));
  cli.add_option("--seed", o.seed, "random seed");
  CLI11_PARSE(cli, argc, argv);
  try {
    hq::db::Database db(o.db_url, 1);
    hq::db::Database::Lease lease(db);
    soci::session& sql = *lease;
    auto load = bench::make_loader(db.backend() == hq::db::Backend::Sqlite, sql);
    generate(o, sql, *load);
    // The statistics read counters the service keeps on every transition: recomputed once for the bulk load.
    {
      soci::transaction tx(sql);
      hq::eservices::store::rebuild_stat_rollups(sql);
      tx.commit();
    }
    bench::after_load(db.backend() == hq::db::Backend::Sqlite, sql, {"units", "eservices_dossiers"});
    std::fprintf(stderr, "eservices_generate: done\n");
  } catch (const std::exception& error) {
    std::fprintf(stderr, "eservices_generate: %s\n", error.what());
    return 1;
  }
  return 0;
}
