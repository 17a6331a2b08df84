#pragma once
// .xlsx input: the first sheet of the workbook, same header as the wide CSV. Cells may be text, numbers
// (declaration numbers typed as numbers) or Excel date-times (serial days, read as local time UTC+7).
// Line numbers in issues are sheet row numbers (header = row 1). The workbook is read by hq::sheets.
#include <cstddef>
#include <string>
#include <string_view>

#include "sheets/xlsx_rows.h"
#include "trs/engine/csv_reader.h"

namespace hq::trs {

// True for a path ending in .xlsx (any case) or a file starting with the zip signature.
using sheets::looks_like_xlsx;
std::size_t read_xlsx_file(const std::string& path, RecordSink& sink);
// An upload held in memory; `name` stands for the workbook in messages.
std::size_t read_xlsx_bytes(std::string_view bytes, RecordSink& sink, const std::string& name = "đã tải lên");

// Excel serial date-time (days since 1899-12-30, local) ↔ instant.
using sheets::from_excel_serial;
using sheets::to_excel_serial;

}  // namespace hq::trs
