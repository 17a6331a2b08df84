#include "db/row.h"
#include "db/row_mapping.h"
#include "eservices/store.h"

namespace hq::eservices::store {

namespace {
const db::RowMapping<Letter>& letter_mapping() {
  static const auto mapping = db::RowMapping<Letter>()
                                  HQ_ROW_FIELDS(Letter, id, dossier_id, kind, number, reason, body, status, drafted_by,
                                                decided_by, drafted_at, decided_at);
  return mapping;
}

const db::RowMapping<Dispatch>& dispatch_mapping() {
  static const auto mapping = db::RowMapping<Dispatch>()
                                  HQ_ROW_FIELDS(Dispatch, dossier_id, dispatched_at, method, reference, note,
                                                dispatched_by);
  return mapping;
}
}  // namespace

std::int64_t insert_letter(soci::session& sql, const Letter& l) {
  const long long dossier = l.dossier_id, at = l.drafted_at;
  long long id = 0;
  sql << "INSERT INTO eservices_letters (dossier_id, kind, reason, body, status, drafted_by, drafted_at) "
         "VALUES (:d, :k, :r, :b, :s, :by, :at) RETURNING id",
      soci::use(dossier), soci::use(l.kind), soci::use(l.reason), soci::use(l.body), soci::use(l.status),
      soci::use(l.drafted_by), soci::use(at), soci::into(id);
  return id;
}

std::vector<Letter> letters_of(soci::session& sql, std::int64_t dossier_id) {
  return letter_mapping().rows_where(sql, "eservices_letters", "dossier_id = :d ORDER BY id", dossier_id);
}

std::optional<Letter> draft_letter_of(soci::session& sql, std::int64_t dossier_id) {
  for (auto& l : letters_of(sql, dossier_id))
    if (l.status == "DRAFT") return l;
  return std::nullopt;
}

bool decide_letter(soci::session& sql, std::int64_t id, const std::string& status, const std::string& number,
                   const std::string& by, std::int64_t now) {
  const long long letter = id, at = now;
  soci::indicator number_ind = number.empty() ? soci::i_null : soci::i_ok;
  long long updated = 0;
  soci::indicator got = soci::i_null;
  sql << "UPDATE eservices_letters SET status = :s, number = :n, decided_by = :by, decided_at = :at "
         "WHERE id = :id AND status = 'DRAFT' RETURNING id",
      soci::use(status), soci::use(number, number_ind), soci::use(by), soci::use(at), soci::use(letter),
      soci::into(updated, got);
  return sql.got_data() && got == soci::i_ok;
}

void insert_dispatch(soci::session& sql, const Dispatch& d) {
  const long long dossier = d.dossier_id, at = d.dispatched_at;
  sql << "INSERT INTO eservices_dispatches (dossier_id, method, reference, note, dispatched_by, dispatched_at) "
         "VALUES (:d, :m, :r, :n, :by, :at)",
      soci::use(dossier), soci::use(d.method), soci::use(d.reference), soci::use(d.note), soci::use(d.dispatched_by),
      soci::use(at);
}

std::optional<Dispatch> dispatch_of(soci::session& sql, std::int64_t dossier_id) {
  return dispatch_mapping().first_where(sql, "eservices_dispatches", "dossier_id = :d", dossier_id);
}

}  // namespace hq::eservices::store
