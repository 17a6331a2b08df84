#pragma once
// Published figures of earlier time release studies, kept as reference data with their source, so a study
// can be compared with them as with another study (spec trs.md: "Those are the figures our users compare
// with"). Only averages were published, so a comparison with a reference matches mean hours.
#include <span>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "trs/engine/report.h"

namespace hq::trs {

struct ReferenceFigure {
  std::string_view interval;  // the interval of this engine the figure corresponds to (T1, T2)
  std::string_view flow;      // NK | XK
  double mean_hours = 0;
  std::string_view note_vi;   // what the publication measured
};

struct ReferenceStudy {
  std::string_view id;  // e.g. VN2013
  std::string_view name_vi;
  int year = 0;
  std::string_view source;
  std::span<const ReferenceFigure> figures;
};

std::span<const ReferenceStudy> reference_studies();
const ReferenceStudy* find_reference_study(std::string_view id);  // nullptr when unknown

// Rows of `a` (grouping all) that the reference has a figure for, with the reference as side B: mean_b is
// the published average (n_b = 0: the sample size was not published), mean_change_* the difference.
std::vector<ComparisonRow> compare(const Report& a, const ReferenceStudy& reference);

nlohmann::json to_json(const ReferenceStudy& reference);

}  // namespace hq::trs
