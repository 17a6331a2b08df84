#pragma once
// Escalations of blocked proposals and the units' notices (migration 0209): SQL only.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

namespace hq::audit::store {

struct Escalation {
  std::int64_t id = 0, blocked_id = 0, blocking_id = 0, unit_id = 0, blocked_since = 0, decided_at = 0;
  std::string status, decided_by, note;
  // Joined: the escalation unit, both proposals (number, status, unit, who proposed) and the enterprise.
  std::string unit_code, unit_name, unit_path;
  std::string blocked_number, blocked_status, blocked_unit_code, blocked_unit_path, blocked_by;
  std::string blocking_number, blocking_status, blocking_unit_code, blocking_unit_path, blocking_by;
  std::string tax_code, enterprise_name;
  std::int64_t blocked_unit_id = 0, blocking_unit_id = 0;
};
// Opens the pair unless it exists (the later proposal resubmitted after a pause keeps its first row).
void open_escalation(soci::session& sql, const Escalation& e);
std::optional<Escalation> find_escalation(soci::session& sql, std::int64_t id);
// Every escalation whose unit lies under `unit_path` ("/" = all), newest first; status "" = any stored status.
std::vector<Escalation> escalations_under(soci::session& sql, const std::string& unit_path, const std::string& status);
// WAITING → status, with the decision; false when another transaction decided first.
bool decide_escalation(soci::session& sql, std::int64_t id, const std::string& status, const std::string& by,
                       const std::string& note, std::int64_t now);
// The earlier proposals a leader above let `blocked_id` proceed past.
std::vector<std::int64_t> waived_blockers(soci::session& sql, std::int64_t blocked_id);

struct Notice {
  std::int64_t id = 0, unit_id = 0, entity_id = 0, created_at = 0, read_at = 0;
  std::string kind, entity_type, message, read_by, unit_code, unit_path;
};
std::int64_t insert_notice(soci::session& sql, const Notice& n);
std::optional<Notice> find_notice(soci::session& sql, std::int64_t id);
// The notices of units under `unit_path`, newest first; `unread_only` leaves out those read.
std::vector<Notice> notices_under(soci::session& sql, const std::string& unit_path, bool unread_only,
                                  std::int64_t offset, std::int64_t limit, std::int64_t& total);
std::int64_t unread_notices_under(soci::session& sql, const std::string& unit_path);
// Marks it read unless it already was; false when it was.
bool mark_notice_read(soci::session& sql, std::int64_t id, const std::string& by, std::int64_t now);

}  // namespace hq::audit::store
