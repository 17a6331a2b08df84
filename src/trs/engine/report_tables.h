#pragma once
// Internal to the report (report.cpp): the grouping dimensions packed into a sort key, the World Bank
// comparison rows, and what Analyzer::prepare finds in one record. Kept apart so report.cpp holds the
// analysis itself; nothing outside src/trs/engine includes this.
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "trs/engine/report.h"

namespace hq::trs {
namespace report_detail {

// The groups a record belongs to, one bit field per grouping dimension (`by`), packed so that a sort key
// can carry them: statistics split sorted values by group without looking records up. Enum fields hold the
// enum value or, when not recorded, their all-ones value; the branch field holds the interned branch id,
// 0 when not recorded. Bits 0–16: the enum dimensions; from bit 17: the branch.
using GroupCode = std::uint64_t;

struct ByDim {
  std::string_view name;
  unsigned shift = 0;
  GroupCode mask = 0;  // 0: "all" (one group)
  std::span<const std::string_view> names;  // enum dimensions: names by value
  bool branch = false;
};
inline constexpr unsigned kBranchShift = 17;
inline constexpr std::string_view kAllName[] = {"all"};
inline constexpr ByDim kDims[] = {
    {"all", 0, 0, kAllName},
    {"channel", 0, 3, kChannelNames},
    {"route", 2, 3, kRouteNames},
    {"branch", kBranchShift, 0xFFFFFFFF, {}, true},
    {"aeo", 4, 3, kYesNoNames},
    {"pre_arrival", 6, 3, kYesNoNames},
    {"nsw", 8, 3, kYesNoNames},
    {"sci", 10, 3, kYesNoNames},
    {"shipment_mode", 12, 7, kShipmentModeNames},
    {"declarant_kind", 15, 3, kDeclarantKindNames},
};
constexpr const ByDim& dim_named(std::string_view name) {
  for (const ByDim& d : kDims)
    if (d.name == name) return d;
  throw std::logic_error("unknown dimension");
}
static_assert(std::size(kShipmentModeNames) < 7 && std::size(kChannelNames) < 3 + 1);

template <class E>
GroupCode field_code(const ByDim& dim, const std::optional<E>& v) {
  return (v ? static_cast<GroupCode>(*v) : dim.mask) << dim.shift;
}

// What the statistics need of an analysed record.
struct Keys {
  GroupCode groups;
  std::uint8_t flow;
  std::uint8_t world_bank;  // 1 = NK HS 8708 from JP at the port, 2 = XK HS 85 to JP from the port
  CodeSet delay_reasons;
};

inline constexpr std::string_view kUnknownGroup = "UNKNOWN";

struct WorldBankDef {
  std::string_view id, description_vi, interval;
  Flow flow;
};
inline constexpr WorldBankDef kWorldBank[] = {
    {"WB_6_1", "HS 8708 nhập khẩu từ Nhật Bản, cảng TP. Hồ Chí Minh: từ khi hàng đến đến khi rời khu vực giám sát",
     "T1", Flow::NK},
    {"WB_6_2", "HS 8708 nhập khẩu từ Nhật Bản, cảng TP. Hồ Chí Minh: từ đăng ký tờ khai đến thông quan", "T2",
     Flow::NK},
    {"WB_6_3", "HS 85 xuất khẩu sang Nhật Bản từ cảng TP. Hồ Chí Minh: từ đăng ký tờ khai đến thông quan", "T2",
     Flow::XK},
    {"WB_6_4", "HS 8708 nhập khẩu từ Nhật Bản: KTCN từ đăng ký đến cấp giấy chứng nhận", "T4_1a", Flow::NK},
    {"WB_6_4", "HS 8708 nhập khẩu từ Nhật Bản: KTCN từ cấp giấy đến trả doanh nghiệp", "T4_1b", Flow::NK},
    {"WB_6_4", "HS 8708 nhập khẩu từ Nhật Bản: KTCN từ trả doanh nghiệp đến hải quan nhận", "T4_1c", Flow::NK},
    {"WB_6_4", "HS 85 xuất khẩu sang Nhật Bản: KTCN từ đăng ký đến cấp giấy chứng nhận", "T4_1a", Flow::XK},
    {"WB_6_4", "HS 85 xuất khẩu sang Nhật Bản: KTCN từ cấp giấy đến trả doanh nghiệp", "T4_1b", Flow::XK},
    {"WB_6_4", "HS 85 xuất khẩu sang Nhật Bản: KTCN từ trả doanh nghiệp đến hải quan nhận", "T4_1c", Flow::XK},
};

// Attribution is computed for these intervals (whole-journey ones).
inline constexpr std::string_view kAttributed[] = {"T1", "T2"};
inline constexpr std::string_view kCurves[] = {"T1", "T2"};

struct AttributionSum {
  std::size_t n = 0;
  double total = 0, customs = 0, agencies = 0;
};

inline std::uint64_t mix(std::uint64_t seed, std::string_view a, std::string_view b, std::string_view c) {
  std::uint64_t h = seed ^ 0x9E3779B97F4A7C15ull;
  for (std::string_view s : {a, b, c})
    for (char ch : s) h = (h ^ static_cast<unsigned char>(ch)) * 0x100000001B3ull;
  return h;
}

}  // namespace report_detail

// What Analyzer::prepare finds in one record.
struct Analyzer::Prepared : PreparingSink::Prepared {
  struct Observed {
    std::uint8_t interval;
    std::int64_t seconds;  // never negative (those are issues)
    std::int32_t working;  // in working hours, when settings.working_week is set
  };
  struct Attributed {
    std::size_t k;  // index into kAttributed
    std::int64_t seconds;
    Responsibility who;
  };
  std::size_t RecordCounts::*excluded = nullptr;  // why the record is out of the sample (before duplicates)
  bool t3_kept = true;                             // the branch's interval (3) rule keeps the record
  std::optional<std::uint64_t> identity;           // for the repeated-declaration rule
  bool incomplete = false;
  std::uint8_t world_bank = 0;
  report_detail::GroupCode groups = 0;  // the record's groups but the branch (its id is given in file order, in add)
  // What add() reads of the record itself (the reader does not keep it): set when not excluded.
  std::size_t line = 0;
  std::string declaration_no;  // for the repeated-declaration issue
  std::string branch_code;     // its id is given in file order
  std::uint8_t flow = 0;
  std::uint8_t channel_group = 0;  // 0 = not recorded, 1 + Channel
  CodeSet delay_reasons = 0;
  std::vector<Issue> issues;  // in the order they are reported
  std::vector<Observed> observations;
  struct AgencyObserved {
    std::string agency;
    std::array<std::optional<std::int64_t>, 5> seconds;  // the AgencyResultRow intervals, in order
    std::optional<std::int64_t> release;                  // the record's release time
    std::int64_t in_release = 0;  // the part of registration → hand-over inside the release interval
    bool outside_window = false;  // registered outside the study's agency sampling window
  };
  std::vector<AgencyObserved> agencies;
  std::vector<Attributed> attributions;
};

}  // namespace hq::trs
