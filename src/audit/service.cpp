#include "audit/service.h"

#include <algorithm>
#include <map>
#include <random>
#include <stdexcept>

#include "core/error.h"
#include "core/text.h"
#include "core/time.h"
#include "core/validation.h"
#include "history/history_store.h"
#include "platform/calendar_store.h"
#include "sheets/xlsx_rows.h"

namespace hq::audit {

using core::Error;
using core::ErrorKind;
using nlohmann::json;

namespace {

// ---- enterprise fields (form 01/KTSTQ) ----
enum class FieldKind { Text, Phone, Email, Date, Money, Level, Profile };
struct FieldSpec {
  const char* name;
  const char* label;
  FieldKind kind;
  std::size_t max;
};
// Columns of their own where they are searched, sorted or checked; the rest live in the JSON profile.
constexpr FieldSpec kEnterpriseFields[] = {
    {"name", "tên doanh nghiệp", FieldKind::Text, 500},
    {"foreign_name", "tên nước ngoài", FieldKind::Text, 500},
    {"address", "địa chỉ", FieldKind::Text, 1000},
    {"legal_representative", "người đại diện theo pháp luật", FieldKind::Text, 200},
    {"phone", "điện thoại", FieldKind::Phone, 20},
    {"email", "thư điện tử", FieldKind::Email, 200},
    {"established_on", "ngày thành lập", FieldKind::Date, 10},
    {"charter_capital", "vốn điều lệ", FieldKind::Money, 0},
    {"ownership", "loại hình sở hữu", FieldKind::Text, 200},
    {"aeo_status", "tình trạng doanh nghiệp ưu tiên (AEO)", FieldKind::Text, 200},
    {"compliance_level", "mức độ tuân thủ", FieldKind::Level, 0},
    {"contacts", "người liên hệ", FieldKind::Profile, 2000},
    {"business_lines", "ngành nghề kinh doanh", FieldKind::Profile, 4000},
    {"factories", "nhà máy, cơ sở sản xuất", FieldKind::Profile, 4000},
    {"warehouses", "kho hàng", FieldKind::Profile, 4000},
    {"main_goods", "mặt hàng xuất nhập khẩu chủ yếu", FieldKind::Profile, 4000},
    {"main_partners", "đối tác chủ yếu", FieldKind::Profile, 4000},
    {"related_parties", "các bên liên kết", FieldKind::Profile, 4000},
    {"accounting_software", "phần mềm kế toán", FieldKind::Profile, 500},
};

[[noreturn]] void invalid(const std::string& field, const std::string& message) {
  core::bad_input("INVALID_FIELD", message, {{"field", field}});
}

core::TaxCode parse_tax(const std::string& text) {
  auto code = core::parse_tax_code(text);
  if (!code) core::bad_input("INVALID_TAX_CODE", core::tax_code_problem(text), {{"field", "tax_code"}, {"value", text}});
  return *code;
}

std::string tax_kind(core::TaxCodeKind kind) {
  switch (kind) {
    case core::TaxCodeKind::Enterprise: return "ENTERPRISE";
    case core::TaxCodeKind::Branch: return "BRANCH";
    case core::TaxCodeKind::Personal: return "PERSONAL";
  }
  return "ENTERPRISE";
}

std::string* column_of(store::Enterprise& e, const std::string& name) {
  if (name == "name") return &e.name;
  if (name == "foreign_name") return &e.foreign_name;
  if (name == "address") return &e.address;
  if (name == "legal_representative") return &e.legal_representative;
  if (name == "phone") return &e.phone;
  if (name == "email") return &e.email;
  if (name == "established_on") return &e.established_on;
  if (name == "ownership") return &e.ownership;
  if (name == "aeo_status") return &e.aeo_status;
  return nullptr;
}

std::string text_value(const FieldSpec& spec, const json& value) {
  if (!value.is_string()) invalid(spec.name, std::string("Trường «") + spec.label + "» phải là chuỗi ký tự.");
  std::string text = core::trim(value.get<std::string>());
  if (text.size() > spec.max || !core::is_valid_utf8(text))
    invalid(spec.name, std::string("Trường «") + spec.label + "» dài quá " + std::to_string(spec.max) + " byte.");
  if (spec.kind == FieldKind::Phone && !text.empty() && !core::is_phone(text))
    invalid(spec.name, "Số điện thoại không hợp lệ.");
  if (spec.kind == FieldKind::Email && !text.empty() && !core::is_email(text))
    invalid(spec.name, "Địa chỉ thư điện tử không hợp lệ.");
  if (spec.kind == FieldKind::Date && !text.empty() && !core::parse_date(text))
    invalid(spec.name, std::string("Trường «") + spec.label + "» phải là ngày dạng YYYY-MM-DD.");
  return text;
}

std::int64_t int_value(const FieldSpec& spec, const json& value) {
  if (!value.is_number_integer()) invalid(spec.name, std::string("Trường «") + spec.label + "» phải là số nguyên.");
  const auto n = value.get<std::int64_t>();
  if (spec.kind == FieldKind::Money && (n < 0 || n > kMaxAmount))
    invalid(spec.name, "Vốn điều lệ phải là số đồng không âm.");
  if (spec.kind == FieldKind::Level && !is_compliance_level(n))
    invalid(spec.name, "Mức độ tuân thủ phải từ 1 đến 5 (0 = chưa đánh giá).");
  return n;
}

json profile_value(const FieldSpec& spec, const json& value) {
  if (value.is_string()) return text_value(spec, value);
  if (value.is_array() && value.size() <= 200) {
    std::size_t bytes = 0;
    for (const auto& item : value) {
      if (!item.is_string()) break;
      bytes += item.get_ref<const std::string&>().size();
    }
    if (bytes <= spec.max * 10 && std::all_of(value.begin(), value.end(), [](const json& i) { return i.is_string(); }))
      return value;
  }
  invalid(spec.name, std::string("Trường «") + spec.label + "» phải là chuỗi hoặc danh sách chuỗi.");
}

// Applies the fields present in `fields` to `e`; returns [{"field","from","to"}] of what changed.
json apply_fields(store::Enterprise& e, const json& fields) {
  json changes = json::array();
  json profile = json::parse(e.profile.empty() ? "{}" : e.profile, nullptr, false);
  if (!profile.is_object()) profile = json::object();
  const auto note = [&](const char* field, const json& from, const json& to) {
    if (from != to) changes.push_back({{"field", field}, {"from", from}, {"to", to}});
  };
  for (const auto& spec : kEnterpriseFields) {
    auto it = fields.find(spec.name);
    if (it == fields.end() || it->is_null()) continue;
    if (spec.kind == FieldKind::Money || spec.kind == FieldKind::Level) {
      std::int64_t& target = spec.kind == FieldKind::Money ? e.charter_capital : e.compliance_level;
      const auto value = int_value(spec, *it);
      note(spec.name, target, value);
      target = value;
    } else if (spec.kind == FieldKind::Profile) {
      const json value = profile_value(spec, *it);
      note(spec.name, profile.value(spec.name, json("")), value);
      profile[spec.name] = value;
    } else {
      std::string* target = column_of(e, spec.name);
      const std::string value = text_value(spec, *it);
      note(spec.name, *target, value);
      *target = value;
    }
  }
  if (e.name.empty()) invalid("name", "Tên doanh nghiệp là bắt buộc.");
  e.profile = profile.dump();
  return changes;
}

std::string random_token() {
  std::random_device device;
  std::string token;
  static constexpr char kHex[] = "0123456789abcdef";
  for (int i = 0; i < 8; ++i) {
    const auto word = device();
    for (int j = 0; j < 4; ++j) token += kHex[(word >> (j * 8)) & 0xF], token += kHex[(word >> (j * 8 + 4)) & 0xF];
  }
  return token;
}

std::string status_name(const std::string& status) {
  static const std::pair<const char*, const char*> kNames[] = {
      {"DRAFT", "dự thảo"},       {"SUBMITTED", "chờ phê duyệt"}, {"APPROVED", "đã phê duyệt"},
      {"REJECTED", "bị từ chối"}, {"PAUSED", "tạm dừng"},         {"CANCELLED", "đã hủy"},
      {"RESULT_SUBMITTED", "chờ duyệt kết quả"}, {"COMPLETED", "đã hoàn thành"}};
  for (const auto& [code, name] : kNames)
    if (status == code) return name;
  return status;
}

std::string action_name(Action action) {
  switch (action) {
    case Action::Submit: return "gửi";
    case Action::Approve: return "phê duyệt";
    case Action::Reject: return "từ chối";
    case Action::Pause: return "tạm dừng";
    case Action::Resume: return "tiếp tục";
    case Action::Cancel: return "hủy";
  }
  return "";
}

std::string department_path(soci::session& sql) {
  auto unit = store::find_unit(sql, kAuditDepartmentCode);
  return unit ? unit->path : "";
}

void require_audit_user(const core::Principal& caller) {
  if (!is_audit_user(caller))
    core::forbidden("Chức năng này dành cho công chức và lãnh đạo kiểm tra sau thông quan.");
}

ProposalFacts facts_of(const store::Proposal& p) {
  return ProposalFacts{p.id, p.status, p.paused_from, parse_place(p.place).value_or(Place::Premises), p.year,
                       p.submitted_at ? p.submitted_at : p.created_at};
}

history::Change change(std::string action, std::string type, std::int64_t id, std::string summary) {
  return history::Change{std::move(action), std::move(type), std::to_string(id), std::move(summary)};
}

std::string date_text(const core::Date& d) { return core::format_date(d); }

// Open items for the same enterprise: the same kind from any unit, the other kind from other units only
// (a unit's own collection is the normal prelude to its proposal, not a duplicate of it).
std::vector<Duplicate> duplicates_for(soci::session& sql, std::int64_t enterprise_id, const std::string& self_kind,
                                      std::int64_t self_id, std::int64_t self_unit) {
  std::vector<Duplicate> list;
  for (const auto& p : store::proposals_of_enterprise(sql, enterprise_id)) {
    if ((self_kind == "PROPOSAL" && p.id == self_id) || !is_duplicate_of_new(p.status)) continue;
    if (self_kind != "PROPOSAL" && p.unit_id == self_unit) continue;
    if (p.status == "APPROVED" && store::conclusion_of(sql, p.id)) continue;  // the audit is over
    list.push_back({"PROPOSAL", p.id, p.number, p.unit_code, p.unit_name, p.status, p.place, p.created_at});
  }
  for (const auto& c : store::collections_of_enterprise(sql, enterprise_id)) {
    if ((self_kind == "COLLECTION" && c.id == self_id) || !is_duplicate_of_new(c.status)) continue;
    if (self_kind != "COLLECTION" && c.unit_id == self_unit) continue;
    list.push_back({"COLLECTION", c.id, c.number, c.unit_code, c.unit_name, c.status, "", c.proposed_at});
  }
  return list;
}

// The due dates a collection shows, on today's calendar (see store::Collection).
void set_due_dates(const core::WorkingCalendar& calendar, store::Collection& c) {
  const auto day = [](std::int64_t at) { return core::to_local(at).date; };
  c.approval_due_on = date_text(collection_approval_due(calendar, day(c.proposed_at)));
  c.results_due_on =
      c.result_submitted_at ? date_text(collection_results_due(calendar, day(c.result_submitted_at))) : std::string();
}

std::vector<store::Collection> with_due_dates(soci::session& sql, std::vector<store::Collection> list) {
  if (list.empty()) return list;
  const auto calendar = platform::load_calendar(sql);
  for (auto& c : list) set_due_dates(calendar, c);
  return list;
}

// What every audit user may know of an item of a unit it may not read: that it exists, whose it is, its state
// and period — what the duplicate rules (seed 000 §2.1, §2.2 rule 3) need. Grounds, signs, findings, amounts,
// penalties and complaints stay with those who may read the unit (rules.h: may_read_unit).
void restrict_proposal(store::Proposal& p) {
  p.grounds.clear(), p.grounds_kind.clear(), p.reason.clear(), p.proposed_by.clear(), p.decided_by.clear();
  p.restricted = true;
}

void restrict_collection(store::Collection& c) {
  c.signs.clear(), c.risk_areas.clear(), c.reason.clear(), c.proposed_by.clear(), c.decided_by.clear();
  c.results.clear();
  c.has_findings = false;
  c.restricted = true;
}

// The loser of two concurrent transitions of one item: its UPDATE … WHERE status = :from changed no row.
[[noreturn]] void changed_meanwhile(const std::string& what) {
  core::conflict("INVALID_TRANSITION", what + " vừa được người khác xử lý, trạng thái đã thay đổi; hãy tải lại để xem "
                                              "trạng thái mới.");
}

void check_amounts(const Amounts& amounts) {
  for (std::size_t i = 0; i < kAmountKeys.size(); ++i)
    if (amounts.values[i] < 0 || amounts.values[i] > kMaxAmount)
      core::bad_input("INVALID_AMOUNT", std::string("Số tiền «") + kAmountKeys[i] + "» phải là số đồng không âm.",
                      {{"field", std::string("amounts.") + kAmountKeys[i]}});
}

}  // namespace

core::Date AuditService::today() const { return core::to_local(now()).date; }

std::string AuditService::visible_path(soci::session& sql, const core::Principal& caller, const std::string& unit_code) {
  const std::string department = department_path(sql);
  if (unit_code.empty())
    return caller.is_platform_admin() || in_audit_department(caller, department) ? "/" : caller.unit_path;
  auto unit = store::find_unit(sql, unit_code);
  if (!unit) throw Error(ErrorKind::NotFound, "UNIT_NOT_FOUND", "Không tìm thấy đơn vị có mã «" + unit_code + "».");
  if (!may_read_unit(caller, unit->path, department))
    core::forbidden("Đơn vị «" + unit_code + "» nằm ngoài phạm vi đơn vị của bạn.");
  return unit->path;
}

store::Proposal AuditService::proposal_for(soci::session& sql, std::int64_t id) {
  auto p = store::find_proposal(sql, id);
  if (!p) throw Error(ErrorKind::NotFound, "PROPOSAL_NOT_FOUND", "Không tìm thấy đề xuất kiểm tra số " + std::to_string(id) + ".");
  return *p;
}

store::Collection AuditService::collection_for(soci::session& sql, std::int64_t id) {
  auto c = store::find_collection(sql, id);
  if (!c)
    throw Error(ErrorKind::NotFound, "COLLECTION_NOT_FOUND",
                "Không tìm thấy đề xuất thu thập thông tin số " + std::to_string(id) + ".");
  set_due_dates(platform::load_calendar(sql), *c);
  return *c;
}

// The enterprise a new proposal or collection is about; a valid tax code not yet in the directory gets a
// placeholder profile (the directory carried over from STQ01 is incomplete) that officers complete later.
store::Enterprise AuditService::enterprise_for_item(soci::session& sql, const core::Principal& caller,
                                                    const std::string& tax_code) {
  const core::TaxCode code = parse_tax(tax_code);
  if (auto found = store::find_enterprise(sql, code.canonical)) return *found;
  store::Enterprise e;
  e.tax_code = code.canonical;
  e.tax_kind = tax_kind(code.kind);
  e.name = "Doanh nghiệp MST " + code.canonical + " (chưa có hồ sơ)";
  e.source = "PROPOSAL";
  e.id = store::insert_enterprise(sql, e, caller.account_id, now());
  history::append(sql, caller, {"audit.enterprise.create", "audit_enterprise", e.tax_code,
                                "Tạo hồ sơ tạm cho doanh nghiệp MST " + e.tax_code + " khi lập đề xuất"});
  return e;
}

// ---- enterprise directory ----

store::Enterprise AuditService::create_enterprise(const core::Principal& caller, const json& fields,
                                                  const std::string& source) {
  require_audit_user(caller);
  if (!fields.contains("tax_code") || !fields["tax_code"].is_string())
    core::bad_input("INVALID_TAX_CODE", "Thiếu mã số thuế.", {{"field", "tax_code"}});
  const core::TaxCode code = parse_tax(fields["tax_code"].get<std::string>());
  store::Enterprise e;
  e.tax_code = code.canonical;
  e.tax_kind = tax_kind(code.kind);
  e.source = source;
  const json changes = apply_fields(e, fields);
  return db_.transaction([&](soci::session& sql) {
    if (store::find_enterprise(sql, e.tax_code))
      core::conflict("ENTERPRISE_EXISTS", "Doanh nghiệp có mã số thuế " + e.tax_code + " đã có trong danh bạ.",
                     {{"field", "tax_code"}});
    const std::int64_t at = now();
    e.id = store::insert_enterprise(sql, e, caller.account_id, at);
    e.created_at = e.updated_at = at;
    store::insert_enterprise_change(sql, e.id, {at, caller.username, caller.unit_code, source, changes.dump()});
    history::append(sql, caller, {"audit.enterprise.create", "audit_enterprise", e.tax_code,
                                  "Thêm doanh nghiệp " + e.tax_code + " – " + e.name + " (nguồn " + source + ")"});
    return e;
  });
}

store::Enterprise AuditService::update_enterprise(const core::Principal& caller, const std::string& tax_code,
                                                  const json& fields, const std::string& source) {
  require_audit_user(caller);
  const core::TaxCode code = parse_tax(tax_code);
  return db_.transaction([&](soci::session& sql) {
    auto found = store::find_enterprise(sql, code.canonical);
    if (!found) core::not_found("Không có doanh nghiệp mã số thuế " + code.canonical + " trong danh bạ.");
    store::Enterprise e = *found;
    const json changes = apply_fields(e, fields);
    if (changes.empty()) return e;
    const std::int64_t at = now();
    store::update_enterprise(sql, e, at);
    e.updated_at = at;
    store::insert_enterprise_change(sql, e.id, {at, caller.username, caller.unit_code, source, changes.dump()});
    std::string summary;
    for (const auto& c : changes) summary += (summary.empty() ? "" : ", ") + c["field"].get<std::string>();
    history::append(sql, caller, {"audit.enterprise.update", "audit_enterprise", e.tax_code,
                                  "Cập nhật hồ sơ doanh nghiệp " + e.tax_code + " (nguồn " + source + "): " + summary});
    return e;
  });
}

namespace {

// Receives an import file's records one at a time: line (CSV record or sheet row number, header = 1), cells.
using RowVisitor = std::function<void(std::int64_t line, std::vector<std::string>& cells)>;

// RFC 4180 records: quoted fields, doubled quotes, CRLF or LF; ',' or ';' (whichever the header uses). Each
// record is handed on as soon as it is read: only one is held at a time.
void each_csv_row(const std::string& text, const RowVisitor& visit) {
  std::size_t pos = text.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
  const auto header_end = text.find('\n', pos);
  const std::string header = text.substr(pos, header_end == std::string::npos ? std::string::npos : header_end - pos);
  const char sep = std::count(header.begin(), header.end(), ';') > std::count(header.begin(), header.end(), ',') ? ';' : ',';
  std::vector<std::string> row;
  std::string field;
  std::int64_t line = 0;
  bool quoted = false, any = false;
  const auto end_row = [&] {
    if (any || !field.empty()) row.push_back(std::move(field));
    if (!row.empty()) visit(++line, row);
    row.clear(), field.clear(), any = false;
  };
  for (; pos < text.size(); ++pos) {
    const char c = text[pos];
    if (quoted) {
      if (c == '"' && pos + 1 < text.size() && text[pos + 1] == '"') field += '"', ++pos;
      else if (c == '"') quoted = false;
      else field += c;
    } else if (c == '"') {
      quoted = any = true;
    } else if (c == sep) {
      row.push_back(std::move(field)), field.clear(), any = true;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && pos + 1 < text.size() && text[pos + 1] == '\n') ++pos;
      end_row();
    } else {
      field += c, any = true;
    }
  }
  end_row();
}

// The first sheet of an .xlsx upload, row by row with sheet row numbers. A tax code typed as a number lost its
// leading zero in Excel (most tax codes start with 0: Hà Nội 01…, TP Hồ Chí Minh 03…): nine digits get it back.
void each_xlsx_row(const std::string& bytes, const RowVisitor& visit) {
  std::size_t tax_column = std::string::npos;
  bool header = true;
  std::vector<std::string> row;
  sheets::read_xlsx_cells_from_bytes(bytes, [&](std::size_t line, const std::vector<sheets::Cell>& cells) {
    row.clear();
    for (const auto& cell : cells) row.push_back(cell.text);
    if (header) {
      const auto is_tax = [](const std::string& name) { return core::trim(name) == "tax_code"; };
      tax_column = std::find_if(row.begin(), row.end(), is_tax) - row.begin();
      header = false;
    } else if (tax_column < cells.size() && cells[tax_column].kind == sheets::Cell::Kind::Number &&
               cells[tax_column].text.size() == 9) {
      row[tax_column].insert(0, "0");
    }
    visit(static_cast<std::int64_t>(line), row);
  });
}

// A whole number: "12abc" and "1.5" are refused (std::stoll alone would read 12 and 1).
std::int64_t whole_number(const std::string& text) {
  const std::string digits = core::trim(text);
  std::size_t used = 0;
  const std::int64_t value = std::stoll(digits, &used);
  if (used != digits.size()) throw std::invalid_argument(text);
  return value;
}

constexpr std::size_t kImportBatch = 500;        // rows checked and written together (one lookup per batch)
constexpr std::size_t kImportListedProblems = 1000;  // bad cells listed in the answer (all are counted)

// An enterprise import inside the caller's transaction, streamed: rows are checked as they arrive and written
// in batches, so memory stays bounded whatever the file's size. After the first bad cell nothing more is
// written (the transaction rolls back: all or nothing), but every row is still checked, so the answer names
// every bad cell (line and column).
class EnterpriseImport {
 public:
  EnterpriseImport(soci::session& sql, const core::Principal& caller, std::int64_t at)
      : sql_(sql), caller_(caller), at_(at) {}

