#pragma once
// Payments collected after an audit's conclusion (issue 13 §3), pure: what a payment may be. No SQL, no HTTP.
#include <cstdint>
#include <string>

#include "audit/rules.h"

namespace hq::audit {

struct PaymentFacts {
  std::int64_t amount = 0;
  core::Date paid_on, today, concluded_on;
  bool conclusion_approved = false;
  std::int64_t owed = 0;       // the conclusion's total (taxes, late interest, penalties)
  std::int64_t collected = 0;  // already collected: at the conclusion, and the earlier payments
};
// Empty when the payment may be recorded; else the code (INVALID_FIELD 400 with the field, CONCLUSION_NOT_APPROVED
// or OVERPAYMENT 409/422) and a Vietnamese message. `field` names the bad input for INVALID_FIELD.
struct PaymentProblem {
  std::string code, field, message;
  explicit operator bool() const { return !code.empty(); }
};
PaymentProblem payment_problem(const PaymentFacts& f);

}  // namespace hq::audit
