// Loads a large, realistic post-clearance audit (STQ02) data set straight into a haiquan database, for
// `make bench` (scripts/bench-audit.sh). Deterministic for a seed (dates are relative to today).
//
//   audit_generate --db URL [--enterprises 1000000] [--proposals 200000] [--collections 20000] [--seed 2026]
//                  [--bench-user 02ci.canbo] [--bench-searches 5000] [--out DIR]
//
// The database must hold the demo data (`haiquan init` then `haiquan demo`): proposals go to the demo units.
// Rows are written in bulk, bypassing the service (SQLite: one prepared INSERT per table in large
// transactions; PostgreSQL: COPY), so the derived columns the audit store keeps are computed here with the
// store's own functions: name_folded = core::fold(name), and search_words / audit_enterprise_words =
// search_words(core::fold(name + " " + foreign_name)) (see words_of in src/audit/store.cpp).
//
// Shape: tax codes with valid check digits under the big provinces' prefixes (3 % branches "…-001");
// names "Công ty TNHH Thép Hòa Phát Bắc Ninh", "Công ty Cổ phần Thủy sản Minh Long", FDI "Công ty TNHH
// Pacific Textiles Việt Nam", 60 % with an English name. Proposals over the last five years (to today),
// about 65 % approved (at most one approved premises audit per enterprise and year), with original
// decisions, some extensions, amendments and cancellations, and conclusions with amounts by tax kind, so
// form 19 has real work; a few hundred key enterprises a year; information collections.
//
// Output in DIR: name_queries.txt (name fragments without diacritics, '+' for spaces) and
// proposal_searches.txt ("tax_code search_id": searches recorded for --bench-user, valid for 24 hours, so
// POST /audit/proposals can be measured on its own). Progress goes to stderr.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include <CLI/CLI.hpp>
#include <libpq-fe.h>
#include <nlohmann/json.hpp>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "audit/rules.h"
#include "audit/store.h"
#include "core/text.h"
#include "core/time.h"
#include "core/tax_codes.h"
#include "core/validation.h"
#include "identity/units.h"
#include "db/database.h"
#include "platform/calendar_store.h"
#include "audit_generate_directory.h"
#include "bulk_loader.h"

namespace {

using hq::core::Date;

// Bulk writers: bench/bulk_loader.h (shared with the e-services generator).
using bench::Loader;

// Vocabulary, tax codes and names of the directory: bench/audit_generate_directory.h.
using namespace bench::audit;  // Rng, Directory, NameParts, the vocabulary tables (kSectors, kOwnership, …)

// ---- the data set ----

struct Options {
  std::string db_url, out_dir = ".", bench_user = "02ci.canbo";
  std::int64_t enterprises = 1'000'000, proposals = 200'000, collections = 20'000, bench_searches = 5000;
  std::uint64_t seed = 2026;
};

struct UnitInfo {
  std::int64_t id;
  std::string code, level;
  double weight;
};

using Clock = std::chrono::steady_clock;

class Generator {
 public:
  Generator(const Options& options, soci::session& sql, Loader& loader)
      : options_(options), sql_(sql), load_(loader), rng_(options.seed), started_(Clock::now()) {}

  void run() {
    read_context();
    enterprises();
    key_enterprises();
    proposals();
    collections();
    counters();
    bench_files();
  }

 private:
  void progress(const std::string& what, std::int64_t done, std::int64_t total) {
    const double s = std::chrono::duration<double>(Clock::now() - started_).count();
    std::fprintf(stderr, "audit_generate: %s %lld/%lld (%.1f s)\n", what.c_str(), static_cast<long long>(done),
                 static_cast<long long>(total), s);
  }

  std::int64_t scalar(const std::string& query) {
    long long value = 0;
    soci::indicator ind = soci::i_ok;
    sql_ << query, soci::into(value, ind);
    return ind == soci::i_ok ? value : 0;
  }

