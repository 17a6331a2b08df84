#pragma once
// Use cases of the online public services (HQ36a). Each write runs in one transaction, checks roles and
// unit scope, changes a dossier only from the state it was read in (version check: 409 WRONG_STATE when
// another change came first), and writes one dossier step and one processing-history entry per change.
// Applicants (accounts registered through the portal) see only their own dossiers and may not use officer
// functions; officers see only dossiers of units in their scope and may not act as applicants.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/calendar.h"
#include "core/page.h"
#include "core/principal.h"
#include "db/database.h"
#include "eservices/catalogue.h"
#include "eservices/crl_fetch.h"
#include "eservices/rules.h"
#include "eservices/signatures.h"
#include "eservices/store.h"

namespace hq::eservices {

struct ProcedureView {
  const AnnexRow* row = nullptr;
  std::optional<ProcedureSettings> settings;
};
struct ProcedureFilter {
  std::string list, q;  // q: folded, accent-insensitive
  int level = 0;        // 0 = any
};

struct Registration {
  std::string kind, tax_code, id_number, name, username, password, email, phone;
};

struct IncomingDocument {
  std::string name, bytes;
  std::optional<std::string> signature;  // detached CMS, DER
};

struct DossierView {
  store::Dossier dossier;
  std::vector<store::Document> documents;
  std::vector<store::Step> steps;
  std::int64_t remaining_seconds = 0;
  std::string remaining_label;
  const AnnexRow* procedure = nullptr;
};
using DossierPage = core::Page<DossierView>;  // list rows: without documents and steps

struct PaymentStart {
  std::string order_id, redirect_url;
  std::int64_t amount = 0;
};

using StatLine = store::StatCounts;

// What a CRL refresh did, one line per distribution point (URL: what happened).
struct CrlRefresh {
  std::vector<std::string> installed, unchanged, failed;
};
using CrlFetcher = std::function<FetchedCrl(const std::string& url)>;

struct Limits {
  std::size_t max_document_bytes = 5 * 1024 * 1024;
  std::size_t max_dossier_bytes = 7 * 1024 * 1024;  // the request body limit is 10 MiB of base64
  std::size_t max_documents = 30;
};

class EServicesService {
 public:
  explicit EServicesService(db::Database& db) : db_(db) {}

  // ---- catalogue (service_catalogue.cpp) ----
  std::vector<ProcedureView> procedures(const ProcedureFilter& filter);
  ProcedureView procedure(const std::string& code);
  ProcedureView save_settings(const core::Principal& caller, const std::string& code, const ProcedureSettings& s);
  store::Assignment assignment(const core::Principal& caller, const std::string& unit_code,
                               const std::string& procedure_code);
  store::Assignment set_assignment(const core::Principal& caller, const std::string& unit_code,
                                   const std::string& procedure_code, const store::Assignment& a);

  // ---- applicants and certificates (service_applicants.cpp) ----
  store::Applicant register_applicant(const Registration& r);
  store::Applicant applicant(const core::Principal& caller);  // 403 for officers
  void require_staff(const core::Principal& caller);          // 403 for applicants and users without a role
  std::string add_trust_anchor(const core::Principal& caller, const std::string& pem);
  std::string add_crl(const core::Principal& caller, const std::string& pem);
  store::Certificate register_certificate(const core::Principal& caller, const std::string& pem);
  // Tests and the demo: a certificate registered without the checks (e.g. one that has expired since).
  void register_certificate_as_system(std::int64_t account_id, const std::string& pem);
  std::vector<store::Certificate> certificates(const core::Principal& caller);

  // ---- dossiers (service_dossiers.cpp) ----
  DossierView submit(const core::Principal& caller, const std::string& procedure_code, const std::string& unit_code,
                     std::vector<IncomingDocument> documents);
  DossierPage dossiers(const core::Principal& caller, store::DossierQuery query, bool overdue);
  DossierView dossier(const core::Principal& caller, std::int64_t id);
  // A stored document's bytes (the caller must see the dossier).
  std::pair<store::Document, std::string> document(const core::Principal& caller, std::int64_t id,
                                                   std::int64_t document_id);
  DossierView supplement(const core::Principal& caller, std::int64_t id,
                         std::vector<IncomingDocument> documents, const std::string& note);

  // ---- assignment (service_assignment.cpp) ----
  DossierView assign(const core::Principal& caller, std::int64_t id, const std::string& to);
  DossierView claim(const core::Principal& caller, std::int64_t id);
  DossierView transfer(const core::Principal& caller, std::int64_t id, const std::string& unit_code,
                       const std::string& reason);

  // ---- processing and approval (service_approval.cpp) ----
  DossierView request_supplement(const core::Principal& caller, std::int64_t id,
                                 const std::vector<std::string>& missing, const std::string& note);
  DossierView refuse(const core::Principal& caller, std::int64_t id, const std::string& reason);
  DossierView propose(const core::Principal& caller, std::int64_t id, const std::string& comment);
  DossierView approve(const core::Principal& caller, std::int64_t id, const std::string& comment);
  DossierView send_back(const core::Principal& caller, std::int64_t id, const std::string& comment);
  DossierView recall(const core::Principal& caller, std::int64_t id, const std::string& comment);
  DossierView apologize(const core::Principal& caller, std::int64_t id, core::UnixSeconds new_due_at,
                        const std::string& letter);

