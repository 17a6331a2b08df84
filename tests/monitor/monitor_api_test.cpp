// The monitor's HTTP contract on SQLite and PostgreSQL: agents and tokens, ingest (all or nothing,
// idempotent, own unit only), each incident kind, grouping, inhibition, auto and manual close, and the
// visibility matrix on the demo day's traffic.
#include <map>

#include "core/time.h"
#include "monitor/service.h"
#include "tests/api/api_fixture.h"

namespace hq::test {
namespace {

using nlohmann::json;

class MonitorApi : public ApiTest {
 protected:
  ApiClient admin() { return logged_in("admin", kAdminPassword); }

  std::string token_for(const std::string& unit) {
    auto& token = tokens_[unit];
    if (token.empty()) {
      auto a = admin();
      const auto r = a.post("/api/v1/monitor/agents", {{"unit_code", unit}, {"name", "Máy trạm thử " + unit}});
      EXPECT_EQ(r.status, 201) << r.raw;
      token = r.body.value("token", "");
    }
    return token;
  }

  ApiResponse agent_post(const std::string& path, const std::string& token, const json& body) {
    http::Request request;
    request.method = "POST";
    request.path = path;
    request.body = body.dump();
    request.client_address = "10.9.9.9";
    request.headers["content-type"] = "application/json";
    if (!token.empty()) request.headers["authorization"] = "Bearer " + token;
    const auto response = router().handle(request);
    ApiResponse out;
    out.status = response.status;
    out.raw = response.body;
    out.body = json::parse(response.body, nullptr, false);
    return out;
  }

  ApiResponse send(const std::string& unit, const json& events) {
    return agent_post("/api/v1/monitor/events", token_for(unit), {{"events", events}});
  }
  ApiResponse report(const std::string& unit, const json& reports) {
    return agent_post("/api/v1/monitor/services", token_for(unit), {{"reports", reports}});
  }

  static std::string at(std::int64_t seconds_ago) { return core::format_iso8601(core::now() - seconds_ago); }

  // One operation: sender-side ops are reported by `from`, receiver-side by `to`.
  static json op(const std::string& id, const std::string& system, const std::string& operation,
                 const std::string& from, const std::string& to, const std::string& batch, const std::string& file,
                 std::int64_t size, std::int64_t seconds_ago, const std::string& sha = std::string(64, 'a'),
                 const std::string& version = "1") {
    const bool sending = operation == "EXPORT" || operation == "TRANSMIT";
    return {{"id", id},          {"system", system},  {"op", operation},           {"unit_code", sending ? from : to},
            {"peer_unit_code", sending ? to : from},  {"batch_id", batch},         {"file_name", file},
            {"size", size},      {"sha256", sha},     {"version", version},        {"at", at(seconds_ago)},
            {"auto", true}};
  }

  static json service(const std::string& unit, const std::string& system, const std::string& name,
                      const std::string& status, std::int64_t seconds_ago) {
    return {{"unit_code", unit}, {"ip", "10.2.3.4"}, {"service", name}, {"system", system},
            {"status", status},  {"at", at(seconds_ago)}, {"message", status == "RUNNING" ? "" : "Dừng"}};
  }

  // Incidents of a kind between two units for a system (admin's view).
  json incidents(const std::string& kind, const std::string& system, const std::string& unit,
                 const std::string& status = "") {
    auto a = admin();
    const auto r = a.get("/api/v1/monitor/incidents?page_size=200&kind=" + kind + "&system=" + system + "&unit=" +
                         unit + (status.empty() ? "" : "&status=" + status));
    EXPECT_EQ(r.status, 200) << r.raw;
    return r.body["items"];
  }

