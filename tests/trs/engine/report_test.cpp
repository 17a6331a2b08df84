#include <gtest/gtest.h>

#include <sstream>

#include "test_util.h"
#include "trs/engine/intervals.h"
#include "trs/engine/report.h"

using namespace hq::trs;
using test::lines;
using test::local;

namespace {

Report analyze_csv(const std::string& csv, const AnalysisSettings& settings = {}) {
  Analyzer a(settings);
  read_wide_csv(csv, a);
  return a.finish();
}

const StatRow* row(const Report& r, std::string_view interval, std::string_view flow, std::string_view by = "all",
                   std::string_view group = "all") {
  for (const StatRow& s : r.rows)
    if (s.interval == interval && s.flow == flow && s.by == by && s.group == group) return &s;
  return nullptr;
}

// The analysis of a stored study's sample (its week, branches, sampling rules…), the other settings as default.
Report analyze_study(const std::string& csv, const StudySettings& study) {
  AnalysisSettings settings;
  settings.study = study;
  return analyze_csv(csv, settings);
}

std::size_t count_code(const Report& r, std::string_view code) {
  std::size_t n = 0;
  for (const Issue& i : r.issues) n += i.code == code;
  return n;
}

const std::string kHeader =
    "flow,declaration_no,branch_code,type_code,channel,hs_code,country,arrival_at,registered_at,doc_assigned_at,"
    "doc_check_start_at,doc_check_end_at,released_at,supervision_start_at,supervision_confirmed_at,delay_reasons";

}  // namespace

TEST(Report, NegativeIntervalDropsOnlyThatInterval) {
  const Report r = analyze_csv(lines({
      kHeader,
      // T2 negative (released before registration); T1 and T3_1 still count.
      "NK,104722599000,03CC,A11,YELLOW,,,2025-06-15 08:00,2025-06-16 10:00,2025-06-16 10:30,2025-06-16 11:00,"
      "2025-06-16 12:00,2025-06-16 09:00,2025-06-17 08:00,2025-06-17 09:00,",
      "NK,104722599010,03CC,A11,GREEN,,,2025-06-15 08:00,2025-06-16 08:00,,,,2025-06-16 08:02,2025-06-16 18:00,"
      "2025-06-16 19:00,",
  }));
  EXPECT_EQ(r.records.total, 2u);
  EXPECT_EQ(r.records.analysed, 2u);
  ASSERT_TRUE(row(r, "T2", "NK"));
  EXPECT_EQ(row(r, "T2", "NK")->stats.n, 1u);  // only the second record
  EXPECT_NEAR(row(r, "T2", "NK")->stats.median_hours, 2.0 / 60, 1e-9);
  EXPECT_EQ(row(r, "T1", "NK")->stats.n, 2u);
  EXPECT_EQ(row(r, "T3_1", "NK")->stats.n, 1u);
  ASSERT_EQ(count_code(r, kNegativeInterval), 1u);
  const Issue* neg = nullptr;
  for (const Issue& i : r.issues)
    if (i.code == kNegativeInterval) neg = &i;
  EXPECT_EQ(neg->line, 2u);
  EXPECT_EQ(neg->declaration_no, "104722599000");
  EXPECT_EQ(neg->interval, "T2");
  EXPECT_NE(neg->message.find("T2"), std::string::npos);
  // The same pair also violates released ≥ doc_check_end: an OUT_OF_ORDER quality issue, data kept.
  EXPECT_EQ(count_code(r, kOutOfOrder), 1u);
}

TEST(Report, IntervalTableShape) {
  EXPECT_EQ(intervals().size(), 12u);
  const auto& t32 = intervals()[static_cast<std::size_t>(interval_index("T3_2"))];
  EXPECT_EQ(t32.spans[0].to_alt, "direct_end_at");
  EXPECT_EQ(intervals()[static_cast<std::size_t>(interval_index("T4_1a"))].spans.size(), 3u);
  EXPECT_EQ(intervals()[static_cast<std::size_t>(interval_index("T1"))].only_flow, Flow::NK);
}

