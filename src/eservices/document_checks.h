#pragma once
// Checks of the documents an applicant sends (submission and supplement), inside the service's transaction
// (what needs only the bytes before it: examine_documents):
// limits, names, and for enterprises the detached CMS signature of every document that needs one — content,
// signer's tax code, registered and active certificate, chain to an installed anchor, validity, CRL (art. 7.1.a).
// Citizens' documents are not checked (a.2). Each refusal names the document in details.document.
#include <string>
#include <vector>

#include <soci/soci.h>

#include "eservices/service.h"

namespace hq::eservices {

struct CheckedDocument {
  store::Document row;  // dossier_id and round set by the caller
  std::string content;  // the bytes, stored as they are
};

// The work on the bytes alone (SHA-256 once, and for an enterprise each signature's check: CMS over that
// digest, or the XML signature), before the write transaction: the writers' lock (SQLite) is then held
// only for the rules that read the database. `enterprise`: the applicant's kind, as check_documents sees it.
struct ExaminedDocument {
  std::string sha256;                      // hex
  std::optional<CmsCheck> signature_check;  // enterprise: the CMS or XML signature's check, when it has one
};
std::vector<ExaminedDocument> examine_documents(const std::vector<IncomingDocument>& documents, bool enterprise);
// Every rule, in order, with what examine_documents found (`examined[i]` for `documents[i]`). The documents'
// bytes are moved into the result.
std::vector<CheckedDocument> check_documents(soci::session& sql, const store::Applicant& applicant,
                                             const std::optional<ProcedureSettings>& settings,
                                             std::vector<IncomingDocument>& documents,
                                             const std::vector<ExaminedDocument>& examined, const Limits& limits,
                                             core::UnixSeconds now);
// Names of the procedure's required documents that are not among `documents`.
std::vector<std::string> missing_documents(const std::optional<ProcedureSettings>& settings,
                                           const std::vector<IncomingDocument>& documents);

}  // namespace hq::eservices
