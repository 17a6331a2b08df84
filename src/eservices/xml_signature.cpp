#include "eservices/xml_signature.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <xmlsec/crypto.h>
#include <xmlsec/openssl/x509.h>
#include <xmlsec/templates.h>
#include <xmlsec/xmldsig.h>
#include <xmlsec/xmlsec.h>
#include <xmlsec/xmltree.h>

#include <memory>
#include <mutex>

#include "core/error.h"

namespace hq::eservices {

namespace {

void init_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    xmlInitParser();
    if (xmlSecInit() < 0 || xmlSecCryptoAppInit(nullptr) < 0 || xmlSecCryptoInit() < 0)
      throw core::Error(core::ErrorKind::Unavailable, "CRYPTO_FAILURE", "Không khởi tạo được thư viện chữ ký XML.");
  });
}

struct DocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using Doc = std::unique_ptr<xmlDoc, DocFree>;
struct CtxFree {
  void operator()(xmlSecDSigCtx* c) const { xmlSecDSigCtxDestroy(c); }
};
using Ctx = std::unique_ptr<xmlSecDSigCtx, CtxFree>;
struct MngrFree {
  void operator()(xmlSecKeysMngr* m) const { xmlSecKeysMngrDestroy(m); }
};

// No network, no external entities or DTD loading: a document cannot make the server fetch anything.
Doc parse(std::string_view xml) {
  if (xml.size() > 64u * 1024 * 1024) return nullptr;
  return Doc(xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "document.xml", nullptr,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
}

xmlNode* signature_node(xmlDoc* doc) {
  xmlNode* root = xmlDocGetRootElement(doc);
  return root ? xmlSecFindNode(root, xmlSecNodeSignature, xmlSecDSigNs) : nullptr;
}

std::string pem_of(X509* cert) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  PEM_write_bio_X509(bio.get(), cert);
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return size > 0 ? std::string(data, static_cast<std::size_t>(size)) : std::string();
}

}  // namespace

bool has_xml_signature(std::string_view bytes) {
  const auto first = bytes.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (first == std::string_view::npos || bytes[first] != '<') return false;
  init_once();
  const Doc doc = parse(bytes);
  return doc && signature_node(doc.get());
}

CmsCheck check_enveloped_xml(std::string_view xml) {
  init_once();
  CmsCheck check;
  const Doc doc = parse(xml);
  xmlNode* node = doc ? signature_node(doc.get()) : nullptr;
  if (!node) return check;
  std::unique_ptr<xmlSecKeysMngr, MngrFree> mngr(xmlSecKeysMngrCreate());
  if (!mngr || xmlSecCryptoAppDefaultKeysMngrInit(mngr.get()) < 0) return check;
  Ctx ctx(xmlSecDSigCtxCreate(mngr.get()));
  if (!ctx) return check;
  // The key comes from the certificate in KeyInfo; whether that certificate is trusted is decided by the
  // caller's TrustStore (installed anchors and CRLs), as for CMS.
  ctx->keyInfoReadCtx.flags |= XMLSEC_KEYINFO_FLAGS_X509DATA_DONT_VERIFY_CERTS;
  if (xmlSecDSigCtxVerify(ctx.get(), node) < 0 || ctx->status != xmlSecDSigStatusSucceeded || !ctx->signKey)
    return check;
  xmlSecKeyDataPtr data = xmlSecKeyGetData(ctx->signKey, xmlSecOpenSSLKeyDataX509Id);
  X509* cert = data ? xmlSecOpenSSLKeyDataX509GetKeyCert(data) : nullptr;
  if (!cert) return check;
  check.signer = certificate_info(pem_of(cert));
  check.valid = true;
  return check;
}

std::string sign_enveloped_xml(std::string_view xml, const KeyAndCertificate& signer) {
  init_once();
  const Doc doc = parse(xml);
  xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
  if (!root) throw core::Error(core::ErrorKind::BadInput, "INVALID_XML", "Tài liệu không phải XML hợp lệ.");
  const bool ec = signer.key_pem.find("EC PRIVATE KEY") != std::string::npos ||
                  signer.key_pem.find("BEGIN PRIVATE KEY") != std::string::npos;
  xmlNode* sig = xmlSecTmplSignatureCreate(doc.get(), xmlSecTransformExclC14NId,
                                           ec ? xmlSecTransformEcdsaSha256Id : xmlSecTransformRsaSha256Id, nullptr);
  xmlAddChild(root, sig);
  xmlNode* ref = xmlSecTmplSignatureAddReference(sig, xmlSecTransformSha256Id, nullptr,
                                                 reinterpret_cast<const xmlChar*>(""), nullptr);
  xmlSecTmplReferenceAddTransform(ref, xmlSecTransformEnvelopedId);
  xmlNode* key_info = xmlSecTmplSignatureEnsureKeyInfo(sig, nullptr);
  xmlSecTmplX509DataAddCertificate(xmlSecTmplKeyInfoAddX509Data(key_info));
  Ctx ctx(xmlSecDSigCtxCreate(nullptr));
  ctx->signKey = xmlSecCryptoAppKeyLoadMemory(reinterpret_cast<const xmlSecByte*>(signer.key_pem.data()),
                                              static_cast<xmlSecSize>(signer.key_pem.size()), xmlSecKeyDataFormatPem,
                                              nullptr, nullptr, nullptr);
  if (!ctx->signKey ||
      xmlSecCryptoAppKeyCertLoadMemory(ctx->signKey, reinterpret_cast<const xmlSecByte*>(signer.certificate_pem.data()),
                                       static_cast<xmlSecSize>(signer.certificate_pem.size()),
                                       xmlSecKeyDataFormatPem) < 0 ||
      xmlSecDSigCtxSign(ctx.get(), sig) < 0)
    throw core::Error(core::ErrorKind::Unavailable, "CRYPTO_FAILURE", "Không ký được tài liệu XML.");
  xmlChar* out = nullptr;
  int size = 0;
  xmlDocDumpMemory(doc.get(), &out, &size);
  std::string text(reinterpret_cast<const char*>(out), static_cast<std::size_t>(size));
  xmlFree(out);
  return text;
}

}  // namespace hq::eservices