TEST(Report, T32TakesTheLaterEndAndAgencyBlocksAreSeparateObservations) {
  Record r;
  r.flow = Flow::XK;
  r.declaration_no = "304722599000";
  r.inspect_assigned_at = local(2025, 6, 16, 8, 0);
  r.scan_end_at = local(2025, 6, 16, 9, 0);
  r.direct_end_at = local(2025, 6, 16, 12, 0);
  r.ag1.registered_at = local(2025, 6, 14, 8, 0);
  r.ag1.certified_at = local(2025, 6, 15, 8, 0);
  r.ag2.registered_at = local(2025, 6, 14, 8, 0);
  r.ag2.certified_at = local(2025, 6, 14, 20, 0);
  r.qc.registered_at = local(2025, 6, 14, 8, 0);
  r.qc.notified_at = local(2025, 6, 14, 14, 0);
  const Record rs[] = {r};
  const Report rep = analyze(rs);
  EXPECT_DOUBLE_EQ(row(rep, "T3_2", "XK")->stats.median_hours, 4.0);
  const StatRow* t41a = row(rep, "T4_1a", "XK");
  ASSERT_TRUE(t41a);
  EXPECT_EQ(t41a->stats.n, 3u);
  EXPECT_DOUBLE_EQ(t41a->stats.median_hours, 12.0);  // 24, 12, 6
  EXPECT_FALSE(row(rep, "T1", "XK"));                  // imports only
}

TEST(Report, GroupsAddUpAndUnknownIsAGroup) {
  const Report r = analyze_csv(lines({
      kHeader,
      "NK,104722599000,03CC,,RED,,,,2025-06-16 08:00,,,,2025-06-16 20:00,,,",
      "NK,104722599010,03CC,,GREEN,,,,2025-06-16 08:00,,,,2025-06-16 08:01,,,",
      "NK,104722599020,02CI,,,,,,2025-06-16 08:00,,,,2025-06-16 09:00,,,",
      "XK,304722599000,02CI,,GREEN,,,,2025-06-16 08:00,,,,2025-06-16 08:05,,,",
  }));
  std::size_t by_channel = 0, by_branch = 0;
  for (const StatRow& s : r.rows) {
    if (s.interval != "T2" || s.flow != "NK") continue;
    if (s.by == "channel") by_channel += s.stats.n;
    if (s.by == "branch") by_branch += s.stats.n;
  }
  EXPECT_EQ(by_channel, 3u);
  EXPECT_EQ(by_branch, 3u);
  ASSERT_TRUE(row(r, "T2", "NK", "channel", "UNKNOWN"));
  EXPECT_FALSE(row(r, "T2", "NK", "channel", "YELLOW"));  // empty groups are left out
  EXPECT_EQ(row(r, "T2", "NK", "sci", "N")->stats.n, 3u);
  EXPECT_EQ(row(r, "T2", "XK")->stats.n, 1u);
  ASSERT_TRUE(row(r, "T3_1", "XK"));  // "all" rows exist even without observations
  EXPECT_EQ(row(r, "T3_1", "XK")->stats.n, 0u);
}

TEST(Report, IncompleteWithoutAStudy) {
  const Report r = analyze_csv(lines({
      kHeader,
      "NK,104722599000,03CC,,GREEN,,,2025-06-15 08:00,2025-06-16 08:00,,,,2025-06-16 08:01,,2025-06-16 20:00,",
      "NK,104722599010,03CC,,GREEN,,,2025-06-15 08:00,2025-06-16 08:00,,,,,,,",  // no release
      "XK,304722599000,03CC,,GREEN,,,,2025-06-16 08:00,,,,2025-06-16 08:05,,,",   // complete export
      "NK,104722599020,03CC,,GREEN,,,,2025-06-16 08:00,,,,2025-06-16 08:05,,,",   // import without arrival
  }));
  EXPECT_EQ(r.records.analysed, 4u);
  EXPECT_EQ(r.records.incomplete, 2u);
  EXPECT_EQ(r.issue_counts.at(kMissingMilestone), 2u);
}