  void read_context() {
    if (scalar("SELECT COUNT(*) FROM audit_enterprises") > 1000)
      throw std::runtime_error("the database already holds a large enterprise directory: use a fresh one");
    const auto root = hq::identity::find_unit(sql_, "00");
    if (!root || !hq::identity::find_unit(sql_, hq::audit::kAuditDepartmentCode))
      throw std::runtime_error("no demo units: run `haiquan demo` first");
    for (const auto& u : hq::identity::units_under(sql_, root->path)) {
      const double w = u.code == hq::audit::kAuditDepartmentCode ? 3.0
                       : u.level == "CUC" || u.level == "CHI_CUC" ? 1.0
                       : u.level == "DOI"                         ? 0.3
                                                                  : 0.0;
      if (w > 0) units_.push_back({u.id, u.code, u.level, w});
    }
    calendar_ = hq::platform::load_calendar(sql_);
    now_ = hq::core::now();
    today_ = hq::core::to_local(now_).date;
    first_year_ = today_.year - 4;
    next_enterprise_ = scalar("SELECT MAX(id) FROM audit_enterprises") + 1;
    next_proposal_ = scalar("SELECT MAX(id) FROM audit_proposals") + 1;
    next_decision_ = scalar("SELECT MAX(id) FROM audit_decisions") + 1;
    next_conclusion_ = scalar("SELECT MAX(id) FROM audit_conclusions") + 1;
    next_collection_ = scalar("SELECT MAX(id) FROM audit_collections") + 1;
    for (int y = first_year_; y <= today_.year; ++y) {
      for (const char* name : {"proposal", "collection"}) {
        long long value = 0;
        soci::indicator ind = soci::i_null;
        sql_ << "SELECT value FROM audit_counters WHERE name = :n AND year = :y", soci::use(std::string(name)),
            soci::use(static_cast<long long>(y)), soci::into(value, ind);
        counters_[{name, y}] = sql_.got_data() && ind == soci::i_ok ? value : 0;
      }
    }
    soci::rowset<std::string> existing = (sql_.prepare << "SELECT tax_code FROM audit_enterprises");
    for (const auto& code : existing) directory_.take(code);
  }

  // ---- enterprises ----


