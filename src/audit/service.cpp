#include "audit/service.h"

#include <algorithm>

#include "audit/service_support.h"
#include "core/error.h"
#include "core/text.h"
#include "core/time.h"
#include "history/history_store.h"
#include "identity/units.h"
#include "platform/calendar_store.h"

namespace hq::audit {

// Members every aggregate uses: the clock, unit scope, loading items, an enterprise's items as a caller sees them.

core::Date AuditService::today() const { return core::to_local(now()).date; }

std::string AuditService::department(soci::session& sql) {
  {
    const std::lock_guard lock(department_mutex_);
    if (!department_path_.empty()) return department_path_;
  }
  const std::string path = department_path(sql);
  const std::lock_guard lock(department_mutex_);
  department_path_ = path;
  return path;
}

identity::Unit AuditService::unit_named(soci::session& sql, const std::string& unit_code) {
  auto unit = identity::find_unit(sql, unit_code);
  if (!unit) throw Error(ErrorKind::NotFound, "UNIT_NOT_FOUND", "Không tìm thấy đơn vị có mã «" + unit_code + "».");
  return *unit;
}

// One scope for a unit's records, lists, reports and history: rules.h may_read_unit.
identity::Unit AuditService::readable_unit(soci::session& sql, const core::Principal& caller,
                                           const std::string& unit_code) {
  identity::Unit unit = unit_named(sql, unit_code);
  if (!may_read_unit(caller, unit.path, department(sql)))
    core::forbidden("Đơn vị «" + unit_code + "» nằm ngoài phạm vi đơn vị của bạn.");
  return unit;
}

std::string AuditService::visible_path(soci::session& sql, const core::Principal& caller, const std::string& unit_code) {
  if (unit_code.empty())
    return caller.is_platform_admin() || in_audit_department(caller, department(sql)) ? "/" : caller.unit_path;
  return readable_unit(sql, caller, unit_code).path;
}

store::Proposal AuditService::proposal_for(soci::session& sql, std::int64_t id) { return proposal_or_404(sql, id); }

store::Collection AuditService::collection_for(soci::session& sql, std::int64_t id) {
  auto c = store::find_collection(sql, id);
  if (!c)
    throw Error(ErrorKind::NotFound, "COLLECTION_NOT_FOUND",
                "Không tìm thấy đề xuất thu thập thông tin số " + std::to_string(id) + ".");
  set_due_dates(platform::load_calendar(sql), *c);
  return *c;
}

// The enterprise a new proposal or collection is about; a valid tax code not yet in the directory gets a
// placeholder profile (the directory carried over from STQ01 is incomplete) that officers complete later.
store::Enterprise AuditService::enterprise_for_item(soci::session& sql, const core::Principal& caller,
                                                    const std::string& tax_code) {
  const core::TaxCode code = parse_tax(tax_code);
  if (auto found = store::find_enterprise(sql, code.canonical)) return *found;
  store::Enterprise e;
  e.tax_code = code.canonical;
  e.tax_kind = tax_kind(code.kind);
  e.name = "Doanh nghiệp MST " + code.canonical + " (chưa có hồ sơ)";
  e.source = "PROPOSAL";
  e.id = store::insert_enterprise(sql, e, caller.account_id, now());
  history::append(sql, caller, {"audit.enterprise.create", "audit_enterprise", e.tax_code,
                                "Tạo hồ sơ tạm cho doanh nghiệp MST " + e.tax_code + " khi lập đề xuất"});
  return e;
}

ProposalDetail AuditService::detail(soci::session& sql, const store::Proposal& p) {
  ProposalDetail d{p, store::decisions_of(sql, p.id), store::conclusion_of(sql, p.id), store::penalties_of(sql, p.id),
                   store::complaints_of(sql, p.id), {}, ""};
  if (is_open_status(p.status)) d.duplicates = duplicates_for(sql, p.enterprise_id, "PROPOSAL", p.id, p.unit_id);
  if (!d.decisions.empty()) d.audit_end_on = d.decisions.back().end_on;
  return d;
}

// The record, list, search and history of an item follow one scope: may_read_unit (rules.h).
std::vector<store::Proposal> AuditService::proposals_as_seen(soci::session& sql, const core::Principal& caller,
                                                             std::int64_t enterprise_id) {
  const std::string department_unit = department(sql);
  auto list = store::proposals_of_enterprise(sql, enterprise_id);
  for (auto& p : list)
    if (!may_read_unit(caller, p.unit_path, department_unit)) restrict_proposal(p);
  return list;
}

std::vector<store::Collection> AuditService::collections_as_seen(soci::session& sql, const core::Principal& caller,
                                                                 std::int64_t enterprise_id) {
  const std::string department_unit = department(sql);
  auto list = with_due_dates(sql, store::collections_of_enterprise(sql, enterprise_id));
  for (auto& c : list)
    if (!may_read_unit(caller, c.unit_path, department_unit)) restrict_collection(c);
  return list;
}

bool AuditService::may_read_entity(const core::Principal& caller, const std::string& entity_type,
                                   const std::string& entity_id) {
  if (!is_audit_user(caller)) return false;
  if (entity_type == "audit_enterprise") return true;  // the directory and the key list are national
  return db_.read([&](soci::session& sql) {
    const std::string department_unit = department(sql);
    if (entity_type == "audit_report") {  // "F19:<unit code>"
      const auto unit = identity::find_unit(sql, entity_id.substr(entity_id.find(':') + 1));
      return unit && may_read_unit(caller, unit->path, department_unit);
    }
    if (entity_type == "audit_feedback")
      return caller.is_platform_admin() || (caller.has_role("audit.leader") && in_audit_department(caller, department_unit));
    std::int64_t id = 0;
    try {
      std::size_t used = 0;
      id = std::stoll(entity_id, &used);
      if (used != entity_id.size()) return false;
    } catch (const std::logic_error&) {
      return false;
    }
    if (entity_type == "audit_proposal") {
      const auto p = store::find_proposal(sql, id);
      return p && may_read_unit(caller, p->unit_path, department_unit);
    }
    if (entity_type == "audit_collection") {
      const auto c = store::find_collection(sql, id);
      return c && may_read_unit(caller, c->unit_path, department_unit);
    }
    return false;
  });
}
}  // namespace hq::audit
