#pragma once
// The audit routes' shared pieces (not a public header): JSON shapes of the module's records, the list
// query every list reads, and the registration of each aggregate's routes.
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "audit/service.h"
#include "http/json_input.h"
#include "http/message.h"
#include "http/route_names.h"
#include "http/router.h"
#include "sheets/xlsx_table.h"

namespace hq::audit::routes {

inline std::string route(const std::string& tail) { return "/api/v1/audit" + tail; }

nlohmann::json instant(std::int64_t t);
nlohmann::json text_or_null(const std::string& s);

// The names every audit route source uses; those outside this namespace write `using namespace routes::names;`.
namespace names {
using namespace http::route_names;
using routes::instant;
using routes::route;
}  // namespace names
using namespace names;

// `to_json` of each item, as a JSON array.
template <typename Items, typename ToJson>
nlohmann::json json_list(const Items& items, ToJson to_json) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& item : items) list.push_back(to_json(item));
  return list;
}
nlohmann::json enterprise_json(const store::Enterprise& e);
nlohmann::json duplicate_json(const Duplicate& d);
nlohmann::json duplicates_json(const std::vector<Duplicate>& list);
nlohmann::json proposal_json(const store::Proposal& p);
nlohmann::json amounts_json(const Amounts& a);
nlohmann::json decision_json(const store::Decision& d);
nlohmann::json conclusion_json(const store::Conclusion& c);
nlohmann::json penalty_json(const store::Penalty& p);
nlohmann::json complaint_json(const store::Complaint& c);
nlohmann::json detail_json(const ProposalDetail& d);
nlohmann::json collection_json(const store::Collection& c);
nlohmann::json deadline_json(const store::Deadline& d);
nlohmann::json report_json(const FormReport& r);
// status, place, year, q (a tax-code prefix or words of a name), sort, order and the page.
store::ListQuery list_query(const http::Request& request, const http::Paging& p);

// routes_export.cpp: `?format=json|xlsx` of every list (400 otherwise); an export's paging (all rows, up to
// kExportMaxRows); the workbook answer (400 EXPORT_TOO_LARGE past the limit).
bool wants_xlsx(const http::Request& request);
http::Paging list_paging(const http::Request& request, bool xlsx);
http::Response xlsx_list(const sheets::Table& table, std::int64_t total, const std::string& file_stem);
// A list route's opening: whether .xlsx was asked for, and the page to read (`const auto [xlsx, p] = …`).
struct ListRequest {
  bool xlsx;
  http::Paging p;
};
inline ListRequest list_request(const http::Request& request) {
  const bool xlsx = wants_xlsx(request);
  return {xlsx, list_paging(request, xlsx)};
}
// A list's answer: the workbook of `table(items)` when .xlsx was asked for, else the JSON page of `to_json`.
template <typename Items, typename Table, typename ToJson>
http::Response list_answer(bool xlsx, const http::Paging& p, const Items& items, std::int64_t total, Table table,
                           const std::string& file_stem, ToJson to_json) {
  if (xlsx) return xlsx_list(table(items), total, file_stem);
  return http::Response::ok(http::page_json(json_list(items, to_json), total, p));
}
// GET `tail`: the list whose page `fetch(request, paging)` reads (`.items`, `.total`), answered by list_answer.
template <typename Fetch, typename Table, typename ToJson>
void add_list_route(http::Router& router, const std::string& tail, Fetch fetch, Table table, std::string file_stem,
                    ToJson to_json) {
  router.add("GET", route(tail), [fetch, table, file_stem, to_json](http::Request& request) {
    const auto [xlsx, p] = list_request(request);
    const auto page = fetch(request, p);
    return list_answer(xlsx, p, page.items, page.total, table, file_stem, to_json);
  });
}

// GET `tail`: the list of a unit's items (`?unit=` and list_query's filters) that `list(caller, unit, query)` of
// the service reads (the proposals, the collections).
template <typename List, typename Table, typename ToJson>
void add_unit_list_route(http::Router& router, const std::string& tail, AuditService& service, List list, Table table,
                         std::string file_stem, ToJson to_json) {
  add_list_route(
      router, tail,
      [&service, list](http::Request& request, const http::Paging& p) {
        return (service.*list)(request.principal, request.query_text("unit"), list_query(request, p));
      },
      table, std::move(file_stem), to_json);
}

// POST `prefix` + name for each state change in `names` (`/proposals/{id}/` + "approve"), with an optional
// "reason" in the body: answered by `act(request, action, reason)`.
template <typename Act>
void add_action_routes(http::Router& router, const std::string& prefix, std::initializer_list<const char*> names,
                       Act act) {
  for (const char* name : names) {
    const Action action = *parse_action(name);
    router.add("POST", route(prefix) + name, [act, action](http::Request& request) {
      const nlohmann::json body = request.json_body_or_empty();
      return http::Response::ok(act(request, action, http::optional_text(body, "reason", 2000).value_or("")));
    });
  }
}

void add_enterprise_routes(http::Router& router, AuditService& service);   // routes_enterprises.cpp
void add_proposal_routes(http::Router& router, AuditService& service);     // routes_proposals.cpp
void add_collection_routes(http::Router& router, AuditService& service);   // routes_collections.cpp
void add_report_routes(http::Router& router, AuditService& service);       // routes_reports.cpp
void add_stq01_routes(http::Router& router, AuditService& service);        // routes_stq01.cpp

}  // namespace hq::audit::routes
