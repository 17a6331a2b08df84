#include "audit/service_payments.h"

#include "audit/payment_rules.h"
#include "audit/service_support.h"
#include "audit/store.h"
#include "core/error.h"
#include "core/text.h"
#include "history/history_store.h"

namespace hq::audit {

namespace {

PaymentLedger ledger_of(soci::session& sql, std::int64_t proposal_id) {
  PaymentLedger l;
  l.payments = store::payments_of(sql, proposal_id);
  if (const auto c = store::conclusion_of(sql, proposal_id)) {
    l.owed = c->amounts.total();
    l.at_conclusion = c->amounts.get("collected");
  }
  l.collected = l.at_conclusion;
  for (const auto& p : l.payments) l.collected += p.amount;
  l.outstanding = l.owed - l.collected;
  return l;
}

}  // namespace

store::Payment AuditPayments::add(const core::Principal& caller, std::int64_t proposal_id, const PaymentInput& input) {
  require_audit_user(caller);
  const std::string document = core::trim(input.document);
  return db_.transaction([&](soci::session& sql) {
    const store::Proposal p = proposal_or_404(sql, proposal_id);
    if (!may_record_for(caller, p.unit_path))
      core::forbidden("Chỉ công chức của đơn vị " + p.unit_code + " được ghi số tiền thu nộp của cuộc kiểm tra này.");
    store::lock_enterprise(sql, p.enterprise_id);  // one payment of an enterprise at a time: the cap below holds
    const auto c = store::conclusion_of(sql, p.id);
    if (!c) core::conflict("CONCLUSION_REQUIRED", "Đề xuất " + p.number + " chưa có kết luận kiểm tra.");
    const PaymentLedger before = ledger_of(sql, p.id);
    PaymentFacts facts;
    facts.amount = input.amount;
    facts.paid_on = input.paid_on;
    facts.today = core::to_local(clock_()).date;
    facts.concluded_on = *core::parse_date(c->signed_on);
    facts.conclusion_approved = c->status == "APPROVED";
    facts.owed = before.owed;
    facts.collected = before.collected;
    if (const auto problem = payment_problem(facts)) {
      if (problem.code == "INVALID_FIELD") invalid(problem.field, problem.message);
      if (problem.code == "OVERPAYMENT")
        throw core::Error(core::ErrorKind::Unprocessable, problem.code, problem.message,
                          {{"field", problem.field}, {"outstanding", before.outstanding}});
      core::conflict(problem.code, problem.message);
    }
    store::Payment pay{0, p.id, input.amount, clock_(), core::format_date(input.paid_on), document, caller.username};
    pay.id = store::insert_payment(sql, pay);
    history::append(sql, caller, change("audit.payment.create", "audit_proposal", p.id,
                                        "Ghi thu nộp " + std::to_string(pay.amount) + " đồng ngày " + pay.paid_on +
                                            (document.empty() ? "" : " (chứng từ " + document + ")") + " theo kết luận " +
                                            c->number));
    return pay;
  });
}

PaymentLedger AuditPayments::ledger(const core::Principal& caller, std::int64_t proposal_id) {
  return read_readable(
      db_, caller, "Đề xuất này", [&](soci::session& sql) { return proposal_or_404(sql, proposal_id); }, department_path,
      [](soci::session& sql, const store::Proposal& p) { return ledger_of(sql, p.id); });
}

}  // namespace hq::audit
