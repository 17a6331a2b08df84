#include "audit/risk/selection.h"

#include <algorithm>
#include <cmath>
#include <exception>
#include <numeric>
#include <thread>

#include "audit/risk/declarations.h"
#include "core/error.h"

namespace hq::audit::risk {

namespace {

[[noreturn]] void invalid(const std::string& field, const std::string& message) {
  core::bad_input("INVALID_FIELD", message, {{"field", field}});
}

// Open addressing from a 64-bit key to a dense index (0, 1, 2 … in insertion order).
class DenseIndex {
 public:
  explicit DenseIndex(std::size_t expected) {
    std::size_t capacity = 1024;
    while (capacity < expected * 2) capacity <<= 1;
    keys_.assign(capacity, kEmpty);
    slots_.assign(capacity, 0);
    mask_ = capacity - 1;
  }
  // The index of `key`, added when new (`added` set).
  std::uint32_t find_or_add(std::uint64_t key, bool& added) {
    if (count_ * 2 >= keys_.size()) grow();
    std::size_t i = hash(key) & mask_;
    while (keys_[i] != kEmpty) {
      if (keys_[i] == key) return added = false, slots_[i];
      i = (i + 1) & mask_;
    }
    keys_[i] = key;
    slots_[i] = static_cast<std::uint32_t>(count_++);
    added = true;
    return slots_[i];
  }
  std::size_t size() const { return count_; }

 private:
  static constexpr std::uint64_t kEmpty = ~std::uint64_t{0};
  static std::uint64_t hash(std::uint64_t x) {
    x ^= x >> 33, x *= 0xff51afd7ed558ccdULL, x ^= x >> 33, x *= 0xc4ceb9fe1a85ec53ULL, x ^= x >> 33;
    return x;
  }
  void grow() {
    std::vector<std::uint64_t> keys(keys_.size() * 2, kEmpty);
    std::vector<std::uint32_t> slots(keys.size(), 0);
    const std::size_t mask = keys.size() - 1;
    for (std::size_t j = 0; j < keys_.size(); ++j) {
      if (keys_[j] == kEmpty) continue;
      std::size_t i = hash(keys_[j]) & mask;
      while (keys[i] != kEmpty) i = (i + 1) & mask;
      keys[i] = keys_[j], slots[i] = slots_[j];
    }
    keys_.swap(keys), slots_.swap(slots), mask_ = mask;
  }
  std::vector<std::uint64_t> keys_;
  std::vector<std::uint32_t> slots_;
  std::size_t mask_ = 0, count_ = 0;
};

double median_of(std::vector<double>& v) {
  const std::size_t n = v.size(), mid = n / 2;
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid), v.end());
  const double upper = v[mid];
  if (n % 2 == 1) return upper;
  const double lower = *std::max_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid));
  return lower + (upper - lower) * 0.5;  // as PostgreSQL's percentile_cont(0.5)
}

}  // namespace

const IndicatorDef* find_indicator(std::string_view code) {
  for (const auto& d : kIndicators)
    if (code == d.code) return &d;
  return nullptr;
}

