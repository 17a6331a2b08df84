#include "audit/risk/profile.h"

#include <algorithm>
#include <cstdio>

#include "core/time.h"

namespace hq::audit::risk {

namespace {

std::string month_of(std::int64_t at) {
  const auto local = core::to_local(at);
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02d", local.date.year, local.date.month);
  return text;
}

std::vector<Slice> top(const std::map<std::string, Slice>& all, std::size_t limit) {
  std::vector<Slice> list;
  for (const auto& [key, s] : all) list.push_back(s);
  std::sort(list.begin(), list.end(), [](const Slice& a, const Slice& b) {
    return a.value != b.value ? a.value > b.value : a.key < b.key;
  });
  if (list.size() > limit) list.resize(limit);
  return list;
}

std::vector<Slice> by_declarations(const std::map<std::string, Slice>& all) {
  std::vector<Slice> list;
  for (const auto& [key, s] : all) list.push_back(s);
  std::sort(list.begin(), list.end(), [](const Slice& a, const Slice& b) {
    return a.declarations != b.declarations ? a.declarations > b.declarations : a.key < b.key;
  });
  return list;
}

}  // namespace

void ActivityBuilder::close_declaration() {
  if (!open_) return;
  ++a_.declarations;
  channels_[channel_code(channel_)].key = channel_code(channel_);
  ++channels_[channel_code(channel_)].declarations;
  offices_[office_].key = office_;
  ++offices_[office_].declarations;
  types_[type_].key = type_;
  ++types_[type_].declarations;
  a_.amendments += amendments_;
  if (amendments_ > 0) ++a_.amended_declarations;
  open_ = false;
}

void ActivityBuilder::add(const DeclarationLine& l) {
  if (!open_ || l.declaration_no != current_) {
    close_declaration();
    open_ = true, current_ = l.declaration_no, channel_ = 0, amendments_ = 0;
    office_ = l.office_code, type_ = l.type_code;
    if (l.flow == kImport) ++a_.import_declarations;
    else ++a_.export_declarations;
    MonthFlow& m = months_[{month_of(l.registered_at), flow_code(l.flow)}];
    ++m.declarations;
  }
  channel_ = std::max(channel_, l.channel);
  amendments_ = std::max(amendments_, l.amendments);
  ++a_.lines;
  a_.vat += l.vat;
  MonthFlow& m = months_[{month_of(l.registered_at), flow_code(l.flow)}];
  m.month = month_of(l.registered_at), m.flow = flow_code(l.flow);
  ++m.lines, m.value += l.customs_value, m.duty += l.duty;
  const std::string heading = l.hs_code.substr(0, 4);
  Slice& h = headings_[heading];
  h.key = heading, ++h.lines, h.value += l.customs_value, h.duty += l.duty;
  if (l.flow == kImport) {
    a_.import_value += l.customs_value;
    a_.import_duty += l.duty;
    if (l.preferential) a_.preferential_value += l.customs_value;
    Slice& o = origins_[l.origin_country];
    o.key = l.origin_country, ++o.lines, o.value += l.customs_value, o.duty += l.duty;
    a_.import_heading_value[heading] += l.customs_value;
    import_duty_by_heading_[heading] += l.duty;
  } else {
    a_.export_value += l.customs_value;
    a_.export_duty += l.duty;
  }
}

std::vector<std::string> ActivityBuilder::import_headings() const {
  std::vector<std::string> list;
  for (const auto& [h, v] : a_.import_heading_value)
    if (v > 0) list.push_back(h);
  return list;
}

Activity ActivityBuilder::finish(const std::unordered_map<std::string, double>& medians) {
  close_declaration();
  for (const auto& [key, m] : months_) a_.months.push_back(m);
  a_.headings = top(headings_, kTopItems);
  a_.origins = top(origins_, kTopItems);
  a_.channels = by_declarations(channels_);
  a_.offices = by_declarations(offices_);
  a_.types = by_declarations(types_);
  a_.preferential_share = a_.import_value > 0 ? double(a_.preferential_value) / double(a_.import_value) : 0;
  a_.amendments_per_declaration = a_.declarations > 0 ? double(a_.amendments) / double(a_.declarations) : 0;
  a_.own_duty_rate = a_.import_value > 0 ? double(a_.import_duty) / double(a_.import_value) : 0;
  double weighted = 0, weight = 0;
  for (const auto& [h, v] : a_.import_heading_value) {
    if (v <= 0) continue;
    const auto it = medians.find(h);
    weighted += double(v) * (it == medians.end() ? 0 : it->second);
    weight += double(v);
  }
  a_.peer_duty_rate = weight > 0 ? weighted / weight : 0;
  return a_;
}

}  // namespace hq::audit::risk
