// Lists, incident detail and manual close, at the caller's scope (scope.h predicates in every query).
#include <charconv>
#include <functional>

#include "core/error.h"
#include "core/validation.h"
#include "db/count.h"
#include "db/row.h"
#include "history/history_store.h"
#include "monitor/reconcile.h"
#include "monitor/scope.h"
#include "monitor/service.h"
#include "monitor/viewer.h"

namespace hq::monitor {

using nlohmann::json;

void require_viewer(const core::Principal& p) {
  if (!p.is_platform_admin() && !p.has_role("monitor.viewer") && !p.has_role("monitor.owner"))
    core::forbidden("Chức năng giám sát truyền nhận cần vai trò monitor.viewer hoặc monitor.owner.");
}

// The caller's row of the matrix: a Phòng/Đội sees as the unit it belongs to.
Viewer viewer_of(soci::session& sql, const core::Principal& p) {
  require_viewer(p);
  Viewer v;
  if (p.is_platform_admin()) {
    v.everything = true;
    return v;
  }
  auto unit = store::unit_by_id(sql, p.unit_id);
  while (unit && !level_of(unit->level) && unit->parent_id) unit = store::unit_by_id(sql, unit->parent_id);
  if (!unit) core::forbidden();
  v.path = unit->path;
  v.level = level_of(unit->level).value_or(Level::ChiCuc);
  if (p.has_role("monitor.owner")) v.owned = systems_owned_by(p.unit_code);
  return v;
}

namespace {

json instant(const soci::row& row, const std::string& column) {
  if (row.get_indicator(column) == soci::i_null) return nullptr;
  return core::format_iso8601(db::int_at(row, column));
}
json text_or_null(const soci::row& row, const std::string& column) {
  const auto t = db::text_at(row, column);
  return t.empty() ? json(nullptr) : json(t);
}

// from/to: a local date (to inclusive) or an ISO-8601 instant.
std::optional<UnixSeconds> bound(const std::string& text, const std::string& name, bool end) {
  if (text.empty()) return std::nullopt;
  if (const auto date = core::parse_date(text))
    return core::from_local({end ? core::add_days(*date, 1) : *date, 0, 0});
  if (const auto t = core::parse_iso8601(text)) return *t + (end ? 1 : 0);
  core::bad_input("INVALID_PARAMETER", "Tham số «" + name + "» phải là ngày YYYY-MM-DD hoặc thời điểm ISO-8601.",
                  {{"parameter", name}});
}

// "<at>.<id>": the position of a page's last operation (next_cursor), for the next page.
std::string cursor_text(std::int64_t at, std::int64_t id) { return std::to_string(at) + "." + std::to_string(id); }

store::Before cursor_of(const std::string& text) {
  store::Before b;
  const auto dot = text.find('.');
  auto number = [&](std::size_t from, std::size_t to, std::int64_t& out) {
    const char* end = text.data() + to;
    const auto [stop, ec] = std::from_chars(text.data() + from, end, out);
    return ec == std::errc() && stop == end && from < to && out > 0;
  };
  if (dot == std::string::npos || !number(0, dot, b.at) || !number(dot + 1, text.size(), b.id))
    core::bad_input("INVALID_PARAMETER",
                    "Tham số «cursor» phải là giá trị next_cursor của trang trước (dạng <thời điểm>.<mã số>).",
                    {{"parameter", "cursor"}});
  return b;
}

store::Filter filter_of(const ListQuery& q) {
  auto check = [](const std::string& value, bool ok, const std::string& name, const std::string& expected) {
    if (!value.empty() && !ok)
      core::bad_input("INVALID_PARAMETER", "Tham số «" + name + "» phải là " + expected + ".", {{"parameter", name}});
  };
  check(q.system, is_system(q.system), "system", "một trong SLXNK, GTT22, QLRR, VICUM, KT559, EDATA");
  check(q.unit, core::is_unit_code(q.unit), "unit", "mã đơn vị hải quan");
  check(q.op, is_operation(q.op), "op", "EXPORT, TRANSMIT, RECEIVE hoặc UPDATE");
  check(q.kind, std::find(incident_kinds().begin(), incident_kinds().end(), q.kind) != incident_kinds().end(), "kind",
        "một loại sự cố");
  store::Filter f{q.system, q.unit, q.op, q.status, q.kind, q.batch, bound(q.from, "from", false), bound(q.to, "to", true),
                  q.offset, q.limit, std::nullopt};
  if (!q.cursor.empty()) f.before = cursor_of(q.cursor);
  return f;
}

json incident_json(const soci::row& row) {
  const auto status = db::text_at(row, "status");
  return {{"id", db::int_at(row, "id")},
          {"kind", db::text_at(row, "kind")},
          {"system", db::text_at(row, "system")},
          {"unit_code", db::text_at(row, "unit_code")},
          {"peer_unit_code", text_or_null(row, "peer_unit_code")},
          {"owner", db::text_at(row, "owner")},
          {"count", db::int_at(row, "occurrences")},
          {"opened_at", instant(row, "opened_at")},
          {"last_at", instant(row, "last_at")},
          {"closed_at", instant(row, "closed_at")},
          {"closed_by", text_or_null(row, "closed_by")},
          {"note", text_or_null(row, "note")},
          {"status", status}};
}

json service_json(const soci::row& row) {
  const bool silent = db::int_at(row, "silent") == 1;
  return {{"id", db::int_at(row, "id")},
          {"unit_code", db::text_at(row, "unit_code")},
          {"system", db::text_at(row, "system")},
          {"service", db::text_at(row, "service")},
          {"ip", db::text_at(row, "ip")},
          {"status", db::text_at(row, "status")},
          {"silent", silent},
          {"state", silent ? std::string("SILENT") : db::text_at(row, "status")},
          {"message", db::text_at(row, "message")},
          {"reported_at", instant(row, "reported_at")},
          {"changed_at", instant(row, "changed_at")}};
}

std::int64_t count_where(soci::session& sql, const std::string& query) { return store::count_rows(sql, query); }

// A list's page: how many rows `query` has, and those of the page (`order`, offset and limit of `f`) as items.
Page page_of(soci::session& sql, const std::string& query, const char* order, const store::Filter& f,
             const std::function<json(const soci::row&)>& item) {
  Page page;
  page.total = count_where(sql, query);
  store::each_page_row(sql, query, order, f, [&](const soci::row& row) { page.items.push_back(item(row)); });
  return page;
}

}  // namespace

Page MonitorService::operations(const core::Principal& caller, const ListQuery& q) {
  const auto f = filter_of(q);
  return db_.read([&](soci::session& sql) {
    // The scope names the system once per visible system (an OR of a dozen terms). Written as a plain column, it
    // led SQLite to a MULTI-INDEX OR over the (system, at) index and a sort of everything a Cục may see (73 ms →
    // 3.4 s a page at 1M operations); as an expression it only filters, and the page is read in time order (or
    // through the index of a filter the user chose: system, batch, dates), as before migration 0402.
    // PostgreSQL keeps the column: it cannot estimate an expression (0.5 % a term), so it took a Chi cục's scope for
    // 20,000 of its 830,000 rows at 10M operations and counted them by a bitmap of all 830,000 (290–380 ms); with
    // the column's statistics it expects the half million that match and stops at the cap (docs/performance.md).
    const auto viewer = viewer_of(sql, caller);
    const bool postgres = sql.get_backend_name() == "postgresql";
    const auto scope = operation_visible_sql(viewer, postgres ? "system" : "(system || '')", "op", "unit_path");
    const auto query = store::operations_query(scope, f);
    // A Cục's rows as a path range as well (the same rows): with a system chosen, found through (system, unit_path,
    // at) — 624 rows among 10M were read by testing every row of the system (4 s) — but not in time order. Only
    // then: without a system, PostgreSQL counted the whole range of a Cục by its bitmap (64 ms → 0.9 s at 10M).
    const auto range = f.system.empty() ? std::string() : operation_path_range_sql(viewer, "unit_path");
    const auto ranged = range.empty() ? query : store::operations_query("(" + range + " AND " + scope + ")", f);
    Page page;
    // The ledger grows by millions of rows: counting a wide scope cost 300–560 ms a page at 1M operations. The
    // total is counted up to kOperationsCountCap and said to be a lower bound beyond it (total_exact false).
    page.total = db::count_capped(sql, ranged, kOperationsCountCap);
    page.total_exact = page.total <= kOperationsCountCap;
    if (!*page.total_exact) page.total = kOperationsCountCap;
    // The page: when few rows match, the range finds them all and sorts them (at most kOperationsCountCap); when
    // many do, reading in time order finds the newest 20 sooner (a sort of a Cục's whole range was 0.7 s at 1M).
    const auto& listed = *page.total_exact ? ranged : query;
    // Keyset paging: after a cursor, the page starts where the previous one ended (no OFFSET to walk).
    auto paged = f;
    if (f.before) paged.offset = 0;
    std::int64_t last_at = 0, last_id = 0;
    store::each_page_row(sql, f.before ? listed + store::before(*f.before) : listed, "at DESC, id DESC", paged,
                         [&](const soci::row& row) {
      last_at = db::int_at(row, "at");
      last_id = db::int_at(row, "id");
      page.items.push_back({{"id", db::int_at(row, "id")},
                            {"system", db::text_at(row, "system")},
                            {"op", db::text_at(row, "op")},
                            {"unit_code", db::text_at(row, "unit_code")},
                            {"peer_unit_code", db::text_at(row, "peer_unit_code")},
                            {"batch_id", db::text_at(row, "batch_id")},
                            {"file_name", db::text_at(row, "file_name")},
                            {"size", db::int_at(row, "size")},
                            {"sha256", text_or_null(row, "sha256")},
                            {"version", text_or_null(row, "version")},
                            {"at", instant(row, "at")},
                            {"auto", db::int_at(row, "automatic") == 1},
                            {"error", text_or_null(row, "error")}});
    });
    page.next_cursor = static_cast<std::int64_t>(page.items.size()) == f.limit ? json(cursor_text(last_at, last_id))
                                                                               : json(nullptr);
    return page;
  });
}

Page MonitorService::transfers(const core::Principal& caller, const ListQuery& q) {
  const auto f = filter_of(q);
  return db_.read([&](soci::session& sql) {
    const auto v = viewer_of(sql, caller);
    auto side = [&](const char* op, const char* path) {
      return operation_visible_sql(v, "system", "", path, std::string(op));
    };
    const auto exported = side("EXPORT", "sender_path"), received = side("RECEIVE", "receiver_path"),
               updated = side("UPDATE", "receiver_path");
    const auto scope = "(" + exported + " OR " + side("TRANSMIT", "sender_path") + " OR " + received + " OR " +
                       updated + ")";
    const auto query = store::transfers_query(scope, exported, received, updated, f);
    return page_of(sql, query, "started_at DESC, batch_id", f, [&](const soci::row& row) {
      // Figures of an end the caller may not see are null, and so are the differences that need them.
      const bool e = db::int_at(row, "export_visible") == 1, r = db::int_at(row, "receive_visible") == 1,
                 u = db::int_at(row, "update_visible") == 1;
      auto n = [&](bool visible, const char* column) { return visible ? json(db::int_at(row, column)) : json(nullptr); };
      auto diff = [&](bool visible, const char* a, const char* b) {
        return visible ? json(db::int_at(row, a) - db::int_at(row, b)) : json(nullptr);
      };
      return json{{"system", db::text_at(row, "system")},
                  {"sender_unit_code", db::text_at(row, "sender_code")},
                  {"receiver_unit_code", db::text_at(row, "receiver_code")},
                  {"batch_id", db::text_at(row, "batch_id")},
                  {"started_at", instant(row, "started_at")},
                  {"exported_files", n(e, "exported_files")},
                  {"auto_files", n(e, "auto_files")},
                  {"conditional_files", diff(e, "exported_files", "auto_files")},
                  {"exported_bytes", n(e, "exported_bytes")},
                  {"received_files", n(r, "received_files")},
                  {"received_bytes", n(r, "received_bytes")},
                  {"last_received_at", r ? instant(row, "last_received_at") : json(nullptr)},
                  {"updated_files", n(u, "updated_files")},
                  {"updated_bytes", n(u, "updated_bytes")},
                  {"update_errors", n(u, "update_errors")},
                  {"files_not_received", diff(e && r, "exported_files", "received_files")},
                  {"bytes_not_received", diff(e && r, "exported_bytes", "received_bytes")},
                  {"files_not_updated", diff(r && u, "received_files", "updated_files")},
                  {"bytes_not_updated", diff(r && u, "received_bytes", "updated_bytes")}};
    });
  });
}

Page MonitorService::incidents(const core::Principal& caller, const ListQuery& q) {
  if (!q.status.empty() && q.status != "OPEN" && q.status != "CLOSED")
    core::bad_input("INVALID_PARAMETER", "Tham số «status» phải là OPEN hoặc CLOSED.", {{"parameter", "status"}});
  const auto f = filter_of(q);
  return db_.read([&](soci::session& sql) {
    const auto query = store::incidents_query(incident_visible_sql(viewer_of(sql, caller)), f);
    return page_of(sql, query, "status DESC, opened_at DESC, id DESC", f, incident_json);
  });
}

json MonitorService::incident(const core::Principal& caller, std::int64_t id) {
  return db_.read([&](soci::session& sql) {
    const auto query = store::incidents_query(incident_visible_sql(viewer_of(sql, caller)), {}) +
                       " AND id = " + std::to_string(id);
    json out;
    store::each_row(sql, query, [&](const soci::row& row) { out = incident_json(row); });
    if (out.is_null()) core::not_found("Không tìm thấy sự cố số " + std::to_string(id) + ".");
    json links = json::array();
    store::each_row(
        sql,
        "SELECT l.subject_type, l.subject_id, l.reason, l.cause, l.active, l.linked_at, l.cleared_at, f.batch_id, "
        "f.file_name, f.sender_code, f.receiver_code, f.exported_at, f.export_size, f.received_at, f.receive_size, "
        "f.updated_at, f.update_error, s.service, s.status AS service_status FROM monitor_incident_links l "
        "LEFT JOIN monitor_files f ON l.subject_type = 'FILE' AND f.id = l.subject_id "
        "LEFT JOIN monitor_services s ON l.subject_type = 'SERVICE' AND s.id = l.subject_id "
        "WHERE l.incident_id = " + std::to_string(id) + " ORDER BY l.id LIMIT 1000",
        [&](const soci::row& row) {
          json item = {{"subject_type", db::text_at(row, "subject_type")},
                       {"reason", db::text_at(row, "reason")},
                       {"active", db::int_at(row, "active") == 1},
                       {"joined", db::int_at(row, "cause") == 0},
                       {"linked_at", instant(row, "linked_at")},
                       {"cleared_at", instant(row, "cleared_at")}};
          if (item["subject_type"] == "FILE")
            item.update({{"batch_id", db::text_at(row, "batch_id")},
                         {"file_name", db::text_at(row, "file_name")},
                         {"sender_unit_code", db::text_at(row, "sender_code")},
                         {"receiver_unit_code", db::text_at(row, "receiver_code")},
                         {"exported_at", instant(row, "exported_at")},
                         {"export_size", db::int_at(row, "export_size")},
                         {"received_at", instant(row, "received_at")},
                         {"receive_size", db::int_at(row, "receive_size")},
                         {"updated_at", instant(row, "updated_at")},
                         {"update_error", text_or_null(row, "update_error")}});
          else
            item.update({{"service", db::text_at(row, "service")}, {"status", db::text_at(row, "service_status")}});
          links.push_back(item);
        });
    out["links"] = links;
    return out;
  });
}

void MonitorService::close_incident(const core::Principal& caller, std::int64_t id, const std::string& note) {
  require_viewer(caller);
  if (note.empty() || note.size() > 2000)
    core::bad_input("INVALID_FIELD", "Ghi chú khi đóng sự cố phải có từ 1 đến 2000 byte.", {{"field", "note"}});
  db_.transaction([&](soci::session& sql) {
    const auto scope = incident_visible_sql(viewer_of(sql, caller));
    if (count_where(sql, store::incidents_query(scope, {}) + " AND id = " + std::to_string(id)) == 0)
      core::not_found("Không tìm thấy sự cố số " + std::to_string(id) + ".");
    const auto incident = store::find_incident(sql, id);
    if (!caller.is_platform_admin() && !(caller.has_role("monitor.owner") && caller.unit_code == incident->owner))
      core::forbidden("Sự cố này do " + incident->owner + " xử lý; chỉ đơn vị đó (vai trò monitor.owner) hoặc quản trị "
                      "hệ thống được đóng.");
    const auto now = core::now();
    if (!store::close_incident(sql, id, caller.username, note, now))
      core::conflict("INCIDENT_CLOSED", "Sự cố số " + std::to_string(id) + " đã được đóng trước đó.");
    auto ctx = reconcile::context(sql, now);
    reconcile::forget_links(ctx, id);
    history::append(sql, caller, {"monitor.incident.close", "monitor_incident", std::to_string(id),
                                  "Đóng sự cố " + incident->kind + " (" + incident->system + ", " + incident->unit_code +
                                      ") với ghi chú: " + note});
  });
}

Page MonitorService::services(const core::Principal& caller, const ListQuery& q) {
  if (!q.status.empty() && !is_service_status(q.status))
    core::bad_input("INVALID_PARAMETER", "Tham số «status» phải là RUNNING, STOPPED hoặc ERROR.", {{"parameter", "status"}});
  const auto f = filter_of(q);
  return db_.read([&](soci::session& sql) {
    const auto query = store::services_query(service_visible_sql(viewer_of(sql, caller), "system", "unit_path"), f);
    return page_of(sql, query, "unit_code, system, service", f, service_json);
  });
}

Page MonitorService::service_history(const core::Principal& caller, std::int64_t id, std::int64_t offset,
                                     std::int64_t limit) {
  return db_.read([&](soci::session& sql) {
    const auto scope = service_visible_sql(viewer_of(sql, caller), "system", "unit_path");
    if (count_where(sql, store::services_query(scope, {}) + " AND id = " + std::to_string(id)) == 0)
      core::not_found("Không tìm thấy mô-đun dịch vụ số " + std::to_string(id) + ".");
    const std::string query = "SELECT id, status, message, at FROM monitor_service_history WHERE service_id = " +
                              std::to_string(id);
    store::Filter f;
    f.offset = offset;
    f.limit = limit;
    return page_of(sql, query, "at DESC, id DESC", f, [](const soci::row& row) {
      return json{{"id", db::int_at(row, "id")},
                  {"status", db::text_at(row, "status")},
                  {"message", db::text_at(row, "message")},
                  {"at", instant(row, "at")}};
    });
  });
}

}  // namespace hq::monitor
