// Trust anchors and CRLs as the administrator manages them (lists, one CRL per issuer, no replay of an older
// CRL, only CRLs an anchor signed), the CRL refresh job against a real HTTP distribution point, and the
// customs signing identity installed by the command line; SQLite and PostgreSQL.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

#include "core/error.h"
#include "eservices/crl_fetch.h"
#include "eservices/crl_job.h"
#include "tests/eservices/eservices_fixture.h"

namespace hq::test {
namespace {

// A distribution point: answers every GET with `body` (HTTP/1.0, one request per connection).
class CrlServer {
 public:
  explicit CrlServer(std::string body) : body_(std::move(body)) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    ::listen(fd_, 4);
    thread_ = std::thread([this] {
      while (!stop_) {
        const int c = ::accept(fd_, nullptr, nullptr);
        if (c < 0) break;
        char buffer[4096];
        (void)::recv(c, buffer, sizeof buffer, 0);
        // Counted before the answer goes out: the client may read it and the test check `served` before this
        // thread runs again (CI once saw 0 here on a busy machine).
        ++served;
        const std::string body = this->body();
        const std::string reply = "HTTP/1.0 200 OK\r\nContent-Type: application/pkix-crl\r\nContent-Length: " +
                                  std::to_string(body.size()) + "\r\n\r\n" + body;
        (void)::send(c, reply.data(), reply.size(), 0);
        ::close(c);
      }
    });
  }
  ~CrlServer() {
    stop_ = true;
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/ca.crl"; }
  std::string body() const {
    std::lock_guard guard(mutex_);
    return body_;
  }
  void set_body(std::string body) {
    std::lock_guard guard(mutex_);
    body_ = std::move(body);
  }
  std::atomic<int> served{0};

 private:
  mutable std::mutex mutex_;
  std::string body_;
  int fd_ = -1, port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

class EServicesTrust : public EServicesApiTest {};

TEST_P(EServicesTrust, AdministratorListsAnchorsAndKeepsOneCrlPerIssuer) {
  install_ca();
  auto a = admin();
  auto r = a.get(url("/trust-anchors"));
  ASSERT_EQ(r.status, 200) << r.raw;
  bool found = false;
  for (const auto& item : r.body["items"]) found = found || item["subject"].get<std::string>().find(std::to_string(now)) != std::string::npos;
  EXPECT_TRUE(found) << r.raw;
  // A CRL, then a newer one replaces it; an older one is refused (no replay un-revoking a certificate), the same one
  // again changes nothing.
  const auto older = eservices::make_crl(ca, {31}, now - 7200);
  const auto newer = eservices::make_crl(ca, {31, 32}, now - 60);
  ASSERT_EQ(a.post(url("/crls"), {{"pem", older}}).status, 201);
  ASSERT_EQ(a.post(url("/crls"), {{"pem", newer}}).status, 201);
  r = a.post(url("/crls"), {{"pem", older}});
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.error_code(), "CRL_OUTDATED");
  EXPECT_EQ(a.post(url("/crls"), {{"pem", newer}}).status, 201);
  r = a.get(url("/crls"));
  ASSERT_EQ(r.status, 200) << r.raw;
  int of_issuer = 0;
  for (const auto& item : r.body["items"])
    if (item["issuer"].get<std::string>().find(std::to_string(now)) != std::string::npos) {
      ++of_issuer;
      EXPECT_EQ(item["revoked"], 2);
      EXPECT_EQ(item["source"], "UPLOAD");
      EXPECT_FALSE(item["next_update"].is_null());
    }
  EXPECT_EQ(of_issuer, 1) << r.raw;
  // A CRL no installed anchor signed is refused.
  const auto stranger = eservices::make_self_signed("Unknown CA", now - 86400, now + 86400, true);
  r = a.post(url("/crls"), {{"pem", eservices::make_crl(stranger, {1}, now)}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.error_code(), "CRL_UNTRUSTED");
}

TEST_P(EServicesTrust, OnlyThePlatformAdministratorSeesTheTrustStore) {
  for (const char* user : {"02ci_qt", "02ci.dvc.lanhdao", "02ci.dvc.canbo"}) {
    auto c = logged_in(user);
    EXPECT_EQ(c.get(url("/trust-anchors")).status, 403) << user;
    EXPECT_EQ(c.get(url("/crls")).status, 403) << user;
    EXPECT_EQ(c.get(url("/signing-identity")).status, 403) << user;
  }
  auto applicant = citizen("cd.binh");
  EXPECT_EQ(applicant.get(url("/crls")).status, 403);
  EXPECT_EQ(client().get(url("/trust-anchors")).status, 401);
}

TEST_P(EServicesTrust, RefreshFetchesTheDistributionPointAndRevokes) {
  install_ca();
  configure();
  // The enterprise's certificate names the CA's distribution point; the CA then revokes it.
  CrlServer point(eservices::make_crl(ca, {51}, now - 30));
  auto e = enterprise("dn.anphat", "0300123450");
  auto key = eservices::issue_certificate(ca, "Người ký", "0300123450", 51, now - 3600, now + 86400, point.url());
  ASSERT_EQ(e.post(url("/certificates"), {{"pem", key.certificate_pem}}).status, 201);
  ASSERT_EQ(submit(e, &key).status, 201);  // not revoked as far as the server knows

  eservices::EServicesService service(db());
  auto report = service.refresh_crls([](const std::string& u) { return eservices::fetch_crl(u, 5); });
  ASSERT_EQ(report.installed.size(), 1u) << (report.failed.empty() ? "" : report.failed[0]);
  EXPECT_GE(point.served.load(), 1);
  auto r = submit(e, &key);
  EXPECT_EQ(r.status, 422) << r.raw;
  EXPECT_EQ(r.error_code(), "CERTIFICATE_REVOKED");
  r = admin().get(url("/crls"));
  EXPECT_EQ(r.body["items"].back()["source"], "FETCH") << r.raw;
  // The same CRL again: nothing changes; an unreachable point is reported, not thrown.
  report = service.refresh_crls([](const std::string& u) { return eservices::fetch_crl(u, 5); });
  EXPECT_EQ(report.installed.size(), 0u);
  EXPECT_EQ(report.unchanged.size(), 1u);
  const auto failed = eservices::fetch_crl("http://127.0.0.1:1/none.crl", 2);
  EXPECT_FALSE(failed.pem);
  EXPECT_FALSE(failed.error.empty());
  EXPECT_FALSE(eservices::fetch_crl("file:///etc/passwd", 2).pem);
}

// Waits (at most 60 s: the machine may be busy) until `done()`.
template <typename Done>
bool wait_until(Done done) {
  for (int i = 0; i < 3000 && !done(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  return done();
}
bool wait_for_runs(const eservices::CrlRefreshJob& job, std::int64_t runs) {
  return wait_until([&] { return job.status().runs >= runs; });
}

TEST_P(EServicesTrust, ServerJobRefreshesOnScheduleRecordsFailuresAndVerificationUsesTheFreshCrl) {
  install_ca();
  configure();
  // The distribution point first serves garbage (a CA's server in trouble), then the CA's CRL revoking serial 61.
  CrlServer point("<html>502 Bad Gateway</html>");
  auto e = enterprise("dn.anphat", "0300123450");
  auto key = eservices::issue_certificate(ca, "Người ký", "0300123450", 61, now - 3600, now + 86400, point.url());
  ASSERT_EQ(e.post(url("/certificates"), {{"pem", key.certificate_pem}}).status, 201);

  eservices::EServicesService service(db());
  // A long schedule, failures retried after 1 s: the runs below are the start, the retry and one on demand.
  eservices::CrlRefreshJob job(service, [](const std::string& u) { return eservices::fetch_crl(u, 5); },
                               std::chrono::hours(6), std::chrono::seconds(1));
  EXPECT_EQ(job.status().runs, 0);
  EXPECT_FALSE(job.status().running);
  job.start();
  ASSERT_TRUE(wait_for_runs(job, 1));
  auto st = job.status();
  EXPECT_TRUE(st.running);
  EXPECT_EQ(st.interval_seconds, 6 * 3600);
  ASSERT_TRUE(st.last_run_at && st.next_run_at);
  EXPECT_EQ(*st.next_run_at - *st.last_run_at, 1);  // a point failed: retried soon, not in 6 hours
  // The failure is recorded and shown to the administrator (and to nobody else).
  auto a = admin();
  auto r = a.get(url("/crl-sources"));
  ASSERT_EQ(r.status, 200) << r.raw;
  ASSERT_EQ(r.body["items"].size(), 1u) << r.raw;
  auto source = r.body["items"][0];
  EXPECT_EQ(source["url"], point.url());
  EXPECT_EQ(source["outcome"], "FAILED");
  EXPECT_GE(source["failures"].get<int>(), 1);
  EXPECT_NE(source["error"].get<std::string>().find("CRL"), std::string::npos) << source;
  EXPECT_TRUE(source["last_success_at"].is_null());
  EXPECT_FALSE(r.body["job"]["running"]) << r.raw;  // this test server's own job is not started (no warm-up)
  for (const char* user : {"02ci_qt", "02ci.dvc.canbo"}) {
    EXPECT_EQ(logged_in(user).get(url("/crl-sources")).status, 403) << user;
    EXPECT_EQ(logged_in(user).post(url("/crl-sources/refresh")).status, 403) << user;
  }
  EXPECT_EQ(e.get(url("/crl-sources")).status, 403);
  EXPECT_EQ(client().get(url("/crl-sources")).status, 401);
  EXPECT_EQ(a.post(url("/crl-sources/refresh")).error_code(), "CRL_JOB_OFF");
  // Not revoked as far as the server knows: accepted.
  ASSERT_EQ(submit(e, &key).status, 201);

  // The point recovers: the retry installs its CRL and the very next submission is checked against it.
  point.set_body(eservices::make_crl(ca, {61}, now - 30));
  const auto outcome = [&] { return a.get(url("/crl-sources")).body["items"][0]["outcome"]; };
  ASSERT_TRUE(wait_until([&] { return outcome() == "INSTALLED"; })) << outcome();
  r = a.get(url("/crl-sources"));
  source = r.body["items"][0];
  EXPECT_EQ(source["outcome"], "INSTALLED") << r.raw;
  EXPECT_EQ(source["failures"], 0);
  EXPECT_TRUE(source["error"].is_null());
  EXPECT_FALSE(source["last_success_at"].is_null());
  EXPECT_NE(source["issuer"].get<std::string>().find(std::to_string(now)), std::string::npos);
  st = job.status();
  EXPECT_EQ(*st.next_run_at - *st.last_run_at, 6 * 3600);  // all good: the next run is the scheduled one
  r = submit(e, &key);
  EXPECT_EQ(r.status, 422) << r.raw;
  EXPECT_EQ(r.error_code(), "CERTIFICATE_REVOKED");
  EXPECT_EQ(a.get(url("/crls")).body["items"].back()["source"], "FETCH");

  // A run on demand: the same CRL again changes nothing and says so.
  const auto before = job.status().runs;
  job.refresh_now();
  ASSERT_TRUE(wait_for_runs(job, before + 1));
  EXPECT_EQ(a.get(url("/crl-sources")).body["items"][0]["outcome"], "UNCHANGED");
}

TEST_P(EServicesTrust, InstalledSigningIdentitySignsResults) {
  configure();
  eservices::EServicesService service(db());
  // Refused: a key that is not the certificate's, a CA certificate, an expired one.
  const auto customs = eservices::issue_certificate(ca, "Tổng cục Hải quan - Ký kết quả", "", 77, now - 3600, now + 86400 * 365);
  const auto other = eservices::make_self_signed("Khác", now - 3600, now + 86400, false);
  const auto refusal = [&](const eservices::KeyAndCertificate& k) {
    try {
      service.install_signing_key("test", k);
    } catch (const core::Error& e) {
      return e.code();
    }
    return std::string("installed");
  };
  EXPECT_EQ(refusal({other.key_pem, customs.certificate_pem}), "SIGNING_KEY_MISMATCH");
  EXPECT_EQ(refusal(ca), "INVALID_CERTIFICATE");
  EXPECT_EQ(refusal(eservices::issue_certificate(ca, "Cũ", "", 78, now - 86400 * 10, now - 86400)), "INVALID_CERTIFICATE");
  const auto info = service.install_signing_key("test", customs);
  EXPECT_EQ(info.serial, "4D");
  auto a = admin();
  auto r = a.get(url("/signing-identity"));
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(r.body["certificate"]["serial"], "4D");
  // A result issued now is signed by that certificate and verifies publicly.
  auto applicant = citizen("cd.binh");
  r = applicant.post(url("/dossiers"), {{"procedure_code", "I.01"}, {"unit_code", "02CI"},
                                        {"documents", {document("Đơn đề nghị", "x"), document("Phụ lục", "y")}}});
  ASSERT_EQ(r.status, 201) << r.raw;
  const auto id = std::to_string(r.body["id"].get<std::int64_t>());
  auto officer = logged_in("02ci.dvc.canbo");
  ASSERT_EQ(officer.post(url("/dossiers/" + id + "/claim")).status, 200);
  r = officer.post(url("/dossiers/" + id + "/issue-result"), json::object());
  ASSERT_EQ(r.status, 200) << r.raw;
  r = applicant.get(url("/dossiers/" + id + "/result"));
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(eservices::certificate_info(r.body["certificate_pem"]).serial, "4D");
  r = client().get(url("/results/" + r.body["result_number"].get<std::string>() + "/verify"));
  EXPECT_EQ(r.body["valid"], true) << r.raw;
}

HAIQUAN_API_TEST_SUITE(EServicesTrust);

}  // namespace
}  // namespace hq::test
