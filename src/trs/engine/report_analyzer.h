#pragma once
// The analyzer's state (Analyzer::Impl), shared by report.cpp (records in: prepare and add, the hot path, kept
// inline here) and report_finish.cpp (the tables built once at the end). Internal to the engine.
#include "trs/engine/report.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <stdexcept>
#include <iterator>
#include <numeric>
#include <unordered_map>
#include <unordered_set>

#include "core/parallel_for.h"
#include "trs/engine/identity_set.h"
#include "trs/engine/intervals.h"
#include "trs/engine/report_tables.h"
#include "trs/engine/sort_kernels.h"


namespace hq::trs {

using namespace report_detail;  // report_tables.h

struct Analyzer::Impl {
  AnalysisSettings settings;
  Report report;
  std::vector<Keys> keys;
  // Observations per interval and flow, in record order.
  struct Entry {
    std::int64_t seconds;
    std::uint32_t record;  // index of the record's Keys
    std::int32_t working;  // working-hours seconds, when settings.working_week is set
  };
  using Series = std::vector<Entry>;
  std::vector<std::array<Series, 2>> series = std::vector<std::array<Series, 2>>(intervals().size());
  std::unordered_map<std::string, std::uint32_t> branch_ids;
  std::vector<std::string> branch_names;
  detail::IdentitySet seen_declarations;
  std::unordered_set<std::string> study_branches, excluded_types, wb_branches;
  std::array<bool, 2> flow_present{};
  // attribution[interval k][flow][group 0 = all, 1 + channel]
  std::array<std::array<std::array<AttributionSum, 4>, 2>, std::size(kAttributed)> attribution{};
  std::array<int, std::size(kAttributed)> attributed_index{};
  std::optional<UnixSeconds> week_begin, week_end;
  std::vector<bool> is_t3 = std::vector<bool>(intervals().size());
  // Per branch id (0 = not recorded): analysed records and those the interval (3) rule kept.
  std::vector<std::array<std::size_t, 2>> sampling_counts;

  explicit Impl(AnalysisSettings s) : settings(std::move(s)) {
    report.settings = settings;
    wb_branches.insert(settings.world_bank_branches.begin(), settings.world_bank_branches.end());
    for (std::size_t k = 0; k < std::size(kAttributed); ++k) attributed_index[k] = interval_index(kAttributed[k]);
    for (std::size_t i = 0; i < intervals().size(); ++i) is_t3[i] = intervals()[i].id.starts_with("T3_");
    if (const auto& st = settings.study) {
      study_branches.insert(st->branches.begin(), st->branches.end());
      excluded_types.insert(st->excluded_type_codes.begin(), st->excluded_type_codes.end());
      week_begin = st->period_begin.value_or(core::from_local({st->week_start}));
      week_end = st->period_end.value_or(core::from_local({core::add_days(st->week_start, 6)}));
    }
  }

  void add_issue(Issue i) {
    ++report.issue_counts[i.code];
    if (settings.max_issues == 0 || report.issues.size() < settings.max_issues)
      report.issues.push_back(std::move(i));
    else
      ++report.issues_omitted;
  }

  // Which exclusion counter applies to `r` (nullptr: in the sample) — every rule but the repeated
  // declaration, which depends on the rows before it.
  std::size_t RecordCounts::*exclusion(const Record& r) const {
    if (r.meta.rejected) return &RecordCounts::rejected_rows;
    if (settings.skip_invalid && r.meta.invalid_cells > 0) return &RecordCounts::invalid_rows;
    if (!r.flow) return &RecordCounts::no_flow;
    if (const auto& st = settings.study) {
      if (!r.registered_at || *r.registered_at < *week_begin || *r.registered_at >= *week_end)
        return &RecordCounts::outside_week;
      if (excluded_types.count(r.type_code)) return &RecordCounts::excluded_type;
      if (!st->branches.empty() && !study_branches.count(r.branch_code)) return &RecordCounts::other_branch;
    }
    return nullptr;
  }

