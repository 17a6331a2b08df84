#pragma once
// The audit routes' shared pieces (not a public header): JSON shapes of the module's records, the list
// query every list reads, and the registration of each aggregate's routes.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "audit/service.h"
#include "http/message.h"
#include "http/router.h"
#include "sheets/xlsx_table.h"

namespace hq::audit::routes {

inline std::string route(const std::string& tail) { return "/api/v1/audit" + tail; }

nlohmann::json instant(std::int64_t t);
nlohmann::json text_or_null(const std::string& s);
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
// A list's answer: the workbook of `table(items)` when .xlsx was asked for, else the JSON page of `to_json`.
template <typename Item>
http::Response list_answer(bool xlsx, const http::Paging& p, const std::vector<Item>& items, std::int64_t total,
                           sheets::Table (*table)(const std::vector<Item>&), const std::string& file_stem,
                           nlohmann::json (*to_json)(const Item&)) {
  if (xlsx) return xlsx_list(table(items), total, file_stem);
  nlohmann::json list = nlohmann::json::array();
  for (const auto& item : items) list.push_back(to_json(item));
  return http::Response::ok(http::page_json(list, total, p));
}

void add_enterprise_routes(http::Router& router, AuditService& service);   // routes_enterprises.cpp
void add_proposal_routes(http::Router& router, AuditService& service);     // routes_proposals.cpp
void add_collection_routes(http::Router& router, AuditService& service);   // routes_collections.cpp
void add_report_routes(http::Router& router, AuditService& service);       // routes_reports.cpp
void add_stq01_routes(http::Router& router, AuditService& service);        // routes_stq01.cpp

}  // namespace hq::audit::routes