TEST(Report, StudyWeekTypesBranchesAndFollowUp) {
  StudySettings st;
  st.week_start = {2025, 6, 16};
  st.excluded_type_codes = {"G51"};
  st.branches = {"03CC", "02CI"};
  st.follow_up_limit = local(2025, 6, 30, 0, 0);
  const Report r = analyze_study(lines({
                                     kHeader,
                                     "XK,304722599000,03CC,B11,GREEN,,,,2025-06-16 00:00,,,,2025-06-16 08:05,,,",
                                     "XK,304722599010,03CC,B11,GREEN,,,,2025-06-21 23:59,,,,2025-06-22 08:05,,,",
                                     "XK,304722599020,03CC,B11,GREEN,,,,2025-06-22 00:00,,,,2025-06-22 08:05,,,",
                                     "XK,304722599030,03CC,B11,GREEN,,,,2025-06-15 23:59,,,,2025-06-16 08:05,,,",
                                     "XK,304722599040,03CC,G51,GREEN,,,,2025-06-17 08:00,,,,2025-06-17 08:05,,,",
                                     "XK,304722599050,45B1,B11,GREEN,,,,2025-06-17 08:00,,,,2025-06-17 08:05,,,",
                                     "XK,304722599060,02CI,B11,RED,,,,2025-06-17 08:00,,,,2025-07-02 08:05,,,",
                                     "XK,304722599070,02CI,B11,RED,,,,,,,,2025-07-02 08:05,,,",
                                 }),
                                 st);
  EXPECT_EQ(r.records.total, 8u);
  EXPECT_EQ(r.records.analysed, 3u);  // rows 2, 3 and 8
  EXPECT_EQ(r.records.excluded, 5u);
  EXPECT_EQ(r.records.outside_week, 3u);  // after Saturday 24:00, before Monday, no registration
  EXPECT_EQ(r.records.excluded_type, 1u);
  EXPECT_EQ(r.records.other_branch, 1u);
  EXPECT_EQ(r.records.incomplete, 1u);  // the release after the follow-up limit counts as missing
  EXPECT_EQ(row(r, "T2", "XK")->stats.n, 2u);
  EXPECT_EQ(r.issue_counts.at(kAfterFollowUp), 1u);
}

// The seed's half-day pilot: a study shorter than the week samples only what was registered in its period.
TEST(Report, StudyShorterThanAWeek) {
  StudySettings st;
  st.week_start = {2025, 6, 16};
  st.period_begin = local(2025, 6, 17, 7, 30);
  st.period_end = local(2025, 6, 17, 11, 30);
  const Report r = analyze_study(lines({
                                     kHeader,
                                     "XK,304722599000,03CC,B11,GREEN,,,,2025-06-17 07:30,,,,2025-06-17 08:05,,,",
                                     "XK,304722599010,03CC,B11,GREEN,,,,2025-06-17 11:29:59,,,,2025-06-17 12:00,,,",
                                     "XK,304722599020,03CC,B11,GREEN,,,,2025-06-17 11:30,,,,2025-06-17 12:05,,,",
                                     "XK,304722599030,03CC,B11,GREEN,,,,2025-06-17 07:29,,,,2025-06-17 08:05,,,",
                                     "XK,304722599040,03CC,B11,GREEN,,,,2025-06-16 09:00,,,,2025-06-16 09:05,,,",
                                 }),
                                 st);
  EXPECT_EQ(r.records.analysed, 2u);
  EXPECT_EQ(r.records.outside_week, 3u);
  EXPECT_EQ(row(r, "T2", "XK")->stats.n, 2u);
}