  // With a study: milestones after the follow-up limit are cleared (one issue lists them).
  void apply_follow_up(Record& r, std::vector<Issue>& issues) const {
    const auto& limit = settings.study->follow_up_limit;
    std::string late;
    for (const ColumnDef& c : columns()) {
      if (c.kind != ColumnKind::Time) continue;
      Time& t = c.time(r);
      if (!t || *t <= *limit) continue;
      late += (late.empty() ? "" : ", ") + std::string(c.name);
      t.reset();
    }
    if (late.empty()) return;
    Issue i;
    i.line = r.meta.line;
    i.declaration_no = r.declaration_no;
    i.code = kAfterFollowUp;
    i.column = late;
    i.message = "Dòng " + std::to_string(r.meta.line) + ": " + late + " sau hạn theo dõi (" +
                format_local_time(*limit) + ") nên được coi là chưa ghi nhận.";
    issues.push_back(std::move(i));
  }

  // 0 = not recorded, else 1 + index into branch_names.
  std::uint32_t branch_id(const std::string& code) {
    if (code.empty()) return 0;
    if (branch_names.size() <= 64)  // a study has a few dozen branches: a scan beats hashing the code
      for (std::size_t i = 0; i < branch_names.size(); ++i)
        if (branch_names[i] == code) return static_cast<std::uint32_t>(i + 1);
    const auto [it, added] = branch_ids.emplace(code, static_cast<std::uint32_t>(branch_names.size() + 1));
    if (added) branch_names.push_back(code);
    return it->second;
  }

  std::uint8_t world_bank_key(const Record& r) const {
    if (r.country != "JP" || !wb_branches.count(r.branch_code)) return 0;
    if (r.flow == Flow::NK && r.hs_code.starts_with("8708")) return 1;
    if (r.flow == Flow::XK && r.hs_code.starts_with("85")) return 2;
    return 0;
  }

  // The branch's interval (3) rule: WED_FRI keeps Wednesday–Friday registrations and every declaration with
  // specialised inspection.
  bool t3_kept(const Record& r) const {
    if (!settings.study || settings.study->sampling_rules.empty()) return true;
    const auto it = settings.study->sampling_rules.find(r.branch_code);
    if (it == settings.study->sampling_rules.end() || it->second == SamplingRule::FullWeek) return true;
    if (r.sci_kinds != 0) return true;
    if (!r.registered_at) return false;
    const int wd = core::weekday(core::to_local(*r.registered_at).date);
    return wd >= 3 && wd <= 5;
  }

