#include "audit/rules.h"

#include <algorithm>
#include <span>

#include "core/codes.h"
#include "core/error.h"

namespace hq::audit {

namespace {

template <std::size_t N>
bool contains(const std::array<const char*, N>& list, const std::string& value) {
  return std::any_of(list.begin(), list.end(), [&](const char* item) { return value == item; });
}

bool path_within(const std::string& path, const std::string& ancestor) {
  return !ancestor.empty() && path.compare(0, ancestor.size(), ancestor) == 0;
}

[[noreturn]] void duration_exceeded(const std::string& message, int allowed) {
  throw core::Error(core::ErrorKind::Unprocessable, "DURATION_EXCEEDED", message,
                    {{"field", "working_days"}, {"allowed", allowed}});
}

}  // namespace

bool is_audit_user(const core::Principal& p) {
  return p.has_role("audit.officer") || p.has_role("audit.leader") || p.is_platform_admin();
}

bool is_audit_leader(const core::Principal& p) { return p.has_role("audit.leader") || p.is_platform_admin(); }

bool in_audit_department(const core::Principal& p, const std::string& department_path) {
  return path_within(p.unit_path, department_path);
}

bool may_read_unit(const core::Principal& p, const std::string& unit_path, const std::string& department_path) {
  if (!is_audit_user(p)) return false;
  return p.sees_unit(unit_path) || in_audit_department(p, department_path);
}

bool may_approve_for(const core::Principal& p, const std::string& unit_path) {
  return is_audit_leader(p) && p.sees_unit(unit_path);
}

bool may_record_for(const core::Principal& p, const std::string& unit_path) {
  return is_audit_user(p) && p.sees_unit(unit_path);
}

bool may_keep_key_list(const core::Principal& p, const std::string& department_path) {
  return p.is_platform_admin() || (p.has_role("audit.leader") && in_audit_department(p, department_path));
}

bool is_own_work(const core::Principal& p, const std::string& created_by) {
  return !created_by.empty() && p.username == created_by;
}

std::optional<Place> parse_place(const std::string& text) {
  if (text == "PREMISES") return Place::Premises;
  if (text == "OFFICE") return Place::Office;
  return std::nullopt;
}

std::string place_code(Place place) { return place == Place::Premises ? "PREMISES" : "OFFICE"; }

std::string grounds_kind(const std::string& grounds) {
  return contains(kGroundKinds, grounds) ? grounds : "OTHER";
}

std::string status_name(const std::string& status) {
  static const std::pair<const char*, const char*> kNames[] = {
      {"DRAFT", "dự thảo"},       {"SUBMITTED", "chờ phê duyệt"}, {"APPROVED", "đã phê duyệt"},
      {"REJECTED", "bị từ chối"}, {"PAUSED", "tạm dừng"},         {"CANCELLED", "đã hủy"},
      {"RESULT_SUBMITTED", "chờ duyệt kết quả"}, {"COMPLETED", "đã hoàn thành"}, {"ENTERED", "đã nhập"},
      {"NEW", "mới"}};
  for (const auto& [code, name] : kNames)
    if (status == code) return name;
  return status;
}

namespace {
// The first six are the actions a route names; the results actions are named by their own routes.
constexpr core::Coded<Action> kActions[] = {
    {Action::Submit, "submit"},  {Action::Approve, "approve"},   {Action::Reject, "reject"},
    {Action::Pause, "pause"},    {Action::Resume, "resume"},     {Action::Cancel, "cancel"},
    {Action::SendResults, "results"}, {Action::ApproveResults, "approve_results"},
    {Action::ReturnResults, "return_results"}};
constexpr std::size_t kRouteActions = 6;

constexpr core::Coded<DecisionKind> kDecisionKinds[] = {
    {DecisionKind::Original, "ORIGINAL"}, {DecisionKind::Amendment, "AMENDMENT"},
    {DecisionKind::Extension, "EXTENSION"}, {DecisionKind::Cancellation, "CANCELLATION"}};
}  // namespace

std::optional<Action> parse_action(const std::string& text) {
  return core::parse_code(std::span(kActions).first(kRouteActions), text);
}

std::string action_code(Action action) { return core::code_of(kActions, action); }

bool is_open_status(const std::string& status) {
  return status != "REJECTED" && status != "CANCELLED" && status != "COMPLETED";
}

std::optional<std::string> next_status(Machine machine, const std::string& status, const std::string& paused_from,
                                       Action action) {
  for (const auto& t : kTransitions) {
    if (t.action != action || status != t.from || (t.machines & static_cast<unsigned>(machine)) == 0) continue;
    if (t.to[0] == '\0') return paused_from.empty() ? "SUBMITTED" : paused_from;
    return std::string(t.to);
  }
  return std::nullopt;
}

std::optional<std::string> next_status(const std::string& status, const std::string& paused_from, Action action) {
  return next_status(Machine::Proposal, status, paused_from, action);
}

bool holds_approval(const ProposalFacts& p) {
  return p.status == "APPROVED" || (p.status == "PAUSED" && p.paused_from == "APPROVED");
}

bool is_duplicate_of_new(const std::string& other_status) { return is_open_status(other_status); }

ApprovalBlock approval_block(const ProposalFacts& candidate, const std::vector<ProposalFacts>& others,
                             bool key_enterprise, std::int64_t& blocking_id) {
  blocking_id = 0;
  if (key_enterprise) return ApprovalBlock::KeyEnterprise;
  for (const auto& other : others) {
    if (other.id == candidate.id || other.year != candidate.year) continue;
    if (candidate.place == Place::Premises && other.place == Place::Premises && holds_approval(other)) {
      blocking_id = other.id;
      return ApprovalBlock::AlreadyApprovedThisYear;
    }
  }
  // First come, first served: the earliest submission wins (ids break ties of the same second).
  for (const auto& other : others) {
    if (other.id == candidate.id || other.year != candidate.year || other.status != "SUBMITTED") continue;
    const bool earlier = other.submitted_at < candidate.submitted_at ||
                         (other.submitted_at == candidate.submitted_at && other.id < candidate.id);
    if (earlier) {
      blocking_id = other.id;
      return ApprovalBlock::EarlierProposalPending;
    }
  }
  return ApprovalBlock::None;
}

Problem period_problem(const core::Date& from, const core::Date& to, const core::Date& today) {
  if (to < from) return {"INVALID_PERIOD", "Ngày kết thúc kỳ kiểm tra phải sau hoặc bằng ngày bắt đầu."};
  if (today < to) return {"INVALID_PERIOD", "Kỳ kiểm tra không được kéo dài quá ngày hôm nay."};
  core::Date earliest{today.year - kAuditWindowYears, today.month, today.day};
  if (!core::is_valid_date(earliest)) earliest.day = core::days_in_month(earliest.year, earliest.month);
  if (from < earliest)
    return {"PERIOD_OUTSIDE_WINDOW", "Chỉ được kiểm tra các tờ khai trong thời hạn 5 năm kể từ ngày đăng ký (từ ngày " +
                                         core::format_date(earliest) + ")."};
  return {};
}

std::optional<DecisionKind> parse_decision_kind(const std::string& text) { return core::parse_code(kDecisionKinds, text); }

std::string decision_kind_code(DecisionKind kind) { return core::code_of(kDecisionKinds, kind); }

int max_working_days(Place place) { return place == Place::Premises ? kPremisesMaxWorkingDays : kOfficeMaxWorkingDays; }

core::Date audit_end(const core::WorkingCalendar& calendar, const core::Date& start, int days) {
  core::Date first = start;
  while (!calendar.is_working_day(first)) first = core::add_days(first, 1);
  return calendar.add_working_days(first, std::max(days, 1) - 1);
}

core::Date entry_due(const core::WorkingCalendar& calendar, const core::Date& signed_on, int working_days) {
  return calendar.add_working_days(signed_on, working_days);
}

core::Date collection_approval_due(const core::WorkingCalendar& calendar, const core::Date& proposed_on) {
  return audit_end(calendar, proposed_on, 1);
}

core::Date collection_results_due(const core::WorkingCalendar& calendar, const core::Date& sent_on) {
  return entry_due(calendar, sent_on, kCollectionResultWorkingDays);
}

core::Date check_decision(const core::WorkingCalendar& calendar, Place place, const std::vector<DecisionFacts>& existing,
                          DecisionKind kind, const core::Date& signed_on, const core::Date& start_on, int working_days,
                          const core::Date& today) {
  const auto has = [&](DecisionKind k) {
    return std::any_of(existing.begin(), existing.end(), [k](const DecisionFacts& d) { return d.kind == k; });
  };
  if (today < signed_on)
    core::bad_input("INVALID_FIELD", "Ngày ký quyết định không được sau ngày hôm nay.", {{"field", "signed_on"}});
  if (has(DecisionKind::Cancellation))
    core::conflict("DECISION_CANCELLED", "Quyết định kiểm tra đã bị hủy bỏ: không thể nhập thêm quyết định.");
  if (kind == DecisionKind::Original && has(DecisionKind::Original))
    core::conflict("ORIGINAL_DECISION_EXISTS", "Đề xuất này đã có quyết định kiểm tra; hãy nhập quyết định sửa đổi.");
  if (kind != DecisionKind::Original && !has(DecisionKind::Original))
    core::conflict("ORIGINAL_DECISION_REQUIRED", "Cần nhập quyết định kiểm tra trước khi nhập quyết định này.");
  if (kind == DecisionKind::Cancellation) return signed_on;
  if (working_days < 1)
    core::bad_input("INVALID_FIELD", "Số ngày làm việc phải từ 1 trở lên.", {{"field", "working_days"}});
  if (kind == DecisionKind::Extension) {
    if (has(DecisionKind::Extension))
      duration_exceeded("Mỗi cuộc kiểm tra chỉ được gia hạn một lần.", 0);
    if (working_days > kExtensionMaxWorkingDays)
      duration_exceeded("Gia hạn kiểm tra tối đa " + std::to_string(kExtensionMaxWorkingDays) + " ngày làm việc.",
                        kExtensionMaxWorkingDays);
    return calendar.add_working_days(existing.back().end_on, working_days);
  }
  const int allowed = max_working_days(place);
  if (working_days > allowed)
    duration_exceeded(std::string("Kiểm tra tại ") + (place == Place::Premises ? "trụ sở người khai hải quan" : "trụ sở cơ quan hải quan") +
                          " tối đa " + std::to_string(allowed) + " ngày làm việc.",
                      allowed);
  if (start_on < signed_on)
    core::bad_input("INVALID_DATES", "Ngày bắt đầu kiểm tra không được trước ngày ký quyết định.", {{"field", "start_on"}});
  core::Date end = audit_end(calendar, start_on, working_days);
  for (const auto& d : existing)  // an amendment keeps the extension already granted
    if (d.kind == DecisionKind::Extension) end = calendar.add_working_days(end, d.working_days);
  return end;
}

namespace {
std::size_t amount_index(const std::string& key) {
  for (std::size_t i = 0; i < kAmountKeys.size(); ++i)
    if (key == kAmountKeys[i]) return i;
  throw std::out_of_range("unknown amount " + key);
}
}  // namespace

std::int64_t& Amounts::at(const std::string& key) { return values[amount_index(key)]; }

std::int64_t Amounts::get(const std::string& key) const { return values[amount_index(key)]; }

std::int64_t Amounts::tax_total() const {
  std::int64_t sum = 0;
  for (std::size_t i = 0; i < 6; ++i) sum += values[i];
  return sum;
}

std::int64_t Amounts::total() const { return tax_total() + get("late_interest") + get("penalty"); }

bool is_risk_area(const std::string& code) { return contains(kRiskAreas, code); }

std::string risk_area_name(const std::string& code) {
  static const std::pair<const char*, const char*> kNames[] = {
      {"VALUATION", "Trị giá"},
      {"CLASSIFICATION", "Phân loại, mã số HS"},
      {"ORIGIN", "Xuất xứ"},
      {"PROCESSING", "Gia công, sản xuất xuất khẩu"},
      {"EXEMPTION_REFUND", "Miễn, hoàn thuế"},
      {"LICENSING", "Giấy phép, chính sách mặt hàng"},
      {"OTHER", "Khác"}};
  for (const auto& [c, name] : kNames)
    if (code == c) return name;
  return code;
}

std::vector<std::string> search_words(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  const auto flush = [&] {
    if (!word.empty() && std::find(words.begin(), words.end(), word) == words.end()) words.push_back(word);
    word.clear();
  };
  for (const char c : text) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
      word += c;
    else if (c >= 'A' && c <= 'Z')
      word += static_cast<char>(c - 'A' + 'a');
    else
      flush();
  }
  flush();
  return words;
}

std::string joined_words(const std::vector<std::string>& words) {
  std::string joined = " ";
  for (const auto& w : words) joined += w + " ";
  return joined;
}

std::string prefix_end(const std::string& prefix) {
  std::string end = prefix;
  if (!end.empty()) ++end.back();
  return end;
}

bool is_compliance_level(std::int64_t level) { return level >= 0 && level <= 5; }

bool is_recipient_kind(const std::string& kind) {
  return std::any_of(kRecipientKinds.begin(), kRecipientKinds.end(), [&](const char* k) { return kind == k; });
}

}  // namespace hq::audit
