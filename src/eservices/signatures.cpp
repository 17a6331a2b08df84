#include "eservices/signatures.h"

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/cms.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <array>
#include <cstring>
#include <ctime>
#include <map>

#include "core/error.h"
#include "core/hex.h"

namespace hq::eservices {

namespace {

template <typename T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};
using Bio = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using CrlPtr = std::unique_ptr<X509_CRL, Deleter<X509_CRL, X509_CRL_free>>;
using KeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using CmsPtr = std::unique_ptr<CMS_ContentInfo, Deleter<CMS_ContentInfo, CMS_ContentInfo_free>>;
using StorePtr = std::unique_ptr<X509_STORE, Deleter<X509_STORE, X509_STORE_free>>;
using StoreCtxPtr = std::unique_ptr<X509_STORE_CTX, Deleter<X509_STORE_CTX, X509_STORE_CTX_free>>;
void free_x509_stack(STACK_OF(X509) * s) { sk_X509_pop_free(s, X509_free); }
using X509Stack = std::unique_ptr<STACK_OF(X509), Deleter<STACK_OF(X509), free_x509_stack>>;
void free_borrowed_stack(STACK_OF(X509) * s) { sk_X509_free(s); }

Bio memory(std::string_view bytes) {
  return Bio(BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size())));
}

std::string drain(BIO* bio) {
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  return size > 0 ? std::string(data, static_cast<std::size_t>(size)) : std::string();
}

[[noreturn]] void invalid(const std::string& code, const std::string& message) {
  throw core::Error(core::ErrorKind::BadInput, code, message);
}
[[noreturn]] void openssl_failure(const char* what) {
  throw core::Error(core::ErrorKind::Unavailable, "CRYPTO_FAILURE", std::string("Lỗi thư viện mật mã: ") + what + ".");
}

X509Ptr read_certificate(const std::string& pem) {
  auto bio = memory(pem);
  return X509Ptr(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
}

core::UnixSeconds unix_time(const ASN1_TIME* t) {
  std::tm tm{};
  if (!t || ASN1_TIME_to_tm(t, &tm) != 1) return 0;
  return static_cast<core::UnixSeconds>(timegm(&tm));
}

std::string name_text(const X509_NAME* name) {
  Bio bio(BIO_new(BIO_s_mem()));
  X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
  return drain(bio.get());
}

std::string pem_of(X509* cert) {
  Bio bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_X509(bio.get(), cert);
  return drain(bio.get());
}


std::string tax_code_of(X509_NAME* subject) {
  for (int i = X509_NAME_get_index_by_NID(subject, NID_userId, -1); i >= 0;
       i = X509_NAME_get_index_by_NID(subject, NID_userId, i)) {
    const ASN1_STRING* value = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(subject, i));
    std::string text(reinterpret_cast<const char*>(ASN1_STRING_get0_data(value)),
                     static_cast<std::size_t>(ASN1_STRING_length(value)));
    if (text.rfind("MST:", 0) == 0) return text.substr(4);
  }
  return {};
}

CertificateInfo info_of(X509* cert) {
  CertificateInfo info;
  BIGNUM* serial = ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert), nullptr);
  char* serial_hex = BN_bn2hex(serial);
  info.serial = serial_hex;
  OPENSSL_free(serial_hex);
  BN_free(serial);
  info.subject = name_text(X509_get_subject_name(cert));
  info.issuer = name_text(X509_get_issuer_name(cert));
  info.tax_code = tax_code_of(X509_get_subject_name(cert));
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  X509_digest(cert, EVP_sha256(), digest, &length);
  info.fingerprint = core::to_hex(digest, length);
  info.not_before = unix_time(X509_get0_notBefore(cert));
  info.not_after = unix_time(X509_get0_notAfter(cert));
  info.pem = pem_of(cert);
  return info;
}

CrlPtr read_crl(const std::string& pem) {
  auto bio = memory(pem);
  return CrlPtr(PEM_read_bio_X509_CRL(bio.get(), nullptr, nullptr, nullptr));
}

