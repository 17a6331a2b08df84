// Agents, settings and ingest. Lists and incidents are in queries.cpp; reconciliation in reconcile.cpp.
#include "monitor/service.h"

#include <algorithm>
#include <set>
#include <string_view>
#include <tuple>
#include <unordered_set>

#include "core/error.h"
#include "core/fields.h"
#include "core/time.h"
#include "core/validation.h"
#include "history/history_store.h"
#include "identity/crypto.h"
#include "monitor/reconcile.h"
#include "monitor/viewer.h"

namespace hq::monitor {

using nlohmann::json;

namespace {

constexpr std::int64_t kDueBatch = 500;
constexpr const char* kTokenPrefix = "hqa_";

bool manages_agents(const core::Principal& p) {
  return p.is_platform_admin() || (p.has_role("monitor.owner") && p.unit_code == "CNTT");
}

void require_agent_manager(const core::Principal& p) {
  if (!manages_agents(p))
    core::forbidden("Chỉ quản trị hệ thống hoặc Cục Công nghệ thông tin (vai trò monitor.owner) được cấp và thu hồi "
                    "mã truy cập của máy trạm giám sát.");
}

json agent_json(const store::Agent& a) {
  auto instant = [](UnixSeconds t) { return t ? json(core::format_iso8601(t)) : json(nullptr); };
  return {HQ_JSON_FIELDS(a, id, unit_code, name, created_by),
          {"created_at", core::format_iso8601(a.created_at)},
          {"last_seen_at", instant(a.last_seen_at)},
          {"revoked_at", instant(a.revoked_at)},
          {"status", a.revoked_at ? "REVOKED" : "ACTIVE"}};
}

// The agent acting as a caller in the processing history.
core::Principal agent_principal(const store::Agent& agent, const std::string& client) {
  core::Principal p;
  p.username = "agent:" + std::to_string(agent.id);
  p.unit_id = agent.unit_id;
  p.unit_code = agent.unit_code;
  p.unit_path = agent.unit_path;
  p.client_address = client;
  return p;
}

[[noreturn]] void wrong_unit(std::size_t index, const std::string& unit, const store::Agent& agent) {
  throw core::Error(core::ErrorKind::Forbidden, "AGENT_UNIT_MISMATCH",
                    "Mục thứ " + std::to_string(index + 1) + " báo cáo cho đơn vị " + unit + ", nhưng máy trạm này " +
                        "chỉ được báo cáo cho đơn vị " + agent.unit_code + ". Không lưu mục nào của yêu cầu này.",
                    {{"index", index}, {"field", "unit_code"}});
}

// Validates a request's items one by one (`parse(item, index)`: its errors name the item) and checks that each
// reports for the agent's own unit; the first refusal refuses the whole request.
template <typename Items, typename Parse>
auto own_items(Items&& items, const store::Agent& agent, Parse parse) {
  std::vector<decltype(parse(items[0], std::size_t{0}))> out;
  out.reserve(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    out.push_back(parse(items[i], i));
    if (out.back().unit_code != agent.unit_code) wrong_unit(i, out.back().unit_code, agent);
  }
  return out;
}

// One request of an agent, its items validated: one transaction with the reconciliation context and the agent's unit
// for `work`, which returns the result and what the processing history says the agent reported (entry `action`);
// the agent is seen at `now`.
template <typename Work>
IngestResult record_request(db::Database& db, const store::Agent& agent, UnixSeconds now, const std::string& client,
                            const char* action, Work work) {
  return db.transaction([&](soci::session& sql) {
    auto ctx = reconcile::context(sql, now);
    const auto own = store::unit_by_id(sql, agent.unit_id);
    const auto [result, reported] = work(ctx, *own);
    store::touch_agent(sql, agent.id, now);
    history::append(sql, agent_principal(agent, client),
                    {action, "monitor_agent", std::to_string(agent.id), "Máy trạm \"" + agent.name + "\" báo " + reported});
    return result;
  });
}

}  // namespace

NewAgent MonitorService::create_agent(const core::Principal& caller, const std::string& unit_code,
                                      const std::string& name) {
  require_agent_manager(caller);
  if (name.empty() || name.size() > 200)
    core::bad_input("INVALID_FIELD", "Tên máy trạm phải có từ 1 đến 200 byte.", {{"field", "name"}});
  NewAgent result;
  result.token = kTokenPrefix + identity::new_token();
  result.id = db_.transaction([&](soci::session& sql) {
    const auto unit = store::find_unit(sql, unit_code);
    if (!unit)
      throw core::Error(core::ErrorKind::Unprocessable, "UNKNOWN_UNIT", "Không có đơn vị mã «" + unit_code + "».",
                        {{"field", "unit_code"}});
    const auto id = store::insert_agent(sql, unit->id, name, identity::token_hash(result.token), caller.username,
                                        core::now());
    history::append(sql, caller, {"monitor.agent.create", "monitor_agent", std::to_string(id),
                                  "Cấp mã truy cập cho máy trạm giám sát \"" + name + "\" của đơn vị " + unit->code});
    return id;
  });
  return result;
}

Page MonitorService::agents(const core::Principal& caller, std::int64_t offset, std::int64_t limit) {
  require_agent_manager(caller);
  Page page;
  db_.read([&](soci::session& sql) {
    for (const auto& a : store::list_agents(sql, offset, limit, page.total)) page.items.push_back(agent_json(a));
  });
  return page;
}

void MonitorService::revoke_agent(const core::Principal& caller, std::int64_t id) {
  require_agent_manager(caller);
  db_.transaction([&](soci::session& sql) {
    const auto agent = store::find_agent(sql, id);
    if (!agent) core::not_found("Không có máy trạm giám sát số " + std::to_string(id) + ".");
    if (!store::revoke_agent(sql, id, core::now()))
      core::conflict("AGENT_REVOKED", "Mã truy cập của máy trạm số " + std::to_string(id) + " đã bị thu hồi trước đó.");
    history::append(sql, caller, {"monitor.agent.revoke", "monitor_agent", std::to_string(id),
                                  "Thu hồi mã truy cập của máy trạm \"" + agent->name + "\" (" + agent->unit_code + ")"});
  });
}

store::Agent MonitorService::authenticate_agent(const std::string* authorization) {
  auto refuse = [](const std::string& message) -> store::Agent {
    throw core::Error(core::ErrorKind::Unauthenticated, "AGENT_UNAUTHENTICATED", message);
  };
  const std::string bearer = "Bearer ";
  if (!authorization || authorization->compare(0, bearer.size(), bearer) != 0)
    return refuse("Thiếu mã truy cập của máy trạm (tiêu đề Authorization: Bearer <mã>).");
  const std::string token = authorization->substr(bearer.size());
  if (token.rfind(kTokenPrefix, 0) != 0 || token.size() > 200) return refuse("Mã truy cập của máy trạm không hợp lệ.");
  const auto agent =
      db_.read([&](soci::session& sql) { return store::agent_by_token(sql, identity::token_hash(token)); });
  if (!agent) return refuse("Mã truy cập của máy trạm không hợp lệ.");
  if (agent->revoked_at) return refuse("Mã truy cập của máy trạm này đã bị thu hồi.");
  return *agent;
}

json MonitorService::settings(const core::Principal& caller) {
  require_viewer(caller);
  const auto stored = db_.read([](soci::session& sql) { return store::load_settings(sql); });
  json items = json::array();
  for (const auto& system : systems()) {
    const auto it = stored.find(system);
    const Settings s = it == stored.end() ? Settings{} : it->second;
    items.push_back({{"system", system},
                     {"owner", owner_of(system)},
                     {"receive_within_seconds", s.receive_within},
                     {"update_within_seconds", s.update_within},
                     {"service_interval_seconds", s.service_interval}});
  }
  return items;
}

void MonitorService::update_settings(const core::Principal& caller, const std::string& system, const Settings& s) {
  if (!caller.is_platform_admin()) core::forbidden("Chỉ quản trị hệ thống được thay đổi thời hạn giám sát.");
  if (!is_system(system)) core::not_found("Không có hệ thống được giám sát mã «" + system + "».");
  db_.transaction([&](soci::session& sql) {
    store::save_settings(sql, system, s, caller.username, core::now());
    history::append(sql, caller, {"monitor.settings", "monitor_settings", system,
                                  "Thời hạn giám sát " + system + ": nhận trong " + std::to_string(s.receive_within) +
                                      " giây, cập nhật trong " + std::to_string(s.update_within) +
                                      " giây, báo cáo dịch vụ mỗi " + std::to_string(s.service_interval) + " giây"});
  });
}

IngestResult MonitorService::ingest_events(const store::Agent& agent, std::string_view body, const std::string& client) {
  const auto now = core::now();
  const auto events = own_items(read_event_items(body), agent,
                                [&](EventItem& item, std::size_t i) { return parse_event(std::move(item), i, now); });
  const auto result = record_events(agent, events, now, client);
  process_due(now);
  return result;
}

IngestResult MonitorService::record_events(const store::Agent& agent, const std::vector<Event>& events,
                                           UnixSeconds now, const std::string& client) {
  return record_request(db_, agent, now, client, "monitor.events",
                        [&](reconcile::Context& ctx, const store::UnitRef& own) {
    auto& sql = ctx.sql;
    IngestResult r;
    // Peers: one lookup per distinct unit code of the request; an unknown one refuses the whole request.
    std::map<std::string, store::UnitRef> peers;
    for (std::size_t i = 0; i < events.size(); ++i) {
      const auto& code = events[i].peer_unit_code;
      if (peers.count(code)) continue;
      const auto found = store::find_unit(sql, code);
      if (!found)
        throw core::Error(core::ErrorKind::Unprocessable, "INVALID_EVENT",
                          "Sự kiện thứ " + std::to_string(i + 1) + " (chỉ số " + std::to_string(i) +
                              "), trường «peer_unit_code»: không có đơn vị mã «" + code +
                              "». Không lưu sự kiện nào của yêu cầu này.",
                          {{"index", i}, {"field", "peer_unit_code"}});
      peers.emplace(code, *found);
    }
    // An event id repeated within the request counts once; the ledger refuses ids it already holds.
    std::vector<const Event*> distinct;
    std::unordered_set<std::string_view> seen;
    seen.reserve(events.size());
    for (const auto& e : events)
      if (seen.insert(e.id).second) distinct.push_back(&e);
    const auto inserted = store::insert_operations(sql, distinct, own, agent.id, now);
    r.accepted = std::count(inserted.begin(), inserted.end(), true);
    r.duplicates = static_cast<std::int64_t>(events.size()) - r.accepted;
    // Per operation, the last new event of each file (a later report of the same operation replaces the figures).
    using FileKey = std::tuple<std::string_view, std::string_view, std::string_view, std::string_view, std::string_view>;
    std::map<std::string, std::vector<store::FileWrite>> writes;
    std::map<std::string, std::map<FileKey, std::size_t>> slot;
    std::map<store::CounterKey, std::pair<std::int64_t, std::int64_t>> counters;
    for (std::size_t k = 0; k < distinct.size(); ++k) {
      if (!inserted[k]) continue;
      const Event* e = distinct[k];
      const auto& peer = peers.at(e->peer_unit_code);
      const bool sending = at_sender(e->op);
      const store::FileWrite w{e, sending ? &own : &peer, sending ? &peer : &own};
      auto& list = writes[e->op];
      const auto [it, fresh] =
          slot[e->op].emplace(FileKey{e->system, w.sender->code, w.receiver->code, e->batch_id, e->file_name}, list.size());
      if (fresh) list.push_back(w);
      else list[it->second] = w;
      auto& counter = counters[{core::from_local({core::to_local(e->at).date, 0, 0}), e->system, e->unit_code,
                                own.path, e->op}];
      ++counter.first;
      counter.second += e->size;
    }
    // Each file once, as it stands after all of the request's operations, then reconciled.
    std::map<std::int64_t, reconcile::Touched> touched;
    for (const auto& op : monitor::operations()) {
      const auto found = writes.find(op);
      if (found == writes.end()) continue;
      for (auto& row : store::apply_to_files(sql, op, found->second)) {
        auto& t = touched[row.id];
        t.file = std::move(row);
        t.ops.insert(op);
      }
    }
    std::vector<reconcile::Touched> files;
    files.reserve(touched.size());
    for (auto& [id, t] : touched) files.push_back(std::move(t));
    reconcile::on_files(ctx, files);
    store::add_counters(sql, counters);
    return std::pair{r, std::to_string(r.accepted) + " thao tác mới, " + std::to_string(r.duplicates) +
                            " thao tác đã nhận trước đó"};
  });
}

IngestResult MonitorService::ingest_service_reports(const store::Agent& agent, const json& body,
                                                    const std::string& client) {
  const auto now = core::now();
  const auto reports = own_items(item_list(body, "reports"), agent, [&](const json& item, std::size_t i) {
    return parse_service_report(item, i, now);
  });
  const auto result = record_reports(agent, reports, now, client);
  process_due(now);
  return result;
}

IngestResult MonitorService::record_reports(const store::Agent& agent, const std::vector<ServiceReport>& reports,
                                            UnixSeconds now, const std::string& client) {
  return record_request(db_, agent, now, client, "monitor.services",
                        [&](reconcile::Context& ctx, const store::UnitRef& own) {
    for (const auto& r : reports) reconcile::on_report(ctx, own, r);
    return std::pair{IngestResult{static_cast<std::int64_t>(reports.size()), 0},
                     "trạng thái " + std::to_string(reports.size()) + " mô-đun dịch vụ"};
  });
}

store::Agent MonitorService::ensure_agent_as_system(const std::string& unit_code, const std::string& name,
                                                    const std::string& token) {
  return db_.transaction([&](soci::session& sql) {
    const auto hash = identity::token_hash(token);
    if (auto existing = store::agent_by_token(sql, hash)) return *existing;
    const auto unit = store::find_unit(sql, unit_code);
    if (!unit) core::not_found("Không có đơn vị mã «" + unit_code + "».");
    const auto id = store::insert_agent(sql, unit->id, name, hash, "system", core::now());
    history::append_system(sql, {"monitor.agent.create", "monitor_agent", std::to_string(id),
                                 "Cấp mã truy cập cho máy trạm giám sát \"" + name + "\" của đơn vị " + unit_code});
    return *store::find_agent(sql, id);
  });
}

std::size_t MonitorService::process_due(UnixSeconds now) {
  std::size_t total = 0;
  for (;;) {
    const auto handled = db_.transaction([&](soci::session& sql) {
      auto ctx = reconcile::context(sql, now);
      const auto due = store::take_due(sql, now, kDueBatch);
      for (const auto& d : due) reconcile::on_due(ctx, d);
      return due.size();
    });
    total += handled;
    if (handled < static_cast<std::size_t>(kDueBatch)) return total;
  }
}

}  // namespace hq::monitor
