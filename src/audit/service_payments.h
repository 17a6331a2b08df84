#pragma once
// Amounts collected after an audit's conclusion (issue 13 §3; seed 000 §2.4): payments into the state budget
// recorded over time with their days, beside the amount collected at the conclusion. Its own small service
// (one aggregate), with the same rights as the conclusion: audit users of the proposal's unit tree record, the
// proposal's readers read. Race-safe: payments of one enterprise are serialized (the enterprise row lock), so the
// total collected never passes the total owed.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "audit/store_payments.h"
#include "core/principal.h"
#include "core/time.h"
#include "db/database.h"

namespace hq::audit {

struct PaymentInput {
  core::Date paid_on;
  std::int64_t amount = 0;
  std::string document;  // the receipt or treasury document
};

struct PaymentLedger {
  std::vector<store::Payment> payments;
  std::int64_t owed = 0;          // the conclusion's total (0 before a conclusion)
  std::int64_t at_conclusion = 0;  // collected when the conclusion was entered
  std::int64_t collected = 0;      // at_conclusion + the payments
  std::int64_t outstanding = 0;    // owed − collected
};

class AuditPayments {
 public:
  explicit AuditPayments(db::Database& db) : db_(db) {}
  void set_clock(std::function<std::int64_t()> clock) { clock_ = std::move(clock); }

  store::Payment add(const core::Principal& caller, std::int64_t proposal_id, const PaymentInput& input);
  PaymentLedger ledger(const core::Principal& caller, std::int64_t proposal_id);

 private:
  db::Database& db_;
  std::function<std::int64_t()> clock_ = [] { return core::now(); };
};

}  // namespace hq::audit
