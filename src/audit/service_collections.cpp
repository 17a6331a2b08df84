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

// ---- information collection ----

AuditService::CreatedCollection AuditService::create_collection(const core::Principal& caller,
                                                                const CollectionInput& input) {
  require_audit_user(caller);
  parse_tax(input.tax_code);
  if (core::trim(input.signs).empty()) invalid("signs", "Cần nêu dấu hiệu vi phạm.");
  if (input.risk_areas.empty()) invalid("risk_areas", "Cần chọn ít nhất một lĩnh vực rủi ro.");
  std::string areas;
  for (const auto& area : input.risk_areas) {
    if (!is_risk_area(area)) invalid("risk_areas", "Lĩnh vực rủi ro «" + area + "» không hợp lệ.");
    if (areas.find(area) == std::string::npos) areas += (areas.empty() ? "" : ",") + area;
  }
  return db_.transaction([&](soci::session& sql) {
    const store::Enterprise e = enterprise_for_item(sql, caller, input.tax_code);
    store::lock_enterprise(sql, e.id);
    const core::Date day = today();
    store::Collection c;
    c.year = day.year;
    c.enterprise_id = e.id;
    c.unit_id = caller.unit_id;
    c.signs = core::trim(input.signs);
    c.risk_areas = areas;
    c.status = "SUBMITTED";
    c.proposed_by = caller.username;
    c.proposed_at = c.updated_at = now();
    const auto duplicates = duplicates_for(sql, e.id, "COLLECTION", 0, caller.unit_id);
    c.duplicate_count = static_cast<std::int64_t>(duplicates.size());
    c.number = std::to_string(store::next_in_sequence(sql, "collection", c.year)) + "/" + std::to_string(c.year) +
               "/TTTT-" + caller.unit_code;
    c.id = store::insert_collection(sql, c);
    const auto calendar = platform::load_calendar(sql);
    store::open_deadline(sql, {0, c.unit_id, c.id, 0, "COLLECTION_APPROVAL", "audit_collection",
                               "Phê duyệt đề xuất thu thập " + c.number, date_text(collection_approval_due(calendar, day)),
                               "", false});
    history::append(sql, caller, change("audit.collection.create", "audit_collection", c.id,
                                        "Lập đề xuất thu thập thông tin " + c.number + " doanh nghiệp " + e.tax_code +
                                            (duplicates.empty() ? "" : "; cảnh báo trùng " + std::to_string(duplicates.size()))));
    return CreatedCollection{collection_for(sql, c.id), duplicates};
  });
}

store::Collection AuditService::act_on_collection(const core::Principal& caller, std::int64_t id, Action action,
                                                  const std::string& reason) {
  require_audit_user(caller);
  return db_.transaction([&](soci::session& sql) {
    store::Collection c = collection_for(sql, id);
    const bool own = c.proposed_by == caller.username && c.status == "SUBMITTED" && action == Action::Cancel;
    if (!may_approve_for(caller, c.unit_path) && !own)
      core::forbidden("Bạn không có quyền " + action_name(action) + " đề xuất thu thập của đơn vị " + c.unit_code + ".");
    refuse_stq01(c.source, c.number);
    if (action == Action::Approve) refuse_own_work(caller, c.proposed_by, "đề xuất thu thập " + c.number);
    const auto next = next_status(Machine::Collection, c.status, c.paused_from, action);
    if (!next)
      core::conflict("INVALID_TRANSITION", "Không thể " + action_name(action) + " đề xuất thu thập đang ở trạng thái «" +
                                               status_name(c.status) + "».",
                     {{"status", c.status}});
    const std::string from = c.status;
    const std::int64_t at = now();
    if (action == Action::Pause) c.paused_from = c.status;
    if (action == Action::Resume) c.paused_from.clear();
    if (action == Action::Approve) c.approved_at = at, c.decided_by = caller.username;
    if (action == Action::Reject) c.rejected_at = at, c.decided_by = caller.username;
    if (action == Action::Cancel) c.cancelled_at = at;
    if (!reason.empty()) c.reason = reason;
    c.status = *next;
    c.updated_at = at;
    if (!store::update_collection_state(sql, c, from)) changed_meanwhile("Đề xuất thu thập " + c.number);
    if (action != Action::Resume)
      store::close_deadline(sql, "COLLECTION_APPROVAL", "audit_collection", c.id, at, date_text(today()));
    if (action == Action::Cancel)
      store::close_deadline(sql, "RESULT_APPROVAL", "audit_collection", c.id, at, date_text(today()));
    history::append(sql, caller, change("audit.collection." + action_code(action), "audit_collection", c.id,
                                        "Chuyển đề xuất thu thập " + c.number + " sang trạng thái «" +
                                            status_name(c.status) + "»" + (reason.empty() ? "" : "; lý do: " + reason)));
    return c;
  });
}

