#include "eservices/xml_signature.h"
#include "tests/eservices/eservices_fixture.h"

namespace hq::test {
namespace {

using eservices::base64_encode;

class EServicesSubmission : public EServicesApiTest {};

TEST_P(EServicesSubmission, CatalogueListsEveryAnnexRow) {
  auto c = client();
  auto r = c.get(url("/procedures?page_size=200"));
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(r.body["total"], 84);
  r = c.get(url("/procedures?list=I&page_size=200"));
  EXPECT_EQ(r.body["total"], 42);
  int repeated = 0;
  for (const auto& p : r.body["items"]) repeated += p["number"] == 21;
  EXPECT_EQ(repeated, 2);
  r = c.get(url("/procedures?list=II&level=2"));
  for (const auto& p : r.body["items"]) EXPECT_EQ(p["level"], 2);
  r = c.get(url("/procedures?q=tieu%20huy%20xe"));
  EXPECT_EQ(r.body["total"], 2);  // I.21-2 and I.23, the duplicate as published
  EXPECT_EQ(r.body["items"][0]["same_name_as"][0], "I.23");
  EXPECT_EQ(c.get(url("/procedures?list=III")).status, 400);
}

TEST_P(EServicesSubmission, SettingsNeedThePlatformAdministrator) {
  auto officer = logged_in("02ci.dvc.canbo");
  EXPECT_EQ(officer.put(url("/procedures/I.01/settings"), {{"processing_days", 2}, {"fee", 0}, {"documents", json::array()}}).status, 403);
  configure("I.01", 50000);
  const auto r = client().get(url("/procedures/I.01"));
  EXPECT_EQ(r.body["processing_days"], 2);
  EXPECT_EQ(r.body["fee"], 50000);
  EXPECT_EQ(r.body["documents"].size(), 2u);
}

TEST_P(EServicesSubmission, RegistrationAndCertificates) {
  install_ca();
  auto c = enterprise("dn.anphat", "0300123450");
  EXPECT_EQ(c.get("/api/v1/me").status, 200);
  // Certificate of another tax code, and one from a CA nobody installed.
  auto other = certificate("0300987651", 11);
  auto r = c.post(url("/certificates"), {{"pem", other.certificate_pem}});
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.error_code(), "TAX_CODE_MISMATCH");
  const auto stranger = eservices::make_self_signed("Stranger CA", now - 10, now + 86400, true);
  const auto untrusted = eservices::issue_certificate(stranger, "x", "0300123450", 12, now - 10, now + 86400);
  r = c.post(url("/certificates"), {{"pem", untrusted.certificate_pem}});
  EXPECT_EQ(r.error_code(), "CERTIFICATE_UNTRUSTED");
  r = c.post(url("/certificates"), {{"pem", certificate("0300123450", 13).certificate_pem}});
  ASSERT_EQ(r.status, 201) << r.raw;
  EXPECT_EQ(r.body["tax_code"], "0300123450");
  EXPECT_EQ(r.body["serial"], "0D");
  // The same tax code cannot register twice; a bad tax code is refused.
  r = client().post(url("/register"), {{"kind", "ENTERPRISE"}, {"tax_code", "0300123450"}, {"name", "X"},
                                        {"username", "dn.trung"}, {"password", "Mat-khau-2026!"}, {"email", "a@b.vn"}});
  EXPECT_EQ(r.error_code(), "TAX_CODE_TAKEN");
  r = client().post(url("/register"), {{"kind", "ENTERPRISE"}, {"tax_code", "0300123451"}, {"name", "X"},
                                        {"username", "dn.sai"}, {"password", "Mat-khau-2026!"}, {"email", "a@b.vn"}});
  EXPECT_EQ(r.status, 400);
  // Only the platform administrator installs anchors.
  EXPECT_EQ(c.post(url("/trust-anchors"), {{"pem", ca.certificate_pem}}).status, 403);
}

TEST_P(EServicesSubmission, SignedDossierIsReceivedWithHashesAndDueDate) {
  install_ca();
  configure();
  auto e = ready_enterprise("dn.anphat", "0300123450", 21);
  const auto r = submit(e.client, &e.key);
  ASSERT_EQ(r.status, 201) << r.raw;
  EXPECT_EQ(r.body["status"], "RECEIVED");
  EXPECT_EQ(r.body["documents"][0]["sha256"], eservices::sha256_hex("Đơn đề nghị số 1/2026"));
  EXPECT_EQ(r.body["documents"][0]["signature"]["valid"], true);
  EXPECT_EQ(r.body["documents"][0]["signature"]["signer_tax_code"], "0300123450");
  EXPECT_TRUE(r.body["documents"][1]["signature"].is_null());
  const auto received = core::parse_iso8601(r.body["received_at"].get<std::string>());
  const auto due = core::parse_iso8601(r.body["due_at"].get<std::string>());
  ASSERT_TRUE(received && due);
  const core::WorkingCalendar cal;
  EXPECT_EQ(*received, cal.next_working_moment(*received));  // art. 7.5: always a working moment
  EXPECT_EQ(*due, cal.add_working_days(*received, 2));
  EXPECT_EQ(cal.working_seconds_between(*received, *due), 2 * 8 * 3600);
  // Stored byte for byte: the download hashes to what the receipt says.
  const auto id = r.body["id"].get<std::int64_t>();
  const auto doc_id = r.body["documents"][0]["id"].get<std::int64_t>();
  const auto file = e.client.get(url("/dossiers/" + std::to_string(id) + "/documents/" + std::to_string(doc_id)));
  ASSERT_EQ(file.status, 200);
  EXPECT_EQ(file.raw, "Đơn đề nghị số 1/2026");
  // The same bytes in a second dossier are stored once.
  ASSERT_EQ(submit(e.client, &e.key).status, 201);
  long long blobs = 0;
  const std::string hash = eservices::sha256_hex("Phụ lục kèm theo");
  db().read([&](soci::session& sql) {
    sql << "SELECT COUNT(*) FROM eservices_blobs WHERE sha256 = :h", soci::use(hash), soci::into(blobs);
  });
  EXPECT_EQ(blobs, 1);
}

TEST_P(EServicesSubmission, DocumentsAreStoredAsTheirBytesAndServedByteForByte) {
  install_ca();
  configure();
  auto e = ready_enterprise("dn.anphat", "0300123450", 22);
  std::string binary;  // every byte value, NULs included
  for (int round = 0; round < 64; ++round)
    for (int b = 0; b < 256; ++b) binary.push_back(static_cast<char>((b + round) & 0xff));
  const auto r = e.client.post(url("/dossiers"), {{"procedure_code", "I.01"}, {"unit_code", "02CI"},
                                                  {"documents", {document("Đơn đề nghị", binary, &e.key),
                                                                 document("Phụ lục", "Phụ lục kèm theo")}}});
  ASSERT_EQ(r.status, 201) << r.raw;
  const std::string hash = eservices::sha256_hex(binary);
  EXPECT_EQ(r.body["documents"][0]["sha256"], hash);
  const auto file_url = url("/dossiers/" + std::to_string(r.body["id"].get<std::int64_t>()) + "/documents/" +
                            std::to_string(r.body["documents"][0]["id"].get<std::int64_t>()));
  const auto download = [&] { return e.client.get(file_url); };
  auto file = download();
  ASSERT_EQ(file.status, 200);
  EXPECT_EQ(file.raw, binary);
  // Kept raw (migration 0307): as many bytes as the document, no base64 text beside them.
  long long size = -1;
  std::string base64 = "?";
  db().read([&](soci::session& sql) {
    sql << "SELECT length(content), content_base64 FROM eservices_blobs WHERE sha256 = :h", soci::use(hash),
        soci::into(size), soci::into(base64);
  });
  EXPECT_EQ(size, static_cast<long long>(binary.size()));
  EXPECT_EQ(base64, "");
  // The same bytes twice in one dossier (one statement stores the dossier's documents): one row.
  const std::string twice = binary + "2";
  const auto again = e.client.post(url("/dossiers"), {{"procedure_code", "I.01"}, {"unit_code", "02CI"},
                                                      {"documents", {document("Đơn đề nghị", twice, &e.key),
                                                                     document("Phụ lục", twice)}}});
  ASSERT_EQ(again.status, 201) << again.raw;
  long long rows = 0;
  const std::string twice_hash = eservices::sha256_hex(twice);
  db().read([&](soci::session& sql) {
    sql << "SELECT COUNT(*) FROM eservices_blobs WHERE sha256 = :h", soci::use(twice_hash), soci::into(rows);
  });
  EXPECT_EQ(rows, 1);
  // A row written before 0307 (base64 text, no bytes) is still served as its bytes.
  const auto store_as_text = [&](const std::string& bytes) {
    db().transaction([&](soci::session& sql) {
      const std::string text = base64_encode(bytes);
      sql << "UPDATE eservices_blobs SET content = NULL, content_base64 = :c WHERE sha256 = :h", soci::use(text),
          soci::use(hash);
    });
  };
  store_as_text(binary);
  file = download();
  ASSERT_EQ(file.status, 200);
  EXPECT_EQ(file.raw, binary);
  // Bytes that no longer hash to the receipt's SHA-256 are not served.
  store_as_text(binary.substr(1));
  file = download();
  EXPECT_EQ(file.status, 503) << file.raw;
  EXPECT_EQ(file.error_code(), "DOCUMENT_CORRUPTED");
}

TEST_P(EServicesSubmission, EveryRefusalCodeNamesTheDocumentAndStoresNothing) {
  install_ca();
  configure();
  configure("I.18");
  auto e = ready_enterprise("dn.anphat", "0300123450", 31);
  const auto count = [&] {
    long long n = 0;
    db().read([&](soci::session& sql) { sql << "SELECT COUNT(*) FROM eservices_dossiers", soci::into(n); });
    return n;
  };
  const auto before = count();
  const auto post = [&](const json& documents, const std::string& code = "I.01") {
    return e.client.post(url("/dossiers"), {{"procedure_code", code}, {"unit_code", "02CI"}, {"documents", documents}});
  };
  auto r = e.client.post(url("/dossiers"), {{"procedure_code", "II.01"}, {"unit_code", "02CI"},
                                            {"documents", {document("Đơn", "x", &e.key)}}});
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.error_code(), "PROCEDURE_NOT_ONLINE");
  r = post(json::array({document("Đơn đề nghị", "x", &e.key)}));
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.error_code(), "MISSING_DOCUMENTS");
  EXPECT_EQ(r.body["error"]["details"]["missing"], json::array({"Phụ lục"}));
  r = post({document("Đơn đề nghị", "x"), document("Phụ lục", "y")});
  EXPECT_EQ(r.error_code(), "SIGNATURE_MISSING");
  EXPECT_EQ(r.body["error"]["details"]["document"], "Đơn đề nghị");
  json altered = document("Đơn đề nghị", "nội dung gốc", &e.key);
  altered["content_base64"] = base64_encode("nội dung đã sửa");
  r = post({altered, document("Phụ lục", "y")});
  EXPECT_EQ(r.error_code(), "SIGNATURE_INVALID");
  EXPECT_EQ(r.body["error"]["details"]["document"], "Đơn đề nghị");
  // Signed by a valid certificate of the right tax code that was never registered.
  auto unregistered = certificate("0300123450", 32);
  r = post({document("Đơn đề nghị", "x", &unregistered), document("Phụ lục", "y")});
  EXPECT_EQ(r.error_code(), "CERTIFICATE_NOT_REGISTERED");
  // Signed with another enterprise's certificate.
  auto foreign = certificate("0300987651", 33);
  r = post({document("Đơn đề nghị", "x", &foreign), document("Phụ lục", "y")});
  EXPECT_EQ(r.error_code(), "TAX_CODE_MISMATCH");
  // A certificate registered while valid that has expired since (registered directly: the route refuses
  // expired ones).
  auto expired = eservices::issue_certificate(ca, "Hết hạn", "0300123450", 34, now - 86400 * 10, now - 86400);
  const auto account = db().read([&](soci::session& sql) {
    long long id = 0;
    sql << "SELECT id FROM accounts WHERE username = 'dn.anphat'", soci::into(id);
    return id;
  });
  eservices::EServicesService(db()).register_certificate_as_system(account, expired.certificate_pem);
  r = post({document("Đơn đề nghị", "x", &expired), document("Phụ lục", "y")});
  EXPECT_EQ(r.error_code(), "CERTIFICATE_EXPIRED");
  EXPECT_EQ(r.body["error"]["details"]["document"], "Đơn đề nghị");
  // Revoked through a CRL the administrator installs.
  auto a = admin();
  ASSERT_EQ(a.post(url("/crls"), {{"pem", eservices::make_crl(ca, {31}, now - 60)}}).status, 201);
  r = post({document("Đơn đề nghị", "x", &e.key), document("Phụ lục", "y")});
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.error_code(), "CERTIFICATE_REVOKED");
  EXPECT_EQ(r.body["error"]["details"]["document"], "Đơn đề nghị");
  EXPECT_EQ(count(), before);
}

