#include "audit/routes_json.h"

#include <algorithm>

#include "core/error.h"
#include "core/fields.h"
#include "core/text.h"
#include "core/time.h"
#include "http/json_input.h"

namespace hq::audit::routes {

using http::Request;
using http::Response;
using nlohmann::json;

json instant(std::int64_t t) { return t ? json(core::format_iso8601(t)) : json(nullptr); }
json text_or_null(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

// ---- JSON shapes ----

json enterprise_json(const store::Enterprise& e) {
  json j = {HQ_JSON_FIELDS(e, id, tax_code, tax_kind, name, foreign_name, address, legal_representative, phone, email),
            {"established_on", text_or_null(e.established_on)},
            HQ_JSON_FIELDS(e, charter_capital, ownership, aeo_status, compliance_level, source),
            {"created_at", instant(e.created_at)},
            {"updated_at", instant(e.updated_at)}};
  const json profile = json::parse(e.profile, nullptr, false);
  if (profile.is_object())
    for (const auto& [key, value] : profile.items()) j[key] = value;
  return j;
}

json duplicate_json(const Duplicate& d) {
  return {HQ_JSON_FIELDS(d, kind, id, number, unit_code, unit_name, status, source),
          {"place", text_or_null(d.place)},
          {"created_at", instant(d.created_at)}};
}

json duplicates_json(const std::vector<Duplicate>& list) {
  json items = json::array();
  for (const auto& d : list) items.push_back(duplicate_json(d));
  return items;
}

json proposal_json(const store::Proposal& p) {
  return {HQ_JSON_FIELDS(p, id, number, year, status),
          {"paused_from", text_or_null(p.paused_from)},
          HQ_JSON_FIELDS(p, tax_code, enterprise_name, unit_code, unit_name, place, grounds, grounds_kind, period_from,
                         period_to, reason, duplicate_count),
          {"paper_approved_on", text_or_null(p.paper_approved_on)},
          {"entry_due_on", text_or_null(p.entry_due_on)},
          HQ_JSON_FIELDS(p, late, source, proposed_by),
          {"origin_number", text_or_null(p.origin_number)},
          {"decided_by", text_or_null(p.decided_by)},
          {"created_at", instant(p.created_at)},
          {"submitted_at", instant(p.submitted_at)},
          {"approved_at", instant(p.approved_at)},
          {"rejected_at", instant(p.rejected_at)},
          {"paused_at", instant(p.paused_at)},
          {"cancelled_at", instant(p.cancelled_at)},
          {"restricted", p.restricted}};
}

json amounts_json(const Amounts& a) {
  json j = json::object();
  for (const char* key : kAmountKeys) j[key] = a.get(key);
  j["tax_total"] = a.tax_total();
  j["total"] = a.total();
  j["outstanding"] = a.total() - a.get("collected");
  return j;
}

json decision_json(const store::Decision& d) {
  return {HQ_JSON_FIELDS(d, id, kind, number, signed_on, signer, team, start_on, working_days, end_on, due_on, late,
                         entered_by),
          {"entered_at", instant(d.entered_at)},
          {"status", d.status},
          {"approved_by", text_or_null(d.approved_by)},
          {"approved_at", instant(d.approved_at)}};
}

json conclusion_json(const store::Conclusion& c) {
  return {HQ_JSON_FIELDS(c, id, number, signed_on, findings, declarations, has_violation),
          {"amounts", amounts_json(c.amounts)},
          HQ_JSON_FIELDS(c, status, due_on, late, entered_by),
          {"entered_at", instant(c.entered_at)},
          {"approved_by", text_or_null(c.approved_by)},
          {"approved_at", instant(c.approved_at)}};
}

json penalty_json(const store::Penalty& p) {
  return {HQ_JSON_FIELDS(p, id, number, signed_on, violation, amount, entered_by),
          {"entered_at", instant(p.entered_at)}};
}

json complaint_json(const store::Complaint& c) {
  return {HQ_JSON_FIELDS(c, id, filed_on, content, status),
          {"decided_on", text_or_null(c.decided_on)},
          HQ_JSON_FIELDS(c, outcome, entered_by),
          {"entered_at", instant(c.entered_at)}};
}

json detail_json(const ProposalDetail& d) {
  json j = proposal_json(d.proposal);
  j["decisions"] = json::array();
  for (const auto& x : d.decisions) j["decisions"].push_back(decision_json(x));
  j["conclusion"] = d.conclusion ? conclusion_json(*d.conclusion) : json(nullptr);
  j["penalties"] = json::array();
  for (const auto& x : d.penalties) j["penalties"].push_back(penalty_json(x));
  j["complaints"] = json::array();
  for (const auto& x : d.complaints) j["complaints"].push_back(complaint_json(x));
  j["duplicates"] = duplicates_json(d.duplicates);
  j["audit_end_on"] = text_or_null(d.audit_end_on);
  return j;
}

json collection_json(const store::Collection& c) {
  json results = json::array();
  for (const auto& r : c.results)
    results.push_back({{"risk_area", r.risk_area},
                       {"risk_area_name", risk_area_name(r.risk_area)},
                       HQ_JSON_FIELDS(r, finding, has_violation)});
  json areas = json::array();
  std::size_t start = 0;
  while (start < c.risk_areas.size()) {
    auto end = c.risk_areas.find(',', start);
    if (end == std::string::npos) end = c.risk_areas.size();
    areas.push_back(c.risk_areas.substr(start, end - start));
    start = end + 1;
  }
  return {HQ_JSON_FIELDS(c, id, number, year, status),
          {"paused_from", text_or_null(c.paused_from)},
          HQ_JSON_FIELDS(c, tax_code, enterprise_name, unit_code, unit_name, signs),
          {"risk_areas", areas},
          HQ_JSON_FIELDS(c, reason, duplicate_count, has_findings, proposed_by, source),
          {"origin_number", text_or_null(c.origin_number)},
          {"decided_by", text_or_null(c.decided_by)},
          {"proposed_at", instant(c.proposed_at)},
          {"approved_at", instant(c.approved_at)},
          {"result_submitted_at", instant(c.result_submitted_at)},
          {"result_approved_at", instant(c.result_approved_at)},
          {"approval_due_on", c.approval_due_on},
          {"results_due_on", text_or_null(c.results_due_on)},
          {"results", results},
          {"results_by", text_or_null(c.results_by)},
          {"recipient_kind", text_or_null(c.recipient_kind)},
          {"recipient_name", text_or_null(c.recipient_name)},
          {"letter_number", text_or_null(c.letter_number)},
          {"letter_on", text_or_null(c.letter_on)},
          {"rework_opinion", text_or_null(c.rework_opinion)},
          {"returned_by", text_or_null(c.returned_by)},
          {"returned_at", instant(c.returned_at)},
          HQ_JSON_FIELDS(c, rework_count, restricted)};
}

json deadline_json(const store::Deadline& d) {
  return {HQ_JSON_FIELDS(d, id, kind, entity_type, entity_id, label, due_on, unit_code),
          {"proposal_id", d.proposal_id ? json(d.proposal_id) : json(nullptr)}};
}

json report_json(const FormReport& r) {
  json columns = json::array();
  for (const auto& c : form_columns(r.form))
    columns.push_back(
        {{"key", c.key}, {"group", c.group_vi}, HQ_JSON_FIELDS(c, group_en, heading_vi, heading_en, money)});
  json rows = json::array();
  for (const auto& row : r.rows)
    rows.push_back({{"unit_code", row.unit.code},
                    {"unit_name", row.unit.name},
                    {"level", row.unit.level},
                    HQ_JSON_FIELDS(row, own_only, reconciled),
                    {"values", row.figures}});
  return {{"form", form_code(r.form)},
          {"title", form_title(r.form)},
          {"unit", {{"code", r.unit.code}, {"name", r.unit.name}, {"level", r.unit.level}}},
          {"from", core::format_date(r.from)},
          {"to", core::format_date(r.to)},
          {"columns", columns},
          {"rows", rows},
          HQ_JSON_FIELDS(r, total, not_reconciled)};
}

store::ListQuery list_query(const Request& request, const http::Paging& p) {
  store::ListQuery q;
  q.status = request.query_text("status");
  q.place = request.query_text("place");
  q.year = request.query_int("year", 0, 0, 9999);
  const std::string text = request.query_text("q");
  std::string digits;
  for (const char c : text)
    if (c != ' ' && c != '.' && c != '-') digits += c;
  if (!digits.empty() && std::all_of(digits.begin(), digits.end(), ::isdigit))
    q.q_tax_prefix = digits.size() > 10 ? digits.substr(0, 10) + "-" + digits.substr(10) : digits;
  else
    q.q_folded = core::fold(text);
  q.sort = request.query_text("sort", "created_at");
  q.descending = request.query_text("order", "desc") != "asc";
  q.offset = p.offset();
  q.limit = p.page_size;
  return q;
}

}  // namespace hq::audit::routes
