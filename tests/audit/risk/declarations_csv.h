#pragma once
// The header row of the customs declarations extract (the columns of src/audit/risk/declarations.h kColumns, in
// their order) as a file writes it: the reader's tests and the API tests build their CSV files on it.
namespace hq::test {

inline constexpr const char* kDeclarationsHeader =
    "declaration_no,line,registered_at,tax_code,flow,type_code,office_code,hs_code,origin_country,customs_value_vnd,"
    "duty_vnd,vat_vnd,preferential,channel,amendments\n";

}  // namespace hq::test