  // Per agency block with a name: registration → sampling → result → hand-over (negative spans are left out;
  // the interval rows report them), the record's release time (T1 for imports, T2 for exports) and the part of
  // the agency's registration → hand-over inside that release interval (its share of the release time; an agency
  // registered before the declaration only counts from the release interval's start, so a share is ≤ 100 %).
  // With border_guard_agency, the border check (interval 4.2) is that agency's block.
  void observe_agencies(const Record& r, Prepared& p) const {
    const auto span = [](const Time& a, const Time& b) -> std::optional<std::int64_t> {
      if (!a || !b || *b < *a) return std::nullopt;
      return *b - *a;
    };
    const Time& release_from = r.flow == Flow::NK ? r.arrival_at : r.registered_at;
    const Time& release_to = r.flow == Flow::NK ? r.supervision_confirmed_at : r.released_at;
    const std::optional<std::int64_t> release = span(release_from, release_to);
    // The window of the agencies' sample: inspection agencies [agency_window_begin, agency_window_end); the border
    // guard follows the vehicles entering during the week itself (seed §B.II.2 (4.2)), and so does every agency
    // of week_window_agencies (seed §B.II.3: the health quarantine).
    const auto* st = settings.study ? &*settings.study : nullptr;
    const auto add = [&](const std::string& name, const Time& registered, const Time& handed_over,
                         std::array<std::optional<std::int64_t>, 5> seconds, bool week_only = false) {
      Prepared::AgencyObserved a{name, seconds, release};
      if (release && seconds[4])
        a.in_release = std::max<std::int64_t>(0, std::min(*handed_over, *release_to) - std::max(*registered, *release_from));
      if (st && registered && st->agency_window_begin) {  // a stored study's window (none: every block counts)
        const std::optional<UnixSeconds>& begin = week_only ? week_begin : st->agency_window_begin;
        const std::optional<UnixSeconds>& end = week_only ? week_end : st->agency_window_end;
        a.outside_window = (begin && *registered < *begin) || (end && *registered >= *end);
      }
      p.agencies.push_back(std::move(a));
    };
    const auto week_only = [&](const std::string& name) { return settings.week_window_agencies.count(name) > 0; };
    for (const AgencyBlock* b : {&r.ag1, &r.ag2}) {
      if (b->name.empty()) continue;
      add(b->name, b->registered_at, b->customs_received_at,
          {span(b->registered_at, b->sampling_at), span(b->sampling_at, b->certified_at),
           span(b->registered_at, b->certified_at), span(b->certified_at, b->customs_received_at),
           span(b->registered_at, b->customs_received_at)},
          week_only(b->name));
    }
    if (!r.qc.name.empty())
      add(r.qc.name, r.qc.registered_at, r.qc.customs_received_at,
          {std::nullopt, span(r.qc.conformity_at, r.qc.notified_at), span(r.qc.registered_at, r.qc.notified_at),
           span(r.qc.notified_at, r.qc.customs_received_at), span(r.qc.registered_at, r.qc.customs_received_at)},
          week_only(r.qc.name));
    if (!settings.border_guard_agency.empty()) {
      const auto check = span(r.border_check_start_at, r.border_check_end_at);
      if (check)
        add(settings.border_guard_agency, r.border_check_start_at, r.border_check_end_at,
            {std::nullopt, std::nullopt, check, std::nullopt, check}, true);
    }
  }

  // Everything about one record that does not depend on the others (runs on the decoding threads).
  void prepare(const Record& original, Prepared& p) const {
    p.issues.clear();
    p.observations.clear();
    p.attributions.clear();
    p.agencies.clear();
    p.excluded = exclusion(original);
    if (p.excluded) return;
    p.line = original.meta.line;
    p.declaration_no.assign(original.declaration_no);
    p.branch_code.assign(original.branch_code);
    p.flow = static_cast<std::uint8_t>(*original.flow);
    p.channel_group = original.channel ? static_cast<std::uint8_t>(1 + static_cast<int>(*original.channel)) : 0;
    p.delay_reasons = original.delay_reasons;
    p.identity = declaration_identity(original.declaration_no);
    p.t3_kept = t3_kept(original);
    std::optional<Record> adjusted;
    if (settings.study && settings.study->follow_up_limit) {
      adjusted = original;
      apply_follow_up(*adjusted, p.issues);
    }
    const Record& r = adjusted ? *adjusted : original;
    p.world_bank = world_bank_key(r);
    p.groups = field_code(dim_named("channel"), r.channel) | field_code(dim_named("route"), r.route) |
               field_code(dim_named("aeo"), r.aeo) | field_code(dim_named("pre_arrival"), r.pre_arrival) |
               field_code(dim_named("nsw"), r.nsw) | field_code(dim_named("sci"), std::optional<bool>(r.sci_kinds != 0)) |
               field_code(dim_named("shipment_mode"), r.shipment_mode) |
               field_code(dim_named("declarant_kind"), r.declarant_kind);
    p.incomplete = is_incomplete(r);
    check_order(r, p.issues);
    check_missing(r, p.issues);
    observe_agencies(r, p);
    thread_local std::vector<Observation> observations;
    observations.clear();
    observe(r, observations);
    for (const Observation& o : observations) {
      if (o.seconds < 0) {
        p.issues.push_back(negative_interval_issue(r, o));
        continue;
      }
      const auto working = settings.working_week ? working_seconds(o.from, o.from + o.seconds, *settings.working_week) : 0;
      p.observations.push_back({o.interval, o.seconds, static_cast<std::int32_t>(working)});
      for (std::size_t k = 0; k < std::size(kAttributed); ++k)
        if (attributed_index[k] == o.interval)
          p.attributions.push_back({k, o.seconds, attribute(r, o.from, o.from + o.seconds)});
    }
  }