  std::map<std::string, std::string> tokens_;
};

TEST_P(MonitorApi, AgentTokenIsShownOnceAndCanBeRevoked) {
  auto viewer = logged_in("02ci.giamsat");
  EXPECT_EQ(viewer.post("/api/v1/monitor/agents", {{"unit_code", "02CI"}, {"name", "x"}}).status, 403);
  auto it_department = logged_in("cntt.vanhanh");
  const auto created = it_department.post("/api/v1/monitor/agents", {{"unit_code", "02CI"}, {"name", "Máy trạm A"}});
  ASSERT_EQ(created.status, 201) << created.raw;
  const std::string token = created.body["token"];
  const auto list = it_department.get("/api/v1/monitor/agents?page_size=200");
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.raw.find(token), std::string::npos);
  const json one = json::array({op("t-1", "VICUM", "EXPORT", "02CI", "02", "tok", "a.xml", 5, 10)});
  EXPECT_EQ(agent_post("/api/v1/monitor/events", token, {{"events", one}}).status, 200);
  EXPECT_EQ(agent_post("/api/v1/monitor/events", "", {{"events", one}}).status, 401);
  EXPECT_EQ(agent_post("/api/v1/monitor/events", "hqa_not-a-token", {{"events", one}}).status, 401);
  const auto id = created.body["id"].get<std::int64_t>();
  EXPECT_EQ(it_department.post("/api/v1/monitor/agents/" + std::to_string(id) + "/revoke").status, 200);
  EXPECT_EQ(it_department.post("/api/v1/monitor/agents/" + std::to_string(id) + "/revoke").status, 409);
  const auto after = agent_post("/api/v1/monitor/events", token, {{"events", one}});
  EXPECT_EQ(after.status, 401);
  EXPECT_EQ(after.error_code(), "AGENT_UNAUTHENTICATED");
}

TEST_P(MonitorApi, OneBadEventRefusesTheWholeRequestNamingItsIndex) {
  json events = json::array();
  for (int i = 0; i < 3; ++i)
    events.push_back(op("bad-" + std::to_string(i), "VICUM", "EXPORT", "02CI", "02", "allornothing",
                        "f" + std::to_string(i), 10, 60));
  events[1]["size"] = -5;
  const auto r = send("02CI", events);
  EXPECT_EQ(r.status, 422) << r.raw;
  EXPECT_EQ(r.body["error"]["details"]["index"], 1);
  EXPECT_EQ(r.body["error"]["details"]["field"], "size");
  events[1]["size"] = 5;
  events[2]["peer_unit_code"] = "99ZZ";  // no such unit: refused inside the transaction, nothing kept
  EXPECT_EQ(send("02CI", events).body["error"]["details"]["index"], 2);
  auto a = admin();
  EXPECT_EQ(a.get("/api/v1/monitor/operations?batch=allornothing").body["total"], 0);
}

TEST_P(MonitorApi, AnAgentMayReportOnlyForItsOwnUnit) {
  const auto r = send("02CI", json::array({op("own-1", "VICUM", "EXPORT", "02CI", "02", "own", "a", 1, 60),
                                           op("own-2", "VICUM", "EXPORT", "02B1", "02", "own", "b", 1, 60)}));
  EXPECT_EQ(r.status, 403) << r.raw;
  EXPECT_EQ(r.body["error"]["details"]["index"], 1);
  const auto s = report("02CI", json::array({service("02B1", "VICUM", "x", "RUNNING", 0)}));
  EXPECT_EQ(s.status, 403);
  auto a = admin();
  EXPECT_EQ(a.get("/api/v1/monitor/operations?batch=own").body["total"], 0);
}

TEST_P(MonitorApi, ReplayedEventsAreCountedOnce) {
  const json events = json::array({op("rp-1", "KT559", "EXPORT", "02CI", "02", "replay", "a.xml", 100, 120),
                                   op("rp-2", "KT559", "RECEIVE", "02CI", "02", "replay", "a.xml", 100, 60)});
  const json sender = json::array({events[0]}), receiver = json::array({events[1]});
  EXPECT_EQ(send("02CI", sender).body, (json{{"accepted", 1}, {"duplicates", 0}}));
  EXPECT_EQ(send("02CI", sender).body, (json{{"accepted", 0}, {"duplicates", 1}}));
  EXPECT_EQ(send("02", receiver).body["accepted"], 1);
  EXPECT_EQ(send("02", json::array({events[1], events[1]})).body, (json{{"accepted", 0}, {"duplicates", 2}}));
  auto a = admin();
  EXPECT_EQ(a.get("/api/v1/monitor/operations?batch=replay").body["total"], 2);
  const auto transfers = a.get("/api/v1/monitor/transfers?batch=replay");
  ASSERT_EQ(transfers.body["total"], 1) << transfers.raw;
  const auto& t = transfers.body["items"][0];
  EXPECT_EQ(t["exported_files"], 1);
  EXPECT_EQ(t["received_files"], 1);
  EXPECT_EQ(t["files_not_received"], 0);
  EXPECT_EQ(t["exported_bytes"], 100);
}

// A request is written set-based (one upsert per operation and file): the same file reported twice in one request
// keeps the later figures, and a file's export and transmission in one request land on one row.
TEST_P(MonitorApi, OneRequestReportingAFileTwiceKeepsTheLaterFigures) {
  ASSERT_EQ(send("02CI", json::array({op("tw-1", "KT559", "EXPORT", "02CI", "02", "twice", "a.xml", 100, 300),
                                      op("tw-2", "KT559", "TRANSMIT", "02CI", "02", "twice", "a.xml", 100, 290),
                                      op("tw-3", "KT559", "EXPORT", "02CI", "02", "twice", "a.xml", 250, 280)}))
                .body,
            (json{{"accepted", 3}, {"duplicates", 0}}));
  ASSERT_EQ(send("02", json::array({op("tw-4", "KT559", "RECEIVE", "02CI", "02", "twice", "a.xml", 250, 100)})).status,
            200);
  EXPECT_TRUE(incidents("SIZE_MISMATCH", "KT559", "02", "OPEN").empty());  // 250 at both ends, not 100
  auto a = admin();
  EXPECT_EQ(a.get("/api/v1/monitor/operations?batch=twice").body["total"], 4);
  const auto t = a.get("/api/v1/monitor/transfers?batch=twice");
  ASSERT_EQ(t.body["total"], 1) << t.raw;
  EXPECT_EQ(t.body["items"][0]["exported_files"], 1);
  EXPECT_EQ(t.body["items"][0]["exported_bytes"], 250);
  EXPECT_EQ(t.body["items"][0]["files_not_received"], 0);
}

// More events than one multi-row statement holds (500 on PostgreSQL): all stored, then all replays.
TEST_P(MonitorApi, ALargeRequestIsStoredWholeAndReplayedWhole) {
  json events = json::array();
  for (int i = 0; i < 1201; ++i)
    events.push_back(op("big-" + std::to_string(i), "EDATA", "EXPORT", "02CI", "02", "big", "f" + std::to_string(i) + ".xml",
                        1000 + i, 60));
  EXPECT_EQ(send("02CI", events).body, (json{{"accepted", 1201}, {"duplicates", 0}}));
  events.push_back(op("big-new", "EDATA", "EXPORT", "02CI", "02", "big", "new.xml", 1, 60));
  EXPECT_EQ(send("02CI", events).body, (json{{"accepted", 1}, {"duplicates", 1201}}));
  auto a = admin();
  EXPECT_EQ(a.get("/api/v1/monitor/operations?batch=big").body["total"], 1202);
  const auto t = a.get("/api/v1/monitor/transfers?batch=big");
  EXPECT_EQ(t.body["items"][0]["exported_files"], 1202) << t.raw;
}

// The operations history counts its total only up to a cap and says so (total_exact): a wide scope of a ledger
// of millions of operations is not counted to its end for every page. The rows past the cap stay reachable.
TEST_P(MonitorApi, OperationsHistoryTotalIsCappedAndSaysSo) {
  constexpr std::int64_t kRows = monitor::kOperationsCountCap + 1, kFirst = 1'700'000'000;
  db().transaction([&](soci::session& sql) {
    sql << "INSERT INTO monitor_operations (unit_id, event_id, system, op, unit_code, unit_path, peer_unit_code, "
           "batch_id, file_name, size, sha256, version, at, automatic, error, agent_id, received_at) "
           "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + std::to_string(kRows) + ") "
           "SELECT 0, 'cap-' || i, 'EDATA', 'EXPORT', '02CI', '/', '02', 'capped', 'f.xml', 1, '', '1', " +
           std::to_string(kFirst) + " + i, 1, '', 0, " + std::to_string(kFirst) + " FROM n";
  });
  auto a = admin();
  auto r = a.get("/api/v1/monitor/operations?batch=capped&page_size=200&page=" +
                 std::to_string(monitor::kOperationsCountCap / 200 + 1));
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(r.body["total"], monitor::kOperationsCountCap);
  EXPECT_EQ(r.body["total_exact"], false) << "more rows than the cap: the total is a lower bound";
  EXPECT_EQ(r.body["items"].size(), 1u) << "the row past the cap is on the next page";
  // Narrowed below the cap (the last 12 operations), the total is exact.
  r = a.get("/api/v1/monitor/operations?batch=capped&from=" + core::format_iso8601(kFirst + kRows - 11));
  EXPECT_EQ(r.body["total"], 12) << r.raw;
  EXPECT_EQ(r.body["total_exact"], true);
}

