// The collection letter and the return of results for rework (migration 0207), each conditional on the
// starting status so that two concurrent actors never both win.
#include "audit/store.h"

namespace hq::audit::store {

bool set_collection_letter(soci::session& sql, const Collection& c, const std::string& from) {
  const long long id = c.id, m = c.updated_at;
  soci::statement st =
      (sql.prepare << "UPDATE audit_collections SET recipient_kind = :k, recipient_name = :n, letter_number = :l, "
                      "letter_on = :d, updated_at = :m WHERE id = :id AND status = :from",
       soci::use(c.recipient_kind), soci::use(c.recipient_name), soci::use(c.letter_number), soci::use(c.letter_on),
       soci::use(m), soci::use(id), soci::use(from));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

bool return_collection_results(soci::session& sql, const Collection& c, const std::string& from) {
  const long long id = c.id, at = c.returned_at, m = c.updated_at;
  soci::statement st =
      (sql.prepare << "UPDATE audit_collections SET status = :st, rework_opinion = :o, returned_by = :by, "
                      "returned_at = :at, rework_count = rework_count + 1, result_submitted_at = NULL, updated_at = :m "
                      "WHERE id = :id AND status = :from",
       soci::use(c.status), soci::use(c.rework_opinion), soci::use(c.returned_by), soci::use(at), soci::use(m),
       soci::use(id), soci::use(from));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

}  // namespace hq::audit::store
