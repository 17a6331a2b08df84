#include "audit/escalation_rules.h"

#include <algorithm>

#include "core/codes.h"

namespace hq::audit {

namespace {

std::vector<std::string> segments(const std::string& path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start < path.size()) {
    const auto end = path.find('/', start);
    const auto stop = end == std::string::npos ? path.size() : end;
    if (stop > start) parts.push_back(path.substr(start, stop - start));
    start = stop + 1;
  }
  return parts;
}

std::string join_path(const std::vector<std::string>& parts, std::size_t count) {
  std::string path = "/";
  for (std::size_t i = 0; i < count; ++i) path += parts[i] + "/";
  return path;
}

}  // namespace

std::string escalation_path(const std::string& a, const std::string& b) {
  const auto pa = segments(a), pb = segments(b);
  std::size_t common = 0;
  while (common < pa.size() && common < pb.size() && pa[common] == pb[common]) ++common;
  if (common == 0) return "";
  // The ancestor is one of the two units: go one level up, unless it is the root.
  if ((common == pa.size() || common == pb.size()) && common > 1) --common;
  return join_path(pa, common);
}

std::int64_t unit_id_of_path(const std::string& path) {
  const auto parts = segments(path);
  if (parts.empty()) return 0;
  const std::string& last = parts.back();
  if (last.empty() || last.size() > 18 || !std::all_of(last.begin(), last.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return 0;
  return std::stoll(last);
}

core::Date escalation_day(const core::WorkingCalendar& calendar, const core::Date& blocked_on, int working_days) {
  return calendar.add_working_days(blocked_on, working_days);
}

namespace {
constexpr core::Coded<EscalationState> kStates[] = {
    {EscalationState::Waiting, "WAITING", "Đang chờ"},
    {EscalationState::Escalated, "ESCALATED", "Chờ lãnh đạo cấp trên quyết định"},
    {EscalationState::Proceed, "PROCEED", "Cho phép xét duyệt"},
    {EscalationState::Keep, "KEEP", "Giữ nguyên"},
    {EscalationState::Moot, "MOOT", "Không còn hiệu lực"}};
constexpr core::Coded<PeriodPhase> kPhases[] = {{PeriodPhase::Upcoming, "UPCOMING", "Chưa đến hạn đối chiếu"},
                                                {PeriodPhase::Reconcile, "RECONCILE", "Đang đối chiếu"},
                                                {PeriodPhase::PastDue, "PAST_DUE", "Đã qua hạn nộp"}};
}  // namespace

std::string escalation_state_code(EscalationState state) { return core::code_of(kStates, state, "WAITING"); }
std::string escalation_state_name(EscalationState state) { return core::name_of(kStates, state); }

std::optional<EscalationState> parse_escalation_state(const std::string& text) { return core::parse_code(kStates, text); }

EscalationState escalation_state(const EscalationFacts& f, const core::Date& today) {
  if (f.status == "PROCEED") return EscalationState::Proceed;
  if (f.status == "KEEP") return EscalationState::Keep;
  if (f.blocked_status != "SUBMITTED" || f.blocking_status != "SUBMITTED") return EscalationState::Moot;
  return today < f.escalates_on ? EscalationState::Waiting : EscalationState::Escalated;
}

std::optional<EscalationState> parse_escalation_decision(const std::string& text) {
  if (text == "PROCEED") return EscalationState::Proceed;
  if (text == "KEEP") return EscalationState::Keep;
  return std::nullopt;
}

std::vector<ProposalFacts> without_waived(const std::vector<ProposalFacts>& others,
                                          const std::vector<std::int64_t>& waived_ids) {
  std::vector<ProposalFacts> kept;
  for (const auto& o : others) {
    const bool waived = o.status == "SUBMITTED" && std::find(waived_ids.begin(), waived_ids.end(), o.id) != waived_ids.end();
    if (!waived) kept.push_back(o);
  }
  return kept;
}

core::Date reminder_day(const core::WorkingCalendar& calendar, const core::Date& due_on) {
  return calendar.add_working_days(due_on, -kReconcileWorkingDaysBefore);
}

std::string period_phase_code(PeriodPhase phase) { return core::code_of(kPhases, phase, "UPCOMING"); }
std::string period_phase_name(PeriodPhase phase) { return core::name_of(kPhases, phase); }

PeriodPhase period_phase(const core::Date& reminder_on, const core::Date& due_on, const core::Date& today) {
  if (today < reminder_on) return PeriodPhase::Upcoming;
  return due_on < today ? PeriodPhase::PastDue : PeriodPhase::Reconcile;
}

bool is_reporting_level(const std::string& level) { return level == "CUC" || level == "CHI_CUC"; }

Problem report_period_problem(const core::Date& from, const core::Date& to, const core::Date& due_on) {
  if (to < from) return {"INVALID_PERIOD", "Ngày cuối kỳ báo cáo phải sau hoặc bằng ngày đầu kỳ."};
  if (due_on < to) return {"INVALID_DUE_DATE", "Hạn nộp báo cáo phải sau hoặc bằng ngày cuối kỳ."};
  if (core::add_days(to, 366) < due_on) return {"INVALID_DUE_DATE", "Hạn nộp báo cáo phải trong vòng một năm sau kỳ báo cáo."};
  if (core::add_days(from, 366) < to) return {"INVALID_PERIOD", "Kỳ báo cáo dài nhất một năm."};
  return {};
}

}  // namespace hq::audit