  void on_row(std::int64_t line, std::vector<std::string>& cells) {
    if (!header_seen_) {
      header_seen_ = true;
      for (auto& name : cells) header_.push_back(core::trim(name));
      return;
    }
    if (++rows_ == 1 && std::find(header_.begin(), header_.end(), "tax_code") == header_.end())
      core::bad_input("INVALID_IMPORT", "Dòng tiêu đề phải có cột «tax_code» (và «name» cho doanh nghiệp mới).");
    Pending row{line, {}, json::object()};
    bool bad = false;
    for (std::size_t c = 0; c < header_.size() && c < cells.size(); ++c) {
      if (cells[c].empty() || header_[c].empty()) continue;
      if (header_[c] != "charter_capital" && header_[c] != "compliance_level") {
        row.fields[header_[c]] = std::move(cells[c]);
        continue;
      }
      try {
        row.fields[header_[c]] = whole_number(cells[c]);
      } catch (const std::logic_error&) {
        problem(line, header_[c], "Vốn điều lệ và mức độ tuân thủ phải là số nguyên.");
        bad = true;
      }
    }
    try {
      row.code = parse_tax(row.fields.value("tax_code", ""));
    } catch (const Error& error) {
      problem(line, "tax_code", error.what());
      bad = true;
    }
    if (bad) return;
    batch_.push_back(std::move(row));
    if (batch_.size() >= kImportBatch) flush();
  }

