#pragma once
// The time-release-study record: one declaration as captured on forms 01-NK / 01-XK (spec trs.md), and the
// single declarative table of its columns. The CSV/xlsx readers, the writers and the validators all walk
// that table, so a column is added in exactly one place.
#include <cstddef>
#include <cstdint>
#include <new>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/time.h"

namespace hq::trs {

using core::UnixSeconds;
using Time = std::optional<UnixSeconds>;  // empty = not recorded

// Enum values are indexes into the matching name arrays below (written exactly as in the CSV).
enum class Flow : std::uint8_t { NK, XK };
enum class Route : std::uint8_t { SEA, AIR, ROAD };
enum class Channel : std::uint8_t { GREEN, YELLOW, RED };
enum class ShipmentMode : std::uint8_t { FCL, LCL, BULK, OTHER };
enum class DeclarantKind : std::uint8_t { OWNER, AGENT, OTHER };
enum class Suspicion : std::uint8_t { NONE, INSPECT, AMEND };
enum class TaxMethod : std::uint8_t { SEPARATE_GUARANTEE, GENERAL_GUARANTEE, IMMEDIATE };

inline constexpr std::string_view kFlowNames[] = {"NK", "XK"};
inline constexpr std::string_view kRouteNames[] = {"SEA", "AIR", "ROAD"};
inline constexpr std::string_view kChannelNames[] = {"GREEN", "YELLOW", "RED"};
inline constexpr std::string_view kShipmentModeNames[] = {"FCL", "LCL", "BULK", "OTHER"};
inline constexpr std::string_view kDeclarantKindNames[] = {"OWNER", "AGENT", "OTHER"};
inline constexpr std::string_view kSuspicionNames[] = {"NONE", "INSPECT", "AMEND"};
inline constexpr std::string_view kTaxMethodNames[] = {"SEPARATE_GUARANTEE", "GENERAL_GUARANTEE", "IMMEDIATE"};
inline constexpr std::string_view kYesNoNames[] = {"N", "Y"};

// `;`-separated list columns are bit sets: bit i set <=> the i-th name is present.
using CodeSet = std::uint32_t;
inline constexpr std::string_view kSciKindNames[] = {"CLNN", "DANGKIEM", "VSATTP", "KDYT",
                                                     "KDTV", "KDDV",     "LICENSE", "OTHER"};
inline constexpr std::string_view kInspectMethodNames[] = {"SCANNER", "DIRECT"};
inline constexpr std::string_view kDelayReasonNames[] = {
    "DOC_LATE_SUBMISSION",  "DOC_PRICE_CONSULTATION", "DOC_ADVANCE_RULING",  "DOC_INCOMPLETE",
    "DOC_AWAIT_ANALYSIS",   "DOC_AMENDMENT",          "DOC_AWAIT_ASSESSMENT", "DOC_AWAIT_VIOLATION",
    "DOC_REVALUATION",      "DOC_OTHER",              "INSP_LATE_PRESENTATION", "INSP_QUEUE",
    "INSP_SUPPLEMENT",      "INSP_100PCT",            "INSP_VIOLATION_HOLD", "INSP_HS_DIFFICULT",
    "INSP_OTHER",           "IT_ERROR"};
inline constexpr bool has_code(CodeSet set, std::size_t i) { return (set >> i) & 1u; }

template <class E, std::size_t N>
constexpr std::string_view enum_name(E e, const std::string_view (&names)[N]) {
  return names[static_cast<std::size_t>(e)];
}
inline std::string_view to_string(Flow v) { return enum_name(v, kFlowNames); }
inline std::string_view to_string(Route v) { return enum_name(v, kRouteNames); }
inline std::string_view to_string(Channel v) { return enum_name(v, kChannelNames); }

// An inspecting agency block, ag1_* / ag2_* [NK 14, 15 / XK 8].
struct AgencyBlock {
  std::string name;
  Time registered_at;            // (a)
  std::string registration_no;   // (b)
  std::optional<bool> sampling;  // (c)
  Time sampling_at;              // (d)
  Time certified_at;             // (e)
  std::string certificate_no;    // (f)
  Time returned_at;              // (g)
  Time customs_received_at;      // (h)
  bool operator==(const AgencyBlock&) const = default;
};

// State quality inspection block, qc_* [NK 16].
struct QualityBlock {
  std::string name;
  Time registered_at;           // (a)
  std::string registration_no;  // (b)
  Time conformity_at;           // (c)
  Time notified_at;             // (d)
  std::string result_no;        // (e)
  Time customs_received_at;     // (f)
  bool operator==(const QualityBlock&) const = default;
};

// Where a record came from and what the reader found wrong with it (not a column).
struct RecordMeta {
  std::size_t line = 0;             // 1-based line (CSV), sheet row (xlsx) or header-file line (long format)
  std::uint16_t invalid_cells = 0;  // cells that failed validation and were read as "not recorded"
  bool rejected = false;            // the row could not be split into the header's columns at all
  bool operator==(const RecordMeta&) const = default;
};

struct Record {
  RecordMeta meta;

