// STQ01 records carried over into the proposals and collections tables (migration 0211): found by their STQ01
// number, and rewritten as a new import of the same file has them.
#include "audit/store.h"

namespace hq::audit::store {

namespace {

std::optional<Stq01Existing> by_origin(soci::session& sql, const char* table, const std::string& origin_number) {
  long long id = 0;
  std::string path;
  soci::indicator found = soci::i_null;
  sql << std::string("SELECT r.id, u.path FROM ") + table +
             " r JOIN units u ON u.id = r.unit_id WHERE r.source = 'STQ01' AND r.origin_number = :o",
      soci::use(origin_number), soci::into(id, found), soci::into(path);
  if (!sql.got_data() || found != soci::i_ok) return std::nullopt;
  return Stq01Existing{id, path};
}

}  // namespace

std::optional<Stq01Existing> stq01_proposal(soci::session& sql, const std::string& origin_number) {
  return by_origin(sql, "audit_proposals", origin_number);
}

std::optional<Stq01Existing> stq01_collection(soci::session& sql, const std::string& origin_number) {
  return by_origin(sql, "audit_collections", origin_number);
}

void update_stq01_proposal(soci::session& sql, const Proposal& p) {
  const long long id = p.id, year = p.year, e = p.enterprise_id, unit = p.unit_id, c = p.created_at,
                  s = p.submitted_at, at = p.imported_at;
  sql << "UPDATE audit_proposals SET number = :n, year = :y, enterprise_id = :e, unit_id = :u, place = :pl, "
         "grounds_kind = :gk, grounds = :g, period_from = :pf, period_to = :pt, status = :st, proposed_by = :by, "
         "created_at = :c, submitted_at = :s, updated_at = :m, imported_by = :ib, imported_at = :ia "
         "WHERE id = :id AND source = 'STQ01'",
      soci::use(p.number), soci::use(year), soci::use(e), soci::use(unit), soci::use(p.place), soci::use(p.grounds_kind),
      soci::use(p.grounds), soci::use(p.period_from), soci::use(p.period_to), soci::use(p.status),
      soci::use(p.proposed_by), soci::use(c), soci::use(s), soci::use(at), soci::use(p.imported_by), soci::use(at),
      soci::use(id);
}

void update_stq01_collection(soci::session& sql, const Collection& c) {
  const long long id = c.id, year = c.year, e = c.enterprise_id, unit = c.unit_id, proposed = c.proposed_at,
                  at = c.imported_at;
  sql << "UPDATE audit_collections SET number = :n, year = :y, enterprise_id = :e, unit_id = :u, signs = :s, "
         "status = :st, proposed_by = :by, proposed_at = :p, updated_at = :m, imported_by = :ib, imported_at = :ia "
         "WHERE id = :id AND source = 'STQ01'",
      soci::use(c.number), soci::use(year), soci::use(e), soci::use(unit), soci::use(c.signs), soci::use(c.status),
      soci::use(c.proposed_by), soci::use(proposed), soci::use(at), soci::use(c.imported_by), soci::use(at),
      soci::use(id);
}

}  // namespace hq::audit::store
