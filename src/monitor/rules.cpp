#include "monitor/rules.h"

#include <algorithm>

#include "core/error.h"
#include "core/split.h"
#include "core/text.h"
#include "core/validation.h"

namespace hq::monitor {

using nlohmann::json;

namespace {

bool contains(const std::vector<std::string>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

const std::vector<std::string> kAllOps = {"EXPORT", "TRANSMIT", "RECEIVE", "UPDATE"};

}  // namespace

const std::vector<std::string>& systems() {
  static const std::vector<std::string> list = {"SLXNK", "GTT22", "QLRR", "VICUM", "KT559", "EDATA"};
  return list;
}
const std::vector<std::string>& service_systems() {
  static const std::vector<std::string> list = {"SLXNK", "GTT22", "VICUM", "KT559", "EDATA"};
  return list;
}
const std::vector<std::string>& operations() { return kAllOps; }
const std::vector<std::string>& incident_kinds() {
  static const std::vector<std::string> list = {
      "FILE_NOT_RECEIVED", "FILE_NOT_APPLIED", "SIZE_MISMATCH",   "CHECKSUM_MISMATCH", "VERSION_MISMATCH",
      "COUNT_MISMATCH",    "UPDATE_ERROR",     "SERVICE_STOPPED", "SERVICE_ERROR",     "SERVICE_SILENT"};
  return list;
}
const std::vector<std::string>& file_kinds() {
  static const std::vector<std::string> list(incident_kinds().begin(), incident_kinds().begin() + 7);
  return list;
}

bool is_system(std::string_view code) { return contains(systems(), code); }
bool is_service_system(std::string_view code) { return contains(service_systems(), code); }
bool is_operation(std::string_view op) { return contains(kAllOps, op); }
bool is_service_status(std::string_view s) { return s == "RUNNING" || s == "STOPPED" || s == "ERROR"; }
bool at_sender(std::string_view op) { return op == "EXPORT" || op == "TRANSMIT"; }

std::string owner_of(std::string_view system) {
  if (system == "GTT22" || system == "KT559") return "TXNK";
  if (system == "QLRR") return "DTCBL";
  return "CNTT";  // SLXNK, VICUM, EDATA
}

std::vector<std::string> systems_owned_by(std::string_view department) {
  std::vector<std::string> out;
  for (const auto& s : systems())
    if (owner_of(s) == department) out.push_back(s);
  return out;
}

bool applies_updates(std::string_view system, std::string_view receiver_level) {
  return !(system == "QLRR" && receiver_level == "CUC");
}

std::optional<Level> level_of(std::string_view unit_level) {
  if (unit_level == "TONG_CUC") return Level::TongCuc;
  if (unit_level == "CUC") return Level::Cuc;
  if (unit_level == "CHI_CUC") return Level::ChiCuc;
  return std::nullopt;
}

// The matrix of the spec, row by row.
OpVisibility visible_operations(std::string_view system, Level level) {
  if (level == Level::TongCuc) return {true, {}, {}};
  const bool chi_cuc = level == Level::ChiCuc;
  if (system == "SLXNK")  // flows up: a unit sees what it sends, a Cục also what reaches it
    return chi_cuc ? OpVisibility{false, {"EXPORT", "TRANSMIT"}, {}}
                   : OpVisibility{false, kAllOps, {"EXPORT", "TRANSMIT"}};
  if (system == "QLRR")  // flows down: a unit sees what reaches it
    return chi_cuc ? OpVisibility{false, {"RECEIVE", "UPDATE"}, {}}
                   : OpVisibility{false, {"RECEIVE"}, {"RECEIVE", "UPDATE"}};
  // GTT22, VICUM, KT559, EDATA and the service modules: own, and a Cục its Chi cục's too.
  return chi_cuc ? OpVisibility{false, kAllOps, {}} : OpVisibility{false, kAllOps, kAllOps};
}

bool sees_operation(std::string_view system, std::string_view op, Level level, Relation relation) {
  const auto v = visible_operations(system, level);
  if (v.everything) return true;
  return contains(relation == Relation::Own ? v.own : v.below, op);
}

bool is_service_kind(std::string_view kind) {
  return kind == "SERVICE_STOPPED" || kind == "SERVICE_ERROR" || kind == "SERVICE_SILENT";
}
bool inhibitable(std::string_view kind) { return kind == "FILE_NOT_RECEIVED" || kind == "FILE_NOT_APPLIED"; }
bool inhibits(std::string_view kind) { return kind == "SERVICE_STOPPED" || kind == "SERVICE_SILENT"; }

std::string operation_of_kind(std::string_view kind) {
  if (is_service_kind(kind)) return "SERVICE";
  if (kind == "FILE_NOT_APPLIED" || kind == "UPDATE_ERROR") return "UPDATE";
  return "RECEIVE";
}

std::string group_key(std::string_view kind, std::string_view system, std::string_view unit, std::string_view peer) {
  return std::string(kind) + "|" + std::string(system) + "|" + std::string(unit) + "|" + std::string(peer);
}

bool condition_holds(std::string_view kind, const FileState& f) {
  const bool both = f.exported_at && f.received_at;
  if (kind == "FILE_NOT_RECEIVED") return f.exported_at && !f.received_at;
  if (kind == "FILE_NOT_APPLIED")
    return f.received_at && !f.updated_at && applies_updates(f.system, f.receiver_level);
  if (kind == "COUNT_MISMATCH") return f.received_at && !f.exported_at;
  if (kind == "SIZE_MISMATCH")
    return (both && f.export_size != f.receive_size) ||
           (f.received_at && f.updated_at && f.update_error.empty() && f.update_size != f.receive_size);
  if (kind == "CHECKSUM_MISMATCH")
    return both && !f.export_sha256.empty() && !f.receive_sha256.empty() && f.export_sha256 != f.receive_sha256;
  if (kind == "VERSION_MISMATCH")
    return both && !f.export_version.empty() && !f.receive_version.empty() && f.export_version != f.receive_version;
  if (kind == "UPDATE_ERROR") return f.updated_at && !f.update_error.empty();
  return false;
}

std::vector<std::string> content_conditions(const FileState& file) {
  std::vector<std::string> out;
  for (const char* kind : {"SIZE_MISMATCH", "CHECKSUM_MISMATCH", "VERSION_MISMATCH", "UPDATE_ERROR"})
    if (condition_holds(kind, file)) out.emplace_back(kind);
  return out;
}

std::string service_kind(std::string_view status) {
  if (status == "STOPPED") return "SERVICE_STOPPED";
  if (status == "ERROR") return "SERVICE_ERROR";
  return {};
}

std::set<std::string> parse_kinds(std::string_view text) {
  const auto kinds = core::split_nonempty(text, ',');
  return {kinds.begin(), kinds.end()};
}

std::string format_kinds(const std::set<std::string>& kinds) {
  if (kinds.empty()) return {};
  std::string out = ",";
  for (const auto& k : kinds) out += k + ",";
  return out;
}

UnixSeconds silent_after(UnixSeconds last_report, const Settings& settings) {
  return last_report + 2 * settings.service_interval;
}

// ---- Input ----

namespace {

[[noreturn]] void bad_item(const char* code, const char* noun, std::size_t index, const std::string& field,
                           const std::string& problem) {
  throw core::Error(core::ErrorKind::Unprocessable, code,
                    std::string(noun) + " thứ " + std::to_string(index + 1) + " (chỉ số " + std::to_string(index) +
                        "), trường «" + field + "»: " + problem + " Không lưu sự kiện nào của yêu cầu này.",
                    {{"index", index}, {"field", field}});
}

struct ItemReader {
  std::size_t index;
  const char* code;
  const char* noun;

