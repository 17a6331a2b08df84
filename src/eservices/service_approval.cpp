#include "core/error.h"
#include "eservices/service.h"

namespace hq::eservices {

using nlohmann::json;

namespace {

constexpr std::size_t kMaxComment = 4000;

void require_processing_officer(const core::Principal& caller, const store::Dossier& d, const std::string& action) {
  if (d.status != kProcessing) wrong_state(d, action);
  if (d.assignee != caller.username)
    core::forbidden("Chỉ công chức được phân công xử lý hồ sơ " + d.number + " (" + d.assignee + ") thực hiện được bước này.");
}

// What its author may pull back: an assignment, a proposal (of a result or of a refusal letter) and a department
// leader's agreement. The unit leader's approval is final (it may have issued a refusal letter).
bool is_recallable(const store::Step& s) {
  if (s.action == "approve") return s.from_status == kPendingDept && s.to_status == kPendingUnit;
  return s.action == "propose" || s.action == "propose-refusal" || s.action == "assign";
}

void check_comment(const std::string& text, const std::string& field, bool required) {
  if ((required && text.empty()) || text.size() > kMaxComment)
    core::bad_input("INVALID_FIELD", "Ý kiến/lý do " + std::string(required ? "là bắt buộc và " : "") + "dài tối đa 4000 byte.",
                    {{"field", field}});
}

}  // namespace

DossierView EServicesService::officer_step(const core::Principal& caller, std::int64_t id, const std::string& action,
                                           const std::string& comment,
                                           const std::function<json(store::Dossier&)>& change) {
  return db_.transaction([&](soci::session& sql) {
    const auto before = visible_dossier(sql, caller, id);
    require_processing_officer(caller, before, action);
    store::Dossier next = before;
    const json details = change(next);
    record(sql, caller, before, next, action, comment, details);
    return view(sql, *store::find_dossier(sql, id), true);
  });
}

DossierView EServicesService::request_supplement(const core::Principal& caller, std::int64_t id,
                                                 const std::vector<std::string>& missing, const std::string& note) {
  require_staff(caller);
  if (missing.empty())
    core::bad_input("INVALID_FIELD", "Yêu cầu bổ sung phải nêu rõ chứng từ hoặc thông tin còn thiếu (Điều 9.2).",
                    {{"field", "missing"}});
  check_comment(note, "note", false);
  return officer_step(caller, id, "request-supplement", note, [&](store::Dossier& next) {
    next.status = kSupplement;
    next.assignee.clear();  // the applicant's turn
    next.paused_at = core::now();
    next.missing = json(missing).dump();
    ++next.supplements;
    return json{{"missing", missing}};
  });
}

DossierView EServicesService::refuse(const core::Principal& caller, std::int64_t id, const std::string& reason) {
  require_staff(caller);
  check_comment(reason, "reason", true);
  return officer_step(caller, id, "refuse", reason, [](store::Dossier& next) {  // art. 9.1.b: a direct notice
    next.status = kRefused;
    next.closed_at = core::now();
    return json();
  });
}

DossierView EServicesService::propose(const core::Principal& caller, std::int64_t id, const std::string& comment) {
  require_staff(caller);
  check_comment(comment, "comment", false);
  return officer_step(caller, id, "propose", comment, [](store::Dossier& next) {
    next.status = proposal_status(next.mode);
    next.holder = next.status == kPendingUnit ? kHolderUnitLeader : kHolderDeptLeader;
    next.assignee.clear();  // any leader of that level in the unit's scope
    return json();
  });
}

DossierView EServicesService::approve(const core::Principal& caller, std::int64_t id, const std::string& comment) {
  require_staff(caller);
  check_comment(comment, "comment", false);
  return db_.transaction([&](soci::session& sql) {
    const auto before = visible_dossier(sql, caller, id);
    store::Dossier next = before;
    if (before.status == kPendingDept) {
      if (!caller.has_role(kDeptLeader)) core::forbidden("Bước này chờ lãnh đạo bộ phận (Điều 10.1).");
      next.status = kPendingUnit;  // art. 10.1.a: agreed, on to the unit leader
      next.holder = kHolderUnitLeader;
    } else if (before.status == kPendingUnit) {
      if (!caller.has_role(kUnitLeader)) core::forbidden("Bước này chờ lãnh đạo đơn vị (Điều 10.2).");
      next.status = kApproved;
      next.holder = kHolderOfficer;
      next.assignee = before.officer;  // the officer goes on with fees and the result (art. 11)
    } else {
      wrong_state(before, "approve");
    }
    // A proposed refusal letter: the last approval issues it and refuses the dossier (art. 9.1.a).
    const auto letter = next.status == kApproved ? settle_letter(sql, caller, next, true) : std::nullopt;
    record(sql, caller, before, next, "approve", comment, letter ? json{{"letter_number", *letter}} : json{});
    return view(sql, *store::find_dossier(sql, id), true);
  });
}

DossierView EServicesService::send_back(const core::Principal& caller, std::int64_t id, const std::string& comment) {
  require_staff(caller);
  check_comment(comment, "comment", true);
  return db_.transaction([&](soci::session& sql) {
    const auto before = visible_dossier(sql, caller, id);
    if (before.status == kPendingDept) {
      if (!caller.has_role(kDeptLeader)) core::forbidden("Bước này chờ lãnh đạo bộ phận (Điều 10.1).");
    } else if (before.status == kPendingUnit) {
      if (!caller.has_role(kUnitLeader)) core::forbidden("Bước này chờ lãnh đạo đơn vị (Điều 10.2).");
    } else {
      wrong_state(before, "return");
    }
    store::Dossier next = before;
    next.status = kProcessing;  // art. 10.1.b / 10.2.b: back to the officer with instructions
    next.holder = kHolderOfficer;
    next.assignee = before.officer;
    settle_letter(sql, caller, next, false);  // a proposed refusal letter goes back as withdrawn
    record(sql, caller, before, next, "return", comment);
    return view(sql, *store::find_dossier(sql, id), true);
  });
}

DossierView EServicesService::recall(const core::Principal& caller, std::int64_t id, const std::string& comment) {
  require_staff(caller);
  check_comment(comment, "comment", false);
  return db_.transaction([&](soci::session& sql) {
    const auto before = visible_dossier(sql, caller, id);
    const auto steps = store::steps_of(sql, id);
    // Only the last step, only while nobody has acted on it since (409), and only by its own author (403).
    if (steps.empty() || steps.back().to_status != before.status || !is_recallable(steps.back()))
      wrong_state(before, "recall");
    const auto& last = steps.back();
    if (last.username != caller.username)
      core::forbidden("Chỉ người đã gửi bước «" + last.action + "» (" + last.username + ") thu hồi được bước đó.");
    const auto details = json::parse(last.details, nullptr, false);
    store::Dossier next = before;
    next.status = last.from_status;
    json recalled = {{"recalled", last.action}};
    if (last.action == "assign") {
      next.holder = details.value("holder", before.holder);
      next.assignee = details.value("assignee", std::string());
      if (next.status == kReceived) next.officer.clear();
    } else if (last.action == "propose" || last.action == "propose-refusal") {
      next.holder = kHolderOfficer;
      next.assignee = before.officer;
      // A refusal letter sent by mistake: the draft the leaders were to approve is withdrawn by its author.
      if (last.action == "propose-refusal") recalled["letter_id"] = recall_letter(sql, caller, before);
    } else {  // a department leader's agreement
      next.holder = kHolderDeptLeader;
      next.assignee.clear();
    }
    record(sql, caller, before, next, "recall", comment, recalled);
    return view(sql, *store::find_dossier(sql, id), true);
  });
}

DossierView EServicesService::apologize(const core::Principal& caller, std::int64_t id, core::UnixSeconds new_due_at,
                                        const std::string& letter) {
  require_staff(caller);
  check_comment(letter, "letter", true);
  return db_.transaction([&](soci::session& sql) {
    const auto before = visible_dossier(sql, caller, id);
    if (is_closed(before.status)) wrong_state(before, "apology");
    const auto now = core::now();
    const auto cal = calendar(sql);
    if (remaining_seconds(cal, before.due_at, now, before.paused_at) >= 0)
      core::conflict("NOT_OVERDUE", "Hồ sơ " + before.number + " chưa quá hạn: chưa cần thư xin lỗi và hẹn lại ngày trả.");
    if (new_due_at <= now)
      core::bad_input("INVALID_FIELD", "Ngày hẹn trả mới phải sau thời điểm hiện tại.", {{"field", "new_due_at"}});
    store::Dossier next = before;
    next.due_at = new_due_at;
    record(sql, caller, before, next, "apology", letter,
           {{"previous_due_at", core::format_iso8601(before.due_at)}, {"new_due_at", core::format_iso8601(new_due_at)}});
    return view(sql, *store::find_dossier(sql, id), true);
  });
}

}  // namespace hq::eservices
