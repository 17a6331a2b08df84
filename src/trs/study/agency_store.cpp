#include "trs/study/agency_store.h"

#include "core/split.h"
#include "db/row.h"
#include "db/row_mapping.h"
#include "trs/study/report_cache_store.h"

namespace hq::trs::agency_store {
namespace {

std::vector<std::string> split_aliases(const std::string& text) { return core::split_nonempty(text, '|'); }

const db::RowMapping<Agency>& agency_mapping() {
  static const auto mapping =
      db::RowMapping<Agency>()
          HQ_ROW_FIELDS(Agency, code, name, ministry_code, ministry_name, kind, sampling_window)
          .field_with("aliases", [](Agency& a, const soci::row& row, std::size_t i) { a.aliases = split_aliases(db::text_at(row, i)); });
  return mapping;
}

const db::RowMapping<Member>& member_mapping() {
  static const auto mapping = db::RowMapping<Member>()
                                  HQ_ROW_FIELDS(Member, username, agency_code, added_by, added_at);
  return mapping;
}

const db::RowMapping<AgencyReturn>& return_mapping() {
  static const auto mapping = db::RowMapping<AgencyReturn>()
                                  HQ_ROW_FIELDS(AgencyReturn, declaration_key, declaration_no, registration_no,
                                                result_no, registered_at, sampling_at, result_at, handed_over_at, line,
                                                updated_by, updated_at);
  return mapping;
}

const db::RowMapping<BorderCheck>& border_mapping() {
  static const auto mapping = db::RowMapping<BorderCheck>()
                                  HQ_ROW_FIELDS(BorderCheck, vehicle, voyage, check_start_at, check_end_at, line,
                                                updated_by, updated_at);
  return mapping;
}

template <class T>
std::vector<T> read_all(const db::RowMapping<T>& mapping, soci::rowset<soci::row>& rows) {
  std::vector<T> out;
  for (const auto& row : rows) out.push_back(mapping.read(row));
  return out;
}

struct Nullable {
  long long value = 0;
  soci::indicator ind = soci::i_null;
  explicit Nullable(const std::optional<std::int64_t>& v) : value(v.value_or(0)), ind(v ? soci::i_ok : soci::i_null) {}
};

}  // namespace

std::vector<Agency> list_agencies(soci::session& sql) {
  soci::rowset<soci::row> rows = sql.prepare << "SELECT " + agency_mapping().select_list() + " FROM trs_agencies ORDER BY name";
  return read_all(agency_mapping(), rows);
}

std::optional<Agency> find_agency(soci::session& sql, const std::string& code) {
  return agency_mapping().first_where(sql, "trs_agencies", "code = :c", code);
}

std::vector<Member> list_members(soci::session& sql, std::int64_t study_id) {
  soci::rowset<soci::row> rows = (sql.prepare << "SELECT " + member_mapping().select_list() +
                                                     " FROM trs_agency_members WHERE study_id = :s ORDER BY agency_code, username",
                                  soci::use(study_id));
  return read_all(member_mapping(), rows);
}

std::optional<Member> find_member(soci::session& sql, std::int64_t study_id, const std::string& username) {
  soci::rowset<soci::row> rows = (sql.prepare << "SELECT " + member_mapping().select_list() +
                                                     " FROM trs_agency_members WHERE study_id = :s AND username = :u",
                                  soci::use(study_id), soci::use(username));
  for (const auto& row : rows) return member_mapping().read(row);
  return std::nullopt;
}

void put_member(soci::session& sql, std::int64_t study_id, const Member& m) {
  sql << "INSERT INTO trs_agency_members (study_id, username, agency_code, added_by, added_at) VALUES (:s, :u, :a, :b, :t) "
         "ON CONFLICT (study_id, username) DO UPDATE SET agency_code = excluded.agency_code, added_by = excluded.added_by, "
         "added_at = excluded.added_at",
      soci::use(study_id), soci::use(m.username), soci::use(m.agency_code), soci::use(m.added_by), soci::use(m.added_at);
}

bool delete_member(soci::session& sql, std::int64_t study_id, const std::string& username) {
  soci::statement st = (sql.prepare << "DELETE FROM trs_agency_members WHERE study_id = :s AND username = :u",
                        soci::use(study_id), soci::use(username));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

std::vector<Membership> memberships_of(soci::session& sql, const std::string& username) {
  static const auto mapping = db::RowMapping<Membership>()
                                  .field("m.study_id", &Membership::study_id)
                                  .field("s.name", &Membership::study_name)
                                  .field("s.week_start", &Membership::week_start)
                                  .field("m.agency_code", &Membership::agency_code);
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " + mapping.select_list() + " FROM trs_agency_members m JOIN trs_studies s ON s.id = m.study_id "
                                                          "WHERE m.username = :u ORDER BY s.week_start DESC, m.study_id DESC",
       soci::use(username));
  return read_all(mapping, rows);
}

bool account_exists(soci::session& sql, const std::string& username) {
  long long n = 0;
  sql << "SELECT COUNT(*) FROM accounts WHERE username = :u", soci::use(username), soci::into(n);
  return n > 0;
}

void upsert_return(soci::session& sql, std::int64_t study_id, const std::string& agency_code, const AgencyReturn& r) {
  Nullable reg(r.registered_at), smp(r.sampling_at), res(r.result_at), hand(r.handed_over_at);
  sql << "INSERT INTO trs_agency_returns (study_id, agency_code, declaration_key, declaration_no, registration_no, "
         "result_no, registered_at, sampling_at, result_at, handed_over_at, line, updated_by, updated_at) VALUES "
         "(:s, :a, :k, :no, :rn, :res_no, :reg, :smp, :res, :hand, :line, :by, :at) "
         "ON CONFLICT (study_id, agency_code, declaration_key) DO UPDATE SET declaration_no = excluded.declaration_no, "
         "registration_no = excluded.registration_no, result_no = excluded.result_no, registered_at = excluded.registered_at, "
         "sampling_at = excluded.sampling_at, result_at = excluded.result_at, handed_over_at = excluded.handed_over_at, "
         "line = excluded.line, updated_by = excluded.updated_by, updated_at = excluded.updated_at",
      soci::use(study_id), soci::use(agency_code), soci::use(r.declaration_key), soci::use(r.declaration_no),
      soci::use(r.registration_no), soci::use(r.result_no), soci::use(reg.value, reg.ind), soci::use(smp.value, smp.ind),
      soci::use(res.value, res.ind), soci::use(hand.value, hand.ind), soci::use(r.line), soci::use(r.updated_by),
      soci::use(r.updated_at);
  store::touch_study(sql, study_id);  // the cached reports no longer match (report_cache_store.h)
}

std::optional<AgencyReturn> find_return(soci::session& sql, std::int64_t study_id, const std::string& agency_code,
                                        std::int64_t declaration_key) {
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " + return_mapping().select_list() +
                          " FROM trs_agency_returns WHERE study_id = :s AND agency_code = :a AND declaration_key = :k",
       soci::use(study_id), soci::use(agency_code), soci::use(declaration_key));
  for (const auto& row : rows) return return_mapping().read(row);
  return std::nullopt;
}

