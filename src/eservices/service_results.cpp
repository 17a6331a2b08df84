#include <openssl/crypto.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include "core/error.h"
#include "core/hex.h"
#include "eservices/service.h"
#include "eservices/signatures.h"
#include "history/history_store.h"
#include "platform/settings_store.h"

namespace hq::eservices {

using nlohmann::json;

namespace {

std::string random_hex(std::size_t bytes) {
  std::string raw(bytes, '\0');
  RAND_bytes(reinterpret_cast<unsigned char*>(raw.data()), static_cast<int>(bytes));
  return sha256_hex(raw).substr(0, bytes * 2);
}

std::string hmac_hex(const std::string& key, const std::string& message) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(message.data()),
       message.size(), digest, &length);
  return core::to_hex(digest, length);
}

bool same(const std::string& a, const std::string& b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

void require_officer_of(const core::Principal& caller, const store::Dossier& d) {
  if (d.assignee != caller.username)
    core::forbidden("Chỉ công chức được phân công xử lý hồ sơ " + d.number + " thực hiện được bước này.");
}

// What the redirect to the gateway and the gateway's callback sign (HMAC-SHA256 with the merchant key).
std::string redirect_message(const std::string& order_id, std::int64_t amount) {
  return "redirect|" + order_id + "|" + std::to_string(amount);
}
std::string callback_message(const std::string& order_id, std::int64_t amount, const std::string& transaction_id,
                             const std::string& status) {
  return "callback|" + order_id + "|" + std::to_string(amount) + "|" + transaction_id + "|" + status;
}

// The customs authority's signing identity: configured by the administrator; until then a self-signed one
// made on first use, so results are always signed and verifiable.
store::SigningKey signing_key(soci::session& sql) {
  if (auto key = store::current_signing_key(sql)) return *key;
  const auto now = core::now();
  const auto made = make_self_signed("Tổng cục Hải quan - Hệ thống dịch vụ công trực tuyến", now - 60,
                                     now + 10LL * 365 * 86400, false);
  store::SigningKey key{made.key_pem, made.certificate_pem};
  store::insert_signing_key(sql, key, "system", now);
  return key;
}

std::string result_text(const store::Dossier& d, const std::string& number, core::UnixSeconds at) {
  const AnnexRow* row = find_annex_row(d.procedure_code);
  return "TỔNG CỤC HẢI QUAN\nKẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH\nSố: " + number + "\nHồ sơ: " + d.number +
         "\nThủ tục: " + d.procedure_code + " - " + (row ? row->name : "") + "\nĐơn vị giải quyết: " + d.unit_code +
         "\nNgười làm thủ tục: " + d.applicant_name + "\nThời điểm ban hành: " + core::format_iso8601(at) + "\n";
}

}  // namespace

std::string EServicesService::payment_key(soci::session& sql) {
  return platform::setting_or_insert(sql, "eservices.sandbox_gateway_key", random_hex(32));
}

DossierView EServicesService::fee_notice(const core::Principal& caller, std::int64_t id, std::int64_t amount) {
  require_staff(caller);
  if (amount <= 0 || amount > 1'000'000'000'000)
    core::bad_input("INVALID_FIELD", "Số tiền phí, lệ phí phải lớn hơn 0.", {{"field", "amount"}});
  return db_.transaction([&](soci::session& sql) {
    const auto before = visible_dossier(sql, caller, id);
    if (before.status != kProcessing && before.status != kApproved) wrong_state(before, "fee-notice");
    require_officer_of(caller, before);
    store::Dossier next = before;
    next.status = kFeeDue;
    next.fee = amount;
    const AnnexRow* row = find_annex_row(before.procedure_code);
    const bool online = row && row->level >= 4;
    record(sql, caller, before, next, "fee-notice",
           "Thông báo nộp " + std::to_string(amount) + " đồng" +
               (online ? " (nộp trực tuyến qua cổng thanh toán hoặc tại đơn vị)" : " (nộp tại đơn vị, Điều 11.1.b.1)"),
           {{"amount", amount}, {"online", online}});
    return view(sql, *store::find_dossier(sql, id), true);
  });
}

