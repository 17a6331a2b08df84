#pragma once
// API tests of the online public services: a test CA made by the test (OpenSSL), installed by the platform
// administrator; enterprises and citizens register through the portal route and log in like anyone.
#include <string>

#include "core/calendar.h"
#include "eservices/service.h"
#include "eservices/signatures.h"
#include "tests/api/api_fixture.h"
#include "tests/support/dates.h"

namespace hq::test {

using nlohmann::json;

class EServicesApiTest : public ApiTest {
 protected:
  static std::string url(const std::string& tail) { return "/api/v1/eservices" + tail; }
  // A statistics period that holds what a test just submitted at any hour: after office hours (art. 7.5) a
  // dossier is received the next working day, after the default period (which ends today).
  static std::string stats_period() {
    return "&from=" + iso_day(-1) + "&to=" + iso_day(14);
  }
  const core::UnixSeconds now = core::now();
  eservices::KeyAndCertificate ca =
      eservices::make_self_signed("Test CA " + std::to_string(now), now - 86400, now + 365 * 86400, true);

  ApiClient admin() { return logged_in("admin", kAdminPassword); }
  void install_ca() {
    auto a = admin();
    const auto r = a.post(url("/trust-anchors"), {{"pem", ca.certificate_pem}});
    ASSERT_EQ(r.status, 201) << r.raw;
  }
  ApiClient enterprise(const std::string& username, const std::string& tax_code) {
    auto c = client();
    const auto r = c.post(url("/register"), {{"kind", "ENTERPRISE"}, {"tax_code", tax_code}, {"name", "Công ty " + username},
                                             {"username", username}, {"password", "Mat-khau-2026!"},
                                             {"email", username + "@example.vn"}, {"phone", "0912345678"}});
    EXPECT_EQ(r.status, 201) << r.raw;
    return logged_in(username, "Mat-khau-2026!");
  }
  ApiClient citizen(const std::string& username) {
    auto c = client();
    const auto r = c.post(url("/register"), {{"kind", "CITIZEN"}, {"id_number", "079085001234"}, {"name", "Trần Thị Bình"},
                                             {"username", username}, {"password", "Mat-khau-2026!"},
                                             {"email", username + "@example.vn"}});
    EXPECT_EQ(r.status, 201) << r.raw;
    return logged_in(username, "Mat-khau-2026!");
  }
  eservices::KeyAndCertificate certificate(const std::string& tax_code, std::int64_t serial,
                                           core::UnixSeconds not_after = 0) {
    return eservices::issue_certificate(ca, "Người ký " + tax_code, tax_code, serial, now - 3600,
                                        not_after ? not_after : now + 30 * 86400);
  }
  static json document(const std::string& name, const std::string& bytes,
                       const eservices::KeyAndCertificate* signer = nullptr) {
    json d = {{"name", name}, {"content_base64", eservices::base64_encode(bytes)}};
    if (signer) d["signature_base64"] = eservices::base64_encode(eservices::sign_detached_cms(bytes, *signer));
    return d;
  }
  // Settings for a level-4 Chi cục procedure with two documents, one of which need not be signed.
  void configure(const std::string& code = "I.01", std::int64_t fee = 0) {
    auto a = admin();
    const auto r = a.put(url("/procedures/" + code + "/settings"),
                         {{"processing_days", 2}, {"fee", fee},
                          {"documents", {{{"name", "Đơn đề nghị"}, {"signed", true}}, {{"name", "Phụ lục"}, {"signed", false}}}}});
    ASSERT_EQ(r.status, 200) << r.raw;
  }
  // An enterprise with a registered certificate, ready to submit.
  struct Signer {
    ApiClient client;
    eservices::KeyAndCertificate key;
  };
  Signer ready_enterprise(const std::string& username, const std::string& tax_code, std::int64_t serial) {
    auto c = enterprise(username, tax_code);
    auto key = certificate(tax_code, serial);
    const auto r = c.post(url("/certificates"), {{"pem", key.certificate_pem}});
    EXPECT_EQ(r.status, 201) << r.raw;
    return {c, key};
  }
  ApiResponse submit(ApiClient& c, const eservices::KeyAndCertificate* key, const std::string& code = "I.01",
                     const std::string& unit = "02CI") {
    return c.post(url("/dossiers"), {{"procedure_code", code}, {"unit_code", unit},
                                     {"documents", {document("Đơn đề nghị", "Đơn đề nghị số 1/2026", key),
                                                    document("Phụ lục", "Phụ lục kèm theo")}}});
  }
};

}  // namespace hq::test