  // Adds a prepared record to the sample, in file order.
  void add(Prepared& p) {
    RecordCounts& counts = report.records;
    ++counts.total;
    if (p.excluded) {
      ++(counts.*p.excluded);
      ++counts.excluded;
      return;
    }
    if (p.identity && !seen_declarations.insert(*p.identity)) {
      add_duplicate_issue(p);
      ++counts.duplicates;
      ++counts.excluded;
      return;
    }
    ++counts.analysed;
    const auto rec = static_cast<std::uint32_t>(keys.size());
    const std::size_t flow = p.flow;
    flow_present[flow] = true;
    const std::uint32_t b = branch_id(p.branch_code);
    keys.push_back({p.groups | GroupCode{b} << kBranchShift, p.flow, p.world_bank, p.delay_reasons});
    if (p.incomplete) ++counts.incomplete;
    if (settings.study) {
      if (sampling_counts.size() <= b) sampling_counts.resize(b + 1, {0, 0});
      ++sampling_counts[b][0];
      sampling_counts[b][1] += p.t3_kept;
    }
    for (const Prepared::Observed& o : p.observations)
      if (p.t3_kept || !is_t3[o.interval]) series[o.interval][flow].push_back({o.seconds, rec, o.working});
    const std::size_t channel_group = p.channel_group;
    for (const Prepared::Attributed& a : p.attributions)
      for (std::size_t g : {std::size_t{0}, channel_group}) {
        AttributionSum& sum = attribution[a.k][flow][g];
        ++sum.n;
        sum.total += static_cast<double>(a.seconds);
        sum.customs += a.who.customs;
        sum.agencies += a.who.agencies;
        if (channel_group == 0) break;  // no channel: "all" only
      }
    for (Prepared::AgencyObserved& a : p.agencies) {
      AgencyAcc& acc = agency_slot(a.agency, static_cast<std::uint8_t>(flow));
      if (a.outside_window) {
        ++acc.outside_window;
        continue;
      }
      ++acc.n;
      for (std::size_t k = 0; k < a.seconds.size(); ++k)
        if (a.seconds[k]) acc.values[k].push_back(*a.seconds[k]);
      if (a.seconds[4] && a.release) {
        ++acc.share_n;
        acc.agency_sum += static_cast<double>(a.in_release);
        acc.release_sum += static_cast<double>(*a.release);
      }
    }
    for (Issue& i : p.issues) add_issue(std::move(i));
  }

  struct AgencyAcc {
    std::size_t n = 0, share_n = 0, outside_window = 0;
    std::array<std::vector<std::int64_t>, 5> values;
    double agency_sum = 0, release_sum = 0;
  };
  std::map<std::pair<std::string, std::uint8_t>, AgencyAcc> agency_acc;
  struct AgencySeen {
    std::string_view name;  // the key in agency_acc (a map's keys do not move)
    std::uint8_t flow;
    AgencyAcc* acc;
  };
  std::vector<AgencySeen> agency_seen;

  // The accumulator of (agency, flow). add() runs on one thread for every record in file order: a study names a
  // few dozen agencies, so scanning the ones seen beats building a (string, flow) key — a string copy — and
  // searching the map for every agency block of every record.
  AgencyAcc& agency_slot(const std::string& name, std::uint8_t flow) {
    for (const AgencySeen& a : agency_seen)
      if (a.flow == flow && a.name == name) return *a.acc;
    const auto it = agency_acc.try_emplace({name, flow}).first;
    if (agency_seen.size() < 64) agency_seen.push_back({it->first.first, flow, &it->second});
    return it->second;
  }

