// Issue 13 §3 (seed 000, letter 7301): STQ01 proposals and collection requests imported so that the duplicate
// search covers both systems during the transition. SQLite and PostgreSQL, on the demo data: the duplicate
// warning and rule 4 find an imported record like an STQ02 one; imported records are read-only; the import is
// idempotent by the STQ01 number, all or nothing with every bad cell named; rights and unit scope, with attacks.
#include <string>

#include "sheets/xlsx_table.h"
#include "tests/api/api_fixture.h"
#include "tests/support/dates.h"
#include "tests/support/tax_codes.h"

namespace hq::test {
namespace {

using nlohmann::json;

constexpr const char* kImport = "/api/v1/audit/stq01/import";
constexpr const char* kHeader =
    "Số STQ01,Loại,Mã số thuế,Tên doanh nghiệp,Đơn vị,Ngày lập,Trạng thái,Nơi kiểm tra,Kỳ kiểm tra từ,Kỳ kiểm tra đến,"
    "\"Căn cứ, nội dung\",Người lập\n";

class AuditStq01Api : public ApiTest {
 protected:
  static std::string tax_code(long long n) { return test::tax_code("07", n); }
  static std::string proposal_row(const std::string& number, const std::string& code, const std::string& unit,
                                  const std::string& status, const std::string& from, const std::string& to) {
    return number + ",Đề xuất kiểm tra," + code + ",Công ty TNHH Chuyển Đổi," + unit + "," + iso_day(-20) + "," + status +
           ",trụ sở người khai hải quan," + from + "," + to + ",Dấu hiệu vi phạm trị giá,stq01.canbo\n";
  }
  static std::string collection_row(const std::string& number, const std::string& code, const std::string& unit,
                                    const std::string& status) {
    return number + ",Thu thập thông tin," + code + ",," + unit + "," + iso_day(-15) + "," + status + ",,,,Giá thấp bất thường,\n";
  }
  static json find_by(const json& items, const std::string& key, const json& value) {
    for (const auto& item : items)
      if (item.contains(key) && item[key] == value) return item;
    return json();
  }
  static std::int64_t found(ApiClient& who, const std::string& code) {
    const auto r = who.get("/api/v1/audit/search?tax_code=" + code);
    return static_cast<std::int64_t>(r.body["proposals"].size() + r.body["collections"].size());
  }
};
HAIQUAN_API_TEST_SUITE(AuditStq01Api);

TEST_P(AuditStq01Api, AnImportedProposalIsADuplicateLikeAnStq02OneAndStaysReadOnly) {
  ApiClient gdc = logged_in("admin", kAdminPassword), officer = logged_in("02ci.canbo"), leader = logged_in("02ci.lanhdao");
  const std::string code = tax_code(10);
  const std::string file = std::string(kHeader) + proposal_row("125/ĐXKT-02B1", code, "02B1", "chờ phê duyệt", "2024-01-01", "2024-12-31") +
                           collection_row("48/TTTT-02B1", code, "02B1", "đã phê duyệt");
  auto imported = gdc.send("POST", kImport, file);
  ASSERT_EQ(imported.status, 200) << imported.raw;
  EXPECT_EQ(imported.body["created"], 2);
  EXPECT_EQ(imported.body["updated"], 0);

  // The search before a proposal shows both, marked as coming from STQ01 with their STQ01 numbers.
  auto search = officer.get("/api/v1/audit/search?tax_code=" + code);
  ASSERT_EQ(search.status, 200) << search.raw;
  ASSERT_EQ(search.body["proposals"].size(), 1u) << search.raw;
  EXPECT_EQ(search.body["proposals"][0]["source"], "STQ01");
  EXPECT_EQ(search.body["proposals"][0]["origin_number"], "125/ĐXKT-02B1");
  EXPECT_EQ(search.body["proposals"][0]["unit_code"], "02B1");
  EXPECT_EQ(search.body["proposals"][0]["status"], "SUBMITTED");
  ASSERT_EQ(search.body["collections"].size(), 1u);
  EXPECT_EQ(search.body["collections"][0]["source"], "STQ01");
  EXPECT_EQ(search.body["enterprise"]["name"], "Công ty TNHH Chuyển Đổi");  // not in the directory: from the file

  // A new STQ02 proposal for an overlapping period: both are reported as duplicates, like STQ02 records.
  auto created = officer.post("/api/v1/audit/proposals",
                              {{"tax_code", code}, {"place", "PREMISES"}, {"grounds", "SIGNS_OF_VIOLATION"},
                               {"period_from", "2024-06-01"}, {"period_to", "2025-05-31"},
                               {"search_id", search.body["search_id"]}});
  ASSERT_EQ(created.status, 201) << created.raw;
  const json dup = find_by(created.body["duplicates"], "kind", "PROPOSAL");
  ASSERT_FALSE(dup.is_null()) << created.raw;
  EXPECT_EQ(dup["source"], "STQ01");
  EXPECT_EQ(dup["unit_code"], "02B1");
  EXPECT_EQ(find_by(created.body["duplicates"], "kind", "COLLECTION")["source"], "STQ01");
  // First come, first served holds against the STQ01 proposal pending earlier.
  const std::string mine = "/api/v1/audit/proposals/" + std::to_string(created.body["id"].get<std::int64_t>());
  EXPECT_EQ(leader.post(mine + "/approve").error_code(), "EARLIER_PROPOSAL_PENDING");

  // Read-only: no transition, decision or collection step on an imported record, whoever asks.
  const auto stq01_id = dup["id"].get<std::int64_t>();
  const std::string theirs = "/api/v1/audit/proposals/" + std::to_string(stq01_id);
  auto refused = gdc.post(theirs + "/approve");
  EXPECT_EQ(refused.status, 409) << refused.raw;
  EXPECT_EQ(refused.error_code(), "STQ01_READ_ONLY");
  EXPECT_EQ(gdc.post(theirs + "/cancel", {{"reason", "x"}}).error_code(), "STQ01_READ_ONLY");
  const auto collection_id = find_by(created.body["duplicates"], "kind", "COLLECTION")["id"].get<std::int64_t>();
  EXPECT_EQ(gdc.post("/api/v1/audit/collections/" + std::to_string(collection_id) + "/cancel", {{"reason", "x"}}).error_code(),
            "STQ01_READ_ONLY");
  // The lists show it with its tag.
  auto list = gdc.get("/api/v1/audit/proposals?q=" + code);
  ASSERT_EQ(list.status, 200) << list.raw;
  EXPECT_EQ(find_by(list.body["items"], "id", stq01_id)["source"], "STQ01");

  // Idempotent by the STQ01 number: the same file again writes nothing new; a later export (cancelled in
  // STQ01) updates the record, which then no longer blocks nor counts as a duplicate.
  auto again = gdc.send("POST", kImport, file);
  ASSERT_EQ(again.status, 200) << again.raw;
  EXPECT_EQ(again.body["created"], 0);
  EXPECT_EQ(again.body["updated"], 2);
  EXPECT_EQ(found(gdc, code), 3);
  auto cancelled = gdc.send("POST", kImport, std::string(kHeader) + proposal_row("125/ĐXKT-02B1", code, "02B1", "đã hủy",
                                                                              "2024-01-01", "2024-12-31"));
  ASSERT_EQ(cancelled.status, 200) << cancelled.raw;
  EXPECT_EQ(cancelled.body["updated"], 1);
  EXPECT_EQ(gdc.get(theirs).body["status"], "CANCELLED");
  EXPECT_TRUE(find_by(officer.get(mine).body["duplicates"], "kind", "PROPOSAL").is_null());
  auto approved = leader.post(mine + "/approve");
  EXPECT_EQ(approved.status, 200) << approved.raw;
}

TEST_P(AuditStq01Api, RightsAndUnitScopeWithTheirAttacks) {
  const std::string code = tax_code(20);
  const auto row = [&](const std::string& number, const std::string& unit) {
    return std::string(kHeader) + proposal_row(number, code, unit, "đã phê duyệt", "2023-01-01", "2023-12-31");
  };
  ApiClient gdc = logged_in("admin", kAdminPassword);
  // Audit users are not the importers, however high: only unit administrators and the General Department.
  EXPECT_EQ(logged_in("02ci.canbo").send("POST", kImport, row("1/A", "02CI")).status, 403);
  EXPECT_EQ(logged_in("ktstq.lanhdao").send("POST", kImport, row("1/A", "KTSTQ")).status, 403);
  // A Chi cục's administrator: its own unit and the Đội inside it, never its sibling nor its Cục.
  ApiClient chi_cuc = logged_in("02ci_qt");
  auto sibling = chi_cuc.send("POST", kImport, row("2/A", "02CI") + proposal_row("3/A", code, "02B1", "đã phê duyệt", "2023-01-01", "2023-12-31"));
  EXPECT_EQ(sibling.status, 403) << sibling.raw;
  EXPECT_EQ(sibling.error_code(), "UNIT_OUT_OF_SCOPE");
  EXPECT_EQ(sibling.body["error"]["details"]["lines"], json::array({3}));
  EXPECT_EQ(chi_cuc.send("POST", kImport, row("4/A", "02")).status, 403);
  EXPECT_EQ(found(gdc, code), 0);  // nothing written
  auto own = chi_cuc.send("POST", kImport, row("5/A", "02CI") + proposal_row("6/A", code, "02CI01", "bị từ chối", "2023-01-01", "2023-12-31"));
  ASSERT_EQ(own.status, 200) << own.raw;
  EXPECT_EQ(own.body["created"], 2);
  // A Cục's administrator: its own units only, not another Cục's.
  ApiClient cuc = logged_in("02_qt");
  EXPECT_EQ(cuc.send("POST", kImport, row("7/A", "01B1")).error_code(), "UNIT_OUT_OF_SCOPE");
  EXPECT_EQ(cuc.send("POST", kImport, row("8/A", "02B1")).status, 200);
  // The General Department imports for every unit.
  EXPECT_EQ(gdc.send("POST", kImport, row("9/A", "01B1")).status, 200);
  EXPECT_EQ(found(gdc, code), 4);
  // Re-importing a number rewrites its record: only inside the importer's scope. Cục 02 cannot take Cục 01's record
  // over by naming its number with a unit of its own, nor the Chi cục its sibling's; the records stay where they are.
  auto takeover = cuc.send("POST", kImport, row("9/A", "02B1"));
  EXPECT_EQ(takeover.status, 403) << takeover.raw;
  EXPECT_EQ(takeover.error_code(), "UNIT_OUT_OF_SCOPE");
  EXPECT_EQ(chi_cuc.send("POST", kImport, row("8/A", "02CI")).error_code(), "UNIT_OUT_OF_SCOPE");
  const auto units_of = [&](const std::string& number) {
    const auto r = gdc.get("/api/v1/audit/search?tax_code=" + code);
    return find_by(r.body["proposals"], "number", "STQ01-" + number).value("unit_code", std::string());
  };
  EXPECT_EQ(units_of("9/A"), "01B1");
  EXPECT_EQ(units_of("8/A"), "02B1");
  // Within scope a re-import is an update (the Cục moves its own record between its units).
  auto moved = cuc.send("POST", kImport, row("8/A", "02CI"));
  ASSERT_EQ(moved.status, 200) << moved.raw;
  EXPECT_EQ(moved.body["updated"], 1);
  EXPECT_EQ(units_of("8/A"), "02CI");
  // The template is there for whoever prepares the file.
  auto tpl = cuc.get("/api/v1/audit/stq01/template");
  EXPECT_EQ(tpl.status, 200);
}

// The layout the web page shows is the import's own: a header written from the served headings is read, and the
// marks say which cells every row, or a proposal, must fill.
TEST_P(AuditStq01Api, TheServedColumnLayoutIsTheImports) {
  ApiClient gdc = logged_in("admin", kAdminPassword);
  auto columns = gdc.get("/api/v1/audit/stq01/columns");
  ASSERT_EQ(columns.status, 200) << columns.raw;
  const json& items = columns.body["items"];
  ASSERT_EQ(items.size(), 12u);
  std::string header, required;
  for (const auto& c : items) {
    const std::string heading = c["heading"];
    header += (header.empty() ? "" : ",") + (heading.find(',') == std::string::npos ? heading : "\"" + heading + "\"");
    required += c["key"].get<std::string>() + "=" + c["required"].get<std::string>() + " ";
  }
  EXPECT_EQ(header + "\n", kHeader);
  EXPECT_EQ(required,
            "number=all kind=all tax_code=all name=no unit=all created_on=all status=all place=proposal "
            "period_from=proposal period_to=proposal grounds=no proposed_by=no ");
  const std::string code = tax_code(40);
  auto imported = gdc.send("POST", kImport, header + "\n" + proposal_row("1/COLS", code, "02B1", "chờ phê duyệt",
                                                                        "2024-01-01", "2024-12-31"));
  ASSERT_EQ(imported.status, 200) << imported.raw;
  EXPECT_EQ(imported.body["created"], 1);
  // A proposal without its place and period is refused on exactly the columns marked "proposal".
  auto refused = gdc.send("POST", kImport, header + "\n" + "2/COLS,Đề xuất kiểm tra," + code + ",,02B1," + iso_day(-3) +
                                               ",chờ phê duyệt,,,,,\n");
  ASSERT_EQ(refused.status, 422) << refused.raw;
  std::string refused_columns;
  for (const auto& p : refused.body["error"]["details"]["problems"]) refused_columns += p["column"].get<std::string>() + ";";
  EXPECT_EQ(refused_columns, "Nơi kiểm tra;Kỳ kiểm tra từ;Kỳ kiểm tra đến;");
}

TEST_P(AuditStq01Api, EveryBadCellIsNamedAndNothingIsWritten) {
  ApiClient gdc = logged_in("admin", kAdminPassword);
  const std::string a = tax_code(30), b = tax_code(31);
  const std::string file =
      std::string(kHeader) +
      "10/X,Đề xuất kiểm tra,0100109107,,02CI," + iso_day(-3) + ",chờ phê duyệt,trụ sở người khai hải quan,2024-01-01,2024-12-31,,\n" +
      "11/X,Kiểm toán," + a + ",,02CI," + iso_day(-3) + ",chờ phê duyệt,,,,,\n" +
      "12/X,Đề xuất kiểm tra," + a + ",,ZZ99,31/02/2025,đang xét,ở đâu đó,2024-12-31,2024-01-01,,\n" +
      "13/X,Thu thập thông tin," + b + ",,02CI,01/03/2026,đã hoàn thành,,,,,\n" +
      "13/X,Thu thập thông tin," + b + ",,02CI,01/03/2026,đã hoàn thành,,,,,\n" +
      ",Đề xuất kiểm tra," + b + ",,02CI," + iso_day(-3) + ",chờ phê duyệt,trụ sở cơ quan hải quan,2024-01-01,2024-12-31,,\n" +
      "14/X,Thu thập thông tin," + b + ",,02CI," + iso_day(5) + ",chờ phê duyệt,,,,,\n";
  auto bad = gdc.send("POST", kImport, file);
  ASSERT_EQ(bad.status, 422) << bad.raw;
  EXPECT_EQ(bad.error_code(), "IMPORT_INVALID");
  const auto& problems = bad.body["error"]["details"]["problems"];
  const auto has = [&](int line, const std::string& column) {
    for (const auto& p : problems)
      if (p["line"] == line && p["column"] == column) return true;
    return false;
  };
  EXPECT_TRUE(has(2, "Mã số thuế")) << bad.raw;
  EXPECT_TRUE(has(3, "Loại"));
  EXPECT_TRUE(has(4, "Ngày lập"));
  EXPECT_TRUE(has(4, "Trạng thái"));
  EXPECT_TRUE(has(4, "Nơi kiểm tra"));
  EXPECT_TRUE(has(4, "Kỳ kiểm tra đến"));
  EXPECT_TRUE(has(6, "Số STQ01"));    // repeated
  EXPECT_TRUE(has(7, "Số STQ01"));    // empty
  EXPECT_TRUE(has(8, "Ngày lập"));    // after today
  EXPECT_EQ(bad.body["error"]["details"]["problem_count"], 9) << bad.raw;
  EXPECT_FALSE(has(4, "Đơn vị"));     // the row was already refused: units are looked up for good rows only
  EXPECT_EQ(found(gdc, a) + found(gdc, b), 0);
  // The header must name the required columns; an empty file is refused.
  EXPECT_EQ(gdc.send("POST", kImport, "Số STQ01,Mã số thuế\n1,2\n").error_code(), "INVALID_IMPORT");
  EXPECT_EQ(gdc.send("POST", kImport, kHeader).error_code(), "EMPTY_IMPORT");
  auto unknown_unit = gdc.send("POST", kImport, std::string(kHeader) + collection_row("20/X", a, "ZZ99", "chờ phê duyệt"));
  ASSERT_EQ(unknown_unit.status, 422);
  EXPECT_EQ(unknown_unit.body["error"]["details"]["problems"][0]["column"], "Đơn vị");

  // An .xlsx workbook: the tax code typed as a number (its leading zero lost) and an Excel date cell.
  sheets::Table t;
  for (const char* h : {"Số STQ01", "Loại", "Mã số thuế", "Đơn vị", "Ngày lập", "Trạng thái"}) t.columns.push_back({h});
  const std::string zero_led = test::tax_code("07", 40);
  ASSERT_EQ(zero_led[0], '0');
  t.rows = {{std::string("21/X"), std::string("Thu thập thông tin"), std::stod(zero_led), std::string("02CI"), 46000.0,
             std::string("chờ phê duyệt")}};
  auto xlsx = gdc.send("POST", kImport, sheets::table_to_xlsx(t));
  ASSERT_EQ(xlsx.status, 200) << xlsx.raw;
  EXPECT_EQ(xlsx.body["created"], 1);
  auto search = gdc.get("/api/v1/audit/search?tax_code=" + zero_led);
  ASSERT_EQ(search.body["collections"].size(), 1u) << search.raw;
  EXPECT_EQ(search.body["collections"][0]["year"], 2025);  // Excel day 46000 = 2025-12-09
}

}  // namespace
}  // namespace hq::test
