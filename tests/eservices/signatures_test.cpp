#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "core/error.h"
#include "core/hex.h"
#include "eservices/signatures.h"
#include "tests/support/temp_dir.h"

namespace hq::eservices {
namespace {

const core::UnixSeconds kNow = core::now();

struct Pki {
  KeyAndCertificate ca = make_self_signed("Test CA", kNow - 86400, kNow + 86400 * 365, true);
  KeyAndCertificate leaf = issue_certificate(ca, "Công ty Thử", "0300123450", 501, kNow - 3600, kNow + 86400 * 30);
};

TEST(Sha256, KnownVector) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Certificates, TaxCodeFromUid) {
  Pki pki;
  const auto info = certificate_info(pki.leaf.certificate_pem);
  EXPECT_EQ(info.tax_code, "0300123450");
  EXPECT_EQ(info.serial, "01F5");
  EXPECT_NE(info.subject.find("Công ty Thử"), std::string::npos);
  EXPECT_THROW(certificate_info("not a pem"), core::Error);
}

TEST(Certificates, ChainRevocationAndExpiry) {
  Pki pki;
  const auto other_ca = make_self_signed("Other CA", kNow - 86400, kNow + 86400, true);
  EXPECT_EQ(TrustStore({pki.ca.certificate_pem}, {}).verify(pki.leaf.certificate_pem, kNow), ChainStatus::Trusted);
  EXPECT_EQ(TrustStore({other_ca.certificate_pem}, {}).verify(pki.leaf.certificate_pem, kNow), ChainStatus::Untrusted);
  const auto crl = make_crl(pki.ca, {501}, kNow - 60);
  EXPECT_EQ(crl_info(crl).revoked, 1);
  EXPECT_EQ(TrustStore({pki.ca.certificate_pem}, {crl}).verify(pki.leaf.certificate_pem, kNow), ChainStatus::Revoked);
  const auto clean = make_crl(pki.ca, {777}, kNow - 60);
  EXPECT_EQ(TrustStore({pki.ca.certificate_pem}, {clean}).verify(pki.leaf.certificate_pem, kNow), ChainStatus::Trusted);
  EXPECT_EQ(TrustStore({pki.ca.certificate_pem}, {}).verify(pki.leaf.certificate_pem, kNow + 86400 * 60),
            ChainStatus::Expired);
}

TEST(Certificates, OneStoreAnswersEachCertificateAndInstantOnItsOwn) {
  Pki pki;
  const auto second = issue_certificate(pki.ca, "Người ký hai", "0300123450", 502, kNow - 3600, kNow + 86400 * 30);
  const TrustStore trust({pki.ca.certificate_pem}, {make_crl(pki.ca, {502}, kNow - 60)});
  for (int round = 0; round < 2; ++round) {  // the second round is answered from what the store remembers
    EXPECT_EQ(trust.verify(pki.leaf.certificate_pem, kNow), ChainStatus::Trusted);
    EXPECT_EQ(trust.verify(second.certificate_pem, kNow), ChainStatus::Revoked);
    EXPECT_EQ(trust.verify(pki.leaf.certificate_pem, kNow + 86400 * 60), ChainStatus::Expired);
    EXPECT_EQ(trust.verify("not a pem", kNow), ChainStatus::Untrusted);
  }
}

TEST(Cms, DetachedSignatureOverTheBytes) {
  Pki pki;
  std::string content = "Nội dung chứng từ";
  content += '\0';
  content += "\x01 nhị phân";
  const auto der = sign_detached_cms(content, pki.leaf);
  const auto check = check_detached_cms(content, der);
  ASSERT_TRUE(check.valid);
  EXPECT_EQ(check.signer->tax_code, "0300123450");
  ASSERT_TRUE(check.signing_time.has_value());
  EXPECT_NEAR(static_cast<double>(*check.signing_time), static_cast<double>(kNow), 600);
  EXPECT_FALSE(check_detached_cms(content + " ", der).valid);
  EXPECT_FALSE(check_detached_cms(content, "garbage").valid);
  EXPECT_TRUE(verify_detached_cms_by(content, der, pki.leaf.certificate_pem));
  EXPECT_FALSE(verify_detached_cms_by(content, der, pki.ca.certificate_pem));
}

// Submission hashes each document once (the stored SHA-256) and hands that digest to the CMS check: the same
// answers as CMS_verify hashing the content itself.
TEST(Cms, ContentHashedOnceGivesTheSameAnswers) {
  Pki pki;
  const std::string content(200000, 'x'), altered = content + " ";
  const auto der = sign_detached_cms(content, pki.leaf);
  const auto check = check_detached_cms(content, der, sha256_digest(content));
  ASSERT_TRUE(check.valid);
  EXPECT_EQ(check.signer->fingerprint, check_detached_cms(content, der).signer->fingerprint);
  EXPECT_EQ(check.signing_time, check_detached_cms(content, der).signing_time);
  EXPECT_FALSE(check_detached_cms(altered, der, sha256_digest(altered)).valid);  // altered after signing
  EXPECT_FALSE(check_detached_cms(content, der, sha256_digest(altered)).valid);  // the digest is what counts
  EXPECT_FALSE(check_detached_cms(content, "garbage", sha256_digest(content)).valid);
  // A signature value altered: the signed attributes (with the right digest) no longer verify.
  auto forged = der;
  forged[forged.size() - 10] ^= 1;  // inside the signature value, at the end of the SignerInfo
  EXPECT_FALSE(check_detached_cms(content, forged, sha256_digest(content)).valid);
  EXPECT_FALSE(check_detached_cms(content, forged).valid);
  EXPECT_EQ(sha256_hex(content), core::to_hex(reinterpret_cast<const unsigned char*>(sha256_digest(content).data()), 32));
}

// A signature made by the openssl command line, as the README tells enterprises to do for the demo.
TEST(Cms, OpensslCommandLineSignatureVerifies) {
  Pki pki;
  const test::TempDir dir("hq-cms");
  const auto write = [&](const std::string& name, const std::string& text) {
    std::ofstream(dir / name, std::ios::binary) << text;
  };
  write("doc.bin", "Tờ khai đề nghị\n");
  write("key.pem", pki.leaf.key_pem);
  write("cert.pem", pki.leaf.certificate_pem);
  const std::string command = "openssl cms -sign -binary -outform DER -in " + (dir / "doc.bin").string() +
                              " -signer " + (dir / "cert.pem").string() + " -inkey " + (dir / "key.pem").string() +
                              " -out " + (dir / "doc.p7s").string() + " 2>/dev/null";
  if (std::system(command.c_str()) != 0) GTEST_SKIP() << "openssl command line not available";
  const std::string noattr_command = "openssl cms -sign -binary -noattr -md sha256 -outform DER -in " +
                                     (dir / "doc.bin").string() + " -signer " + (dir / "cert.pem").string() +
                                     " -inkey " + (dir / "key.pem").string() + " -out " +
                                     (dir / "noattr.p7s").string() + " 2>/dev/null";
  ASSERT_EQ(std::system(noattr_command.c_str()), 0);
  std::ifstream in(dir / "doc.p7s", std::ios::binary);
  std::stringstream der;
  der << in.rdbuf();
  std::ifstream noattr_in(dir / "noattr.p7s", std::ios::binary);
  std::stringstream noattr;
  noattr << noattr_in.rdbuf();
  const auto check = check_detached_cms("Tờ khai đề nghị\n", der.str());
  ASSERT_TRUE(check.valid);
  EXPECT_EQ(check.signer->tax_code, "0300123450");
  EXPECT_FALSE(check_detached_cms("Tờ khai đề nghị!\n", der.str()).valid);
  // Without signed attributes there is no messageDigest: the content is hashed by CMS_verify (digest ignored).
  ASSERT_FALSE(noattr.str().empty());
  EXPECT_TRUE(check_detached_cms("Tờ khai đề nghị\n", noattr.str(), sha256_digest("Tờ khai đề nghị\n")).valid);
  EXPECT_FALSE(check_detached_cms("Tờ khai đề nghị!\n", noattr.str(), sha256_digest("Tờ khai đề nghị!\n")).valid);
}

}  // namespace
}  // namespace hq::eservices

#include "eservices/xml_signature.h"

namespace hq::eservices {
namespace {

TEST(XmlSignature, EnvelopedSignatureOverTheDocument) {
  Pki pki;
  const std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ToKhai><SoHieu>01/2026</SoHieu><Ten>Đơn đề nghị</Ten></ToKhai>\n";
  EXPECT_FALSE(has_xml_signature(xml));
  EXPECT_FALSE(has_xml_signature("%PDF-1.4 not xml"));
  const auto signed_xml = sign_enveloped_xml(xml, pki.leaf);
  ASSERT_TRUE(has_xml_signature(signed_xml));
  const auto check = check_enveloped_xml(signed_xml);
  ASSERT_TRUE(check.valid);
  EXPECT_EQ(check.signer->tax_code, "0300123450");
  std::string altered = signed_xml;
  altered.replace(altered.find("01/2026"), 7, "02/2026");
  EXPECT_TRUE(has_xml_signature(altered));
  EXPECT_FALSE(check_enveloped_xml(altered).valid);
}

}  // namespace
}  // namespace hq::eservices