// The seed's sampling design (§B.II.2): WED_FRI branches keep for T3_* only Wednesday–Friday registrations
// and every declaration with specialised inspection; T1, T2 and T4 stay at 100 %; FULL_WEEK keeps everything.
TEST(Report, SamplingRuleKeepsT3OnlyForTheRecordsItKeeps) {
  StudySettings st;
  st.week_start = {2025, 6, 16};
  st.sampling_rules = {{"02CI", SamplingRule::WedFri}, {"03CC", SamplingRule::FullWeek}};
  const std::string header = "flow,declaration_no,branch_code,registered_at,doc_assigned_at,doc_check_end_at,released_at,sci_kinds";
  const Report r = analyze_study(lines({
                                     header,
                                     // 02CI Monday: left out of T3 (T2 still counts).
                                     "XK,304722599000,02CI,2025-06-16 08:00,2025-06-16 08:10,2025-06-16 09:10,2025-06-16 10:00,",
                                     // 02CI Wednesday and Friday: kept.
                                     "XK,304722599010,02CI,2025-06-18 08:00,2025-06-18 08:10,2025-06-18 10:10,2025-06-18 11:00,",
                                     "XK,304722599020,02CI,2025-06-20 23:59,2025-06-21 00:10,2025-06-21 03:10,2025-06-21 04:00,",
                                     // 02CI Saturday with specialised inspection: kept.
                                     "XK,304722599030,02CI,2025-06-21 08:00,2025-06-21 08:10,2025-06-21 12:10,2025-06-21 13:00,KDTV",
                                     // 02CI Thursday 00:00 local is Wednesday 17:00 UTC: kept (local weekday).
                                     "XK,304722599040,02CI,2025-06-19 00:00,2025-06-19 00:10,2025-06-19 05:10,2025-06-19 06:00,",
                                     // 03CC Monday: FULL_WEEK keeps it.
                                     "XK,304722599050,03CC,2025-06-16 08:00,2025-06-16 08:10,2025-06-16 14:10,2025-06-16 15:00,",
                                 }),
                                 st);
  EXPECT_EQ(r.records.analysed, 6u);
  EXPECT_EQ(row(r, "T2", "XK")->stats.n, 6u);
  ASSERT_NE(row(r, "T3_1", "XK"), nullptr);
  EXPECT_EQ(row(r, "T3_1", "XK")->stats.n, 5u);
  EXPECT_EQ(row(r, "T3_1", "XK", "branch", "02CI")->stats.n, 4u);
  EXPECT_DOUBLE_EQ(row(r, "T3_1", "XK", "branch", "02CI")->stats.min_hours, 2.0);  // the Monday hour is left out
  ASSERT_EQ(r.sampling.size(), 2u);
  EXPECT_EQ(r.sampling[0].branch, "02CI");
  EXPECT_EQ(r.sampling[0].rule, SamplingRule::WedFri);
  EXPECT_EQ(r.sampling[0].records, 5u);
  EXPECT_EQ(r.sampling[0].t3_kept, 4u);
  EXPECT_EQ(r.sampling[0].t3_left_out, 1u);
  EXPECT_EQ(r.sampling[1].branch, "03CC");
  EXPECT_EQ(r.sampling[1].t3_left_out, 0u);
  const auto j = to_json(r);
  EXPECT_EQ(j["sampling"][0]["rule"], "WED_FRI");
  EXPECT_EQ(j["sampling"][0]["t3_left_out"], 1);
  EXPECT_EQ(j["settings"]["study"]["sampling_rules"]["02CI"], "WED_FRI");
  // Without a study there is no sampling section (the bare-file JSON is unchanged).
  EXPECT_FALSE(to_json(analyze_csv(lines({header, "XK,304722599000,02CI,2025-06-16 08:00,,,,"}))).contains("sampling"));
  EXPECT_EQ(default_sampling_rule("ROAD"), SamplingRule::FullWeek);
  EXPECT_EQ(default_sampling_rule("SEA"), SamplingRule::WedFri);
  EXPECT_EQ(parse_sampling_rule("WED_FRI"), SamplingRule::WedFri);
  EXPECT_EQ(parse_sampling_rule("wed_fri"), std::nullopt);
}