// Keyset paging of the operations history: following next_cursor walks the same rows in the same order as the
// numbered pages, operations of the same second included (ordered by id), and ends with a null cursor; a
// cursor that is not one is refused.
TEST_P(MonitorApi, OperationsHistoryPagesByKeyset) {
  json events = json::array();
  for (int i = 0; i < 7; ++i)
    events.push_back(op("ks-" + std::to_string(i), "EDATA", "EXPORT", "02CI", "02", "keyset",
                        "f" + std::to_string(i) + ".xml", 10, i < 4 ? 120 : 60));
  ASSERT_EQ(send("02CI", events).status, 200);
  auto a = admin();
  std::vector<std::int64_t> numbered, keyed;
  for (int page = 1; page <= 3; ++page) {
    const auto r = a.get("/api/v1/monitor/operations?batch=keyset&page_size=3&page=" + std::to_string(page));
    for (const auto& item : r.body["items"]) numbered.push_back(item["id"]);
    EXPECT_EQ(r.body["next_cursor"].is_null(), page == 3) << r.raw;
  }
  ASSERT_EQ(numbered.size(), 7u);
  std::string cursor;
  for (int pages = 0; pages < 5; ++pages) {
    // After a cursor, `page` is not used.
    const auto r = a.get("/api/v1/monitor/operations?batch=keyset&page_size=3" +
                         (cursor.empty() ? std::string() : "&page=2&cursor=" + cursor));
    ASSERT_EQ(r.status, 200) << r.raw;
    for (const auto& item : r.body["items"]) keyed.push_back(item["id"]);
    if (r.body["next_cursor"].is_null()) break;
    cursor = r.body["next_cursor"];
  }
  EXPECT_EQ(keyed, numbered);
  for (const char* wrong : {"yesterday", "12.-3", "12.", ".5", "1.2.3", "99999999999999999999.1"}) {
    const auto r = a.get(std::string("/api/v1/monitor/operations?cursor=") + wrong);
    EXPECT_EQ(r.status, 400) << wrong;
    EXPECT_EQ(r.body["error"]["details"]["parameter"], "cursor") << r.raw;
  }
}