TEST_P(EServicesSubmission, ContentThatIsNotBase64IsRefusedWithTheSameMessageWhereverTheFaultIs) {
  install_ca();
  configure();
  auto e = ready_enterprise("dn.anphat", "0300123450", 35);
  // 10,000 bytes: long enough to be lifted out of the JSON and decoded 32 characters at a time; ends "x==".
  std::string bytes(10000, '\0');
  for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>(i * 7 + 3);
  const json good = document("Đơn đề nghị", bytes, &e.key);
  const std::string text = good["content_base64"];
  ASSERT_EQ(text.substr(text.size() - 2), "==");
  // First character, inside and at the edges of the 32-character blocks, the last ones, the padding itself;
  // an ASCII character outside the alphabet, a '=' inside, a space, a URL-safe letter, a Vietnamese letter.
  const std::vector<std::size_t> places = {0, 31, 32, 5000, text.size() - 4, text.size() - 3, text.size() - 1};
  const std::vector<std::string> faults = {"*", "=", " ", "-", "ư"};
  for (const auto at : places)
    for (const auto& fault : faults) {
      if (fault == "=" && at == text.size() - 1) continue;  // that one is the padding as it is
      json doc = good;
      doc["content_base64"] = text.substr(0, at) + fault + text.substr(at + 1);
      const auto r = e.client.post(url("/dossiers"), {{"procedure_code", "I.01"}, {"unit_code", "02CI"},
                                                      {"documents", {doc, document("Phụ lục", "y")}}});
      ASSERT_EQ(r.status, 400) << at << " " << fault << " " << r.raw;
      EXPECT_EQ(r.error_code(), "INVALID_FIELD");
      EXPECT_EQ(r.body["error"]["details"]["field"], "documents");
      EXPECT_EQ(r.body["error"]["message"], "Nội dung chứng từ «Đơn đề nghị» không phải base64 hợp lệ.");
    }
  // Blank content, long enough to be read from the request's text: the usual answer for a missing field.
  json blank = good;
  blank["content_base64"] = std::string(6000, ' ');
  auto r = e.client.post(url("/dossiers"), {{"procedure_code", "I.01"}, {"unit_code", "02CI"},
                                            {"documents", {blank, document("Phụ lục", "y")}}});
  EXPECT_EQ(r.status, 400) << r.raw;
  EXPECT_EQ(r.body["error"]["details"]["field"], "content_base64");
  EXPECT_EQ(r.body["error"]["message"], "Thiếu trường bắt buộc «content_base64».");
  r = e.client.post(url("/dossiers"), {{"procedure_code", "I.01"}, {"unit_code", "02CI"},
                                       {"documents", {good, document("Phụ lục", "y")}}});
  ASSERT_EQ(r.status, 201) << r.raw;
  EXPECT_EQ(r.body["documents"][0]["sha256"], eservices::sha256_hex(bytes));
}