// Per agency (seed lines 538–542): registration → sampling → result → hand-over and the share of the release
// time the agency takes (sum of its registration → hand-over over the sum of the records' release time).
TEST(Report, PerAgencyIntervalsAndShareOfReleaseTime) {
  const Report r = analyze_csv(lines({
      "flow,declaration_no,registered_at,released_at,ag1_name,ag1_registered_at,ag1_sampling_at,ag1_certified_at,"
      "ag1_customs_received_at,qc_name,qc_registered_at,qc_notified_at,qc_customs_received_at",
      "XK,304722599000,2025-06-16 08:00,2025-06-17 08:00,Kiểm dịch II,2025-06-16 08:00,2025-06-16 10:00,"
      "2025-06-16 14:00,2025-06-16 20:00,,,,",
      "XK,304722599010,2025-06-16 08:00,2025-06-16 20:00,Kiểm dịch II,2025-06-16 09:00,2025-06-16 10:00,"
      "2025-06-16 12:00,2025-06-16 15:00,Trung tâm 3,2025-06-16 08:00,2025-06-16 09:00,2025-06-16 08:30",
  }));
  ASSERT_EQ(r.agencies.size(), 2u);
  const AgencyResultRow& kd = r.agencies[0];
  EXPECT_EQ(kd.agency, "Kiểm dịch II");
  EXPECT_EQ(kd.n, 2u);
  EXPECT_DOUBLE_EQ(kd.registration_to_sampling.median_hours, 1.5);  // 2 h and 1 h
  EXPECT_DOUBLE_EQ(kd.sampling_to_result.median_hours, 3.0);        // 4 h and 2 h
  EXPECT_DOUBLE_EQ(kd.result_to_handover.median_hours, 4.5);        // 6 h and 3 h
  EXPECT_DOUBLE_EQ(kd.registration_to_handover.median_hours, 9.0);  // 12 h and 6 h
  EXPECT_EQ(kd.share_n, 2u);
  EXPECT_DOUBLE_EQ(kd.release_share, 18.0 / 36.0);  // (12 + 6) / (24 + 12)
  const AgencyResultRow& qc = r.agencies[1];
  EXPECT_EQ(qc.agency, "Trung tâm 3");
  EXPECT_EQ(qc.registration_to_result.n, 1u);
  EXPECT_EQ(qc.result_to_handover.n, 0u);  // hand-over before the result: left out
  EXPECT_EQ(qc.share_n, 1u);  // registration → hand-over 0:30 of a 12 h release
  EXPECT_DOUBLE_EQ(qc.release_share, 0.5 / 12.0);
  const auto j = to_json(r);
  EXPECT_EQ(j["agencies"][0]["agency"], "Kiểm dịch II");
  EXPECT_DOUBLE_EQ(j["agencies"][0]["release_share"].get<double>(), 0.5);
  EXPECT_EQ(j["agencies"][0]["sampling_to_result"]["n"], 2);
  std::ostringstream text;
  write_text(text, r);
  EXPECT_NE(text.str().find("CƠ QUAN KIỂM TRA CHUYÊN NGÀNH"), std::string::npos);
}

TEST(Report, DefaultFollowUpLimit) {
  // Week of 15/06/2015 (the 2015 study): Saturday 20/06, then 30 working days Mon–Fri → Friday 31/07/2015.
  EXPECT_EQ(default_follow_up_limit({2015, 6, 15}), local(2015, 8, 1, 0, 0));
}

TEST(Report, DuplicatesInvalidRowsAndNoFlow) {
  const std::string csv = lines({
      kHeader,
      "NK,104722599000,03CC,,GREEN,,,,2025-06-16 08:00,,,,2025-06-16 08:01,,,",
      "NK,104722599001,03CC,,GREEN,,,,2025-06-16 08:00,,,,2025-06-16 08:01,,,",  // amendment of the same
      ",104722599010,03CC,,GREEN,,,,2025-06-16 08:00,,,,2025-06-16 08:01,,,",
      "NK,104722599020,03CC,,PURPLE,,,,2025-06-16 08:00,,,,2025-06-16 08:01,,,",
  });
  const Report keep = analyze_csv(csv);
  EXPECT_EQ(keep.records.excluded, 2u);
  EXPECT_EQ(keep.records.duplicates, 1u);
  EXPECT_EQ(keep.records.no_flow, 1u);
  EXPECT_EQ(row(keep, "T2", "NK")->stats.n, 2u);  // the PURPLE row counts, channel unknown
  AnalysisSettings skip;
  skip.skip_invalid = true;
  const Report skipped = analyze_csv(csv, skip);
  EXPECT_EQ(skipped.records.invalid_rows, 1u);
  EXPECT_EQ(row(skipped, "T2", "NK")->stats.n, 1u);
}

