#include <nlohmann/json.hpp>

#include "db/row.h"
#include "db/row_mapping.h"
#include "eservices/store.h"

namespace hq::eservices::store {

using nlohmann::json;

namespace {

// The procedure code comes last, after the mapped fields, for the map of all settings.
const db::RowMapping<ProcedureSettings>& settings_mapping() {
  static const auto mapping =
      db::RowMapping<ProcedureSettings>()
          HQ_ROW_FIELDS(ProcedureSettings, processing_days, fee, result_form, updated_at)
          .field_with("documents", [](ProcedureSettings& s, const soci::row& row, std::size_t i) {
            for (const auto& d : json::parse(db::text_at(row, i), nullptr, false))
              if (d.is_object()) s.documents.push_back({d.value("name", ""), d.value("signed", true)});
          });
  return mapping;
}

}  // namespace

std::map<std::string, ProcedureSettings> all_settings(soci::session& sql) {
  std::map<std::string, ProcedureSettings> out;
  soci::rowset<soci::row> rows = (sql.prepare << "SELECT " + settings_mapping().select_list() + ", code FROM eservices_procedure_settings");
  for (const auto& row : rows) out[db::text_at(row, settings_mapping().size())] = settings_mapping().read(row);
  return out;
}

std::optional<ProcedureSettings> find_settings(soci::session& sql, const std::string& code) {
  return settings_mapping().first_where(sql, "eservices_procedure_settings", "code = :c", code);
}

void save_settings(soci::session& sql, const std::string& code, const ProcedureSettings& s, const std::string& by,
                   std::int64_t now) {
  json documents = json::array();
  for (const auto& d : s.documents) documents.push_back({{"name", d.name}, {"signed", d.signed_copy}});
  const std::string docs = documents.dump();
  const long long days = s.processing_days, fee = s.fee, at = now;
  sql << "INSERT INTO eservices_procedure_settings (code, processing_days, fee, documents, result_form, updated_by, "
         "updated_at) VALUES (:c, :d, :f, :docs, :r, :by, :at) ON CONFLICT (code) DO UPDATE SET "
         "processing_days = excluded.processing_days, fee = excluded.fee, documents = excluded.documents, "
         "result_form = excluded.result_form, updated_by = excluded.updated_by, updated_at = excluded.updated_at",
      soci::use(code), soci::use(days), soci::use(fee), soci::use(docs), soci::use(s.result_form), soci::use(by),
      soci::use(at);
}

std::optional<Assignment> find_assignment(soci::session& sql, const std::string& unit_code,
                                          const std::string& procedure_code) {
  soci::rowset<soci::row> rows = (sql.prepare << "SELECT mode, officers FROM eservices_assignment "
                                                 "WHERE unit_code = :u AND procedure_code = :p",
                                  soci::use(unit_code), soci::use(procedure_code));
  for (const auto& row : rows) {
    Assignment a;
    a.mode = static_cast<int>(db::int_at(row, "mode"));
    for (const auto& o : json::parse(db::text_at(row, "officers"), nullptr, false))
      if (o.is_string()) a.officers.push_back(o.get<std::string>());
    return a;
  }
  return std::nullopt;
}

void save_assignment(soci::session& sql, const std::string& unit_code, const std::string& procedure_code,
                     const Assignment& a, const std::string& by, std::int64_t now) {
  const std::string officers = json(a.officers).dump();
  const long long mode = a.mode, at = now;
  sql << "INSERT INTO eservices_assignment (unit_code, procedure_code, mode, officers, updated_by, updated_at) "
         "VALUES (:u, :p, :m, :o, :by, :at) ON CONFLICT (unit_code, procedure_code) DO UPDATE SET "
         "mode = excluded.mode, officers = excluded.officers, updated_by = excluded.updated_by, "
         "updated_at = excluded.updated_at",
      soci::use(unit_code), soci::use(procedure_code), soci::use(mode), soci::use(officers), soci::use(by),
      soci::use(at);
}

std::vector<std::int64_t> open_counts(soci::session& sql, const std::vector<std::string>& usernames) {
  std::vector<std::int64_t> out;
  for (const auto& u : usernames) {
    long long n = 0;
    sql << "SELECT COUNT(*) FROM eservices_dossiers WHERE assignee = :u AND status NOT IN ('DONE', 'REFUSED')",
        soci::use(u), soci::into(n);
    out.push_back(n);
  }
  return out;
}

}  // namespace hq::eservices::store