void check_criteria_set(const CriteriaSet& set) {
  if (set.name.empty() || set.name.size() > 200) invalid("name", "Tên bộ tiêu chí cần có, tối đa 200 ký tự.");
  if (set.min_declarations < 1 || set.min_declarations > 1'000'000)
    invalid("min_declarations", "Số tờ khai tối thiểu (min_declarations) là số nguyên từ 1 đến 1.000.000.");
  if (set.material_value < 0 || set.material_value > 1'000'000'000'000'000)
    invalid("material_value", "Trị giá đáng kể (material_value) là số đồng không âm.");
  if (set.indicators.empty() || set.indicators.size() > kIndicators.size())
    invalid("indicators", "Bộ tiêu chí cần từ 1 đến 7 chỉ tiêu.");
  for (std::size_t i = 0; i < set.indicators.size(); ++i) {
    const auto& s = set.indicators[i];
    const std::string where = "indicators[" + std::to_string(i) + "]";
    if (!find_indicator(s.code))
      invalid(where + ".code", "Chỉ tiêu «" + s.code.substr(0, 50) + "» không có; dùng LOW_DUTY_RATE, RED_SHARE, "
                               "AMENDMENT_RATE, PREFERENTIAL_SHARE, VALUE_GROWTH, PAST_FINDINGS hoặc NEVER_AUDITED.");
    for (std::size_t j = 0; j < i; ++j)
      if (set.indicators[j].code == s.code) invalid(where + ".code", "Chỉ tiêu " + s.code + " được nêu hai lần.");
    if (!std::isfinite(s.weight) || s.weight <= 0 || s.weight > 1000)
      invalid(where + ".weight", "Trọng số của chỉ tiêu " + s.code + " phải lớn hơn 0 và không quá 1000.");
    if (!std::isfinite(s.threshold) || s.threshold <= 0 || s.threshold > 1e12)
      invalid(where + ".threshold", "Ngưỡng của chỉ tiêu " + s.code + " phải lớn hơn 0.");
  }
  const double max = max_score(set);
  if (!std::isfinite(set.cutoff_monitor) || set.cutoff_monitor <= 0 || set.cutoff_monitor > max)
    invalid("cutoffs.monitor", "Ngưỡng theo dõi (cutoffs.monitor) phải lớn hơn 0 và không vượt tổng trọng số (" +
                                   std::to_string(max) + ").");
  if (!std::isfinite(set.cutoff_audit) || set.cutoff_audit < set.cutoff_monitor || set.cutoff_audit > max)
    invalid("cutoffs.audit", "Ngưỡng đề xuất kiểm tra (cutoffs.audit) phải từ ngưỡng theo dõi đến tổng trọng số.");
}

double max_score(const CriteriaSet& set) {
  double sum = 0;
  for (const auto& s : set.indicators) sum += s.weight;
  return sum;
}

double round6(double x) { return std::round(x * 1e6) / 1e6; }

double median(std::vector<double> values) { return values.empty() ? 0 : median_of(values); }

double indicator_value(const std::string& code, const IndicatorValues& v, std::int64_t material_value,
                       std::optional<double>& peer) {
  const auto ratio = [](double a, double b) { return b > 0 ? a / b : 0.0; };
  peer.reset();
  if (code == "LOW_DUTY_RATE") {
    peer = round6(v.peer_duty_rate);
    if (v.import_value <= 0 || v.peer_duty_rate <= 0 || v.own_duty_rate >= v.peer_duty_rate) return 0;
    return round6(1 - v.own_duty_rate / v.peer_duty_rate);
  }
  if (code == "RED_SHARE") return round6(ratio(double(v.red), double(v.declarations)));
  if (code == "AMENDMENT_RATE") return round6(ratio(double(v.amendments), double(v.declarations)));
  if (code == "PREFERENTIAL_SHARE") return round6(ratio(double(v.preferential_value), double(v.import_value)));
  if (code == "VALUE_GROWTH")
    return v.previous_import_value > 0 ? round6(double(v.import_value) / double(v.previous_import_value) - 1) : 0;
  if (code == "PAST_FINDINGS") return double(v.past_findings);
  if (code == "NEVER_AUDITED") return !v.audited_5y && v.total_value > material_value ? 1 : 0;
  return 0;
}

std::optional<Candidate> assess(const CriteriaSet& set, const IndicatorValues& values, const Standing& standing) {
  Candidate c;
  c.tax_code = values.tax_code;
  c.name = standing.name;
  c.home_office = values.home_office;
  double score = 0;
  for (const auto& s : set.indicators) {
    Reason r;
    r.code = s.code;
    r.value = indicator_value(s.code, values, set.material_value, r.peer);
    r.points = round6(s.weight * std::min(std::max(r.value, 0.0) / s.threshold, 1.0));
    score += r.points;
    c.reasons.push_back(std::move(r));
  }
  c.score = round6(score);
  if (standing.key) c.excluded_reason = kKeyEnterprise;
  else if (standing.audited_this_year) c.excluded_reason = kAuditedThisYear;
  else if (standing.highest_compliance) c.excluded_reason = kHighestCompliance;
  if (c.score < set.cutoff_monitor) return std::nullopt;
  c.klass = c.excluded_reason.empty() && c.score >= set.cutoff_audit ? "AUDIT" : "MONITOR";
  return c;
}

void rank_candidates(std::vector<Candidate>& candidates) {
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    return a.score != b.score ? a.score > b.score : a.tax_code < b.tax_code;
  });
  for (std::size_t i = 0; i < candidates.size(); ++i) candidates[i].rank = static_cast<std::int64_t>(i + 1);
}

int score_band(double score, double max) {
  if (max <= 0) return 0;
  return std::clamp(static_cast<int>(std::floor(score / (max / 5))), 0, 4);
}

