// What a payment after the conclusion may be (pure rules).
#include <gtest/gtest.h>

#include "audit/payment_rules.h"

namespace hq::audit {
namespace {

PaymentFacts facts() {
  PaymentFacts f;
  f.amount = 100;
  f.paid_on = f.today = {2026, 6, 15};
  f.concluded_on = {2026, 6, 1};
  f.conclusion_approved = true;
  f.owed = 1000;
  f.collected = 800;
  return f;
}

TEST(PaymentRules, AcceptsAPaymentWithinWhatIsOwed) {
  EXPECT_FALSE(payment_problem(facts()));
  auto exact = facts();
  exact.amount = 200;
  EXPECT_FALSE(payment_problem(exact));
  auto on_conclusion_day = facts();
  on_conclusion_day.paid_on = {2026, 6, 1};
  EXPECT_FALSE(payment_problem(on_conclusion_day));
}

TEST(PaymentRules, RefusesEachBadInputNamingIt) {
  auto f = facts();
  f.amount = 0;
  EXPECT_EQ(payment_problem(f).field, "amount");
  f = facts();
  f.amount = kMaxAmount + 1;
  EXPECT_EQ(payment_problem(f).code, "INVALID_FIELD");
  f = facts();
  f.paid_on = {2026, 6, 16};
  EXPECT_EQ(payment_problem(f).field, "paid_on");
  f = facts();
  f.paid_on = {2026, 5, 31};
  EXPECT_EQ(payment_problem(f).field, "paid_on");
  f = facts();
  f.conclusion_approved = false;
  EXPECT_EQ(payment_problem(f).code, "CONCLUSION_NOT_APPROVED");
  f = facts();
  f.amount = 201;
  EXPECT_EQ(payment_problem(f).code, "OVERPAYMENT");
}

}  // namespace
}  // namespace hq::audit