// The contract allows up to 10,000 events a request: such a request (3.8 MB here, over an ordinary JSON body's
// 2 MiB) is read and validated whole — its last event's mistake is what refuses it — and 10,001 are too many.
TEST_P(MonitorApi, TenThousandEventsARequestAreReadWhole) {
  json events = json::array();
  for (int i = 0; i < 10000; ++i)
    events.push_back(op("tt-" + std::to_string(i) + std::string(40, 'x'), "EDATA", "EXPORT", "02CI", "02",
                        "ten-thousand-events-batch", "to-khai-hai-quan-" + std::to_string(i) + ".xml", 1000 + i, 60));
  events[9999]["system"] = "NOPE";
  ASSERT_GT(json({{"events", events}}).dump().size(), 3u << 20);
  auto r = send("02CI", events);
  EXPECT_EQ(r.status, 422) << r.raw.substr(0, 300);
  EXPECT_EQ(r.body["error"]["code"], "INVALID_EVENT");
  EXPECT_EQ(r.body["error"]["details"]["index"], 9999);
  events[9999]["system"] = "EDATA";
  events.push_back(op("tt-more", "EDATA", "EXPORT", "02CI", "02", "tt", "more.xml", 1, 60));
  r = send("02CI", events);
  EXPECT_EQ(r.status, 413) << r.raw.substr(0, 300);
  EXPECT_EQ(r.body["error"]["code"], "TOO_MANY_ITEMS");
  EXPECT_EQ(admin().get("/api/v1/monitor/operations?batch=ten-thousand-events-batch").body["total"], 0);
}

TEST_P(MonitorApi, FileNotReceivedOpensGroupsAndClosesWhenTheLateFileArrives) {
  json exports = json::array();
  for (int i = 0; i < 3; ++i)
    exports.push_back(op("nr-" + std::to_string(i), "VICUM", "EXPORT", "02CI", "02", "late", "f" + std::to_string(i),
                         10, 3600));
  ASSERT_EQ(send("02CI", exports).status, 200);
  auto open = incidents("FILE_NOT_RECEIVED", "VICUM", "02CI", "OPEN");
  ASSERT_EQ(open.size(), 1u) << open;
  EXPECT_EQ(open[0]["count"], 3);
  EXPECT_EQ(open[0]["owner"], "CNTT");
  EXPECT_EQ(open[0]["unit_code"], "02");
  EXPECT_EQ(open[0]["peer_unit_code"], "02CI");
  json receives = json::array();
  for (int i = 0; i < 3; ++i)
    receives.push_back(op("nr-r" + std::to_string(i), "VICUM", "RECEIVE", "02CI", "02", "late",
                          "f" + std::to_string(i), 10, 10));
  receives.erase(2);
  ASSERT_EQ(send("02", receives).status, 200);
  EXPECT_EQ(incidents("FILE_NOT_RECEIVED", "VICUM", "02CI", "OPEN").size(), 1u);  // one file still missing
  ASSERT_EQ(send("02", json::array({op("nr-r2", "VICUM", "RECEIVE", "02CI", "02", "late", "f2", 10, 5)})).status, 200);
  EXPECT_TRUE(incidents("FILE_NOT_RECEIVED", "VICUM", "02CI", "OPEN").empty());
  const auto closed = incidents("FILE_NOT_RECEIVED", "VICUM", "02CI", "CLOSED");
  ASSERT_EQ(closed.size(), 1u);
  EXPECT_EQ(closed[0]["closed_by"], "system");
  EXPECT_EQ(closed[0]["count"], 3);
}

