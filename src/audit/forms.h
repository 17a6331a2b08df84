#pragma once
// Forms 19 and 20 (Decision 575/QĐ-TCHQ): the layout as one declarative table, the roll-up of facts over the
// unit tree (Chi cục → Cục → national), and the .xlsx export. Pure apart from writing the workbook.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/time.h"

namespace hq::audit {

enum class Form { F19, F20 };
std::optional<Form> parse_form(const std::string& text);  // "form19" | "form20" | "19" | "20"
std::string form_code(Form form);                          // "FORM19" | "FORM20"
std::string form_title(Form form);                         // Vietnamese

// One column of a form. A column with `plus` (and optionally `minus`) is computed from other columns of the
// same row; every other column sums the facts carrying its key (or counts distinct ids when facts say so).
struct FormColumn {
  std::string key;
  std::string group_vi;    // the heading above a group of columns ("" when the column stands alone)
  std::string group_en;
  std::string heading_vi;
  std::string heading_en;
  bool money = false;
  std::vector<std::string> plus, minus;
};
// THE layout of the two forms. Correcting the official layout means editing this table only.
const std::vector<FormColumn>& form_columns(Form form);

// A contribution to one cell: `value` is added, or when `distinct` is set the distinct values are counted.
struct Fact {
  std::string unit_path;
  std::string key;
  std::int64_t value = 1;
  std::int64_t distinct = 0;
};
using Figures = std::map<std::string, std::int64_t>;
// The figures of every column for the facts whose unit lies in the subtree at `path` (exact = that unit only).
Figures aggregate(Form form, const std::vector<Fact>& facts, const std::string& path, bool exact = false);

struct ReportUnit {
  std::string code, name, level, path;
  std::int64_t parent_id = 0, id = 0;
};
struct FormRow {
  ReportUnit unit;
  bool own_only = false;  // the unit's own figures, without its subordinate units
  Figures figures;
  bool reconciled = false;
};
struct FormReport {
  Form form = Form::F19;
  ReportUnit unit;
  core::Date from, to;
  std::vector<FormRow> rows;  // the unit's own figures, then each direct subordinate with its subtree
  Figures total;
  std::vector<std::string> not_reconciled;  // unit codes without a reconciliation sign-off for this period
};
// Builds the rows: `units` is the report unit's subtree (any order).
FormReport build_report(Form form, const ReportUnit& unit, const std::vector<ReportUnit>& units,
                        const std::vector<Fact>& facts, const core::Date& from, const core::Date& to,
                        const std::vector<std::string>& reconciled_codes);

// The report as an .xlsx workbook (bytes): Vietnamese headings grouped as in the table.
std::string report_xlsx(const FormReport& report);

}  // namespace hq::audit