  // ---- fees and results (service_results.cpp) ----
  DossierView fee_notice(const core::Principal& caller, std::int64_t id, std::int64_t amount);
  DossierView record_payment(const core::Principal& caller, std::int64_t id, const std::string& receipt_no);
  PaymentStart start_payment(const core::Principal& caller, std::int64_t id);
  // The gateway's signed server callback; idempotent. Returns the dossier id.
  std::int64_t payment_callback(const nlohmann::json& body);
  // The sandbox gateway (tests and demo only): pays a signed order and calls the callback as a real gateway.
  nlohmann::json sandbox_pay(const std::string& order_id, std::int64_t amount, const std::string& signature);
  DossierView issue_result(const core::Principal& caller, std::int64_t id, const std::optional<std::string>& document);
  store::Result result(const core::Principal& caller, std::int64_t id);
  nlohmann::json verify_result(const std::string& number);
  nlohmann::json verify_result_upload(const std::string& content, const std::string& signature);

  // ---- statistics (service_stats.cpp) ----
  std::vector<StatLine> stats(const core::Principal& caller, const std::string& unit_code, const core::Date& from,
                              const core::Date& to);

  // ---- refusal letters and paper results (service_letters.cpp) ----
  // Art. 9.1.a: the officer drafts a refusal letter (not the unit's competence); it goes to the leaders as a
  // proposal, the last approval issues it (the dossier is refused), a return withdraws it.
  DossierView propose_refusal(const core::Principal& caller, std::int64_t id, const std::string& reason,
                              const std::string& letter);
  std::vector<store::Letter> letters(const core::Principal& caller, std::int64_t id);  // applicants: issued only
  // Art. 11.2: a paper result (procedures whose result form is PAPER) sent by post or handed over at the office.
  DossierView dispatch(const core::Principal& caller, std::int64_t id, const store::Dispatch& d);
  std::optional<store::Dispatch> dispatch_of(const core::Principal& caller, std::int64_t id);

  // ---- trust anchors, CRLs and the customs signing identity (service_trust.cpp) ----
  std::vector<store::AnchorRow> trust_anchors(const core::Principal& caller);
  std::vector<store::CrlRow> crls(const core::Principal& caller);
  // The background refresh: fetches the CRL of every distribution point named by the anchors and the active
  // registered certificates, installs each one that an anchor signed and that is newer than the installed one.
  // What happened at each point is recorded (crl_sources); crl_job.h runs it on a schedule in the server.
  CrlRefresh refresh_crls(const CrlFetcher& fetch);
  std::vector<store::CrlSource> crl_sources(const core::Principal& caller);  // platform.admin
  void require_trust_admin(const core::Principal& caller);                   // 403 unless platform.admin
  // `haiquan eservices install-signing-key`: the identity results are signed with from now on.
  CertificateInfo install_signing_key(const std::string& by, const KeyAndCertificate& identity);
  std::optional<CertificateInfo> signing_identity(const core::Principal& caller);

  Limits limits;

 private:
  // One CRL per issuer: signed by an installed anchor, not older than the installed one (409 CRL_OUTDATED).
  // Returns false when the same CRL was already installed.
  bool install_crl(soci::session& sql, const std::string& pem, const std::string& source);
  // At the last approval (`issue`) or a return: the dossier's draft refusal letter is issued (the dossier is
  // refused, `next` changed accordingly) or withdrawn. Returns the issued letter's number.
  std::optional<std::string> settle_letter(soci::session& sql, const core::Principal& caller, store::Dossier& next,
                                           bool issue);
  // The officer recalls the refusal letter they proposed by mistake: the draft becomes RECALLED (409 when the
  // leaders already decided it). Returns the letter's id.
  std::int64_t recall_letter(soci::session& sql, const core::Principal& caller, const store::Dossier& d);
  core::WorkingCalendar calendar(soci::session& sql);
  DossierView view(soci::session& sql, const store::Dossier& d, bool with_details);
  store::Dossier visible_dossier(soci::session& sql, const core::Principal& caller, std::int64_t id);
  // Writes `next` (from `before`), one step and one history entry; 409 WRONG_STATE when it changed meanwhile.
  void record(soci::session& sql, const core::Principal& caller, const store::Dossier& before, store::Dossier next,
              const std::string& action, const std::string& comment, const nlohmann::json& details = {});
  std::string payment_key(soci::session& sql);
  // A step of the officer processing the dossier (409 WRONG_STATE unless PROCESSING, 403 unless assigned to
  // `caller`): `change` turns a copy of the dossier into what it becomes and returns the step's details.
  DossierView officer_step(const core::Principal& caller, std::int64_t id, const std::string& action,
                           const std::string& comment, const std::function<nlohmann::json(store::Dossier&)>& change);

  db::Database& db_;
};

[[noreturn]] void wrong_state(const store::Dossier& d, const std::string& action);
// True when `username` is an active account holding `role` in the unit at `unit_path` or below it.
bool active_member(soci::session& sql, const std::string& username, const std::string& role,
                   const std::string& unit_path);

}  // namespace hq::eservices
