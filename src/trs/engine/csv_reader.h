#pragma once
// Readers of study records: the wide CSV (one row per declaration), the long event log
// (`declaration_no,event,at[,actor]` + a wide header file without times) and .xlsx (xlsx_reader.h).
// They stream: every decoded row goes to a RecordSink, together with the issues found in it. A file that
// cannot be read at all (encoding, separator, header) throws core::Error(BadInput) with a Vietnamese message.
//
// Cell rules: cells are trimmed; empty = not recorded; a cell that fails validation yields an INVALID_VALUE
// issue and is read as not recorded (exception: declaration_no keeps its text so issues can name it).
#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "trs/engine/issue.h"
#include "trs/engine/record.h"

namespace hq::trs {

class RecordSink {
 public:
  virtual ~RecordSink() = default;
  // `r` is only valid during the call (readers reuse one record).
  virtual void on_record(const Record& r) = 0;
  virtual void on_issue(Issue issue) = 0;
  // Whether the sink reads this text column of the records it gets (default: yes). When it does not, a reader
  // may validate the cell where it lies without copying it: the record's field stays empty, the issues are the
  // same as when it is read.
  virtual bool reads_text(std::string_view column) const { return true; }
};

// A sink with work on each record that does not depend on the others: readers that decode on several
// threads call prepare() there (it must be thread-safe), then on_prepared() in file order on their own
// thread. prepare() keeps in `out` all the sink needs of the record: a reader decodes a chunk's rows into one
// record it reuses, rather than keeping a record per row until on_prepared. Other callers just use on_record().
class PreparingSink : public RecordSink {
 public:
  struct Prepared {
    virtual ~Prepared() = default;
  };
  virtual std::unique_ptr<Prepared> make_prepared() const = 0;
  virtual void prepare(const Record& r, Prepared& out) const = 0;
  virtual void on_prepared(Prepared& p) = 0;
  void on_record(const Record& r) final;  // prepare + on_prepared

 private:
  std::unique_ptr<Prepared> scratch_;
};

// Keeps everything in memory (tests, the long format, small files).
class RecordCollector : public RecordSink {
 public:
  std::vector<Record> records;
  std::vector<Issue> issues;
  void on_record(const Record& r) override { records.push_back(r); }
  void on_issue(Issue issue) override { issues.push_back(std::move(issue)); }
};

// Maps a header row onto the column table and decodes data rows. Shared by the CSV and xlsx readers.
class RowDecoder {
 public:
  // Validates the header: unknown, duplicate or missing required columns (flow, declaration_no) throw.
  // Empty header cells are ignored together with their column. With `sink`, the text columns it does not read
  // (RecordSink::reads_text) are only validated: their fields stay empty.
  explicit RowDecoder(std::span<const std::string_view> header, const RecordSink* sink = nullptr);
  std::size_t width() const { return cols_.size(); }
  const ColumnDef* column_at(std::size_t i) const;  // nullptr for an ignored column
  // Decodes one data row into `out` (every mapped column is overwritten). Cells past width() must be empty,
  // otherwise the row is rejected (BAD_ROW). Issues go to `sink` in column order; the record is not sent.
  void decode(std::size_t line, std::span<const std::string_view> cells, Record& out, RecordSink& sink) const;

 private:
  // The mapped columns grouped by kind, so decoding a row runs one loop per kind with no dispatch per cell.
  template <class T>
  struct Mapped {
    std::size_t pos;  // in the header
    const ColumnDef* def;
    FieldSlot<T> slot;
  };
  std::vector<Mapped<std::string>> texts_;
  std::vector<Mapped<std::string>> checked_texts_;  // validated only (the sink does not read them)
  std::vector<Mapped<Time>> times_;
  std::vector<Mapped<std::optional<bool>>> yes_nos_;
  std::vector<Mapped<CodeSet>> lists_;
  std::vector<Mapped<void*>> enums_;  // set through def->set_enum (the slot is unused)
  void map(std::size_t pos, const ColumnDef& c, const RecordSink* sink);
  std::vector<int> cols_;  // header position → index in columns(), -1 = ignored
  int declaration_pos_ = -1;
  int flow_pos_ = -1;
};

// Where bytes come from (a file read in large blocks, or memory).
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  virtual std::size_t read(char* dst, std::size_t n) = 0;  // 0 = end of input
};
std::unique_ptr<ByteSource> open_file_source(const std::string& path);  // throws core::Error when unreadable
std::unique_ptr<ByteSource> memory_source(std::string_view text);       // `text` must outlive the source

// Wide CSV. Returns the number of data rows (blank rows are skipped and not counted). Rows are split on the
// calling thread, decoded on `decode_threads` workers and on the calling thread while it waits (0: on the
// calling thread alone), and sent to `sink` in file order on the calling thread — the sink sees exactly what
// a single-threaded read would send.
std::size_t default_decode_threads();  // workers beside the calling thread, which decodes too: cores - 1, at most 4
std::size_t read_wide_csv(ByteSource& src, RecordSink& sink, std::size_t decode_threads = default_decode_threads());
std::size_t read_wide_csv(std::string_view text, RecordSink& sink);
std::size_t read_wide_csv_file(const std::string& path, RecordSink& sink);

// Long format: `header` holds the declarations (wide format, normally without time columns), `events` the
// milestones. Each event `X` sets column `X_at`. Records are sent in header order after all events are applied.
// An event for a declaration not in the header → UNKNOWN_DECLARATION; a second, different time for the same
// event → DUPLICATE_EVENT (the first is kept). `actor` is accepted and not used.
std::size_t read_long_format(std::vector<Record> header, ByteSource& events, RecordSink& sink);
std::size_t read_long_csv(std::string_view header_csv, std::string_view events_csv, RecordSink& sink);

// Any input by file type: .xlsx (or a zip signature) → xlsx, otherwise wide CSV; with `events_path` the
// input is the long format's header file.
std::size_t read_records_file(const std::string& path, const std::optional<std::string>& events_path,
                              RecordSink& sink);

}  // namespace hq::trs