// A stale CRL still lists what it lists: its nextUpdate having passed does not make every certificate
// untrusted (fetching fresh CRLs is a background job, never the request's).
int tolerate_stale_crl(int ok, X509_STORE_CTX* ctx) {
  if (!ok && X509_STORE_CTX_get_error(ctx) == X509_V_ERR_CRL_HAS_EXPIRED) return 1;
  return ok;
}

KeyPtr read_key(const std::string& pem) {
  auto bio = memory(pem);
  KeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
  if (!key) invalid("INVALID_KEY", "Khóa bí mật không đọc được (cần PEM).");
  return key;
}

std::string key_pem(EVP_PKEY* key) {
  Bio bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr);
  return drain(bio.get());
}

void add_extension(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  if (!ext) openssl_failure("X509V3_EXT_conf_nid");
  X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
}

void add_name(X509_NAME* name, const char* field, const std::string& value) {
  X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(value.c_str()), -1,
                             -1, 0);
}

}  // namespace

std::string sha256_digest(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr);
  return std::string(reinterpret_cast<const char*>(digest), length);
}

std::string sha256_hex(std::string_view bytes) {
  const auto digest = sha256_digest(bytes);
  return core::to_hex(reinterpret_cast<const unsigned char*>(digest.data()), digest.size());
}

CertificateInfo certificate_info(const std::string& pem) {
  auto cert = read_certificate(pem);
  if (!cert) invalid("INVALID_CERTIFICATE", "Không đọc được chứng thư số: cần một chứng thư X.509 dạng PEM.");
  return info_of(cert.get());
}

struct TrustStore::Impl {
  StorePtr store{X509_STORE_new()};
  std::vector<CrlPtr> crls;
  // Answers already given: a dossier's documents are mostly signed with one certificate, and reading it
  // (OpenSSL 3 decodes its key) and walking its chain was 6 % of a submission's CPU, three times over.
  std::map<std::pair<std::string, core::UnixSeconds>, ChainStatus> verdicts;
};

TrustStore::TrustStore(const std::vector<std::string>& anchor_pems, const std::vector<std::string>& crl_pems)
    : impl_(std::make_unique<Impl>()) {
  for (const auto& pem : anchor_pems)
    if (auto cert = read_certificate(pem)) X509_STORE_add_cert(impl_->store.get(), cert.get());
  for (const auto& pem : crl_pems) {
    if (auto crl = read_crl(pem)) {
      X509_STORE_add_crl(impl_->store.get(), crl.get());
      impl_->crls.push_back(std::move(crl));
    }
  }
  X509_STORE_set_verify_cb(impl_->store.get(), tolerate_stale_crl);
}

TrustStore::~TrustStore() = default;

ChainStatus TrustStore::verify(const std::string& certificate_pem, core::UnixSeconds at) const {
  auto key = std::make_pair(certificate_pem, at);
  if (const auto known = impl_->verdicts.find(key); known != impl_->verdicts.end()) return known->second;
  const auto verdict = verify_chain(certificate_pem, at);
  impl_->verdicts.emplace(std::move(key), verdict);
  return verdict;
}

ChainStatus TrustStore::verify_chain(const std::string& certificate_pem, core::UnixSeconds at) const {
  auto cert = read_certificate(certificate_pem);
  if (!cert) return ChainStatus::Untrusted;
  StoreCtxPtr ctx(X509_STORE_CTX_new());
  if (!ctx || X509_STORE_CTX_init(ctx.get(), impl_->store.get(), cert.get(), nullptr) != 1)
    openssl_failure("X509_STORE_CTX_init");
  X509_STORE_CTX_set_time(ctx.get(), 0, static_cast<time_t>(at));
  // Check revocation of the certificate where its issuer's CRL is installed.
  for (const auto& crl : impl_->crls)
    if (X509_NAME_cmp(X509_CRL_get_issuer(crl.get()), X509_get_issuer_name(cert.get())) == 0)
      X509_STORE_CTX_set_flags(ctx.get(), X509_V_FLAG_CRL_CHECK);
  if (X509_verify_cert(ctx.get()) == 1) return ChainStatus::Trusted;
  switch (X509_STORE_CTX_get_error(ctx.get())) {
    case X509_V_ERR_CERT_REVOKED: return ChainStatus::Revoked;
    case X509_V_ERR_CERT_HAS_EXPIRED: return ChainStatus::Expired;
    case X509_V_ERR_CERT_NOT_YET_VALID: return ChainStatus::NotYetValid;
    default: return ChainStatus::Untrusted;
  }
}