TEST(Report, RepeatedDeclarationsAmongManyRecords) {
  // Enough records for the set of seen declarations to grow several times.
  std::string csv = kHeader + "\n";
  for (int i = 0; i < 150000; ++i) {
    const long long identity = 10472259000LL + (i % 10 == 9 ? i - 9 : i);  // every tenth repeats an earlier one
    csv += "NK," + std::to_string(identity) + std::to_string(i % 10 == 9 ? 1 : 0) +
           ",03CC,,GREEN,,,,2025-06-16 08:00,,,,2025-06-16 08:01,,,\n";
  }
  const Report r = analyze_csv(csv);
  EXPECT_EQ(r.records.total, 150000u);
  EXPECT_EQ(r.records.duplicates, 15000u);
  EXPECT_EQ(r.records.analysed, 135000u);
}

TEST(Report, WorldBankIndicatorsFilterHsCountryAndPort) {
  const Report r = analyze_csv(lines({
      kHeader,
      "NK,104722599000,02CI,,RED,87089999,JP,2025-06-13 08:00,2025-06-16 08:00,,,,2025-06-17 08:00,,"
      "2025-06-18 08:00,",
      "NK,104722599010,03CC,,RED,87089999,JP,2025-06-13 08:00,2025-06-16 08:00,,,,2025-06-17 08:00,,"
      "2025-06-18 08:00,",  // other port
      "NK,104722599020,02CI,,RED,87089999,CN,2025-06-13 08:00,2025-06-16 08:00,,,,2025-06-17 08:00,,"
      "2025-06-18 08:00,",  // other country
      "XK,304722599000,02CI,,GREEN,85171200,JP,,2025-06-16 08:00,,,,2025-06-16 10:00,,,",
  }));
  ASSERT_GE(r.world_bank.size(), 3u);
  EXPECT_EQ(r.world_bank[0].id, "WB_6_1");
  EXPECT_EQ(r.world_bank[0].stats.n, 1u);
  EXPECT_DOUBLE_EQ(r.world_bank[0].stats.median_hours, 120.0);
  EXPECT_EQ(r.world_bank[1].stats.n, 1u);
  EXPECT_DOUBLE_EQ(r.world_bank[2].stats.median_hours, 2.0);
  EXPECT_EQ(r.world_bank[2].flow, "XK");
}

TEST(Report, DelayReasonsAttributionCurvesAndCis) {
  const Report r = analyze_csv(lines({
      kHeader,
      "NK,104722599000,03CC,,RED,,,2025-06-15 08:00,2025-06-16 08:00,2025-06-16 09:00,2025-06-16 10:00,"
      "2025-06-16 12:00,2025-06-16 14:00,2025-06-16 18:00,2025-06-16 20:00,INSP_QUEUE;IT_ERROR",
      "NK,104722599010,03CC,,GREEN,,,2025-06-15 08:00,2025-06-16 08:00,,,,2025-06-16 09:00,,2025-06-16 20:00,",
  }));
  const DelayReasonRow* queue = nullptr;
  for (const DelayReasonRow& d : r.delay_reasons)
    if (d.reason == "INSP_QUEUE") queue = &d;
  ASSERT_TRUE(queue);
  EXPECT_EQ(queue->count, 1u);
  EXPECT_DOUBLE_EQ(queue->share, 0.5);
  EXPECT_DOUBLE_EQ(*queue->t2_median_hours, 6.0);
  ASSERT_FALSE(r.attribution.empty());
  const AttributionRow& t1 = r.attribution[0];
  EXPECT_EQ(t1.interval, "T1");
  EXPECT_EQ(t1.group, "all");
  EXPECT_NEAR(t1.customs_share + t1.agencies_share + t1.declarant_share, 1.0, 1e-12);
  // Record 1: customs 08–09 (assignment), 10–12 (check), 18–20 (supervision) = 5 h of 36 h.
  EXPECT_NEAR(t1.customs_hours, 5.0 / 2, 1e-9);
  bool curve = false;
  for (const CumulativeRow& c : r.cumulative)
    if (c.interval == "T2" && c.group == "all") {
      curve = true;
      EXPECT_EQ(c.points.size(), std::size(kCurveHours));
      EXPECT_DOUBLE_EQ(c.points.back().second, 1.0);
    }
  EXPECT_TRUE(curve);
  ASSERT_FALSE(r.median_ci.empty());
  EXPECT_EQ(r.median_ci[0].ci.method, "bootstrap");
}