TEST_P(EServicesSubmission, XmlDocumentsMayCarryAnEnvelopedSignature) {
  install_ca();
  configure();
  auto e = ready_enterprise("dn.anphat", "0300123450", 41);
  const std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DonDeNghi><So>7</So></DonDeNghi>\n";
  const std::string signed_xml = eservices::sign_enveloped_xml(xml, e.key);
  json doc = {{"name", "Đơn đề nghị"}, {"content_base64", base64_encode(signed_xml)}};
  auto r = e.client.post(url("/dossiers"), {{"procedure_code", "I.01"}, {"unit_code", "02CI"},
                                            {"documents", {doc, document("Phụ lục", "y")}}});
  ASSERT_EQ(r.status, 201) << r.raw;
  EXPECT_EQ(r.body["documents"][0]["signature"]["valid"], true);
  EXPECT_EQ(r.body["documents"][0]["signature"]["signer_tax_code"], "0300123450");
  std::string altered = signed_xml;
  altered.replace(altered.find("<So>7</So>"), 10, "<So>8</So>");
  doc["content_base64"] = base64_encode(altered);
  r = e.client.post(url("/dossiers"), {{"procedure_code", "I.01"}, {"unit_code", "02CI"},
                                       {"documents", {doc, document("Phụ lục", "y")}}});
  EXPECT_EQ(r.error_code(), "SIGNATURE_INVALID");
  EXPECT_EQ(r.body["error"]["details"]["document"], "Đơn đề nghị");
}