std::string anchor_subject(const std::string& pem) {
  auto cert = read_certificate(pem);
  if (!cert) invalid("INVALID_CERTIFICATE", "Không đọc được chứng thư gốc: cần một chứng thư X.509 dạng PEM.");
  if (X509_check_ca(cert.get()) == 0)
    invalid("INVALID_CERTIFICATE", "Chứng thư này không phải chứng thư của tổ chức cung cấp dịch vụ chứng thực (CA).");
  return name_text(X509_get_subject_name(cert.get()));
}

CrlInfo crl_info(const std::string& pem) {
  auto crl = read_crl(pem);
  if (!crl) invalid("INVALID_CRL", "Không đọc được danh sách chứng thư bị thu hồi (CRL dạng PEM).");
  CrlInfo info;
  info.issuer = name_text(X509_CRL_get_issuer(crl.get()));
  info.this_update = unix_time(X509_CRL_get0_lastUpdate(crl.get()));
  if (const ASN1_TIME* next = X509_CRL_get0_nextUpdate(crl.get())) info.next_update = unix_time(next);
  STACK_OF(X509_REVOKED)* revoked = X509_CRL_get_REVOKED(crl.get());
  info.revoked = revoked ? sk_X509_REVOKED_num(revoked) : 0;
  return info;
}

namespace {

// The one signer's messageDigest attribute, when the signature has signed attributes and SHA-256 as its digest
// algorithm (the only case where a digest computed beforehand can stand for CMS_verify's own).
const ASN1_OCTET_STRING* sha256_message_digest(CMS_ContentInfo* cms) {
  STACK_OF(CMS_SignerInfo)* infos = CMS_get0_SignerInfos(cms);
  if (!infos || sk_CMS_SignerInfo_num(infos) != 1) return nullptr;
  CMS_SignerInfo* si = sk_CMS_SignerInfo_value(infos, 0);
  if (CMS_signed_get_attr_count(si) < 0) return nullptr;
  X509_ALGOR* digest_algorithm = nullptr;
  CMS_SignerInfo_get0_algs(si, nullptr, nullptr, &digest_algorithm, nullptr);
  if (!digest_algorithm || OBJ_obj2nid(digest_algorithm->algorithm) != NID_sha256) return nullptr;
  return static_cast<const ASN1_OCTET_STRING*>(
      CMS_signed_get0_data_by_OBJ(si, OBJ_nid2obj(NID_pkcs9_messageDigest), -3, V_ASN1_OCTET_STRING));
}

}  // namespace