TEST_P(MonitorApi, DifferencesBetweenTheTwoEndsAreIncidents) {
  const std::string other_sha(64, 'b');
  ASSERT_EQ(send("02CI", json::array({op("d-1", "KT559", "EXPORT", "02CI", "02", "diff", "size.xml", 100, 300),
                                      op("d-2", "KT559", "EXPORT", "02CI", "02", "diff", "sha.xml", 100, 300),
                                      op("d-3", "KT559", "EXPORT", "02CI", "02", "diff", "ver.xml", 100, 300, std::string(64, 'a'), "7")}))
                .status, 200);
  ASSERT_EQ(send("02", json::array({op("d-4", "KT559", "RECEIVE", "02CI", "02", "diff", "size.xml", 90, 200),
                                    op("d-5", "KT559", "RECEIVE", "02CI", "02", "diff", "sha.xml", 100, 200, other_sha),
                                    op("d-6", "KT559", "RECEIVE", "02CI", "02", "diff", "ver.xml", 100, 200, std::string(64, 'a'), "6")}))
                .status, 200);
  for (const char* kind : {"SIZE_MISMATCH", "CHECKSUM_MISMATCH", "VERSION_MISMATCH"}) {
    const auto open = incidents(kind, "KT559", "02", "OPEN");
    ASSERT_EQ(open.size(), 1u) << kind;
    EXPECT_EQ(open[0]["owner"], "TXNK");
    EXPECT_EQ(open[0]["count"], 1);
  }
  // The file sent again with the right size clears its incident.
  ASSERT_EQ(send("02", json::array({op("d-7", "KT559", "RECEIVE", "02CI", "02", "diff", "size.xml", 100, 100)})).status,
            200);
  EXPECT_TRUE(incidents("SIZE_MISMATCH", "KT559", "02", "OPEN").empty());
}

TEST_P(MonitorApi, UpdateErrorsFilesNotAppliedAndCountMismatch) {
  auto update = op("u-2", "EDATA", "UPDATE", "02CI", "02", "upd", "err.xml", 50, 100);
  update["error"] = "ORA-00001: unique constraint violated";
  ASSERT_EQ(send("02", json::array({op("u-1", "EDATA", "RECEIVE", "02CI", "02", "upd", "err.xml", 50, 200), update,
                                    op("u-3", "EDATA", "RECEIVE", "02CI", "02", "upd", "never.xml", 50, 3600)}))
                .status, 200);
  EXPECT_EQ(incidents("UPDATE_ERROR", "EDATA", "02", "OPEN").size(), 1u);
  EXPECT_EQ(incidents("FILE_NOT_APPLIED", "EDATA", "02", "OPEN").size(), 1u);
  // Neither file was reported exported by 02CI: the receiving end has more files than were sent.
  EXPECT_EQ(incidents("COUNT_MISMATCH", "EDATA", "02", "OPEN").size(), 1u);
  EXPECT_EQ(incidents("COUNT_MISMATCH", "EDATA", "02", "OPEN")[0]["count"], 1);  // err.xml is not yet due
  // A Cục only passes QLRR files on: no FILE_NOT_APPLIED there.
  ASSERT_EQ(send("02", json::array({op("u-4", "QLRR", "RECEIVE", "00", "02", "upd", "risk.xml", 50, 3600)})).status, 200);
  EXPECT_TRUE(incidents("FILE_NOT_APPLIED", "QLRR", "02", "OPEN").empty());
}

