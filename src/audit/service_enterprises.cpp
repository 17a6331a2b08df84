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

// The enterprise directory (form 01/KTSTQ), the key-enterprise list and the search every proposal follows.

store::Enterprise AuditService::create_enterprise(const core::Principal& caller, const json& fields,
                                                  const std::string& source) {
  require_audit_user(caller);
  if (!fields.contains("tax_code") || !fields["tax_code"].is_string())
    core::bad_input("INVALID_TAX_CODE", "Thiếu mã số thuế.", {{"field", "tax_code"}});
  const core::TaxCode code = parse_tax(fields["tax_code"].get<std::string>());
  store::Enterprise e;
  e.tax_code = code.canonical;
  e.tax_kind = tax_kind(code.kind);
  e.source = source;
  const json changes = apply_fields(e, fields);
  return db_.transaction([&](soci::session& sql) {
    if (store::find_enterprise(sql, e.tax_code))
      core::conflict("ENTERPRISE_EXISTS", "Doanh nghiệp có mã số thuế " + e.tax_code + " đã có trong danh bạ.",
                     {{"field", "tax_code"}});
    const std::int64_t at = now();
    e.id = store::insert_enterprise(sql, e, caller.account_id, at);
    e.created_at = e.updated_at = at;
    store::insert_enterprise_change(sql, e.id, {at, caller.username, caller.unit_code, source, changes.dump()});
    history::append(sql, caller, {"audit.enterprise.create", "audit_enterprise", e.tax_code,
                                  "Thêm doanh nghiệp " + e.tax_code + " – " + e.name + " (nguồn " + source + ")"});
    return e;
  });
}

store::Enterprise AuditService::update_enterprise(const core::Principal& caller, const std::string& tax_code,
                                                  const json& fields, const std::string& source) {
  require_audit_user(caller);
  const core::TaxCode code = parse_tax(tax_code);
  return db_.transaction([&](soci::session& sql) {
    auto found = store::find_enterprise(sql, code.canonical);
    if (!found) core::not_found("Không có doanh nghiệp mã số thuế " + code.canonical + " trong danh bạ.");
    store::Enterprise e = *found;
    const json changes = apply_fields(e, fields);
    if (changes.empty()) return e;
    const std::int64_t at = now();
    store::update_enterprise(sql, e, at);
    e.updated_at = at;
    store::insert_enterprise_change(sql, e.id, {at, caller.username, caller.unit_code, source, changes.dump()});
    std::string summary;
    for (const auto& c : changes) summary += (summary.empty() ? "" : ", ") + c["field"].get<std::string>();
    history::append(sql, caller, {"audit.enterprise.update", "audit_enterprise", e.tax_code,
                                  "Cập nhật hồ sơ doanh nghiệp " + e.tax_code + " (nguồn " + source + "): " + summary});
    return e;
  });
}

store::EnterprisePage AuditService::find_enterprises(const core::Principal& caller, const std::string& q,
                                                     const std::string& sort, bool descending, std::int64_t offset,
                                                     std::int64_t limit) {
  require_audit_user(caller);
  store::EnterpriseQuery query;
  std::string digits;
  for (const char c : q)
    if (c != ' ' && c != '.' && c != '-') digits += c;
  const bool is_code = !digits.empty() && std::all_of(digits.begin(), digits.end(), ::isdigit);
  if (is_code) {
    query.tax_prefix = digits.size() > 10 ? digits.substr(0, 10) + "-" + digits.substr(10) : digits;
  } else {
    query.words = search_words(core::fold(q));
    if (query.words.size() > 8) query.words.resize(8);
  }
  query.sort = sort;
  query.descending = descending;
  query.offset = offset;
  query.limit = limit;
  if (!query.words.empty())
    if (auto page = names_->search(query)) return *page;
  return db_.read([&](soci::session& sql) { return store::search_enterprises(sql, query); });
}

