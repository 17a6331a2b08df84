#include "core/error.h"
#include "eservices/service.h"
#include "identity/store.h"

namespace hq::eservices {

std::vector<StatLine> EServicesService::stats(const core::Principal& caller, const std::string& unit_code,
                                              const core::Date& from, const core::Date& to) {
  require_staff(caller);
  if (to < from) core::bad_input("INVALID_PARAMETER", "Ngày kết thúc phải sau ngày bắt đầu.", {{"parameter", "to"}});
  const auto start = core::from_local({from, 0, 0, 0});
  const auto end = core::from_local({core::add_days(to, 1), 0, 0, 0});
  const auto now = core::now();
  return db_.read([&](soci::session& sql) {
    std::string prefix = scope_path(caller);
    if (!unit_code.empty()) {
      const auto unit = identity::store::find_unit(sql, unit_code);
      if (!unit) core::not_found("Không tìm thấy đơn vị hải quan mã «" + unit_code + "».");
      if (!in_scope(caller, unit->path)) core::forbidden("Đơn vị " + unit_code + " nằm ngoài phạm vi của bạn.");
      prefix = unit->path;
    }
    return store::stat_counts(sql, prefix, start, end, now);
  });
}

}  // namespace hq::eservices
