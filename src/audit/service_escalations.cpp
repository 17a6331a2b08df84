#include "audit/service_escalations.h"

#include <algorithm>
#include <set>

#include "audit/service_support.h"
#include "audit/store.h"
#include "core/error.h"
#include "core/text.h"
#include "history/history_store.h"
#include "identity/units.h"
#include "platform/calendar_store.h"
#include "platform/settings_store.h"

namespace hq::audit {

namespace detail {

int escalation_working_days(soci::session& sql) {
  const auto text = platform::read_setting(sql, kEscalationSetting);
  if (!text || text->empty() || text->size() > 3 || !std::all_of(text->begin(), text->end(), ::isdigit))
    return kDefaultEscalationWorkingDays;
  const int days = std::stoi(*text);
  return days >= 1 && days <= kMaxEscalationWorkingDays ? days : kDefaultEscalationWorkingDays;
}

void notify_unit(soci::session& sql, std::int64_t unit_id, const std::string& kind, const std::string& entity_type,
                 std::int64_t entity_id, const std::string& message, std::int64_t at) {
  store::Notice n;
  n.unit_id = unit_id;
  n.kind = kind;
  n.entity_type = entity_type;
  n.entity_id = entity_id;
  n.message = message;
  n.created_at = at;
  store::insert_notice(sql, n);
}

void note_submitted_proposal(soci::session& sql, const store::Proposal& p, const std::vector<Duplicate>& duplicates,
                             std::int64_t at) {
  // First come, first served: every earlier pending proposal of another unit for the same enterprise and year
  // blocks this one; the block escalates to the leader above both units after N working days.
  const ProposalFacts self = facts_of(p);
  for (const auto& o : store::proposals_of_enterprise(sql, p.enterprise_id)) {
    if (o.id == p.id || o.unit_id == p.unit_id || o.year != p.year || o.status != "SUBMITTED") continue;
    const ProposalFacts other = facts_of(o);
    const bool earlier = other.submitted_at < self.submitted_at ||
                         (other.submitted_at == self.submitted_at && other.id < self.id);
    if (!earlier) continue;
    const std::int64_t unit = unit_id_of_path(escalation_path(p.unit_path, o.unit_path));
    if (!unit) continue;
    store::Escalation e;
    e.blocked_id = p.id;
    e.blocking_id = o.id;
    e.unit_id = unit;
    e.blocked_since = self.submitted_at;
    store::open_escalation(sql, e);
  }
  // The other units learn that this proposal duplicates their open items (one notice per unit).
  std::set<std::string> told;
  for (const auto& d : duplicates) {
    if (d.unit_code == p.unit_code || !told.insert(d.unit_code).second) continue;
    const auto unit = identity::find_unit(sql, d.unit_code);
    if (!unit) continue;
    notify_unit(sql, unit->id, "DUPLICATE", "audit_proposal", p.id,
                "Đơn vị " + p.unit_code + " đã gửi đề xuất kiểm tra " + p.number + " đối với doanh nghiệp " + p.tax_code +
                    " (" + p.enterprise_name + "), trùng với " + (d.kind == "PROPOSAL" ? "đề xuất " : "đề xuất thu thập thông tin ") +
                    d.number + " của đơn vị bạn.",
                at);
  }
}

std::vector<ProposalFacts> rule4_facts(soci::session& sql, const store::Proposal& p,
                                       const std::vector<ProposalFacts>& others) {
  return without_waived(others, store::waived_blockers(sql, p.id));
}

}  // namespace detail

namespace {

void require_key_list_keeper(soci::session& sql, const core::Principal& caller) {
  require_audit_user(caller);
  if (!may_keep_key_list(caller, department_path(sql)))
    core::forbidden("Chỉ lãnh đạo Cục Kiểm tra sau thông quan hoặc quản trị hệ thống được thay đổi thời hạn chuyển cấp trên.");
}

EscalationView view_of(const store::Escalation& e, const core::WorkingCalendar& calendar, int days,
                       const core::Date& today, const core::Principal& caller) {
  EscalationView v;
  v.escalation = e;
  const core::Date since = core::to_local(e.blocked_since).date;
  const core::Date on = escalation_day(calendar, since, days);
  v.escalates_on = core::format_date(on);
  v.state = escalation_state({e.status, e.blocked_status, e.blocking_status, on}, today);
  v.may_decide = v.state == EscalationState::Escalated && may_approve_for(caller, e.unit_path) &&
                 !is_own_work(caller, e.blocked_by) && !is_own_work(caller, e.blocking_by);
  return v;
}

}  // namespace

int AuditEscalations::working_days(const core::Principal& caller) {
  require_audit_user(caller);
  return db_.read([&](soci::session& sql) { return escalation_working_days(sql); });
}

int AuditEscalations::set_working_days(const core::Principal& caller, int days) {
  if (days < 1 || days > kMaxEscalationWorkingDays)
    core::bad_input("INVALID_FIELD", "Số ngày làm việc trước khi chuyển lãnh đạo cấp trên phải từ 1 đến " +
                                         std::to_string(kMaxEscalationWorkingDays) + ".",
                    {{"field", "escalation_working_days"}});
  return db_.transaction([&](soci::session& sql) {
    require_key_list_keeper(sql, caller);
    const int before = escalation_working_days(sql);
    platform::write_setting(sql, kEscalationSetting, std::to_string(days));
    history::append(sql, caller, {"audit.settings.escalation", "audit_settings", "escalation_working_days",
                                  "Thời hạn chuyển lãnh đạo cấp trên khi đề xuất bị chặn: " + std::to_string(before) +
                                      " → " + std::to_string(days) + " ngày làm việc"});
    return days;
  });
}

std::vector<EscalationView> AuditEscalations::list(const core::Principal& caller, std::optional<EscalationState> state) {
  require_audit_user(caller);
  if (!is_audit_leader(caller)) core::forbidden("Danh sách đề xuất chuyển lãnh đạo cấp trên dành cho lãnh đạo.");
  return db_.read([&](soci::session& sql) {
    const auto calendar = platform::load_calendar(sql);
    const int days = escalation_working_days(sql);
    const core::Date today = core::to_local(clock_()).date;
    std::vector<EscalationView> list;
    for (const auto& e : store::escalations_under(sql, caller.visible_root(), "")) {
      auto v = view_of(e, calendar, days, today, caller);
      if (!state || v.state == *state) list.push_back(std::move(v));
    }
    return list;
  });
}

EscalationView AuditEscalations::decide(const core::Principal& caller, std::int64_t id, EscalationState decision,
                                        const std::string& note) {
  require_audit_user(caller);
  return db_.transaction([&](soci::session& sql) {
    auto e = store::find_escalation(sql, id);
    // Outside the caller's subtree it does not exist for them.
    if (!e || !caller.sees_unit(e->unit_path))
      throw core::Error(core::ErrorKind::NotFound, "ESCALATION_NOT_FOUND", "Không tìm thấy đề xuất chuyển cấp trên số " +
                                                                             std::to_string(id) + ".");
    if (!may_approve_for(caller, e->unit_path))
      core::forbidden("Chỉ lãnh đạo của đơn vị " + e->unit_code + " (cấp trên của cả hai đơn vị) hoặc cấp trên được quyết định.");
    refuse_own_work(caller, e->blocked_by, "đề xuất " + e->blocked_number);
    refuse_own_work(caller, e->blocking_by, "đề xuất " + e->blocking_number);
    store::lock_enterprise(sql, store::find_proposal(sql, e->blocked_id)->enterprise_id);
    e = store::find_escalation(sql, id);
    const auto calendar = platform::load_calendar(sql);
    const core::Date today = core::to_local(clock_()).date;
    const EscalationView before = view_of(*e, calendar, escalation_working_days(sql), today, caller);
    if (before.state == EscalationState::Waiting)
      core::conflict("NOT_ESCALATED_YET", "Đề xuất " + e->blocked_number + " mới chờ chưa đủ thời hạn; sẽ chuyển lãnh đạo cấp trên ngày " +
                                              before.escalates_on + ".",
                     {{"escalates_on", before.escalates_on}});
    if (before.state != EscalationState::Escalated)
      core::conflict("INVALID_TRANSITION", "Việc chuyển cấp trên này đã được quyết định hoặc không còn hiệu lực (trạng thái " +
                                               escalation_state_code(before.state) + ").",
                     {{"state", escalation_state_code(before.state)}});
    const std::string status = escalation_state_code(decision);
    const std::int64_t at = clock_();
    if (!store::decide_escalation(sql, id, status, caller.username, core::trim(note), at))
      changed_meanwhile("Việc chuyển cấp trên số " + std::to_string(id));
    const std::string outcome = decision == EscalationState::Proceed
                                    ? "cho phép xét duyệt đề xuất " + e->blocked_number + " của đơn vị " + e->blocked_unit_code +
                                          " không chờ đề xuất " + e->blocking_number + " của đơn vị " + e->blocking_unit_code
                                    : "giữ nguyên: đề xuất " + e->blocked_number + " chờ đề xuất trước " + e->blocking_number +
                                          " được xử lý";
    const std::string message = "Lãnh đạo " + e->unit_code + " đã quyết định về đề xuất trùng doanh nghiệp " + e->tax_code +
                                ": " + outcome + (note.empty() ? "" : " (ý kiến: " + core::trim(note) + ")") + ".";
    notify_unit(sql, e->blocked_unit_id, "ESCALATION_DECIDED", "audit_proposal", e->blocked_id, message, at);
    notify_unit(sql, e->blocking_unit_id, "ESCALATION_DECIDED", "audit_proposal", e->blocking_id, message, at);
    history::append(sql, caller, change("audit.proposal.escalation_" + std::string(decision == EscalationState::Proceed ? "proceed" : "keep"),
                                        "audit_proposal", e->blocked_id, "Quyết định của cấp trên: " + outcome));
    return view_of(*store::find_escalation(sql, id), calendar, escalation_working_days(sql), today, caller);
  });
}

NoticePage AuditEscalations::notices(const core::Principal& caller, bool unread_only, std::int64_t offset,
                                     std::int64_t limit) {
  require_audit_user(caller);
  return db_.read([&](soci::session& sql) {
    NoticePage page;
    page.items = store::notices_under(sql, caller.visible_root(), unread_only, offset, limit, page.total);
    page.unread = store::unread_notices_under(sql, caller.visible_root());
    return page;
  });
}

store::Notice AuditEscalations::mark_read(const core::Principal& caller, std::int64_t id) {
  require_audit_user(caller);
  return db_.transaction([&](soci::session& sql) {
    auto n = store::find_notice(sql, id);
    if (!n || !caller.sees_unit(n->unit_path))
      throw core::Error(core::ErrorKind::NotFound, "NOTICE_NOT_FOUND", "Không tìm thấy thông báo số " + std::to_string(id) + ".");
    store::mark_notice_read(sql, id, caller.username, clock_());  // already read: stays as first read
    return *store::find_notice(sql, id);
  });
}

}  // namespace hq::audit
