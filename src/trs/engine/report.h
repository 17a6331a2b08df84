#pragma once
// The study report: sample accounting, statistics per interval × flow × group, data-quality issues and the
// extra sections (World Bank indicators, attribution, delay reasons, cumulative curves, median CIs), built
// by streaming records through an Analyzer, and rendered as JSON (the contract of spec trs.md), text or .xlsx.
//
// Sample rules (documented for users):
// - total: every non-blank data row. excluded: rows that cannot be analysed (unsplittable row, no valid
//   flow, repeated declaration — same first 11 digits, the first row is kept — and, with skip_invalid,
//   rows with an invalid cell) and, with a study, rows registered outside the week (or without
//   registered_at), of an excluded type code or of a branch not in the study. analysed = total - excluded.
// - incomplete (a subset of analysed): a core milestone is missing — registered_at or released_at, and for
//   imports arrival_at or supervision_confirmed_at (T2/T1 cannot be measured). With a study, a milestone
//   after the follow-up limit counts as missing. Incomplete records still contribute their observed intervals.
// - a negative interval is dropped from every statistic (only that interval) and listed as NEGATIVE_INTERVAL.
#include <cstddef>
#include <cstdint>
#include <map>
#include <set>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <vector>

#include "core/parallel_for.h"
#include "core/time.h"
#include "trs/engine/csv_reader.h"
#include "trs/engine/statistics.h"

