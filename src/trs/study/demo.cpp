#include "trs/study/demo.h"

#include <spdlog/spdlog.h>

#include "trs/engine/sample_records.h"
#include "trs/study/agency_store.h"
#include "trs/study/study_service.h"
#include "trs/study/study_store.h"

namespace hq::trs {

namespace {
constexpr std::size_t kDemoDeclarations = 2000;
constexpr double kFaultRate = 0.01;  // swapped or missing milestones, as real collection has
}  // namespace

void add_demo_data(db::Database& db) {
  if (db.read([](soci::session& sql) { return !store::list_studies(sql).empty(); })) return;
  StudyConfig config;
  config.name = "Đo thử tuần 16–21/6/2025 (dữ liệu mẫu)";
  config.year = 2025;
  config.week_start = {2025, 6, 16};
  for (const SampleBranch& b : sample_branches()) config.branches.push_back({b.code, std::string(to_string(b.route))});
  StudyService service(db);
  const std::int64_t id = service.create_study_as_system(config);
  SampleRecords sample(2025);
  ImportOptions options;
  options.skip_invalid = true;
  const ImportResult result = service.import_records(
      nullptr, id,
      [&](RecordSink& sink) {
        for (std::size_t i = 0; i < kDemoDeclarations; ++i) {
          Record r = sample.next(i);
          sample.damage(r, kFaultRate);
          r.meta.line = i + 2;  // as in a CSV file with its header
          sink.on_record(r);
        }
      },
      options);
  // The demo agency users answer for their agencies in the demo study.
  db.transaction([&](soci::session& sql) {
    for (const auto& [username, agency] : {std::pair{"bvtv.trs", "BVTV"}, {"ty.trs", "TY"}, {"bdbp.trs", "BDBP"}})
      if (agency_store::account_exists(sql, username))
        agency_store::put_member(sql, id, {username, agency, "system", core::now()});
  });
  spdlog::info("trs demo data ready: study {} with {} declarations", id, result.stored);
}

}  // namespace hq::trs
