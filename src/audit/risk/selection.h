#pragma once
// Risk-based selection of audit targets (spec risk-selection.md): the built-in indicators, criteria sets,
// scoring, exclusions and classes, and the run's computation over columns loaded once. Pure: no SQL, no HTTP.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace hq::audit::risk {

struct IndicatorDef {
  const char *code, *name_vi, *name_en;
  bool has_peer;
};
inline constexpr std::array<IndicatorDef, 7> kIndicators = {{
    {"LOW_DUTY_RATE", "Thuế suất thực tế thấp hơn doanh nghiệp cùng nhóm hàng", "Effective duty rate below peers", true},
    {"RED_SHARE", "Tỷ lệ tờ khai luồng đỏ", "Share of red-channel declarations", false},
    {"AMENDMENT_RATE", "Số lần sửa đổi sau thông quan trên mỗi tờ khai", "Amendments after clearance per declaration", false},
    {"PREFERENTIAL_SHARE", "Tỷ trọng trị giá nhập khẩu hưởng ưu đãi xuất xứ", "Share of import value with a preferential claim", false},
    {"VALUE_GROWTH", "Tăng trưởng trị giá nhập khẩu so với kỳ trước", "Import value growth on the previous period", false},
    {"PAST_FINDINGS", "Số kết luận có số tiền truy thu, phạt trong 5 năm", "Conclusions with amounts in the last 5 years", false},
    {"NEVER_AUDITED", "Chưa được kiểm tra trong 5 năm, trị giá lớn", "Not audited in 5 years, material value", false},
}};
const IndicatorDef* find_indicator(std::string_view code);

// Why an enterprise is not proposed (it may still be listed as MONITOR).
inline constexpr const char* kKeyEnterprise = "KEY_ENTERPRISE";
inline constexpr const char* kAuditedThisYear = "AUDITED_THIS_YEAR";
inline constexpr const char* kHighestCompliance = "HIGHEST_COMPLIANCE";
constexpr std::int64_t kHighestComplianceLevel = 5;  // Circular 81/2019 as the directory stores it (5 = very high)

struct IndicatorSpec {
  std::string code;
  double weight = 1, threshold = 1;
};
struct CriteriaSet {
  std::int64_t id = 0, version = 0;
  std::string name;
  std::int64_t min_declarations = 1, material_value = 0;
  double cutoff_audit = 0, cutoff_monitor = 0;
  std::vector<IndicatorSpec> indicators;
};
// Throws core::Error BadInput INVALID_FIELD naming the field (Vietnamese).
void check_criteria_set(const CriteriaSet& set);
double max_score(const CriteriaSet& set);  // Σ weights

// The figures every indicator is read from, for one enterprise over a run's period (the C++ run and the SQL
// reference both produce these).
struct IndicatorValues {
  std::string tax_code, home_office;
  std::int64_t declarations = 0, red = 0, amendments = 0;
  std::int64_t import_value = 0, total_value = 0, preferential_value = 0, previous_import_value = 0;
  double own_duty_rate = 0, peer_duty_rate = 0;
  std::int64_t past_findings = 0;  // conclusions with amounts > 0 in the 5 years before the period's end
  bool audited_5y = false;         // an approved proposal in those 5 years
};
// What the directory and the audit tables say about an enterprise (absent from the directory: all false).
struct Standing {
  std::string name;
  bool key = false, audited_this_year = false, highest_compliance = false;
};

struct Reason {
  std::string code;
  double value = 0;
  std::optional<double> peer;
  double points = 0;
};
struct Candidate {
  std::int64_t rank = 0;
  std::string tax_code, name, klass, excluded_reason, home_office;
  double score = 0;
  std::vector<Reason> reasons;
};

double round6(double x);
// The median (the mean of the two middle values for an even count, as percentile_cont(0.5)); 0 when empty.
double median(std::vector<double> values);
// The indicator's value for an enterprise (before the threshold); peer where the indicator has one.
double indicator_value(const std::string& code, const IndicatorValues& v, std::int64_t material_value,
                       std::optional<double>& peer);
// Score and class; nullopt when the enterprise falls below the monitor cut-off (not listed).
std::optional<Candidate> assess(const CriteriaSet& set, const IndicatorValues& values, const Standing& standing);
// Orders by score (descending), then tax code, and numbers the ranks from 1.
void rank_candidates(std::vector<Candidate>& candidates);
// Score bands of the hit-rate feedback: five equal bands of [0, max score]; the band's index.
int score_band(double score, double max);

// ---- the run over columns ----
// Declaration lines as columns, loaded once for a run (enterprises and offices interned).
struct LineColumns {
  std::vector<std::string> tax_codes, offices;
  std::vector<std::uint32_t> enterprise;
  std::vector<std::uint16_t> office, hs4, amendments;
  std::vector<std::int64_t> declaration, registered_at, value, duty;
  std::vector<std::uint8_t> flow, channel, preferential;

  std::size_t size() const { return enterprise.size(); }
  void reserve(std::size_t n);
  std::uint32_t enterprise_index(std::string_view tax_code);
  std::uint16_t office_index(std::string_view code);
  // hs: at least 4 digits.
  void push(std::uint32_t ent, std::uint16_t off, std::int64_t declaration_no, std::int64_t at, std::uint8_t flow,
            std::string_view hs, std::int64_t value, std::int64_t duty, std::uint8_t preferential, std::uint8_t channel,
            std::int64_t amendments);
  // Appends `other`'s lines after ours, its enterprises and offices mapped to our indexes (two halves of a table
  // loaded at once, in heap order).
  void append(const LineColumns& other);

 private:
  // Tax codes of ten digits, with or without a "-ddd" branch suffix (all of them, in practice), are looked up as
  // numbers in an open-addressing table (a line's enterprise is looked up for every line loaded: a string hash
  // map spent a quarter of a national run there); anything else in the string map.
  // Key and value side by side: one cache line read per look-up (the table outgrows the caches at 1M codes).
  struct CodeSlot {
    std::uint64_t key = 0;  // number + 1; 0 = free
    std::uint32_t value = 0;
  };
  std::vector<CodeSlot> code_slots_;
  std::size_t code_count_ = 0;
  int code_bits_ = 0;
  std::unordered_map<std::string, std::uint32_t> enterprise_ids_;
  std::unordered_map<std::string, std::uint16_t> office_ids_;
};

// [from_at, to_at): the period; [previous_from_at, from_at): the previous period of equal length.
struct RunWindow {
  std::int64_t previous_from_at = 0, from_at = 0, to_at = 0;
};
// Line-based figures of every enterprise with at least `min_declarations` declarations in the period (past
// findings and audits are left for the caller), in tax-code order. The line pass is split by enterprise over
// `threads` threads (1–8); the result is the same for every number of threads, to the last bit.
std::vector<IndicatorValues> compute_indicators(const LineColumns& lines, const RunWindow& window,
                                                std::int64_t min_declarations, unsigned threads = 1);

}  // namespace hq::audit::risk
