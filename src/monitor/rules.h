#pragma once
// Pure rules of the monitoring module (seed 003): the systems and operations, who sees what (the
// per-system, per-level matrix of arts. 7–11), owning departments (art. 13), which conditions are incidents,
// grouping and inhibition, and the validation of agents' events and service reports. No SQL, no HTTP.
#include <array>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/time.h"

namespace hq::monitor {

using core::UnixSeconds;

// ---- Vocabulary ----
const std::vector<std::string>& systems();          // SLXNK GTT22 QLRR VICUM KT559 EDATA
const std::vector<std::string>& service_systems();  // annex II: SLXNK GTT22 VICUM KT559 EDATA
const std::vector<std::string>& operations();       // EXPORT TRANSMIT RECEIVE UPDATE
const std::vector<std::string>& incident_kinds();
bool is_system(std::string_view code);
bool is_service_system(std::string_view code);
bool is_operation(std::string_view op);
bool is_service_status(std::string_view status);  // RUNNING STOPPED ERROR
// EXPORT and TRANSMIT happen at the sender, RECEIVE and UPDATE at the receiver.
bool at_sender(std::string_view op);
// The department that owns a system's incidents (art. 13): CNTT, TXNK or DTCBL.
std::string owner_of(std::string_view system);
std::vector<std::string> systems_owned_by(std::string_view department);
// False where a level only passes a system's files on (a Cục with QLRR): no FILE_NOT_APPLIED there.
bool applies_updates(std::string_view system, std::string_view receiver_level);

// ---- Who sees what ----
enum class Level { ChiCuc, Cuc, TongCuc };
// The level whose row of the matrix applies to a unit of this level (DOI is resolved to its parent first).
std::optional<Level> level_of(std::string_view unit_level);
enum class Relation { Own, Below };  // the operation happened at the viewer's unit / at a unit under it
struct OpVisibility {
  bool everything = false;        // Tổng cục: every operation in the subtree
  std::vector<std::string> own;   // operations visible at the viewer's own unit
  std::vector<std::string> below; // operations visible at units below it
};
// "SERVICE" as the system gives the row for service modules (same as EDATA).
OpVisibility visible_operations(std::string_view system, Level level);
bool sees_operation(std::string_view system, std::string_view op, Level level, Relation relation);

// The caller as the scope rules need it; built by the service from the principal.
struct Viewer {
  bool everything = false;            // platform.admin
  std::string path;                   // materialised path of the viewing unit ("/1/4/")
  Level level = Level::ChiCuc;
  std::vector<std::string> owned;     // systems whose owning department the caller is (monitor.owner)
};

// ---- Incidents ----
bool is_service_kind(std::string_view kind);   // SERVICE_STOPPED, SERVICE_ERROR, SERVICE_SILENT
// Kinds a stopped or silent service absorbs: its unit's files not received / not applied for that system.
bool inhibitable(std::string_view kind);
bool inhibits(std::string_view kind);           // SERVICE_STOPPED, SERVICE_SILENT
// The operation an incident kind is about (RECEIVE or UPDATE for files, "SERVICE" for services).
std::string operation_of_kind(std::string_view kind);
// Grouping: one open incident per kind, system and pair of units.
std::string group_key(std::string_view kind, std::string_view system, std::string_view unit, std::string_view peer);

// A file's two ends as the ledger holds them.
struct FileState {
  std::string system, receiver_level;
  // 0 until the operation is reported (events are after 2000: 0 is never a real time).
  UnixSeconds exported_at = 0, received_at = 0, updated_at = 0;
  std::int64_t export_size = 0, receive_size = 0, update_size = 0;
  std::string export_sha256, receive_sha256, export_version, receive_version, update_error;
};
// Whether the condition of a file incident kind holds now (time aside: the due index decides "in time").
bool condition_holds(std::string_view kind, const FileState& file);
// The kinds an event makes true at once (differences between the two ends, update errors).
std::vector<std::string> content_conditions(const FileState& file);
// The file kinds whose condition an event can clear.
const std::vector<std::string>& file_kinds();
// The kind of incident a service status is (empty for RUNNING).
std::string service_kind(std::string_view status);

// ",A,B," sets of kinds stored beside a file or service.
std::set<std::string> parse_kinds(std::string_view text);
std::string format_kinds(const std::set<std::string>& kinds);

// ---- Settings ----
struct Settings {
  std::int64_t receive_within = 1800, update_within = 1800, service_interval = 300;
};
// A service is silent after two missed intervals.
UnixSeconds silent_after(UnixSeconds last_report, const Settings& settings);
constexpr std::int64_t kMinWindow = 10, kMaxWindow = 7 * 24 * 3600;

// ---- Input from agents ----
constexpr std::size_t kMaxEventsPerRequest = 10000;
constexpr std::int64_t kMaxClockSkew = 300;  // an event may be at most this far in the future
struct Event {
  std::string id, system, op, unit_code, peer_unit_code, batch_id, file_name, sha256, version, error;
  std::int64_t size = 0;
  UnixSeconds at = 0;
  bool automatic = true;
};
struct ServiceReport {
  std::string unit_code, ip, service, system, status, message;
  UnixSeconds at = 0;
};
// One field of a request's item as read from JSON (from a DOM item, or by the streaming reader of an events
// body): the kind of value it holds, and the value.
struct ItemField {
  enum class Kind : std::uint8_t { Missing, Null, String, Integer, Boolean, Other };
  Kind kind = Kind::Missing;
  std::string text;
  std::int64_t integer = 0;
  bool boolean = false;
};
ItemField item_field(const nlohmann::json& item, const char* name);
// The fields an event has; any other field of an item is ignored.
enum class EventField : std::uint8_t {
  Id, System, Op, UnitCode, PeerUnitCode, BatchId, FileName, Size, Sha256, Version, At, Auto, Error, Count
};
std::optional<EventField> event_field(std::string_view name);
struct EventItem {
  bool object = true;  // false: the item is not a JSON object
  std::array<ItemField, static_cast<std::size_t>(EventField::Count)> fields;
};
// Validate one item of a request; a problem throws 422 INVALID_EVENT / INVALID_REPORT naming the index
// and the field. `now` bounds `at`.
Event parse_event(EventItem&& item, std::size_t index, UnixSeconds now);
Event parse_event(const nlohmann::json& item, std::size_t index, UnixSeconds now);
ServiceReport parse_service_report(const nlohmann::json& item, std::size_t index, UnixSeconds now);
// The list under `field` ("events", "reports"): an array of 1..kMaxEventsPerRequest objects.
const nlohmann::json& item_list(const nlohmann::json& body, const std::string& field);
// The same refusals from what a reader saw: whether `field` is a list, and how many items it has.
void check_item_count(const std::string& field, bool is_list, std::size_t count);
// The events of a request body (event_json.cpp), read in one pass without a JSON document: malformed JSON or
// not an object → 400 MALFORMED_JSON; then item_list's refusals. The events are validated by parse_event.
std::vector<EventItem> read_event_items(std::string_view body);

}  // namespace hq::monitor