  void enterprises() {
    const std::int64_t total = options_.enterprises;
    first_enterprise_ = next_enterprise_;
    codes_.reserve(static_cast<std::size_t>(total));
    std::vector<std::string> joined_words;  // the word index is written after the table
    joined_words.reserve(static_cast<std::size_t>(total));
    load_.begin("audit_enterprises", {"id", "tax_code", "tax_kind", "name", "foreign_name", "name_folded",
                                      "search_words", "address", "legal_representative", "phone", "email",
                                      "established_on", "charter_capital", "ownership", "aeo_status", "compliance_level",
                                      "profile", "source", "created_by", "created_at", "updated_at"});
    for (std::int64_t i = 0; i < total; ++i) {
      const Province& province = directory_.pick_province();
      std::string tax_code, name, foreign;
      NameParts parts{"", "", "", &rng_.pick(kSectors)};
      const std::size_t parent = i > 1000 && rng_.chance(0.03) ? static_cast<std::size_t>(rng_.between(1, static_cast<std::int64_t>(names_.size()) - 1)) : 0;
      if (parent && codes_[parent].size() == 10) {  // a branch: the parent's code and a suffix, its name and the place
        for (int suffix = 1; tax_code.empty() || !directory_.take(tax_code); ++suffix) {
          char s[16];
          std::snprintf(s, sizeof s, "-%03d", suffix % 1000);
          tax_code = codes_[parent] + s;
        }
        name = "Chi nhánh " + names_[parent] + " tại " + province.name;
      } else {
        tax_code = directory_.new_tax_code(province);
        name = directory_.enterprise_name(province, foreign, parts);
        if (i % 400 == 0) samples_.push_back(parts);
      }
      if (names_.size() < 100000) names_.push_back(name);
      codes_.push_back(tax_code);
      // Exactly what the audit store writes (store.cpp: words_of and insert_enterprise).
      const std::string folded = hq::core::fold(name);
      std::string joined = hq::audit::joined_words(hq::audit::search_words(hq::core::fold(name + " " + foreign)));
      const Date established{static_cast<int>(rng_.between(1995, today_.year - 1)), static_cast<int>(rng_.between(1, 12)),
                             static_cast<int>(rng_.between(1, 28))};
      const std::int64_t created = now_ - rng_.between(30, 3000) * 86400;
      const nlohmann::json profile = {{"main_goods", {parts.sector->goods1, parts.sector->goods2}}};
      load_.row(next_enterprise_++, tax_code, parent ? "BRANCH" : "ENTERPRISE", name, foreign, folded, joined,
                directory_.address(province), directory_.person(), directory_.phone(), "", hq::core::format_date(established), rng_.money(5e9, 1.2),
                rng_.pick(kOwnership), rng_.chance(0.01) ? "AEO" : "", rng_.between(0, 5), profile.dump(),
                rng_.chance(0.8) ? "STQ01" : "STQ02", 0, created, created);
      joined_words.push_back(std::move(joined));
      if ((i + 1) % 200000 == 0) progress("enterprises", i + 1, total);
    }
    load_.end();
    load_.begin("audit_enterprise_words", {"word", "enterprise_id"});
    for (std::size_t k = 0; k < joined_words.size(); ++k) {
      const std::string& line = joined_words[k];  // " w1 w2 … "
      for (std::size_t at = 1; at < line.size();) {
        const std::size_t space = line.find(' ', at);
        load_.row(std::string_view(line).substr(at, space - at), first_enterprise_ + static_cast<std::int64_t>(k));
        at = space + 1;
      }
      if ((k + 1) % 200000 == 0) progress("enterprise words", static_cast<std::int64_t>(k + 1), total);
    }
    load_.end();
  }

  // Enterprises drawn with a skew, so some carry several proposals and collections (duplicates happen).
  std::size_t pick_enterprise() {
    return static_cast<std::size_t>(std::pow(rng_.uniform(), 1.6) * static_cast<double>(codes_.size())) % codes_.size();
  }

  void key_enterprises() {
    load_.begin("audit_key_enterprises", {"enterprise_id", "year", "reason", "added_by", "added_at"});
    for (int y = first_year_; y <= today_.year; ++y)
      for (int k = 0; k < 300; ++k) {
        const std::size_t e = pick_enterprise();
        if (!key_.insert(key_of(e, y)).second) continue;
        load_.row(first_enterprise_ + static_cast<std::int64_t>(e), y,
                  "Doanh nghiệp trọng điểm năm " + std::to_string(y), "ktstq.lanhdao",
                  hq::core::from_local({{y, 1, 5}, 9, 0, 0}));
      }
    load_.end();
  }
  static std::int64_t key_of(std::size_t enterprise, int year) {
    return static_cast<std::int64_t>(enterprise) * 10000 + year;
  }

  // ---- proposals, decisions, conclusions ----

  const UnitInfo& pick_unit() {
    double total = 0;
    for (const auto& u : units_) total += u.weight;
    double x = rng_.uniform() * total;
    for (const auto& u : units_)
      if ((x -= u.weight) < 0) return u;
    return units_.back();
  }

  // A working-hours instant on `day` (moved to the next working day).
  std::int64_t at_work(Date day) {
    while (!calendar_.is_working_day(day)) day = hq::core::add_days(day, 1);
    return hq::core::from_local({day, static_cast<int>(rng_.between(8, 16)), static_cast<int>(rng_.between(0, 59)), 0});
  }
  Date day_of(std::int64_t instant) const { return hq::core::to_local(instant).date; }
  static std::string text(const Date& d) { return hq::core::format_date(d); }

  std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  }

