#include "trs/study/study_routes.h"


#include <array>
#include <cctype>
#include <map>

#include "core/base64.h"
#include "core/error.h"
#include "core/fields.h"
#include "http/json_input.h"
#include "sheets/xlsx_output.h"
#include "trs/engine/intervals.h"
#include "trs/engine/reference_studies.h"

namespace hq::trs {

using http::Request;
using http::Response;
using nlohmann::json;

// Shared with the agencies' routes (study_routes.h).
json instant(std::optional<std::int64_t> t) { return t ? json(core::format_iso8601(*t)) : json(nullptr); }

std::int64_t positive_id(const std::string& text, const std::string& name) {
  try {
    std::size_t used = 0;
    const auto id = std::stoll(text, &used);
    if (used == text.size() && id > 0) return id;
  } catch (const std::exception&) {
  }
  core::bad_input("INVALID_PARAMETER", "Tham số «" + name + "» phải là số nguyên dương.", {{"parameter", name}});
}
std::map<std::string, std::string> cells_input(const json& body) {
  const auto it = body.find("cells");
  if (it == body.end() || !it->is_object())
    http::invalid_field("cells", "Thân yêu cầu phải có «cells»: {tên cột: giá trị}.");
  std::map<std::string, std::string> out;
  for (const auto& [name, value] : it->items()) {
    if (value.is_null()) out[name] = "";
    else if (value.is_string() && value.get_ref<const std::string&>().size() <= 2000) out[name] = value.get<std::string>();
    else http::invalid_field(name, "Ô «" + name + "» phải là chuỗi ký tự (tối đa 2000 byte) hoặc null.");
  }
  return out;
}

namespace {

constexpr const char* kBase = "/api/v1/trs";
constexpr const char* kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

std::string route(const std::string& tail) { return kBase + tail; }
std::int64_t id_param(const Request& request) { return positive_id(request.param("id"), "id"); }

bool flag(const Request& request, const std::string& name) {
  const std::string v = request.query_text(name);
  if (v.empty() || v == "false" || v == "0") return false;
  if (v == "true" || v == "1") return true;
  core::bad_input("INVALID_PARAMETER", "Tham số «" + name + "» chỉ nhận true hoặc false.", {{"parameter", name}});
}

// ---- JSON shapes ----

json study_json(const StudyView& v) {
  const auto& c = v.study.config;
  json branches = json::array();
  std::int64_t total = 0;
  for (const auto& b : c.branches) {
    const auto it = v.record_counts.find(b.code);
    const auto n = it == v.record_counts.end() ? 0 : it->second;
    total += n;
    branches.push_back({HQ_JSON_FIELDS(b, code, route), {"sampling_rule", to_string(b.sampling_rule)}, {"records", n}});
  }
  return {{"id", v.study.id},
          HQ_JSON_FIELDS(c, name, year),
          {"week_start", core::format_date(c.week_start)},
          {"week_end", core::format_date(core::add_days(c.week_start, 5))},
          {"branches", branches},
          HQ_JSON_FIELDS(c, excluded_type_codes, world_bank_branches, follow_up_days),
          {"period_start", instant(c.period_start)},
          {"period_end", instant(c.period_end)},
          {"sample_begin", core::format_iso8601(sample_begin(c))},
          {"sample_end", core::format_iso8601(sample_end(c))},
          {"agency_weeks_before", c.agency_weeks_before},
          {"agency_window_start", core::format_date(agency_window_start(c))},
          {"agency_window_end", core::format_date(agency_window_end(c))},
          {"follow_up_limit", core::format_iso8601(v.follow_up_limit)},
          {"records", total},
          {"can_manage", v.can_manage},
          {"created_by", v.study.created_by},
          {"created_at", instant(v.study.created_at)},
          {"updated_at", instant(v.study.updated_at)}};
}

json issue_json(const Issue& i) {
  json j = {HQ_JSON_FIELDS(i, code, message)};
  if (i.line) j["line"] = i.line;
  if (!i.declaration_no.empty()) j["declaration_no"] = i.declaration_no;
  if (!i.column.empty()) j["column"] = i.column;
  if (!i.interval.empty()) j["interval"] = i.interval;
  return j;
}

json issues_json(const std::vector<Issue>& issues) {
  json out = json::array();
  for (const auto& i : issues) out.push_back(issue_json(i));
  return out;
}

json record_json(const StoredRecord& s) {
  return {{"declaration_no", s.row.declaration_no},
          {"flow", s.row.flow},
          {"branch_code", s.row.branch_code},
          {"channel", s.row.channel.empty() ? json(nullptr) : json(s.row.channel)},
          {"registered_at", instant(s.record.registered_at)},
          {"released_at", instant(s.record.released_at)},
          {"incomplete", s.incomplete},
          {"line", s.row.line},
          {"updated_by", s.row.updated_by},
          {"updated_at", instant(s.row.updated_at)},
          {"cells", record_cells(s.record)}};
}

json entry_json(const EntryResult& e) {
  return {{"record", record_json(e.stored)}, {"warnings", issues_json(e.warnings)}, {"changes", e.changes}};
}

// ---- inputs ----

std::vector<std::string> codes(const json& body, const std::string& field) {
  std::vector<std::string> out;
  for (auto& code : http::text_list(body, field, 200)) {
    for (auto& ch : code) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    out.push_back(code);
  }
  return out;
}

// Fields present in `body` replace those of `base` (POST starts from the defaults).
StudyConfig study_input(const json& body, StudyConfig base, bool create) {
  if (create || body.contains("name")) base.name = http::required_text(body, "name", 300);
  if (create || body.contains("year")) base.year = static_cast<int>(http::required_int(body, "year", 2000, 2199));
  if (create || body.contains("week_start")) base.week_start = http::required_date(body, "week_start");
  if (create || body.contains("branches")) {
    const auto* list = body.contains("branches") ? &body["branches"] : nullptr;
    if (!list || !list->is_array()) http::invalid_field("branches", "Trường «branches» phải là danh sách chi cục {code, route}.");
    base.branches.clear();
    for (const auto& b : *list) {
      if (!b.is_object()) http::invalid_field("branches", "Mỗi chi cục phải có dạng {code, route, sampling_rule}.");
      auto code = http::required_text(b, "code", 10), r = http::required_text(b, "route", 10);
      for (auto& ch : code) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      for (auto& ch : r) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      SamplingRule rule = default_sampling_rule(r);
      if (const auto text = http::optional_text(b, "sampling_rule", 20)) {
        const auto parsed = parse_sampling_rule(*text);
        if (!parsed)
          http::invalid_field("branches", "Quy tắc chọn mẫu của chi cục " + code +
                                              " phải là FULL_WEEK (cả tuần) hoặc WED_FRI (thứ Tư – thứ Sáu).");
        rule = *parsed;
      }
      base.branches.push_back({code, r, rule});
    }
  }
  if (body.contains("excluded_type_codes")) base.excluded_type_codes = codes(body, "excluded_type_codes");
  if (body.contains("world_bank_branches")) base.world_bank_branches = codes(body, "world_bank_branches");
  if (auto days = http::optional_int(body, "follow_up_days", 1, 365)) base.follow_up_days = static_cast<int>(*days);
  if (auto weeks = http::optional_int(body, "agency_weeks_before", 1, 2)) base.agency_weeks_before = static_cast<int>(*weeks);
  for (auto [field, slot] : {std::pair{"period_start", &StudyConfig::period_start}, {"period_end", &StudyConfig::period_end}}) {
    if (!body.contains(field)) continue;
    const json& v = body[field];
    if (v.is_null()) {
      base.*slot = std::nullopt;
      continue;
    }
    std::string why;
    const auto t = v.is_string() && v.get_ref<const std::string&>().size() <= 40
                       ? parse_time_cell(v.get_ref<const std::string&>(), &why)
                       : std::nullopt;
    if (!t)
      http::invalid_field(field, std::string("Trường «") + field +
                                     "» phải là thời điểm dạng YYYY-MM-DD HH:MM hoặc ISO-8601 có múi giờ (hoặc null).");
    base.*slot = t;
  }
  return base;
}

// Files exported by other tools: whitespace, URL-safe letters and stray padding are accepted (core/base64.h).
std::string base64_decode(const std::string& text, const std::string& field) {
  auto bytes = core::base64_decode_relaxed(text);
  if (!bytes) http::invalid_field(field, "Trường «" + field + "» phải là nội dung tệp mã hóa base64.");
  return std::move(*bytes);
}

Response xlsx_response(const Report& report, const std::vector<ComparisonRow>& comparison, const std::string& name) {
  return Response::file(kXlsxType, sheets::write_to_bytes([&](const std::string& path) {
                          write_xlsx(path, report, comparison);
                        }),
                        name);
}

json columns_json() {
  json cols = json::array();
  for (const ColumnDef& c : columns()) {
    static const char* kinds[] = {"text", "yes_no", "enum", "time", "list"};
    json values = json::array();
    for (auto v : c.values) values.push_back(std::string(v));
    cols.push_back({{"name", std::string(c.name)},
                    {"kind", kinds[static_cast<int>(c.kind)]},
                    {"label_vi", std::string(c.label_vi)},
                    {"label_en", std::string(c.label_en)},
                    {"form_ref", std::string(c.form_ref)},
                    {"values", values}});
  }
  json ivs = json::array();
  for (const IntervalDef& d : intervals())
    ivs.push_back({{"id", std::string(d.id)}, {"name_vi", std::string(d.name_vi)}, {"name_en", std::string(d.name_en)}});
  return {{"columns", cols}, {"intervals", ivs}};
}

void add_study_routes(http::Router& router, StudyService& service) {
  router.add("GET", route("/columns"), [](Request&) { return Response::ok(columns_json()); });

  router.add("GET", route("/studies"), [&service](Request& request) {
    json items = json::array();
    for (const auto& v : service.studies(request.principal)) items.push_back(study_json(v));
    return Response::ok({{"items", items}, {"total", items.size()}});
  });
  router.add("POST", route("/studies"), [&service](Request& request) {
    StudyService::require_manager(request.principal);
    return Response::created(study_json(service.create_study(request.principal, study_input(request.json_body(), {}, true))));
  });
  router.add("GET", route("/studies/{id}"), [&service](Request& request) {
    return Response::ok(study_json(service.study(request.principal, id_param(request))));
  });
  router.add("PATCH", route("/studies/{id}"), [&service](Request& request) {
    const auto id = id_param(request);
    StudyService::require_manager(request.principal);
    const auto current = service.study(request.principal, id);
    const auto config = study_input(request.json_body(), current.study.config, false);
    return Response::ok(study_json(service.update_study(request.principal, id, config)));
  });
}

void add_record_routes(http::Router& router, StudyService& service) {
  router.add("GET", route("/studies/{id}/records"), [&service](Request& request) {
    store::RecordQuery q;
    const auto paging = http::paging(request);
    q.offset = paging.offset();
    q.limit = paging.page_size;
    q.branch = request.query_text("branch");
    q.number_prefix = request.query_text("q");
    q.flow = request.query_text("flow");
    if (q.number_prefix.find_first_not_of("0123456789") != std::string::npos)
      core::bad_input("INVALID_PARAMETER", "Tham số «q» là phần đầu của số tờ khai (chỉ chữ số).", {{"parameter", "q"}});
    const auto result = service.records(request.principal, id_param(request), q);
    json items = json::array();
    for (const auto& r : result.items) items.push_back(record_json(r));
    return Response::ok(http::page_json(std::move(items), result.total, paging));
  });
  router.add("POST", route("/studies/{id}/records"), [&service](Request& request) {
    return Response::created(
        entry_json(service.create_record(request.principal, id_param(request), cells_input(request.json_body()))));
  });
  router.add("POST", route("/studies/{id}/records/check"), [&service](Request& request) {
    const auto result = service.check_record(request.principal, id_param(request), cells_input(request.json_body()));
    return Response::ok({{"problems", problems_json(result.problems)}, {"warnings", issues_json(result.warnings)}});
  });
  router.add("GET", route("/studies/{id}/records/{declaration_no}"), [&service](Request& request) {
    return Response::ok(record_json(service.record(request.principal, id_param(request), request.param("declaration_no"))));
  });
  router.add("PATCH", route("/studies/{id}/records/{declaration_no}"), [&service](Request& request) {
    return Response::ok(entry_json(service.update_record(request.principal, id_param(request),
                                                         request.param("declaration_no"),
                                                         cells_input(request.json_body()))));
  });
}

void add_import_routes(http::Router& router, StudyService& service) {
  // Body: the file itself (wide CSV or .xlsx); ?format=long: JSON {"header": base64, "events": base64}.
  router.add("POST", route("/studies/{id}/import"), [&service](Request& request) {
    const std::string format = request.query_text("format", "wide");
    if (format != "wide" && format != "long")
      core::bad_input("INVALID_PARAMETER", "Tham số «format» chỉ nhận wide hoặc long.", {{"parameter", "format"}});
    ImportOptions options;
    options.skip_invalid = flag(request, "skip_invalid");
    std::string header, events;
    if (format == "long") {
      const json body = request.json_body();
      header = base64_decode(http::required_text(body, "header", std::string::npos), "header");
      events = base64_decode(http::required_text(body, "events", std::string::npos), "events");
    }
    const auto result = service.import_records(
        &request.principal, id_param(request),
        [&](RecordSink& sink) {
          if (format == "long") read_records_bytes(header, std::string_view(events), sink);
          else read_records_bytes(request.body, std::nullopt, sink);
        },
        options);
    return Response::ok({HQ_JSON_FIELDS(result, rows, stored, created, replaced, skipped, bad_cell_count),
                         {"bad_cells", problems_json(result.bad_cells)}});
  });
}

void add_analysis_routes(http::Router& router, StudyService& service) {
  router.add("GET", route("/studies/{id}/followup"), [&service](Request& request) {
    const auto f = service.follow_up(request.principal, id_param(request));
    json branches = json::array();
    for (const auto& b : f.branches) {
      json items = json::array();
      for (const auto& i : b.items)
        items.push_back({HQ_JSON_FIELDS(i, declaration_no, flow),
                         {"registered_at", instant(i.registered_at)},
                         {"missing", i.missing}});
      branches.push_back({HQ_JSON_FIELDS(b, code, route, records, incomplete), {"items", items}});
    }
    return Response::ok({{"follow_up_limit", core::format_iso8601(f.limit)},
                         {"today", core::format_date(f.today)},
                         {"days_left", f.days_left},
                         {"branches", branches}});
  });
  router.add("GET", route("/studies/{id}/report"), [&service](Request& request) {
    const auto id = id_param(request);
    const std::string format = request.query_text("format", "json");
    if (format != "json" && format != "xlsx")
      core::bad_input("INVALID_PARAMETER", "Tham số «format» chỉ nhận json hoặc xlsx.", {{"parameter", "format"}});
    const auto view = service.study_for_report(&request.principal, id);
    if (format == "xlsx")
      return xlsx_response(service.report(&request.principal, id), {}, "do-thoi-gian-" + std::to_string(id) + ".xlsx");
    json j = json::parse(service.report_json(&request.principal, id));  // kept ready on the study
    j["study"] = study_json(view);
    return Response(Response::ok(j));
  });
  // The list sent to the ministries: JSON pages (?agency= filters one agency), or the whole list as CSV / .xlsx.
  router.add("GET", route("/studies/{id}/agency-list"), [&service](Request& request) {
    const auto id = id_param(request);
    const std::string format = request.query_text("format", "json");
    if (format != "json" && format != "csv" && format != "xlsx")
      core::bad_input("INVALID_PARAMETER", "Tham số «format» chỉ nhận json, csv hoặc xlsx.", {{"parameter", "format"}});
    const auto paging = http::paging(request);
    const std::string agency = request.query_text("agency");
    auto rows = service.agency_list(&request.principal, id);
    const std::string name = "danh-sach-gui-bo-nganh-" + std::to_string(id);
    if (format == "csv") return Response::file("text/csv; charset=utf-8", agency_list_csv(rows), name + ".csv");
    if (format == "xlsx")
      return Response::file(kXlsxType, sheets::write_to_bytes([&](const std::string& path) {
                              write_agency_list_xlsx(path, rows);
                            }),
                            name + ".xlsx");
    std::map<std::string, std::int64_t> agencies;
    for (const auto& r : rows) ++agencies[r.agency];
    json summary = json::array();
    for (const auto& [a, n] : agencies) summary.push_back({{"agency", a.empty() ? json(nullptr) : json(a)}, {"rows", n}});
    json items = json::array();
    std::int64_t total = 0;
    for (const auto& r : rows) {
      if (!agency.empty() && r.agency != agency) continue;
      if (total++ < paging.offset() || total > paging.offset() + paging.page_size) continue;
      items.push_back({{"agency", r.agency.empty() ? json(nullptr) : json(r.agency)},
                       HQ_JSON_FIELDS(r, block, sci_kinds, declaration_no, flow, branch_code),
                       {"registered_at", instant(r.registered_at)},
                       HQ_JSON_FIELDS(r, bill_of_lading, registration_no, certificate_no)});
    }
    json page = http::page_json(std::move(items), total, paging);
    page["agencies"] = std::move(summary);
    return Response::ok(page);
  });
  router.add("GET", route("/references"), [&service](Request& request) {
    service.require_trs_user(request.principal);
    json items = json::array();
    for (const ReferenceStudy& r : reference_studies()) items.push_back(to_json(r));
    return Response::ok({{"items", items}, {"total", items.size()}});
  });
  // Two stored studies (a, b), or a stored study and the published figures of an earlier one (a, reference).
  router.add("GET", route("/compare"), [&service](Request& request) {
    const auto a = positive_id(request.query_text("a"), "a");
    const std::string reference_id = request.query_text("reference");
    const std::string format = request.query_text("format", "json");
    if (format != "json" && format != "xlsx")
      core::bad_input("INVALID_PARAMETER", "Tham số «format» chỉ nhận json hoặc xlsx.", {{"parameter", "format"}});
    const auto side = [](const StudyView& v, const Report& r) {
      json j = study_json(v);
      j["counts"] = {{"total", r.records.total}, {"analysed", r.records.analysed},
                     {"excluded", r.records.excluded}, {"incomplete", r.records.incomplete}};
      return j;
    };
    if (!reference_id.empty()) {
      if (!request.query_text("b").empty())
        core::bad_input("INVALID_PARAMETER", "Chỉ so sánh với một cuộc đo (b) hoặc một số liệu tham chiếu (reference).",
                        {{"parameter", "reference"}});
      const ReferenceStudy* reference = reference_id.size() <= 20 ? find_reference_study(reference_id) : nullptr;
      if (!reference)
        core::bad_input("INVALID_PARAMETER", "Không có số liệu tham chiếu «" + reference_id.substr(0, 20) + "».",
                        {{"parameter", "reference"}});
      const auto view_a = service.study_for_report(&request.principal, a);
      const Report report_a = service.report(&request.principal, a);
      const auto rows = compare(report_a, *reference);
      if (format == "xlsx")
        return xlsx_response(report_a, rows, "so-sanh-" + std::to_string(a) + "-" + std::string(reference->id) + ".xlsx");
      return Response::ok({{"a", side(view_a, report_a)}, {"reference", to_json(*reference)}, {"rows", to_json(rows)}});
    }
    const auto b = positive_id(request.query_text("b"), "b");
    const auto view_a = service.study_for_report(&request.principal, a);
    const auto view_b = service.study_for_report(&request.principal, b);
    const Report report_a = service.report(&request.principal, a), report_b = service.report(&request.principal, b);
    const auto rows = compare(report_a, report_b);
    if (format == "xlsx") return xlsx_response(report_a, rows, "so-sanh-" + std::to_string(a) + "-" + std::to_string(b) + ".xlsx");
    return Response::ok({{"a", side(view_a, report_a)}, {"b", side(view_b, report_b)}, {"rows", to_json(rows)}});
  });
}

}  // namespace

void add_trs_routes(http::Router& router, StudyService& service) {
  add_study_routes(router, service);
  add_record_routes(router, service);
  add_import_routes(router, service);
  add_analysis_routes(router, service);
}

}  // namespace hq::trs