  void flush() {
    std::vector<std::string> codes;
    for (const auto& row : batch_) codes.push_back(row.code.canonical);
    for (auto& e : store::enterprises_by_tax_codes(sql_, codes)) known_[e.tax_code] = std::move(e);
    for (auto& row : batch_) {
      const auto it = known_.find(row.code.canonical);
      const bool existing = it != known_.end();
      store::Enterprise e = existing ? it->second : store::Enterprise{};
      e.tax_code = row.code.canonical;
      e.tax_kind = tax_kind(row.code.kind);
      if (!existing) e.source = "IMPORT";
      json changes;
      try {
        changes = apply_fields(e, row.fields);
      } catch (const Error& error) {
        problem(row.line, error.details().value("field", ""), error.what());
        continue;
      }
      if (result.problem_count == 0 && !(existing && changes.empty())) write(e, existing, changes);
      known_[e.tax_code] = std::move(e);  // a later row of the file with the same code sees this one
    }
    batch_.clear();
    known_.clear();
  }

  // The verdict once every row was read: throws when the file was empty or had a bad cell.
  ImportResult finish() {
    flush();
    if (rows_ == 0) core::bad_input("EMPTY_IMPORT", "Tệp không có dòng dữ liệu nào sau dòng tiêu đề.");
    if (result.problem_count == 0) return result;
    json details = json::array();
    for (const auto& p : result.problems)
      details.push_back({{"line", p.line}, {"column", p.column}, {"message", p.message}});
    throw Error(ErrorKind::Unprocessable, "IMPORT_INVALID",
                "Tệp có " + std::to_string(result.problem_count) + " ô không hợp lệ ở " + std::to_string(bad_lines_) +
                    " dòng; chưa dòng nào được nhập.",
                {{"problems", details}, {"problem_count", result.problem_count}});
  }

  ImportResult result;

 private:
  struct Pending {
    std::int64_t line = 0;
    core::TaxCode code;
    json fields;
  };

  void problem(std::int64_t line, const std::string& column, const std::string& message) {
    if (line != last_bad_line_) ++bad_lines_, last_bad_line_ = line;
    ++result.problem_count;
    if (result.problems.size() < kImportListedProblems) result.problems.push_back({line, column, message});
  }

  void write(store::Enterprise& e, bool existing, const json& changes) {
    if (existing) {
      store::update_enterprise(sql_, e, at_);
      ++result.updated;
    } else {
      e.id = store::insert_enterprise(sql_, e, caller_.account_id, at_);
      ++result.created;
    }
    store::insert_enterprise_change(sql_, e.id, {at_, caller_.username, caller_.unit_code, "IMPORT", changes.dump()});
  }

  soci::session& sql_;
  const core::Principal& caller_;
  std::int64_t at_;
  bool header_seen_ = false;
  std::vector<std::string> header_;
  std::int64_t rows_ = 0, bad_lines_ = 0, last_bad_line_ = 0;
  std::vector<Pending> batch_;
  std::map<std::string, store::Enterprise> known_;  // this batch's enterprises, as the file leaves them
};

}  // namespace

ImportResult AuditService::import_enterprises(const core::Principal& caller, const std::string& body) {
  require_audit_user(caller);
  const bool xlsx = sheets::has_zip_signature(body);
  // One transaction: a file with any bad cell changes nothing, and the answer lists every bad cell.
  return db_.transaction([&](soci::session& sql) {
    EnterpriseImport import(sql, caller, now());
    const RowVisitor visit = [&](std::int64_t line, std::vector<std::string>& cells) { import.on_row(line, cells); };
    if (xlsx) each_xlsx_row(body, visit);
    else each_csv_row(body, visit);
    const ImportResult result = import.finish();
    history::append(sql, caller, {"audit.enterprise.import", "audit_enterprise", "import",
                                  "Nhập danh bạ doanh nghiệp: " + std::to_string(result.created) + " mới, " +
                                      std::to_string(result.updated) + " cập nhật"});
    return result;
  });
}

