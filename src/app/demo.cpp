#include "app/demo.h"

#include <spdlog/spdlog.h>

#include "identity/service.h"
#include "identity/store.h"

namespace hq::app {

namespace {

struct DemoUnit {
  const char *code, *name, *level, *parent;
};
constexpr DemoUnit kUnits[] = {
    {"01", "Cục Hải quan TP. Hà Nội", "CUC", "00"},
    {"01B1", "Chi cục Hải quan cửa khẩu Sân bay quốc tế Nội Bài", "CHI_CUC", "01"},
    {"02", "Cục Hải quan TP. Hồ Chí Minh", "CUC", "00"},
    {"02CI", "Chi cục Hải quan cửa khẩu cảng Sài Gòn khu vực I", "CHI_CUC", "02"},
    {"02CI01", "Đội Thủ tục hàng hóa nhập khẩu", "DOI", "02CI"},
    {"02B1", "Chi cục Hải quan cửa khẩu Sân bay quốc tế Tân Sơn Nhất", "CHI_CUC", "02"},
    {"03", "Cục Hải quan TP. Hải Phòng", "CUC", "00"},
    {"03CC", "Chi cục Hải quan cửa khẩu cảng Hải Phòng khu vực I", "CHI_CUC", "03"},
    {"KTSTQ", "Cục Kiểm tra sau thông quan", "CUC", "00"},
    {"CNTT", "Cục Công nghệ thông tin và Thống kê hải quan", "CUC", "00"},
    {"TXNK", "Cục Thuế xuất nhập khẩu", "CUC", "00"},
    {"DTCBL", "Cục Điều tra chống buôn lậu", "CUC", "00"},
};

struct DemoAccount {
  const char *username, *full_name, *unit;
  std::vector<std::string> roles;
};

}  // namespace

void add_demo_data(db::Database& db) {
  identity::IdentityService identity(db);
  for (const auto& unit : kUnits) {
    const bool exists = db.read([&](soci::session& sql) { return identity::store::find_unit(sql, unit.code).has_value(); });
    if (!exists) identity.create_unit_as_system({unit.code, unit.name, unit.level, unit.parent, "", ""});
  }
  const std::vector<DemoAccount> accounts = {
      {"02_qt", "Quản trị Cục Hải quan TP. Hồ Chí Minh", "02", {"unit.admin"}},
      {"02ci_qt", "Quản trị Chi cục HQ cảng Sài Gòn KV I", "02CI", {"unit.admin"}},
      {"02ci.truong", "Nguyễn Văn Trưởng", "02CI", {"unit.leader"}},
      {"ktstq.canbo", "Trần Thị Thu Hà", "KTSTQ", {"audit.officer"}},
      {"ktstq.lanhdao", "Lê Minh Đức", "KTSTQ", {"audit.leader"}},
      {"02ci.canbo", "Phạm Quốc Bảo", "02CI", {"audit.officer"}},
      {"02ci.lanhdao", "Võ Thị Lan", "02CI", {"audit.leader"}},
      {"trs.phantich", "Đặng Hoàng Nam", "00", {"trs.analyst"}},
      {"02ci.trs", "Huỳnh Thanh Tùng", "02CI", {"trs.officer"}},
      {"bvtv.trs", "Ngô Thị Kiểm Dịch (Cục Bảo vệ thực vật)", "00", {"trs.agency"}},
      {"ty.trs", "Bùi Văn Thú (Cục Thú y)", "00", {"trs.agency"}},
      {"bdbp.trs", "Hà Văn Biên (Bộ đội Biên phòng)", "00", {"trs.agency"}},
      {"02ci.giamsat", "Trương Văn Giám", "02CI", {"monitor.viewer"}},
      {"02.giamsat", "Lý Thị Sát", "02", {"monitor.viewer"}},
      {"tc.giamsat", "Phan Minh Tổng", "00", {"monitor.viewer"}},
      {"cntt.vanhanh", "Đỗ Quang Vận", "CNTT", {"monitor.owner"}},
  };
  for (const auto& a : accounts) {
    const bool exists = db.read([&](soci::session& sql) { return identity::store::find_account(sql, a.username).has_value(); });
    if (!exists)
      identity.create_account_with_password({a.username, a.full_name, a.unit, "", "", "", "", a.roles}, kDemoPassword,
                                            false);
  }
  spdlog::info("demo data ready: {} units, {} accounts (password {})", std::size(kUnits), accounts.size(), kDemoPassword);
}

}  // namespace hq::app