namespace hq::trs {

// The seed's sampling design for interval (3), the customs' own work (§B.II.2): FULL_WEEK keeps every
// declaration of the week; WED_FRI only those registered on Wednesday, Thursday or Friday (local time), except
// that a declaration with specialised inspection (sci_kinds not empty) is always kept. Intervals (1), (2) and
// (4) are always measured at 100 %. Default: road branches FULL_WEEK, sea and air WED_FRI.
enum class SamplingRule : std::uint8_t { FullWeek, WedFri };
std::string_view to_string(SamplingRule rule);
std::optional<SamplingRule> parse_sampling_rule(std::string_view text);  // "FULL_WEEK" | "WED_FRI"
SamplingRule default_sampling_rule(std::string_view route);               // ROAD → FULL_WEEK, else WED_FRI

struct StudySettings {
  core::Date week_start;                        // the Monday; the week runs Mon 00:00 – Sat 24:00 local
  std::vector<std::string> excluded_type_codes;  // e.g. transit, express, on-the-spot (exact codes)
  std::optional<UnixSeconds> follow_up_limit;    // milestones later than this count as missing
  std::vector<std::string> branches;             // participating branch codes; empty = all
  // A study shorter than the week (the seed's half-day pilot): declarations registered in
  // [period_begin, period_end) are the sample. nullopt = the week's start / end.
  std::optional<UnixSeconds> period_begin, period_end;
  // Interval (3) sampling rule per branch code; a branch not listed is FULL_WEEK.
  std::map<std::string, SamplingRule> sampling_rules = {};
  // The agencies' sampling window (seed §B.II.2 (4.1) and §3: registrations for inspection from one to two
  // working weeks before the week to its end): an agency block registered outside [begin, end) is outside the
  // agencies' sample and left out of the per-agency rows (counted there as outside_window). nullopt = no window.
  std::optional<UnixSeconds> agency_window_begin = {}, agency_window_end = {};
};
// The seed's limit: 30 working days (Mon–Fri, public holidays not known here) after the week's Saturday,
// to the end of the last one (local time).
UnixSeconds default_follow_up_limit(const core::Date& week_start, int working_days = 30);

// Branch codes of the Ho Chi Minh City seaport for the World Bank indicators. Default: 02CI, Chi cục HQ CK
// cảng Sài Gòn khu vực I (Cát Lái), the HCMC seaport branch that takes part in the study (seed 004 §A.I.2.1).
// (02B1 is Tân Sơn Nhất airport, not a seaport.) A study setting: add the other port branches there.
inline const std::vector<std::string> kDefaultWorldBankBranches = {"02CI"};

struct AnalysisSettings {
  std::optional<StudySettings> study;  // none: every row is part of the sample
  std::vector<std::string> world_bank_branches = kDefaultWorldBankBranches;
  bool skip_invalid = false;      // exclude whole rows with an invalid cell (default: only the cell is dropped)
  std::size_t max_issues = 0;     // issues listed (0 = all); issue_counts always counts every issue
  int bootstrap_resamples = 1000;
  std::size_t bootstrap_max_n = 10000;
  std::uint64_t seed = 20150615;  // bootstrap seed (the 2015 study week)
  // Working-time variant (by all and channel): intervals counted in office hours only. nullopt = off.
  std::optional<WorkingWeek> working_week = WorkingWeek{};
  std::size_t threads = core::available_cores();  // statistics of different intervals are computed in parallel
  // Agency name → ministry (the stored study's agency table): when set, the report also groups the agency
  // rows per ministry (Report::ministries). Empty: no per-ministry rows (the bare-file JSON is unchanged).
  std::map<std::string, std::string> agency_ministries = {};
  // The border guard's name in the agency table (kind BORDER_GUARD): when set, records with a border check
  // (interval 4.2) give that agency a row among the agencies (its check start → end as registration → result
  // and as its whole span). "" = no border guard row (the bare-file JSON is unchanged).
  std::string border_guard_agency = {};
  // Agencies (block names) whose sample is the measurement week itself, not the agencies' window (seed §B.II.3:
  // the border guard and the health quarantine collect during the six working days of the week): their blocks
  // registered outside the week are outside the sample. The border guard's row always keeps the week.
  std::set<std::string> week_window_agencies = {};
};

struct RecordCounts {
  std::size_t total = 0, analysed = 0, excluded = 0, incomplete = 0;
  // Why rows were excluded (they add up to `excluded`).
  std::size_t rejected_rows = 0, invalid_rows = 0, no_flow = 0, duplicates = 0;
  std::size_t outside_week = 0, excluded_type = 0, other_branch = 0;
};

// Per branch: how many analysed records the interval (3) rule kept and left out.
struct SamplingRow {
  std::string branch;  // "" = not recorded
  SamplingRule rule = SamplingRule::FullWeek;
  std::size_t records = 0, t3_kept = 0, t3_left_out = 0;
};

// Per specialised-inspection agency (the block's agency name; seed lines 538–542): its intervals
// registration → sampling → result → hand-over to customs, and its share of the release time.
struct AgencyResultRow {
  std::string agency, flow;
  std::string ministry;  // with AnalysisSettings::agency_ministries: the agency's ministry ("" = not in the table)
  std::size_t n = 0;  // agency blocks of analysed records
  Summary registration_to_sampling, sampling_to_result, registration_to_result, result_to_handover,
      registration_to_handover;
  std::size_t share_n = 0;  // blocks with registration → hand-over and the record's release time observed
  // Share of the release time (T1 for NK, T2 for XK) taken by the agency: sum over those blocks of the part of
  // registration → hand-over that lies inside the record's release interval, over the sum of the release times.
  // At most 1: an agency registered days before the declaration only counts from the release interval's start.
  double release_share = 0;
  std::size_t outside_window = 0;  // blocks registered outside the study's agency sampling window (not counted)
};

struct StatRow {
  std::string interval, flow, by, group;
  Summary stats;
};
struct WorldBankRow {
  std::string id, description_vi, interval, flow;
  Summary stats;
};
struct AttributionRow {
  std::string interval, flow, group;  // group: "all" or a channel
  std::size_t n = 0;
  double mean_hours = 0, customs_hours = 0, agencies_hours = 0, declarant_hours = 0;  // means per record
  double customs_share = 0, agencies_share = 0, declarant_share = 0;
};
struct DelayReasonRow {
  std::string flow, reason;  // reason "NONE" = no reason recorded
  std::size_t count = 0;
  double share = 0;          // of the flow's analysed records
  std::size_t t2_n = 0;      // of which with T2 observed
  std::optional<double> t2_median_hours;
};
struct CumulativeRow {
  std::string interval, flow, group;
  std::size_t n = 0;
  std::vector<std::pair<double, double>> points;  // (hours, share released within)
};
struct MedianCiRow {
  std::string interval, flow, by, group;
  std::size_t n = 0;
  double median_hours = 0;
  MedianCi ci;
};

struct Report {
  RecordCounts records;
  std::vector<StatRow> rows;
  std::vector<StatRow> working_rows;  // the same intervals in working hours (by all and channel)
  std::vector<Issue> issues;
  std::map<std::string, std::size_t> issue_counts;
  std::size_t issues_omitted = 0;  // beyond max_issues
  std::vector<WorldBankRow> world_bank;
  std::vector<AttributionRow> attribution;
  std::vector<DelayReasonRow> delay_reasons;
  std::vector<CumulativeRow> cumulative;
  std::vector<MedianCiRow> median_ci;
  std::vector<SamplingRow> sampling;  // with a study only, branches alphabetically
  std::vector<AgencyResultRow> agencies;  // agencies alphabetically, then flow
  // Per ministry (seed lines 538–542), with agency_ministries only: `agency` holds the ministry's name
  // ("(chưa xác định bộ, ngành)" for agencies not in the table), rows by ministry, then flow.
  std::vector<AgencyResultRow> ministries;
  AnalysisSettings settings;
};

// Streams records (it is the readers' sink) and builds the report. Memory: a few bytes per record plus
// 12 bytes per observed interval. The work on each record alone (intervals, checks, attribution) runs on
// the CSV reader's decoding threads; the rest sees records in file order.
class Analyzer : public PreparingSink {
 public:
  explicit Analyzer(AnalysisSettings settings = {});
  ~Analyzer() override;
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;
  std::unique_ptr<PreparingSink::Prepared> make_prepared() const override;
  void prepare(const Record& r, PreparingSink::Prepared& out) const override;
  void on_prepared(PreparingSink::Prepared& p) override;
  void on_issue(Issue issue) override;
  // The analysis reads the branch, declaration number, type code, HS code, country and the agencies' names;
  // the other text cells (bill of lading, transport, officers, goods, numbers, notes) are only validated.
  bool reads_text(std::string_view column) const override;
  Report finish();

