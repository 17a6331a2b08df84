// The lists the officers work from (inbox, pool, every status) and the statistics, and the size of a real
// dossier (three signed 1 MB documents) through the HTTP contract, on SQLite and PostgreSQL.
#include <array>
#include <optional>

#include "db/row.h"
#include "eservices/store.h"
#include "tests/support/dates.h"
#include "tests/eservices/eservices_fixture.h"

namespace hq::test {
namespace {

class EServicesLists : public EServicesApiTest {
 protected:
  std::string dossier(std::int64_t id, const std::string& tail) { return url("/dossiers/" + std::to_string(id) + tail); }
  std::int64_t new_dossier(ApiClient& applicant, const std::string& code = "I.01") {
    const auto r = applicant.post(url("/dossiers"), {{"procedure_code", code}, {"unit_code", "02CI"},
                                                     {"documents", {document("Đơn đề nghị", "x"), document("Phụ lục", "y")}}});
    EXPECT_EQ(r.status, 201) << r.raw;
    return r.body.value("id", std::int64_t{0});
  }
  // The statistics line of procedure I.39 (no demo dossier has it) at `unit`, or null.
  static json line_of(const json& body, const std::string& unit = "02CI") {
    for (const auto& l : body["items"])
      if (l["unit_code"] == unit && l["procedure_code"] == "I.39") return l;
    return json();
  }
  // The I.39 line of 02CI's statistics as its leader sees them for `period` (from=…&to=…), or null.
  json leader_line(const std::string& period) {
    const auto r = logged_in("02ci.dvc.lanhdao").get(url("/stats?unit=02CI&" + period));
    EXPECT_EQ(r.status, 200) << r.raw;
    return line_of(r.body);
  }
  // The counters named in `expected` of a statistics line (the others are not compared).
  static void expect_counts(const json& line, const json& expected) {
    ASSERT_TRUE(line.is_object()) << line;
    for (const auto& [name, value] : expected.items()) EXPECT_EQ(line[name], value) << name << " in " << line;
  }
  void act(ApiClient& c, std::int64_t id, const std::string& action, const json& body = json::object()) {
    const auto r = c.post(dossier(id, "/" + action), body);
    ASSERT_EQ(r.status, 200) << action << ": " << r.raw;
  }
  // Four new I.39 dossiers of `applicant` at 02CI (the procedure configured first).
  std::array<std::int64_t, 4> four_dossiers(ApiClient& applicant) {
    configure("I.39");
    return {new_dossier(applicant, "I.39"), new_dossier(applicant, "I.39"), new_dossier(applicant, "I.39"),
            new_dossier(applicant, "I.39")};
  }
  void claim_and_refuse(ApiClient& officer, std::int64_t id) {
    act(officer, id, "claim");
    act(officer, id, "refuse", {{"reason", "Không thuộc thẩm quyền."}});
  }
};

TEST_P(EServicesLists, ThreeSignedOneMegabyteDocumentsMakeOneDossier) {
  install_ca();
  configure();
  auto e = ready_enterprise("dn.banglon", "0300123450", 31);
  json documents = json::array();
  for (const char* name : {"Đơn đề nghị", "Phụ lục", "Bản vẽ kỹ thuật"}) {
    std::string bytes(1 << 20, 'a');
    bytes.replace(0, std::string(name).size(), name);
    documents.push_back(document(name, bytes, &e.key));
  }
  const auto r = e.client.post(url("/dossiers"), {{"procedure_code", "I.01"}, {"unit_code", "02CI"}, {"documents", documents}});
  ASSERT_EQ(r.status, 201) << r.raw.substr(0, 400);
  ASSERT_EQ(r.body["documents"].size(), 3u);
  for (const auto& d : r.body["documents"]) EXPECT_EQ(d["signature"]["valid"], true);
}

TEST_P(EServicesLists, InboxShowsOpenDossiersOfTheScopeMostUrgentFirst) {
  configure();
  auto officer = logged_in("02ci.dvc.canbo");
  auto other = logged_in("03cc.dvc.canbo");
  const auto total = [](ApiClient& c, const std::string& query) {
    const auto r = c.get(url("/dossiers" + query));
    EXPECT_EQ(r.status, 200) << r.raw;
    return r.body.value("total", std::int64_t{-1});
  };
  const auto open = total(officer, "?open=true"), all = total(officer, ""), refused = total(officer, "?status=REFUSED");
  const auto elsewhere = total(other, "?open=true");
  auto applicant = citizen("cd.hoa");
  const auto first = new_dossier(applicant), second = new_dossier(applicant), third = new_dossier(applicant);
  act(officer, first, "claim");
  act(officer, first, "refuse", {{"reason", "Không thuộc thẩm quyền của Chi cục; nộp tại Cục."}});
  EXPECT_EQ(total(officer, "?open=true"), open + 2);
  EXPECT_EQ(total(officer, ""), all + 3);
  EXPECT_EQ(total(officer, "?status=REFUSED"), refused + 1);
  EXPECT_EQ(officer.get(url("/dossiers?open=maybe")).status, 400);
  // The applicant's own open dossiers, most urgent first (same due time: the earlier dossier first).
  const auto mine = applicant.get(url("/dossiers?open=true"));
  ASSERT_EQ(mine.body["total"], 2) << mine.raw;
  EXPECT_EQ(mine.body["items"][0]["id"], second);
  EXPECT_EQ(mine.body["items"][1]["id"], third);
  EXPECT_EQ(applicant.get(url("/dossiers?open=true&page=2&page_size=1")).body["items"][0]["id"], third);
  // Another Chi cục's officer and another applicant see none of them.
  EXPECT_EQ(total(other, "?open=true"), elsewhere);
  auto stranger = citizen("cd.khac");
  EXPECT_EQ(total(stranger, ""), 0);
}

TEST_P(EServicesLists, StatisticsCountEachOutcomeOnce) {
  configure("I.39");  // no demo dossier has this procedure
  auto applicant = citizen("cd.lan");
  const auto refused = new_dossier(applicant, "I.39"), supplement = new_dossier(applicant, "I.39");
  new_dossier(applicant, "I.39");
  auto officer = logged_in("02ci.dvc.canbo");
  claim_and_refuse(officer, refused);
  act(officer, supplement, "claim");
  act(officer, supplement, "request-supplement", {{"missing", {"Phụ lục có chữ ký"}}, {"note", "Thiếu phụ lục."}});
  const auto line = leader_line(stats_period().substr(1));
  expect_counts(line, {{"received", 3}, {"carried_over", 0}, {"refused", 1}, {"supplement", 1},
                       {"in_progress_on_time", 2}, {"in_progress_overdue", 0}, {"on_time", 0}, {"late", 0}});
  // The national administrator counts the same line in the country's statistics.
  EXPECT_EQ(line_of(admin().get(url("/stats?" + stats_period().substr(1))).body), line);
}

// The statistics read counters kept on every transition: after submissions, a refusal, a supplement asked
// and answered, a transfer to another Chi cục and a result issued, they are exactly the counters recomputed
// from the dossiers, and the figures do not change when they are recomputed.
TEST_P(EServicesLists, StatisticsCountersKeptOnTransitionsMatchTheDossiers) {
  auto applicant = citizen("cd.lan");
  const auto [refused, supplement, moved, done] = four_dossiers(applicant);
  auto officer = logged_in("02ci.dvc.canbo");
  claim_and_refuse(officer, refused);
  act(officer, supplement, "claim");
  act(officer, supplement, "request-supplement", {{"missing", {"Phụ lục"}}});
  act(applicant, supplement, "supplement", {{"documents", {document("Phụ lục", "bổ sung")}}});
  act(officer, moved, "claim");
  act(officer, moved, "transfer", {{"unit_code", "03CC"}, {"reason", "Thuộc thẩm quyền Hải Phòng"}});
  act(officer, done, "claim");
  act(officer, done, "issue-result");

  const auto snapshot = [&] {
    std::vector<std::string> rows;
    db().read([&](soci::session& sql) {
      for (const char* table : {"eservices_stat_days", "eservices_stat_blocks"}) {
        soci::rowset<soci::row> rs = (sql.prepare << std::string("SELECT * FROM ") + table +
                                          " WHERE received + refused + on_time + late + supplemented + "
                                          "closed_supplemented <> 0 ORDER BY 1, 2, 3");
        for (const auto& r : rs) {
          std::string line = table;
          for (std::size_t i = 0; i < r.size(); ++i)
            line += "|" + (i == 2 ? r.get<std::string>(i) : std::to_string(db::int_at(r, i)));
          rows.push_back(line);
        }
      }
    });
    return rows;
  };
  const auto stats = [&] { return admin().get(url("/stats?" + stats_period().substr(1))).body; };
  const auto kept = snapshot();
  const auto figures = stats();
  ASSERT_FALSE(kept.empty());
  db().transaction([](soci::session& sql) { eservices::store::rebuild_stat_rollups(sql); });
  EXPECT_EQ(snapshot(), kept);
  EXPECT_EQ(stats(), figures);


  const auto here = line_of(figures, "02CI"), there = line_of(figures, "03CC");
  ASSERT_TRUE(here.is_object() && there.is_object()) << figures;
  // The transferred dossier counts at the unit that has it.
  expect_counts(here, {{"received", 3}, {"refused", 1}, {"on_time", 1}, {"supplement", 1}, {"in_progress_on_time", 1}});
  expect_counts(there, {{"received", 1}, {"in_progress_on_time", 1}});
  // A period that ended before these dossiers were received has none of them.
  const auto past = admin().get(url("/stats?from=" + iso_day(-30) + "&to=" + iso_day(-2)));
  ASSERT_EQ(past.status, 200) << past.raw;
  EXPECT_TRUE(line_of(past.body, "02CI").is_null()) << past.raw;
}

// "In progress" at the end of a past period: dossiers received before it and closed after it (read from the
// closed dossiers' index) or still open, split by their due time against the period's end; the same line for
// the Chi cục's leader and the national administrator, none for another Chi cục.
TEST_P(EServicesLists, InProgressAtAPastPeriodsEndCountsTheDossiersClosedAfterIt) {
  auto officer = logged_in("02ci.dvc.canbo");
  auto applicant = citizen("cd.lan");
  const auto [late, in_time, open, closed_before] = four_dossiers(applicant);
  act(officer, in_time, "claim");
  act(officer, in_time, "issue-result");
  claim_and_refuse(officer, late);
  claim_and_refuse(officer, closed_before);
  // All four received 10 days ago; the period ends 4 days ago (local midnight).
  const long long day = 86400, received = now - 10 * day;
  db().transaction([&](soci::session& sql) {
    const auto set = [&](std::int64_t id, long long due, std::optional<long long> closed) {
      const long long i = id, c = closed.value_or(0);
      sql << "UPDATE eservices_dossiers SET submitted_at = :r, received_at = :r2, due_at = :d WHERE id = :i",
          soci::use(received), soci::use(received), soci::use(due), soci::use(i);
      if (closed) sql << "UPDATE eservices_dossiers SET closed_at = :c WHERE id = :i", soci::use(c), soci::use(i);
    };
    set(late, now - 9 * day, std::nullopt);            // closed now, due before the period's end: overdue then
    set(in_time, now + day, std::nullopt);             // closed now, due after it: on time then
    set(open, now - 8 * day, std::nullopt);            // still open, due before the period's end: overdue then
    set(closed_before, now - 9 * day, now - 7 * day);  // refused within the period: not in progress at its end
    eservices::store::rebuild_stat_rollups(sql);
  });
  const std::string period = "from=" + iso_day(-20) + "&to=" + iso_day(-5);
  const auto line = leader_line(period);
  expect_counts(line, {{"received", 4}, {"refused", 1}, {"carried_over", 0}, {"in_progress_on_time", 1},
                       {"in_progress_overdue", 2}});
  const auto national = admin().get(url("/stats?" + period));
  ASSERT_EQ(national.status, 200) << national.raw;
  EXPECT_EQ(line_of(national.body), line);
  const auto elsewhere = admin().get(url("/stats?unit=03CC&" + period));
  ASSERT_EQ(elsewhere.status, 200) << elsewhere.raw;
  EXPECT_TRUE(line_of(elsewhere.body).is_null()) << elsewhere.raw;
  EXPECT_TRUE(line_of(elsewhere.body, "03CC").is_null()) << elsewhere.raw;
}

HAIQUAN_API_TEST_SUITE(EServicesLists);

}  // namespace
}  // namespace hq::test
