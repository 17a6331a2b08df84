#pragma once
// HTTP routes of the online public services under /api/v1/eservices (contract in shared/spec/eservices.md).
#include "eservices/service.h"
#include "http/router.h"

namespace hq::eservices {

void add_eservices_routes(http::Router& router, EServicesService& service);

// JSON shapes shared by the route files (routes_json.cpp).
nlohmann::json procedure_json(const ProcedureView& v);
nlohmann::json dossier_json(const DossierView& v);
nlohmann::json certificate_json(const store::Certificate& c);
// Documents of a request body: [{"name","content_base64","signature_base64"?}] (400 naming the field).
// Takes the documents out of `body` (their base64 is moved, not copied).
// With `lifted` (Request::json_body_leaving(…, "content_base64")), a content left as a placeholder is decoded
// straight from the request's text.
std::vector<IncomingDocument> documents_from(nlohmann::json& body, const http::LiftedJson* lifted = nullptr);
std::string xlsx_stats(const std::vector<StatLine>& lines, const std::string& title);

void add_catalogue_routes(http::Router& router, EServicesService& service);
void add_dossier_routes(http::Router& router, EServicesService& service);
// Letters and dispatch of a dossier, trust anchors, CRLs and the signing identity (routes_admin.cpp).
void add_admin_routes(http::Router& router, EServicesService& service);
class CrlRefreshJob;
// The CRL distribution points as the refresh job last found them, and a run on demand (routes_admin.cpp).
void add_crl_job_routes(http::Router& router, EServicesService& service, CrlRefreshJob& job);

}  // namespace hq::eservices