store::Collection AuditService::record_collection_results(const core::Principal& caller, std::int64_t id,
                                                          const std::vector<store::CollectionResult>& results) {
  require_audit_user(caller);
  if (results.empty()) invalid("results", "Cần ghi kết quả cho ít nhất một lĩnh vực rủi ro.");
  for (const auto& r : results) {
    if (!is_risk_area(r.risk_area)) invalid("results", "Lĩnh vực rủi ro «" + r.risk_area + "» không hợp lệ.");
    if (core::trim(r.finding).empty()) invalid("results", "Cần ghi kết quả thu thập cho lĩnh vực «" + risk_area_name(r.risk_area) + "».");
  }
  return db_.transaction([&](soci::session& sql) {
    store::Collection c = collection_for(sql, id);
    if (!may_record_for(caller, c.unit_path))
      core::forbidden("Chỉ công chức của đơn vị " + c.unit_code + " được cập nhật kết quả thu thập này.");
    refuse_stq01(c.source, c.number);
    const std::string from =
        advance_collection(c, Action::SendResults, "Chỉ ghi kết quả cho đề xuất thu thập đã được phê duyệt");
    const std::int64_t at = now();
    c.result_submitted_at = c.updated_at = at;
    c.results_by = caller.username;
    c.has_findings = std::any_of(results.begin(), results.end(), [](const auto& r) { return r.has_violation; });
    if (!store::update_collection_state(sql, c, from)) changed_meanwhile("Đề xuất thu thập " + c.number);
    store::replace_collection_results(sql, c.id, results);
    const auto calendar = platform::load_calendar(sql);
    store::open_deadline(sql, {0, c.unit_id, c.id, 0, "RESULT_APPROVAL", "audit_collection",
                               "Phê duyệt kết quả thu thập " + c.number,
                               date_text(collection_results_due(calendar, today())), "", false});
    history::append(sql, caller, change("audit.collection." + action_code(Action::SendResults), "audit_collection", c.id,
                                        "Gửi kết quả thu thập " + c.number + " (" + std::to_string(results.size()) +
                                            " lĩnh vực)"));
    return collection_for(sql, c.id);
  });
}

store::Collection AuditService::approve_collection_results(const core::Principal& caller, std::int64_t id) {
  require_audit_user(caller);
  return db_.transaction([&](soci::session& sql) {
    store::Collection c = collection_for(sql, id);
    if (!may_approve_for(caller, c.unit_path))
      core::forbidden("Chỉ lãnh đạo đơn vị " + c.unit_code + " hoặc cấp trên được phê duyệt kết quả thu thập.");
    refuse_stq01(c.source, c.number);
    refuse_own_work(caller, c.results_by, "kết quả thu thập " + c.number);
    const std::string from = advance_collection(c, Action::ApproveResults, kNoResultsToApprove);
    const std::int64_t at = now();
    c.result_approved_at = c.updated_at = at;
    if (!store::update_collection_state(sql, c, from)) changed_meanwhile("Đề xuất thu thập " + c.number);
    store::close_deadline(sql, "RESULT_APPROVAL", "audit_collection", c.id, at, date_text(today()));
    history::append(sql, caller, change("audit.collection." + action_code(Action::ApproveResults), "audit_collection", c.id,
                                        "Phê duyệt kết quả thu thập " + c.number));
    return c;
  });
}

store::Collection AuditService::collection(const core::Principal& caller, std::int64_t id) {
  return read_readable(
      db_, caller, "Đề xuất thu thập này", [&](soci::session& sql) { return collection_for(sql, id); },
      [&](soci::session& sql) { return department(sql); }, [](soci::session&, const store::Collection& c) { return c; });
}

Page<store::Collection> AuditService::list_collections(const core::Principal& caller, const std::string& unit_code,
                                                       store::ListQuery query) {
  return unit_page<store::Collection>(
      db_, caller, std::move(query), [&](soci::session& sql) { return visible_path(sql, caller, unit_code); },
      [](soci::session& sql, const store::ListQuery& q, std::int64_t& total) {
        return with_due_dates(sql, store::list_collections(sql, q, total));
      });
}
}  // namespace hq::audit