  void proposals() {
    const std::int64_t span = hq::core::days_from_civil(today_) - hq::core::days_from_civil({first_year_, 1, 1});
    std::vector<std::int64_t> created;
    for (std::int64_t i = 0; i < options_.proposals; ++i)
      created.push_back(std::min(now_ - 60, at_work(hq::core::add_days({first_year_, 1, 1}, rng_.between(0, span)))));
    std::sort(created.begin(), created.end());  // numbers follow the order of entry within a year

    std::unordered_set<std::int64_t> approved_premises;   // enterprise × year
    std::map<std::size_t, int> open_count;                // open proposals per enterprise
    load_.begin("audit_proposals", {"id", "number", "year", "enterprise_id", "unit_id", "place", "grounds_kind",
                                    "grounds", "period_from", "period_to", "status", "paused_from", "reason",
                                    "duplicate_count", "counts_approved", "source", "origin_number", "proposed_by", "created_at",
                                    "submitted_at", "decided_by", "approved_at", "rejected_at", "paused_at",
                                    "cancelled_at", "updated_at"});
    for (std::size_t i = 0; i < created.size(); ++i) {
      const std::int64_t at = created[i];
      const Date day = day_of(at);
      std::size_t e = pick_enterprise();
      while (key_.count(key_of(e, day.year))) e = pick_enterprise();  // rule 2
      const UnitInfo& unit = pick_unit();
      const bool premises = rng_.chance(0.7);
      const std::int64_t age = hq::core::days_from_civil(today_) - hq::core::days_from_civil(day);
      std::string status = proposal_status(age);
      std::string paused_from = status == "PAUSED" ? (rng_.chance(0.5) ? "APPROVED" : "SUBMITTED") : "";
      bool holds = status == "APPROVED" || paused_from == "APPROVED";
      if (holds && premises && !approved_premises.insert(key_of(e, day.year)).second) {
        status = "REJECTED";  // rule 5: one approved premises audit per enterprise and year
        paused_from.clear();
        holds = false;
      }
      const bool paused = status == "PAUSED";
      const std::int64_t decided = std::min(now_ - 30, at + rng_.between(2, 72) * 3600);
      const auto grounds = pick_grounds();
      const std::int64_t number = ++counters_[{"proposal", day.year}];
      const Date period_to{day.year - 1, 12, 31}, period_from{day.year - static_cast<int>(rng_.between(2, 4)), 1, 1};
      const std::int64_t id = next_proposal_++;
      const bool open = hq::audit::is_open_status(status);
      const std::string leader = lower(unit.code) + ".lanhdao";
      // Older proposals were made in STQ01 and carried over (migration 0211): their STQ01 number is unique.
      const std::string number_text = std::to_string(number) + "/" + std::to_string(day.year) + "/ĐXKT-" + unit.code;
      const bool stq01 = day.year < today_.year - 2;
      load_.row(id, number_text, day.year,
                first_enterprise_ + static_cast<std::int64_t>(e), unit.id, premises ? "PREMISES" : "OFFICE",
                hq::audit::grounds_kind(grounds), grounds, text(period_from), text(period_to), status, paused_from,
                status == "REJECTED" ? "Chưa đủ căn cứ" : status == "CANCELLED" ? "Doanh nghiệp đã giải thể" : "",
                open_count[e], premises && holds, stq01 ? "STQ01" : "STQ02", stq01 ? number_text : "",
                lower(unit.code) + ".canbo", at, at, status == "SUBMITTED" ? "" : leader,
                holds ? std::optional(decided) : std::nullopt, status == "REJECTED" ? std::optional(decided) : std::nullopt,
                paused ? std::optional(decided) : std::nullopt,
                status == "CANCELLED" ? std::optional(decided) : std::nullopt, status == "SUBMITTED" ? at : decided);
      if (open) ++open_count[e];
      if (holds) approved_.push_back({id, premises, day_of(decided)});
      if ((i + 1) % 50000 == 0) progress("proposals", static_cast<std::int64_t>(i + 1), options_.proposals);
    }
    load_.end();
    decisions_and_conclusions();
  }

