#include "audit/store_report_calendar.h"

#include <map>

#include "audit/store_support.h"
#include "db/row.h"

namespace hq::audit::store {

using detail::like_prefix;

namespace {

const db::RowMapping<ReportPeriod>& period_mapping() {
  static const auto mapping = db::RowMapping<ReportPeriod>() HQ_ROW_FIELDS(
      ReportPeriod, id, created_at, form, period_from, period_to, due_on, created_by);
  return mapping;
}

}  // namespace

std::int64_t insert_report_period(soci::session& sql, const ReportPeriod& p) {
  long long id = 0;
  const long long at = p.created_at;
  soci::indicator ind = soci::i_null;
  sql << "INSERT INTO audit_report_periods (form, period_from, period_to, due_on, created_by, created_at) "
         "VALUES (:f, :pf, :pt, :d, :by, :at) ON CONFLICT (form, period_from, period_to) DO NOTHING RETURNING id",
      soci::use(p.form), soci::use(p.period_from), soci::use(p.period_to), soci::use(p.due_on), soci::use(p.created_by),
      soci::use(at), soci::into(id, ind);
  return sql.got_data() && ind == soci::i_ok ? id : 0;
}

std::optional<ReportPeriod> find_report_period(soci::session& sql, std::int64_t id) {
  return period_mapping().first_where(sql, "audit_report_periods", "id = :id", id);
}

std::vector<ReportPeriod> report_periods(soci::session& sql, const std::string& due_from, const std::string& due_to) {
  std::vector<ReportPeriod> list;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " + period_mapping().select_list() +
                          " FROM audit_report_periods WHERE due_on >= :a AND due_on <= :b ORDER BY due_on, form, id",
       soci::use(due_from), soci::use(due_to));
  for (const auto& r : rows) list.push_back(period_mapping().read(r));
  return list;
}

std::vector<PeriodUnitStatus> period_unit_statuses(soci::session& sql, const ReportPeriod& p, const std::string& path) {
  const std::string pattern = like_prefix(path);
  std::map<std::int64_t, PeriodUnitStatus> by_unit;
  soci::rowset<soci::row> signed_rows =
      (sql.prepare << "SELECT r.unit_id, r.signed_at, r.signed_by, r.note FROM audit_reconciliations r "
                      "JOIN units u ON u.id = r.unit_id WHERE u.path LIKE :p AND r.form = :f AND r.period_from = :pf "
                      "AND r.period_to = :pt",
       soci::use(pattern), soci::use(p.form), soci::use(p.period_from), soci::use(p.period_to));
  for (const auto& r : signed_rows) {
    auto& s = by_unit[db::int_at(r, 0)];
    s.unit_id = db::int_at(r, 0);
    s.signed_at = db::int_at(r, 1);
    s.signed_by = db::text_at(r, 2);
    s.note = db::text_at(r, 3);
  }
  const long long period = p.id;
  soci::rowset<soci::row> chase_rows =
      (sql.prepare << "SELECT c.unit_id, c.chased_at, c.chased_by FROM audit_report_chases c JOIN units u ON u.id = c.unit_id "
                      "WHERE c.period_id = :id AND u.path LIKE :p ORDER BY c.chased_at, c.id",
       soci::use(period), soci::use(pattern));
  for (const auto& r : chase_rows) {
    auto& s = by_unit[db::int_at(r, 0)];
    s.unit_id = db::int_at(r, 0);
    s.chases += 1;
    s.last_chased_at = db::int_at(r, 1);
    s.last_chased_by = db::text_at(r, 2);
  }
  std::vector<PeriodUnitStatus> list;
  for (auto& [id, s] : by_unit) list.push_back(s);
  return list;
}

void insert_chase(soci::session& sql, std::int64_t period_id, std::int64_t unit_id, const std::string& by,
                  std::int64_t now) {
  const long long period = period_id, unit = unit_id, at = now;
  sql << "INSERT INTO audit_report_chases (period_id, unit_id, chased_by, chased_at) VALUES (:p, :u, :by, :at)",
      soci::use(period), soci::use(unit), soci::use(by), soci::use(at);
}

}  // namespace hq::audit::store
