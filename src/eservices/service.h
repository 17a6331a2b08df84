#pragma once
// Use cases of the online public services (HQ36a). Each write runs in one transaction, checks roles and
// unit scope, changes a dossier only from the state it was read in (version check: 409 WRONG_STATE when
// another change came first), and writes one dossier step and one processing-history entry per change.
// Applicants (accounts registered through the portal) see only their own dossiers and may not use officer
// functions; officers see only dossiers of units in their scope and may not act as applicants.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/calendar.h"
#include "core/principal.h"
#include "db/database.h"
#include "eservices/catalogue.h"
#include "eservices/rules.h"
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
  std::string base64;                    // the bytes' canonical base64 when they arrived as such (stored as is)
};

struct DossierView {
  store::Dossier dossier;
  std::vector<store::Document> documents;
  std::vector<store::Step> steps;
  std::int64_t remaining_seconds = 0;
  std::string remaining_label;
  const AnnexRow* procedure = nullptr;
};
struct DossierPage {
  std::vector<DossierView> items;  // without documents and steps
  std::int64_t total = 0;
};

struct PaymentStart {
  std::string order_id, redirect_url;
  std::int64_t amount = 0;
};

using StatLine = store::StatCounts;

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
                     const std::vector<IncomingDocument>& documents);
  DossierPage dossiers(const core::Principal& caller, store::DossierQuery query, bool overdue);
  DossierView dossier(const core::Principal& caller, std::int64_t id);
  // A stored document's bytes (the caller must see the dossier).
  std::pair<store::Document, std::string> document(const core::Principal& caller, std::int64_t id,
                                                   std::int64_t document_id);
  DossierView supplement(const core::Principal& caller, std::int64_t id,
                         const std::vector<IncomingDocument>& documents, const std::string& note);

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

  Limits limits;

 private:
  core::WorkingCalendar calendar(soci::session& sql);
  DossierView view(soci::session& sql, const store::Dossier& d, bool with_details);
  store::Dossier visible_dossier(soci::session& sql, const core::Principal& caller, std::int64_t id);
  // Writes `next` (from `before`), one step and one history entry; 409 WRONG_STATE when it changed meanwhile.
  void record(soci::session& sql, const core::Principal& caller, const store::Dossier& before, store::Dossier next,
              const std::string& action, const std::string& comment, const nlohmann::json& details = {});
  std::string payment_key(soci::session& sql);

  db::Database& db_;
};

[[noreturn]] void wrong_state(const store::Dossier& d, const std::string& action);

}  // namespace hq::eservices