TEST_P(MonitorApi, ServiceStoppedErrorAndSilentOpenAndClose) {
  ASSERT_EQ(report("02CI", json::array({service("02CI", "VICUM", "VICUM-Loader", "STOPPED", 30),
                                        service("02CI", "KT559", "KT559-Loader", "ERROR", 30)}))
                .status, 200);
  EXPECT_EQ(incidents("SERVICE_STOPPED", "VICUM", "02CI", "OPEN").size(), 1u);
  EXPECT_EQ(incidents("SERVICE_ERROR", "KT559", "02CI", "OPEN").size(), 1u);
  ASSERT_EQ(report("02CI", json::array({service("02CI", "VICUM", "VICUM-Loader", "RUNNING", 10),
                                        service("02CI", "KT559", "KT559-Loader", "RUNNING", 10)}))
                .status, 200);
  EXPECT_TRUE(incidents("SERVICE_STOPPED", "VICUM", "02CI", "OPEN").empty());
  EXPECT_TRUE(incidents("SERVICE_ERROR", "KT559", "02CI", "OPEN").empty());
  // Silent after two missed intervals (60 s here): the last report is 200 s old.
  auto a = admin();
  ASSERT_EQ(a.put("/api/v1/monitor/settings/GTT22", {{"receive_within_seconds", 1800},
                                                     {"update_within_seconds", 1800},
                                                     {"service_interval_seconds", 60}})
                .status, 200);
  ASSERT_EQ(report("02CI", json::array({service("02CI", "GTT22", "GTT22-Sync", "RUNNING", 200)})).status, 200);
  EXPECT_EQ(incidents("SERVICE_SILENT", "GTT22", "02CI", "OPEN").size(), 1u);
  const auto services = a.get("/api/v1/monitor/services?unit=02CI&system=GTT22");
  bool silent = false;
  for (const auto& s : services.body["items"])
    if (s["service"] == "GTT22-Sync") silent = s["silent"];
  EXPECT_TRUE(silent) << services.raw;
  ASSERT_EQ(report("02CI", json::array({service("02CI", "GTT22", "GTT22-Sync", "RUNNING", 0)})).status, 200);
  EXPECT_TRUE(incidents("SERVICE_SILENT", "GTT22", "02CI", "OPEN").empty());
}

TEST_P(MonitorApi, AStoppedServiceAbsorbsTheFilesItsUnitDoesNotReceive) {
  ASSERT_EQ(report("02", json::array({service("02", "VICUM", "VICUM-Receiver", "STOPPED", 60)})).status, 200);
  ASSERT_EQ(send("02CI", json::array({op("in-1", "VICUM", "EXPORT", "02CI", "02", "inhibit", "a.xml", 5, 3600),
                                      op("in-2", "VICUM", "EXPORT", "02CI", "02", "inhibit", "b.xml", 5, 3600)}))
                .status, 200);
  EXPECT_TRUE(incidents("FILE_NOT_RECEIVED", "VICUM", "02CI", "OPEN").empty());
  auto stopped = incidents("SERVICE_STOPPED", "VICUM", "02", "OPEN");
  ASSERT_EQ(stopped.size(), 1u);
  EXPECT_EQ(stopped[0]["count"], 3);  // the service and the two files
  auto a = admin();
  const auto detail = a.get("/api/v1/monitor/incidents/" + std::to_string(stopped[0]["id"].get<std::int64_t>()));
  EXPECT_EQ(detail.body["links"].size(), 3u) << detail.raw;
  // One file arrives; the service comes back: the other file opens its own incident.
  ASSERT_EQ(send("02", json::array({op("in-3", "VICUM", "RECEIVE", "02CI", "02", "inhibit", "a.xml", 5, 30)})).status, 200);
  ASSERT_EQ(report("02", json::array({service("02", "VICUM", "VICUM-Receiver", "RUNNING", 0)})).status, 200);
  EXPECT_TRUE(incidents("SERVICE_STOPPED", "VICUM", "02", "OPEN").empty());
  const auto own = incidents("FILE_NOT_RECEIVED", "VICUM", "02CI", "OPEN");
  ASSERT_EQ(own.size(), 1u);
  EXPECT_EQ(own[0]["count"], 1);
}

