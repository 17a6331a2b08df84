// Demo data for `haiquan demo`: a declarations extract for the demo enterprises and thirty more importers,
// a criteria set, and a national run with candidates. Entered through the service, so rules and history apply.
#include <spdlog/spdlog.h>

#include <cstdio>

#include "audit/risk/routes.h"
#include "audit/rules.h"
#include "core/tax_codes.h"
#include "core/validation.h"

namespace hq::audit::risk {

namespace {

core::Principal acting_as(soci::session& sql, const std::string& username, const std::string& unit_code,
                          std::vector<std::string> roles) {
  core::Principal p;
  long long id = 0;
  sql << "SELECT COALESCE(MAX(id), 0) FROM accounts WHERE username = :u", soci::use(username), soci::into(id);
  const auto unit = store::find_unit(sql, unit_code);
  p.account_id = id;
  p.username = username;
  p.unit_code = unit_code;
  p.unit_path = unit ? unit->path : "";
  long long unit_id = 0;
  sql << "SELECT COALESCE(MAX(id), 0) FROM units WHERE code = :c", soci::use(unit_code), soci::into(unit_id);
  p.unit_id = unit_id;
  p.roles = std::move(roles);
  p.client_address = "demo";
  return p;
}

}  // namespace

// The extract: two years of lines up to yesterday; the demo enterprise 0301447426 under-declares duty and
// is often red, 0300588569 claims preferences on most of its imports.
std::string demo_extract(const core::Date& today) {
  std::vector<std::string> taxes = {"0100109106", "0300588569", "0200519875", "0301447426", "0101248141"};
  for (int i = 0; i < 30; ++i) taxes.push_back(core::sample_tax_code("03", 1004200 + i * 37));
  const char* offices[] = {"01B1", "02CI", "03CC", "02CI", "01B1"};
  const char* headings[] = {"72085100", "52081200", "84314900", "85423900", "10063099", "39019090", "61091000"};
  const char* origins[] = {"CN", "JP", "KR", "TH", "US", "DE"};
  std::uint64_t state = 20261203;
  const auto next = [&](std::uint64_t n) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (state >> 33) % n;
  };
  std::string csv =
      "declaration_no,line,registered_at,tax_code,flow,type_code,office_code,hs_code,origin_country,customs_value_vnd,"
      "duty_vnd,vat_vnd,preferential,channel,amendments\n";
  long long number = 105000000000;
  const core::Date start = core::add_days(today, -730);
  for (int day = 0; day < 729; day += 3) {
    const core::Date d = core::add_days(start, day);
    for (std::size_t e = 0; e < taxes.size(); ++e) {
      if (next(4) != 0) continue;
      const bool under = taxes[e] == "0301447426", preferential = taxes[e] == "0300588569";
      const bool growth = e % 7 == 3 && day > 365;
      const int lines = 1 + static_cast<int>(next(3));
      const bool exporting = next(5) == 0;
      const char* channel = under ? (next(2) ? "RED" : "YELLOW") : (next(10) == 0 ? "RED" : next(4) == 0 ? "YELLOW" : "GREEN");
      const int amendments = under ? static_cast<int>(next(3)) : (next(8) == 0 ? 1 : 0);
      ++number;
      for (int l = 1; l <= lines; ++l) {
        const char* hs = headings[(e + static_cast<std::size_t>(l)) % 7];
        long long value = 50'000'000 + static_cast<long long>(next(400)) * 1'000'000;
        if (growth) value *= 3;
        const double rate = under ? 0.01 : 0.05 + 0.01 * static_cast<double>((e + static_cast<std::size_t>(l)) % 3);
        const long long duty = exporting ? 0 : static_cast<long long>(static_cast<double>(value) * rate);
        char row[320];
        std::snprintf(row, sizeof row, "%012lld,%d,%s 09:%02d,%s,%s,%s,%s,%s,%s,%lld,%lld,%lld,%s,%s,%d\n", number, l,
                      core::format_date(d).c_str(), static_cast<int>(next(60)), taxes[e].c_str(), exporting ? "XK" : "NK",
                      exporting ? "B11" : "A11", offices[e % 5], hs, origins[next(6)], value, duty, value / 10,
                      (preferential ? next(10) < 8 : next(10) == 0) ? "Y" : "N", channel, amendments);
        csv += row;
      }
    }
  }
  return csv;
}

void add_demo_data(db::Database& db) {
  const bool skip = db.read([](soci::session& sql) {
    long long sets = 0;
    sql << "SELECT count(*) FROM audit_risk_criteria_sets", soci::into(sets);
    return sets > 0 || !store::find_unit(sql, kAuditDepartmentCode) || !store::find_unit(sql, "02CI");
  });
  if (skip) return;
  RiskService service(db);
  const auto leader = db.read([](soci::session& sql) {
    return acting_as(sql, "ktstq.lanhdao", kAuditDepartmentCode, {"audit.leader"});
  });
  const core::Date today = core::to_local(core::now()).date;
  const auto imported = service.import_declarations(nullptr, demo_extract(today), {});
  CriteriaSet set;
  set.name = "Bộ tiêu chí lựa chọn doanh nghiệp KTSTQ";
  set.min_declarations = 5;
  set.material_value = 5'000'000'000;
  set.cutoff_audit = 4;
  set.cutoff_monitor = 2;
  set.indicators = {{"LOW_DUTY_RATE", 3, 0.5},    {"RED_SHARE", 2, 0.3},     {"AMENDMENT_RATE", 1, 0.5},
                    {"PREFERENTIAL_SHARE", 1, 0.6}, {"VALUE_GROWTH", 1, 1.0}, {"PAST_FINDINGS", 2, 1},
                    {"NEVER_AUDITED", 1, 1}};
  const auto created = service.create_criteria_set(leader, set);
  const auto run = service.create_run(leader, created.set.id, core::add_days(today, -365), core::add_days(today, -1), "");
  spdlog::info("risk demo data ready: {} declaration lines, criteria set {}, run {} with {} candidates",
               imported.imported, created.set.id, run.run.id, run.run.candidates);
}

}  // namespace hq::audit::risk
