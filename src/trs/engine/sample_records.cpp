#include "trs/engine/sample_records.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "core/time.h"

namespace hq::trs {
namespace {

constexpr SampleBranch kBranches[] = {
    {"03CC", Route::SEA}, {"03EE", Route::SEA}, {"03PA", Route::SEA},  {"03CE", Route::SEA},
    {"02CI", Route::SEA}, {"51CB", Route::SEA}, {"01B1", Route::AIR},  {"02B1", Route::AIR},
    {"32CD", Route::ROAD}, {"45B1", Route::ROAD}, {"15B1", Route::ROAD}};

std::int64_t later(const Time& a, const Time& b) { return std::max(a.value_or(0), b.value_or(0)); }

}  // namespace

std::span<const SampleBranch> sample_branches() { return kBranches; }

void SampleRecords::agency(AgencyBlock& a, std::int64_t registered, const char* name) {
  a.name = name;
  a.registered_at = registered - hours(30, 0.7);
  a.registration_no = "DK" + std::to_string(pick(900000) + 100000);
  a.sampling = chance(0.6);
  if (*a.sampling) a.sampling_at = *a.registered_at + hours(6);
  a.certified_at = *a.registered_at + hours(40, 0.7);
  a.certificate_no = "CN" + std::to_string(pick(900000) + 100000);
  a.returned_at = *a.certified_at + hours(3);
  a.customs_received_at = *a.returned_at + hours(5);
}

Record SampleRecords::next(std::size_t i) {
  Record r;
  const bool nk = chance(0.6);
  const SampleBranch& b = kBranches[pick(std::size(kBranches))];
  r.flow = nk ? Flow::NK : Flow::XK;
  r.branch_code = b.code;
  r.route = b.route;
  char no[32];
  std::snprintf(no, sizeof no, "%s%09zu0", nk ? "10" : "30", i % 1000000000);
  r.declaration_no = no;
  r.type_code = nk ? (chance(0.7) ? "A11" : "A12") : (chance(0.7) ? "B11" : "E62");
  r.pre_arrival = chance(0.25);
  r.aeo = chance(0.05);
  r.nsw = chance(0.3);
  r.shipment_mode = static_cast<ShipmentMode>(b.route == Route::SEA ? pick(3) : 3);
  r.declarant_kind = chance(0.7) ? DeclarantKind::AGENT : DeclarantKind::OWNER;
  r.goods_group = nk ? "Linh kiện, phụ tùng" : "Hàng điện tử";
  const bool wb = chance(0.05);
  char hs[32];
  std::snprintf(hs, sizeof hs, "%s%04zu", wb ? (nk ? "8708" : "8517") : (nk ? "8471" : "6403"), pick(10000));
  r.hs_code = hs;
  r.country = wb || chance(0.1) ? "JP" : (chance(0.5) ? "CN" : "KR");

  // Registration: the six days of the week, mostly in office hours.
  const std::int64_t week = core::from_local({{2025, 6, 16}});
  const std::int64_t reg = week + static_cast<std::int64_t>(pick(6)) * 86400 + 7 * 3600 + hours(3, 0.9) % (14 * 3600);
  r.registered_at = reg;
  const double c = uniform();
  r.channel = c < 0.55 ? Channel::GREEN : c < 0.90 ? Channel::YELLOW : Channel::RED;

  std::int64_t ready = reg;  // when customs' own steps are done
  if (*r.channel != Channel::GREEN) {
    r.doc_assigned_at = reg + hours(0.5);
    r.doc_check_start_at = *r.doc_assigned_at + hours(2, 1.0);
    r.doc_check_end_at = *r.doc_check_start_at + hours(1.5);
    ready = *r.doc_check_end_at;
    r.suspicion = *r.channel == Channel::RED ? Suspicion::INSPECT : Suspicion::NONE;
  }
  if (*r.channel == Channel::RED) {
    r.inspect_assigned_at = ready + hours(1);
    r.inspect_officer = "CC" + std::to_string(pick(500));
    r.inspect_notified_at = *r.inspect_assigned_at + hours(0.3);
    const double m = uniform();
    r.inspect_method = m < 0.4 ? 1u : m < 0.8 ? 2u : 3u;
    std::int64_t t = *r.inspect_notified_at;
    if (r.inspect_method & 1u) {
      r.scan_start_at = t + hours(4);
      r.scan_end_at = *r.scan_start_at + hours(0.3);
      r.scan_violation = chance(0.05);
      t = *r.scan_end_at;
    }
    if (r.inspect_method & 2u) {
      r.direct_start_at = t + hours(6);
      r.direct_end_at = *r.direct_start_at + hours(2);
      r.direct_officer = "CC" + std::to_string(pick(500));
      r.direct_violation = chance(0.08);
    }
    ready = later(r.scan_end_at, r.direct_end_at);
    r.reassess = chance(0.1);
    r.delay_reasons = (1u << (10 + pick(7))) | (chance(0.3) ? 1u << pick(10) : 0u);
  } else if (*r.channel == Channel::YELLOW && chance(0.2)) {
    r.delay_reasons = 1u << pick(10);
  }
  if (chance(0.25)) {  // specialised inspection
    r.sci_kinds = 1u << pick(8);
    r.license_per_shipment = chance(0.3);
    agency(r.ag1, reg, "Cục Bảo vệ thực vật");
    if (chance(0.2)) agency(r.ag2, reg, "Cục Thú y");
    ready = std::max(ready, later(r.ag1.customs_received_at, r.ag2.customs_received_at));
    if (nk && chance(0.3)) {
      r.qc.name = "Tổng cục TCĐLCL";
      r.qc.registered_at = reg - hours(24);
      r.qc.conformity_at = *r.qc.registered_at + hours(30);
      r.qc.notified_at = *r.qc.conformity_at + hours(8);
      r.qc.customs_received_at = *r.qc.notified_at + hours(4);
      ready = std::max(ready, *r.qc.customs_received_at);
    }
  }
  r.tax_method = static_cast<TaxMethod>(pick(3));
  r.tax_paid_at = reg + (*r.channel == Channel::GREEN ? hours(0.1, 1.0) : hours(1.5));
  r.tax_check_start_at = std::max(ready, *r.tax_paid_at);
  r.tax_check_end_at = *r.tax_check_start_at + hours(0.05);
  r.released_at = std::max(ready, *r.tax_check_end_at) +
                  (*r.channel == Channel::GREEN ? hours(0.03, 1.0) : hours(0.5));
  if (nk) {
    r.arrival_at = *r.pre_arrival ? reg + hours(20) : reg - hours(30, 0.9);
    r.bill_of_lading = "BL" + std::to_string(pick(90000000) + 10000000);
    r.transport = b.route == Route::SEA ? "Tàu WAN HAI 305" : b.route == Route::AIR ? "VN0301" : "Xe 29C-12345";
    r.supervision_start_at = std::max(*r.released_at, *r.arrival_at) + hours(8, 1.0);
    r.supervision_confirmed_at = *r.supervision_start_at + hours(1);
    r.gate_out_at = *r.supervision_confirmed_at + hours(2);
    if (b.route == Route::SEA && chance(0.3)) {
      r.border_check_start_at = *r.arrival_at + hours(1);
      r.border_check_end_at = *r.border_check_start_at + hours(1.5);
    }
  }
  return r;
}

void SampleRecords::damage(Record& r, double rate) {
  if (!chance(rate)) return;
  switch (pick(3)) {
    case 0: std::swap(r.registered_at, r.released_at); break;  // negative T2
    case 1: r.released_at.reset(); break;                       // incomplete
    default: r.supervision_confirmed_at.reset(); break;
  }
}

}  // namespace hq::trs