  std::string proposal_status(std::int64_t age_days) {
    const double x = rng_.uniform();
    if (age_days < 7) return x < 0.6 ? "SUBMITTED" : x < 0.9 ? "APPROVED" : "REJECTED";
    const double waiting = age_days < 60 ? 0.10 : 0.005;
    if (x < waiting) return "SUBMITTED";
    if (x < waiting + 0.66) return "APPROVED";
    if (x < waiting + 0.79) return "REJECTED";
    if (x < waiting + 0.93) return "CANCELLED";
    return "PAUSED";
  }

  std::string pick_grounds() {
    const double x = rng_.uniform();
    if (x < 0.35) return "SIGNS_OF_VIOLATION";
    if (x < 0.75) return "RISK_MANAGEMENT";
    if (x < 0.92) return "COMPLIANCE_ASSESSMENT";
    return "Theo đơn tố giác của tổ chức, cá nhân";
  }

  struct Approved {
    std::int64_t id;
    bool premises;
    Date approved_on;
  };

  void decisions_and_conclusions() {
    struct ConclusionRow {
      std::int64_t proposal;
      Date signed_on;
    };
    std::vector<ConclusionRow> concluded;
    load_.begin("audit_decisions", {"id", "proposal_id", "kind", "number", "signed_on", "signer", "team", "start_on",
                                    "working_days", "end_on", "due_on", "late", "entered_by", "entered_at"});
    for (const auto& a : approved_) {
      Date signed_on = hq::core::add_days(a.approved_on, rng_.between(3, 25));
      if (signed_on > today_) continue;  // not signed yet
      const int max_days = hq::audit::max_working_days(a.premises ? hq::audit::Place::Premises : hq::audit::Place::Office);
      const int days = static_cast<int>(rng_.between(max_days / 2, max_days));
      const Date start = hq::core::add_days(signed_on, rng_.between(3, 10));
      Date end = hq::audit::audit_end(calendar_, start, days);
      decision(a.id, "ORIGINAL", signed_on, start, days, end);
      const double x = rng_.uniform();
      if (x < 0.03) {  // cancelled: the audit does not count, no conclusion
        decision(a.id, "CANCELLATION", hq::core::add_days(signed_on, 2), start, 0, end);
        continue;
      }
      if (x < 0.13) {  // one extension
        const int extra = static_cast<int>(rng_.between(2, hq::audit::kExtensionMaxWorkingDays));
        end = calendar_.add_working_days(end, extra);
        decision(a.id, "EXTENSION", hq::core::add_days(start, 3), start, extra, end);
      } else if (x < 0.16) {
        decision(a.id, "AMENDMENT", hq::core::add_days(signed_on, 1), start, days, end);
      }
      const Date concluded_on = hq::core::add_days(end, rng_.between(10, 45));
      if (concluded_on <= today_ && rng_.chance(0.9)) concluded.push_back({a.id, concluded_on});
    }
    load_.end();
    progress("decisions (approved proposals)", static_cast<std::int64_t>(approved_.size()),
             static_cast<std::int64_t>(approved_.size()));
    load_.begin("audit_conclusions", {"id", "proposal_id", "number", "signed_on", "findings", "declarations",
                                      "has_violation", "import_tax", "export_tax", "vat", "excise", "environment",
                                      "trade_remedy", "late_interest", "penalty", "collected", "status", "due_on",
                                      "late", "entered_by", "entered_at", "approved_by", "approved_at"});
    for (const auto& c : concluded) conclusion(c.proposal, c.signed_on);
    load_.end();
    progress("conclusions", static_cast<std::int64_t>(concluded.size()), static_cast<std::int64_t>(concluded.size()));
  }