  [[noreturn]] void fail(const std::string& field, const std::string& problem) const {
    bad_item(code, noun, index, field, problem);
  }
  std::string text(const std::string& field, ItemField&& item, std::size_t max, bool required = true) const {
    if (item.kind == ItemField::Kind::Missing || item.kind == ItemField::Kind::Null) {
      if (required) fail(field, "thiếu giá trị.");
      return {};
    }
    if (item.kind != ItemField::Kind::String) fail(field, "phải là chuỗi ký tự.");
    const auto& value = item.text;
    if (required && value.empty()) fail(field, "không được để trống.");
    if (value.size() > max) fail(field, "dài quá " + std::to_string(max) + " byte.");
    if (!core::is_valid_utf8(value)) fail(field, "không phải UTF-8 hợp lệ.");
    for (unsigned char c : value)
      if (c < 0x20) fail(field, "chứa ký tự điều khiển.");
    return std::move(item.text);
  }
  std::string code_text(const std::string& field, ItemField&& item) const {
    const auto value = text(field, std::move(item), 6);
    if (!core::is_unit_code(value)) fail(field, "«" + value + "» không phải mã đơn vị hải quan (2–6 chữ in hoa hoặc số).");
    return value;
  }
  UnixSeconds instant(const std::string& field, ItemField&& item, UnixSeconds now) const {
    const auto value = text(field, std::move(item), 40);
    const auto t = core::parse_iso8601(value);
    if (!t) fail(field, "«" + value + "» không phải thời điểm ISO-8601 (ví dụ 2026-03-02T08:15:00+07:00).");
    if (*t > now + kMaxClockSkew) fail(field, "thời điểm " + value + " ở tương lai; hãy kiểm tra đồng hồ của máy trạm.");
    if (*t < 946684800) fail(field, "thời điểm " + value + " trước năm 2000.");
    return *t;
  }
};

bool is_identifier(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == ':';
  });
}

bool is_sha256(const std::string& s) {
  return s.size() == 64 && std::all_of(s.begin(), s.end(), [](unsigned char c) {
           return std::isdigit(c) || (c >= 'a' && c <= 'f');
         });
}

}  // namespace

