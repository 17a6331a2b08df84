#pragma once
// Certificates and signatures with OpenSSL 3: certificate facts (serial, subject, UID=MST: tax code),
// chain verification against the trust anchors the administrator installed with CRL checking, detached
// CMS (PKCS#7) signatures over a document's bytes, and the server's own CMS signature on results.
// No SQL, no HTTP; no network access (CRLs are installed, never fetched here).
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base64.h"
#include "core/time.h"

namespace hq::eservices {

std::string sha256_hex(std::string_view bytes);
std::string sha256_digest(std::string_view bytes);  // the 32 bytes themselves
// Strict RFC 4648 base64 (padding required, whitespace not allowed; nullopt when malformed): core/base64.h.
using core::base64_decode;
using core::base64_encode;

struct CertificateInfo {
  std::string serial;       // upper-case hex
  std::string subject;      // RFC 2253 one line
  std::string issuer;
  std::string tax_code;     // from UID=MST:<tax code> in the subject ("" when absent)
  std::string fingerprint;  // SHA-256 of the DER, hex
  core::UnixSeconds not_before = 0, not_after = 0;
  std::string pem;          // normalised PEM of the certificate alone
};
// Throws core::Error BadInput INVALID_CERTIFICATE when `pem` holds no certificate.
CertificateInfo certificate_info(const std::string& pem);

enum class ChainStatus { Trusted, Untrusted, Revoked, Expired, NotYetValid };

// The installed anchors and CRLs. Built per request from the stored PEMs (a few anchors, small CRLs).
class TrustStore {
 public:
  TrustStore(const std::vector<std::string>& anchor_pems, const std::vector<std::string>& crl_pems);
  ~TrustStore();
  TrustStore(const TrustStore&) = delete;
  TrustStore& operator=(const TrustStore&) = delete;
  // Chain to an anchor, validity at `at`, revocation by the CRL of each issuer that has one installed. The
  // answer for a certificate at an instant is remembered for the store's life (one request: not thread-safe).
  ChainStatus verify(const std::string& certificate_pem, core::UnixSeconds at) const;

 private:
  ChainStatus verify_chain(const std::string& certificate_pem, core::UnixSeconds at) const;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Checks an installed anchor or CRL (throws core::Error BadInput INVALID_CERTIFICATE / INVALID_CRL).
std::string anchor_subject(const std::string& pem);
struct CrlInfo {
  std::string issuer;
  core::UnixSeconds this_update = 0;
  std::optional<core::UnixSeconds> next_update;
  std::int64_t revoked = 0;
};
CrlInfo crl_info(const std::string& pem);
// True when the CRL's signature verifies with the key of one of `anchor_pems` whose subject is its issuer.
bool crl_signed_by_anchor(const std::string& crl_pem, const std::vector<std::string>& anchor_pems);
// The http:// URLs of a certificate's CRL distribution points (where its issuer publishes its CRL).
std::vector<std::string> crl_distribution_points(const std::string& certificate_pem);

// A detached CMS signature (DER) over `content`: whether it matches the bytes, and the signer's certificate
// (taken from the signature). valid=false when the DER is not a CMS signature or the content was altered.
struct CmsCheck {
  bool valid = false;
  std::optional<CertificateInfo> signer;
  std::optional<core::UnixSeconds> signing_time;  // the signingTime attribute, when present
};
// `content_sha256` (sha256_digest of `content`, when the caller has it) lets the content be hashed once: a
// signature with signed attributes and SHA-256 as its digest algorithm is then checked by its signed
// attributes' signature and their messageDigest compared with it, which is what CMS_verify does after
// hashing the content itself; any other signature is verified by CMS_verify over the content.
CmsCheck check_detached_cms(std::string_view content, std::string_view der, std::string_view content_sha256 = {});

// Signing (the server's results, the demo and `haiquan eservices sign`).
struct KeyAndCertificate {
  std::string key_pem, certificate_pem;
};
// A detached CMS signature (DER, with the signer's certificate and `chain`) over `content`.
std::string sign_detached_cms(std::string_view content, const KeyAndCertificate& signer,
                              const std::vector<std::string>& chain_pems = {});
// True when `der` is a valid detached signature of `content` by exactly `certificate_pem`.
bool verify_detached_cms_by(std::string_view content, std::string_view der, const std::string& certificate_pem);

// The server's signing identity as the administrator installs it: the key must be the certificate's, the
// certificate valid at `now`, not a CA, and allowed to sign (digitalSignature or nonRepudiation when it has a
// key usage). Throws core::Error BadInput INVALID_KEY / INVALID_CERTIFICATE / SIGNING_KEY_MISMATCH.
CertificateInfo check_signing_identity(const KeyAndCertificate& identity, core::UnixSeconds now);

// A small PKI for demos and tests: a self-signed CA, certificates it issues (subject CN and optional
// UID=MST:<tax code>), and CRLs. EC P-256 keys.
KeyAndCertificate make_self_signed(const std::string& common_name, core::UnixSeconds not_before,
                                   core::UnixSeconds not_after, bool is_ca);
KeyAndCertificate issue_certificate(const KeyAndCertificate& ca, const std::string& common_name,
                                    const std::string& tax_code, std::int64_t serial, core::UnixSeconds not_before,
                                    core::UnixSeconds not_after, const std::string& crl_url = "");
std::string make_crl(const KeyAndCertificate& ca, const std::vector<std::int64_t>& revoked_serials,
                     core::UnixSeconds this_update);

}  // namespace hq::eservices