  // A document entered within its due day most of the time, late sometimes.
  std::int64_t entered(const Date& signed_on, const Date& due, bool& late) {
    late = rng_.chance(0.07);
    Date day = late ? hq::core::add_days(due, rng_.between(1, 5)) : signed_on;
    if (day > today_) day = today_, late = day > due;
    return std::min(now_, at_work(day));
  }

  void decision(std::int64_t proposal, const char* kind, const Date& signed_on, const Date& start, int days,
                const Date& end) {
    const Date due = hq::audit::entry_due(calendar_, signed_on, hq::audit::kDecisionEntryWorkingDays);
    bool late = false;
    const std::int64_t at = entered(signed_on, due, late);
    const std::int64_t id = next_decision_++;
    load_.row(id, proposal, kind, std::to_string(id) + "/QĐ-KTSTQ", text(signed_on), directory_.person(),
              "Đoàn kiểm tra số " + std::to_string(rng_.between(1, 12)), text(start), days, text(end), text(due), late,
              "bench", at);
  }

  void conclusion(std::int64_t proposal, const Date& signed_on) {
    hq::audit::Amounts a;
    const bool violation = rng_.chance(0.62);
    if (violation) {
      a.at("import_tax") = rng_.money(180e6, 1.3);
      a.at("vat") = static_cast<std::int64_t>(static_cast<double>(a.at("import_tax")) * (0.4 + rng_.uniform())) / 1000 * 1000;
      if (rng_.chance(0.04)) a.at("export_tax") = rng_.money(50e6, 1.0);
      if (rng_.chance(0.06)) a.at("excise") = rng_.money(300e6, 1.2);
      if (rng_.chance(0.02)) a.at("environment") = rng_.money(20e6, 1.0);
      if (rng_.chance(0.01)) a.at("trade_remedy") = rng_.money(500e6, 1.0);
      a.at("late_interest") = a.tax_total() / 1'000'000 * (80 + rng_.between(0, 120)) * 1000;  // 8–20 % of the taxes
      a.at("penalty") = a.tax_total() / 5 / 1000 * 1000;                           // 20 %: false declaration
      a.at("collected") = static_cast<std::int64_t>(static_cast<double>(a.total()) * (0.5 + rng_.uniform() / 2)) / 1000 * 1000;
    }
    const Date due = hq::audit::entry_due(calendar_, signed_on, hq::audit::kConclusionEntryWorkingDays);
    bool late = false;
    const std::int64_t at = entered(signed_on, due, late);
    const bool approved = rng_.chance(0.92);
    const std::int64_t id = next_conclusion_++;
    const auto& v = a.values;
    load_.row(id, proposal, std::to_string(id) + "/KL-KTSTQ", text(signed_on),
              violation ? "Khai sai trị giá, mã số hàng hóa; xác định lại số thuế phải nộp" : "Không phát hiện vi phạm",
              std::max<std::int64_t>(1, rng_.money(60e3, 0.9) / 1000), violation, v[0], v[1], v[2], v[3], v[4], v[5], v[6],
              v[7], v[8], approved ? "APPROVED" : "ENTERED", text(due), late, "bench", at,
              approved ? "bench.lanhdao" : "", approved ? std::optional(at + 86400) : std::nullopt);
  }

  // ---- information collections ----

