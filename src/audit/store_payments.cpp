#include "audit/store_payments.h"

#include "audit/store_support.h"

namespace hq::audit::store {

namespace {

const db::RowMapping<Payment>& payment_mapping() {
  static const auto mapping = db::RowMapping<Payment>()
                                  HQ_ROW_FIELDS(Payment, id, proposal_id, amount, entered_at, paid_on, document,
                                                entered_by);
  return mapping;
}

}  // namespace

std::int64_t insert_payment(soci::session& sql, const Payment& p) {
  long long id = 0;
  const long long proposal = p.proposal_id, amount = p.amount, at = p.entered_at;
  sql << "INSERT INTO audit_payments (proposal_id, paid_on, amount, document, entered_by, entered_at) "
         "VALUES (:p, :d, :a, :doc, :by, :at) RETURNING id",
      soci::use(proposal), soci::use(p.paid_on), soci::use(amount), soci::use(p.document), soci::use(p.entered_by),
      soci::use(at), soci::into(id);
  return id;
}

std::vector<Payment> payments_of(soci::session& sql, std::int64_t proposal_id) {
  return payment_mapping().rows_where(sql, "audit_payments", "proposal_id = :p ORDER BY paid_on, id", proposal_id);
}

std::int64_t paid_total(soci::session& sql, std::int64_t proposal_id) {
  const long long key = proposal_id;
  long long total = 0;
  sql << "SELECT COALESCE(SUM(amount), 0) FROM audit_payments WHERE proposal_id = :p", soci::use(key), soci::into(total);
  return total;
}

}  // namespace hq::audit::store