void check_item_count(const std::string& field, bool is_list, std::size_t count) {
  if (!is_list) core::bad_input("INVALID_FIELD", "Trường «" + field + "» phải là một danh sách.", {{"field", field}});
  if (count == 0) core::bad_input("INVALID_FIELD", "Danh sách «" + field + "» đang trống.", {{"field", field}});
  if (count > kMaxEventsPerRequest)
    throw core::Error(core::ErrorKind::TooLarge, "TOO_MANY_ITEMS",
                      "Mỗi yêu cầu gửi tối đa " + std::to_string(kMaxEventsPerRequest) + " mục; yêu cầu này có " +
                          std::to_string(count) + " mục. Hãy chia thành nhiều lô.",
                      {{"field", field}, {"max", kMaxEventsPerRequest}});
}

const json& item_list(const json& body, const std::string& field) {
  const auto it = body.find(field);
  const bool is_list = it != body.end() && it->is_array();
  check_item_count(field, is_list, is_list ? it->size() : 0);
  return *it;
}

ItemField item_field(const json& item, const char* name) {
  ItemField f;
  const auto it = item.find(name);
  if (it == item.end()) return f;
  if (it->is_null()) {
    f.kind = ItemField::Kind::Null;
  } else if (it->is_string()) {
    f.kind = ItemField::Kind::String;
    f.text = it->get_ref<const std::string&>();
  } else if (it->is_number_integer()) {
    f.kind = ItemField::Kind::Integer;
    f.integer = it->get<std::int64_t>();
  } else if (it->is_boolean()) {
    f.kind = ItemField::Kind::Boolean;
    f.boolean = it->get<bool>();
  } else {
    f.kind = ItemField::Kind::Other;
  }
  return f;
}

namespace {

constexpr std::array<const char*, static_cast<std::size_t>(EventField::Count)> kEventFieldNames = {
    "id", "system", "op", "unit_code", "peer_unit_code", "batch_id", "file_name", "size", "sha256", "version", "at",
    "auto", "error"};

}  // namespace

std::optional<EventField> event_field(std::string_view name) {
  for (std::size_t i = 0; i < kEventFieldNames.size(); ++i)
    if (name == kEventFieldNames[i]) return static_cast<EventField>(i);
  return std::nullopt;
}

Event parse_event(const json& item, std::size_t index, UnixSeconds now) {
  EventItem fields;
  fields.object = item.is_object();
  if (fields.object)
    for (std::size_t i = 0; i < kEventFieldNames.size(); ++i) fields.fields[i] = item_field(item, kEventFieldNames[i]);
  return parse_event(std::move(fields), index, now);
}