void LineColumns::reserve(std::size_t n) {
  enterprise.reserve(n), office.reserve(n), hs4.reserve(n), amendments.reserve(n), declaration.reserve(n);
  registered_at.reserve(n), value.reserve(n), duty.reserve(n), flow.reserve(n), channel.reserve(n);
  preferential.reserve(n);
}

namespace {

// "dddddddddd" or "dddddddddd-ddd" as a distinct number (+1, so never 0); false for any other text.
bool tax_code_number(std::string_view code, std::uint64_t& out) {
  if (code.size() != 10 && !(code.size() == 14 && code[10] == '-')) return false;
  std::uint64_t n = 0;
  for (std::size_t i = 0; i < code.size(); ++i) {
    if (i == 10) continue;
    const unsigned d = static_cast<unsigned char>(code[i]) - '0';
    if (d > 9) return false;
    n = n * 10 + d;
  }
  out = (code.size() == 10 ? n * 2 : n * 2 + 1) + 1;  // < 2·10^13: the two forms never meet
  return true;
}

std::size_t slot_of(std::uint64_t key, int bits) {
  return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> (64 - bits));
}

}  // namespace

std::uint32_t LineColumns::enterprise_index(std::string_view tax_code) {
  std::uint64_t key = 0;
  if (!tax_code_number(tax_code, key)) {
    const auto [it, added] = enterprise_ids_.try_emplace(std::string(tax_code), static_cast<std::uint32_t>(tax_codes.size()));
    if (added) tax_codes.emplace_back(tax_code);
    return it->second;
  }
  if ((code_count_ + 1) * 2 > code_slots_.size()) {  // at most half full
    const int bits = std::max(code_bits_ + 1, 16);
    std::vector<CodeSlot> slots(std::size_t{1} << bits);
    const std::size_t mask = slots.size() - 1;
    for (const auto& old : code_slots_) {
      if (old.key == 0) continue;
      std::size_t at = slot_of(old.key, bits);
      while (slots[at].key != 0) at = (at + 1) & mask;
      slots[at] = old;
    }
    code_slots_.swap(slots), code_bits_ = bits;
  }
  const std::size_t mask = code_slots_.size() - 1;
  for (std::size_t at = slot_of(key, code_bits_);; at = (at + 1) & mask) {
    CodeSlot& slot = code_slots_[at];
    if (slot.key == key) return slot.value;
    if (slot.key == 0) {
      slot.key = key, slot.value = static_cast<std::uint32_t>(tax_codes.size());
      ++code_count_;
      tax_codes.emplace_back(tax_code);
      return slot.value;
    }
  }
}

std::uint16_t LineColumns::office_index(std::string_view code) {
  const auto [it, added] = office_ids_.try_emplace(std::string(code), static_cast<std::uint16_t>(offices.size()));
  if (added) offices.emplace_back(code);
  return it->second;
}

void LineColumns::push(std::uint32_t ent, std::uint16_t off, std::int64_t declaration_no, std::int64_t at,
                       std::uint8_t fl, std::string_view hs, std::int64_t val, std::int64_t du, std::uint8_t pref,
                       std::uint8_t ch, std::int64_t amend) {
  enterprise.push_back(ent), office.push_back(off), declaration.push_back(declaration_no), registered_at.push_back(at);
  flow.push_back(fl);
  int heading = 0;
  for (std::size_t i = 0; i < 4 && i < hs.size(); ++i) heading = heading * 10 + (hs[i] - '0');
  hs4.push_back(static_cast<std::uint16_t>(heading));
  value.push_back(val), duty.push_back(du), preferential.push_back(pref), channel.push_back(ch);
  amendments.push_back(static_cast<std::uint16_t>(std::min<std::int64_t>(amend, 65535)));
}

void LineColumns::append(const LineColumns& other) {
  std::vector<std::uint32_t> ent(other.tax_codes.size());
  for (std::size_t i = 0; i < ent.size(); ++i) ent[i] = enterprise_index(other.tax_codes[i]);
  std::vector<std::uint16_t> off(other.offices.size());
  for (std::size_t i = 0; i < off.size(); ++i) off[i] = office_index(other.offices[i]);
  reserve(size() + other.size());
  for (const auto e : other.enterprise) enterprise.push_back(ent[e]);
  for (const auto o : other.office) office.push_back(off[o]);
  const auto add = [](auto& to, const auto& from) { to.insert(to.end(), from.begin(), from.end()); };
  add(hs4, other.hs4), add(amendments, other.amendments), add(declaration, other.declaration);
  add(registered_at, other.registered_at), add(value, other.value), add(duty, other.duty);
  add(flow, other.flow), add(channel, other.channel), add(preferential, other.preferential);
}

