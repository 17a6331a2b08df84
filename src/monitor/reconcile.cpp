#include "monitor/reconcile.h"

#include "history/history_store.h"

namespace hq::monitor::reconcile {

namespace {

const char* const kNotReceived = "FILE_NOT_RECEIVED";
const char* const kNotApplied = "FILE_NOT_APPLIED";
const char* const kCount = "COUNT_MISMATCH";

std::string kind_text(const std::string& kind) {
  static const std::map<std::string, std::string> names = {
      {"FILE_NOT_RECEIVED", "tệp không được nhận đúng hạn"},
      {"FILE_NOT_APPLIED", "tệp đã nhận nhưng không được cập nhật đúng hạn"},
      {"SIZE_MISMATCH", "dung lượng tệp hai đầu khác nhau"},
      {"CHECKSUM_MISMATCH", "mã băm SHA-256 hai đầu khác nhau"},
      {"VERSION_MISMATCH", "phiên bản hai đầu khác nhau"},
      {"COUNT_MISMATCH", "đơn vị nhận có tệp mà đơn vị gửi không báo kết xuất"},
      {"UPDATE_ERROR", "lỗi cập nhật vào cơ sở dữ liệu"},
      {"SERVICE_STOPPED", "mô-đun dịch vụ dừng"},
      {"SERVICE_ERROR", "mô-đun dịch vụ báo lỗi"},
      {"SERVICE_SILENT", "mô-đun dịch vụ không báo cáo quá hai chu kỳ"}};
  const auto it = names.find(kind);
  return it == names.end() ? kind : it->second;
}

std::string incident_summary(const store::Incident& i) {
  return "Sự cố " + i.kind + " (" + kind_text(i.kind) + "), hệ thống " + i.system + ", đơn vị " + i.unit_code +
         (i.peer_unit_code.empty() ? "" : " ↔ " + i.peer_unit_code) + "; chuyển " + i.owner;
}

store::Incident open_or_create(Context& ctx, store::Incident wanted) {
  const auto key = group_key(wanted.kind, wanted.system, wanted.unit_code, wanted.peer_unit_code);
  if (auto existing = store::open_incident_by_key(ctx.sql, key)) return *existing;
  wanted.owner = owner_of(wanted.system);
  wanted.opened_at = ctx.now;
  wanted.id = store::insert_incident(ctx.sql, wanted, key);
  if (wanted.id == 0) return *store::open_incident_by_key(ctx.sql, key);  // opened concurrently
  history::append_system(ctx.sql, {"monitor.incident.open", "monitor_incident", std::to_string(wanted.id),
                                   "Mở " + incident_summary(wanted)});
  return wanted;
}

void close_automatically(Context& ctx, std::int64_t incident_id);

void link(Context& ctx, std::int64_t incident_id, const std::string& type, std::int64_t subject, const std::string& kind,
          bool cause) {
  store::add_link(ctx.sql, {0, incident_id, subject, type, kind, cause}, ctx.now);
}

void raise_file(Context& ctx, store::FileRow& f, const std::string& kind) {
  if (f.raised.count(kind)) return;
  // Inhibition: while the receiver's service for the system is stopped or silent, its missing files join that
  // incident instead of opening their own.
  std::optional<store::Incident> target;
  if (inhibitable(kind)) target = store::open_inhibitor(ctx.sql, f.system, f.receiver_code);
  const bool cause = !target;
  if (!target) {
    store::Incident wanted;
    wanted.kind = kind;
    wanted.system = f.system;
    wanted.unit_code = f.receiver_code;
    wanted.unit_path = f.receiver_path;
    wanted.peer_unit_code = f.sender_code;
    wanted.peer_path = f.sender_path;
    target = open_or_create(ctx, wanted);
  }
  link(ctx, target->id, "FILE", f.id, kind, cause);
  f.raised.insert(kind);
  store::set_file_raised(ctx.sql, f.id, f.raised);
}

void clear_file(Context& ctx, store::FileRow& f, const std::string& kind) {
  if (!f.raised.erase(kind)) return;
  store::set_file_raised(ctx.sql, f.id, f.raised);
  const auto l = store::active_link(ctx.sql, "FILE", f.id, kind);
  if (!l) return;
  const auto left = store::clear_link(ctx.sql, *l, ctx.now);
  if (l->cause && left <= 0) close_automatically(ctx, l->incident_id);
}

void raise_service(Context& ctx, store::ServiceRow& s, const std::string& kind) {
  if (s.raised.count(kind)) return;
  store::Incident wanted;
  wanted.kind = kind;
  wanted.system = s.system;
  wanted.unit_code = s.unit_code;
  wanted.unit_path = s.unit_path;
  const auto incident = open_or_create(ctx, wanted);
  link(ctx, incident.id, "SERVICE", s.id, kind, true);
  s.raised.insert(kind);
}

void clear_service(Context& ctx, store::ServiceRow& s, const std::string& kind) {
  if (!s.raised.erase(kind)) return;
  const auto l = store::active_link(ctx.sql, "SERVICE", s.id, kind);
  if (!l) return;
  const auto left = store::clear_link(ctx.sql, *l, ctx.now);
  if (left <= 0) close_automatically(ctx, l->incident_id);
}

// The condition is gone. Files a service incident had absorbed are still missing: they are raised again,
// joining another stopped/silent service incident or opening their own.
void close_automatically(Context& ctx, std::int64_t incident_id) {
  const auto incident = store::find_incident(ctx.sql, incident_id);
  if (!incident || !store::close_incident(ctx.sql, incident_id, "system", "Tự đóng: điều kiện sự cố đã hết.", ctx.now))
    return;
  history::append_system(ctx.sql, {"monitor.incident.close", "monitor_incident", std::to_string(incident_id),
                                   "Tự đóng " + incident_summary(*incident) + " sau " +
                                       std::to_string(incident->occurrences) + " lần"});
  for (const auto& l : store::active_links(ctx.sql, incident_id)) {
    store::clear_link(ctx.sql, l, ctx.now);
    if (l.subject_type != "FILE") continue;
    auto file = store::find_file(ctx.sql, l.subject_id);
    if (!file) continue;
    file->raised.erase(l.reason);
    if (condition_holds(l.reason, *file)) raise_file(ctx, *file, l.reason);
    else store::set_file_raised(ctx.sql, file->id, file->raised);
  }
}

}  // namespace

Settings Context::of(const std::string& system) const {
  const auto it = settings.find(system);
  return it == settings.end() ? Settings{} : it->second;
}

Context context(soci::session& sql, UnixSeconds now) { return Context{sql, now, store::load_settings(sql)}; }

void on_files(Context& ctx, std::vector<Touched>& files) {
  // What the files' new states ask of the due-time index; the last word per (kind, file) wins. Written with
  // one statement per kind of change at the end, so the work is proportional to the request.
  std::map<std::pair<std::string, std::int64_t>, std::optional<UnixSeconds>> due;
  for (auto& t : files) {
    auto& f = t.file;
    const auto settings = ctx.of(f.system);
    if (t.ops.count("EXPORT")) {
      if (!f.received_at && !f.raised.count(kNotReceived))
        due[{"RECEIVE", f.id}] = f.exported_at + settings.receive_within;
      if (f.received_at) due[{"EXPORT", f.id}] = std::nullopt;
    }
    if (t.ops.count("RECEIVE")) {
      due[{"RECEIVE", f.id}] = std::nullopt;
      if (!f.updated_at && applies_updates(f.system, f.receiver_level) && !f.raised.count(kNotApplied))
        due[{"UPDATE", f.id}] = f.received_at + settings.update_within;
      if (!f.exported_at && !f.raised.count(kCount)) due[{"EXPORT", f.id}] = f.received_at + settings.receive_within;
    }
    if (t.ops.count("UPDATE")) due[{"UPDATE", f.id}] = std::nullopt;
    for (const char* kind : {kNotReceived, kNotApplied, kCount})
      if (f.raised.count(kind) && !condition_holds(kind, f)) clear_file(ctx, f, kind);
    for (const char* kind : {"SIZE_MISMATCH", "CHECKSUM_MISMATCH", "VERSION_MISMATCH", "UPDATE_ERROR"}) {
      if (condition_holds(kind, f)) raise_file(ctx, f, kind);
      else clear_file(ctx, f, kind);
    }
  }
  std::vector<store::Due> scheduled, cancelled;
  for (const auto& [key, at] : due) (at ? scheduled : cancelled).push_back({key.first, key.second, at.value_or(0)});
  store::cancel(ctx.sql, cancelled);
  store::schedule(ctx.sql, scheduled);
}

void on_report(Context& ctx, const store::UnitRef& unit, const ServiceReport& r) {
  auto existing = store::find_service(ctx.sql, unit.id, r.system, r.service);
  if (existing && r.at < existing->reported_at) return;  // an older report replayed late: the state is newer
  const bool is_new = !existing;
  store::ServiceRow s = existing ? *existing : store::ServiceRow{};
  const std::string previous = s.status, previous_message = s.message;
  const bool was_silent = s.silent;
  s.unit_id = unit.id;
  s.unit_code = unit.code;
  s.unit_path = unit.path;
  s.system = r.system;
  s.service = r.service;
  s.ip = r.ip;
  s.status = r.status;
  s.message = r.message;
  s.reported_at = r.at;
  s.silent = false;
  if (is_new || previous != r.status) s.changed_at = r.at;
  if (is_new) s.id = store::insert_service(ctx.sql, s);
  if (is_new || previous != r.status || was_silent || (r.status != "RUNNING" && r.message != previous_message))
    store::add_service_history(ctx.sql, s.id, r.status, r.message, r.at);
  if (was_silent) clear_service(ctx, s, "SERVICE_SILENT");
  // A stopped or failing service is raised when it turns so: closed by hand, it stays closed until it changes.
  for (const char* status : {"STOPPED", "ERROR"}) {
    const auto kind = service_kind(status);
    if (r.status == status) {
      if (is_new || previous != r.status) raise_service(ctx, s, kind);
    } else {
      clear_service(ctx, s, kind);
    }
  }
  store::update_service(ctx.sql, s);
  store::schedule(ctx.sql, {{"SILENT", s.id, silent_after(r.at, ctx.of(r.system))}});
}

void on_due(Context& ctx, const store::Due& due) {
  if (due.kind == "SILENT") {
    auto s = store::service_by_id(ctx.sql, due.subject_id);
    if (!s || s->silent || silent_after(s->reported_at, ctx.of(s->system)) > ctx.now) return;
    s->silent = true;
    store::add_service_history(ctx.sql, s->id, "SILENT", "Không nhận được báo cáo trong hai chu kỳ liên tiếp.", ctx.now);
    raise_service(ctx, *s, "SERVICE_SILENT");
    store::update_service(ctx.sql, *s);
    return;
  }
  auto file = store::find_file(ctx.sql, due.subject_id);
  if (!file) return;
  const std::string kind = due.kind == "RECEIVE" ? kNotReceived : due.kind == "UPDATE" ? kNotApplied : kCount;
  if (condition_holds(kind, *file)) raise_file(ctx, *file, kind);
}

void forget_links(Context& ctx, std::int64_t incident_id) {
  for (const auto& l : store::active_links(ctx.sql, incident_id)) {
    store::clear_link(ctx.sql, l, ctx.now);
    if (l.subject_type == "FILE") {
      if (auto file = store::find_file(ctx.sql, l.subject_id); file && file->raised.erase(l.reason))
        store::set_file_raised(ctx.sql, file->id, file->raised);
    } else if (auto s = store::service_by_id(ctx.sql, l.subject_id); s && s->raised.erase(l.reason)) {
      store::update_service(ctx.sql, *s);
    }
  }
}

}  // namespace hq::monitor::reconcile
