// The lists the officers work from (inbox, pool, every status) and the statistics, and the size of a real
// dossier (three signed 1 MB documents) through the HTTP contract, on SQLite and PostgreSQL.
#include "db/row.h"
#include "eservices/store.h"
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
  // The counters named in `expected` of a statistics line (the others are not compared).
  static void expect_counts(const json& line, const json& expected) {
    for (const auto& [counter, value] : expected.items())
      EXPECT_EQ(line.value(counter, json()), value) << counter << " in " << line;
  }
  static json line_of(const json& body, const std::string& unit = "02CI") {
    for (const auto& l : body["items"])
      if (l["unit_code"] == unit && l["procedure_code"] == "I.39") return l;
    return json();
  }
  void act(ApiClient& c, std::int64_t id, const std::string& action, const json& body = json::object()) {
    const auto r = c.post(dossier(id, "/" + action), body);
    ASSERT_EQ(r.status, 200) << action << ": " << r.raw;
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
  act(officer, refused, "claim");
  act(officer, refused, "refuse", {{"reason", "Không thuộc thẩm quyền."}});
  act(officer, supplement, "claim");
  act(officer, supplement, "request-supplement", {{"missing", {"Phụ lục có chữ ký"}}, {"note", "Thiếu phụ lục."}});
  const auto r = logged_in("02ci.dvc.lanhdao").get(url("/stats?unit=02CI" + stats_period()));
  ASSERT_EQ(r.status, 200) << r.raw;
  const auto line = line_of(r.body);
  ASSERT_TRUE(line.is_object()) << r.raw;
  expect_counts(line, {{"received", 3}, {"carried_over", 0}, {"refused", 1}, {"supplement", 1},
                       {"in_progress_on_time", 2}, {"in_progress_overdue", 0}, {"on_time", 0}, {"late", 0}});
  // The national administrator counts the same line in the country's statistics.
  EXPECT_EQ(line_of(admin().get(url("/stats?" + stats_period().substr(1))).body), line);
}

// The statistics read counters kept on every transition: after submissions, a refusal, a supplement asked
// and answered, a transfer to another Chi cục and a result issued, they are exactly the counters recomputed
// from the dossiers, and the figures do not change when they are recomputed.
TEST_P(EServicesLists, StatisticsCountersKeptOnTransitionsMatchTheDossiers) {
  configure("I.39");
  auto applicant = citizen("cd.lan");
  const auto refused = new_dossier(applicant, "I.39"), supplement = new_dossier(applicant, "I.39");
  const auto moved = new_dossier(applicant, "I.39"), done = new_dossier(applicant, "I.39");
  auto officer = logged_in("02ci.dvc.canbo");
  act(officer, refused, "claim");
  act(officer, refused, "refuse", {{"reason", "Không thuộc thẩm quyền."}});
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
  const auto today = core::to_local(core::now()).date;
  const auto past = admin().get(url("/stats?from=" + core::format_date(core::add_days(today, -30)) +
                                    "&to=" + core::format_date(core::add_days(today, -2))));
  ASSERT_EQ(past.status, 200) << past.raw;
  EXPECT_TRUE(line_of(past.body, "02CI").is_null()) << past.raw;
}

HAIQUAN_API_TEST_SUITE(EServicesLists);

}  // namespace
}  // namespace hq::test