namespace {

struct Totals {
  std::int64_t declarations = 0, red = 0, amendments = 0, import_value = 0, import_duty = 0, total_value = 0,
               preferential_value = 0, previous_import_value = 0;
};

// The line pass over the enterprises of one share (enterprise index % parts == part): their totals, their
// (enterprise, heading) and (enterprise, office) keys in the order of first appearance. An enterprise belongs to
// one share and its lines are visited in the same order whatever the number of shares, so its keys, and the
// floating-point sums made over them later, come out in the same order: the result does not depend on `parts`.
struct LinePass {
  LinePass(std::size_t enterprises, unsigned parts)
      : headings(enterprises * 4 / parts + 16), offices(enterprises / parts + 16) {}
  DenseIndex headings, offices;
  std::vector<std::uint64_t> heading_keys, office_keys;
  std::vector<std::int64_t> heading_value, heading_duty, office_count;

  void run(const LineColumns& lines, const std::vector<std::uint32_t>& order, const RunWindow& window,
           std::vector<Totals>& totals, unsigned part, unsigned parts) {
    std::int64_t group_decl = -1;
    std::uint32_t group_ent = 0;
    std::uint8_t group_channel = 0;
    std::uint16_t group_amend = 0, group_office = 0;
    bool group_open = false;
    const auto close_group = [&] {
      if (!group_open) return;
      Totals& t = totals[group_ent];
      ++t.declarations;
      if (group_channel == kRed) ++t.red;
      t.amendments += group_amend;
      bool added = false;
      const auto k = offices.find_or_add((std::uint64_t{group_ent} << 16) | group_office, added);
      if (added) office_keys.push_back((std::uint64_t{group_ent} << 16) | group_office), office_count.push_back(0);
      ++office_count[k];
      group_open = false;
    };
    const bool ordered = order.empty();
    const std::size_t n = lines.size();
    for (std::size_t j = 0; j < n; ++j) {
      const std::size_t i = ordered ? j : order[j];
      const std::uint32_t ent = lines.enterprise[i];
      if (parts > 1 && ent % parts != part) continue;  // another share's: never inside one of our groups
      const std::int64_t at = lines.registered_at[i];
      if (at >= window.previous_from_at && at < window.from_at) {
        if (lines.flow[i] == kImport) totals[ent].previous_import_value += lines.value[i];
        continue;
      }
      if (at < window.from_at || at >= window.to_at) continue;
      if (!group_open || lines.declaration[i] != group_decl || ent != group_ent) {
        close_group();
        group_open = true, group_decl = lines.declaration[i], group_ent = ent;
        group_channel = 0, group_amend = 0, group_office = lines.office[i];
      }
      group_channel = std::max(group_channel, lines.channel[i]);
      group_amend = std::max(group_amend, lines.amendments[i]);
      if (lines.offices[lines.office[i]] < lines.offices[group_office]) group_office = lines.office[i];
      Totals& t = totals[ent];
      t.total_value += lines.value[i];
      if (lines.flow[i] != kImport) continue;
      t.import_value += lines.value[i];
      t.import_duty += lines.duty[i];
      if (lines.preferential[i]) t.preferential_value += lines.value[i];
      const std::uint64_t key = std::uint64_t{ent} * 10000 + lines.hs4[i];
      bool added = false;
      const auto k = headings.find_or_add(key, added);
      if (added) heading_keys.push_back(key), heading_value.push_back(0), heading_duty.push_back(0);
      heading_value[k] += lines.value[i];
      heading_duty[k] += lines.duty[i];
    }
    close_group();
  }
};

}  // namespace

