#include "eservices/helpdesk.h"

#include "core/error.h"
#include "core/text.h"
#include "eservices/rules.h"
#include "history/history_store.h"
#include "identity/store.h"

namespace hq::eservices {

bool valid_help_scope(const std::string& s) {
  return s == "SYSTEM" || s == "PROCEDURE" || s == "DOSSIER" || s == "ACCOUNT";
}


namespace {
void check_text(const std::string& text, const std::string& field, std::size_t max) {
  if (core::trim(text).empty() || text.size() > max || !core::is_valid_utf8(text))
    core::bad_input("INVALID_FIELD", "Trường «" + field + "» là bắt buộc (tối đa " + std::to_string(max) + " byte).",
                    {{"field", field}});
}
}  // namespace

HelpRequest HelpdeskService::ask(const core::Principal& caller, const std::string& unit_code, const std::string& scope,
                                 const std::string& subject, const std::string& body) {
  if (!valid_help_scope(scope))
    core::bad_input("INVALID_FIELD", "Phạm vi vướng mắc phải là SYSTEM, PROCEDURE, DOSSIER hoặc ACCOUNT.", {{"field", "scope"}});
  check_text(subject, "subject", 300);
  check_text(body, "body", 8000);
  return db_.transaction([&](soci::session& sql) {
    const auto unit = identity::store::find_unit(sql, unit_code.empty() ? "00" : unit_code);
    if (!unit) core::bad_input("INVALID_FIELD", "Không tìm thấy đơn vị «" + unit_code + "».", {{"field", "unit_code"}});
    HelpRequest r;
    r.account_id = caller.account_id;
    r.unit_id = unit->id;
    r.unit_path = unit->path;
    r.scope = scope;
    r.subject = subject;
    r.body = body;
    r.created_at = core::now();
    const auto id = store::insert_help_request(sql, r);
    history::append(sql, caller, {"eservices.helpdesk.ask", "eservices_helpdesk", std::to_string(id),
                                  "Gửi vướng mắc (" + scope + ") tới " + unit->code + ": " + subject});
    return *store::find_help_request(sql, id);
  });
}

store::HelpRequestPage HelpdeskService::requests(const core::Principal& caller, const std::string& status,
                                                std::int64_t offset, std::int64_t limit) {
  return db_.read([&](soci::session& sql) {
    if (caller.has_role(kHelpdesk) || caller.is_platform_admin())
      return store::list_help_requests(sql, std::nullopt, scope_path(caller), status, offset, limit);
    return store::list_help_requests(sql, caller.account_id, "/", status, offset, limit);
  });
}

HelpRequest HelpdeskService::handled(soci::session& sql, const core::Principal& caller, std::int64_t id) {
  if (!caller.has_role(kHelpdesk) && !caller.is_platform_admin())
    core::forbidden("Chỉ bộ phận hỗ trợ (eservices.helpdesk) trả lời hoặc chuyển vướng mắc.");
  auto r = store::find_help_request(sql, id);
  if (!r) core::not_found("Không tìm thấy vướng mắc số " + std::to_string(id) + ".");
  if (!in_scope(caller, r->unit_path)) core::forbidden("Vướng mắc này gửi tới đơn vị " + r->unit_code + ", ngoài phạm vi của bạn.");
  if (r->status != "OPEN") core::conflict("WRONG_STATE", "Vướng mắc số " + std::to_string(id) + " đã được trả lời.");
  return *r;
}

HelpRequest HelpdeskService::answer(const core::Principal& caller, std::int64_t id, const std::string& text) {
  check_text(text, "answer", 8000);
  return db_.transaction([&](soci::session& sql) {
    auto r = handled(sql, caller, id);
    r.status = "ANSWERED";
    r.answer = text;
    r.answered_by = caller.username;
    if (!store::update_help_request(sql, r, core::now())) core::conflict("WRONG_STATE", "Vướng mắc vừa được người khác xử lý.");
    history::append(sql, caller, {"eservices.helpdesk.answer", "eservices_helpdesk", std::to_string(id),
                                  "Trả lời vướng mắc số " + std::to_string(id)});
    return *store::find_help_request(sql, id);
  });
}

HelpRequest HelpdeskService::forward(const core::Principal& caller, std::int64_t id, const std::string& unit_code,
                                     const std::string& note) {
  return db_.transaction([&](soci::session& sql) {
    auto r = handled(sql, caller, id);
    const auto unit = identity::store::find_unit(sql, unit_code);
    if (!unit) core::bad_input("INVALID_FIELD", "Không tìm thấy đơn vị «" + unit_code + "».", {{"field", "unit_code"}});
    const std::string from = r.unit_code;
    r.unit_id = unit->id;
    r.unit_path = unit->path;
    if (!store::update_help_request(sql, r, core::now())) core::conflict("WRONG_STATE", "Vướng mắc vừa được người khác xử lý.");
    history::append(sql, caller, {"eservices.helpdesk.forward", "eservices_helpdesk", std::to_string(id),
                                  "Chuyển vướng mắc số " + std::to_string(id) + " từ " + from + " tới " + unit_code +
                                      (note.empty() ? "" : ": " + note.substr(0, 300))});
    return *store::find_help_request(sql, id);
  });
}

}  // namespace hq::eservices
