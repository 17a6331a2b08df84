#include "audit/routes_payments.h"

#include "audit/routes_json.h"
#include "core/error.h"
#include "http/json_input.h"

namespace hq::audit {

using http::Request;
using http::Response;
using nlohmann::json;

namespace {

json payment_json(const store::Payment& p) {
  return {{"id", p.id},           {"proposal_id", p.proposal_id}, {"paid_on", p.paid_on}, {"amount", p.amount},
          {"document", p.document}, {"entered_by", p.entered_by}, {"entered_at", routes::instant(p.entered_at)}};
}

}  // namespace

void add_payment_routes(http::Router& router, AuditPayments& payments) {
  router.add("POST", routes::route("/proposals/{id}/payments"), [&payments](Request& request) {
    const json body = request.json_body();
    PaymentInput input;
    input.paid_on = http::required_date(body, "paid_on");
    const auto amount = body.find("amount");
    if (amount == body.end() || !amount->is_number_integer())
      core::bad_input("INVALID_FIELD", "Số tiền nộp phải là số nguyên đồng dương.", {{"field", "amount"}});
    input.amount = amount->get<std::int64_t>();
    input.document = http::optional_text(body, "document", 200).value_or("");
    return Response::created(payment_json(payments.add(request.principal, request.id_param(), input)));
  });
  router.add("GET", routes::route("/proposals/{id}/payments"), [&payments](Request& request) {
    const auto l = payments.ledger(request.principal, request.id_param());
    json items = json::array();
    for (const auto& p : l.payments) items.push_back(payment_json(p));
    return Response::ok({{"items", items},
                         {"owed", l.owed},
                         {"at_conclusion", l.at_conclusion},
                         {"collected", l.collected},
                         {"outstanding", l.outstanding}});
  });
}

}  // namespace hq::audit