  void collections() {
    load_.begin("audit_collections", {"id", "number", "year", "enterprise_id", "unit_id", "signs", "risk_areas", "status",
                                      "duplicate_count", "has_findings", "proposed_by", "proposed_at", "decided_by",
                                      "approved_at", "rejected_at", "cancelled_at", "result_submitted_at",
                                      "result_approved_at", "updated_at"});
    std::vector<std::pair<std::int64_t, std::string>> completed;
    const std::int64_t span = hq::core::days_from_civil(today_) - hq::core::days_from_civil({first_year_, 1, 1});
    for (std::int64_t i = 0; i < options_.collections; ++i) {
      const std::int64_t at = std::min(now_ - 60, at_work(hq::core::add_days({first_year_, 1, 1}, rng_.between(0, span))));
      const Date day = day_of(at);
      const UnitInfo& unit = pick_unit();
      const std::string area = risk_area();
      const double x = rng_.uniform();
      const std::string status = x < 0.1 ? "SUBMITTED" : x < 0.25 ? "APPROVED" : x < 0.9 ? "COMPLETED" : x < 0.95 ? "REJECTED" : "CANCELLED";
      const bool findings = status == "COMPLETED" && rng_.chance(0.4);
      const std::int64_t id = next_collection_++;
      const std::int64_t number = ++counters_[{"collection", day.year}];
      const bool approved = status == "APPROVED" || status == "COMPLETED";
      load_.row(id, std::to_string(number) + "/" + std::to_string(day.year) + "/TTTT-" + unit.code, day.year,
                first_enterprise_ + static_cast<std::int64_t>(pick_enterprise()), unit.id,
                "Giá khai báo thấp hơn giá tham chiếu", area, status, 0, findings, lower(unit.code) + ".canbo", at,
                status == "SUBMITTED" ? "" : lower(unit.code) + ".lanhdao",
                approved ? std::optional(at + 3600) : std::nullopt,
                status == "REJECTED" ? std::optional(at + 3600) : std::nullopt,
                status == "CANCELLED" ? std::optional(at + 3600) : std::nullopt,
                status == "COMPLETED" ? std::optional(at + 20 * 86400) : std::nullopt,
                status == "COMPLETED" ? std::optional(at + 21 * 86400) : std::nullopt, at);
      if (status == "COMPLETED") completed.emplace_back(id, area);
    }
    load_.end();
    load_.begin("audit_collection_results", {"collection_id", "risk_area", "finding", "has_violation"});
    for (const auto& [id, area] : completed) load_.row(id, area, "Đã thu thập đủ thông tin", false);
    load_.end();
    progress("collections", options_.collections, options_.collections);
  }
  std::string risk_area() {
    return hq::audit::kRiskAreas[static_cast<std::size_t>(rng_.between(0, hq::audit::kRiskAreas.size() - 1))];
  }

  // Proposal and collection numbers continue from here (store::next_in_sequence).
  void counters() {
    for (const auto& [key, value] : counters_) {
      const long long y = key.second, v = value;
      sql_ << "DELETE FROM audit_counters WHERE name = :n AND year = :y", soci::use(key.first), soci::use(y);
      sql_ << "INSERT INTO audit_counters (name, year, value) VALUES (:n, :y, :v)", soci::use(key.first), soci::use(y),
          soci::use(v);
    }
  }

  // ---- files for the benchmark ----

  void bench_files() {
    std::ofstream queries(options_.out_dir + "/name_queries.txt");
    for (int i = 0; i < 2000 && !samples_.empty(); ++i)
      queries << name_query(samples_[static_cast<std::size_t>(rng_.between(0, static_cast<std::int64_t>(samples_.size()) - 1))])
              << '\n';
    const std::int64_t account = hq::audit::store::account_id(sql_, options_.bench_user);
    if (account == 0) throw std::runtime_error("no account " + options_.bench_user);
    std::ofstream searches(options_.out_dir + "/proposal_searches.txt");
    load_.begin("audit_searches", {"token", "account_id", "tax_code", "created_at"});
    for (std::int64_t i = 0; i < options_.bench_searches; ++i) {
      std::size_t e = pick_enterprise();
      while (key_.count(key_of(e, today_.year))) e = pick_enterprise();
      char token[40];
      std::snprintf(token, sizeof token, "bench%027llx", static_cast<unsigned long long>(rng_.between(0, 1LL << 62)));
      load_.row(token, account, codes_[e], now_);
      searches << codes_[e] << ' ' << token << '\n';
    }
    load_.end();
  }