TEST_P(MonitorApi, ManualCloseNeedsTheOwnerAndANote) {
  ASSERT_EQ(send("02CI", json::array({op("mc-1", "VICUM", "EXPORT", "02CI", "02", "manual", "a.xml", 5, 3600)})).status,
            200);
  const auto open = incidents("FILE_NOT_RECEIVED", "VICUM", "02CI", "OPEN");
  ASSERT_EQ(open.size(), 1u);
  const auto path = "/api/v1/monitor/incidents/" + std::to_string(open[0]["id"].get<std::int64_t>()) + "/close";
  auto viewer = logged_in("02.giamsat");
  EXPECT_EQ(viewer.post(path, {{"note", "Đã kiểm tra"}}).status, 403);
  auto owner = logged_in("cntt.vanhanh");
  EXPECT_EQ(owner.post(path, json::object()).status, 400);
  const auto closed = owner.post(path, {{"note", "Đã truyền lại thủ công"}});
  ASSERT_EQ(closed.status, 200) << closed.raw;
  EXPECT_EQ(closed.body["status"], "CLOSED");
  EXPECT_EQ(closed.body["note"], "Đã truyền lại thủ công");
  EXPECT_EQ(owner.post(path, {{"note", "lần hai"}}).status, 409);
  auto a = admin();
  const auto history = a.get("/api/v1/history?entity_type=monitor_incident&entity_id=" +
                             std::to_string(open[0]["id"].get<std::int64_t>()));
  EXPECT_EQ(history.body["total"], 2) << history.raw;  // opened, closed
}

// The matrix of the spec on the demo day (every system, both directions): a viewer sees an operation iff
// the matrix says so, checked per (system, unit, operation) against what the administrator sees.
struct Expectation {
  const char* user;
  const char* system;
  const char* unit;
  const char* op;
  bool visible;
};
constexpr Expectation kExpectations[] = {
    {"02ci.giamsat", "SLXNK", "02CI", "EXPORT", true},   {"02ci.giamsat", "SLXNK", "02CI", "TRANSMIT", true},
    {"02ci.giamsat", "SLXNK", "02", "RECEIVE", false},   {"02ci.giamsat", "SLXNK", "02B1", "EXPORT", false},
    {"02ci.giamsat", "QLRR", "02CI", "RECEIVE", true},   {"02ci.giamsat", "QLRR", "02CI", "UPDATE", true},
    {"02ci.giamsat", "QLRR", "02", "EXPORT", false},     {"02ci.giamsat", "GTT22", "02CI", "EXPORT", true},
    {"02ci.giamsat", "GTT22", "02", "RECEIVE", false},   {"02.giamsat", "SLXNK", "02", "EXPORT", true},
    {"02.giamsat", "SLXNK", "02", "RECEIVE", true},      {"02.giamsat", "SLXNK", "02", "UPDATE", true},
    {"02.giamsat", "SLXNK", "02CI", "EXPORT", true},     {"02.giamsat", "SLXNK", "02CI", "TRANSMIT", true},
    {"02.giamsat", "SLXNK", "01B1", "EXPORT", false},    {"02.giamsat", "SLXNK", "01", "RECEIVE", false},
    {"02.giamsat", "QLRR", "02", "RECEIVE", true},       {"02.giamsat", "QLRR", "02", "EXPORT", false},
    {"02.giamsat", "QLRR", "02CI", "RECEIVE", true},     {"02.giamsat", "QLRR", "02B1", "UPDATE", true},
    {"02.giamsat", "QLRR", "00", "EXPORT", false},       {"02.giamsat", "GTT22", "02B1", "RECEIVE", true},
    {"02.giamsat", "GTT22", "02CI", "EXPORT", true},     {"02.giamsat", "KT559", "00", "RECEIVE", false},
    {"02.giamsat", "VICUM", "03CC", "EXPORT", false},    {"tc.giamsat", "SLXNK", "00", "RECEIVE", true},
    {"tc.giamsat", "QLRR", "00", "EXPORT", true},        {"tc.giamsat", "VICUM", "03CC", "EXPORT", true},
    {"tc.giamsat", "EDATA", "01", "UPDATE", true},       {"cntt.vanhanh", "EDATA", "01", "UPDATE", true},
    {"cntt.vanhanh", "GTT22", "02CI", "EXPORT", false},
};

