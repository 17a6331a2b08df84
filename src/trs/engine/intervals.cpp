#include "trs/engine/intervals.h"

#include <cmath>
#include <cstdio>

namespace hq::trs {
namespace {

constexpr IntervalSpan kT1[] = {{"", "arrival_at", "supervision_confirmed_at"}};
constexpr IntervalSpan kT2[] = {{"", "registered_at", "released_at"}};
constexpr IntervalSpan kT3_1[] = {{"", "doc_assigned_at", "doc_check_end_at"}};
constexpr IntervalSpan kT3_1a[] = {{"", "doc_assigned_at", "doc_check_start_at"}};
constexpr IntervalSpan kT3_1b[] = {{"", "doc_check_start_at", "doc_check_end_at"}};
constexpr IntervalSpan kT3_2[] = {{"", "inspect_assigned_at", "scan_end_at", "direct_end_at"}};
constexpr IntervalSpan kT3_3[] = {{"", "tax_check_start_at", "tax_check_end_at"}};
constexpr IntervalSpan kT3_4[] = {{"", "supervision_start_at", "supervision_confirmed_at"}};
constexpr IntervalSpan kT4_1a[] = {{"ag1", "ag1_registered_at", "ag1_certified_at"},
                                   {"ag2", "ag2_registered_at", "ag2_certified_at"},
                                   {"qc", "qc_registered_at", "qc_notified_at"}};
constexpr IntervalSpan kT4_1b[] = {{"ag1", "ag1_certified_at", "ag1_returned_at"},
                                   {"ag2", "ag2_certified_at", "ag2_returned_at"}};
constexpr IntervalSpan kT4_1c[] = {{"ag1", "ag1_returned_at", "ag1_customs_received_at"},
                                   {"ag2", "ag2_returned_at", "ag2_customs_received_at"},
                                   {"qc", "qc_notified_at", "qc_customs_received_at"}};
constexpr IntervalSpan kT4_2[] = {{"", "border_check_start_at", "border_check_end_at"}};

const IntervalDef kIntervals[] = {
    {"T1", "Từ khi hàng đến đến khi hàng qua khu vực giám sát", "Arrival to leaving the supervision area",
     Flow::NK, kT1},
    {"T2", "Từ khi đăng ký tờ khai đến khi thông quan/giải phóng hàng", "Registration to release", std::nullopt,
     kT2},
    {"T3_1", "Kiểm tra chi tiết hồ sơ", "Detailed document check", std::nullopt, kT3_1},
    {"T3_1a", "… trong đó: người khai xuất trình hồ sơ", "… of which the declarant presenting papers",
     std::nullopt, kT3_1a},
    {"T3_1b", "… trong đó: hải quan kiểm tra hồ sơ", "… of which customs examining them", std::nullopt, kT3_1b},
    {"T3_2", "Kiểm tra thực tế hàng hóa", "Physical inspection", std::nullopt, kT3_2},
    {"T3_3", "Kiểm tra việc hoàn thành nghĩa vụ thuế", "Tax obligation check", std::nullopt, kT3_3},
    {"T3_4", "Thủ tục qua khu vực giám sát", "Supervision area passage", std::nullopt, kT3_4},
    {"T4_1a", "KTCN: từ đăng ký đến cấp giấy chứng nhận", "Specialised inspection: registration to certificate",
     std::nullopt, kT4_1a},
    {"T4_1b", "KTCN: từ cấp giấy chứng nhận đến trả cho doanh nghiệp", "Certificate to returned to the enterprise",
     std::nullopt, kT4_1b},
    {"T4_1c", "KTCN: từ trả doanh nghiệp đến hải quan nhận", "Returned to received by customs", std::nullopt,
     kT4_1c},
    {"T4_2", "Kiểm tra của biên phòng", "Border guard check", std::nullopt, kT4_2},
};

// Milestone pairs that must be in order and that no interval already covers.
struct OrderRule {
  std::string_view earlier, later;
};
constexpr OrderRule kOrder[] = {
    {"registered_at", "doc_assigned_at"},        {"registered_at", "inspect_assigned_at"},
    {"inspect_assigned_at", "inspect_notified_at"}, {"scan_start_at", "scan_end_at"},
    {"direct_start_at", "direct_end_at"},        {"doc_check_end_at", "released_at"},
    {"released_at", "supervision_confirmed_at"}, {"supervision_confirmed_at", "gate_out_at"},
    {"ag1_registered_at", "ag1_sampling_at"},    {"ag2_registered_at", "ag2_sampling_at"},
    {"tax_paid_at", "tax_check_end_at"},
};

// Milestones a record must have; `core` ones decide "incomplete".
struct Requirement {
  std::optional<Flow> flow;
  std::optional<Channel> min_channel;  // required from this channel up (GREEN < YELLOW < RED)
  bool core;
  std::string_view column;
};
constexpr Requirement kRequired[] = {
    {std::nullopt, std::nullopt, true, "registered_at"},
    {std::nullopt, std::nullopt, true, "released_at"},
    {Flow::NK, std::nullopt, true, "arrival_at"},
    {Flow::NK, std::nullopt, true, "supervision_confirmed_at"},
    {std::nullopt, Channel::YELLOW, false, "doc_check_end_at"},
    {std::nullopt, Channel::RED, false, "inspect_assigned_at"},
};

struct ResolvedSpan {
  TimeSlot from, to, to_alt;
};

// The tables resolved to slots once.
struct Resolved {
  std::vector<std::vector<ResolvedSpan>> spans;
  std::vector<std::pair<TimeSlot, TimeSlot>> order;
  std::vector<TimeSlot> required;
  Resolved() {
    for (const IntervalDef& d : kIntervals) {
      auto& v = spans.emplace_back();
      for (const IntervalSpan& s : d.spans) v.push_back({TimeSlot(s.from), TimeSlot(s.to), TimeSlot(s.to_alt)});
    }
    for (const OrderRule& o : kOrder) order.emplace_back(TimeSlot(o.earlier), TimeSlot(o.later));
    for (const Requirement& q : kRequired) required.push_back(TimeSlot(q.column));
  }
};
const Resolved& resolved() {
  static const Resolved r;
  return r;
}

std::string hms_signed(std::int64_t seconds) {
  return (seconds < 0 ? "-" : "") + format_hms(std::fabs(static_cast<double>(seconds)) / 3600.0);
}

Issue record_issue(const Record& r, const char* code) {
  Issue i;
  i.line = r.meta.line;
  i.declaration_no = r.declaration_no;
  i.code = code;
  return i;
}

}  // namespace

std::span<const IntervalDef> intervals() { return kIntervals; }

int interval_index(std::string_view id) {
  for (std::size_t i = 0; i < std::size(kIntervals); ++i)
    if (kIntervals[i].id == id) return static_cast<int>(i);
  return -1;
}

void observe(const Record& r, std::vector<Observation>& out) {
  const Resolved& res = resolved();
  for (std::size_t i = 0; i < std::size(kIntervals); ++i) {
    if (kIntervals[i].only_flow && r.flow != kIntervals[i].only_flow) continue;
    for (std::size_t k = 0; k < res.spans[i].size(); ++k) {
      const ResolvedSpan& s = res.spans[i][k];
      const Time& from = s.from(r);
      if (!from) continue;
      Time to = s.to(r);
      if (s.to_alt) {
        const Time& alt = s.to_alt(r);
        if (alt && (!to || *alt > *to)) to = alt;
      }
      if (!to) continue;
      out.push_back({static_cast<std::uint8_t>(i), static_cast<std::uint8_t>(k), *to - *from, *from});
    }
  }
}

Issue negative_interval_issue(const Record& r, const Observation& o) {
  const IntervalDef& d = kIntervals[o.interval];
  const IntervalSpan& s = d.spans[o.span];
  Issue i = record_issue(r, kNegativeInterval);
  i.interval = std::string(d.id);
  i.column = std::string(s.to);
  std::string to_name(s.to);
  if (!s.to_alt.empty()) to_name = "max(" + to_name + ", " + std::string(s.to_alt) + ")";
  i.message = "Dòng " + std::to_string(r.meta.line) + ": khoảng " + std::string(d.id) +
              (s.block.empty() ? "" : " (" + std::string(s.block) + ")") + " âm " + hms_signed(o.seconds) + " — " +
              to_name + " sớm hơn " + std::string(s.from) + " (" +
              format_local_time(*time_of(column(s.from), r)) + "). Khoảng này bị loại khỏi thống kê.";
  return i;
}

void check_order(const Record& r, std::vector<Issue>& out) {
  const Resolved& res = resolved();
  for (std::size_t k = 0; k < std::size(kOrder); ++k) {
    const Time& a = res.order[k].first(r);
    const Time& b = res.order[k].second(r);
    if (!a || !b || *b >= *a) continue;
    Issue i = record_issue(r, kOutOfOrder);
    i.column = std::string(kOrder[k].later);
    i.value = format_local_time(*b);
    i.message = "Dòng " + std::to_string(r.meta.line) + ": " + std::string(kOrder[k].later) + " (" + i.value +
                ") sớm hơn " + std::string(kOrder[k].earlier) + " (" + format_local_time(*a) + ").";
    out.push_back(std::move(i));
  }
}

std::vector<std::string_view> missing_milestones(const Record& r, bool core_only) {
  std::vector<std::string_view> missing;
  const Resolved& res = resolved();
  for (std::size_t k = 0; k < std::size(kRequired); ++k) {
    const Requirement& q = kRequired[k];
    if (core_only && !q.core) continue;
    if (q.flow && r.flow != q.flow) continue;
    if (q.min_channel && (!r.channel || *r.channel < *q.min_channel)) continue;
    if (!res.required[k](r)) missing.push_back(q.column);
  }
  return missing;
}

void check_missing(const Record& r, std::vector<Issue>& out) {
  const auto missing = missing_milestones(r);
  if (missing.empty()) return;
  Issue i = record_issue(r, kMissingMilestone);
  std::string list;
  for (std::string_view m : missing) list += (list.empty() ? "" : ", ") + std::string(m);
  i.column = list;
  i.message = "Dòng " + std::to_string(r.meta.line) + ": chưa ghi nhận " + list + ".";
  out.push_back(std::move(i));
}

std::string format_hms(double hours) {
  const auto total = static_cast<long long>(std::llround(hours * 3600.0));
  char buf[48];
  std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", total / 3600, total / 60 % 60, total % 60);
  return buf;
}

}  // namespace hq::trs
