#include "trs/engine/reference_studies.h"

#include "trs/engine/intervals.h"

namespace hq::trs {
namespace {

constexpr double hms(int h, int m, int s) { return h + m / 60.0 + s / 3600.0; }

constexpr ReferenceFigure kVn2013[] = {
    {"T1", "NK", hms(115, 0, 17), "Hàng nhập khẩu: từ khi hàng đến đến khi giải phóng hàng (trung bình)"},
    {"T2", "NK", hms(32, 38, 0), "Hàng nhập khẩu: từ đăng ký tờ khai đến quyết định thông quan (≈28 % tổng thời gian)"},
    {"T2", "XK", hms(11, 6, 33), "Hàng xuất khẩu: tổng thời gian giải phóng hàng (trung bình)"},
};
constexpr ReferenceFigure kDn2018[] = {
    {"T1", "NK", hms(19, 33, 0), "Hàng nhập khẩu: từ khi hàng đến đến khi giải phóng hàng (trung bình)"},
    {"T2", "XK", hms(2, 28, 0), "Hàng xuất khẩu: tổng thời gian giải phóng hàng (trung bình)"},
};

constexpr ReferenceStudy kStudies[] = {
    {"VN2013", "Cuộc đo thời gian giải phóng hàng toàn quốc năm 2013", 2013,
     "Tổng cục Hải quan, kết quả cuộc đo thời gian giải phóng hàng năm 2013 tại 11 chi cục (kế hoạch "
     "6644/BTC-TCHQ năm 2015 dẫn lại; đặc tả trs.md)",
     kVn2013},
    {"DN2018", "Cuộc đo thời gian giải phóng hàng tại Cục Hải quan Đà Nẵng năm 2018", 2018,
     "Cục Hải quan thành phố Đà Nẵng, kết quả cuộc đo thời gian giải phóng hàng năm 2018 (đặc tả trs.md)",
     kDn2018},
};

}  // namespace

std::span<const ReferenceStudy> reference_studies() { return kStudies; }

const ReferenceStudy* find_reference_study(std::string_view id) {
  for (const ReferenceStudy& s : kStudies)
    if (s.id == id) return &s;
  return nullptr;
}

std::vector<ComparisonRow> compare(const Report& a, const ReferenceStudy& reference) {
  std::vector<ComparisonRow> out;
  for (const ReferenceFigure& f : reference.figures) {
    ComparisonRow c;
    c.interval = std::string(f.interval);
    c.flow = std::string(f.flow);
    c.by = "all";
    c.group = "all";
    c.mean_b = f.mean_hours;
    for (const StatRow& r : a.rows)
      if (r.interval == f.interval && r.flow == f.flow && r.by == "all" && r.stats.n) {
        c.n_a = r.stats.n;
        c.mean_a = r.stats.mean_hours;
        c.median_a = r.stats.median_hours;
      }
    if (c.mean_a) {
      c.mean_change_hours = *c.mean_b - *c.mean_a;
      if (*c.mean_a > 0) c.mean_change_pct = 100.0 * *c.mean_change_hours / *c.mean_a;
    }
    out.push_back(std::move(c));
  }
  return out;
}

nlohmann::json to_json(const ReferenceStudy& s) {
  nlohmann::json figures = nlohmann::json::array();
  for (const ReferenceFigure& f : s.figures)
    figures.push_back({{"interval", f.interval},
                       {"flow", f.flow},
                       {"mean_hours", f.mean_hours},
                       {"mean_hms", format_hms(f.mean_hours)},
                       {"note", f.note_vi}});
  return {{"id", s.id}, {"name", s.name_vi}, {"year", s.year}, {"source", s.source}, {"figures", figures}};
}

}  // namespace hq::trs
