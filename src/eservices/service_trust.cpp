// Trust anchors and CRLs as the administrator sees them, the CRL refresh job, and the customs authority's
// signing identity (installed with `haiquan eservices install-signing-key`).
#include <set>

#include "core/error.h"
#include "eservices/service.h"
#include "history/history_store.h"

namespace hq::eservices {

namespace {
void require_platform_admin(const core::Principal& caller, const std::string& what) {
  if (!caller.is_platform_admin()) core::forbidden("Chỉ quản trị hệ thống (Tổng cục) được xem " + what + ".");
}
}  // namespace

bool EServicesService::install_crl(soci::session& sql, const std::string& pem, const std::string& source) {
  const auto info = crl_info(pem);
  if (!crl_signed_by_anchor(pem, store::anchor_pems(sql)))
    core::bad_input("CRL_UNTRUSTED",
                    "CRL của " + info.issuer + " không do một chứng thư gốc tin cậy đã cài đặt ký: cài chứng thư gốc trước.",
                    {{"issuer", info.issuer}});
  if (const auto current = store::crl_of_issuer(sql, info.issuer)) {
    if (current->this_update > info.this_update)
      core::conflict("CRL_OUTDATED",
                     "CRL này (phát hành " + core::format_iso8601(info.this_update) + ") cũ hơn CRL đã cài của " +
                         info.issuer + " (phát hành " + core::format_iso8601(current->this_update) +
                         "): không thay CRL mới bằng CRL cũ.",
                     {{"issuer", info.issuer}});
    if (current->this_update == info.this_update) return false;  // the same CRL again
  }
  store::CrlRow row;
  row.issuer = info.issuer;
  row.source = source;
  row.pem = pem;
  row.this_update = info.this_update;
  row.next_update = info.next_update;
  row.revoked = info.revoked;
  row.created_at = core::now();
  store::replace_crl(sql, row);
  return true;
}

std::vector<store::AnchorRow> EServicesService::trust_anchors(const core::Principal& caller) {
  require_platform_admin(caller, "chứng thư gốc tin cậy");
  return db_.read([](soci::session& sql) { return store::list_anchors(sql); });
}

std::vector<store::CrlRow> EServicesService::crls(const core::Principal& caller) {
  require_platform_admin(caller, "danh sách chứng thư bị thu hồi");
  return db_.read([](soci::session& sql) { return store::list_crls(sql); });
}

CrlRefresh EServicesService::refresh_crls(const CrlFetcher& fetch) {
  std::set<std::string> urls;
  db_.read([&](soci::session& sql) {
    for (const auto& pem : store::anchor_pems(sql))
      for (auto& url : crl_distribution_points(pem)) urls.insert(url);
    for (const auto& pem : store::active_certificate_pems(sql))
      for (auto& url : crl_distribution_points(pem)) urls.insert(url);
  });
  CrlRefresh out;
  // What happened at each point is kept (eservices_crl_sources) for the administrator's trust store page.
  const auto note = [&](const std::string& url, const std::string& outcome, const std::string& issuer,
                        const std::string& error) {
    try {
      db_.transaction([&](soci::session& sql) { store::record_crl_source(sql, url, outcome, issuer, error, core::now()); });
    } catch (const std::exception& e) {  // the refresh itself is done; the next run records again
      out.failed.push_back(url + ": " + e.what());
    }
  };
  for (const auto& url : urls) {  // no transaction is held while fetching
    const auto fetched = fetch(url);
    if (!fetched.pem) {
      out.failed.push_back(url + ": " + fetched.error);
      note(url, "FAILED", "", fetched.error);
      continue;
    }
    try {
      const auto info = crl_info(*fetched.pem);
      const bool installed = db_.transaction([&](soci::session& sql) {
        if (!install_crl(sql, *fetched.pem, "FETCH")) return false;
        history::append_system(sql, {"eservices.crl.refresh", "eservices_crl", info.issuer,
                                     "Cập nhật CRL của " + info.issuer + " từ " + url + " (" +
                                         std::to_string(info.revoked) + " chứng thư bị thu hồi)"});
        return true;
      });
      (installed ? out.installed : out.unchanged).push_back(url + ": " + info.issuer);
      note(url, installed ? "INSTALLED" : "UNCHANGED", info.issuer, "");
    } catch (const core::Error& e) {
      // An older CRL than the installed one (a stale mirror) changes nothing; anything else is a failure.
      const bool outdated = e.code() == "CRL_OUTDATED";
      (outdated ? out.unchanged : out.failed).push_back(url + ": " + e.what());
      note(url, outdated ? "UNCHANGED" : "FAILED", "", outdated ? "" : e.what());
    }
  }
  return out;
}

std::vector<store::CrlSource> EServicesService::crl_sources(const core::Principal& caller) {
  require_trust_admin(caller);
  return db_.read([](soci::session& sql) { return store::list_crl_sources(sql); });
}

void EServicesService::require_trust_admin(const core::Principal& caller) {
  require_platform_admin(caller, "nguồn cập nhật danh sách chứng thư bị thu hồi");
}

CertificateInfo EServicesService::install_signing_key(const std::string& by, const KeyAndCertificate& identity) {
  const auto info = check_signing_identity(identity, core::now());
  // A result signed now must verify: sign and check once before the key is stored.
  const std::string probe = "haiquan signing key check";
  if (!verify_detached_cms_by(probe, sign_detached_cms(probe, identity), identity.certificate_pem))
    core::bad_input("SIGNING_KEY_MISMATCH", "Không ký thử được bằng khóa và chứng thư số đã cho.");
  db_.transaction([&](soci::session& sql) {
    store::insert_signing_key(sql, {identity.key_pem, info.pem}, by, core::now());
    history::append_system(sql, {"eservices.signing_key.install", "eservices_signing_key", info.fingerprint,
                                 "Cài đặt chứng thư số ký kết quả: " + info.subject + ", số hiệu " + info.serial +
                                     ", hiệu lực đến " + core::format_iso8601(info.not_after) + " (" + by + ")"});
  });
  return info;
}

std::optional<CertificateInfo> EServicesService::signing_identity(const core::Principal& caller) {
  require_platform_admin(caller, "chứng thư số ký kết quả");
  const auto key = db_.read([](soci::session& sql) { return store::current_signing_key(sql); });
  if (!key) return std::nullopt;
  return certificate_info(key->certificate_pem);
}

}  // namespace hq::eservices
