#include "eservices/rules.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "core/validation.h"

namespace hq::eservices {

bool is_staff(const core::Principal& p) {
  return p.is_platform_admin() || p.has_role(kOfficer) || p.has_role(kDeptLeader) || p.has_role(kUnitLeader) ||
         p.has_role(kHelpdesk);
}

bool is_leader(const core::Principal& p) { return p.has_role(kDeptLeader) || p.has_role(kUnitLeader); }

std::string scope_path(const core::Principal& p) {
  if (p.is_platform_admin()) return "/";
  if (p.unit_level != "DOI" || p.unit_path.size() < 2) return p.unit_path;
  const auto cut = p.unit_path.rfind('/', p.unit_path.size() - 2);  // "/1/4/9/" → "/1/4/"
  return cut == std::string::npos ? p.unit_path : p.unit_path.substr(0, cut + 1);
}

bool in_scope(const core::Principal& p, const std::string& unit_path) {
  const std::string scope = scope_path(p);
  return unit_path.compare(0, scope.size(), scope) == 0;
}

const std::vector<std::string>& all_statuses() {
  static const std::vector<std::string> statuses = {kReceived, kProcessing, kSupplement, kPendingDept, kPendingUnit,
                                                    kApproved, kFeeDue,     kPaid,       kDone,        kRefused};
  return statuses;
}

bool is_closed(const std::string& status) { return status == kDone || status == kRefused; }

std::string status_label(const std::string& s) {
  if (s == kReceived) return "Chờ phân công";
  if (s == kProcessing) return "Đang xử lý";
  if (s == kSupplement) return "Chờ bổ sung hồ sơ";
  if (s == kPendingDept) return "Chờ lãnh đạo bộ phận duyệt";
  if (s == kPendingUnit) return "Chờ lãnh đạo đơn vị duyệt";
  if (s == kApproved) return "Đã phê duyệt";
  if (s == kFeeDue) return "Chờ nộp phí, lệ phí";
  if (s == kPaid) return "Đã nộp phí, lệ phí";
  if (s == kDone) return "Đã trả kết quả";
  if (s == kRefused) return "Từ chối giải quyết";
  return s;
}

bool valid_mode(int mode) { return mode >= 1 && mode <= 5; }

std::string first_holder(int mode) {
  if (mode == 1 || mode == 2) return kHolderUnitLeader;
  if (mode == 3) return kHolderDeptLeader;
  return kHolderOfficer;
}

std::string next_holder(int mode, const std::string& holder) {
  if (holder == kHolderUnitLeader) return mode == 1 ? kHolderDeptLeader : kHolderOfficer;
  return kHolderOfficer;
}

std::string role_of_holder(const std::string& holder) {
  if (holder == kHolderUnitLeader) return kUnitLeader;
  if (holder == kHolderDeptLeader) return kDeptLeader;
  return kOfficer;
}

std::string proposal_status(int mode) { return mode == 2 ? kPendingUnit : kPendingDept; }

std::string round_robin(const std::vector<std::string>& officers, const std::vector<std::int64_t>& open_counts) {
  if (officers.empty() || officers.size() != open_counts.size()) return {};
  const auto best = std::min_element(open_counts.begin(), open_counts.end());
  return officers[static_cast<std::size_t>(best - open_counts.begin())];
}

UnixSeconds reception_time(const core::WorkingCalendar& calendar, UnixSeconds stored_at) {
  return calendar.next_working_moment(stored_at);
}

UnixSeconds due_time(const core::WorkingCalendar& calendar, UnixSeconds received_at, std::int64_t days) {
  return calendar.add_working_days(received_at, static_cast<int>(days));
}

UnixSeconds add_working_seconds(const core::WorkingCalendar& calendar, UnixSeconds t, std::int64_t seconds) {
  // Walk period by period: at most a few per day, and pauses last days, not years.
  UnixSeconds at = calendar.next_working_moment(t);
  while (seconds > 0) {
    const auto local = core::to_local(at);
    const int minute = local.hour * 60 + local.minute;
    const UnixSeconds midnight = at - (minute * 60 + local.second);
    bool inside = false;
    for (const auto& p : calendar.working_hours()) {
      if (minute >= p.start_minute && minute < p.end_minute) {
        const UnixSeconds end = midnight + p.end_minute * 60;
        if (end - at >= seconds) return at + seconds;
        seconds -= end - at;
        at = calendar.next_working_moment(end);
        inside = true;
        break;
      }
    }
    if (!inside) break;  // next_working_moment always lands in a period; never loop forever
  }
  return at;
}

std::int64_t remaining_seconds(const core::WorkingCalendar& calendar, UnixSeconds due_at, UnixSeconds now,
                               std::optional<UnixSeconds> paused_at) {
  return calendar.working_seconds_between(paused_at ? *paused_at : now, due_at);
}

std::string remaining_label(const core::WorkingCalendar& calendar, std::int64_t seconds) {
  std::int64_t per_day = 0;
  for (const auto& p : calendar.working_hours()) per_day += (p.end_minute - p.start_minute) * 60;
  if (per_day <= 0) per_day = 8 * 3600;
  const std::int64_t s = seconds < 0 ? -seconds : seconds;
  const std::int64_t days = s / per_day, hours = (s % per_day) / 3600;
  std::string text = std::to_string(days) + " ngày " + std::to_string(hours) + " giờ";
  if (days == 0 && hours == 0) text = std::to_string((s % 3600) / 60) + " phút";
  return (seconds < 0 ? "quá hạn " : "còn ") + text;
}

std::string dossier_number(const std::string& unit_code, UnixSeconds received_at, std::int64_t id) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%s-%04d-%06lld", unit_code.c_str(), core::to_local(received_at).date.year,
                static_cast<long long>(id));
  return buffer;
}

std::string result_number(UnixSeconds issued_at, std::int64_t id) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "KQ-%04d-%06lld", core::to_local(issued_at).date.year,
                static_cast<long long>(id));
  return buffer;
}

bool valid_tax_code(const std::string& text) {
  const auto code = core::parse_tax_code(text);
  return code && code->kind != core::TaxCodeKind::Personal && code->canonical == text;
}

bool valid_id_number(const std::string& text) {
  return (text.size() == 12 || text.size() == 9) &&
         std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
}

}  // namespace hq::eservices
