#pragma once
// The agencies' part of a stored study (seed §B.II.2.2): which agency user answers for which agency in a study,
// the agencies' returned times per registration and the border guard's checks per vehicle and voyage — entered
// one by one or imported all-or-nothing with every bad cell named, as the customs' records are.
//
// Rights: an agency user (role trs.agency) works only in the studies it is a member of (else 403) and only on
// its own agency (another agency's rows answer 404); analysts who set studies up (and platform administrators)
// manage memberships and may enter or import on an agency's behalf (data received on paper).
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/page.h"
#include "core/principal.h"
#include "db/database.h"
#include "trs/study/agency_rules.h"
#include "trs/study/agency_store.h"
#include "trs/study/study_service.h"

namespace hq::trs {

// One declaration on an agency's list, with what the agency returned for it.
struct AgencyWorkRow {
  AgencyListRow listed;
  std::optional<AgencyReturn> returned;
};
struct AgencyWorkPage {
  Agency agency;
  std::vector<AgencyWorkRow> items;
  std::int64_t total = 0, returned = 0;  // total: rows matching the query; returned: of the whole list
};
struct AgencyWorkQuery {
  std::string number_prefix;
  bool missing_only = false;
  std::int64_t offset = 0, limit = 20;
};
struct AgencyImportResult {
  std::size_t rows = 0, stored = 0;
};
using BorderPage = core::Page<BorderCheck>;

class AgencyService {
 public:
  explicit AgencyService(db::Database& db) : db_(db) {}

  std::vector<Agency> agencies(const core::Principal& caller);
  std::vector<agency_store::Member> members(const core::Principal& caller, std::int64_t study_id);
  agency_store::Member put_member(const core::Principal& caller, std::int64_t study_id, const std::string& username,
                                  const std::string& agency_code);
  void delete_member(const core::Principal& caller, std::int64_t study_id, const std::string& username);
  // The studies and agencies the caller answers for (an agency user's start page).
  std::vector<agency_store::Membership> my_memberships(const core::Principal& caller);

  AgencyWorkPage work(const core::Principal& caller, std::int64_t study_id, const std::string& agency_code,
                      const AgencyWorkQuery& query);
  AgencyWorkRow put_return(const core::Principal& caller, std::int64_t study_id, const std::string& agency_code,
                           const std::string& declaration_no, std::map<std::string, std::string> cells);
  AgencyImportResult import_returns(const core::Principal& caller, std::int64_t study_id, const std::string& agency_code,
                                    std::string_view bytes);

  BorderPage border_checks(const core::Principal& caller, std::int64_t study_id, const std::string& agency_code,
                           const agency_store::BorderQuery& query);
  BorderCheck put_border_check(const core::Principal& caller, std::int64_t study_id, const std::string& agency_code,
                               const std::map<std::string, std::string>& cells);
  AgencyImportResult import_border_checks(const core::Principal& caller, std::int64_t study_id,
                                          const std::string& agency_code, std::string_view bytes);

 private:
  db::Database& db_;
};

}  // namespace hq::trs
