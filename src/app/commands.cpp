#include "app/commands.h"

#include <iostream>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "app/demo.h"
#include "app/server_setup.h"
#include "core/calendar.h"
#include "db/migrate.h"
#include "history/history_store.h"
#include "identity/crypto.h"
#include "identity/service.h"
#include "platform/calendar_store.h"

namespace hq::app {

namespace {

std::unique_ptr<db::Database> open_checked(const std::string& url, std::size_t pool) {
  auto db = std::make_unique<db::Database>(url, pool);
  const auto pending = db::pending_migrations(*db);
  if (!pending.empty())
    throw std::runtime_error("cơ sở dữ liệu chưa được cập nhật lược đồ (còn " + std::to_string(pending.size()) +
                             " bản nâng cấp). Chạy: haiquan migrate --db " + url);
  return db;
}

core::WorkingCalendar calendar_for(const Options& options) {
  if (options.calendar_db.empty()) return core::WorkingCalendar();
  auto db = open_checked(options.calendar_db, 1);
  return db->read([](soci::session& sql) { return platform::load_calendar(sql); });
}

}  // namespace

int run_serve(const Options& options) {
  identity::init_crypto();
  auto db = open_checked(options.db_url, std::max<std::size_t>(options.threads, 2));
  return serve_http(*db, options);
}

int run_init(const Options& options) {
  identity::init_crypto();
  db::Database db(options.db_url, 1);
  const int applied = db::apply_migrations(db);
  identity::IdentityService(db).bootstrap(options.admin_password);
  // `make run` migrates before it knows the database is new, so init often finds nothing left to apply.
  const std::string schema = applied > 0 ? "áp dụng " + std::to_string(applied) + " bản lược đồ"
                                         : "lược đồ đã ở phiên bản mới nhất";
  std::cout << "Đã khởi tạo cơ sở dữ liệu " << options.db_url << " (" << schema << "); tài khoản quản trị: admin\n";
  return 0;
}

int run_demo(const Options& options) {
  identity::init_crypto();
  auto db = open_checked(options.db_url, 1);
  add_demo_data(*db);
  add_module_demo_data(*db);
  std::cout << "Đã thêm dữ liệu mẫu. Mật khẩu các tài khoản mẫu: " << kDemoPassword << "\n";
  return 0;
}

int run_migrate(const Options& options) {
  db::Database db(options.db_url, 1);
  std::cout << "Đã áp dụng " << db::apply_migrations(db) << " bản nâng cấp lược đồ.\n";
  return 0;
}

int run_history_verify(const Options& options) {
  auto db = open_checked(options.db_url, 1);
  const auto check = db->read([](soci::session& sql) { return history::verify(sql); });
  if (check.ok) {
    std::cout << "Lịch sử xử lý toàn vẹn: " << check.checked << " mục đã kiểm tra.\n";
    return 0;
  }
  std::cout << "Lịch sử xử lý KHÔNG toàn vẹn. Mục đầu tiên bị sửa hoặc xóa: " << *check.first_bad_id << ". "
            << check.problem << "\n";
  return 1;
}

int run_calendar_holidays(const Options& options) {
  const auto holidays = calendar_for(options).holidays(options.year);
  if (options.format == "text") {
    for (const auto& h : holidays) std::cout << core::format_date(h.date) << "  " << h.name << "\n";
    return 0;
  }
  nlohmann::json list = nlohmann::json::array();
  for (const auto& h : holidays) list.push_back({{"date", core::format_date(h.date)}, {"name", h.name}});
  std::cout << list.dump(2) << "\n";
  return 0;
}

int run_add_working_days(const Options& options) {
  const auto from = core::parse_local_datetime(options.from);
  if (!from) {
    std::cerr << "Lỗi: --from phải có dạng \"YYYY-MM-DD HH:MM\" (giờ Việt Nam), nhận được «" << options.from << "».\n";
    return 2;
  }
  const auto result = calendar_for(options).add_working_days(core::from_local(*from), options.days);
  std::cout << core::format_local_datetime(core::to_local(result)) << "\n";
  return 0;
}

}  // namespace hq::app
