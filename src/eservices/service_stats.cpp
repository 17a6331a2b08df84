#include <map>

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
  const auto rows = db_.read([&](soci::session& sql) {
    std::string prefix = scope_path(caller);
    if (!unit_code.empty()) {
      const auto unit = identity::store::find_unit(sql, unit_code);
      if (!unit) core::not_found("Không tìm thấy đơn vị hải quan mã «" + unit_code + "».");
      if (!in_scope(caller, unit->path)) core::forbidden("Đơn vị " + unit_code + " nằm ngoài phạm vi của bạn.");
      prefix = unit->path;
    }
    return store::stat_rows(sql, prefix, start, end);
  });
  std::map<std::pair<std::string, std::string>, StatLine> lines;
  for (const auto& r : rows) {
    auto& line = lines[{r.unit_code, r.procedure_code}];
    line.unit_code = r.unit_code;
    line.procedure_code = r.procedure_code;
    if (r.received_at >= start) ++line.received;
    else ++line.carried_over;
    if (r.supplemented) ++line.supplement;
    const bool closed_in_period = r.closed_at && *r.closed_at < end;
    if (closed_in_period && r.status == kRefused) ++line.refused;
    else if (closed_in_period && *r.closed_at <= r.due_at) ++line.on_time;
    else if (closed_in_period) ++line.late;
    else if (r.due_at >= std::min(end, now)) ++line.in_progress_on_time;
    else ++line.in_progress_overdue;
  }
  std::vector<StatLine> out;
  for (auto& [key, line] : lines) out.push_back(line);
  return out;
}

}  // namespace hq::eservices