store::EnterprisePage AuditService::find_enterprises(const core::Principal& caller, const std::string& q,
                                                     const std::string& sort, bool descending, std::int64_t offset,
                                                     std::int64_t limit) {
  require_audit_user(caller);
  store::EnterpriseQuery query;
  std::string digits;
  for (const char c : q)
    if (c != ' ' && c != '.' && c != '-') digits += c;
  const bool is_code = !digits.empty() && std::all_of(digits.begin(), digits.end(), ::isdigit);
  if (is_code) {
    query.tax_prefix = digits.size() > 10 ? digits.substr(0, 10) + "-" + digits.substr(10) : digits;
  } else {
    query.words = search_words(core::fold(q));
    if (query.words.size() > 8) query.words.resize(8);
  }
  query.sort = sort;
  query.descending = descending;
  query.offset = offset;
  query.limit = limit;
  if (!query.words.empty())
    if (auto page = names_->search(query)) return *page;
  return db_.read([&](soci::session& sql) { return store::search_enterprises(sql, query); });
}

ProposalDetail AuditService::detail(soci::session& sql, const store::Proposal& p) {
  ProposalDetail d{p, store::decisions_of(sql, p.id), store::conclusion_of(sql, p.id), store::penalties_of(sql, p.id),
                   store::complaints_of(sql, p.id), {}, ""};
  if (is_open_status(p.status)) d.duplicates = duplicates_for(sql, p.enterprise_id, "PROPOSAL", p.id, p.unit_id);
  if (!d.decisions.empty()) d.audit_end_on = d.decisions.back().end_on;
  return d;
}

// The record, list, search and history of an item follow one scope: may_read_unit (rules.h).
std::vector<store::Proposal> AuditService::proposals_as_seen(soci::session& sql, const core::Principal& caller,
                                                             std::int64_t enterprise_id) {
  const std::string department = department_path(sql);
  auto list = store::proposals_of_enterprise(sql, enterprise_id);
  for (auto& p : list)
    if (!may_read_unit(caller, p.unit_path, department)) restrict_proposal(p);
  return list;
}

std::vector<store::Collection> AuditService::collections_as_seen(soci::session& sql, const core::Principal& caller,
                                                                 std::int64_t enterprise_id) {
  const std::string department = department_path(sql);
  auto list = with_due_dates(sql, store::collections_of_enterprise(sql, enterprise_id));
  for (auto& c : list)
    if (!may_read_unit(caller, c.unit_path, department)) restrict_collection(c);
  return list;
}

EnterpriseRecord AuditService::record(const core::Principal& caller, const std::string& tax_code) {
  require_audit_user(caller);
  const core::TaxCode code = parse_tax(tax_code);
  return db_.read([&](soci::session& sql) {
    auto e = store::find_enterprise(sql, code.canonical);
    if (!e) core::not_found("Không có doanh nghiệp mã số thuế " + code.canonical + " trong danh bạ.");
    EnterpriseRecord r{*e, store::key_years(sql, e->id), store::enterprise_changes(sql, e->id, 100), {},
                       collections_as_seen(sql, caller, e->id)};
    for (const auto& p : proposals_as_seen(sql, caller, e->id)) {
      if (!p.restricted) {
        r.proposals.push_back(detail(sql, p));
        continue;
      }
      ProposalDetail d;  // no decisions, conclusion, penalties or complaints
      d.proposal = p;
      if (is_open_status(p.status)) d.duplicates = duplicates_for(sql, p.enterprise_id, "PROPOSAL", p.id, p.unit_id);
      r.proposals.push_back(std::move(d));
    }
    return r;
  });
}

bool AuditService::may_read_entity(const core::Principal& caller, const std::string& entity_type,
                                   const std::string& entity_id) {
  if (!is_audit_user(caller)) return false;
  if (entity_type == "audit_enterprise") return true;  // the directory and the key list are national
  return db_.read([&](soci::session& sql) {
    const std::string department = department_path(sql);
    if (entity_type == "audit_report") {  // "F19:<unit code>"
      const auto unit = store::find_unit(sql, entity_id.substr(entity_id.find(':') + 1));
      return unit && may_read_unit(caller, unit->path, department);
    }
    if (entity_type == "audit_feedback")
      return caller.is_platform_admin() || (caller.has_role("audit.leader") && in_audit_department(caller, department));
    std::int64_t id = 0;
    try {
      std::size_t used = 0;
      id = std::stoll(entity_id, &used);
      if (used != entity_id.size()) return false;
    } catch (const std::logic_error&) {
      return false;
    }
    if (entity_type == "audit_proposal") {
      const auto p = store::find_proposal(sql, id);
      return p && may_read_unit(caller, p->unit_path, department);
    }
    if (entity_type == "audit_collection") {
      const auto c = store::find_collection(sql, id);
      return c && may_read_unit(caller, c->unit_path, department);
    }
    return false;
  });
}

// ---- key enterprises ----

store::KeyEnterprise AuditService::add_key_enterprise(const core::Principal& caller, const std::string& tax_code,
                                                      std::int64_t year, const std::string& reason) {
  const core::TaxCode code = parse_tax(tax_code);
  if (year < 2000 || year > 2199) invalid("year", "Năm phải từ 2000 đến 2199.");
  return db_.transaction([&](soci::session& sql) {
    if (!may_keep_key_list(caller, department_path(sql)))
      core::forbidden("Chỉ lãnh đạo Cục Kiểm tra sau thông quan được lập danh sách doanh nghiệp trọng điểm.");
    const store::Enterprise e = enterprise_for_item(sql, caller, code.canonical);
    if (store::is_key_enterprise(sql, e.id, year))
      core::conflict("ALREADY_KEY_ENTERPRISE", "Doanh nghiệp " + e.tax_code + " đã có trong danh sách trọng điểm năm " +
                                                   std::to_string(year) + ".");
    store::KeyEnterprise k{0, e.id, year, now(), e.tax_code, e.name, reason, caller.username};
    k.id = store::insert_key_enterprise(sql, k);
    history::append(sql, caller, {"audit.key_enterprise.add", "audit_enterprise", e.tax_code,
                                  "Đưa doanh nghiệp " + e.tax_code + " vào danh sách trọng điểm năm " +
                                      std::to_string(year)});
    return k;
  });
}

void AuditService::remove_key_enterprise(const core::Principal& caller, const std::string& tax_code, std::int64_t year) {
  const core::TaxCode code = parse_tax(tax_code);
  db_.transaction([&](soci::session& sql) {
    if (!may_keep_key_list(caller, department_path(sql)))
      core::forbidden("Chỉ lãnh đạo Cục Kiểm tra sau thông quan được sửa danh sách doanh nghiệp trọng điểm.");
    auto e = store::find_enterprise(sql, code.canonical);
    if (!e || !store::delete_key_enterprise(sql, e->id, year))
      core::not_found("Doanh nghiệp " + code.canonical + " không có trong danh sách trọng điểm năm " + std::to_string(year) + ".");
    history::append(sql, caller, {"audit.key_enterprise.remove", "audit_enterprise", code.canonical,
                                  "Đưa doanh nghiệp " + code.canonical + " ra khỏi danh sách trọng điểm năm " +
                                      std::to_string(year)});
  });
}

Page<store::KeyEnterprise> AuditService::key_enterprises(const core::Principal& caller, std::int64_t year,
                                                         std::int64_t offset, std::int64_t limit) {
  require_audit_user(caller);
  return db_.read([&](soci::session& sql) {
    Page<store::KeyEnterprise> page;
    page.items = store::list_key_enterprises(sql, year, offset, limit, page.total);
    return page;
  });
}

// ---- search (rule 1) ----

SearchResult AuditService::search(const core::Principal& caller, const std::string& tax_code) {
  require_audit_user(caller);
  const core::TaxCode code = parse_tax(tax_code);
  SearchResult result;
  result.tax_code = code.canonical;
  result.search_id = random_token();
  const std::int64_t at = now();
  result.expires_at = at + kSearchLifetimeSeconds;
  db_.transaction([&](soci::session& sql) {
    store::insert_search(sql, result.search_id, caller.account_id, code.canonical, at);
    result.enterprise = store::find_enterprise(sql, code.canonical);
    if (!result.enterprise) return;
    result.key_enterprise = store::is_key_enterprise(sql, result.enterprise->id, today().year);
    result.proposals = proposals_as_seen(sql, caller, result.enterprise->id);
    result.collections = collections_as_seen(sql, caller, result.enterprise->id);
  });
  return result;
}

// ---- proposals ----