CmsCheck check_detached_cms(std::string_view content, std::string_view der, std::string_view content_sha256) {
  CmsCheck check;
  auto in = memory(der);
  CmsPtr cms(d2i_CMS_bio(in.get(), nullptr));
  if (!cms) return check;
  const unsigned flags = CMS_BINARY | CMS_DETACHED | CMS_NO_SIGNER_CERT_VERIFY;
  const ASN1_OCTET_STRING* digest = content_sha256.size() == 32 ? sha256_message_digest(cms.get()) : nullptr;
  if (digest) {
    // Hash once: the signed attributes' signature is verified (over no content: nothing to hash), and their
    // messageDigest must be the content's SHA-256 known already.
    if (ASN1_STRING_length(digest) != 32 || std::memcmp(ASN1_STRING_get0_data(digest), content_sha256.data(), 32) != 0)
      return check;
    auto nothing = memory(std::string_view("", 0));
    if (CMS_verify(cms.get(), nullptr, nullptr, nothing.get(), nullptr, flags | CMS_NO_CONTENT_VERIFY) != 1) return check;
  } else {
    auto data = memory(content);
    if (CMS_verify(cms.get(), nullptr, nullptr, data.get(), nullptr, flags) != 1) return check;
  }
  // CMS_get0_signers hands out borrowed pointers in a new stack: free the stack only.
  std::unique_ptr<STACK_OF(X509), Deleter<STACK_OF(X509), free_borrowed_stack>> signers(CMS_get0_signers(cms.get()));
  if (!signers || sk_X509_num(signers.get()) != 1) return check;
  check.valid = true;
  check.signer = info_of(sk_X509_value(signers.get(), 0));
  STACK_OF(CMS_SignerInfo)* infos = CMS_get0_SignerInfos(cms.get());
  if (infos && sk_CMS_SignerInfo_num(infos) > 0) {
    CMS_SignerInfo* si = sk_CMS_SignerInfo_value(infos, 0);
    const int index = CMS_signed_get_attr_by_NID(si, NID_pkcs9_signingTime, -1);
    if (index >= 0) {
      ASN1_TYPE* value = X509_ATTRIBUTE_get0_type(CMS_signed_get_attr(si, index), 0);
      if (value && (value->type == V_ASN1_UTCTIME || value->type == V_ASN1_GENERALIZEDTIME))
        check.signing_time = unix_time(value->value.utctime);
    }
  }
  return check;
}

std::string sign_detached_cms(std::string_view content, const KeyAndCertificate& signer,
                              const std::vector<std::string>& chain_pems) {
  auto key = read_key(signer.key_pem);
  auto cert = read_certificate(signer.certificate_pem);
  if (!cert) invalid("INVALID_CERTIFICATE", "Chứng thư ký không đọc được (cần PEM).");
  X509Stack chain(sk_X509_new_null());
  for (const auto& pem : chain_pems)
    if (auto c = read_certificate(pem)) sk_X509_push(chain.get(), c.release());
  auto data = memory(content);
  CmsPtr cms(CMS_sign(cert.get(), key.get(), chain.get(), data.get(), CMS_BINARY | CMS_DETACHED));
  if (!cms) openssl_failure("CMS_sign");
  Bio out(BIO_new(BIO_s_mem()));
  if (i2d_CMS_bio(out.get(), cms.get()) != 1) openssl_failure("i2d_CMS_bio");
  return drain(out.get());
}

bool verify_detached_cms_by(std::string_view content, std::string_view der, const std::string& certificate_pem) {
  auto in = memory(der);
  CmsPtr cms(d2i_CMS_bio(in.get(), nullptr));
  auto cert = read_certificate(certificate_pem);
  if (!cms || !cert) return false;
  X509Stack certs(sk_X509_new_null());
  sk_X509_push(certs.get(), cert.release());
  auto data = memory(content);
  const unsigned flags = CMS_BINARY | CMS_DETACHED | CMS_NO_SIGNER_CERT_VERIFY | CMS_NOINTERN;
  return CMS_verify(cms.get(), certs.get(), nullptr, data.get(), nullptr, flags) == 1;
}

namespace {

X509Ptr new_certificate(EVP_PKEY* key, std::int64_t serial, core::UnixSeconds not_before, core::UnixSeconds not_after) {
  X509Ptr cert(X509_new());
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set_int64(X509_get_serialNumber(cert.get()), serial);
  ASN1_TIME_set(X509_getm_notBefore(cert.get()), static_cast<time_t>(not_before));
  ASN1_TIME_set(X509_getm_notAfter(cert.get()), static_cast<time_t>(not_after));
  X509_set_pubkey(cert.get(), key);
  return cert;
}

KeyPtr new_key() {
  KeyPtr key(EVP_EC_gen("P-256"));
  if (!key) openssl_failure("EVP_EC_gen");
  return key;
}

std::int64_t random_serial() {
  unsigned char bytes[6];
  if (RAND_bytes(bytes, sizeof bytes) != 1) openssl_failure("RAND_bytes");
  std::int64_t v = 0;
  for (unsigned char b : bytes) v = (v << 8) | b;
  return v + 1;
}

}  // namespace

