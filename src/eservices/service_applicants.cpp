#include "core/error.h"
#include "core/text.h"
#include "core/validation.h"
#include "eservices/service.h"
#include "eservices/signatures.h"
#include "history/history_store.h"
#include "identity/service.h"

namespace hq::eservices {

using core::Error;
using core::ErrorKind;

namespace {

[[noreturn]] void invalid(const std::string& field, const std::string& message) {
  core::bad_input("INVALID_FIELD", message, {{"field", field}});
}

[[noreturn]] void unprocessable(const std::string& code, const std::string& message, nlohmann::json details = {}) {
  throw Error(ErrorKind::Unprocessable, code, message, details.is_null() ? nlohmann::json::object() : details);
}

constexpr std::size_t kMaxPem = 64 * 1024;

void check_pem_size(const std::string& pem) {
  if (pem.empty() || pem.size() > kMaxPem) invalid("pem", "Nội dung PEM phải có và dài tối đa 64 KiB.");
}

}  // namespace

void EServicesService::require_staff(const core::Principal& caller) {
  if (!is_staff(caller))
    core::forbidden("Chức năng này dành cho công chức hải quan có vai trò dịch vụ công (eservices.*); tài khoản "
                    "người làm thủ tục không được sử dụng.");
}

store::Applicant EServicesService::applicant(const core::Principal& caller) {
  auto found = db_.read([&](soci::session& sql) { return store::find_applicant(sql, caller.account_id); });
  if (!found)
    core::forbidden("Chức năng này dành cho người làm thủ tục đã đăng ký trên Cổng dịch vụ công; công chức hải quan "
                    "không được nộp hồ sơ thay người làm thủ tục.");
  return *found;
}

store::Applicant EServicesService::register_applicant(const Registration& r) {
  store::Applicant a;
  a.kind = r.kind;
  a.name = core::trim(r.name);
  a.username = r.username;
  if (r.kind == "ENTERPRISE") {
    const auto code = core::parse_tax_code(r.tax_code);
    if (!code || code->kind == core::TaxCodeKind::Personal) {
      const auto problem = core::tax_code_problem(r.tax_code);
      invalid("tax_code", problem.empty() ? "Doanh nghiệp đăng ký bằng mã số thuế doanh nghiệp (10 hoặc 13 số)." : problem);
    }
    a.tax_code = code->canonical;
  } else if (r.kind == "CITIZEN") {
    if (!valid_id_number(r.id_number))
      invalid("id_number", "Số định danh cá nhân (CCCD) gồm 12 chữ số (hoặc CMND cũ 9 chữ số).");
    a.id_number = r.id_number;
  } else {
    invalid("kind", "Loại người làm thủ tục phải là ENTERPRISE (doanh nghiệp) hoặc CITIZEN (cá nhân).");
  }
  if (a.name.empty() || a.name.size() > 300 || !core::is_valid_utf8(a.name))
    invalid("name", "Tên doanh nghiệp hoặc họ tên cá nhân là bắt buộc (tối đa 300 byte UTF-8).");
  if (r.email.empty()) invalid("email", "Cần địa chỉ thư điện tử để nhận thông báo về hồ sơ.");
  db_.transaction([&](soci::session& sql) {
    if (!a.tax_code.empty() && store::tax_code_taken(sql, a.tax_code))
      core::conflict("TAX_CODE_TAKEN", "Mã số thuế " + a.tax_code + " đã được đăng ký trên Cổng dịch vụ công.",
                     {{"field", "tax_code"}});
    identity::AccountInput input{r.username, a.name, "00", "", "", r.phone, r.email, {}};
    a.account_id = identity::IdentityService(db_).create_applicant_account(sql, input, r.password, a.kind, a.tax_code);
    store::insert_applicant(sql, a, core::now());
  });
  return a;
}

std::string EServicesService::add_trust_anchor(const core::Principal& caller, const std::string& pem) {
  if (!caller.is_platform_admin()) core::forbidden("Chỉ quản trị hệ thống được cài đặt chứng thư gốc tin cậy.");
  check_pem_size(pem);
  const std::string subject = anchor_subject(pem);
  const auto info = certificate_info(pem);
  db_.transaction([&](soci::session& sql) {
    if (store::anchor_exists(sql, info.fingerprint))
      core::conflict("ANCHOR_EXISTS", "Chứng thư gốc " + subject + " đã được cài đặt.");
    store::insert_anchor(sql, info.fingerprint, subject, info.pem, caller.username, core::now());
    history::append(sql, caller, {"eservices.anchor.add", "eservices_anchor", info.fingerprint,
                                  "Cài đặt chứng thư gốc tin cậy " + subject});
  });
  return subject;
}

std::string EServicesService::add_crl(const core::Principal& caller, const std::string& pem) {
  if (!caller.is_platform_admin())
    core::forbidden("Chỉ quản trị hệ thống được cài đặt danh sách chứng thư bị thu hồi (CRL).");
  check_pem_size(pem);
  const auto info = crl_info(pem);
  db_.transaction([&](soci::session& sql) {
    if (install_crl(sql, pem, "UPLOAD"))
      history::append(sql, caller, {"eservices.crl.add", "eservices_crl", info.issuer,
                                    "Cài đặt CRL của " + info.issuer + " (" + std::to_string(info.revoked) +
                                        " chứng thư bị thu hồi)"});
  });
  return info.issuer;
}

store::Certificate EServicesService::register_certificate(const core::Principal& caller, const std::string& pem) {
  const auto me = applicant(caller);
  if (me.kind != "ENTERPRISE")
    core::forbidden("Chỉ doanh nghiệp đăng ký chứng thư số; hồ sơ của cá nhân không cần ký số (Điều 7.1.a.2).");
  check_pem_size(pem);
  const auto info = certificate_info(pem);
  if (info.tax_code != me.tax_code)
    unprocessable("TAX_CODE_MISMATCH",
                  "Chứng thư số cấp cho mã số thuế " + (info.tax_code.empty() ? std::string("(không có UID=MST:)") : info.tax_code) +
                      ", không phải mã số thuế " + me.tax_code + " của doanh nghiệp.",
                  {{"certificate_tax_code", info.tax_code}, {"tax_code", me.tax_code}});
  const auto now = core::now();
  store::Certificate c;
  db_.transaction([&](soci::session& sql) {
    const TrustStore trust(store::anchor_pems(sql), store::crl_pems(sql));
    switch (trust.verify(info.pem, now)) {
      case ChainStatus::Trusted: break;
      case ChainStatus::Revoked: unprocessable("CERTIFICATE_REVOKED", "Chứng thư số " + info.serial + " đã bị thu hồi.");
      case ChainStatus::Expired:
      case ChainStatus::NotYetValid:
        unprocessable("CERTIFICATE_EXPIRED", "Chứng thư số " + info.serial + " không còn (hoặc chưa) có hiệu lực.");
      case ChainStatus::Untrusted:
        unprocessable("CERTIFICATE_UNTRUSTED", "Chứng thư số " + info.serial + " (" + info.issuer +
                                                   ") không do tổ chức chứng thực được cơ quan hải quan công nhận cấp.");
    }
    if (store::find_certificate(sql, info.fingerprint))
      core::conflict("CERTIFICATE_EXISTS", "Chứng thư số " + info.serial + " đã được đăng ký.");
    c = {0, me.account_id, info.fingerprint, info.serial, info.subject, info.issuer, info.tax_code, info.pem,
         "ACTIVE", info.not_before, info.not_after, now};
    store::insert_certificate(sql, c);
    history::append(sql, caller, {"eservices.certificate.register", "eservices_certificate", info.serial,
                                  "Doanh nghiệp " + me.tax_code + " đăng ký chứng thư số " + info.serial});
  });
  return c;
}

void EServicesService::register_certificate_as_system(std::int64_t account_id, const std::string& pem) {
  const auto info = certificate_info(pem);
  db_.transaction([&](soci::session& sql) {
    store::insert_certificate(sql, {0, account_id, info.fingerprint, info.serial, info.subject, info.issuer,
                                    info.tax_code, info.pem, "ACTIVE", info.not_before, info.not_after, core::now()});
    history::append_system(sql, {"eservices.certificate.register", "eservices_certificate", info.serial,
                                 "Đăng ký chứng thư số " + info.serial + " (hệ thống)"});
  });
}

std::vector<store::Certificate> EServicesService::certificates(const core::Principal& caller) {
  const auto me = applicant(caller);
  return db_.read([&](soci::session& sql) { return store::certificates_of(sql, me.account_id); });
}

}  // namespace hq::eservices