CreatedProposal AuditService::create_proposal(const core::Principal& caller, const ProposalInput& input) {
  require_audit_user(caller);
  const core::TaxCode code = parse_tax(input.tax_code);
  const auto place = parse_place(input.place);
  if (!place) invalid("place", "Nơi kiểm tra phải là PREMISES (trụ sở người khai hải quan) hoặc OFFICE (trụ sở cơ quan hải quan).");
  const std::string grounds = core::trim(input.grounds);
  if (grounds.empty()) invalid("grounds", "Cần nêu căn cứ kiểm tra (Điều 78 Luật Hải quan).");
  const core::Date day = today();
  if (const Problem problem = period_problem(input.period_from, input.period_to, day)) {
    if (problem.code == "INVALID_PERIOD") core::bad_input(problem.code, problem.message, {{"field", "period_to"}});
    throw Error(ErrorKind::Unprocessable, problem.code, problem.message, {{"field", "period_from"}});
  }
  return db_.transaction([&](soci::session& sql) {
    const std::int64_t at = now();
    if (input.search_id.empty() ||
        !store::search_valid(sql, input.search_id, caller.account_id, code.canonical, at - kSearchLifetimeSeconds))
      core::conflict("SEARCH_REQUIRED",
                     "Phải tra cứu doanh nghiệp " + code.canonical + " (GET /audit/search) và xem kết quả trước khi lập "
                     "đề xuất; kết quả tra cứu có hiệu lực 24 giờ.",
                     {{"field", "search_id"}});
    const store::Enterprise e = enterprise_for_item(sql, caller, code.canonical);
    store::lock_enterprise(sql, e.id);
    if (store::is_key_enterprise(sql, e.id, day.year))
      core::conflict("KEY_ENTERPRISE", "Doanh nghiệp " + e.tax_code + " thuộc danh sách doanh nghiệp trọng điểm năm " +
                                           std::to_string(day.year) + ": không được đề xuất kiểm tra.");
    store::Proposal p;
    p.year = day.year;
    p.enterprise_id = e.id;
    p.unit_id = caller.unit_id;
    p.place = place_code(*place);
    p.grounds_kind = grounds_kind(grounds);
    p.grounds = grounds;
    p.period_from = date_text(input.period_from);
    p.period_to = date_text(input.period_to);
    p.status = input.draft ? "DRAFT" : "SUBMITTED";
    p.source = "STQ02";
    p.proposed_by = caller.username;
    p.created_at = p.updated_at = at;
    p.submitted_at = input.draft ? 0 : at;
    const auto duplicates = duplicates_for(sql, e.id, "PROPOSAL", 0, caller.unit_id);
    p.duplicate_count = static_cast<std::int64_t>(duplicates.size());
    p.number = std::to_string(store::next_in_sequence(sql, "proposal", p.year)) + "/" + std::to_string(p.year) +
               "/ĐXKT-" + caller.unit_code;
    p.id = store::insert_proposal(sql, p);
    std::string summary = "Lập đề xuất kiểm tra " + p.number + " doanh nghiệp " + e.tax_code + " tại " +
                          (p.place == "PREMISES" ? "trụ sở người khai hải quan" : "trụ sở cơ quan hải quan");
    if (!duplicates.empty()) summary += "; cảnh báo trùng với " + std::to_string(duplicates.size()) + " đề xuất khác";
    history::append(sql, caller, change("audit.proposal.create", "audit_proposal", p.id, summary));
    return CreatedProposal{proposal_for(sql, p.id), duplicates};
  });
}

namespace {

void check_approval(soci::session& sql, const store::Proposal& p) {
  std::vector<ProposalFacts> others;
  std::vector<store::Proposal> all = store::proposals_of_enterprise(sql, p.enterprise_id);
  for (const auto& o : all) others.push_back(facts_of(o));
  std::int64_t blocking = 0;
  const auto block = approval_block(facts_of(p), others, store::is_key_enterprise(sql, p.enterprise_id, p.year), blocking);
  const auto other = std::find_if(all.begin(), all.end(), [&](const store::Proposal& o) { return o.id == blocking; });
  const json details = other == all.end() ? json::object()
                                          : json{{"other_id", other->id}, {"other_number", other->number},
                                                 {"other_unit_code", other->unit_code}};
  switch (block) {
    case ApprovalBlock::None: return;
    case ApprovalBlock::KeyEnterprise:
      core::conflict("KEY_ENTERPRISE", "Doanh nghiệp " + p.tax_code + " thuộc danh sách doanh nghiệp trọng điểm năm " +
                                           std::to_string(p.year) + ": không được phê duyệt đề xuất kiểm tra.");
    case ApprovalBlock::AlreadyApprovedThisYear:
      core::conflict("ALREADY_APPROVED_THIS_YEAR",
                     "Doanh nghiệp " + p.tax_code + " đã có đề xuất kiểm tra tại trụ sở được phê duyệt trong năm " +
                         std::to_string(p.year) + " (đề xuất " + other->number + " của đơn vị " + other->unit_code + ").",
                     details);
    case ApprovalBlock::EarlierProposalPending:
      core::conflict("EARLIER_PROPOSAL_PENDING",
                     "Đề xuất " + other->number + " của đơn vị " + other->unit_code +
                         " được lập trước và đang chờ phê duyệt: theo nguyên tắc đề xuất trước được xét trước, "
                         "đề xuất này chưa thể phê duyệt.",
                     details);
  }
}

}  // namespace

store::Proposal AuditService::act_on_proposal(const core::Principal& caller, std::int64_t id, Action action,
                                              const std::string& reason) {
  require_audit_user(caller);
  return db_.transaction([&](soci::session& sql) {
    store::Proposal p = proposal_for(sql, id);
    const bool leader = may_approve_for(caller, p.unit_path);
    const bool own = p.proposed_by == caller.username && (p.status == "DRAFT" || p.status == "SUBMITTED");
    const bool allowed = action == Action::Submit ? may_record_for(caller, p.unit_path)
                         : action == Action::Cancel ? leader || own
                                                    : leader;
    if (!allowed)
      core::forbidden("Bạn không có quyền " + action_name(action) + " đề xuất của đơn vị " + p.unit_code +
                      ": cần quyền lãnh đạo phê duyệt của đơn vị đó hoặc đơn vị cấp trên.");
    store::lock_enterprise(sql, p.enterprise_id);  // serialises decisions about one enterprise
    p = proposal_for(sql, id);
    const auto next = next_status(p.status, p.paused_from, action);
    if (!next || (action == Action::Cancel && store::conclusion_of(sql, id)))
      core::conflict("INVALID_TRANSITION", "Không thể " + action_name(action) + " đề xuất đang ở trạng thái «" +
                                               status_name(p.status) + "».",
                     {{"status", p.status}});
    if (action == Action::Approve) check_approval(sql, p);
    const std::string from = p.status;
    const std::int64_t at = now();
    if (action == Action::Pause) p.paused_from = p.status, p.paused_at = at;
    if (action == Action::Resume) p.paused_from.clear();
    if (action == Action::Approve) p.approved_at = at, p.decided_by = caller.username;
    if (action == Action::Reject) p.rejected_at = at, p.decided_by = caller.username;
    if (action == Action::Cancel) p.cancelled_at = at;
    if (action == Action::Submit) p.submitted_at = at;
    if (!reason.empty()) p.reason = reason;
    p.status = *next;
    p.updated_at = at;
    const bool counts = p.place == "PREMISES" && holds_approval(facts_of(p));
    try {
      if (!store::update_proposal_state(sql, p, counts, from)) changed_meanwhile("Đề xuất " + p.number);
    } catch (const soci::soci_error& error) {
      if (!db::is_constraint_violation(error)) throw;
      core::conflict("ALREADY_APPROVED_THIS_YEAR", "Doanh nghiệp " + p.tax_code +
                                                       " đã có đề xuất kiểm tra tại trụ sở được phê duyệt trong năm " +
                                                       std::to_string(p.year) + ".");
    }
    std::string summary = "Chuyển đề xuất " + p.number + " sang trạng thái «" + status_name(p.status) + "»";
    if (!reason.empty()) summary += "; lý do: " + reason;
    history::append(sql, caller, change("audit.proposal." + action_code(action), "audit_proposal", p.id, summary));
    return p;
  });
}

ProposalDetail AuditService::proposal(const core::Principal& caller, std::int64_t id) {
  require_audit_user(caller);
  return db_.read([&](soci::session& sql) {
    const store::Proposal p = proposal_for(sql, id);
    if (!may_read_unit(caller, p.unit_path, department_path(sql)))
      core::forbidden("Đề xuất này thuộc đơn vị " + p.unit_code + ", nằm ngoài phạm vi đơn vị của bạn.");
    return detail(sql, p);
  });
}

Page<store::Proposal> AuditService::list_proposals(const core::Principal& caller, const std::string& unit_code,
                                                   store::ListQuery query) {
  require_audit_user(caller);
  return db_.read([&](soci::session& sql) {
    query.unit_path = visible_path(sql, caller, unit_code);
    Page<store::Proposal> page;
    page.items = store::list_proposals(sql, query, page.total);
    return page;
  });
}

Page<std::pair<store::Proposal, std::vector<Duplicate>>> AuditService::proposal_queue(const core::Principal& caller,
                                                                                      std::int64_t offset,
                                                                                      std::int64_t limit) {
  if (!is_audit_leader(caller)) core::forbidden("Danh sách chờ phê duyệt dành cho lãnh đạo.");
  return db_.read([&](soci::session& sql) {
    store::ListQuery query;
    query.unit_path = caller.visible_root();
    query.status = "SUBMITTED";
    query.oldest_submitted_first = true;
    query.offset = offset;
    query.limit = limit;
    Page<std::pair<store::Proposal, std::vector<Duplicate>>> page;
    for (auto& p : store::list_proposals(sql, query, page.total))
      page.items.emplace_back(p, duplicates_for(sql, p.enterprise_id, "PROPOSAL", p.id, p.unit_id));
    return page;
  });
}

