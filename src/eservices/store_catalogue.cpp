#include <nlohmann/json.hpp>

#include "db/row.h"
#include "eservices/store.h"

namespace hq::eservices::store {

using nlohmann::json;

namespace {

ProcedureSettings settings_from(const soci::row& row) {
  ProcedureSettings s;
  s.processing_days = db::int_at(row, "processing_days");
  s.fee = db::int_at(row, "fee");
  s.result_form = db::text_at(row, "result_form");
  s.updated_at = db::int_at(row, "updated_at");
  for (const auto& d : json::parse(db::text_at(row, "documents"), nullptr, false))
    if (d.is_object()) s.documents.push_back({d.value("name", ""), d.value("signed", true)});
  return s;
}

}  // namespace

std::map<std::string, ProcedureSettings> all_settings(soci::session& sql) {
  std::map<std::string, ProcedureSettings> out;
  soci::rowset<soci::row> rows = (sql.prepare << "SELECT * FROM eservices_procedure_settings");
  for (const auto& row : rows) out[db::text_at(row, "code")] = settings_from(row);
  return out;
}

std::optional<ProcedureSettings> find_settings(soci::session& sql, const std::string& code) {
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT * FROM eservices_procedure_settings WHERE code = :c", soci::use(code));
  for (const auto& row : rows) return settings_from(row);
  return std::nullopt;
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
