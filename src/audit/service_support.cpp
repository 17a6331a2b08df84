#include "audit/service_support.h"

#include <random>

#include "core/error.h"
#include "core/time.h"
#include "identity/units.h"
#include "platform/calendar_store.h"

namespace hq::audit::detail {

std::string random_token() {
  std::random_device device;
  std::string token;
  static constexpr char kHex[] = "0123456789abcdef";
  for (int i = 0; i < 8; ++i) {
    const auto word = device();
    for (int j = 0; j < 4; ++j) token += kHex[(word >> (j * 8)) & 0xF], token += kHex[(word >> (j * 8 + 4)) & 0xF];
  }
  return token;
}

std::string action_name(Action action) {
  switch (action) {
    case Action::Submit: return "gửi";
    case Action::Approve: return "phê duyệt";
    case Action::Reject: return "từ chối";
    case Action::Pause: return "tạm dừng";
    case Action::Resume: return "tiếp tục";
    case Action::Cancel: return "hủy";
    case Action::SendResults: return "gửi kết quả";
    case Action::ApproveResults: return "phê duyệt kết quả";
    case Action::ReturnResults: return "trả lại kết quả";
  }
  return "";
}

std::string department_path(soci::session& sql) {
  auto unit = identity::find_unit(sql, kAuditDepartmentCode);
  return unit ? unit->path : "";
}

void require_audit_user(const core::Principal& caller) {
  if (!is_audit_user(caller))
    core::forbidden("Chức năng này dành cho công chức và lãnh đạo kiểm tra sau thông quan.");
}

ProposalFacts facts_of(const store::Proposal& p) {
  return ProposalFacts{p.id, p.status, p.paused_from, parse_place(p.place).value_or(Place::Premises), p.year,
                       p.submitted_at ? p.submitted_at : p.created_at};
}

history::Change change(std::string action, std::string type, std::int64_t id, std::string summary) {
  return history::Change{std::move(action), std::move(type), std::to_string(id), std::move(summary)};
}


// Open items for the same enterprise: the same kind from any unit, the other kind from other units only
// (a unit's own collection is the normal prelude to its proposal, not a duplicate of it).
std::vector<Duplicate> duplicates_for(soci::session& sql, std::int64_t enterprise_id, const std::string& self_kind,
                                      std::int64_t self_id, std::int64_t self_unit) {
  std::vector<Duplicate> list;
  for (const auto& p : store::proposals_of_enterprise(sql, enterprise_id)) {
    if ((self_kind == "PROPOSAL" && p.id == self_id) || !is_duplicate_of_new(p.status)) continue;
    if (self_kind != "PROPOSAL" && p.unit_id == self_unit) continue;
    if (p.status == "APPROVED" && store::conclusion_of(sql, p.id)) continue;  // the audit is over
    list.push_back({"PROPOSAL", p.id, p.number, p.unit_code, p.unit_name, p.status, p.place, p.created_at, p.source});
  }
  for (const auto& c : store::collections_of_enterprise(sql, enterprise_id)) {
    if ((self_kind == "COLLECTION" && c.id == self_id) || !is_duplicate_of_new(c.status)) continue;
    if (self_kind != "COLLECTION" && c.unit_id == self_unit) continue;
    list.push_back({"COLLECTION", c.id, c.number, c.unit_code, c.unit_name, c.status, "", c.proposed_at, c.source});
  }
  return list;
}

// The due dates a collection shows, on today's calendar (see store::Collection).
void set_due_dates(const core::WorkingCalendar& calendar, store::Collection& c) {
  const auto day = [](std::int64_t at) { return core::to_local(at).date; };
  c.approval_due_on = date_text(collection_approval_due(calendar, day(c.proposed_at)));
  c.results_due_on =
      c.result_submitted_at ? date_text(collection_results_due(calendar, day(c.result_submitted_at))) : std::string();
}

std::vector<store::Collection> with_due_dates(soci::session& sql, std::vector<store::Collection> list) {
  if (list.empty()) return list;
  const auto calendar = platform::load_calendar(sql);
  for (auto& c : list) set_due_dates(calendar, c);
  return list;
}

// What every audit user may know of an item of a unit it may not read: that it exists, whose it is, its state
// and period — what the duplicate rules (seed 000 §2.1, §2.2 rule 3) need. Grounds, signs, findings, amounts,
// penalties and complaints stay with those who may read the unit (rules.h: may_read_unit).
void restrict_proposal(store::Proposal& p) {
  p.grounds.clear(), p.grounds_kind.clear(), p.reason.clear(), p.proposed_by.clear(), p.decided_by.clear();
  p.restricted = true;
}

void restrict_collection(store::Collection& c) {
  c.signs.clear(), c.risk_areas.clear(), c.reason.clear(), c.proposed_by.clear(), c.decided_by.clear();
  c.results.clear();
  c.has_findings = false;
  c.restricted = true;
}

// The loser of two concurrent transitions of one item: its UPDATE … WHERE status = :from changed no row.
[[noreturn]] void changed_meanwhile(const std::string& what) {
  core::conflict("INVALID_TRANSITION", what + " vừa được người khác xử lý, trạng thái đã thay đổi; hãy tải lại để xem "
                                              "trạng thái mới.");
}

void refuse_stq01(const std::string& source, const std::string& number) {
  if (source == "STQ01")
    core::conflict("STQ01_READ_ONLY", "Hồ sơ " + number + " được chuyển từ hệ thống STQ01 và chỉ để tra cứu, phát hiện "
                                      "trùng: không xử lý được trên STQ02.");
}

std::string advance_collection(store::Collection& c, Action action, const std::string& refusal) {
  const auto next = next_status(Machine::Collection, c.status, c.paused_from, action);
  if (!next)
    core::conflict("INVALID_TRANSITION", refusal + " (hiện: «" + status_name(c.status) + "»).", {{"status", c.status}});
  std::string from = std::move(c.status);
  c.status = *next;
  return from;
}

void refuse_own_work(const core::Principal& caller, const std::string& created_by, const std::string& what) {
  if (is_own_work(caller, created_by))
    throw core::Error(core::ErrorKind::Forbidden, "OWN_WORK",
                      "Bạn đã lập " + what + " này nên không được tự phê duyệt; lãnh đạo khác của đơn vị hoặc cấp "
                      "trên phê duyệt.");
}

void check_amounts(const Amounts& amounts) {
  for (std::size_t i = 0; i < kAmountKeys.size(); ++i)
    if (amounts.values[i] < 0 || amounts.values[i] > kMaxAmount)
      core::bad_input("INVALID_AMOUNT", std::string("Số tiền «") + kAmountKeys[i] + "» phải là số đồng không âm.",
                      {{"field", std::string("amounts.") + kAmountKeys[i]}});
}

store::Proposal proposal_or_404(soci::session& sql, std::int64_t id) {
  auto p = store::find_proposal(sql, id);
  if (!p) throw Error(ErrorKind::NotFound, "PROPOSAL_NOT_FOUND", "Không tìm thấy đề xuất kiểm tra số " + std::to_string(id) + ".");
  return *p;
}

}  // namespace hq::audit::detail
