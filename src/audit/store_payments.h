#pragma once
// Payments collected after an audit's conclusion (migration 0208): SQL only.
#include <cstdint>
#include <string>
#include <vector>

#include <soci/soci.h>

namespace hq::audit::store {

struct Payment {
  std::int64_t id = 0, proposal_id = 0, amount = 0, entered_at = 0;
  std::string paid_on, document, entered_by;
};
std::int64_t insert_payment(soci::session& sql, const Payment& p);
std::vector<Payment> payments_of(soci::session& sql, std::int64_t proposal_id);
std::int64_t paid_total(soci::session& sql, std::int64_t proposal_id);

}  // namespace hq::audit::store
