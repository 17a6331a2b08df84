#pragma once
// SQL of the online public services: procedure settings, assignment configuration, applicants, trust
// anchors, CRLs, certificates, documents (one row per SHA-256), dossiers, their documents and steps,
// payments, results, the server's signing identity and helpdesk requests. No rules here: callers decide.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <soci/soci.h>

#include "eservices/catalogue.h"

namespace hq::eservices::store {

// ---- catalogue settings and assignment (store_catalogue.cpp) ----
std::map<std::string, ProcedureSettings> all_settings(soci::session& sql);
std::optional<ProcedureSettings> find_settings(soci::session& sql, const std::string& code);
void save_settings(soci::session& sql, const std::string& code, const ProcedureSettings& s, const std::string& by,
                   std::int64_t now);

struct Assignment {
  int mode = 5;
  std::vector<std::string> officers;
};
std::optional<Assignment> find_assignment(soci::session& sql, const std::string& unit_code,
                                          const std::string& procedure_code);
void save_assignment(soci::session& sql, const std::string& unit_code, const std::string& procedure_code,
                     const Assignment& a, const std::string& by, std::int64_t now);
// Open (not closed) dossiers assigned to each of `usernames`, in that order.
std::vector<std::int64_t> open_counts(soci::session& sql, const std::vector<std::string>& usernames);

// ---- applicants, anchors, CRLs, certificates, signing keys (store_applicants.cpp) ----
struct Applicant {
  std::int64_t account_id = 0;
  std::string username, kind, tax_code, id_number, name;
};
void insert_applicant(soci::session& sql, const Applicant& a, std::int64_t now);
std::optional<Applicant> find_applicant(soci::session& sql, std::int64_t account_id);
bool tax_code_taken(soci::session& sql, const std::string& tax_code);

void insert_anchor(soci::session& sql, const std::string& fingerprint, const std::string& subject,
                   const std::string& pem, const std::string& by, std::int64_t now);
bool anchor_exists(soci::session& sql, const std::string& fingerprint);
std::vector<std::string> anchor_pems(soci::session& sql);
std::vector<std::string> crl_pems(soci::session& sql);

struct Certificate {
  std::int64_t id = 0, account_id = 0;
  std::string fingerprint, serial, subject, issuer, tax_code, pem, status = "ACTIVE";
  std::int64_t not_before = 0, not_after = 0, created_at = 0;
};
void insert_certificate(soci::session& sql, const Certificate& c);
std::optional<Certificate> find_certificate(soci::session& sql, const std::string& fingerprint);
std::vector<Certificate> certificates_of(soci::session& sql, std::int64_t account_id);

struct SigningKey {
  std::string key_pem, certificate_pem;
};
std::optional<SigningKey> current_signing_key(soci::session& sql);
void insert_signing_key(soci::session& sql, const SigningKey& k, const std::string& by, std::int64_t now);

// ---- documents and dossiers (store_dossiers.cpp) ----
// Stores the bytes once per SHA-256 (a second dossier with the same file adds no copy), raw (BLOB / bytea,
// migration 0307), all of one submission in one statement.
struct Blob {
  std::string sha256;
  std::string_view content;  // the document's bytes, not copied
};
void ensure_blobs(soci::session& sql, const std::vector<Blob>& blobs, std::int64_t now);
// The stored bytes (rows written before 0307 hold base64 text instead: decoded here); nullopt when missing
// or not decodable.
std::optional<std::string> blob_bytes(soci::session& sql, const std::string& sha256);

struct Dossier {
  std::int64_t id = 0;
  std::string number, procedure_code;
  std::int64_t unit_id = 0;
  std::string unit_code, unit_name, unit_path;
  std::int64_t applicant_id = 0;
  std::string applicant_username, applicant_name;
  std::string status;
  int mode = 5;
  std::string holder, assignee, officer;  // "" = nobody
  std::int64_t submitted_at = 0, received_at = 0, due_at = 0;
  std::optional<std::int64_t> paused_at;
  std::string missing;  // JSON array of what the supplement request lists
  std::int64_t fee = 0;
  std::optional<std::int64_t> paid_at, closed_at;
  std::string receipt_no, result_number;
  std::int64_t supplements = 0;  // supplement requests so far (statistics)
  std::int64_t version = 0, created_at = 0, updated_at = 0;
};
// d.number may be a unique placeholder: the real number needs the id (set_number right after).
std::int64_t insert_dossier(soci::session& sql, const Dossier& d);
void set_number(soci::session& sql, std::int64_t id, const std::string& number);
std::optional<Dossier> find_dossier(soci::session& sql, std::int64_t id);
// Writes every mutable field of `next` when the stored dossier still has `next.version`; false when another
// change came first (the caller answers 409).
bool update_dossier(soci::session& sql, const Dossier& next, std::int64_t now);

struct DossierQuery {
  std::optional<std::int64_t> applicant_id;  // an applicant's own dossiers
  std::string unit_path_prefix;              // officers: units in their scope
  std::string status, procedure_code, assignee;
  std::optional<std::int64_t> due_before;    // overdue: open and due before this instant
  bool open_only = false;
  std::int64_t offset = 0, limit = 20;
};
std::vector<Dossier> list_dossiers(soci::session& sql, const DossierQuery& q, std::int64_t& total);
// The unit paths under `unit_path_prefix` ("/1/4/") as the byte range [low, high) (columns compared as "C").
std::pair<std::string, std::string> scope_range(const std::string& unit_path_prefix);

struct Document {
  std::int64_t id = 0, dossier_id = 0, round = 0, size = 0;
  std::string name, sha256, signature_base64;
  std::optional<bool> signature_valid;
  std::string signer_tax_code, signer_serial;
};
void insert_document(soci::session& sql, const Document& d, std::int64_t now);
std::vector<Document> documents_of(soci::session& sql, std::int64_t dossier_id);

struct Step {
  std::int64_t id = 0, dossier_id = 0, at = 0;
  std::string username, action, from_status, to_status, comment, details = "{}";
};
void insert_step(soci::session& sql, const Step& s);
std::vector<Step> steps_of(soci::session& sql, std::int64_t dossier_id);

// ---- payments, results, statistics (store_results.cpp) ----
struct Payment {
  std::string order_id;
  std::int64_t dossier_id = 0, amount = 0, created_at = 0;
  std::string status = "PENDING", transaction_id;
  std::optional<std::int64_t> paid_at;
};
void insert_payment(soci::session& sql, const Payment& p);
std::optional<Payment> find_payment(soci::session& sql, const std::string& order_id);
// PENDING → PAID once; false when it was not pending any more.
bool mark_paid(soci::session& sql, const std::string& order_id, const std::string& transaction_id, std::int64_t now);

struct Result {
  std::string number;
  std::int64_t dossier_id = 0, issued_at = 0;
  std::string issued_by, sha256, content_base64, signature_base64, certificate_pem;
  std::string dossier_number;
};
void insert_result(soci::session& sql, const Result& r);
std::optional<Result> find_result(soci::session& sql, const std::string& number);
std::optional<Result> result_of(soci::session& sql, std::int64_t dossier_id);
std::optional<Result> find_result_by_sha256(soci::session& sql, const std::string& sha256);

// ---- statistics (store_stats.cpp), read from counters kept on every transition (stats_rollup.h) ----
// Counts per unit and procedure of the dossiers of units under `unit_path_prefix` touching [from, to)
// (received before `to`, not closed before `from`); "in progress" is judged at min(to, now). `from` and
// `to` are Vietnam-local midnights.
struct StatCounts {
  std::string unit_code, procedure_code;
  std::int64_t received = 0, carried_over = 0, on_time = 0, late = 0, supplement = 0, refused = 0,
               in_progress_on_time = 0, in_progress_overdue = 0;
};
std::vector<StatCounts> stat_counts(soci::session& sql, const std::string& unit_path_prefix, std::int64_t from,
                                    std::int64_t to, std::int64_t now);
// A change of the counters of one local day (days since 1970-01-01, UTC+7), unit and procedure.
struct StatKey {
  std::int64_t day = 0, unit_id = 0;
  std::string procedure_code;
  auto operator<=>(const StatKey&) const = default;
};
struct StatDelta {
  std::int64_t received = 0, refused = 0, on_time = 0, late = 0, supplemented = 0, closed_supplemented = 0;
  bool zero() const { return !received && !refused && !on_time && !late && !supplemented && !closed_supplemented; }
};
// Adds the changes to the day counters and to their block of 16 days, in key order (no deadlock between
// two transactions changing the same rows).
void add_stat_counts(soci::session& sql, const std::map<StatKey, StatDelta>& changes);
// Counters recomputed from the dossiers (bulk loads: bench/eservices_generate).
void rebuild_stat_rollups(soci::session& sql);

// ---- trust anchors and CRLs as listed for the administrator (store_trust.cpp) ----
struct AnchorRow {
  std::int64_t id = 0;
  std::string fingerprint, subject, pem, created_by;
  std::int64_t created_at = 0;
};
std::vector<AnchorRow> list_anchors(soci::session& sql);
struct CrlRow {
  std::int64_t id = 0;
  std::string issuer, source = "UPLOAD", pem;  // source: UPLOAD (administrator) | FETCH (refresh job)
  std::int64_t this_update = 0;
  std::optional<std::int64_t> next_update;
  std::int64_t revoked = 0, created_at = 0;
};
std::vector<CrlRow> list_crls(soci::session& sql);
std::optional<CrlRow> crl_of_issuer(soci::session& sql, const std::string& issuer);
// One CRL per issuer: `c` replaces whatever the issuer had.
void replace_crl(soci::session& sql, const CrlRow& c);
// The registered certificates still ACTIVE (the refresh job reads their CRL distribution points).
std::vector<std::string> active_certificate_pems(soci::session& sql);

// What the refresh job's last attempt at each distribution point did (store_crl_sources.cpp).
struct CrlSource {
  std::string url, issuer, outcome;  // outcome: INSTALLED | UNCHANGED | FAILED
  std::string error;                 // "" unless FAILED
  std::int64_t failures = 0;         // failed attempts in a row
  std::int64_t last_attempt_at = 0;
  std::optional<std::int64_t> last_success_at;
};
// Records one attempt: a success resets the failures and sets the issuer; a failure keeps both.
void record_crl_source(soci::session& sql, const std::string& url, const std::string& outcome,
                       const std::string& issuer, const std::string& error, std::int64_t now);
std::vector<CrlSource> list_crl_sources(soci::session& sql);

// ---- refusal letters and paper result dispatch (store_letters.cpp) ----
struct Letter {
  std::int64_t id = 0, dossier_id = 0;
  std::string kind = "REFUSAL", number, reason, body, status = "DRAFT", drafted_by, decided_by;
  std::int64_t drafted_at = 0;
  std::optional<std::int64_t> decided_at;
};
std::int64_t insert_letter(soci::session& sql, const Letter& l);
std::vector<Letter> letters_of(soci::session& sql, std::int64_t dossier_id);
std::optional<Letter> draft_letter_of(soci::session& sql, std::int64_t dossier_id);
// DRAFT → `status` (ISSUED with `number`, WITHDRAWN by a leader's return, RECALLED by its author); false when the letter was no longer a draft.
bool decide_letter(soci::session& sql, std::int64_t id, const std::string& status, const std::string& number,
                   const std::string& by, std::int64_t now);

struct Dispatch {
  std::int64_t dossier_id = 0, dispatched_at = 0;
  std::string method, reference, note, dispatched_by;
};
void insert_dispatch(soci::session& sql, const Dispatch& d);
std::optional<Dispatch> dispatch_of(soci::session& sql, std::int64_t dossier_id);

}  // namespace hq::eservices::store
