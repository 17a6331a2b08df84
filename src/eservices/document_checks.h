#pragma once
// Checks of the documents an applicant sends (submission and supplement), inside the service's transaction:
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
  std::string content_base64;
};

std::vector<CheckedDocument> check_documents(soci::session& sql, const store::Applicant& applicant,
                                             const std::optional<ProcedureSettings>& settings,
                                             const std::vector<IncomingDocument>& documents, const Limits& limits,
                                             core::UnixSeconds now);
// Names of the procedure's required documents that are not among `documents`.
std::vector<std::string> missing_documents(const std::optional<ProcedureSettings>& settings,
                                           const std::vector<IncomingDocument>& documents);

}  // namespace hq::eservices
