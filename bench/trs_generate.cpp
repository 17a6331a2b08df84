// Generates N realistic time-release-study declarations in the wide CSV format (deterministic for a seed).
//
//   trs_generate N [--seed S] [--bad-rate R] [--output FILE]      (default: stdout, seed 2015, R 0.01)
//
// Shape of the data (illustrative, close to what Vietnamese studies report): one measurement week
// (Mon 2025-06-16 … Sat 2025-06-21), 11 branches on the three routes, 60 % imports; channels 55 % green,
// 35 % yellow, 10 % red; every step a log-normal duration (green release in minutes, red in a day or two,
// arrival → leaving the port around three days). A fraction R of the rows carries errors a real study has:
// swapped milestones (negative intervals), missing milestones and malformed cells (bad dates, PURPLE).
// Build (until `make bench` wires it): link against haiquan_trs and haiquan_core.
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <random>
#include <string>

#include "trs/record.h"
#include "trs/record_writer.h"

namespace {

using hq::trs::Record;
using hq::trs::Time;

struct Branch {
  const char* code;
  hq::trs::Route route;
};
// Illustrative VNACCS-style codes of the 11 branches of the 2013/2015 studies.
constexpr Branch kBranches[] = {
    {"03CC", hq::trs::Route::SEA}, {"03EE", hq::trs::Route::SEA}, {"03PA", hq::trs::Route::SEA},
    {"03CE", hq::trs::Route::SEA}, {"02CI", hq::trs::Route::SEA}, {"51CB", hq::trs::Route::SEA},
    {"01B1", hq::trs::Route::AIR}, {"02B1", hq::trs::Route::AIR}, {"32CD", hq::trs::Route::ROAD},
    {"45B1", hq::trs::Route::ROAD}, {"15B1", hq::trs::Route::ROAD}};

class Gen {
 public:
  explicit Gen(std::uint64_t seed) : rng_(seed) {}
  double uniform() { return std::uniform_real_distribution<double>(0, 1)(rng_); }
  bool chance(double p) { return uniform() < p; }
  std::size_t pick(std::size_t n) { return static_cast<std::size_t>(uniform() * static_cast<double>(n)) % n; }
  // Log-normal duration in seconds with the given median (hours) and spread.
  std::int64_t hours(double median, double sigma = 0.8) {
    return static_cast<std::int64_t>(median * 3600.0 * std::exp(sigma * normal_(rng_)));
  }

