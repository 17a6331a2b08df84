#include <unistd.h>

#include <xlsxwriter.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/error.h"
#include "core/fields.h"
#include "eservices/routes.h"
#include "eservices/signatures.h"
#include "http/json_input.h"

namespace hq::eservices {

using nlohmann::json;

namespace {
json instant(std::optional<std::int64_t> t) { return t ? json(core::format_iso8601(*t)) : json(nullptr); }
json text_or_null(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }
}  // namespace

json procedure_json(const ProcedureView& v) {
  const auto& r = *v.row;
  json documents = json::array();
  if (v.settings)
    for (const auto& d : v.settings->documents) documents.push_back({{"name", d.name}, {"signed", d.signed_copy}});
  return {HQ_JSON_FIELDS(r, code, list, number, name, level, executing_level),
          {"online", accepts_online(r.level)},
          {"decree42_form", decree42_form(r.level)},
          {"number_repeated", number_repeated(r)},
          {"same_name_as", same_name_codes(r)},
          {"configured", v.settings.has_value()},
          {"processing_days", v.settings ? json(v.settings->processing_days) : json(nullptr)},
          {"fee", v.settings ? json(v.settings->fee) : json(nullptr)},
          {"result_form", v.settings ? json(v.settings->result_form) : json(nullptr)},
          {"documents", documents}};
}

json dossier_json(const DossierView& v) {
  const auto& d = v.dossier;
  json documents = json::array();
  for (const auto& doc : v.documents) {
    json signature = nullptr;
    if (doc.signature_valid)
      signature = {{"valid", *doc.signature_valid}, {"signer_tax_code", doc.signer_tax_code}, {"serial", doc.signer_serial}};
    documents.push_back({HQ_JSON_FIELDS(doc, id, name, sha256, size, round), {"signature", signature}});
  }
  json timeline = json::array();
  for (const auto& s : v.steps)
    timeline.push_back({{"at", core::format_iso8601(s.at)},
                        HQ_JSON_FIELDS(s, username, action, from_status, to_status, comment),
                        {"details", json::parse(s.details, nullptr, false)}});
  const json missing = json::parse(d.missing.empty() ? "[]" : d.missing, nullptr, false);
  return {HQ_JSON_FIELDS(d, id, number, procedure_code),
          {"procedure_name", v.procedure ? v.procedure->name : ""},
          {"level", v.procedure ? v.procedure->level : 0},
          HQ_JSON_FIELDS(d, unit_code, unit_name),
          {"applicant", {{"username", d.applicant_username}, {"name", d.applicant_name}}},
          {"status", d.status},
          {"status_label", status_label(d.status)},
          HQ_JSON_FIELDS(d, mode, holder),
          {"assignee", text_or_null(d.assignee)},
          {"officer", text_or_null(d.officer)},
          {"submitted_at", core::format_iso8601(d.submitted_at)},
          {"received_at", core::format_iso8601(d.received_at)},
          {"due_at", core::format_iso8601(d.due_at)},
          HQ_JSON_FIELDS(v, remaining_seconds, remaining_label),
          {"overdue", v.remaining_seconds < 0},
          {"paused", d.paused_at.has_value()},
          {"paused_at", instant(d.paused_at)},
          {"missing", missing.is_array() ? missing : json::array()},
          {"fee", d.fee},
          {"paid_at", instant(d.paid_at)},
          {"receipt_no", text_or_null(d.receipt_no)},
          {"result_number", text_or_null(d.result_number)},
          {"closed_at", instant(d.closed_at)},
          {"documents", documents},
          {"timeline", timeline}};
}

json certificate_json(const store::Certificate& c) {
  return {HQ_JSON_FIELDS(c, serial, subject, issuer, tax_code),
          {"not_before", core::format_iso8601(c.not_before)},
          {"not_after", core::format_iso8601(c.not_after)},
          {"status", c.status}};
}

namespace {

constexpr std::size_t kMaxContentBase64 = 16 * 1024 * 1024;

// The base64 of a document: a view into the request's text when it was left lifted (no copy), else the
// string taken out of the JSON (kept in `taken`). The same checks and answers either way.
std::string_view content_of(json& item, const http::LiftedJson* lifted, std::string& taken) {
  if (lifted && item.contains("content_base64"))
    if (const auto text = http::lifted_text(item["content_base64"], *lifted)) {
      http::check_required_text(*text, "content_base64", kMaxContentBase64);
      return *text;
    }
  taken = http::take_required_text(item, "content_base64", kMaxContentBase64);
  return taken;
}

}  // namespace

std::vector<IncomingDocument> documents_from(json& body, const http::LiftedJson* lifted) {
  if (!body.contains("documents") || !body["documents"].is_array())
    http::invalid_field("documents", "Cần danh sách chứng từ «documents».");
  std::vector<IncomingDocument> out;
  for (auto& item : body["documents"]) {
    if (!item.is_object()) http::invalid_field("documents", "Mỗi chứng từ là một đối tượng {name, content_base64}.");
    IncomingDocument d;
    d.name = http::required_text(item, "name", 300);
    std::string taken;
    auto bytes = base64_decode(content_of(item, lifted, taken));
    if (!bytes) http::invalid_field("documents", "Nội dung chứng từ «" + d.name + "» không phải base64 hợp lệ.");
    d.bytes = std::move(*bytes);
    if (const auto sig = http::optional_text(item, "signature_base64", 1024 * 1024); sig && !sig->empty()) {
      auto der = base64_decode(*sig);
      if (!der) http::invalid_field("documents", "Chữ ký của chứng từ «" + d.name + "» không phải base64 hợp lệ.");
      d.signature = std::move(*der);
    }
    out.push_back(std::move(d));
  }
  return out;
}

std::string xlsx_stats(const std::vector<StatLine>& lines, const std::string& title) {
  char path[] = "/tmp/haiquan-eservices-XXXXXX";
  const int fd = mkstemp(path);
  if (fd < 0) throw core::Error(core::ErrorKind::Unavailable, "EXPORT_FAILED", "Không tạo được tệp Excel tạm.");
  close(fd);
  lxw_workbook* wb = workbook_new(path);
  lxw_worksheet* ws = workbook_add_worksheet(wb, "Thong ke");
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  worksheet_write_string(ws, 0, 0, title.c_str(), bold);
  const char* headers[] = {"Đơn vị", "Thủ tục", "Tiếp nhận", "Kỳ trước chuyển sang", "Giải quyết đúng hạn",
                           "Giải quyết quá hạn", "Yêu cầu bổ sung", "Từ chối", "Đang xử lý trong hạn",
                           "Đang xử lý quá hạn"};
  for (lxw_col_t c = 0; c < 10; ++c) worksheet_write_string(ws, 2, c, headers[c], bold);
  lxw_row_t r = 3;
  for (const auto& l : lines) {
    worksheet_write_string(ws, r, 0, l.unit_code.c_str(), nullptr);
    worksheet_write_string(ws, r, 1, l.procedure_code.c_str(), nullptr);
    const std::int64_t values[] = {l.received, l.carried_over, l.on_time, l.late, l.supplement, l.refused,
                                   l.in_progress_on_time, l.in_progress_overdue};
    for (lxw_col_t c = 0; c < 8; ++c) worksheet_write_number(ws, r, c + 2, static_cast<double>(values[c]), nullptr);
    ++r;
  }
  worksheet_set_column(ws, 0, 1, 14, nullptr);
  worksheet_set_column(ws, 2, 9, 18, nullptr);
  const lxw_error error = workbook_close(wb);
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  std::filesystem::remove(path);
  if (error != LXW_NO_ERROR) throw core::Error(core::ErrorKind::Unavailable, "EXPORT_FAILED", "Không ghi được tệp Excel.");
  return bytes.str();
}

}  // namespace hq::eservices