TEST(Report, JsonContract) {
  const Report r = analyze_csv(lines({
      kHeader,
      "NK,104722599000,03CC,,RED,,,2025-06-11 08:00,2025-06-16 08:00,,,,2025-06-21 03:00:17,,,",
      "NK,104722599010,03CC,,RED,,,,2025-06-16 10:00,,,,2025-06-16 09:00,,,",
  }));
  const auto j = to_json(r);
  for (const char* k : {"total", "analysed", "excluded", "incomplete"}) EXPECT_TRUE(j["records"].contains(k)) << k;
  EXPECT_EQ(j["records"]["total"], 2);
  ASSERT_TRUE(j["rows"].is_array());
  const auto& first = j["rows"][0];
  for (const char* k : {"interval", "flow", "by", "group", "n", "mean_hours", "median_hours", "p75_hours", "p90_hours",
                        "p95_hours", "min_hours", "max_hours", "within_1h", "within_4h", "within_24h", "within_48h"})
    EXPECT_TRUE(first.contains(k)) << k;
  bool t2 = false;
  for (const auto& row : j["rows"])
    if (row["interval"] == "T2" && row["by"] == "all") {
      t2 = true;
      EXPECT_EQ(row["n"], 1);
      EXPECT_EQ(row["median_hms"], "115:00:17");
      EXPECT_NEAR(row["median_hours"].get<double>(), 115.0 + 17.0 / 3600, 1e-9);
    }
  EXPECT_TRUE(t2);
  bool negative = false;
  for (const auto& i : j["issues"]) {
    for (const char* k : {"line", "declaration_no", "code", "message"}) EXPECT_TRUE(i.contains(k)) << k;
    if (i["code"] == "NEGATIVE_INTERVAL") {
      negative = true;
      EXPECT_EQ(i["line"], 3);
      EXPECT_EQ(i["declaration_no"], "104722599010");
    }
  }
  EXPECT_TRUE(negative);
  for (const char* k : {"world_bank", "attribution", "delay_reasons", "cumulative", "median_ci", "intervals"})
    EXPECT_TRUE(j.contains(k)) << k;
}

TEST(Report, TextShowsHoursAsHms) {
  const Report r = analyze_csv(lines({
      kHeader,
      "NK,104722599000,03CC,,RED,,,2025-06-11 08:00,2025-06-16 08:00,,,,2025-06-21 03:00:17,,,",
  }));
  std::ostringstream out;
  write_text(out, r);
  EXPECT_NE(out.str().find("115:00:17"), std::string::npos);
  EXPECT_NE(out.str().find("BÁO CÁO ĐO THỜI GIAN GIẢI PHÓNG HÀNG"), std::string::npos);
}

TEST(Report, MaxIssuesKeepsCounting) {
  AnalysisSettings s;
  s.max_issues = 1;
  const Report r = analyze_csv(lines({"flow,declaration_no,channel", "NK,1,PURPLE", "NK,2,BLUE"}), s);
  EXPECT_EQ(r.issues.size(), 1u);
  EXPECT_GT(r.issues_omitted, 0u);
  EXPECT_EQ(r.issue_counts.at(kInvalidValue), 4u);
}