  // What an officer types, without diacritics: "cong ty thep" (the legal form and the trade: matches a
  // large share of the directory), "thep hoa phat" (trade and name), "hoa phat bac ninh" (the name); the
  // last word is sometimes cut short, as typed so far (words match as prefixes; three letters at least).
  std::string name_query(const NameParts& parts) {
    const double x = rng_.uniform();
    std::string q = x < 0.2   ? parts.form + " " + parts.trade.substr(0, parts.trade.find(' '))
                    : x < 0.6 ? parts.trade + " " + parts.proper.substr(0, parts.proper.find(' '))
                              : parts.proper;
    const std::size_t last = q.rfind(' ') + 1;  // the last word loses a letter or two, keeping three
    if (rng_.chance(0.3) && q.size() - last > 3) q.resize(std::max(last + 3, q.size() - static_cast<std::size_t>(rng_.between(1, 2))));
    for (auto& c : q) c = c == ' ' ? '+' : c;
    return q;
  }

  const Options& options_;
  soci::session& sql_;
  Loader& load_;
  Rng rng_;
  Directory directory_{rng_};
  Clock::time_point started_;
  std::vector<UnitInfo> units_;
  hq::core::WorkingCalendar calendar_;
  std::int64_t now_ = 0;
  Date today_;
  int first_year_ = 0;
  std::int64_t next_enterprise_ = 1, next_proposal_ = 1, next_decision_ = 1, next_conclusion_ = 1, next_collection_ = 1;
  std::int64_t first_enterprise_ = 1;
  std::map<std::pair<std::string, int>, std::int64_t> counters_;
  std::vector<std::string> codes_;                 // tax code by enterprise index (id − first id)
  std::vector<std::string> names_;                 // the first names (branches copy them)
  std::vector<NameParts> samples_;                 // for the search queries
  std::unordered_set<std::int64_t> key_;           // enterprise × year on the key list
  std::vector<Approved> approved_;
};

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"Loads a large, realistic audit data set into a haiquan database (for make bench)."};
  Options o;
  cli.add_option("--db", o.db_url, "database URL (sqlite:PATH or postgresql://…), initialised with demo data")->required();
  cli.add_option("--enterprises", o.enterprises, "enterprises");
  cli.add_option("--proposals", o.proposals, "audit proposals");
  cli.add_option("--collections", o.collections, "information collections");
  cli.add_option("--seed", o.seed, "random seed");
  cli.add_option("--bench-user", o.bench_user, "account the prepared searches belong to");
  cli.add_option("--bench-searches", o.bench_searches, "prepared searches (tax code + search_id)");
  cli.add_option("--out", o.out_dir, "directory for name_queries.txt and proposal_searches.txt");
  CLI11_PARSE(cli, argc, argv);
  try {
    hq::db::Database db(o.db_url, 1);
    hq::db::Database::Lease lease(db);
    soci::session& sql = *lease;
    // Bulk load: the rows are consistent by construction, so no per-row foreign-key checks or syncs.
    std::unique_ptr<Loader> loader = bench::make_loader(db.backend() == hq::db::Backend::Sqlite, sql);
    Generator(o, sql, *loader).run();
    if (db.backend() == hq::db::Backend::Postgres) {
      // Explicit ids went in: move the identity sequences past them; fresh statistics for the planner.
      for (const char* table : {"audit_enterprises", "audit_key_enterprises", "audit_searches", "audit_proposals",
                                "audit_decisions", "audit_conclusions", "audit_collections", "audit_collection_results"})
        sql << std::string("SELECT setval(pg_get_serial_sequence('") + table + "', 'id'), (SELECT MAX(id) FROM " + table + "))";
      sql << "VACUUM ANALYZE";  // as autovacuum would: visibility map for index-only scans, planner statistics
    } else {
      sql << "PRAGMA wal_checkpoint(TRUNCATE)";
    }
    std::fprintf(stderr, "audit_generate: done\n");
  } catch (const std::exception& error) {
    std::fprintf(stderr, "audit_generate: %s\n", error.what());
    return 1;
  }
  return 0;
}
