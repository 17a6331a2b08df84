#include "eservices/document_checks.h"

#include <set>

#include "core/error.h"
#include "core/hex.h"
#include "core/text.h"
#include "eservices/signatures.h"
#include "eservices/xml_signature.h"

namespace hq::eservices {

namespace {

[[noreturn]] void refuse(const std::string& code, const std::string& document, const std::string& message,
                         nlohmann::json details = nlohmann::json::object()) {
  details["document"] = document;
  throw core::Error(core::ErrorKind::Unprocessable, code, message + " (chứng từ «" + document + "»)", details);
}

bool needs_signature(const std::optional<ProcedureSettings>& settings, const std::string& name) {
  if (settings)
    for (const auto& d : settings->documents)
      if (d.name == name) return d.signed_copy;
  return true;  // a document the procedure does not list is signed like any other
}

// `cms`: a detached CMS signature's check, or an enveloped XML signature's (same facts).
void check_signature(soci::session& sql, const store::Applicant& applicant, const TrustStore& trust,
                     const IncomingDocument& doc, const CmsCheck& cms, core::UnixSeconds now, store::Document& row) {
  if (!cms.valid || !cms.signer)
    refuse("SIGNATURE_INVALID", doc.name,
           "Chữ ký số không khớp với nội dung chứng từ (chứng từ đã bị sửa sau khi ký, hoặc chữ ký không phải CMS)");
  const auto& signer = *cms.signer;
  row.signer_tax_code = signer.tax_code;
  row.signer_serial = signer.serial;
  if (signer.tax_code != applicant.tax_code)
    refuse("TAX_CODE_MISMATCH", doc.name,
           "Chứng từ được ký bằng chứng thư số của mã số thuế " +
               (signer.tax_code.empty() ? std::string("(không có UID=MST:)") : signer.tax_code) +
               ", không phải của doanh nghiệp " + applicant.tax_code,
           {{"signer_tax_code", signer.tax_code}});
  const auto registered = store::find_certificate(sql, signer.fingerprint);
  if (!registered || registered->account_id != applicant.account_id || registered->status != "ACTIVE")
    refuse("CERTIFICATE_NOT_REGISTERED", doc.name,
           "Chứng thư số " + signer.serial + " chưa được doanh nghiệp đăng ký với cơ quan hải quan hoặc đã ngừng sử dụng",
           {{"serial", signer.serial}});
  if (cms.signing_time && (*cms.signing_time < signer.not_before || *cms.signing_time > signer.not_after))
    refuse("CERTIFICATE_EXPIRED", doc.name, "Chứng thư số " + signer.serial + " không có hiệu lực tại thời điểm ký",
           {{"serial", signer.serial}});
  switch (trust.verify(signer.pem, now)) {
    case ChainStatus::Trusted: break;
    case ChainStatus::Revoked:
      refuse("CERTIFICATE_REVOKED", doc.name, "Chứng thư số " + signer.serial + " đã bị thu hồi",
             {{"serial", signer.serial}});
    case ChainStatus::Expired:
    case ChainStatus::NotYetValid:
      refuse("CERTIFICATE_EXPIRED", doc.name, "Chứng thư số " + signer.serial + " đã hết (hoặc chưa có) hiệu lực",
             {{"serial", signer.serial}});
    case ChainStatus::Untrusted:
      refuse("CERTIFICATE_UNTRUSTED", doc.name,
             "Chứng thư số " + signer.serial + " không do tổ chức chứng thực được cơ quan hải quan công nhận cấp",
             {{"serial", signer.serial}});
  }
  row.signature_valid = true;
}

}  // namespace

std::vector<std::string> missing_documents(const std::optional<ProcedureSettings>& settings,
                                           const std::vector<IncomingDocument>& documents) {
  std::vector<std::string> missing;
  if (!settings) return missing;
  for (const auto& required : settings->documents) {
    bool found = false;
    for (const auto& d : documents) found = found || d.name == required.name;
    if (!found) missing.push_back(required.name);
  }
  return missing;
}

std::vector<ExaminedDocument> examine_documents(const std::vector<IncomingDocument>& documents, bool enterprise) {
  std::vector<ExaminedDocument> out(documents.size());
  for (std::size_t i = 0; i < documents.size(); ++i) {
    const auto& d = documents[i];
    const auto digest = sha256_digest(d.bytes);  // the one pass over the bytes: stored, and the CMS digest
    out[i].sha256 = core::to_hex(reinterpret_cast<const unsigned char*>(digest.data()), digest.size());
    if (!enterprise) continue;
    if (d.signature)
      out[i].signature_check = check_detached_cms(d.bytes, *d.signature, digest);
    else if (has_xml_signature(d.bytes))
      out[i].signature_check = check_enveloped_xml(d.bytes);
  }
  return out;
}

std::vector<CheckedDocument> check_documents(soci::session& sql, const store::Applicant& applicant,
                                             const std::optional<ProcedureSettings>& settings,
                                             std::vector<IncomingDocument>& documents,
                                             const std::vector<ExaminedDocument>& examined, const Limits& limits,
                                             core::UnixSeconds now) {
  if (documents.empty() || documents.size() > limits.max_documents)
    core::bad_input("INVALID_FIELD",
                    "Hồ sơ phải có từ 1 đến " + std::to_string(limits.max_documents) + " chứng từ.",
                    {{"field", "documents"}});
  std::set<std::string> names;
  std::size_t total = 0;
  for (const auto& d : documents) {
    if (d.name.empty() || d.name.size() > 300 || !core::is_valid_utf8(d.name) || !names.insert(d.name).second)
      core::bad_input("INVALID_FIELD", "Tên chứng từ phải có, tối đa 300 byte và không trùng nhau («" + d.name + "»).",
                      {{"field", "documents"}, {"document", d.name}});
    if (d.bytes.empty() || d.bytes.size() > limits.max_document_bytes)
      throw core::Error(core::ErrorKind::TooLarge, "DOCUMENT_TOO_LARGE",
                        "Chứng từ «" + d.name + "» phải có nội dung và không quá " +
                            std::to_string(limits.max_document_bytes >> 20) + " MiB.",
                        {{"document", d.name}});
    total += d.bytes.size();
  }
  if (total > limits.max_dossier_bytes)
    throw core::Error(core::ErrorKind::TooLarge, "DOSSIER_TOO_LARGE",
                      "Tổng dung lượng hồ sơ không được quá " + std::to_string(limits.max_dossier_bytes >> 20) + " MiB.");
  const bool enterprise = applicant.kind == "ENTERPRISE";
  std::optional<TrustStore> trust;
  if (enterprise) trust.emplace(store::anchor_pems(sql), store::crl_pems(sql));
  std::vector<CheckedDocument> out;
  for (std::size_t i = 0; i < documents.size(); ++i) {
    auto& d = documents[i];
    const auto& facts = examined.at(i);
    CheckedDocument checked;
    checked.row.name = d.name;
    checked.row.size = static_cast<std::int64_t>(d.bytes.size());
    checked.row.sha256 = facts.sha256;
    if (d.signature) checked.row.signature_base64 = base64_encode(*d.signature);
    if (enterprise && facts.signature_check) {  // a detached CMS signature, or an enveloped XML one
      check_signature(sql, applicant, *trust, d, *facts.signature_check, now, checked.row);
    } else if (enterprise && needs_signature(settings, d.name)) {
      refuse("SIGNATURE_MISSING", d.name, "Chứng từ của doanh nghiệp phải được ký số (Điều 7.1.a.1)");
    }
    checked.content = std::move(d.bytes);
    out.push_back(std::move(checked));
  }
  return out;
}

}  // namespace hq::eservices
