#include "audit/service.h"

#include <algorithm>

#include "audit/service_support.h"
#include "core/error.h"
#include "core/text.h"
#include "core/time.h"
#include "history/history_store.h"
#include "identity/units.h"
#include "platform/calendar_store.h"

namespace hq::audit {

// ---- decisions, conclusion, penalties, complaints ----

namespace {

void require_recorder(const core::Principal& caller, const store::Proposal& p) {
  if (!may_record_for(caller, p.unit_path))
    core::forbidden("Chỉ công chức, lãnh đạo của đơn vị " + p.unit_code + " hoặc đơn vị cấp trên được cập nhật cuộc kiểm tra này.");
  refuse_stq01(p.source, p.number);
}

void require_approved(const store::Proposal& p, const std::string& what) {
  if (p.status != "APPROVED")
    core::conflict("PROPOSAL_NOT_APPROVED", "Không thể nhập " + what + ": đề xuất " + p.number + " đang ở trạng thái «" +
                                                status_name(p.status) + "», chưa phải «đã phê duyệt».",
                   {{"status", p.status}});
}

}  // namespace

store::Decision AuditService::add_decision(const core::Principal& caller, std::int64_t proposal_id,
                                           const DecisionInput& input) {
  require_audit_user(caller);
  const auto kind = parse_decision_kind(input.kind);
  if (!kind) invalid("kind", "Loại quyết định phải là ORIGINAL, AMENDMENT, EXTENSION hoặc CANCELLATION.");
  if (core::trim(input.number).empty()) invalid("number", "Số quyết định là bắt buộc.");
  return db_.transaction([&](soci::session& sql) {
    const store::Proposal before = proposal_for(sql, proposal_id);
    require_recorder(caller, before);
    // Two decisions entered at once for one proposal: the enterprise's row lock makes the second wait and
    // read the first (PostgreSQL runs at read committed); the state is read again after the lock.
    store::lock_enterprise(sql, before.enterprise_id);
    const store::Proposal p = proposal_for(sql, proposal_id);
    require_approved(p, "quyết định kiểm tra");
    if (store::conclusion_of(sql, p.id))
      core::conflict("ALREADY_CONCLUDED", "Cuộc kiểm tra đã có kết luận: không thể nhập thêm quyết định.");
    const auto calendar = platform::load_calendar(sql);
    std::vector<DecisionFacts> existing;
    for (const auto& d : store::decisions_of(sql, p.id))
      existing.push_back({*parse_decision_kind(d.kind), static_cast<int>(d.working_days), *core::parse_date(d.end_on)});
    const core::Date day = today();
    const core::Date start = input.start_on.value_or(input.signed_on);
    const core::Date end = check_decision(calendar, *parse_place(p.place), existing, *kind, input.signed_on, start,
                                          input.working_days, day);
    store::Decision d;
    d.proposal_id = p.id;
    d.kind = decision_kind_code(*kind);
    d.number = core::trim(input.number);
    d.signed_on = date_text(input.signed_on);
    d.signer = input.signer;
    d.team = input.team;
    d.start_on = date_text(start);
    d.working_days = *kind == DecisionKind::Cancellation ? 0 : input.working_days;
    d.end_on = date_text(end);
    stamp_entry(d, calendar, input.signed_on, kDecisionEntryWorkingDays, day, caller.username, now());
    try {
      d.id = store::insert_decision(sql, d);
    } catch (const soci::soci_error& error) {  // the one-ORIGINAL index (migration 0203)
      if (!db::is_constraint_violation(error)) throw;
      core::conflict("ORIGINAL_DECISION_EXISTS", "Đề xuất này đã có quyết định kiểm tra; hãy nhập quyết định sửa đổi.");
    }
    store::open_deadline(sql, {0, p.unit_id, d.id, d.entered_at, "DECISION_ENTRY", "audit_decision",
                               "Nhập quyết định " + d.number, d.due_on, "", d.late});
    history::append(sql, caller, change("audit.decision.create", "audit_proposal", p.id,
                                        "Nhập quyết định " + d.kind + " số " + d.number + " ký ngày " + d.signed_on +
                                            (d.late ? " (nhập muộn, hạn " + d.due_on + ")" : "")));
    return d;
  });
}

store::Conclusion AuditService::add_conclusion(const core::Principal& caller, std::int64_t proposal_id,
                                               const ConclusionInput& input) {
  require_audit_user(caller);
  if (core::trim(input.number).empty()) invalid("number", "Số kết luận là bắt buộc.");
  check_amounts(input.amounts);
  if (input.declarations < 0) invalid("declarations", "Số tờ khai không được âm.");
  const core::Date day = today();
  if (day < input.signed_on) invalid("signed_on", "Ngày ký kết luận không được sau ngày hôm nay.");
  return db_.transaction([&](soci::session& sql) {
    const store::Proposal p = proposal_for(sql, proposal_id);
    require_recorder(caller, p);
    require_approved(p, "kết luận kiểm tra");
    store::lock_enterprise(sql, p.enterprise_id);
    if (store::conclusion_of(sql, p.id))
      core::conflict("CONCLUSION_EXISTS", "Cuộc kiểm tra theo đề xuất " + p.number + " đã có kết luận.");
    const auto decisions = store::decisions_of(sql, p.id);
    // A conclusion concludes the audit an original decision ordered (seed 000 §2.4; issue 13 §3).
    if (std::none_of(decisions.begin(), decisions.end(), [](const store::Decision& d) { return d.kind == "ORIGINAL"; }))
      core::conflict("ORIGINAL_DECISION_REQUIRED", "Đề xuất " + p.number + " chưa có quyết định kiểm tra (quyết định gốc): "
                                                   "hãy nhập quyết định trước khi nhập kết luận.");
    for (const auto& d : decisions) {
      if (d.kind == "CANCELLATION")
        core::conflict("DECISION_CANCELLED", "Quyết định kiểm tra đã bị hủy bỏ: không thể nhập kết luận.");
      if (d.kind == "ORIGINAL" && date_text(input.signed_on) < d.signed_on)
        core::bad_input("INVALID_DATES", "Ngày ký kết luận không được trước ngày ký quyết định kiểm tra (" + d.signed_on + ").",
                        {{"field", "signed_on"}});
    }
    const auto calendar = platform::load_calendar(sql);
    store::Conclusion c;
    c.proposal_id = p.id;
    c.number = core::trim(input.number);
    c.signed_on = date_text(input.signed_on);
    c.findings = input.findings;
    c.declarations = input.declarations;
    c.amounts = input.amounts;
    c.has_violation = input.has_violation.value_or(input.amounts.total() > 0);
    c.status = "ENTERED";
    stamp_entry(c, calendar, input.signed_on, kConclusionEntryWorkingDays, day, caller.username, now());
    try {
      c.id = store::insert_conclusion(sql, c);
    } catch (const soci::soci_error& error) {
      if (!db::is_constraint_violation(error)) throw;
      core::conflict("CONCLUSION_EXISTS", "Cuộc kiểm tra theo đề xuất " + p.number + " đã có kết luận.");
    }
    store::open_deadline(sql, {0, p.unit_id, c.id, c.entered_at, "CONCLUSION_ENTRY", "audit_conclusion",
                               "Nhập kết luận " + c.number, c.due_on, "", c.late});
    history::append(sql, caller, change("audit.conclusion.create", "audit_proposal", p.id,
                                        "Nhập kết luận số " + c.number + " ký ngày " + c.signed_on + ", tổng số tiền " +
                                            std::to_string(c.amounts.total()) + " đồng" +
                                            (c.late ? " (nhập muộn, hạn " + c.due_on + ")" : "")));
    return c;
  });
}

store::Decision AuditService::approve_decision(const core::Principal& caller, std::int64_t proposal_id,
                                               std::int64_t decision_id) {
  require_audit_user(caller);
  return db_.transaction([&](soci::session& sql) {
    const store::Proposal p = proposal_for(sql, proposal_id);
    if (!may_approve_for(caller, p.unit_path))
      core::forbidden("Chỉ lãnh đạo đơn vị " + p.unit_code + " hoặc cấp trên được phê duyệt quyết định kiểm tra.");
    refuse_stq01(p.source, p.number);
    const auto decisions = store::decisions_of(sql, p.id);
    const auto d = std::find_if(decisions.begin(), decisions.end(), [&](const auto& x) { return x.id == decision_id; });
    if (d == decisions.end())
      throw Error(ErrorKind::NotFound, "DECISION_NOT_FOUND",
                  "Đề xuất " + p.number + " không có quyết định số hiệu nội bộ " + std::to_string(decision_id) + ".");
    refuse_own_work(caller, d->entered_by, "quyết định số " + d->number);
    const auto next = next_status(Machine::Decision, d->status, "", Action::Approve);
    if (!next)
      core::conflict("INVALID_TRANSITION", "Quyết định số " + d->number + " đã được phê duyệt.", {{"status", d->status}});
    const std::int64_t at = now();
    if (!store::approve_decision(sql, d->id, caller.username, at)) changed_meanwhile("Quyết định số " + d->number);
    history::append(sql, caller, change("audit.decision.approve", "audit_proposal", p.id,
                                        "Phê duyệt quyết định " + d->kind + " số " + d->number));
    store::Decision approved = *d;
    approved.status = *next;
    approved.approved_by = caller.username;
    approved.approved_at = at;
    return approved;
  });
}

store::Conclusion AuditService::approve_conclusion(const core::Principal& caller, std::int64_t proposal_id) {
  return db_.transaction([&](soci::session& sql) {
    const store::Proposal p = proposal_for(sql, proposal_id);
    if (!may_approve_for(caller, p.unit_path)) core::forbidden("Chỉ lãnh đạo được phê duyệt kết luận kiểm tra.");
    refuse_stq01(p.source, p.number);
    auto c = store::conclusion_of(sql, p.id);
    if (!c) core::conflict("CONCLUSION_REQUIRED", "Cuộc kiểm tra chưa có kết luận để phê duyệt.");
    refuse_own_work(caller, c->entered_by, "kết luận số " + c->number);
    if (!next_status(Machine::Conclusion, c->status, "", Action::Approve))
      core::conflict("INVALID_TRANSITION", "Kết luận đã được phê duyệt.");
    if (!store::approve_conclusion(sql, c->id, caller.username, now())) changed_meanwhile("Kết luận số " + c->number);
    history::append(sql, caller, change("audit.conclusion.approve", "audit_proposal", p.id, "Phê duyệt kết luận số " + c->number));
    return *store::conclusion_of(sql, p.id);
  });
}

store::Penalty AuditService::add_penalty(const core::Principal& caller, std::int64_t proposal_id, store::Penalty penalty) {
  require_audit_user(caller);
  if (core::trim(penalty.number).empty()) invalid("number", "Số quyết định xử phạt là bắt buộc.");
  if (penalty.amount < 0 || penalty.amount > kMaxAmount) core::bad_input("INVALID_AMOUNT", "Số tiền phạt phải là số đồng không âm.", {{"field", "amount"}});
  return db_.transaction([&](soci::session& sql) {
    const store::Proposal p = proposal_for(sql, proposal_id);
    require_recorder(caller, p);
    const auto c = store::conclusion_of(sql, p.id);
    if (!c) core::conflict("CONCLUSION_REQUIRED", "Quyết định xử phạt gắn với kết luận kiểm tra: hãy nhập kết luận trước.");
    if (penalty.signed_on < c->signed_on)
      core::bad_input("INVALID_DATES", "Ngày ký quyết định xử phạt không được trước ngày kết luận (" + c->signed_on + ").",
                      {{"field", "signed_on"}});
    penalty.proposal_id = p.id;
    penalty.entered_by = caller.username;
    penalty.entered_at = now();
    penalty.id = store::insert_penalty(sql, penalty);
    history::append(sql, caller, change("audit.penalty.create", "audit_proposal", p.id,
                                        "Nhập quyết định xử phạt số " + penalty.number + ", " +
                                            std::to_string(penalty.amount) + " đồng"));
    return penalty;
  });
}

store::Complaint AuditService::add_complaint(const core::Principal& caller, std::int64_t proposal_id,
                                             store::Complaint complaint) {
  require_audit_user(caller);
  if (core::trim(complaint.content).empty()) invalid("content", "Nội dung khiếu nại là bắt buộc.");
  return db_.transaction([&](soci::session& sql) {
    const store::Proposal p = proposal_for(sql, proposal_id);
    require_recorder(caller, p);
    if (!store::conclusion_of(sql, p.id))
      core::conflict("CONCLUSION_REQUIRED", "Khiếu nại gắn với kết luận kiểm tra: hãy nhập kết luận trước.");
    complaint.proposal_id = p.id;
    complaint.status = "FILED";
    complaint.entered_by = caller.username;
    complaint.entered_at = now();
    complaint.id = store::insert_complaint(sql, complaint);
    history::append(sql, caller, change("audit.complaint.create", "audit_proposal", p.id,
                                        "Ghi nhận khiếu nại ngày " + complaint.filed_on));
    return complaint;
  });
}

store::Complaint AuditService::decide_complaint(const core::Principal& caller, std::int64_t complaint_id,
                                                const core::Date& decided_on, const std::string& outcome) {
  require_audit_user(caller);
  if (core::trim(outcome).empty()) invalid("outcome", "Cần ghi kết quả giải quyết khiếu nại.");
  return db_.transaction([&](soci::session& sql) {
    auto c = store::find_complaint(sql, complaint_id);
    if (!c) core::not_found("Không tìm thấy khiếu nại số " + std::to_string(complaint_id) + ".");
    const store::Proposal p = proposal_for(sql, c->proposal_id);
    require_recorder(caller, p);
    if (c->status == "DECIDED") core::conflict("INVALID_TRANSITION", "Khiếu nại này đã được giải quyết.");
    if (date_text(decided_on) < c->filed_on)
      core::bad_input("INVALID_DATES", "Ngày giải quyết không được trước ngày khiếu nại.", {{"field", "decided_on"}});
    c->status = "DECIDED";
    c->decided_on = date_text(decided_on);
    c->outcome = outcome;
    if (!store::decide_complaint(sql, *c)) changed_meanwhile("Khiếu nại ngày " + c->filed_on);
    history::append(sql, caller, change("audit.complaint.decide", "audit_proposal", p.id,
                                        "Giải quyết khiếu nại ngày " + c->decided_on + ": " + outcome));
    return *c;
  });
}
}  // namespace hq::audit
