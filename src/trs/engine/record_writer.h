#pragma once
// Writers of study records, driven by the same column table as the readers: the wide CSV, the long format
// (header file + event log) and a one-sheet .xlsx (libxlsxwriter; times as real Excel date-times).
#include <ostream>
#include <span>
#include <string>

#include "trs/engine/record.h"

namespace hq::trs {

std::string csv_escape(std::string_view cell);  // RFC 4180 quoting when needed
void write_wide_csv_header(std::ostream& out);
void write_wide_csv_row(std::ostream& out, const Record& r);
void write_wide_csv(std::ostream& out, std::span<const Record> records);

// Long format: `header` gets the wide CSV without time columns, `events` one line per recorded time.
void write_long_format(std::ostream& header, std::ostream& events, std::span<const Record> records);

// Throws core::Error when the file cannot be written.
void write_records_xlsx(const std::string& path, std::span<const Record> records);

}  // namespace hq::trs
