#include "eservices/demo.h"

#include <spdlog/spdlog.h>

#include "core/error.h"
#include "eservices/service.h"
#include "eservices/signatures.h"
#include "identity/service.h"
#include "identity/store.h"
#include "platform/settings_store.h"

namespace hq::eservices {

namespace {

constexpr const char* kEnterprise = "dn.thepvietsai";
constexpr const char* kEnterpriseTaxCode = "0100109106";
constexpr const char* kCitizen = "cd.nguyenvanan";

core::Principal principal_of(db::Database& db, const std::string& username) {
  return db.read([&](soci::session& sql) {
    const auto a = identity::store::find_account(sql, username);
    if (!a) throw core::Error(core::ErrorKind::NotFound, "DEMO", "demo account missing: " + username);
    core::Principal p;
    p.account_id = a->id;
    p.username = a->username;
    p.full_name = a->full_name;
    p.unit_id = a->unit_id;
    p.unit_code = a->unit_code;
    p.unit_path = a->unit_path;
    p.unit_level = identity::store::find_unit(sql, a->unit_code)->level;
    p.roles = a->roles;
    return p;
  });
}

void add_accounts(db::Database& db, const std::string& password) {
  identity::IdentityService identity(db);
  const std::vector<identity::AccountInput> accounts = {
      {"02ci.dvc.canbo", "Lý Thị Hồng Nhung", "02CI01", "", "", "", "", {kOfficer}},
      {"02ci.dvc.canbo2", "Trương Văn Khải", "02CI01", "", "", "", "", {kOfficer}},
      {"02ci.dvc.doitruong", "Đỗ Minh Quân", "02CI01", "", "", "", "", {kDeptLeader}},
      {"02ci.dvc.lanhdao", "Phan Thị Mỹ Linh", "02CI", "", "", "", "", {kUnitLeader}},
      {"02ci.dvc.hotro", "Ngô Thanh Sơn", "02CI", "", "", "", "", {kHelpdesk}},
      {"03cc.dvc.canbo", "Bùi Văn Hải", "03CC", "", "", "", "", {kOfficer}},
  };
  for (const auto& a : accounts) {
    const bool exists = db.read([&](soci::session& sql) { return identity::store::find_account(sql, a.username).has_value(); });
    if (!exists) identity.create_account_with_password(a, password, false);
  }
}

std::string sample(const std::string& title) {
  return "%PDF-1.4\n% " + title + " (tài liệu mẫu của dữ liệu demo)\n";
}

}  // namespace

void add_demo_data(db::Database& db, const std::string& password) {
  add_accounts(db, password);
  EServicesService service(db);
  const bool done = db.read([](soci::session& sql) { return identity::store::find_account(sql, kEnterprise).has_value(); });
  if (done) return;
  const auto admin = principal_of(db, "admin");
  service.save_settings(admin, "I.01", {5, 0, {{"Văn bản đề nghị", true}, {"Danh mục hàng hóa nhập khẩu", true}}, "ELECTRONIC", 0});
  service.save_settings(admin, "I.04", {10, 200000, {{"Đơn đề nghị phân loại", true}, {"Tài liệu kỹ thuật", false}}, "ELECTRONIC", 0});
  service.save_settings(admin, "I.14", {1, 0, {{"Văn bản đề nghị hủy tờ khai", true}}, "ELECTRONIC", 0});
  service.save_settings(admin, "I.18", {2, 100000, {{"Tờ khai phương tiện", true}}, "PAPER", 0});
  service.save_settings(admin, "I.39", {30, 0, {{"Đơn đề nghị xác định trước mã số", true}, {"Mẫu hàng hóa (ảnh)", false}}, "ELECTRONIC", 0});

  // A demo CA made now (never a real one), installed as the administrator would install a licensed CA.
  const auto now = core::now();
  const auto ca = make_self_signed("HaiQuan Demo CA (không dùng thật)", now - 86400, now + 5LL * 365 * 86400, true);
  service.add_trust_anchor(admin, ca.certificate_pem);
  const auto cert = issue_certificate(ca, "CÔNG TY CỔ PHẦN THÉP VIỆT SÀI", kEnterpriseTaxCode, 1001, now - 3600,
                                      now + 2LL * 365 * 86400);
  service.add_crl(admin, make_crl(ca, {9999}, now - 60));
  service.register_applicant({"ENTERPRISE", kEnterpriseTaxCode, "", "Công ty Cổ phần Thép Việt Sài", kEnterprise,
                              password, "thutuc@thepvietsai.vn", "0912345678"});
  service.register_applicant({"CITIZEN", "", "079085001234", "Nguyễn Văn An", kCitizen, password,
                              "nguyenvanan@example.vn", "0987654321"});
  db.transaction([&](soci::session& sql) {
    platform::setting_or_insert(sql, "eservices.demo_enterprise_key", cert.key_pem);
    platform::setting_or_insert(sql, "eservices.demo_enterprise_certificate", cert.certificate_pem);
  });
  const auto enterprise = principal_of(db, kEnterprise);
  const auto citizen = principal_of(db, kCitizen);
  service.register_certificate(enterprise, cert.certificate_pem);

  const auto signed_doc = [&](const std::string& name) {
    IncomingDocument d{name, sample(name), std::nullopt};
    d.signature = sign_detached_cms(d.bytes, cert);
    return d;
  };
  const auto officer = principal_of(db, "02ci.dvc.canbo");
  const auto dept = principal_of(db, "02ci.dvc.doitruong");
  const auto leader = principal_of(db, "02ci.dvc.lanhdao");
  // 1: waiting in the pool; 2: processing; 3: waiting for a supplement; 4: at the unit leader; 5: fee due
  // (level 4, payable online); 6: result issued; 7: a citizen's dossier refused.
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 6; ++i)
    ids.push_back(service.submit(enterprise, i % 2 ? "I.04" : "I.01", "02CI",
                                 i % 2 ? std::vector<IncomingDocument>{signed_doc("Đơn đề nghị phân loại"),
                                                                       {"Tài liệu kỹ thuật", sample("Tài liệu kỹ thuật"), std::nullopt}}
                                       : std::vector<IncomingDocument>{signed_doc("Văn bản đề nghị"),
                                                                       signed_doc("Danh mục hàng hóa nhập khẩu")})
                      .dossier.id);
  for (std::size_t i = 1; i < ids.size(); ++i) service.claim(officer, ids[i]);
  service.request_supplement(officer, ids[2], {"Danh mục hàng hóa nhập khẩu (bản có chữ ký số)"},
                             "Danh mục nộp thiếu trang 2.");
  service.propose(officer, ids[3], "Hồ sơ đầy đủ, đề nghị phê duyệt kết quả phân loại.");
  service.approve(dept, ids[3], "Đồng ý, trình lãnh đạo Chi cục.");
  service.fee_notice(officer, ids[5], 200000);
  service.propose(officer, ids[4], "Đề nghị chấp thuận danh mục.");
  service.approve(dept, ids[4], "Đồng ý.");
  service.approve(leader, ids[4], "Duyệt.");
  service.issue_result(officer, ids[4], std::nullopt);
  const auto refused = service.submit(citizen, "I.18", "02CI",
                                      {{"Tờ khai phương tiện", sample("Tờ khai phương tiện"), std::nullopt}});
  service.claim(principal_of(db, "02ci.dvc.canbo2"), refused.dossier.id);
  service.refuse(principal_of(db, "02ci.dvc.canbo2"), refused.dossier.id,
                 "Xe tạm nhập qua cửa khẩu cảng Sài Gòn KV I không thuộc thẩm quyền; đề nghị nộp tại Chi cục cửa khẩu đường bộ.");
  spdlog::info("eservices demo ready: enterprise {} (MST {}), citizen {}, {} dossiers", kEnterprise,
               kEnterpriseTaxCode, kCitizen, ids.size() + 1);
}

std::pair<std::string, std::string> demo_enterprise_key(db::Database& db) {
  return db.read([](soci::session& sql) {
    return std::make_pair(platform::read_setting(sql, "eservices.demo_enterprise_key").value_or(""),
                          platform::read_setting(sql, "eservices.demo_enterprise_certificate").value_or(""));
  });
}

}  // namespace hq::eservices
