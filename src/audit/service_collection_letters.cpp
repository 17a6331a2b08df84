// Information collection letters and the rework of results (seed 000 §2.1; issue 13 §3): the approved request
// goes out as a letter to the customs declarant or to an agency outside customs (recipient, number, day), and a
// leader may return sent results to the officer with an opinion instead of approving them.
#include "audit/service.h"

#include "audit/service_support.h"
#include "core/error.h"
#include "core/text.h"
#include "core/time.h"
#include "history/history_store.h"

namespace hq::audit {

store::Collection AuditService::record_collection_letter(const core::Principal& caller, std::int64_t id,
                                                         const CollectionLetterInput& input) {
  require_audit_user(caller);
  if (!is_recipient_kind(input.recipient_kind))
    invalid("recipient_kind", "Nơi nhận phải là DECLARANT (người khai hải quan) hoặc AGENCY (đơn vị ngoài ngành hải quan).");
  const std::string number = core::trim(input.letter_number);
  if (number.empty()) invalid("letter_number", "Cần nhập số văn bản yêu cầu cung cấp thông tin.");
  const std::string name = core::trim(input.recipient_name);
  if (input.recipient_kind == "AGENCY" && name.empty())
    invalid("recipient_name", "Cần nêu tên đơn vị ngoài ngành nhận văn bản.");
  const core::Date day = today();
  if (input.letter_on > day)
    invalid("letter_on", "Ngày văn bản không được sau hôm nay (" + date_text(day) + ").");
  return db_.transaction([&](soci::session& sql) {
    store::Collection c = collection_for(sql, id);
    if (!may_record_for(caller, c.unit_path))
      core::forbidden("Chỉ công chức của đơn vị " + c.unit_code + " được cập nhật văn bản thu thập này.");
    refuse_stq01(c.source, c.number);
    if (c.status != "APPROVED")
      core::conflict("INVALID_TRANSITION", "Chỉ ghi văn bản yêu cầu cho đề xuất thu thập đã được phê duyệt và chưa gửi kết quả "
                                           "(hiện: «" + status_name(c.status) + "»).",
                     {{"status", c.status}});
    if (c.approved_at) {
      const core::Date approved_on = core::to_local(c.approved_at).date;
      if (input.letter_on < approved_on)
        invalid("letter_on", "Ngày văn bản không được trước ngày phê duyệt đề xuất thu thập (" + date_text(approved_on) + ").");
    }
    c.recipient_kind = input.recipient_kind;
    c.recipient_name = name.empty() ? c.enterprise_name : name;
    c.letter_number = number;
    c.letter_on = date_text(input.letter_on);
    c.updated_at = now();
    if (!store::set_collection_letter(sql, c, "APPROVED")) changed_meanwhile("Đề xuất thu thập " + c.number);
    history::append(sql, caller, change("audit.collection.letter", "audit_collection", c.id,
                                        "Ghi văn bản yêu cầu số " + c.letter_number + " ngày " + c.letter_on + " gửi " +
                                            (c.recipient_kind == "AGENCY" ? "đơn vị ngoài ngành " : "người khai hải quan ") +
                                            c.recipient_name + " (thu thập " + c.number + ")"));
    return collection_for(sql, c.id);
  });
}

store::Collection AuditService::return_collection_results(const core::Principal& caller, std::int64_t id,
                                                          const std::string& opinion) {
  require_audit_user(caller);
  const std::string text = core::trim(opinion);
  if (text.empty()) invalid("opinion", "Cần ghi ý kiến của lãnh đạo khi trả lại kết quả để làm lại.");
  return db_.transaction([&](soci::session& sql) {
    store::Collection c = collection_for(sql, id);
    if (!may_approve_for(caller, c.unit_path))
      core::forbidden("Chỉ lãnh đạo đơn vị " + c.unit_code + " hoặc cấp trên được trả lại kết quả thu thập.");
    refuse_stq01(c.source, c.number);
    const std::string from = advance_collection(c, Action::ReturnResults, kNoResultsToApprove);
    const std::int64_t at = now();
    c.rework_opinion = text;
    c.returned_by = caller.username;
    c.returned_at = c.updated_at = at;
    if (!store::return_collection_results(sql, c, from)) changed_meanwhile("Đề xuất thu thập " + c.number);
    store::close_deadline(sql, "RESULT_APPROVAL", "audit_collection", c.id, at, date_text(today()));
    history::append(sql, caller, change("audit.collection." + action_code(Action::ReturnResults), "audit_collection", c.id,
                                        "Trả lại kết quả thu thập " + c.number + " để làm lại; ý kiến: " + text));
    return collection_for(sql, c.id);
  });
}

}  // namespace hq::audit