Page<std::pair<store::Collection, std::vector<Duplicate>>> AuditService::collection_queue(const core::Principal& caller,
                                                                                          const std::string& status,
                                                                                          std::int64_t offset,
                                                                                          std::int64_t limit) {
  if (!is_audit_leader(caller)) core::forbidden("Danh sách chờ phê duyệt dành cho lãnh đạo.");
  return db_.read([&](soci::session& sql) {
    store::ListQuery query;
    query.unit_path = caller.visible_root();
    query.status = status;
    query.oldest_submitted_first = true;
    query.offset = offset;
    query.limit = limit;
    Page<std::pair<store::Collection, std::vector<Duplicate>>> page;
    for (auto& c : with_due_dates(sql, store::list_collections(sql, query, page.total)))
      page.items.emplace_back(c, duplicates_for(sql, c.enterprise_id, "COLLECTION", c.id, c.unit_id));
    return page;
  });
}

// ---- decisions, conclusion, penalties, complaints ----

namespace {

void require_recorder(const core::Principal& caller, const store::Proposal& p) {
  if (!may_record_for(caller, p.unit_path))
    core::forbidden("Chỉ công chức, lãnh đạo của đơn vị " + p.unit_code + " hoặc đơn vị cấp trên được cập nhật cuộc kiểm tra này.");
}

void require_approved(const store::Proposal& p, const std::string& what) {
  if (p.status != "APPROVED")
    core::conflict("PROPOSAL_NOT_APPROVED", "Không thể nhập " + what + ": đề xuất " + p.number + " đang ở trạng thái «" +
                                                status_name(p.status) + "», chưa phải «đã phê duyệt».",
                   {{"status", p.status}});
}

}  // namespace

store::Decision AuditService::add_decision(const core::Principal& caller, std::int64_t proposal_id,
                                           const DecisionInput& input) {
  require_audit_user(caller);
  const auto kind = parse_decision_kind(input.kind);
  if (!kind) invalid("kind", "Loại quyết định phải là ORIGINAL, AMENDMENT, EXTENSION hoặc CANCELLATION.");
  if (core::trim(input.number).empty()) invalid("number", "Số quyết định là bắt buộc.");
  return db_.transaction([&](soci::session& sql) {
    const store::Proposal before = proposal_for(sql, proposal_id);
    require_recorder(caller, before);
    // Two decisions entered at once for one proposal: the enterprise's row lock makes the second wait and
    // read the first (PostgreSQL runs at read committed); the state is read again after the lock.
    store::lock_enterprise(sql, before.enterprise_id);
    const store::Proposal p = proposal_for(sql, proposal_id);
    require_approved(p, "quyết định kiểm tra");
    if (store::conclusion_of(sql, p.id))
      core::conflict("ALREADY_CONCLUDED", "Cuộc kiểm tra đã có kết luận: không thể nhập thêm quyết định.");
    const auto calendar = platform::load_calendar(sql);
    std::vector<DecisionFacts> existing;
    for (const auto& d : store::decisions_of(sql, p.id))
      existing.push_back({*parse_decision_kind(d.kind), static_cast<int>(d.working_days), *core::parse_date(d.end_on)});
    const core::Date day = today();
    const core::Date start = input.start_on.value_or(input.signed_on);
    const core::Date end = check_decision(calendar, *parse_place(p.place), existing, *kind, input.signed_on, start,
                                          input.working_days, day);
    store::Decision d;
    d.proposal_id = p.id;
    d.kind = decision_kind_code(*kind);
    d.number = core::trim(input.number);
    d.signed_on = date_text(input.signed_on);
    d.signer = input.signer;
    d.team = input.team;
    d.start_on = date_text(start);
    d.working_days = *kind == DecisionKind::Cancellation ? 0 : input.working_days;
    d.end_on = date_text(end);
    d.due_on = date_text(entry_due(calendar, input.signed_on, kDecisionEntryWorkingDays));
    d.late = date_text(day) > d.due_on;
    d.entered_by = caller.username;
    d.entered_at = now();
    try {
      d.id = store::insert_decision(sql, d);
    } catch (const soci::soci_error& error) {  // the one-ORIGINAL index (migration 0203)
      if (!db::is_constraint_violation(error)) throw;
      core::conflict("ORIGINAL_DECISION_EXISTS", "Đề xuất này đã có quyết định kiểm tra; hãy nhập quyết định sửa đổi.");
    }
    store::open_deadline(sql, {0, p.unit_id, d.id, d.entered_at, "DECISION_ENTRY", "audit_decision",
                               "Nhập quyết định " + d.number, d.due_on, "", d.late});
    history::append(sql, caller, change("audit.decision.create", "audit_proposal", p.id,
                                        "Nhập quyết định " + d.kind + " số " + d.number + " ký ngày " + d.signed_on +
                                            (d.late ? " (nhập muộn, hạn " + d.due_on + ")" : "")));
    return d;
  });
}

store::Conclusion AuditService::add_conclusion(const core::Principal& caller, std::int64_t proposal_id,
                                               const ConclusionInput& input) {
  require_audit_user(caller);
  if (core::trim(input.number).empty()) invalid("number", "Số kết luận là bắt buộc.");
  check_amounts(input.amounts);
  if (input.declarations < 0) invalid("declarations", "Số tờ khai không được âm.");
  const core::Date day = today();
  if (day < input.signed_on) invalid("signed_on", "Ngày ký kết luận không được sau ngày hôm nay.");
  return db_.transaction([&](soci::session& sql) {
    const store::Proposal p = proposal_for(sql, proposal_id);
    require_recorder(caller, p);
    require_approved(p, "kết luận kiểm tra");
    store::lock_enterprise(sql, p.enterprise_id);
    if (store::conclusion_of(sql, p.id))
      core::conflict("CONCLUSION_EXISTS", "Cuộc kiểm tra theo đề xuất " + p.number + " đã có kết luận.");
    const auto decisions = store::decisions_of(sql, p.id);
    for (const auto& d : decisions) {
      if (d.kind == "CANCELLATION")
        core::conflict("DECISION_CANCELLED", "Quyết định kiểm tra đã bị hủy bỏ: không thể nhập kết luận.");
      if (d.kind == "ORIGINAL" && date_text(input.signed_on) < d.signed_on)
        core::bad_input("INVALID_DATES", "Ngày ký kết luận không được trước ngày ký quyết định kiểm tra (" + d.signed_on + ").",
                        {{"field", "signed_on"}});
    }
    const auto calendar = platform::load_calendar(sql);
    store::Conclusion c;
    c.proposal_id = p.id;
    c.number = core::trim(input.number);
    c.signed_on = date_text(input.signed_on);
    c.findings = input.findings;
    c.declarations = input.declarations;
    c.amounts = input.amounts;
    c.has_violation = input.has_violation.value_or(input.amounts.total() > 0);
    c.status = "ENTERED";
    c.due_on = date_text(entry_due(calendar, input.signed_on, kConclusionEntryWorkingDays));
    c.late = date_text(day) > c.due_on;
    c.entered_by = caller.username;
    c.entered_at = now();
    try {
      c.id = store::insert_conclusion(sql, c);
    } catch (const soci::soci_error& error) {
      if (!db::is_constraint_violation(error)) throw;
      core::conflict("CONCLUSION_EXISTS", "Cuộc kiểm tra theo đề xuất " + p.number + " đã có kết luận.");
    }
    store::open_deadline(sql, {0, p.unit_id, c.id, c.entered_at, "CONCLUSION_ENTRY", "audit_conclusion",
                               "Nhập kết luận " + c.number, c.due_on, "", c.late});
    history::append(sql, caller, change("audit.conclusion.create", "audit_proposal", p.id,
                                        "Nhập kết luận số " + c.number + " ký ngày " + c.signed_on + ", tổng số tiền " +
                                            std::to_string(c.amounts.total()) + " đồng" +
                                            (c.late ? " (nhập muộn, hạn " + c.due_on + ")" : "")));
    return c;
  });
}

store::Conclusion AuditService::approve_conclusion(const core::Principal& caller, std::int64_t proposal_id) {
  return db_.transaction([&](soci::session& sql) {
    const store::Proposal p = proposal_for(sql, proposal_id);
    if (!may_approve_for(caller, p.unit_path)) core::forbidden("Chỉ lãnh đạo được phê duyệt kết luận kiểm tra.");
    auto c = store::conclusion_of(sql, p.id);
    if (!c) core::conflict("CONCLUSION_REQUIRED", "Cuộc kiểm tra chưa có kết luận để phê duyệt.");
    if (c->status == "APPROVED") core::conflict("INVALID_TRANSITION", "Kết luận đã được phê duyệt.");
    if (!store::approve_conclusion(sql, c->id, caller.username, now())) changed_meanwhile("Kết luận số " + c->number);
    history::append(sql, caller, change("audit.conclusion.approve", "audit_proposal", p.id, "Phê duyệt kết luận số " + c->number));
    return *store::conclusion_of(sql, p.id);
  });
}