  AgencyResultRow agency_row(const std::string& name, std::uint8_t flow, AgencyAcc& acc) const {
    AgencyResultRow row;
    row.agency = name;
    row.flow = std::string(kFlowNames[flow]);
    row.n = acc.n;
    Summary* out[] = {&row.registration_to_sampling, &row.sampling_to_result, &row.registration_to_result,
                      &row.result_to_handover, &row.registration_to_handover};
    for (std::size_t k = 0; k < 5; ++k) *out[k] = summarize(acc.values[k]);
    row.share_n = acc.share_n;
    row.outside_window = acc.outside_window;
    if (acc.release_sum > 0) row.release_share = acc.agency_sum / acc.release_sum;
    return row;
  }

  void build_agencies() {
    const auto& ministries = settings.agency_ministries;
    std::map<std::pair<std::string, std::uint8_t>, AgencyAcc> ministry_acc;
    if (!ministries.empty())
      for (auto& [key, acc] : agency_acc) {
        const auto it = ministries.find(key.first);
        AgencyAcc& m = ministry_acc[{it == ministries.end() ? "(chưa xác định bộ, ngành)" : it->second, key.second}];
        m.n += acc.n;
        m.share_n += acc.share_n;
        m.outside_window += acc.outside_window;
        m.agency_sum += acc.agency_sum;
        m.release_sum += acc.release_sum;
        for (std::size_t k = 0; k < 5; ++k) m.values[k].insert(m.values[k].end(), acc.values[k].begin(), acc.values[k].end());
      }
    for (auto& [key, acc] : agency_acc) {
      AgencyResultRow row = agency_row(key.first, key.second, acc);
      if (!ministries.empty()) {
        const auto it = ministries.find(key.first);
        if (it != ministries.end()) row.ministry = it->second;
      }
      report.agencies.push_back(std::move(row));
    }
    for (auto& [key, acc] : ministry_acc) report.ministries.push_back(agency_row(key.first, key.second, acc));
  }

  void add_duplicate_issue(const Prepared& p) {
    Issue i;
    i.line = p.line;
    i.declaration_no = p.declaration_no;
    i.code = kDuplicateDeclaration;
    i.column = "declaration_no";
    i.message = "Dòng " + std::to_string(p.line) + ": tờ khai " + p.declaration_no +
                " đã xuất hiện ở dòng trước (trùng 11 chữ số đầu); dòng này không được tính.";
    add_issue(std::move(i));
  }

  // ------------------------------------------------------------------------------------------ finishing

  std::string_view group_name(const ByDim& dim, GroupCode key) const {
    if (!dim.mask) return "all";
    if (dim.branch) return key == 0 ? kUnknownGroup : std::string_view(branch_names[key - 1]);
    return key == dim.mask ? kUnknownGroup : dim.names[key];
  }
  // Output order of a dimension's groups: enum order (branches alphabetically), UNKNOWN last.
  std::vector<GroupCode> group_order(const ByDim& dim) const {
    std::vector<GroupCode> order;
    if (!dim.mask) return {0};
    if (dim.branch) {
      for (GroupCode id = 1; id <= branch_names.size(); ++id) order.push_back(id);
      std::sort(order.begin(), order.end(),
                [&](GroupCode a, GroupCode b) { return branch_names[a - 1] < branch_names[b - 1]; });
      order.push_back(0);
    } else {
      for (GroupCode i = 0; i < dim.names.size(); ++i) order.push_back(i);
      order.push_back(dim.mask);
    }
    return order;
  }