 private:
  struct Prepared;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

Report analyze(std::span<const Record> records, const AnalysisSettings& settings = {});

// Comparison of two reports (e.g. two studies): statistic rows matched on interval, flow, by and group.
struct ComparisonRow {
  std::string interval, flow, by, group;
  std::size_t n_a = 0, n_b = 0;
  std::optional<double> median_a, median_b, mean_a, mean_b;
  std::optional<double> median_change_hours, median_change_pct;
  std::optional<double> mean_change_hours, mean_change_pct;
};
std::vector<ComparisonRow> compare(const Report& a, const Report& b);

// Renderers.
nlohmann::json to_json(const Report& report);
// The same JSON as to_json(report) merged with the top-level keys of `extra` (an object, or null), dumped as
// dump(-1, ' ', false, replace) would — byte for byte — with the issues written straight into the text (no
// JSON value per issue: a file with 100,000 issues spent most of its last, single-threaded part there).
std::string to_json_text(const Report& report, const nlohmann::json& extra = nullptr);
nlohmann::json to_json(std::span<const ComparisonRow> rows);
void write_text(std::ostream& out, const Report& report, std::span<const ComparisonRow> comparison = {});
// Throws core::Error when the file cannot be written.
void write_xlsx(const std::string& path, const Report& report, std::span<const ComparisonRow> comparison = {});

}  // namespace hq::trs