store::Penalty AuditService::add_penalty(const core::Principal& caller, std::int64_t proposal_id, store::Penalty penalty) {
  require_audit_user(caller);
  if (core::trim(penalty.number).empty()) invalid("number", "Số quyết định xử phạt là bắt buộc.");
  if (penalty.amount < 0 || penalty.amount > kMaxAmount) core::bad_input("INVALID_AMOUNT", "Số tiền phạt phải là số đồng không âm.", {{"field", "amount"}});
  return db_.transaction([&](soci::session& sql) {
    const store::Proposal p = proposal_for(sql, proposal_id);
    require_recorder(caller, p);
    const auto c = store::conclusion_of(sql, p.id);
    if (!c) core::conflict("CONCLUSION_REQUIRED", "Quyết định xử phạt gắn với kết luận kiểm tra: hãy nhập kết luận trước.");
    if (penalty.signed_on < c->signed_on)
      core::bad_input("INVALID_DATES", "Ngày ký quyết định xử phạt không được trước ngày kết luận (" + c->signed_on + ").",
                      {{"field", "signed_on"}});
    penalty.proposal_id = p.id;
    penalty.entered_by = caller.username;
    penalty.entered_at = now();
    penalty.id = store::insert_penalty(sql, penalty);
    history::append(sql, caller, change("audit.penalty.create", "audit_proposal", p.id,
                                        "Nhập quyết định xử phạt số " + penalty.number + ", " +
                                            std::to_string(penalty.amount) + " đồng"));
    return penalty;
  });
}

store::Complaint AuditService::add_complaint(const core::Principal& caller, std::int64_t proposal_id,
                                             store::Complaint complaint) {
  require_audit_user(caller);
  if (core::trim(complaint.content).empty()) invalid("content", "Nội dung khiếu nại là bắt buộc.");
  return db_.transaction([&](soci::session& sql) {
    const store::Proposal p = proposal_for(sql, proposal_id);
    require_recorder(caller, p);
    if (!store::conclusion_of(sql, p.id))
      core::conflict("CONCLUSION_REQUIRED", "Khiếu nại gắn với kết luận kiểm tra: hãy nhập kết luận trước.");
    complaint.proposal_id = p.id;
    complaint.status = "FILED";
    complaint.entered_by = caller.username;
    complaint.entered_at = now();
    complaint.id = store::insert_complaint(sql, complaint);
    history::append(sql, caller, change("audit.complaint.create", "audit_proposal", p.id,
                                        "Ghi nhận khiếu nại ngày " + complaint.filed_on));
    return complaint;
  });
}

store::Complaint AuditService::decide_complaint(const core::Principal& caller, std::int64_t complaint_id,
                                                const core::Date& decided_on, const std::string& outcome) {
  require_audit_user(caller);
  if (core::trim(outcome).empty()) invalid("outcome", "Cần ghi kết quả giải quyết khiếu nại.");
  return db_.transaction([&](soci::session& sql) {
    auto c = store::find_complaint(sql, complaint_id);
    if (!c) core::not_found("Không tìm thấy khiếu nại số " + std::to_string(complaint_id) + ".");
    const store::Proposal p = proposal_for(sql, c->proposal_id);
    require_recorder(caller, p);
    if (c->status == "DECIDED") core::conflict("INVALID_TRANSITION", "Khiếu nại này đã được giải quyết.");
    if (date_text(decided_on) < c->filed_on)
      core::bad_input("INVALID_DATES", "Ngày giải quyết không được trước ngày khiếu nại.", {{"field", "decided_on"}});
    c->status = "DECIDED";
    c->decided_on = date_text(decided_on);
    c->outcome = outcome;
    if (!store::decide_complaint(sql, *c)) changed_meanwhile("Khiếu nại ngày " + c->filed_on);
    history::append(sql, caller, change("audit.complaint.decide", "audit_proposal", p.id,
                                        "Giải quyết khiếu nại ngày " + c->decided_on + ": " + outcome));
    return *c;
  });
}

// ---- information collection ----

AuditService::CreatedCollection AuditService::create_collection(const core::Principal& caller,
                                                                const CollectionInput& input) {
  require_audit_user(caller);
  parse_tax(input.tax_code);
  if (core::trim(input.signs).empty()) invalid("signs", "Cần nêu dấu hiệu vi phạm.");
  if (input.risk_areas.empty()) invalid("risk_areas", "Cần chọn ít nhất một lĩnh vực rủi ro.");
  std::string areas;
  for (const auto& area : input.risk_areas) {
    if (!is_risk_area(area)) invalid("risk_areas", "Lĩnh vực rủi ro «" + area + "» không hợp lệ.");
    if (areas.find(area) == std::string::npos) areas += (areas.empty() ? "" : ",") + area;
  }
  return db_.transaction([&](soci::session& sql) {
    const store::Enterprise e = enterprise_for_item(sql, caller, input.tax_code);
    store::lock_enterprise(sql, e.id);
    const core::Date day = today();
    store::Collection c;
    c.year = day.year;
    c.enterprise_id = e.id;
    c.unit_id = caller.unit_id;
    c.signs = core::trim(input.signs);
    c.risk_areas = areas;
    c.status = "SUBMITTED";
    c.proposed_by = caller.username;
    c.proposed_at = c.updated_at = now();
    const auto duplicates = duplicates_for(sql, e.id, "COLLECTION", 0, caller.unit_id);
    c.duplicate_count = static_cast<std::int64_t>(duplicates.size());
    c.number = std::to_string(store::next_in_sequence(sql, "collection", c.year)) + "/" + std::to_string(c.year) +
               "/TTTT-" + caller.unit_code;
    c.id = store::insert_collection(sql, c);
    const auto calendar = platform::load_calendar(sql);
    store::open_deadline(sql, {0, c.unit_id, c.id, 0, "COLLECTION_APPROVAL", "audit_collection",
                               "Phê duyệt đề xuất thu thập " + c.number, date_text(collection_approval_due(calendar, day)),
                               "", false});
    history::append(sql, caller, change("audit.collection.create", "audit_collection", c.id,
                                        "Lập đề xuất thu thập thông tin " + c.number + " doanh nghiệp " + e.tax_code +
                                            (duplicates.empty() ? "" : "; cảnh báo trùng " + std::to_string(duplicates.size()))));
    return CreatedCollection{collection_for(sql, c.id), duplicates};
  });
}

store::Collection AuditService::act_on_collection(const core::Principal& caller, std::int64_t id, Action action,
                                                  const std::string& reason) {
  require_audit_user(caller);
  return db_.transaction([&](soci::session& sql) {
    store::Collection c = collection_for(sql, id);
    const bool own = c.proposed_by == caller.username && c.status == "SUBMITTED" && action == Action::Cancel;
    if (!may_approve_for(caller, c.unit_path) && !own)
      core::forbidden("Bạn không có quyền " + action_name(action) + " đề xuất thu thập của đơn vị " + c.unit_code + ".");
    const auto next = next_status(c.status, c.paused_from, action);
    if (!next)
      core::conflict("INVALID_TRANSITION", "Không thể " + action_name(action) + " đề xuất thu thập đang ở trạng thái «" +
                                               status_name(c.status) + "».",
                     {{"status", c.status}});
    const std::string from = c.status;
    const std::int64_t at = now();
    if (action == Action::Pause) c.paused_from = c.status;
    if (action == Action::Resume) c.paused_from.clear();
    if (action == Action::Approve) c.approved_at = at, c.decided_by = caller.username;
    if (action == Action::Reject) c.rejected_at = at, c.decided_by = caller.username;
    if (action == Action::Cancel) c.cancelled_at = at;
    if (!reason.empty()) c.reason = reason;
    c.status = *next;
    c.updated_at = at;
    if (!store::update_collection_state(sql, c, from)) changed_meanwhile("Đề xuất thu thập " + c.number);
    if (action != Action::Resume)
      store::close_deadline(sql, "COLLECTION_APPROVAL", "audit_collection", c.id, at, date_text(today()));
    if (action == Action::Cancel)
      store::close_deadline(sql, "RESULT_APPROVAL", "audit_collection", c.id, at, date_text(today()));
    history::append(sql, caller, change("audit.collection." + action_code(action), "audit_collection", c.id,
                                        "Chuyển đề xuất thu thập " + c.number + " sang trạng thái «" +
                                            status_name(c.status) + "»" + (reason.empty() ? "" : "; lý do: " + reason)));
    return c;
  });
}