  // Values of one interval and flow sorted ascending, with the groups of each.
  struct Sorted {
    std::vector<std::int64_t> seconds;
    std::vector<GroupCode> groups;
  };
  Sorted sorted_values(std::size_t i, std::uint8_t f, bool working = false) const {
    const Series& s = series[i][f];
    const auto value = [&](const Entry& e) { return working ? std::int64_t{e.working} : e.seconds; };
    Sorted out;
    out.seconds.reserve(s.size());
    out.groups.reserve(s.size());
    // Fast path: (seconds << 32 | groups) in 64 bits, radix-sorted — seconds below 2^32 (136 years: only an
    // absurd date exceeds it) and fewer than 2^15 branches. Ties may change order: equal values, same result.
    std::vector<std::uint64_t> packed;
    packed.reserve(s.size());
    bool fits = branch_names.size() < (std::size_t{1} << (32 - kBranchShift)) - 1;
    for (const Entry& e : s) {
      const auto v = static_cast<std::uint64_t>(value(e));
      fits &= v <= 0xFFFFFFFF;
      packed.push_back(v << 32 | (keys[e.record].groups & 0xFFFFFFFF));
    }
    if (fits) {
      radix_sort_packed(packed);
      for (std::uint64_t x : packed) out.seconds.push_back(static_cast<std::int64_t>(x >> 32)), out.groups.push_back(x & 0xFFFFFFFF);
      return out;
    }
    std::vector<std::pair<std::int64_t, GroupCode>> pairs;
    for (const Entry& e : s) pairs.emplace_back(value(e), keys[e.record].groups);
    std::sort(pairs.begin(), pairs.end());
    for (const auto& [v, g] : pairs) out.seconds.push_back(v), out.groups.push_back(g);
    return out;
  }

  // Sorted values split by the groups of `dim` (a stable counting scatter keeps every group sorted), as
  // views into `storage`; groups in output order, empty ones included. Buffers are reused across calls.
  struct Grouped {
    std::vector<std::pair<GroupCode, std::span<const std::int64_t>>> groups;
    std::vector<std::int64_t> storage;
    std::vector<std::size_t> slot;
    std::vector<std::size_t> begin;  // where each group begins in storage, then the end
  };
  void split(const Sorted& v, const ByDim& dim, Grouped& out) const {
    out.groups.clear();
    const auto order = group_order(dim);
    if (order.size() == 1) {  // "all"
      out.groups.emplace_back(0, v.seconds);
      return;
    }
    // Dense slot table: group keys are small (enum values up to the mask, branch ids up to their count).
    out.slot.assign(std::max<std::size_t>(dim.branch ? 0 : dim.mask + 1, branch_names.size() + 1), 0);
    for (std::size_t k = 0; k < order.size(); ++k) out.slot[order[k]] = k;
    const auto slot_of = [&](GroupCode code) { return out.slot[(code >> dim.shift) & dim.mask]; };
    scatter_by_slot(v.seconds, order.size(), [&](std::size_t k) { return slot_of(v.groups[k]); }, out.storage,
                    out.begin);
    for (std::size_t k = 0; k < order.size(); ++k)
      out.groups.emplace_back(order[k], std::span<const std::int64_t>(out.storage)
                                            .subspan(out.begin[k], out.begin[k + 1] - out.begin[k]));
  }

  // What one interval and flow contributes to the report. Parts are built in parallel and appended in
  // (interval, flow) order, so the report is the same whatever the number of threads.
  struct Part {
    std::vector<StatRow> rows, working_rows;
    std::vector<MedianCiRow> median_ci;
    std::vector<CumulativeRow> cumulative;
  };


  // The tables built once every record is in (report_finish.cpp).
  void build_statistics();
  Part build_part(std::size_t i, std::uint8_t f) const;
  void build_working(Part& part, const IntervalDef& def, std::size_t i, std::uint8_t f, const std::string& flow) const;
  void add_extras(Part& part, const IntervalDef& def, const std::string& flow, std::string_view by,
                  const std::string& group, std::span<const std::int64_t> values, const Summary& stats) const;
  void build_world_bank();
  void build_sampling();
  void build_attribution();
  void build_delay_reasons();
};

}  // namespace hq::trs
