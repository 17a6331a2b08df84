// The monitor's pure rules: the visibility matrix of the spec for each system at each level, owners,
// reconciliation conditions, grouping and inhibition, and event validation.
#include <functional>

#include <gtest/gtest.h>

#include "core/error.h"
#include "monitor/rules.h"
#include "monitor/scope.h"

namespace hq::monitor {
namespace {

using nlohmann::json;

// The spec's table, written out independently: system → level → "own ops | ops below" (E T R U).
struct MatrixRow {
  const char* system;
  const char* chi_cuc_own;
  const char* cuc_own;
  const char* cuc_below;
};
constexpr MatrixRow kMatrix[] = {
    {"SLXNK", "ET", "ETRU", "ET"},  {"QLRR", "RU", "R", "RU"},     {"GTT22", "ETRU", "ETRU", "ETRU"},
    {"VICUM", "ETRU", "ETRU", "ETRU"}, {"KT559", "ETRU", "ETRU", "ETRU"}, {"EDATA", "ETRU", "ETRU", "ETRU"},
};

bool listed(const char* letters, const std::string& op) { return std::string(letters).find(op[0]) != std::string::npos; }

TEST(MonitorRules, VisibilityMatrixForEverySystemAtEveryLevel) {
  for (const auto& row : kMatrix) {
    for (const auto& op : operations()) {
      SCOPED_TRACE(std::string(row.system) + " " + op);
      EXPECT_EQ(sees_operation(row.system, op, Level::ChiCuc, Relation::Own), listed(row.chi_cuc_own, op));
      EXPECT_FALSE(sees_operation(row.system, op, Level::ChiCuc, Relation::Below));
      EXPECT_EQ(sees_operation(row.system, op, Level::Cuc, Relation::Own), listed(row.cuc_own, op));
      EXPECT_EQ(sees_operation(row.system, op, Level::Cuc, Relation::Below), listed(row.cuc_below, op));
      EXPECT_TRUE(sees_operation(row.system, op, Level::TongCuc, Relation::Own));
      EXPECT_TRUE(sees_operation(row.system, op, Level::TongCuc, Relation::Below));
    }
  }
}

TEST(MonitorRules, ServiceModulesAreSeenLikeEdata) {
  EXPECT_TRUE(sees_operation("SERVICE", "EXPORT", Level::ChiCuc, Relation::Own));
  EXPECT_FALSE(sees_operation("SERVICE", "EXPORT", Level::ChiCuc, Relation::Below));
  EXPECT_TRUE(sees_operation("SERVICE", "UPDATE", Level::Cuc, Relation::Below));
}

TEST(MonitorRules, LevelsOfUnits) {
  EXPECT_EQ(level_of("TONG_CUC"), Level::TongCuc);
  EXPECT_EQ(level_of("CUC"), Level::Cuc);
  EXPECT_EQ(level_of("CHI_CUC"), Level::ChiCuc);
  EXPECT_FALSE(level_of("DOI"));  // resolved to the unit it belongs to by the service
}

TEST(MonitorRules, OwningDepartments) {
  EXPECT_EQ(owner_of("SLXNK"), "CNTT");
  EXPECT_EQ(owner_of("VICUM"), "CNTT");
  EXPECT_EQ(owner_of("EDATA"), "CNTT");
  EXPECT_EQ(owner_of("GTT22"), "TXNK");
  EXPECT_EQ(owner_of("KT559"), "TXNK");
  EXPECT_EQ(owner_of("QLRR"), "DTCBL");
  EXPECT_EQ(systems_owned_by("TXNK"), (std::vector<std::string>{"GTT22", "KT559"}));
}

FileState exported_and_received() {
  FileState f;
  f.system = "VICUM";
  f.receiver_level = "CUC";
  f.exported_at = 1000;
  f.received_at = 1100;
  f.export_size = f.receive_size = 500;
  f.export_sha256 = f.receive_sha256 = std::string(64, 'a');
  f.export_version = f.receive_version = "3";
  return f;
}

TEST(MonitorRules, ReconciliationConditions) {
  FileState f = exported_and_received();
  EXPECT_TRUE(content_conditions(f).empty());
  EXPECT_FALSE(condition_holds("FILE_NOT_RECEIVED", f));
  EXPECT_TRUE(condition_holds("FILE_NOT_APPLIED", f));
  f.updated_at = 1200;
  f.update_size = 500;
  EXPECT_FALSE(condition_holds("FILE_NOT_APPLIED", f));
  f.receive_size = 499;
  f.receive_sha256 = std::string(64, 'b');
  f.receive_version = "2";
  f.update_error = "ORA-00001";
  EXPECT_EQ(content_conditions(f),
            (std::vector<std::string>{"SIZE_MISMATCH", "CHECKSUM_MISMATCH", "VERSION_MISMATCH", "UPDATE_ERROR"}));
  FileState only_received;
  only_received.system = "GTT22";
  only_received.received_at = 5;
  EXPECT_TRUE(condition_holds("COUNT_MISMATCH", only_received));
  FileState only_exported;
  only_exported.exported_at = 5;
  EXPECT_TRUE(condition_holds("FILE_NOT_RECEIVED", only_exported));
  // Missing checksums or versions on one side are not differences.
  FileState partial = exported_and_received();
  partial.receive_sha256.clear();
  partial.receive_version.clear();
  EXPECT_TRUE(content_conditions(partial).empty());
}

TEST(MonitorRules, AFileOnlyPassedOnIsNeverDueForUpdate) {
  FileState f = exported_and_received();
  f.system = "QLRR";
  f.receiver_level = "CUC";
  EXPECT_FALSE(applies_updates("QLRR", "CUC"));
  EXPECT_FALSE(condition_holds("FILE_NOT_APPLIED", f));
  f.receiver_level = "CHI_CUC";
  EXPECT_TRUE(condition_holds("FILE_NOT_APPLIED", f));
}

TEST(MonitorRules, GroupingAndInhibition) {
  EXPECT_EQ(group_key("SIZE_MISMATCH", "VICUM", "02", "02CI"), group_key("SIZE_MISMATCH", "VICUM", "02", "02CI"));
  EXPECT_NE(group_key("SIZE_MISMATCH", "VICUM", "02", "02CI"), group_key("SIZE_MISMATCH", "VICUM", "02", "02B1"));
  EXPECT_NE(group_key("SIZE_MISMATCH", "VICUM", "02", "02CI"), group_key("SIZE_MISMATCH", "KT559", "02", "02CI"));
  EXPECT_TRUE(inhibits("SERVICE_STOPPED"));
  EXPECT_TRUE(inhibits("SERVICE_SILENT"));
  EXPECT_FALSE(inhibits("SERVICE_ERROR"));
  EXPECT_TRUE(inhibitable("FILE_NOT_RECEIVED"));
  EXPECT_TRUE(inhibitable("FILE_NOT_APPLIED"));
  EXPECT_FALSE(inhibitable("SIZE_MISMATCH"));
  EXPECT_EQ(service_kind("STOPPED"), "SERVICE_STOPPED");
  EXPECT_EQ(service_kind("RUNNING"), "");
  EXPECT_EQ(silent_after(1000, Settings{1800, 1800, 300}), 1600);
}

TEST(MonitorRules, KindSetsRoundTrip) {
  const std::set<std::string> kinds = {"SIZE_MISMATCH", "FILE_NOT_RECEIVED"};
  EXPECT_EQ(parse_kinds(format_kinds(kinds)), kinds);
  EXPECT_TRUE(parse_kinds("").empty());
  EXPECT_EQ(format_kinds({}), "");
}

json good_event() {
  return {{"id", "e-1"},        {"system", "SLXNK"},        {"op", "EXPORT"}, {"unit_code", "02CI"},
          {"peer_unit_code", "02"}, {"batch_id", "b1"},     {"file_name", "a.xml"}, {"size", 10},
          {"sha256", std::string(64, 'f')}, {"version", "1"}, {"at", "2026-03-02T08:00:00+07:00"}, {"auto", true}};
}

TEST(MonitorRules, EventValidationNamesIndexAndField) {
  const UnixSeconds now = *core::parse_iso8601("2026-03-02T09:00:00+07:00");
  const auto e = parse_event(good_event(), 0, now);
  EXPECT_EQ(e.unit_code, "02CI");
  EXPECT_EQ(e.at, *core::parse_iso8601("2026-03-02T08:00:00+07:00"));
  auto refused = [&](const char* field, json value) {
    json item = good_event();
    if (value.is_null()) item.erase(field);
    else item[field] = value;
    try {
      parse_event(item, 7, now);
      ADD_FAILURE() << field << " accepted";
    } catch (const core::Error& error) {
      EXPECT_EQ(error.kind(), core::ErrorKind::Unprocessable);
      EXPECT_EQ(error.details()["index"], 7);
      EXPECT_EQ(error.details()["field"], field);
    }
  };
  refused("system", "ABC");
  refused("op", "COPY");
  refused("size", -1);
  refused("size", "10");
  refused("sha256", "XYZ");
  refused("at", "yesterday");
  refused("at", "2026-03-02T10:00:00+07:00");  // an hour ahead of the server
  refused("peer_unit_code", "02CI");           // to itself
  refused("file_name", "../etc/passwd");
  refused("id", nullptr);
  refused("auto", "yes");
}

TEST(MonitorRules, ItemListLimits) {
  EXPECT_THROW(item_list(json{{"events", json::array()}}, "events"), core::Error);
  EXPECT_THROW(item_list(json{{"events", 3}}, "events"), core::Error);
  json many = {{"events", json::array()}};
  for (std::size_t i = 0; i <= kMaxEventsPerRequest; ++i) many["events"].push_back(json::object());
  try {
    item_list(many, "events");
    ADD_FAILURE();
  } catch (const core::Error& error) {
    EXPECT_EQ(error.kind(), core::ErrorKind::TooLarge);
  }
}

TEST(MonitorScope, PredicatesUseOnlySafeLiterals) {
  Viewer v;
  v.everything = true;
  EXPECT_EQ(operation_visible_sql(v, "system", "op", "unit_path"), "1 = 1");
  Viewer chi_cuc;
  chi_cuc.path = "/1/4/9/";
  const auto sql = operation_visible_sql(chi_cuc, "system", "op", "unit_path");
  EXPECT_NE(sql.find("unit_path = '/1/4/9/'"), std::string::npos);
  EXPECT_EQ(sql.find("LIKE"), std::string::npos);  // a Chi cục sees nothing below it
  EXPECT_THROW(sql_literal("x' OR '1'='1"), core::Error);
}

TEST(MonitorScope, CucPathRangeIsItsSubtreeExactly) {
  Viewer cuc;
  cuc.level = Level::Cuc;
  cuc.path = "/1/4/";
  EXPECT_EQ(operation_path_range_sql(cuc, "unit_path"), "unit_path >= '/1/4/' AND unit_path < '/1/40'");
  // Byte by byte, the range holds exactly the paths the scope's prefix match holds (a sibling /1/40/ or /1/41/ is
  // outside, however its digits compare).
  for (const std::string path : {"/1/4/", "/1/4/9/", "/1/4/12/3/", "/1/40/", "/1/41/2/", "/1/3/", "/1/5/", "/1/", "/2/4/"})
    EXPECT_EQ(path >= "/1/4/" && path < "/1/40", path.rfind("/1/4/", 0) == 0) << path;
  // Only a Cục without systems of its own: an owner sees its systems everywhere, a Chi cục names its path already.
  auto owner = cuc;
  owner.owned = {"SLXNK"};
  EXPECT_EQ(operation_path_range_sql(owner, "unit_path"), "");
  Viewer chi_cuc;
  chi_cuc.path = "/1/4/9/";
  EXPECT_EQ(operation_path_range_sql(chi_cuc, "unit_path"), "");
  Viewer all;
  all.everything = true;
  EXPECT_EQ(operation_path_range_sql(all, "unit_path"), "");
}


// The outcome of reading one request: its events, or the refusal (code, message, details) it gets.
std::string outcome(const std::function<std::vector<Event>()>& read) {
  try {
    std::string out;
    for (const auto& e : read())
      out += e.id + "|" + e.system + "|" + e.op + "|" + e.unit_code + "|" + e.peer_unit_code + "|" + e.batch_id + "|" +
             e.file_name + "|" + std::to_string(e.size) + "|" + e.sha256 + "|" + e.version + "|" +
             std::to_string(e.at) + "|" + (e.automatic ? "auto" : "cond") + "|" + e.error + "\n";
    return out;
  } catch (const core::Error& error) {
    return error.code() + " " + error.what() + " " + error.details().dump();
  }
}

// A body read by the streaming reader (read_event_items, then parse_event per item) and by the JSON document
// (item_list, then parse_event of each DOM item): the same events, or the same refusal.
void expect_same_reading(const std::string& body, UnixSeconds now) {
  const auto streamed = outcome([&] {
    auto items = read_event_items(body);
    std::vector<Event> out;
    for (std::size_t i = 0; i < items.size(); ++i) out.push_back(parse_event(std::move(items[i]), i, now));
    return out;
  });
  const auto document = outcome([&] {
    const auto parsed = json::parse(body, nullptr, false);
    if (parsed.is_discarded()) core::bad_input("MALFORMED_JSON", "Nội dung yêu cầu không phải JSON hợp lệ.");
    if (!parsed.is_object()) core::bad_input("MALFORMED_JSON", "Nội dung yêu cầu phải là một đối tượng JSON.");
    const auto& items = item_list(parsed, "events");
    std::vector<Event> out;
    for (std::size_t i = 0; i < items.size(); ++i) out.push_back(parse_event(items[i], i, now));
    return out;
  });
  EXPECT_EQ(streamed, document) << body.substr(0, 200);
}

TEST(MonitorRules, StreamingReaderReadsWhatTheDocumentReads) {
  const UnixSeconds now = *core::parse_iso8601("2026-03-02T09:00:00+07:00");
  json second = good_event();
  second["id"] = "e-2";
  second["auto"] = nullptr;                                  // the default (automatic)
  second["extra"] = {{"events", json::array({1, 2})}};     // unknown fields, even nested "events", are ignored
  second.erase("sha256");
  second["error"] = "Lỗi cập nhật: khóa trùng";
  json third = good_event();
  third["id"] = "e-3";
  third["auto"] = false;
  third["size"] = std::uint64_t{1} << 40;
  const json body = {{"before", {{"events", 1}}}, {"events", json::array({good_event(), second, third})},
                     {"after", json::array({json::object()})}};
  const auto items = read_event_items(body.dump());
  ASSERT_EQ(items.size(), 3u);
  expect_same_reading(body.dump(), now);
  // Keys repeated: the last one counts, in an event and at the top.
  expect_same_reading(R"({"events":[{"id":"x","id":"e-9","system":"SLXNK","op":"EXPORT","unit_code":"02CI",)"
                      R"("peer_unit_code":"02","batch_id":"b","file_name":"a","size":1,"at":"2026-03-02T08:00:00Z"}]})",
                      now);
  expect_same_reading(R"({"events":[1],"events":[)" + good_event().dump() + "]}", now);
}

TEST(MonitorRules, StreamingReaderRefusesAsTheDocumentDoes) {
  const UnixSeconds now = *core::parse_iso8601("2026-03-02T09:00:00+07:00");
  for (const std::string body : {"", "{", "[1]", "3", "{\"events\": 3}", "{}", "{\"events\": []}",
                                 "{\"events\": {}}", "{\"events\": [1]}", "{\"events\": [[]]}",
                                 "{\"events\": [{}]} x", "{\"events\": [{\"id\": \"\\ud800\"}]}"})
    expect_same_reading(body, now);
  // Each field with a wrong value, in the second event (index 1): the same message naming index and field.
  const std::vector<std::pair<std::string, json>> wrong = {
      {"id", nullptr},      {"id", json::object()}, {"id", json::array({"a"})}, {"id", 12},
      {"id", "a b"},        {"system", "ABC"},      {"op", "COPY"},             {"unit_code", "x"},
      {"peer_unit_code", "02CI"}, {"batch_id", ""}, {"file_name", "../etc/passwd"}, {"size", -1},
      {"size", "10"},       {"size", 10.5},         {"size", std::uint64_t{18446744073709551615u}},
      {"size", true},       {"sha256", "XYZ"},      {"version", 1},             {"at", "yesterday"},
      {"at", "2026-03-02T10:00:00+07:00"},          {"auto", "yes"},            {"auto", 1},
      {"error", std::string(2001, 'e')},            {"error", "a\u0001b"}};
  for (const auto& [field, value] : wrong) {
    json bad = good_event();
    bad[field] = value;
    expect_same_reading(json({{"events", json::array({good_event(), bad})}}).dump(), now);
  }
  json missing = good_event();
  missing.erase("at");
  expect_same_reading(json({{"events", json::array({missing})}}).dump(), now);
  json many = {{"events", json::array()}};
  for (std::size_t i = 0; i <= kMaxEventsPerRequest; ++i) many["events"].push_back(1);
  expect_same_reading(many.dump(), now);
}

}  // namespace
}  // namespace hq::monitor