store::Collection AuditService::record_collection_results(const core::Principal& caller, std::int64_t id,
                                                          const std::vector<store::CollectionResult>& results) {
  require_audit_user(caller);
  if (results.empty()) invalid("results", "Cần ghi kết quả cho ít nhất một lĩnh vực rủi ro.");
  for (const auto& r : results) {
    if (!is_risk_area(r.risk_area)) invalid("results", "Lĩnh vực rủi ro «" + r.risk_area + "» không hợp lệ.");
    if (core::trim(r.finding).empty()) invalid("results", "Cần ghi kết quả thu thập cho lĩnh vực «" + risk_area_name(r.risk_area) + "».");
  }
  return db_.transaction([&](soci::session& sql) {
    store::Collection c = collection_for(sql, id);
    if (!may_record_for(caller, c.unit_path))
      core::forbidden("Chỉ công chức của đơn vị " + c.unit_code + " được cập nhật kết quả thu thập này.");
    if (c.status != "APPROVED")
      core::conflict("INVALID_TRANSITION", "Chỉ ghi kết quả cho đề xuất thu thập đã được phê duyệt (hiện: «" +
                                               status_name(c.status) + "»).");
    const std::int64_t at = now();
    c.status = "RESULT_SUBMITTED";
    c.result_submitted_at = c.updated_at = at;
    c.has_findings = std::any_of(results.begin(), results.end(), [](const auto& r) { return r.has_violation; });
    if (!store::update_collection_state(sql, c, "APPROVED")) changed_meanwhile("Đề xuất thu thập " + c.number);
    store::replace_collection_results(sql, c.id, results);
    const auto calendar = platform::load_calendar(sql);
    store::open_deadline(sql, {0, c.unit_id, c.id, 0, "RESULT_APPROVAL", "audit_collection",
                               "Phê duyệt kết quả thu thập " + c.number,
                               date_text(collection_results_due(calendar, today())), "", false});
    history::append(sql, caller, change("audit.collection.results", "audit_collection", c.id,
                                        "Gửi kết quả thu thập " + c.number + " (" + std::to_string(results.size()) +
                                            " lĩnh vực)"));
    return collection_for(sql, c.id);
  });
}

store::Collection AuditService::approve_collection_results(const core::Principal& caller, std::int64_t id) {
  require_audit_user(caller);
  return db_.transaction([&](soci::session& sql) {
    store::Collection c = collection_for(sql, id);
    if (!may_approve_for(caller, c.unit_path))
      core::forbidden("Chỉ lãnh đạo đơn vị " + c.unit_code + " hoặc cấp trên được phê duyệt kết quả thu thập.");
    if (c.status != "RESULT_SUBMITTED")
      core::conflict("INVALID_TRANSITION", "Đề xuất thu thập chưa có kết quả chờ phê duyệt (hiện: «" +
                                               status_name(c.status) + "»).");
    const std::int64_t at = now();
    c.status = "COMPLETED";
    c.result_approved_at = c.updated_at = at;
    if (!store::update_collection_state(sql, c, "RESULT_SUBMITTED")) changed_meanwhile("Đề xuất thu thập " + c.number);
    store::close_deadline(sql, "RESULT_APPROVAL", "audit_collection", c.id, at, date_text(today()));
    history::append(sql, caller, change("audit.collection.approve_results", "audit_collection", c.id,
                                        "Phê duyệt kết quả thu thập " + c.number));
    return c;
  });
}

store::Collection AuditService::collection(const core::Principal& caller, std::int64_t id) {
  require_audit_user(caller);
  return db_.read([&](soci::session& sql) {
    store::Collection c = collection_for(sql, id);
    if (!may_read_unit(caller, c.unit_path, department_path(sql)))
      core::forbidden("Đề xuất thu thập này thuộc đơn vị " + c.unit_code + ", nằm ngoài phạm vi đơn vị của bạn.");
    return c;
  });
}

Page<store::Collection> AuditService::list_collections(const core::Principal& caller, const std::string& unit_code,
                                                       store::ListQuery query) {
  require_audit_user(caller);
  return db_.read([&](soci::session& sql) {
    query.unit_path = visible_path(sql, caller, unit_code);
    Page<store::Collection> page;
    page.items = with_due_dates(sql, store::list_collections(sql, query, page.total));
    return page;
  });
}

// ---- deadlines ----

DeadlineBoard AuditService::deadlines(const core::Principal& caller, const std::string& unit_code) {
  require_audit_user(caller);
  return db_.read([&](soci::session& sql) {
    const std::string code = unit_code.empty() ? caller.unit_code : unit_code;
    const std::string path = visible_path(sql, caller, code);
    const core::Date day = today();
    DeadlineBoard board;
    board.unit_code = code;
    board.today = date_text(day);
    board.due_today = store::open_deadlines(sql, path, board.today, board.today, 200);
    board.late = store::open_deadlines(sql, path, "0000-01-01", date_text(core::add_days(day, -1)), 200);
    board.stats = store::deadline_stats(sql, path, board.today, date_text({day.year, 1, 1}));
    const auto counted = board.stats.done + board.stats.open_late;
    board.on_time_rate = counted ? static_cast<double>(board.stats.done_on_time) / static_cast<double>(counted) : 1.0;
    return board;
  });
}

// ---- reports ----

FormReport AuditService::report(const core::Principal& caller, Form form, const std::string& unit_code,
                                const core::Date& from, const core::Date& to) {
  require_audit_user(caller);
  if (to < from) core::bad_input("INVALID_PERIOD", "Ngày cuối kỳ báo cáo phải sau hoặc bằng ngày đầu kỳ.", {{"field", "to"}});
  return db_.read([&](soci::session& sql) {
    const std::string code = unit_code.empty() ? caller.unit_code : unit_code;
    auto unit = store::find_unit(sql, code);
    if (!unit) throw Error(ErrorKind::NotFound, "UNIT_NOT_FOUND", "Không tìm thấy đơn vị có mã «" + code + "».");
    if (!may_read_unit(caller, unit->path, department_path(sql)))
      core::forbidden("Đơn vị «" + code + "» nằm ngoài phạm vi đơn vị của bạn.");
    std::vector<ReportUnit> units;
    for (const auto& u : store::units_under(sql, unit->path)) units.push_back({u.code, u.name, u.level, u.path, u.parent_id, u.id});
    const ReportUnit self{unit->code, unit->name, unit->level, unit->path, unit->parent_id, unit->id};
    const std::string f = date_text(from), t = date_text(to);
    const auto facts =
        form == Form::F19
            ? store::form19_facts(sql, unit->path, f, t)
            : store::form20_facts(sql, unit->path, f, t, core::from_local({from, 0, 0, 0}),
                                  core::from_local({core::add_days(to, 1), 0, 0, 0}), date_text(today()));
    return build_report(form, self, units, facts, from, to, store::reconciled_units(sql, unit->path, form_code(form), f, t));
  });
}

void AuditService::reconcile(const core::Principal& caller, Form form, const std::string& unit_code,
                             const core::Date& from, const core::Date& to, const std::string& note) {
  require_audit_user(caller);
  if (to < from) core::bad_input("INVALID_PERIOD", "Ngày cuối kỳ báo cáo phải sau hoặc bằng ngày đầu kỳ.", {{"field", "to"}});
  db_.transaction([&](soci::session& sql) {
    const std::string code = unit_code.empty() ? caller.unit_code : unit_code;
    auto unit = store::find_unit(sql, code);
    if (!unit) throw Error(ErrorKind::NotFound, "UNIT_NOT_FOUND", "Không tìm thấy đơn vị có mã «" + code + "».");
    if (!may_record_for(caller, unit->path))
      core::forbidden("Chỉ công chức của đơn vị «" + code + "» hoặc cấp trên được xác nhận đối chiếu số liệu.");
    const std::string f = date_text(from), t = date_text(to);
    store::insert_reconciliation(sql, unit->id, form_code(form), f, t, note, caller.username, now());
    history::append(sql, caller, {"audit.report.reconcile", "audit_report", form_code(form) + ":" + code,
                                  "Đối chiếu số liệu " + form_code(form) + " đơn vị " + code + " kỳ " + f + " – " + t});
  });
}

// ---- feedback ----

store::Feedback AuditService::send_feedback(const core::Principal& caller, store::Feedback f) {
  require_audit_user(caller);
  if (core::trim(f.function_name).empty()) invalid("function_name", "Cần nêu tên chức năng.");
  if (core::trim(f.proposal).empty()) invalid("proposal", "Cần nêu đề nghị sửa đổi, bổ sung.");
  if (core::trim(f.reason).empty()) invalid("reason", "Cần nêu lý do sửa đổi, bổ sung.");
  return db_.transaction([&](soci::session& sql) {
    f.unit_id = caller.unit_id;
    f.unit_code = caller.unit_code;
    f.username = caller.username;
    f.created_at = now();
    f.status = "NEW";
    f.id = store::insert_feedback(sql, f);
    history::append(sql, caller, change("audit.feedback.create", "audit_feedback", f.id,
                                        "Đề nghị sửa đổi chức năng «" + f.function_name + "»"));
    return f;
  });
}

Page<store::Feedback> AuditService::feedback(const core::Principal& caller, std::int64_t offset, std::int64_t limit) {
  return db_.read([&](soci::session& sql) {
    std::string path;
    if (caller.is_platform_admin() || (caller.has_role("audit.leader") && in_audit_department(caller, department_path(sql))))
      path = "/";
    else if (caller.has_role("unit.admin"))
      path = caller.unit_path;
    else
      core::forbidden("Danh sách đề nghị sửa đổi chức năng dành cho quản trị viên.");
    Page<store::Feedback> page;
    page.items = store::list_feedback(sql, path, offset, limit, page.total);
    return page;
  });
}

}  // namespace hq::audit
