#pragma once
// Enveloped XML signatures (XMLDSig) with libxmlsec1 (OpenSSL backend): XML documents may carry one instead
// of a detached CMS signature (seed 002, art. 7.1.a.1). Only the signature's match with the document and
// the certificate in its KeyInfo are checked here; the chain, CRLs, validity and the tax code are checked
// by the caller exactly as for CMS. No SQL, no HTTP, no network (external entities are never loaded).
#include <string>
#include <string_view>

#include "eservices/signatures.h"

namespace hq::eservices {

// True when the bytes parse as XML and hold a ds:Signature element.
bool has_xml_signature(std::string_view bytes);
// valid/signer as for CMS (signing_time stays empty: XMLDSig has none).
CmsCheck check_enveloped_xml(std::string_view xml);
// Signs the whole document (Reference URI="", enveloped transform, exclusive C14N, ECDSA/RSA-SHA256) and
// puts the signer's certificate in KeyInfo. For tests and the demo.
std::string sign_enveloped_xml(std::string_view xml, const KeyAndCertificate& signer);

}  // namespace hq::eservices
