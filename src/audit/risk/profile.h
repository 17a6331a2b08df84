#pragma once
// The activity profile of one enterprise ("bức tranh tổng thể", spec risk-selection.md): figures built from
// its declaration lines over a period. Pure: no SQL, no HTTP.
#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "audit/risk/declarations.h"

namespace hq::audit::risk {

struct MonthFlow {
  std::string month;  // YYYY-MM, Vietnam local
  std::string flow;   // NK | XK
  std::int64_t declarations = 0, lines = 0, value = 0, duty = 0;
};
struct Slice {
  std::string key;
  std::int64_t declarations = 0, lines = 0, value = 0, duty = 0;
};
struct Activity {
  std::int64_t declarations = 0, lines = 0, import_declarations = 0, export_declarations = 0;
  std::int64_t import_value = 0, export_value = 0, import_duty = 0, export_duty = 0, vat = 0, preferential_value = 0;
  std::int64_t amendments = 0, amended_declarations = 0;
  double preferential_share = 0, amendments_per_declaration = 0, own_duty_rate = 0, peer_duty_rate = 0;
  std::vector<MonthFlow> months;                 // by month, then flow
  std::vector<Slice> headings, origins;          // top 10 by value: 4-digit headings (both flows), origins (imports)
  std::vector<Slice> channels, offices, types;   // by declaration
  std::map<std::string, std::int64_t> import_heading_value;  // hs4 → import value (the peer's weights)
};

constexpr std::size_t kTopItems = 10;

// Lines arrive in (declaration, line) order; a declaration's channel and amendments are its lines' maximum.
class ActivityBuilder {
 public:
  void add(const DeclarationLine& line);
  // `medians`: the median importer rate of each heading (what the peer rate weighs by the import mix).
  Activity finish(const std::unordered_map<std::string, double>& medians);
  std::vector<std::string> import_headings() const;

 private:
  void close_declaration();
  Activity a_;
  std::map<std::pair<std::string, std::string>, MonthFlow> months_;
  std::map<std::string, Slice> headings_, origins_, channels_, offices_, types_;
  std::map<std::string, std::int64_t> import_duty_by_heading_;
  std::int64_t current_ = -1;
  std::uint8_t channel_ = 0;
  std::int64_t amendments_ = 0;
  std::string office_, type_;
  bool open_ = false;
};

}  // namespace hq::audit::risk