Event parse_event(EventItem&& item, std::size_t index, UnixSeconds now) {
  if (!item.object) bad_item("INVALID_EVENT", "Sự kiện", index, "", "phải là một đối tượng JSON.");
  const ItemReader r{index, "INVALID_EVENT", "Sự kiện"};
  auto field = [&](EventField f) -> ItemField&& { return std::move(item.fields[static_cast<std::size_t>(f)]); };
  Event e;
  e.id = r.text("id", field(EventField::Id), 128);
  if (!is_identifier(e.id)) r.fail("id", "chỉ gồm chữ cái Latin, chữ số và - _ . :");
  e.system = r.text("system", field(EventField::System), 10);
  if (!is_system(e.system)) r.fail("system", "«" + e.system + "» không phải hệ thống được giám sát (SLXNK, GTT22, QLRR, VICUM, KT559, EDATA).");
  e.op = r.text("op", field(EventField::Op), 10);
  if (!is_operation(e.op)) r.fail("op", "«" + e.op + "» không phải thao tác EXPORT, TRANSMIT, RECEIVE hoặc UPDATE.");
  e.unit_code = r.code_text("unit_code", field(EventField::UnitCode));
  e.peer_unit_code = r.code_text("peer_unit_code", field(EventField::PeerUnitCode));
  if (e.peer_unit_code == e.unit_code) r.fail("peer_unit_code", "đơn vị gửi và đơn vị nhận phải khác nhau.");
  e.batch_id = r.text("batch_id", field(EventField::BatchId), 128);
  if (!is_identifier(e.batch_id)) r.fail("batch_id", "chỉ gồm chữ cái Latin, chữ số và - _ . :");
  e.file_name = r.text("file_name", field(EventField::FileName), 255);
  if (e.file_name.find('/') != std::string::npos || e.file_name.find('\\') != std::string::npos)
    r.fail("file_name", "là tên tệp, không chứa đường dẫn.");
  const auto& size = item.fields[static_cast<std::size_t>(EventField::Size)];
  if (size.kind != ItemField::Kind::Integer) r.fail("size", "phải là số nguyên (byte).");
  e.size = size.integer;
  if (e.size < 0 || e.size > (std::int64_t{1} << 50)) r.fail("size", "phải từ 0 đến 2^50 byte.");
  e.sha256 = r.text("sha256", field(EventField::Sha256), 64, false);
  if (!e.sha256.empty() && !is_sha256(e.sha256)) r.fail("sha256", "phải gồm 64 chữ số hệ 16 viết thường.");
  e.version = r.text("version", field(EventField::Version), 64, false);
  e.at = r.instant("at", field(EventField::At), now);
  const auto& automatic = item.fields[static_cast<std::size_t>(EventField::Auto)];
  if (automatic.kind != ItemField::Kind::Missing && automatic.kind != ItemField::Kind::Null) {
    if (automatic.kind != ItemField::Kind::Boolean) r.fail("auto", "phải là true hoặc false.");
    e.automatic = automatic.boolean;
  }
  e.error = r.text("error", field(EventField::Error), 2000, false);
  return e;
}

ServiceReport parse_service_report(const json& item, std::size_t index, UnixSeconds now) {
  if (!item.is_object()) bad_item("INVALID_REPORT", "Báo cáo", index, "", "phải là một đối tượng JSON.");
  const ItemReader r{index, "INVALID_REPORT", "Báo cáo"};
  ServiceReport s;
  s.unit_code = r.code_text("unit_code", item_field(item, "unit_code"));
  s.ip = r.text("ip", item_field(item, "ip"), 45);
  if (!std::all_of(s.ip.begin(), s.ip.end(), [](unsigned char c) { return std::isxdigit(c) || c == '.' || c == ':'; }))
    r.fail("ip", "«" + s.ip + "» không phải địa chỉ IPv4 hoặc IPv6.");
  s.service = r.text("service", item_field(item, "service"), 100);
  s.system = r.text("system", item_field(item, "system"), 10);
  if (!is_service_system(s.system))
    r.fail("system", "«" + s.system + "» không có mô-đun dịch vụ được giám sát (SLXNK, GTT22, VICUM, KT559, EDATA).");
  s.status = r.text("status", item_field(item, "status"), 10);
  if (!is_service_status(s.status)) r.fail("status", "«" + s.status + "» không phải RUNNING, STOPPED hoặc ERROR.");
  s.at = r.instant("at", item_field(item, "at"), now);
  s.message = r.text("message", item_field(item, "message"), 2000, false);
  return s;
}

}  // namespace hq::monitor