KeyAndCertificate make_self_signed(const std::string& common_name, core::UnixSeconds not_before,
                                   core::UnixSeconds not_after, bool is_ca) {
  auto key = new_key();
  auto cert = new_certificate(key.get(), random_serial(), not_before, not_after);
  X509_NAME* name = X509_get_subject_name(cert.get());
  add_name(name, "C", "VN");
  add_name(name, "CN", common_name);
  X509_set_issuer_name(cert.get(), name);
  add_extension(cert.get(), cert.get(), NID_basic_constraints, is_ca ? "critical,CA:TRUE" : "critical,CA:FALSE");
  add_extension(cert.get(), cert.get(), NID_key_usage,
                is_ca ? "critical,keyCertSign,cRLSign,digitalSignature" : "critical,digitalSignature,nonRepudiation");
  add_extension(cert.get(), cert.get(), NID_subject_key_identifier, "hash");
  if (X509_sign(cert.get(), key.get(), EVP_sha256()) == 0) openssl_failure("X509_sign");
  return {key_pem(key.get()), pem_of(cert.get())};
}

KeyAndCertificate issue_certificate(const KeyAndCertificate& ca, const std::string& common_name,
                                    const std::string& tax_code, std::int64_t serial, core::UnixSeconds not_before,
                                    core::UnixSeconds not_after, const std::string& crl_url) {
  auto ca_key = read_key(ca.key_pem);
  auto ca_cert = read_certificate(ca.certificate_pem);
  if (!ca_cert) invalid("INVALID_CERTIFICATE", "Chứng thư CA không đọc được.");
  auto key = new_key();
  auto cert = new_certificate(key.get(), serial, not_before, not_after);
  X509_NAME* name = X509_get_subject_name(cert.get());
  add_name(name, "C", "VN");
  add_name(name, "CN", common_name);
  if (!tax_code.empty()) add_name(name, "UID", "MST:" + tax_code);
  X509_set_issuer_name(cert.get(), X509_get_subject_name(ca_cert.get()));
  add_extension(cert.get(), ca_cert.get(), NID_basic_constraints, "critical,CA:FALSE");
  add_extension(cert.get(), ca_cert.get(), NID_key_usage, "critical,digitalSignature,nonRepudiation");
  if (!crl_url.empty()) add_extension(cert.get(), ca_cert.get(), NID_crl_distribution_points, ("URI:" + crl_url).c_str());
  if (X509_sign(cert.get(), ca_key.get(), EVP_sha256()) == 0) openssl_failure("X509_sign");
  return {key_pem(key.get()), pem_of(cert.get())};
}

std::string make_crl(const KeyAndCertificate& ca, const std::vector<std::int64_t>& revoked_serials,
                     core::UnixSeconds this_update) {
  auto ca_key = read_key(ca.key_pem);
  auto ca_cert = read_certificate(ca.certificate_pem);
  if (!ca_cert) invalid("INVALID_CERTIFICATE", "Chứng thư CA không đọc được.");
  CrlPtr crl(X509_CRL_new());
  X509_CRL_set_version(crl.get(), 1);
  X509_CRL_set_issuer_name(crl.get(), X509_get_subject_name(ca_cert.get()));
  ASN1_TIME* last = ASN1_TIME_set(nullptr, static_cast<time_t>(this_update));
  ASN1_TIME* next = ASN1_TIME_set(nullptr, static_cast<time_t>(this_update + 30 * 86400));
  X509_CRL_set1_lastUpdate(crl.get(), last);
  X509_CRL_set1_nextUpdate(crl.get(), next);
  for (const auto serial : revoked_serials) {
    X509_REVOKED* entry = X509_REVOKED_new();
    ASN1_INTEGER* number = ASN1_INTEGER_new();
    ASN1_INTEGER_set_int64(number, serial);
    X509_REVOKED_set_serialNumber(entry, number);
    X509_REVOKED_set_revocationDate(entry, last);
    X509_CRL_add0_revoked(crl.get(), entry);
    ASN1_INTEGER_free(number);
  }
  ASN1_TIME_free(last);
  ASN1_TIME_free(next);
  X509_CRL_sort(crl.get());
  if (X509_CRL_sign(crl.get(), ca_key.get(), EVP_sha256()) == 0) openssl_failure("X509_CRL_sign");
  Bio bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_X509_CRL(bio.get(), crl.get());
  return drain(bio.get());
}