TEST_P(MonitorApi, VisibilityMatrixOnEveryList) {
  auto a = admin();
  std::map<std::string, ApiClient> clients;
  for (const auto& e : kExpectations) {
    const std::string query = std::string("?system=") + e.system + "&unit=" + e.unit + "&op=" + e.op;
    SCOPED_TRACE(std::string(e.user) + " " + query);
    ASSERT_GT(a.get("/api/v1/monitor/operations" + query).body["total"].get<int>(), 0);  // the demo day has it
    auto it = clients.find(e.user);
    if (it == clients.end()) it = clients.emplace(e.user, logged_in(e.user)).first;
    const auto seen = it->second.get("/api/v1/monitor/operations" + query);
    ASSERT_EQ(seen.status, 200) << seen.raw;
    EXPECT_EQ(seen.body["total"].get<int>() > 0, e.visible);
  }
  // Services: a Chi cục its own, a Cục its own and its Chi cục's.
  auto chi_cuc = logged_in("02ci.giamsat");
  const auto chi_cuc_services = chi_cuc.get("/api/v1/monitor/services?page_size=200");
  ASSERT_FALSE(chi_cuc_services.body["items"].empty());
  for (const auto& s : chi_cuc_services.body["items"]) EXPECT_EQ(s["unit_code"], "02CI");
  auto cuc = logged_in("02.giamsat");
  std::set<std::string> units;
  const auto cuc_services = cuc.get("/api/v1/monitor/services?page_size=200");
  for (const auto& s : cuc_services.body["items"]) units.insert(s["unit_code"]);
  EXPECT_EQ(units, (std::set<std::string>{"02", "02CI", "02B1"})) << cuc_services.raw;
  // Incidents: the demo's lost SLXNK file of 03CC is not Cục 02's; its stopped 02B1 service is.
  const auto cuc_incidents = cuc.get("/api/v1/monitor/incidents?page_size=200");
  ASSERT_FALSE(cuc_incidents.body["items"].empty());
  for (const auto& i : cuc_incidents.body["items"])
    EXPECT_TRUE(i["unit_code"] == "02" || i["unit_code"] == "02CI" || i["unit_code"] == "02B1" ||
                i["peer_unit_code"] == "02CI" || i["peer_unit_code"] == "02B1" || i["peer_unit_code"] == "02")
        << i;
  EXPECT_EQ(cuc.get("/api/v1/monitor/incidents?kind=SERVICE_STOPPED&unit=02B1").body["total"], 1);
  EXPECT_EQ(chi_cuc.get("/api/v1/monitor/incidents?kind=SERVICE_STOPPED&unit=02B1").body["total"], 0);
  // Transfers: a Chi cục sees its SLXNK batches' export figures, not what the Cục received.
  const auto transfers = chi_cuc.get("/api/v1/monitor/transfers?system=SLXNK&page_size=50");
  ASSERT_FALSE(transfers.body["items"].empty()) << transfers.raw;
  for (const auto& t : transfers.body["items"]) {
    EXPECT_EQ(t["sender_unit_code"], "02CI");
    EXPECT_FALSE(t["exported_files"].is_null());
    EXPECT_TRUE(t["received_files"].is_null());
    EXPECT_TRUE(t["files_not_received"].is_null());
  }
  // Without a monitoring role: 403.
  EXPECT_EQ(logged_in("02ci.trs").get("/api/v1/monitor/operations").status, 403);
}

TEST_P(MonitorApi, DemoDayHasItsIncidentsSummaryAndBoard) {
  EXPECT_EQ(incidents("FILE_NOT_RECEIVED", "SLXNK", "03CC", "OPEN").size(), 1u);
  EXPECT_EQ(incidents("FILE_NOT_RECEIVED", "SLXNK", "02CI", "CLOSED").size(), 1u);  // the late file
  EXPECT_EQ(incidents("SIZE_MISMATCH", "SLXNK", "01", "OPEN").size(), 1u);
  const auto stopped = incidents("SERVICE_STOPPED", "GTT22", "02B1", "OPEN");
  ASSERT_EQ(stopped.size(), 1u);
  EXPECT_EQ(stopped[0]["count"], 2);  // the service and the file it did not receive
  auto a = admin();
  const auto summary = a.get("/api/v1/monitor/summary");
  ASSERT_EQ(summary.status, 200) << summary.raw;
  EXPECT_FALSE(summary.body["items"].empty());
  const auto board = a.get("/api/v1/monitor/board");
  ASSERT_EQ(board.status, 200);
  EXPECT_EQ(board.body["systems"].size(), 6u);
  const auto metrics = client().get("/metrics");
  EXPECT_NE(metrics.raw.find("haiquan_monitor_files_total{system=\"SLXNK\",unit=\"02CI\",op=\"EXPORT\"}"),
            std::string::npos);
  EXPECT_NE(metrics.raw.find("haiquan_monitor_open_incidents{kind=\"SERVICE_STOPPED\"} 1"), std::string::npos);
  EXPECT_NE(metrics.raw.find("haiquan_monitor_service_state{unit=\"02B1\",system=\"GTT22\""), std::string::npos);
}

HAIQUAN_API_TEST_SUITE(MonitorApi);

}  // namespace
}  // namespace hq::test