  std::optional<Flow> flow;
  std::string branch_code;
  std::optional<Route> route;
  std::string declaration_no;
  std::string type_code;
  std::string bill_of_lading;
  std::string transport;
  std::optional<bool> pre_arrival;
  std::optional<bool> aeo;
  std::optional<bool> nsw;
  std::optional<bool> license_per_shipment;
  std::optional<ShipmentMode> shipment_mode;
  std::optional<DeclarantKind> declarant_kind;
  std::string goods_group;
  std::string hs_code;
  std::string country;
  Time arrival_at;
  Time registered_at;
  std::optional<Channel> channel;
  CodeSet sci_kinds = 0;
  AgencyBlock ag1, ag2;
  QualityBlock qc;
  Time doc_assigned_at;
  Time doc_check_start_at;
  Time doc_check_end_at;
  std::optional<Suspicion> suspicion;
  std::optional<bool> reassess;
  Time reassess_end_at;
  CodeSet inspect_method = 0;
  Time inspect_assigned_at;
  std::string inspect_officer;
  Time inspect_notified_at;
  Time scan_start_at;
  Time scan_end_at;
  std::optional<bool> scan_violation;
  std::optional<bool> scan_propose_direct;
  Time direct_start_at;
  Time direct_end_at;
  std::string direct_officer;
  std::optional<bool> direct_violation;
  std::optional<TaxMethod> tax_method;
  Time tax_paid_at;
  Time tax_check_start_at;
  Time tax_check_end_at;
  Time storage_decision_at;
  Time released_at;
  Time supervision_start_at;
  Time supervision_confirmed_at;
  Time gate_out_at;
  Time border_check_start_at;
  Time border_check_end_at;
  CodeSet delay_reasons = 0;
  std::string delay_note;

  bool operator==(const Record&) const = default;
};

enum class ColumnKind : std::uint8_t { Text, YesNo, Enum, Time, List };
// Extra validation of text columns.
enum class TextRule : std::uint8_t { None, DeclarationNo, BranchCode, TypeCode, HsCode, Country };

// One column of the wide format. Exactly the accessors matching `kind` are set.
struct ColumnDef {
  std::string_view name;
  ColumnKind kind;
  std::string_view label_vi;                 // heading for people (spreadsheets, messages)
  std::string_view label_en;                 // the same in English (the pages in English)
  std::string_view form_ref;                 // field number on 01-NK / 01-XK, e.g. "NK 10 / XK 4"
  std::span<const std::string_view> values;  // Enum (index = enum value), List (index = bit), YesNo
  TextRule rule = TextRule::None;
  std::string& (*text)(Record&) = nullptr;
  Time& (*time)(Record&) = nullptr;
  std::optional<bool>& (*yes_no)(Record&) = nullptr;
  int (*get_enum)(const Record&) = nullptr;  // -1 = not recorded
  void (*set_enum)(Record&, int) = nullptr;  // -1 = clear
  CodeSet& (*list)(Record&) = nullptr;
};

// All columns, in the canonical order used by the writers.
std::span<const ColumnDef> columns();
// Index into columns(), or -1.
int column_index(std::string_view name);
const ColumnDef& column(std::string_view name);  // throws std::out_of_range for an unknown name

// Read-only views through the table (the accessors take a mutable record; these keep call sites const).
inline const Time& time_of(const ColumnDef& c, const Record& r) { return c.time(const_cast<Record&>(r)); }
inline const std::string& text_of(const ColumnDef& c, const Record& r) { return c.text(const_cast<Record&>(r)); }

// Where a column's value lives inside Record, for the loops that touch dozens of cells of every record
// (decoding, intervals, checks, attribution): a load instead of an indirect call through a ColumnDef
// accessor, whose varying target the CPU mispredicts (measured: 8 % of `trs analyze` for the milestones
// alone). Resolved once from the accessor; empty when default-made.
template <class T>
class FieldSlot {
 public:
  FieldSlot() = default;
  explicit FieldSlot(T& (*accessor)(Record&)) {
    static Record probe;
    offset_ = reinterpret_cast<const std::byte*>(&accessor(probe)) - reinterpret_cast<const std::byte*>(&probe);
  }
  T& operator()(Record& r) const { return *std::launder(reinterpret_cast<T*>(reinterpret_cast<std::byte*>(&r) + offset_)); }
  const T& operator()(const Record& r) const { return (*this)(const_cast<Record&>(r)); }
  explicit operator bool() const { return offset_ >= 0; }

 private:
  std::ptrdiff_t offset_ = -1;
};

class TimeSlot : public FieldSlot<Time> {
 public:
  TimeSlot() = default;
  explicit TimeSlot(std::string_view time_column);  // "" = empty; throws std::out_of_range for an unknown name
};

// The canonical text of a cell ("" when not recorded); times as "YYYY-MM-DD HH:MM:SS" local.
std::string format_cell(const ColumnDef& c, const Record& r);
std::string format_local_time(UnixSeconds t);  // "YYYY-MM-DD HH:MM:SS" (UTC+7)

// Parses a time cell in any accepted form: "YYYY-MM-DD HH:MM[:SS]", "DD/MM/YYYY HH:MM[:SS]" (local, UTC+7)
// or ISO-8601 with an offset. nullopt when malformed; `why` (if given) gets a Vietnamese reason.
std::optional<UnixSeconds> parse_time_cell(std::string_view s, std::string* why = nullptr);

// Validates a text cell by its rule; returns "" when fine, otherwise a Vietnamese reason.
std::string check_text_rule(TextRule rule, std::string_view value);

// The 11-digit identity of a 12-digit declaration number (the 12th counts amendments), or nullopt.
std::optional<std::uint64_t> declaration_identity(std::string_view declaration_no);

}  // namespace hq::trs