DossierView EServicesService::record_payment(const core::Principal& caller, std::int64_t id,
                                             const std::string& receipt_no) {
  require_staff(caller);
  if (receipt_no.empty() || receipt_no.size() > 100)
    core::bad_input("INVALID_FIELD", "Số biên lai là bắt buộc (tối đa 100 ký tự).", {{"field", "receipt_no"}});
  return db_.transaction([&](soci::session& sql) {
    const auto before = visible_dossier(sql, caller, id);
    if (before.status != kFeeDue) wrong_state(before, "record-payment");
    require_officer_of(caller, before);
    store::Dossier next = before;
    next.status = kPaid;
    next.paid_at = core::now();
    next.receipt_no = receipt_no;
    record(sql, caller, before, next, "record-payment", "Đã thu phí, lệ phí tại đơn vị, biên lai " + receipt_no,
           {{"receipt_no", receipt_no}, {"amount", before.fee}});
    return view(sql, *store::find_dossier(sql, id), true);
  });
}

PaymentStart EServicesService::start_payment(const core::Principal& caller, std::int64_t id) {
  applicant(caller);
  return db_.transaction([&](soci::session& sql) {
    const auto d = visible_dossier(sql, caller, id);
    if (d.status != kFeeDue) wrong_state(d, "pay");
    const AnnexRow* row = find_annex_row(d.procedure_code);
    if (!row || row->level < 4)
      core::conflict("ONLINE_PAYMENT_NOT_AVAILABLE",
                     "Thủ tục mức độ 3: phí, lệ phí nộp tại đơn vị hải quan, không nộp trực tuyến (Điều 3.2.c).");
    PaymentStart start;
    start.order_id = "HQ" + std::to_string(d.id) + "-" + random_hex(6);
    start.amount = d.fee;
    store::insert_payment(sql, {start.order_id, d.id, d.fee, core::now(), "PENDING", "", std::nullopt});
    const auto signature = hmac_hex(payment_key(sql), redirect_message(start.order_id, start.amount));
    start.redirect_url = "/dvc/sandbox-gateway?order_id=" + start.order_id +
                         "&amount=" + std::to_string(start.amount) + "&signature=" + signature;
    return start;
  });
}

std::int64_t EServicesService::payment_callback(const json& body) {
  const auto text = [&](const char* field) {
    if (!body.contains(field) || !body[field].is_string() || body[field].get<std::string>().size() > 200)
      core::bad_input("INVALID_FIELD", std::string("Thiếu trường «") + field + "».", {{"field", field}});
    return body[field].get<std::string>();
  };
  const std::string order_id = text("order_id"), transaction_id = text("transaction_id"), status = text("status"),
                    signature = text("signature");
  if (!body.contains("amount") || !body["amount"].is_number_integer())
    core::bad_input("INVALID_FIELD", "Thiếu số tiền «amount».", {{"field", "amount"}});
  const std::int64_t amount = body["amount"].get<std::int64_t>();
  return db_.transaction([&](soci::session& sql) {
    if (!same(hmac_hex(payment_key(sql), callback_message(order_id, amount, transaction_id, status)), signature))
      core::forbidden("Chữ ký của cổng thanh toán không hợp lệ.");
    const auto payment = store::find_payment(sql, order_id);
    if (!payment) core::not_found("Không có giao dịch thanh toán «" + order_id + "».");
    if (payment->amount != amount)
      throw core::Error(core::ErrorKind::Unprocessable, "AMOUNT_MISMATCH",
                        "Số tiền cổng thanh toán báo (" + std::to_string(amount) + ") khác số tiền phải nộp (" +
                            std::to_string(payment->amount) + ").");
    if (status != "SUCCESS" || !store::mark_paid(sql, order_id, transaction_id, core::now()))
      return payment->dossier_id;  // a failure, or a repeated callback: nothing changes
    const auto before = store::find_dossier(sql, payment->dossier_id);
    if (before->status != kFeeDue) return before->id;  // paid at the office meanwhile
    store::Dossier next = *before;
    next.status = kPaid;
    next.paid_at = core::now();
    next.receipt_no = transaction_id;
    core::Principal gateway;
    gateway.username = "cong-thanh-toan";
    gateway.unit_code = before->unit_code;
    record(sql, gateway, *before, next, "payment", "Đã nộp phí, lệ phí trực tuyến, giao dịch " + transaction_id,
           {{"order_id", order_id}, {"amount", amount}});
    return before->id;
  });
}

