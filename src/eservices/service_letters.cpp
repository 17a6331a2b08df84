// Refusal letters (art. 9.1.a: not the unit's competence, a letter drafted and approved) and the dispatch of
// paper results (art. 11.2).
#include "core/error.h"
#include "core/text.h"
#include "eservices/service.h"

namespace hq::eservices {

namespace {

constexpr std::size_t kMaxLetter = 20000;

void require_assignee(const core::Principal& caller, const store::Dossier& d) {
  if (d.assignee != caller.username)
    core::forbidden("Chỉ công chức được phân công xử lý hồ sơ " + d.number + " (" + d.assignee + ") thực hiện được bước này.");
}

void check_text(const std::string& text, const std::string& field, std::size_t max, const std::string& what) {
  if (core::trim(text).empty() || text.size() > max || !core::is_valid_utf8(text))
    core::bad_input("INVALID_FIELD", what + " là bắt buộc, dài tối đa " + std::to_string(max) + " byte UTF-8.",
                    {{"field", field}});
}

// "CV-2026-000042": the letter's number in the year it is issued (the result numbers' pattern, prefix CV).
std::string letter_number(core::UnixSeconds issued_at, std::int64_t id) { return "CV" + result_number(issued_at, id).substr(2); }

}  // namespace

DossierView EServicesService::propose_refusal(const core::Principal& caller, std::int64_t id, const std::string& reason,
                                              const std::string& letter) {
  require_staff(caller);
  check_text(reason, "reason", 4000, "Lý do từ chối");
  check_text(letter, "letter", kMaxLetter, "Nội dung công văn từ chối");
  return db_.transaction([&](soci::session& sql) {
    const auto before = visible_dossier(sql, caller, id);
    if (before.status != kProcessing) wrong_state(before, "propose-refusal");
    require_assignee(caller, before);
    store::Letter draft;
    draft.dossier_id = id;
    draft.reason = reason;
    draft.body = letter;
    draft.drafted_by = caller.username;
    draft.drafted_at = core::now();
    const auto letter_id = store::insert_letter(sql, draft);
    store::Dossier next = before;
    next.status = proposal_status(before.mode);
    next.holder = next.status == kPendingUnit ? kHolderUnitLeader : kHolderDeptLeader;
    next.assignee.clear();
    record(sql, caller, before, next, "propose-refusal", reason, {{"letter_id", letter_id}});
    return view(sql, *store::find_dossier(sql, id), true);
  });
}

std::optional<std::string> EServicesService::settle_letter(soci::session& sql, const core::Principal& caller,
                                                           store::Dossier& next, bool issue) {
  const auto draft = store::draft_letter_of(sql, next.id);
  if (!draft) return std::nullopt;
  const auto now = core::now();
  const std::string number = issue ? letter_number(now, draft->id) : "";
  if (!store::decide_letter(sql, draft->id, issue ? "ISSUED" : "WITHDRAWN", number, caller.username, now))
    wrong_state(next, issue ? "approve" : "return");
  if (!issue) return std::nullopt;
  next.status = kRefused;  // art. 9.1.a: the approved letter refuses the dossier
  next.holder = kHolderOfficer;
  next.assignee.clear();
  next.closed_at = now;
  return number;
}

std::int64_t EServicesService::recall_letter(soci::session& sql, const core::Principal& caller, const store::Dossier& d) {
  const auto draft = store::draft_letter_of(sql, d.id);
  if (!draft || draft->drafted_by != caller.username ||
      !store::decide_letter(sql, draft->id, "RECALLED", "", caller.username, core::now()))
    wrong_state(d, "recall");
  return draft->id;
}

std::vector<store::Letter> EServicesService::letters(const core::Principal& caller, std::int64_t id) {
  return db_.read([&](soci::session& sql) {
    visible_dossier(sql, caller, id);
    auto all = store::letters_of(sql, id);
    if (is_staff(caller)) return all;
    std::vector<store::Letter> issued;  // drafts are the office's business until approved
    for (auto& l : all)
      if (l.status == "ISSUED") issued.push_back(std::move(l));
    return issued;
  });
}

DossierView EServicesService::dispatch(const core::Principal& caller, std::int64_t id, const store::Dispatch& d) {
  require_staff(caller);
  if (d.method != "POST" && d.method != "COUNTER")
    core::bad_input("INVALID_FIELD", "Hình thức trả kết quả giấy là POST (bưu chính) hoặc COUNTER (tại bộ phận một cửa).",
                    {{"field", "method"}});
  check_text(d.reference, "reference", 100, "Số vận đơn bưu chính hoặc số phiếu giao nhận");
  if (d.note.size() > 2000) core::bad_input("INVALID_FIELD", "Ghi chú dài tối đa 2000 byte.", {{"field", "note"}});
  return db_.transaction([&](soci::session& sql) {
    const auto before = visible_dossier(sql, caller, id);
    if (before.status != kProcessing && before.status != kApproved && before.status != kPaid)
      wrong_state(before, "dispatch");
    const auto settings = store::find_settings(sql, before.procedure_code);
    if (!settings || settings->result_form != "PAPER")
      core::conflict("WRONG_STATE", "Thủ tục " + before.procedure_code +
                                        " trả kết quả điện tử: dùng «Trả kết quả» (ký số), không gửi bản giấy.",
                     {{"status", before.status}, {"action", "dispatch"}});
    if (before.fee > 0 && !before.paid_at)
      core::conflict("WRONG_STATE", "Hồ sơ " + before.number + " có phí, lệ phí " + std::to_string(before.fee) +
                                        " đồng chưa nộp: chỉ trả kết quả sau khi nộp (Điều 11.1.b.2).",
                     {{"status", before.status}, {"action", "dispatch"}});
    require_assignee(caller, before);
    store::Dispatch row = d;
    row.dossier_id = id;
    row.dispatched_by = caller.username;
    row.dispatched_at = core::now();
    store::insert_dispatch(sql, row);
    store::Dossier next = before;
    next.status = kDone;
    next.closed_at = row.dispatched_at;
    const std::string how = d.method == "POST" ? "Gửi kết quả bản giấy qua bưu chính, số vận đơn " + d.reference
                                               : "Trao kết quả bản giấy tại bộ phận một cửa, phiếu giao nhận số " + d.reference;
    record(sql, caller, before, next, "dispatch", d.note.empty() ? how : how + ". " + d.note,
           {{"method", d.method}, {"reference", d.reference}});
    return view(sql, *store::find_dossier(sql, id), true);
  });
}

std::optional<store::Dispatch> EServicesService::dispatch_of(const core::Principal& caller, std::int64_t id) {
  return db_.read([&](soci::session& sql) {
    visible_dossier(sql, caller, id);
    return store::dispatch_of(sql, id);
  });
}

}  // namespace hq::eservices