EnterpriseRecord AuditService::record(const core::Principal& caller, const std::string& tax_code) {
  require_audit_user(caller);
  const core::TaxCode code = parse_tax(tax_code);
  return db_.read([&](soci::session& sql) {
    auto e = store::find_enterprise(sql, code.canonical);
    if (!e) core::not_found("Không có doanh nghiệp mã số thuế " + code.canonical + " trong danh bạ.");
    EnterpriseRecord r{*e, store::key_years(sql, e->id), store::enterprise_changes(sql, e->id, 100), {},
                       collections_as_seen(sql, caller, e->id)};
    for (const auto& p : proposals_as_seen(sql, caller, e->id)) {
      if (!p.restricted) {
        r.proposals.push_back(detail(sql, p));
        continue;
      }
      ProposalDetail d;  // no decisions, conclusion, penalties or complaints
      d.proposal = p;
      if (is_open_status(p.status)) d.duplicates = duplicates_for(sql, p.enterprise_id, "PROPOSAL", p.id, p.unit_id);
      r.proposals.push_back(std::move(d));
    }
    return r;
  });
}

// ---- key enterprises ----

store::KeyEnterprise AuditService::add_key_enterprise(const core::Principal& caller, const std::string& tax_code,
                                                      std::int64_t year, const std::string& reason) {
  const core::TaxCode code = parse_tax(tax_code);
  if (year < 2000 || year > 2199) invalid("year", "Năm phải từ 2000 đến 2199.");
  return db_.transaction([&](soci::session& sql) {
    if (!may_keep_key_list(caller, department(sql)))
      core::forbidden("Chỉ lãnh đạo Cục Kiểm tra sau thông quan được lập danh sách doanh nghiệp trọng điểm.");
    const store::Enterprise e = enterprise_for_item(sql, caller, code.canonical);
    if (store::is_key_enterprise(sql, e.id, year))
      core::conflict("ALREADY_KEY_ENTERPRISE", "Doanh nghiệp " + e.tax_code + " đã có trong danh sách trọng điểm năm " +
                                                   std::to_string(year) + ".");
    store::KeyEnterprise k{0, e.id, year, now(), e.tax_code, e.name, reason, caller.username};
    k.id = store::insert_key_enterprise(sql, k);
    history::append(sql, caller, {"audit.key_enterprise.add", "audit_enterprise", e.tax_code,
                                  "Đưa doanh nghiệp " + e.tax_code + " vào danh sách trọng điểm năm " +
                                      std::to_string(year)});
    return k;
  });
}

void AuditService::remove_key_enterprise(const core::Principal& caller, const std::string& tax_code, std::int64_t year) {
  const core::TaxCode code = parse_tax(tax_code);
  db_.transaction([&](soci::session& sql) {
    if (!may_keep_key_list(caller, department(sql)))
      core::forbidden("Chỉ lãnh đạo Cục Kiểm tra sau thông quan được sửa danh sách doanh nghiệp trọng điểm.");
    auto e = store::find_enterprise(sql, code.canonical);
    if (!e || !store::delete_key_enterprise(sql, e->id, year))
      core::not_found("Doanh nghiệp " + code.canonical + " không có trong danh sách trọng điểm năm " + std::to_string(year) + ".");
    history::append(sql, caller, {"audit.key_enterprise.remove", "audit_enterprise", code.canonical,
                                  "Đưa doanh nghiệp " + code.canonical + " ra khỏi danh sách trọng điểm năm " +
                                      std::to_string(year)});
  });
}

Page<store::KeyEnterprise> AuditService::key_enterprises(const core::Principal& caller, std::int64_t year,
                                                         std::int64_t offset, std::int64_t limit) {
  require_audit_user(caller);
  return db_.read([&](soci::session& sql) {
    Page<store::KeyEnterprise> page;
    page.items = store::list_key_enterprises(sql, year, offset, limit, page.total);
    return page;
  });
}

// ---- search (rule 1) ----

SearchResult AuditService::search(const core::Principal& caller, const std::string& tax_code) {
  require_audit_user(caller);
  const core::TaxCode code = parse_tax(tax_code);
  SearchResult result;
  result.tax_code = code.canonical;
  result.search_id = random_token();
  const std::int64_t at = now();
  result.expires_at = at + kSearchLifetimeSeconds;
  db_.transaction([&](soci::session& sql) {
    store::insert_search(sql, result.search_id, caller.account_id, code.canonical, at);
    result.enterprise = store::find_enterprise(sql, code.canonical);
    if (!result.enterprise) return;
    result.key_enterprise = store::is_key_enterprise(sql, result.enterprise->id, today().year);
    result.proposals = proposals_as_seen(sql, caller, result.enterprise->id);
    result.collections = collections_as_seen(sql, caller, result.enterprise->id);
  });
  return result;
}
}  // namespace hq::audit
