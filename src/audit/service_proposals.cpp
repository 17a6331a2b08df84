#include "audit/service.h"

#include <algorithm>
#include <cstdio>
#include <optional>

#include "audit/risk/proposal_link.h"
#include "audit/service_support.h"
#include "core/error.h"
#include "core/text.h"
#include "core/time.h"
#include "history/history_store.h"
#include "identity/units.h"
#include "platform/calendar_store.h"

namespace hq::audit {

// ---- proposals ----

CreatedProposal AuditService::create_proposal(const core::Principal& caller, const ProposalInput& input) {
  require_audit_user(caller);
  const core::TaxCode code = parse_tax(input.tax_code);
  const auto place = parse_place(input.place);
  if (!place) invalid("place", "Nơi kiểm tra phải là PREMISES (trụ sở người khai hải quan) hoặc OFFICE (trụ sở cơ quan hải quan).");
  std::string grounds = core::trim(input.grounds);
  if (grounds.empty() && !input.risk_run_id) invalid("grounds", "Cần nêu căn cứ kiểm tra (Điều 78 Luật Hải quan).");
  const core::Date day = today();
  if (const Problem problem = period_problem(input.period_from, input.period_to, day)) {
    if (problem.code == "INVALID_PERIOD") core::bad_input(problem.code, problem.message, {{"field", "period_to"}});
    throw Error(ErrorKind::Unprocessable, problem.code, problem.message, {{"field", "period_from"}});
  }
  if (input.paper_approved_on && (*input.paper_approved_on > day || input.paper_approved_on->year < day.year - 1))
    invalid("paper_approved_on", "Ngày phê duyệt phiếu đề xuất giấy phải trong năm nay hoặc năm trước và không sau hôm nay (" +
                                     date_text(day) + ").");
  return db_.transaction([&](soci::session& sql) {
    const std::int64_t at = now();
    std::optional<risk::store::CandidateLink> candidate;
    if (input.risk_run_id) {  // a run's candidate stands in for the search
      candidate = risk::store::candidate_link(sql, input.risk_run_id, code.canonical);
      const bool nationwide = caller.is_platform_admin() || in_audit_department(caller, department_path(sql));
      if (!candidate || !risk::may_use_run(caller, candidate->run_unit_path, nationwide))
        core::not_found("Doanh nghiệp " + code.canonical + " không có trong danh sách đối tượng của đợt phân tích rủi ro số " +
                        std::to_string(input.risk_run_id) + " thuộc phạm vi của bạn.");
    } else if (input.search_id.empty() ||
        !store::search_valid(sql, input.search_id, caller.account_id, code.canonical, at - kSearchLifetimeSeconds))
      core::conflict("SEARCH_REQUIRED",
                     "Phải tra cứu doanh nghiệp " + code.canonical + " (GET /audit/search) và xem kết quả trước khi lập "
                     "đề xuất; kết quả tra cứu có hiệu lực 24 giờ.",
                     {{"field", "search_id"}});
    const store::Enterprise e = enterprise_for_item(sql, caller, code.canonical);
    store::lock_enterprise(sql, e.id);
    if (store::is_key_enterprise(sql, e.id, day.year))
      core::conflict("KEY_ENTERPRISE", "Doanh nghiệp " + e.tax_code + " thuộc danh sách doanh nghiệp trọng điểm năm " +
                                           std::to_string(day.year) + ": không được đề xuất kiểm tra.");
    store::Proposal p;
    p.year = day.year;
    p.enterprise_id = e.id;
    p.unit_id = caller.unit_id;
    p.place = place_code(*place);
    p.grounds_kind = grounds_kind(grounds);
    p.grounds = grounds;
    if (candidate) {
      char score[32];
      std::snprintf(score, sizeof score, "%.2f", candidate->score);
      p.grounds_kind = "RISK_MANAGEMENT";
      p.grounds = "Quản lý rủi ro: đợt phân tích số " + std::to_string(candidate->run_id) + ", điểm " + score +
                  (grounds.empty() || grounds == "RISK_MANAGEMENT" ? "" : "; " + grounds);
    }
    p.period_from = date_text(input.period_from);
    p.period_to = date_text(input.period_to);
    p.status = input.draft ? "DRAFT" : "SUBMITTED";
    p.source = "STQ02";
    p.proposed_by = caller.username;
    p.created_at = p.updated_at = at;
    p.submitted_at = input.draft ? 0 : at;
    if (input.paper_approved_on) {
      p.paper_approved_on = date_text(*input.paper_approved_on);
      p.entry_due_on = date_text(entry_due(platform::load_calendar(sql), *input.paper_approved_on, kProposalEntryWorkingDays));
      p.late = date_text(day) > p.entry_due_on;
    }
    const auto duplicates = duplicates_for(sql, e.id, "PROPOSAL", 0, caller.unit_id);
    p.duplicate_count = static_cast<std::int64_t>(duplicates.size());
    p.number = std::to_string(store::next_in_sequence(sql, "proposal", p.year)) + "/" + std::to_string(p.year) +
               "/ĐXKT-" + caller.unit_code;
    p.id = store::insert_proposal(sql, p);
    if (candidate) risk::store::link_proposal(sql, p.id, *candidate, at);
    std::string summary = "Lập đề xuất kiểm tra " + p.number + " doanh nghiệp " + e.tax_code + " tại " +
                          (p.place == "PREMISES" ? "trụ sở người khai hải quan" : "trụ sở cơ quan hải quan");
    if (!duplicates.empty()) summary += "; cảnh báo trùng với " + std::to_string(duplicates.size()) + " đề xuất khác";
    if (p.late) summary += "; nhập muộn (phê duyệt giấy ngày " + p.paper_approved_on + ", hạn nhập " + p.entry_due_on + ")";
    history::append(sql, caller, change("audit.proposal.create", "audit_proposal", p.id, summary));
    const store::Proposal created = proposal_for(sql, p.id);
    if (!input.draft) note_submitted_proposal(sql, created, duplicates, at);
    return CreatedProposal{created, duplicates};
  });
}

namespace {

void check_approval(soci::session& sql, const store::Proposal& p) {
  std::vector<ProposalFacts> others;
  std::vector<store::Proposal> all = store::proposals_of_enterprise(sql, p.enterprise_id);
  for (const auto& o : all) others.push_back(facts_of(o));
  others = rule4_facts(sql, p, others);  // earlier proposals a leader above let this one pass
  std::int64_t blocking = 0;
  const auto block = approval_block(facts_of(p), others, store::is_key_enterprise(sql, p.enterprise_id, p.year), blocking);
  const auto other = std::find_if(all.begin(), all.end(), [&](const store::Proposal& o) { return o.id == blocking; });
  const json details = other == all.end() ? json::object()
                                          : json{{"other_id", other->id}, {"other_number", other->number},
                                                 {"other_unit_code", other->unit_code}};
  switch (block) {
    case ApprovalBlock::None: break;
    case ApprovalBlock::KeyEnterprise:
      core::conflict("KEY_ENTERPRISE", "Doanh nghiệp " + p.tax_code + " thuộc danh sách doanh nghiệp trọng điểm năm " +
                                           std::to_string(p.year) + ": không được phê duyệt đề xuất kiểm tra.");
    case ApprovalBlock::AlreadyApprovedThisYear:
      core::conflict("ALREADY_APPROVED_THIS_YEAR",
                     "Doanh nghiệp " + p.tax_code + " đã có đề xuất kiểm tra tại trụ sở được phê duyệt trong năm " +
                         std::to_string(p.year) + " (đề xuất " + other->number + " của đơn vị " + other->unit_code + ").",
                     details);
    case ApprovalBlock::EarlierProposalPending:
      core::conflict("EARLIER_PROPOSAL_PENDING",
                     "Đề xuất " + other->number + " của đơn vị " + other->unit_code +
                         " được lập trước và đang chờ phê duyệt: theo nguyên tắc đề xuất trước được xét trước, "
                         "đề xuất này chưa thể phê duyệt.",
                     details);
  }
  // No two units audit one enterprise for overlapping periods (seed 001): an audit approved in an earlier year,
  // in any unit, whose period overlaps this one's.
  std::vector<risk::AuditPeriod> periods;
  for (const auto& o : all)
    periods.push_back({o.id, o.year, o.number, o.unit_code, o.period_from, o.period_to, holds_approval(facts_of(o))});
  if (const auto* o = risk::overlapping_audit({p.id, p.year, p.number, p.unit_code, p.period_from, p.period_to, false},
                                              periods))
    core::conflict("PERIOD_OVERLAP",
                   "Kỳ kiểm tra " + p.period_from + " – " + p.period_to + " chồng lấn cuộc kiểm tra theo đề xuất " +
                       o->number + " của đơn vị " + o->unit_code + " (kỳ " + o->period_from + " – " + o->period_to +
                       ", phê duyệt năm " + std::to_string(o->year) + "): không được kiểm tra một doanh nghiệp hai lần "
                       "cho cùng một thời kỳ.",
                   {{"other_id", o->id}, {"other_number", o->number}, {"other_unit_code", o->unit_code},
                    {"other_period_from", o->period_from}, {"other_period_to", o->period_to}});
}

}  // namespace

store::Proposal AuditService::act_on_proposal(const core::Principal& caller, std::int64_t id, Action action,
                                              const std::string& reason) {
  require_audit_user(caller);
  return db_.transaction([&](soci::session& sql) {
    store::Proposal p = proposal_for(sql, id);
    const bool leader = may_approve_for(caller, p.unit_path);
    const bool own = p.proposed_by == caller.username && (p.status == "DRAFT" || p.status == "SUBMITTED");
    const bool allowed = action == Action::Submit ? may_record_for(caller, p.unit_path)
                         : action == Action::Cancel ? leader || own
                                                    : leader;
    if (!allowed)
      core::forbidden("Bạn không có quyền " + action_name(action) + " đề xuất của đơn vị " + p.unit_code +
                      ": cần quyền lãnh đạo phê duyệt của đơn vị đó hoặc đơn vị cấp trên.");
    refuse_stq01(p.source, p.number);
    store::lock_enterprise(sql, p.enterprise_id);  // serialises decisions about one enterprise
    p = proposal_for(sql, id);
    const auto next = next_status(Machine::Proposal, p.status, p.paused_from, action);
    if (!next || (action == Action::Cancel && store::conclusion_of(sql, id)))
      core::conflict("INVALID_TRANSITION", "Không thể " + action_name(action) + " đề xuất đang ở trạng thái «" +
                                               status_name(p.status) + "».",
                     {{"status", p.status}});
    if (action == Action::Approve) refuse_own_work(caller, p.proposed_by, "đề xuất " + p.number);
    if (action == Action::Approve) check_approval(sql, p);
    const std::string from = p.status;
    const std::int64_t at = now();
    if (action == Action::Pause) p.paused_from = p.status, p.paused_at = at;
    if (action == Action::Resume) p.paused_from.clear();
    if (action == Action::Approve) p.approved_at = at, p.decided_by = caller.username;
    if (action == Action::Reject) p.rejected_at = at, p.decided_by = caller.username;
    if (action == Action::Cancel) p.cancelled_at = at;
    if (action == Action::Submit) p.submitted_at = at;
    if (!reason.empty()) p.reason = reason;
    p.status = *next;
    p.updated_at = at;
    const bool counts = p.place == "PREMISES" && holds_approval(facts_of(p));
    try {
      if (!store::update_proposal_state(sql, p, counts, from)) changed_meanwhile("Đề xuất " + p.number);
    } catch (const soci::soci_error& error) {
      if (!db::is_constraint_violation(error)) throw;
      core::conflict("ALREADY_APPROVED_THIS_YEAR", "Doanh nghiệp " + p.tax_code +
                                                       " đã có đề xuất kiểm tra tại trụ sở được phê duyệt trong năm " +
                                                       std::to_string(p.year) + ".");
    }
    std::string summary = "Chuyển đề xuất " + p.number + " sang trạng thái «" + status_name(p.status) + "»";
    if (!reason.empty()) summary += "; lý do: " + reason;
    history::append(sql, caller, change("audit.proposal." + action_code(action), "audit_proposal", p.id, summary));
    if (action == Action::Submit)
      note_submitted_proposal(sql, p, duplicates_for(sql, p.enterprise_id, "PROPOSAL", p.id, p.unit_id), at);
    return p;
  });
}

ProposalDetail AuditService::proposal(const core::Principal& caller, std::int64_t id) {
  return read_readable(
      db_, caller, "Đề xuất này", [&](soci::session& sql) { return proposal_for(sql, id); },
      [&](soci::session& sql) { return department(sql); },
      [&](soci::session& sql, const store::Proposal& p) { return detail(sql, p); });
}

Page<store::Proposal> AuditService::list_proposals(const core::Principal& caller, const std::string& unit_code,
                                                   store::ListQuery query) {
  return unit_page<store::Proposal>(
      db_, caller, std::move(query), [&](soci::session& sql) { return visible_path(sql, caller, unit_code); },
      store::list_proposals);
}

namespace {
// A leader's approval queue: items in `status` at and below the caller's unit, the oldest submitted first.
store::ListQuery approval_queue(const core::Principal& caller, const std::string& status, std::int64_t offset,
                                std::int64_t limit) {
  if (!is_audit_leader(caller)) core::forbidden("Danh sách chờ phê duyệt dành cho lãnh đạo.");
  store::ListQuery query;
  query.unit_path = caller.visible_root();
  query.status = status;
  query.oldest_submitted_first = true;
  query.offset = offset;
  query.limit = limit;
  return query;
}
}  // namespace

Page<std::pair<store::Proposal, std::vector<Duplicate>>> AuditService::proposal_queue(const core::Principal& caller,
                                                                                      std::int64_t offset,
                                                                                      std::int64_t limit) {
  const store::ListQuery query = approval_queue(caller, "SUBMITTED", offset, limit);
  return db_.read([&](soci::session& sql) {
    Page<std::pair<store::Proposal, std::vector<Duplicate>>> page;
    for (auto& p : store::list_proposals(sql, query, page.total))
      page.items.emplace_back(p, duplicates_for(sql, p.enterprise_id, "PROPOSAL", p.id, p.unit_id));
    return page;
  });
}

Page<std::pair<store::Collection, std::vector<Duplicate>>> AuditService::collection_queue(const core::Principal& caller,
                                                                                          const std::string& status,
                                                                                          std::int64_t offset,
                                                                                          std::int64_t limit) {
  const store::ListQuery query = approval_queue(caller, status, offset, limit);
  return db_.read([&](soci::session& sql) {
    Page<std::pair<store::Collection, std::vector<Duplicate>>> page;
    for (auto& c : with_due_dates(sql, store::list_collections(sql, query, page.total)))
      page.items.emplace_back(c, duplicates_for(sql, c.enterprise_id, "COLLECTION", c.id, c.unit_id));
    return page;
  });
}
}  // namespace hq::audit
