#pragma once
// SQL of the agencies' part of a study: the agency table, agency users' memberships per study, the returned
// times per registration and the border guard's checks. No rules here (agency_rules.h).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "trs/study/agency_rules.h"

namespace hq::trs::agency_store {

std::vector<Agency> list_agencies(soci::session& sql);
std::optional<Agency> find_agency(soci::session& sql, const std::string& code);

struct Member {
  std::string username, agency_code, added_by;
  std::int64_t added_at = 0;
};
std::vector<Member> list_members(soci::session& sql, std::int64_t study_id);
std::optional<Member> find_member(soci::session& sql, std::int64_t study_id, const std::string& username);
void put_member(soci::session& sql, std::int64_t study_id, const Member& member);
bool delete_member(soci::session& sql, std::int64_t study_id, const std::string& username);
struct Membership {
  std::int64_t study_id = 0;
  std::string study_name, week_start, agency_code;
};
std::vector<Membership> memberships_of(soci::session& sql, const std::string& username);
bool account_exists(soci::session& sql, const std::string& username);

// Inserts or replaces (same study, agency and declaration key).
void upsert_return(soci::session& sql, std::int64_t study_id, const std::string& agency_code, const AgencyReturn& r);
std::optional<AgencyReturn> find_return(soci::session& sql, std::int64_t study_id, const std::string& agency_code,
                                        std::int64_t declaration_key);
// declaration key → returned data of one agency.
std::map<std::int64_t, AgencyReturn> returns_of(soci::session& sql, std::int64_t study_id, const std::string& agency_code);
// agency code → declaration key → returned data (the report's overlay).
std::map<std::string, std::map<std::int64_t, AgencyReturn>> all_returns(soci::session& sql, std::int64_t study_id);

void upsert_border_check(soci::session& sql, std::int64_t study_id, const std::string& agency_code, const BorderCheck& c);
struct BorderQuery {
  std::string vehicle_prefix;  // transport_key form
  std::int64_t offset = 0, limit = 20;
};
std::vector<BorderCheck> list_border_checks(soci::session& sql, std::int64_t study_id, const BorderQuery& q,
                                            std::int64_t& total);
std::vector<BorderCheck> all_border_checks(soci::session& sql, std::int64_t study_id);

// The overlay the report applies to the stored records: the agency table and all the study's returned data.
ReturnsOverlay load_overlay(soci::session& sql, std::int64_t study_id);

}  // namespace hq::trs::agency_store