json EServicesService::sandbox_pay(const std::string& order_id, std::int64_t amount, const std::string& signature) {
  const auto [key, payment] = db_.read([&](soci::session& sql) {
    return std::make_pair(platform::setting_or_insert(sql, "eservices.sandbox_gateway_key", random_hex(32)),
                          store::find_payment(sql, order_id));
  });
  if (!payment || !same(hmac_hex(key, redirect_message(order_id, amount)), signature))
    core::forbidden("Yêu cầu thanh toán không hợp lệ (chữ ký của đơn vị bán không khớp).");
  const std::string transaction_id = payment->transaction_id.empty() ? "SANDBOX-" + random_hex(8) : payment->transaction_id;
  const json callback = {{"order_id", order_id},
                         {"amount", amount},
                         {"transaction_id", transaction_id},
                         {"status", "SUCCESS"},
                         {"signature", hmac_hex(key, callback_message(order_id, amount, transaction_id, "SUCCESS"))}};
  const auto dossier_id = payment_callback(callback);
  return {{"sandbox", true}, {"status", "SUCCESS"}, {"transaction_id", transaction_id},
          {"dossier_id", dossier_id}, {"return_url", "/eservices/dossiers/" + std::to_string(dossier_id)}};
}

DossierView EServicesService::issue_result(const core::Principal& caller, std::int64_t id,
                                           const std::optional<std::string>& document) {
  require_staff(caller);
  if (document && (document->empty() || document->size() > limits.max_document_bytes))
    core::bad_input("INVALID_FIELD", "Văn bản kết quả phải có nội dung và không quá 5 MiB.", {{"field", "document_base64"}});
  return db_.transaction([&](soci::session& sql) {
    const auto before = visible_dossier(sql, caller, id);
    const bool payable = before.status == kProcessing || before.status == kApproved || before.status == kPaid;
    if (!payable) wrong_state(before, "issue-result");
    if (before.fee > 0 && !before.paid_at)
      core::conflict("WRONG_STATE", "Hồ sơ " + before.number + " có phí, lệ phí " + std::to_string(before.fee) +
                                        " đồng chưa nộp: chỉ trả kết quả sau khi nộp (Điều 11.1.b.2).",
                     {{"status", before.status}, {"action", "issue-result"}});
    require_officer_of(caller, before);
    const auto now = core::now();
    const std::string number = result_number(now, before.id);
    const std::string content = document ? *document : result_text(before, number, now);
    const auto key = signing_key(sql);
    const std::string signature = sign_detached_cms(content, {key.key_pem, key.certificate_pem});
    store::insert_result(sql, {number, before.id, now, caller.username, sha256_hex(content), base64_encode(content),
                               base64_encode(signature), key.certificate_pem, before.number});
    store::Dossier next = before;
    next.status = kDone;
    next.result_number = number;
    next.closed_at = now;
    record(sql, caller, before, next, "issue-result", "Trả kết quả điện tử số " + number + " (ký số của cơ quan hải quan)",
           {{"result_number", number}, {"sha256", sha256_hex(content)}});
    return view(sql, *store::find_dossier(sql, id), true);
  });
}

store::Result EServicesService::result(const core::Principal& caller, std::int64_t id) {
  return db_.read([&](soci::session& sql) {
    const auto d = visible_dossier(sql, caller, id);
    auto r = store::result_of(sql, d.id);
    if (!r) core::not_found("Hồ sơ " + d.number + " chưa có kết quả.");
    return *r;
  });
}

namespace {
json verification(const store::Result& r) {
  const auto content = base64_decode(r.content_base64);
  const auto signature = base64_decode(r.signature_base64);
  const bool valid = content && signature && sha256_hex(*content) == r.sha256 &&
                     verify_detached_cms_by(*content, *signature, r.certificate_pem);
  return {{"valid", valid},
          {"result_number", r.number},
          {"dossier_number", r.dossier_number},
          {"issued_at", core::format_iso8601(r.issued_at)},
          {"sha256", r.sha256},
          {"signer", certificate_info(r.certificate_pem).subject}};
}
}  // namespace

json EServicesService::verify_result(const std::string& number) {
  const auto r = db_.read([&](soci::session& sql) { return store::find_result(sql, number); });
  if (!r) core::not_found("Không có kết quả số «" + number + "» do cơ quan hải quan ban hành.");
  return verification(*r);
}

json EServicesService::verify_result_upload(const std::string& content, const std::string& signature) {
  const auto r = db_.read([&](soci::session& sql) { return store::find_result_by_sha256(sql, sha256_hex(content)); });
  if (!r) return {{"valid", false}, {"reason", "Tệp này không khớp với kết quả nào do cơ quan hải quan ban hành."}};
  json out = verification(*r);
  if (!signature.empty()) {
    out["signature_matches"] = verify_detached_cms_by(content, signature, r->certificate_pem);
  }
  return out;
}

}  // namespace hq::eservices