std::vector<IndicatorValues> compute_indicators(const LineColumns& lines, const RunWindow& window,
                                                std::int64_t min_declarations, unsigned threads) {
  const std::size_t n = lines.size(), enterprises = lines.tax_codes.size();
  // Lines of one declaration and enterprise must follow each other: visit them in (declaration, enterprise)
  // order; the loaders already deliver that order, so the sort is only a fallback.
  std::vector<std::uint32_t> order;
  bool ordered = true;
  for (std::size_t i = 1; i < n && ordered; ++i)
    ordered = lines.declaration[i - 1] < lines.declaration[i] ||
              (lines.declaration[i - 1] == lines.declaration[i] && lines.enterprise[i - 1] <= lines.enterprise[i]);
  if (!ordered) {
    order.resize(n);
    std::iota(order.begin(), order.end(), 0u);
    std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
      return lines.declaration[a] != lines.declaration[b] ? lines.declaration[a] < lines.declaration[b]
                                                          : lines.enterprise[a] < lines.enterprise[b];
    });
  }
  // The line pass, split by enterprise: each thread writes only its own enterprises' totals.
  const unsigned parts = std::clamp(threads, 1u, 8u);
  std::vector<Totals> totals(enterprises);
  std::vector<LinePass> passes;
  for (unsigned p = 0; p < parts; ++p) passes.emplace_back(enterprises, parts);
  {
    std::vector<std::exception_ptr> errors(parts);
    std::vector<std::thread> workers;
    const auto work = [&](unsigned p) {
      try {
        passes[p].run(lines, order, window, totals, p, parts);
      } catch (...) {
        errors[p] = std::current_exception();
      }
    };
    for (unsigned p = 1; p < parts; ++p) workers.emplace_back(work, p);
    work(0);
    for (auto& w : workers) w.join();
    for (auto& e : errors)
      if (e) std::rethrow_exception(e);
  }

  // The median rate of the importers of each 4-digit heading.
  // (a median does not depend on the order of its values)
  std::vector<std::vector<double>> rates(10000);
  for (const auto& pass : passes)
    for (std::size_t k = 0; k < pass.heading_keys.size(); ++k)
      if (pass.heading_value[k] > 0)
        rates[pass.heading_keys[k] % 10000].push_back(double(pass.heading_duty[k]) / double(pass.heading_value[k]));
  std::vector<double> median(10000, 0);
  for (std::size_t h = 0; h < rates.size(); ++h)
    if (!rates[h].empty()) median[h] = median_of(rates[h]);
  // Peer rate: the medians weighted by the enterprise's own value mix.
  std::vector<double> peer_weighted(enterprises, 0), peer_value(enterprises, 0);
  for (const auto& pass : passes)
    for (std::size_t k = 0; k < pass.heading_keys.size(); ++k) {
      if (pass.heading_value[k] <= 0) continue;
      const auto ent = static_cast<std::size_t>(pass.heading_keys[k] / 10000);
      peer_weighted[ent] += double(pass.heading_value[k]) * median[pass.heading_keys[k] % 10000];
      peer_value[ent] += double(pass.heading_value[k]);
    }
  // Home office: where the enterprise registered the most declarations in the period (ties: lowest code).
  std::vector<std::int64_t> home_count(enterprises, 0);
  std::vector<std::int32_t> home(enterprises, -1);
  for (const auto& pass : passes)
    for (std::size_t k = 0; k < pass.office_keys.size(); ++k) {
      const auto ent = static_cast<std::size_t>(pass.office_keys[k] >> 16);
      const auto off = static_cast<std::int32_t>(pass.office_keys[k] & 0xFFFF);
      if (pass.office_count[k] > home_count[ent] ||
          (pass.office_count[k] == home_count[ent] && home[ent] >= 0 && lines.offices[off] < lines.offices[home[ent]]))
        home_count[ent] = pass.office_count[k], home[ent] = off;
    }

  std::vector<IndicatorValues> out;
  for (std::size_t e = 0; e < enterprises; ++e) {
    const Totals& t = totals[e];
    if (t.declarations < min_declarations || t.declarations == 0) continue;
    IndicatorValues v;
    v.tax_code = lines.tax_codes[e];
    v.home_office = home[e] >= 0 ? lines.offices[home[e]] : "";
    v.declarations = t.declarations, v.red = t.red, v.amendments = t.amendments;
    v.import_value = t.import_value, v.total_value = t.total_value, v.preferential_value = t.preferential_value;
    v.previous_import_value = t.previous_import_value;
    v.own_duty_rate = t.import_value > 0 ? double(t.import_duty) / double(t.import_value) : 0;
    v.peer_duty_rate = peer_value[e] > 0 ? peer_weighted[e] / peer_value[e] : 0;
    out.push_back(std::move(v));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.tax_code < b.tax_code; });
  return out;
}

}  // namespace hq::audit::risk