bool crl_signed_by_anchor(const std::string& crl_pem, const std::vector<std::string>& anchor_pems) {
  auto crl = read_crl(crl_pem);
  if (!crl) return false;
  for (const auto& pem : anchor_pems) {
    auto anchor = read_certificate(pem);
    if (!anchor || X509_NAME_cmp(X509_get_subject_name(anchor.get()), X509_CRL_get_issuer(crl.get())) != 0) continue;
    EVP_PKEY* key = X509_get0_pubkey(anchor.get());
    if (key && X509_CRL_verify(crl.get(), key) == 1) return true;
  }
  return false;
}

std::vector<std::string> crl_distribution_points(const std::string& certificate_pem) {
  std::vector<std::string> urls;
  auto cert = read_certificate(certificate_pem);
  if (!cert) return urls;
  auto* points = static_cast<CRL_DIST_POINTS*>(X509_get_ext_d2i(cert.get(), NID_crl_distribution_points, nullptr, nullptr));
  if (!points) return urls;
  for (int i = 0; i < sk_DIST_POINT_num(points); ++i) {
    const DIST_POINT* point = sk_DIST_POINT_value(points, i);
    if (!point->distpoint || point->distpoint->type != 0) continue;  // 0: a full name (GENERAL_NAMES)
    const GENERAL_NAMES* names = point->distpoint->name.fullname;
    for (int j = 0; j < sk_GENERAL_NAME_num(names); ++j) {
      const GENERAL_NAME* name = sk_GENERAL_NAME_value(names, j);
      if (name->type != GEN_URI) continue;
      const ASN1_IA5STRING* uri = name->d.uniformResourceIdentifier;
      std::string url(reinterpret_cast<const char*>(ASN1_STRING_get0_data(uri)), static_cast<std::size_t>(ASN1_STRING_length(uri)));
      if (url.rfind("http://", 0) == 0) urls.push_back(url);
    }
  }
  CRL_DIST_POINTS_free(points);
  return urls;
}

CertificateInfo check_signing_identity(const KeyAndCertificate& identity, core::UnixSeconds now) {
  auto key = read_key(identity.key_pem);
  auto cert = read_certificate(identity.certificate_pem);
  if (!cert) invalid("INVALID_CERTIFICATE", "Chứng thư số của cơ quan hải quan không đọc được (cần X.509 dạng PEM).");
  if (X509_check_private_key(cert.get(), key.get()) != 1)
    invalid("SIGNING_KEY_MISMATCH", "Khóa bí mật không phải khóa của chứng thư số đã cho.");
  auto info = info_of(cert.get());
  if (now < info.not_before || now > info.not_after)
    invalid("INVALID_CERTIFICATE", "Chứng thư số của cơ quan hải quan không còn (hoặc chưa có) hiệu lực tại thời điểm cài đặt.");
  if (X509_check_ca(cert.get()) != 0)
    invalid("INVALID_CERTIFICATE", "Chứng thư số ký kết quả không được là chứng thư của CA.");
  const std::uint32_t usage = X509_get_key_usage(cert.get());
  if (usage != UINT32_MAX && !(usage & (KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION)))
    invalid("INVALID_CERTIFICATE", "Chứng thư số không cho phép ký số (keyUsage thiếu digitalSignature/nonRepudiation).");
  return info;
}

}  // namespace hq::eservices