TEST_P(EServicesSubmission, CitizensDocumentsAreNotChecked) {
  configure();
  auto c = citizen("cd.binh");
  const auto r = c.post(url("/dossiers"), {{"procedure_code", "I.01"}, {"unit_code", "02CI"},
                                           {"documents", {document("Đơn đề nghị", "x"), document("Phụ lục", "y")}}});
  ASSERT_EQ(r.status, 201) << r.raw;
  EXPECT_TRUE(r.body["documents"][0]["signature"].is_null());
  EXPECT_EQ(c.post(url("/certificates"), {{"pem", ca.certificate_pem}}).status, 403);
}

TEST_P(EServicesSubmission, ApplicantsAndOfficersStayOnTheirSide) {
  configure();
  auto c = citizen("cd.binh");
  EXPECT_EQ(c.put(url("/assignment/02CI/I.01"), {{"mode", 5}}).status, 403);
  EXPECT_EQ(c.get(url("/stats")).status, 403);
  EXPECT_EQ(c.get(url("/assignment/02CI/I.01")).status, 403);
  auto officer = logged_in("02ci.dvc.canbo");
  const auto r = officer.post(url("/dossiers"), {{"procedure_code", "I.01"}, {"unit_code", "02CI"},
                                                 {"documents", {document("Đơn đề nghị", "x"), document("Phụ lục", "y")}}});
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(officer.get(url("/me")).status, 403);
}

HAIQUAN_API_TEST_SUITE(EServicesSubmission);

}  // namespace
}  // namespace hq::test
