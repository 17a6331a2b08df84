#include "audit/store_payments.h"

#include "audit/store_support.h"
#include "db/insert.h"

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
  return db::insert_returning_id(sql, "audit_payments", "proposal_id, paid_on, amount, document, entered_by, entered_at",
                                 p.proposal_id, p.paid_on, p.amount, p.document, p.entered_by, p.entered_at);
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