TEST(Report, CompareTwoReports) {
  const Report a = analyze_csv(lines({kHeader, "XK,304722599000,03CC,,GREEN,,,,2025-06-16 08:00,,,,2025-06-16 12:00,,,"}));
  const Report b = analyze_csv(lines({kHeader, "XK,304722599000,03CC,,GREEN,,,,2025-06-16 08:00,,,,2025-06-16 10:00,,,"}));
  const auto rows = compare(a, b);
  const ComparisonRow* t2 = nullptr;
  for (const ComparisonRow& c : rows)
    if (c.interval == "T2" && c.by == "all") t2 = &c;
  ASSERT_TRUE(t2);
  EXPECT_DOUBLE_EQ(*t2->median_change_hours, -2.0);
  EXPECT_DOUBLE_EQ(*t2->median_change_pct, -50.0);
  EXPECT_TRUE(to_json(rows).is_array());
}

TEST(Report, JsonIsValidUtf8EvenForLegacyEncodedCells) {
  const Report r = analyze_csv(lines({"flow,declaration_no,goods_group,channel", "NK,10472259900\xE9,Th\xE9p,\xC4\x90\xF4"}));
  EXPECT_GE(r.issues.size(), 2u);
  std::string dumped;
  EXPECT_NO_THROW(dumped = to_json(r).dump());
  EXPECT_NE(dumped.find("\xEF\xBF\xBD"), std::string::npos);  // U+FFFD stands for the bad byte
}

TEST(Report, LargeGroupsMatchDirectSummaries) {
  // More than 65 536 observations: the radix-sort path of the analyzer (and a count that does not divide
  // into the four lanes of the group scatter).
  std::vector<Record> records(70003);
  std::vector<std::int64_t> all, red;
  for (std::size_t i = 0; i < records.size(); ++i) {
    Record& r = records[i];
    r.flow = Flow::XK;
    r.declaration_no = std::to_string(300000000000 + i * 10);
    r.channel = static_cast<Channel>(i % 3);
    const std::int64_t seconds = static_cast<std::int64_t>((i * 7919) % 1000003) * 3;
    r.registered_at = local(2025, 6, 16, 8, 0);
    r.released_at = *r.registered_at + seconds;
    all.push_back(seconds);
    if (i % 3 == 2) red.push_back(seconds);
  }
  AnalysisSettings s;
  s.working_week.reset();
  const Report rep = analyze(records, s);
  const Summary a = summarize(all), b = summarize(red);
  const StatRow* ra = row(rep, "T2", "XK");
  const StatRow* rb = row(rep, "T2", "XK", "channel", "RED");
  ASSERT_TRUE(ra && rb);
  EXPECT_EQ(ra->stats.n, 70003u);
  EXPECT_DOUBLE_EQ(ra->stats.mean_hours, a.mean_hours);
  EXPECT_DOUBLE_EQ(rb->stats.mean_hours, b.mean_hours);
  EXPECT_DOUBLE_EQ(rb->stats.median_hours, b.median_hours);
  EXPECT_DOUBLE_EQ(rb->stats.min_hours, b.min_hours);
  EXPECT_DOUBLE_EQ(rb->stats.max_hours, b.max_hours);
  EXPECT_DOUBLE_EQ(ra->stats.median_hours, a.median_hours);
  EXPECT_DOUBLE_EQ(ra->stats.p95_hours, a.p95_hours);
  EXPECT_DOUBLE_EQ(ra->stats.min_hours, a.min_hours);
  EXPECT_DOUBLE_EQ(ra->stats.max_hours, a.max_hours);
  EXPECT_DOUBLE_EQ(rb->stats.p90_hours, b.p90_hours);
  EXPECT_EQ(rb->stats.n, red.size());
  EXPECT_TRUE(rep.working_rows.empty());
}