std::map<std::int64_t, AgencyReturn> returns_of(soci::session& sql, std::int64_t study_id, const std::string& agency_code) {
  soci::rowset<soci::row> rows = (sql.prepare << "SELECT " + return_mapping().select_list() +
                                                     " FROM trs_agency_returns WHERE study_id = :s AND agency_code = :a",
                                  soci::use(study_id), soci::use(agency_code));
  std::map<std::int64_t, AgencyReturn> out;
  for (const auto& row : rows) {
    AgencyReturn r = return_mapping().read(row);
    out[r.declaration_key] = std::move(r);
  }
  return out;
}

std::map<std::string, std::map<std::int64_t, AgencyReturn>> all_returns(soci::session& sql, std::int64_t study_id) {
  soci::rowset<soci::row> rows = (sql.prepare << "SELECT " + return_mapping().select_list() +
                                                     ", agency_code FROM trs_agency_returns WHERE study_id = :s",
                                  soci::use(study_id));
  std::map<std::string, std::map<std::int64_t, AgencyReturn>> out;
  for (const auto& row : rows) {
    AgencyReturn r = return_mapping().read(row);
    out[db::text_at(row, return_mapping().size())][r.declaration_key] = std::move(r);
  }
  return out;
}

void upsert_border_check(soci::session& sql, std::int64_t study_id, const std::string& agency_code, const BorderCheck& c) {
  Nullable start(c.check_start_at), end(c.check_end_at);
  sql << "INSERT INTO trs_border_checks (study_id, agency_code, vehicle, voyage, check_start_at, check_end_at, line, "
         "updated_by, updated_at) VALUES (:s, :a, :v, :voy, :st, :en, :line, :by, :at) "
         "ON CONFLICT (study_id, vehicle, voyage) DO UPDATE SET agency_code = excluded.agency_code, "
         "check_start_at = excluded.check_start_at, check_end_at = excluded.check_end_at, line = excluded.line, "
         "updated_by = excluded.updated_by, updated_at = excluded.updated_at",
      soci::use(study_id), soci::use(agency_code), soci::use(c.vehicle), soci::use(c.voyage),
      soci::use(start.value, start.ind), soci::use(end.value, end.ind), soci::use(c.line), soci::use(c.updated_by),
      soci::use(c.updated_at);
  store::touch_study(sql, study_id);  // the cached reports no longer match (report_cache_store.h)
}

std::vector<BorderCheck> list_border_checks(soci::session& sql, std::int64_t study_id, const BorderQuery& q,
                                            std::int64_t& total) {
  const std::string prefix = q.vehicle_prefix + "%";
  long long count = 0;
  sql << "SELECT COUNT(*) FROM trs_border_checks WHERE study_id = :s AND vehicle LIKE :p", soci::use(study_id),
      soci::use(prefix), soci::into(count);
  total = count;
  long long limit = q.limit, offset = q.offset;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " + border_mapping().select_list() +
                          " FROM trs_border_checks WHERE study_id = :s AND vehicle LIKE :p ORDER BY vehicle, voyage "
                          "LIMIT :l OFFSET :o",
       soci::use(study_id), soci::use(prefix), soci::use(limit), soci::use(offset));
  return read_all(border_mapping(), rows);
}

std::vector<BorderCheck> all_border_checks(soci::session& sql, std::int64_t study_id) {
  soci::rowset<soci::row> rows = (sql.prepare << "SELECT " + border_mapping().select_list() +
                                                     " FROM trs_border_checks WHERE study_id = :s",
                                  soci::use(study_id));
  return read_all(border_mapping(), rows);
}

ReturnsOverlay load_overlay(soci::session& sql, std::int64_t study_id) {
  return ReturnsOverlay(list_agencies(sql), all_returns(sql, study_id), all_border_checks(sql, study_id));
}

}  // namespace hq::trs::agency_store
