#include "trs/engine/xlsx_reader.h"

#include <algorithm>
#include <optional>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "trs/engine/text_util.h"

namespace hq::trs {
namespace {

using sheets::Cell;

// Feeds sheet rows to the wide-format decoder: the first non-blank row is the header. A number in a time
// column is an Excel date-time whatever its display format; a boolean is Y/N.
class SheetDecoder {
 public:
  explicit SheetDecoder(RecordSink& sink) : sink_(sink) {}
  bool saw_header() const { return decoder_.has_value(); }
  std::size_t rows() const { return rows_; }

  void on_row(std::size_t row, const std::vector<Cell>& cells) {
    views_.assign(cells.size(), {});
    converted_.resize(cells.size());
    for (std::size_t i = 0; i < cells.size(); ++i) views_[i] = cell_text(i, cells[i]);
    if (std::all_of(views_.begin(), views_.end(), [](std::string_view v) { return trim(v).empty(); })) return;
    if (!decoder_) {
      decoder_.emplace(views_);
      return;
    }
    ++rows_;
    decoder_->decode(row, views_, record_, sink_);
    sink_.on_record(record_);
  }

 private:
  std::string_view cell_text(std::size_t i, const Cell& cell) {
    if (cell.kind == Cell::Kind::Boolean) return cell.number != 0 ? "Y" : "N";
    const ColumnDef* column = decoder_ ? decoder_->column_at(i) : nullptr;
    const bool number = cell.kind == Cell::Kind::Number || cell.kind == Cell::Kind::Date;
    if (!number || !column || column->kind != ColumnKind::Time) return cell.text;
    converted_[i] = format_local_time(from_excel_serial(cell.number));
    return converted_[i];
  }

  RecordSink& sink_;
  std::optional<RowDecoder> decoder_;
  Record record_;
  std::size_t rows_ = 0;
  std::vector<std::string> converted_;
  std::vector<std::string_view> views_;
};

}  // namespace

namespace {

// `read` feeds the decoder the workbook's rows; `name` names the workbook in the empty-sheet message.
template <typename Read>
std::size_t read_sheet(const std::string& name, RecordSink& sink, Read&& read) {
  SheetDecoder decoder(sink);
  read([&](std::size_t row, const std::vector<Cell>& cells) { decoder.on_row(row, cells); });
  if (!decoder.saw_header())
    core::bad_input("EMPTY_FILE", "Trang tính đầu tiên của bảng tính " + name + " rỗng: không có dòng tiêu đề và dữ liệu.");
  return decoder.rows();
}

}  // namespace

std::size_t read_xlsx_file(const std::string& path, RecordSink& sink) {
  return read_sheet(path, sink, [&](const sheets::CellRowHandler& on_row) { sheets::read_xlsx_cells(path, on_row); });
}

std::size_t read_xlsx_bytes(std::string_view bytes, RecordSink& sink, const std::string& name) {
  return read_sheet(name, sink, [&](const sheets::CellRowHandler& on_row) {
    sheets::read_xlsx_cells_from_bytes(bytes, on_row, name);
  });
}

}  // namespace hq::trs