 private:
  std::mt19937_64 rng_;
  std::normal_distribution<double> normal_{0.0, 1.0};
};

std::int64_t later(const Time& a, const Time& b) { return std::max(a.value_or(0), b.value_or(0)); }

void agency(Gen& g, hq::trs::AgencyBlock& a, std::int64_t registered, const char* name) {
  a.name = name;
  a.registered_at = registered - g.hours(30, 0.7);
  a.registration_no = "DK" + std::to_string(g.pick(900000) + 100000);
  a.sampling = g.chance(0.6);
  if (*a.sampling) a.sampling_at = *a.registered_at + g.hours(6);
  a.certified_at = *a.registered_at + g.hours(40, 0.7);
  a.certificate_no = "CN" + std::to_string(g.pick(900000) + 100000);
  a.returned_at = *a.certified_at + g.hours(3);
  a.customs_received_at = *a.returned_at + g.hours(5);
}

Record make(Gen& g, std::size_t i) {
  using namespace hq::trs;
  Record r;
  const bool nk = g.chance(0.6);
  const Branch& b = kBranches[g.pick(std::size(kBranches))];
  r.flow = nk ? Flow::NK : Flow::XK;
  r.branch_code = b.code;
  r.route = b.route;
  char no[32];
  std::snprintf(no, sizeof no, "%s%09zu0", nk ? "10" : "30", i % 1000000000);
  r.declaration_no = no;
  r.type_code = nk ? (g.chance(0.7) ? "A11" : "A12") : (g.chance(0.7) ? "B11" : "E62");
  r.pre_arrival = g.chance(0.25);
  r.aeo = g.chance(0.05);
  r.nsw = g.chance(0.3);
  r.shipment_mode = static_cast<ShipmentMode>(b.route == Route::SEA ? g.pick(3) : 3);
  r.declarant_kind = g.chance(0.7) ? DeclarantKind::AGENT : DeclarantKind::OWNER;
  r.goods_group = nk ? "Linh kiện, phụ tùng" : "Hàng điện tử";
  const bool wb = g.chance(0.05);
  char hs[32];
  std::snprintf(hs, sizeof hs, "%s%04zu", wb ? (nk ? "8708" : "8517") : (nk ? "8471" : "6403"), g.pick(10000));
  r.hs_code = hs;
  r.country = wb || g.chance(0.1) ? "JP" : (g.chance(0.5) ? "CN" : "KR");

  // Registration: the six days of the week, mostly in office hours.
  const std::int64_t week = hq::core::from_local({{2025, 6, 16}});
  const std::int64_t reg = week + static_cast<std::int64_t>(g.pick(6)) * 86400 + 7 * 3600 + g.hours(3, 0.9) % (14 * 3600);
  r.registered_at = reg;
  const double c = g.uniform();
  r.channel = c < 0.55 ? Channel::GREEN : c < 0.90 ? Channel::YELLOW : Channel::RED;

  std::int64_t ready = reg;  // when customs' own steps are done
  if (*r.channel != Channel::GREEN) {
    r.doc_assigned_at = reg + g.hours(0.5);
    r.doc_check_start_at = *r.doc_assigned_at + g.hours(2, 1.0);
    r.doc_check_end_at = *r.doc_check_start_at + g.hours(1.5);
    ready = *r.doc_check_end_at;
    r.suspicion = *r.channel == Channel::RED ? Suspicion::INSPECT : Suspicion::NONE;
  }
  if (*r.channel == Channel::RED) {
    r.inspect_assigned_at = ready + g.hours(1);
    r.inspect_officer = "CC" + std::to_string(g.pick(500));
    r.inspect_notified_at = *r.inspect_assigned_at + g.hours(0.3);
    const double m = g.uniform();
    r.inspect_method = m < 0.4 ? 1u : m < 0.8 ? 2u : 3u;
    std::int64_t t = *r.inspect_notified_at;
    if (r.inspect_method & 1u) {
      r.scan_start_at = t + g.hours(4);
      r.scan_end_at = *r.scan_start_at + g.hours(0.3);
      r.scan_violation = g.chance(0.05);
      t = *r.scan_end_at;
    }
    if (r.inspect_method & 2u) {
      r.direct_start_at = t + g.hours(6);
      r.direct_end_at = *r.direct_start_at + g.hours(2);
      r.direct_officer = "CC" + std::to_string(g.pick(500));
      r.direct_violation = g.chance(0.08);
    }
    ready = later(r.scan_end_at, r.direct_end_at);
    r.reassess = g.chance(0.1);
    r.delay_reasons = (1u << (10 + g.pick(7))) | (g.chance(0.3) ? 1u << g.pick(10) : 0u);
  } else if (*r.channel == Channel::YELLOW && g.chance(0.2)) {
    r.delay_reasons = 1u << g.pick(10);
  }
  if (g.chance(0.25)) {  // specialised inspection
    r.sci_kinds = 1u << g.pick(8);
    r.license_per_shipment = g.chance(0.3);
    agency(g, r.ag1, reg, "Cục Bảo vệ thực vật");
    if (g.chance(0.2)) agency(g, r.ag2, reg, "Cục Thú y");
    ready = std::max(ready, later(r.ag1.customs_received_at, r.ag2.customs_received_at));
    if (nk && g.chance(0.3)) {
      r.qc.name = "Tổng cục TCĐLCL";
      r.qc.registered_at = reg - g.hours(24);
      r.qc.conformity_at = *r.qc.registered_at + g.hours(30);
      r.qc.notified_at = *r.qc.conformity_at + g.hours(8);
      r.qc.customs_received_at = *r.qc.notified_at + g.hours(4);
      ready = std::max(ready, *r.qc.customs_received_at);
    }
  }
  r.tax_method = static_cast<TaxMethod>(g.pick(3));
  r.tax_paid_at = reg + (*r.channel == Channel::GREEN ? g.hours(0.1, 1.0) : g.hours(1.5));
  r.tax_check_start_at = std::max(ready, *r.tax_paid_at);
  r.tax_check_end_at = *r.tax_check_start_at + g.hours(0.05);
  r.released_at = std::max(ready, *r.tax_check_end_at) +
                  (*r.channel == Channel::GREEN ? g.hours(0.03, 1.0) : g.hours(0.5));
  if (nk) {
    r.arrival_at = *r.pre_arrival ? reg + g.hours(20) : reg - g.hours(30, 0.9);
    r.bill_of_lading = "BL" + std::to_string(g.pick(90000000) + 10000000);
    r.transport = b.route == Route::SEA ? "Tàu WAN HAI 305" : b.route == Route::AIR ? "VN0301" : "Xe 29C-12345";
    r.supervision_start_at = std::max(*r.released_at, *r.arrival_at) + g.hours(8, 1.0);
    r.supervision_confirmed_at = *r.supervision_start_at + g.hours(1);
    r.gate_out_at = *r.supervision_confirmed_at + g.hours(2);
    if (b.route == Route::SEA && g.chance(0.3)) {
      r.border_check_start_at = *r.arrival_at + g.hours(1);
      r.border_check_end_at = *r.border_check_start_at + g.hours(1.5);
    }
  }
  return r;
}

// Damages a fraction of the rows the way real collection does.
void damage(Gen& g, Record& r, double rate) {
  if (!g.chance(rate)) return;
  switch (g.pick(3)) {
    case 0: std::swap(r.registered_at, r.released_at); break;  // negative T2
    case 1: r.released_at.reset(); break;                       // incomplete
    default: r.supervision_confirmed_at.reset(); break;
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: trs_generate N [--seed S] [--bad-rate R] [--output FILE]\n";
    return 2;
  }
  const std::size_t n = std::stoul(argv[1]);
  std::uint64_t seed = 2015;
  double bad = 0.01;
  std::string output;
  for (int i = 2; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--seed") seed = std::stoull(argv[i + 1]);
    else if (a == "--bad-rate") bad = std::stod(argv[i + 1]);
    else if (a == "--output") output = argv[i + 1];
  }
  std::ofstream file;
  if (!output.empty()) file.open(output, std::ios::binary);
  std::ostream& out = output.empty() ? std::cout : file;
  Gen g(seed);
  hq::trs::write_wide_csv_header(out);
  const auto& channel = hq::trs::column("channel");
  const auto& registered = hq::trs::column("registered_at");
  for (std::size_t i = 0; i < n; ++i) {
    Record r = make(g, i);
    damage(g, r, bad);
    // Malformed cells (a third of the damaged share): written over the canonical text.
    const bool bad_cell = g.chance(bad / 3);
    const bool bad_channel = bad_cell && g.chance(0.5);
    bool first = true;
    for (const auto& c : hq::trs::columns()) {
      std::string cell = hq::trs::format_cell(c, r);
      if (bad_cell && &c == (bad_channel ? &channel : &registered)) cell = bad_channel ? "PURPLE" : "31/02/2025 10:00";
      out << (first ? "" : ",") << hq::trs::csv_escape(cell);
      first = false;
    }
    out << '\n';
  }
  return 0;
}
