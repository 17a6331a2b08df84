#include <openssl/rand.h>

#include "core/error.h"
#include "core/text.h"
#include "eservices/document_checks.h"
#include "eservices/service.h"
#include "eservices/stats_rollup.h"
#include "eservices/signatures.h"
#include "history/history_store.h"
#include "identity/store.h"
#include "platform/calendar_store.h"

namespace hq::eservices {

using nlohmann::json;

namespace {
DossierView summary_view(const core::WorkingCalendar& cal, const store::Dossier& d, core::UnixSeconds now);
}  // namespace

void wrong_state(const store::Dossier& d, const std::string& action) {
  core::conflict("WRONG_STATE",
                 "Hồ sơ " + d.number + " đang ở trạng thái «" + status_label(d.status) + "», không thực hiện được «" +
                     action + "» (hoặc hồ sơ vừa được người khác xử lý; hãy tải lại).",
                 {{"status", d.status}, {"action", action}});
}

core::WorkingCalendar EServicesService::calendar(soci::session& sql) { return platform::load_calendar(sql); }

DossierView EServicesService::view(soci::session& sql, const store::Dossier& d, bool with_details) {
  DossierView v = summary_view(calendar(sql), d, core::now());
  if (with_details) {
    v.documents = store::documents_of(sql, d.id);
    v.steps = store::steps_of(sql, d.id);
  }
  return v;
}

store::Dossier EServicesService::visible_dossier(soci::session& sql, const core::Principal& caller, std::int64_t id) {
  auto d = store::find_dossier(sql, id);
  const auto me = store::find_applicant(sql, caller.account_id);
  if (d && me && d->applicant_id == me->account_id) return *d;
  if (!d || me) core::not_found("Không tìm thấy hồ sơ số " + std::to_string(id) + ".");
  require_staff(caller);
  if (!in_scope(caller, d->unit_path))
    core::forbidden("Hồ sơ " + d->number + " thuộc đơn vị " + d->unit_code + ", ngoài phạm vi của bạn.");
  return *d;
}

void EServicesService::record(soci::session& sql, const core::Principal& caller, const store::Dossier& before,
                              store::Dossier next, const std::string& action, const std::string& comment,
                              const json& details) {
  const auto now = core::now();
  next.version = before.version;
  if (!store::update_dossier(sql, next, now)) wrong_state(before, action);
  store::add_stat_counts(sql, stat_changes(&before, next));  // closing, a first supplement request, a transfer
  store::insert_step(sql, {0, before.id, now, caller.username, action, before.status, next.status, comment,
                           details.is_null() ? "{}" : details.dump()});
  std::string summary = "Hồ sơ " + before.number + ": " + action + " (" + status_label(before.status) + " → " +
                        status_label(next.status) + ")";
  if (!comment.empty()) summary += ": " + comment.substr(0, 300);
  history::append(sql, caller, {"eservices.dossier." + action, "eservices_dossier", before.number, summary});
}

namespace {

std::string placeholder_number() {
  unsigned char bytes[12];
  RAND_bytes(bytes, sizeof bytes);
  return "pending-" + sha256_hex(std::string_view(reinterpret_cast<const char*>(bytes), sizeof bytes));
}

// A list row: remaining time on one calendar loaded for the whole page.
DossierView summary_view(const core::WorkingCalendar& cal, const store::Dossier& d, core::UnixSeconds now) {
  DossierView v;
  v.dossier = d;
  v.procedure = find_annex_row(d.procedure_code);
  v.remaining_seconds = remaining_seconds(cal, d.due_at, d.closed_at ? *d.closed_at : now, d.paused_at);
  v.remaining_label = remaining_label(cal, v.remaining_seconds);
  return v;
}

void store_documents(soci::session& sql, std::int64_t dossier_id, std::int64_t round,
                     std::vector<CheckedDocument>& documents, core::UnixSeconds now) {
  std::vector<store::Blob> blobs;
  for (const auto& d : documents) blobs.push_back({d.row.sha256, d.content});
  store::ensure_blobs(sql, blobs, now);
  for (auto& d : documents) {
    d.row.dossier_id = dossier_id;
    d.row.round = round;
    store::insert_document(sql, d.row, now);
  }
}

}  // namespace

DossierView EServicesService::submit(const core::Principal& caller, const std::string& procedure_code,
                                     const std::string& unit_code, std::vector<IncomingDocument> documents) {
  const auto me = applicant(caller);
  const AnnexRow* row = find_annex_row(procedure_code);
  if (!row) core::bad_input("INVALID_FIELD", "Không có thủ tục mã «" + procedure_code + "».", {{"field", "procedure_code"}});
  if (!accepts_online(row->level))
    core::conflict("PROCEDURE_NOT_ONLINE",
                   "Thủ tục " + procedure_code + " đang cung cấp ở mức độ " + std::to_string(row->level) +
                       ": chỉ cung cấp thông tin và biểu mẫu, chưa nhận hồ sơ trực tuyến (cần mức độ 3 trở lên).",
                   {{"level", row->level}});
  const auto examined = examine_documents(documents, me.kind == "ENTERPRISE");  // hashing, signatures: no lock held
  const auto id = db_.transaction([&](soci::session& sql) {
    const auto settings = store::find_settings(sql, procedure_code);
    if (!settings)
      core::conflict("PROCEDURE_NOT_CONFIGURED", "Thủ tục " + procedure_code +
                                                     " chưa được Tổng cục cấu hình thành phần hồ sơ và thời hạn giải quyết.");
    const auto unit = identity::store::find_unit(sql, unit_code);
    if (!unit) core::bad_input("INVALID_FIELD", "Không tìm thấy đơn vị hải quan mã «" + unit_code + "».", {{"field", "unit_code"}});
    if (const auto missing = missing_documents(settings, documents); !missing.empty())
      throw core::Error(core::ErrorKind::Unprocessable, "MISSING_DOCUMENTS",
                        "Hồ sơ còn thiếu " + std::to_string(missing.size()) + " chứng từ bắt buộc: " +
                            core::join(missing, "; ") + ".",
                        {{"missing", missing}});
    const auto stored_at = core::now();
    auto checked = check_documents(sql, me, settings, documents, examined, limits, stored_at);
    const auto cal = calendar(sql);
    store::Dossier d;
    d.number = placeholder_number();
    d.procedure_code = procedure_code;
    d.unit_id = unit->id;
    d.unit_code = unit->code;
    d.unit_path = unit->path;
    d.applicant_id = me.account_id;
    d.applicant_username = me.username;
    d.submitted_at = stored_at;
    d.received_at = reception_time(cal, stored_at);
    d.due_at = due_time(cal, d.received_at, settings->processing_days);
    d.fee = settings->fee;
    const auto config = store::find_assignment(sql, unit_code, procedure_code).value_or(store::Assignment{});
    d.mode = config.mode;
    d.holder = first_holder(config.mode);
    d.status = kReceived;
    if (config.mode == 4) {
      d.assignee = d.officer = round_robin(config.officers, store::open_counts(sql, config.officers));
      d.status = kProcessing;
    }
    d.created_at = d.updated_at = stored_at;
    d.id = store::insert_dossier(sql, d);
    d.number = dossier_number(unit->code, d.received_at, d.id);
    store::set_number(sql, d.id, d.number);
    store_documents(sql, d.id, 1, checked, stored_at);
    json details = {{"documents", checked.size()}};
    if (!d.assignee.empty()) details["assignee"] = d.assignee;
    store::insert_step(sql, {0, d.id, stored_at, caller.username, "submit", "", d.status,
                             "Tiếp nhận hồ sơ trực tuyến", details.dump()});
    // Last, the two rows every submission writes: on PostgreSQL the day's counter row and the history's head
    // stay locked only until the commit that follows.
    store::add_stat_counts(sql, stat_changes(nullptr, d));
    history::append(sql, caller, {"eservices.dossier.submit", "eservices_dossier", d.number,
                                  "Nộp hồ sơ " + d.number + " thủ tục " + procedure_code + " tại " + unit_code +
                                      " (" + std::to_string(checked.size()) + " chứng từ)"});
    return d.id;
  });
  // The answer is read after the commit: the writers' lock (SQLite) is not held for it.
  return db_.read([&](soci::session& sql) { return view(sql, *store::find_dossier(sql, id), true); });
}

DossierPage EServicesService::dossiers(const core::Principal& caller, store::DossierQuery query, bool overdue) {
  return db_.read([&](soci::session& sql) {
    if (const auto me = store::find_applicant(sql, caller.account_id)) {
      query.applicant_id = me->account_id;
      query.unit_path_prefix = "/";
    } else {
      require_staff(caller);
      query.unit_path_prefix = scope_path(caller);
    }
    const auto now = core::now();
    if (overdue) query.due_before = now;
    DossierPage page;
    const auto cal = calendar(sql);
    for (const auto& d : store::list_dossiers(sql, query, page.total)) page.items.push_back(summary_view(cal, d, now));
    return page;
  });
}

DossierView EServicesService::dossier(const core::Principal& caller, std::int64_t id) {
  return db_.read([&](soci::session& sql) { return view(sql, visible_dossier(sql, caller, id), true); });
}

std::pair<store::Document, std::string> EServicesService::document(const core::Principal& caller, std::int64_t id,
                                                                   std::int64_t document_id) {
  return db_.read([&](soci::session& sql) {
    const auto d = visible_dossier(sql, caller, id);
    for (const auto& doc : store::documents_of(sql, d.id)) {
      if (doc.id != document_id) continue;
      const auto bytes = store::blob_bytes(sql, doc.sha256);
      // Byte for byte: what is served must still hash to what was recorded on receipt (art. 7.6).
      if (!bytes || sha256_hex(*bytes) != doc.sha256)
        throw core::Error(core::ErrorKind::Unavailable, "DOCUMENT_CORRUPTED",
                          "Chứng từ «" + doc.name + "» không còn khớp với mã băm SHA-256 đã lưu khi tiếp nhận.");
      return std::make_pair(doc, *bytes);
    }
    core::not_found("Hồ sơ " + d.number + " không có chứng từ số " + std::to_string(document_id) + ".");
  });
}

DossierView EServicesService::supplement(const core::Principal& caller, std::int64_t id,
                                         std::vector<IncomingDocument> documents, const std::string& note) {
  const auto me = applicant(caller);
  const auto examined = examine_documents(documents, me.kind == "ENTERPRISE");
  db_.transaction([&](soci::session& sql) {
    const auto before = visible_dossier(sql, caller, id);
    if (before.status != kSupplement) wrong_state(before, "supplement");
    const auto now = core::now();
    auto checked = check_documents(sql, me, store::find_settings(sql, before.procedure_code), documents, examined,
                                   limits, now);
    const auto cal = calendar(sql);
    // The clock stood still from the request to the supplement's reception (art. 7.5 applies to it too).
    const auto resumed = reception_time(cal, now);
    const auto paused = cal.working_seconds_between(*before.paused_at, resumed);
    store::Dossier next = before;
    next.status = kProcessing;
    next.assignee = before.officer;
    next.due_at = add_working_seconds(cal, before.due_at, std::max<std::int64_t>(paused, 0));
    next.paused_at.reset();
    const auto rounds = store::steps_of(sql, id);
    std::int64_t round = 2;
    for (const auto& s : rounds) round += s.action == "supplement" ? 1 : 0;
    store_documents(sql, id, round, checked, now);
    record(sql, caller, before, next, "supplement", note,
           {{"documents", checked.size()}, {"paused_seconds", paused}});
  });
  // As for a submission, the answer is read after the commit (visible to its applicant: checked above).
  return db_.read([&](soci::session& sql) { return view(sql, *store::find_dossier(sql, id), true); });
}

}  // namespace hq::eservices
