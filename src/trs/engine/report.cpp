#include "trs/engine/report.h"

#include <algorithm>

#include "trs/engine/report_analyzer.h"

namespace hq::trs {

Analyzer::Analyzer(AnalysisSettings settings) : impl_(std::make_unique<Impl>(std::move(settings))) {}
Analyzer::~Analyzer() = default;

void Analyzer::on_issue(Issue issue) { impl_->add_issue(std::move(issue)); }

bool Analyzer::reads_text(std::string_view column) const {
  static constexpr std::string_view kRead[] = {"branch_code", "declaration_no", "type_code", "hs_code",
                                               "country",     "ag1_name",       "ag2_name",  "qc_name"};
  return std::find(std::begin(kRead), std::end(kRead), column) != std::end(kRead);
}

std::unique_ptr<PreparingSink::Prepared> Analyzer::make_prepared() const { return std::make_unique<Prepared>(); }

void Analyzer::prepare(const Record& r, PreparingSink::Prepared& out) const {
  impl_->prepare(r, static_cast<Prepared&>(out));
}

void Analyzer::on_prepared(PreparingSink::Prepared& p) { impl_->add(static_cast<Prepared&>(p)); }

Report Analyzer::finish() {
  impl_->build_statistics();
  impl_->build_attribution();
  impl_->build_sampling();
  impl_->build_agencies();
  return std::move(impl_->report);
}

Report analyze(std::span<const Record> records, const AnalysisSettings& settings) {
  Analyzer a(settings);
  for (const Record& r : records) a.on_record(r);
  return a.finish();
}

}  // namespace hq::trs
