// Demo data for `haiquan demo`, entered through the service so every rule and history entry applies.
#include <tuple>

#include <spdlog/spdlog.h>

#include "audit/routes.h"
#include "audit/service.h"
#include "audit/service_report_calendar.h"
#include "core/time.h"
#include "identity/units.h"

namespace hq::audit {

namespace {

struct DemoEnterprise {
  const char *tax_code, *name, *foreign_name, *address, *representative;
  int compliance;
};
// Tax codes with valid check digits.
constexpr DemoEnterprise kEnterprises[] = {
    {"0100109106", "Công ty Cổ phần Thép Việt Nhật", "Vietnam Japan Steel JSC", "Số 12 Phố Huế, Hai Bà Trưng, Hà Nội",
     "Nguyễn Văn Hùng", 3},
    {"0300588569", "Công ty TNHH Dệt may Sài Gòn", "Saigon Garment Co., Ltd", "45 Lê Lợi, Quận 1, TP. Hồ Chí Minh",
     "Trần Thị Mai", 2},
    {"0200519875", "Công ty Cổ phần Cảng Đình Vũ", "Dinh Vu Port JSC", "Khu kinh tế Đình Vũ, Hải An, Hải Phòng",
     "Phạm Quang Vinh", 4},
    {"0301447426", "Công ty TNHH Điện tử Đông Á", "Dong A Electronics", "KCX Tân Thuận, Quận 7, TP. Hồ Chí Minh",
     "Lê Hoàng Anh", 3},
    {"0101248141", "Tổng công ty Xuất nhập khẩu Hà Nội", "Hanoi Import Export Corporation",
     "Số 2 Tràng Tiền, Hoàn Kiếm, Hà Nội", "Đỗ Minh Châu", 5},
};

core::Principal acting_as(soci::session& sql, const std::string& username, const std::string& unit_code,
                          std::vector<std::string> roles) {
  const auto unit = identity::find_unit(sql, unit_code);
  core::Principal p;
  p.account_id = store::account_id(sql, username);
  p.username = username;
  p.unit_id = unit ? unit->id : 0;
  p.unit_code = unit_code;
  p.unit_path = unit ? unit->path : "";
  p.roles = std::move(roles);
  p.client_address = "demo";
  return p;
}

}  // namespace

void add_demo_data(db::Database& db) {
  const bool ready = db.read([](soci::session& sql) {
    return store::find_enterprise(sql, kEnterprises[0].tax_code).has_value() || !identity::find_unit(sql, "02CI") ||
           !identity::find_unit(sql, kAuditDepartmentCode);
  });
  if (ready) return;
  AuditService service(db);
  const auto [ktstq_leader, officer_02ci, leader_02ci, officer_ktstq] = db.read([](soci::session& sql) {
    return std::make_tuple(acting_as(sql, "ktstq.lanhdao", "KTSTQ", {"audit.leader"}),
                           acting_as(sql, "02ci.canbo", "02CI", {"audit.officer"}),
                           acting_as(sql, "02ci.lanhdao", "02CI", {"audit.leader"}),
                           acting_as(sql, "ktstq.canbo", "KTSTQ", {"audit.officer"}));
  });
  for (const auto& e : kEnterprises)
    service.create_enterprise(officer_ktstq, {{"tax_code", e.tax_code},
                                              {"name", e.name},
                                              {"foreign_name", e.foreign_name},
                                              {"address", e.address},
                                              {"legal_representative", e.representative},
                                              {"compliance_level", e.compliance},
                                              {"main_goods", nlohmann::json::array({"Nguyên liệu sản xuất", "Máy móc"})}});
  const int year = core::to_local(core::now()).date.year;
  service.add_key_enterprise(ktstq_leader, kEnterprises[4].tax_code, year, "Doanh nghiệp trọng điểm năm " + std::to_string(year));

  const core::Date today = core::to_local(core::now()).date;
  const core::Date from{year - 2, 1, 1}, to{year - 1, 12, 31};
  const auto propose = [&](const core::Principal& who, const char* tax_code, const char* place, const char* grounds) {
    const auto found = service.search(who, tax_code);
    return service.create_proposal(who, {tax_code, place, grounds, found.search_id, from, to, false}).proposal;
  };
  // Approved, with a decision and a conclusion.
  const auto done = propose(officer_02ci, kEnterprises[1].tax_code, "PREMISES", "SIGNS_OF_VIOLATION");
  service.act_on_proposal(leader_02ci, done.id, Action::Approve, "");
  const core::Date signed_on = core::add_days(today, -3);
  const auto decision = service.add_decision(officer_02ci, done.id, {"ORIGINAL", "125/QĐ-02CI", "Võ Thị Lan",
                                                                     "Đoàn kiểm tra số 3", signed_on, signed_on, 10});
  service.approve_decision(leader_02ci, done.id, decision.id);  // the conclusion waits for the leader
  ConclusionInput conclusion{"88/KL-02CI", "Khai sai trị giá hải quan đối với vải nhập khẩu", today, {}, 42, std::nullopt};
  conclusion.amounts.at("import_tax") = 1'250'000'000;
  conclusion.amounts.at("vat") = 312'500'000;
  conclusion.amounts.at("late_interest") = 45'000'000;
  conclusion.amounts.at("penalty") = 60'000'000;
  conclusion.amounts.at("collected") = 900'000'000;
  service.add_conclusion(officer_02ci, done.id, conclusion);
  // Waiting for approval, with a duplicate from another unit, both submitted 30 days ago: the later one (the
  // audit department's) is blocked by 02CI's and has escalated to the General Department, which decides.
  {
    const std::int64_t month_ago = core::now() - 30 * 86400;
    service.set_clock([month_ago] { return month_ago; });
    const core::Date older_from{year - 3, 1, 1}, older_to{year - 2, 12, 31};
    for (const auto* who : {&officer_02ci, &officer_ktstq}) {
      const auto found = service.search(*who, kEnterprises[3].tax_code);
      service.create_proposal(*who, {kEnterprises[3].tax_code, "PREMISES",
                                     who == &officer_02ci ? "RISK_MANAGEMENT" : "COMPLIANCE_ASSESSMENT", found.search_id,
                                     older_from, older_to, false});
    }
    service.set_clock([] { return core::now(); });
  }
  // Paused and rejected ones.
  const auto paused = propose(officer_02ci, kEnterprises[0].tax_code, "OFFICE", "RISK_MANAGEMENT");
  service.act_on_proposal(leader_02ci, paused.id, Action::Pause, "Chờ bổ sung hồ sơ");
  const auto rejected = propose(officer_ktstq, kEnterprises[2].tax_code, "OFFICE", "Theo đơn tố giác");
  service.act_on_proposal(ktstq_leader, rejected.id, Action::Reject, "Chưa đủ căn cứ");
  // An information collection waiting for approval.
  service.create_collection(officer_02ci, {kEnterprises[0].tax_code, "Giá khai báo thấp hơn giá tham chiếu",
                                           {"VALUATION", "ORIGIN"}});
  // The reporting calendar of this year: forms 19 and 20 monthly, due on the 10th of the next month.
  AuditReportCalendar calendar(db);
  for (int month = 1; month <= 12; ++month) {
    const core::Date first{year, month, 1}, last{year, month, core::days_in_month(year, month)};
    const core::Date due = month == 12 ? core::Date{year + 1, 1, 10} : core::Date{year, month + 1, 10};
    for (const char* form : {"form19", "form20"}) calendar.create(ktstq_leader, {form, first, last, due});
  }
  spdlog::info("audit demo data ready: {} enterprises, 5 proposals, 1 collection", std::size(kEnterprises));
}

}  // namespace hq::audit
