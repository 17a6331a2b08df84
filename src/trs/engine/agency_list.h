#pragma once
// The list the customs send to the ministries after the measurement (seed §A.IV.1 / §B.II.2.2): per
// specialised-inspection agency, every sampled declaration with specialised inspection — declaration number,
// bill of lading, the agency's registration number and its certificate / result number — so each agency can
// return its own times per registration. Pure: records in, rows out; rendered as CSV and .xlsx.
#include <optional>
#include <string>
#include <vector>

#include "trs/engine/record.h"
#include "trs/engine/report.h"

namespace hq::trs {

struct AgencyListRow {
  std::string agency;   // the block's agency name; "" = the record names no agency
  std::string block;    // ag1 | ag2 | qc | "" (no block filled)
  std::string sci_kinds;  // e.g. "KDTV;VSATTP"
  std::string declaration_no, flow, branch_code, bill_of_lading, registration_no, certificate_no;
  std::optional<UnixSeconds> registered_at;
};

// Collects the rows. With a study, only records of its sample (registered in the period, type not
// excluded, a participating branch) count; a record without sci_kinds is never listed. Rows come out
// sorted by agency (unnamed last), then declaration number, then block.
class AgencyList {
 public:
  explicit AgencyList(std::optional<StudySettings> study = std::nullopt);
  void add(const Record& r);
  std::vector<AgencyListRow> finish();

 private:
  std::optional<StudySettings> study_;
  std::vector<AgencyListRow> rows_;
};

// CSV (UTF-8 with BOM for Excel, header row, RFC 4180 quoting), Vietnamese headings.
std::string agency_list_csv(const std::vector<AgencyListRow>& rows);
// One sheet per agency (at most 200; Excel's 31-character names made unique), plus "Tất cả".
void write_agency_list_xlsx(const std::string& path, const std::vector<AgencyListRow>& rows);

}  // namespace hq::trs
