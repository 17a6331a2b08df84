#include "sheets/xlsx_rows.h"

#include <gtest/gtest.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/error.h"

using namespace hq::sheets;
using hq::core::Error;
using hq::core::ErrorKind;

namespace {

// A path in the temp directory, removed at scope exit.
class TempPath {
 public:
  TempPath() {
    static std::atomic<int> counter{0};
    path_ = (std::filesystem::temp_directory_path() /
             ("sheets_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++) + ".xlsx"))
                .string();
  }
  ~TempPath() { std::filesystem::remove(path_); }
  const std::string& path() const { return path_; }
  std::string bytes() const {
    std::ifstream in(path_, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
  }

 private:
  std::string path_;
};

struct Row {
  std::size_t number;
  std::vector<std::string> cells;
};

std::vector<Row> rows_of_file(const std::string& path) {
  std::vector<Row> rows;
  read_xlsx_rows(path, [&](std::size_t n, const std::vector<std::string>& cells) { rows.push_back({n, cells}); });
  return rows;
}

// Header, a row of every kind of cell, a blank row, a sparse row; a second sheet that is not read.
void write_sample(const std::string& path, bool constant_memory = false) {
  lxw_workbook_options options{constant_memory, nullptr, LXW_FALSE};
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
  lxw_worksheet* ws = workbook_add_worksheet(wb, "Danh bạ");
  lxw_format* date = workbook_add_format(wb);
  format_set_num_format(date, "dd/mm/yyyy");
  lxw_format* date_time = workbook_add_format(wb);
  format_set_num_format_index(date_time, 22);  // built-in m/d/yy h:mm
  lxw_format* money = workbook_add_format(wb);
  format_set_num_format(money, "#,##0 \"đồng\"");
  const char* header[] = {"tax_code", "name", "established_on", "charter_capital", "ratio", "at", "aeo"};
  for (lxw_col_t i = 0; i < 7; ++i) worksheet_write_string(ws, 0, i, header[i], nullptr);
  worksheet_write_string(ws, 1, 0, "0100109106", nullptr);
  worksheet_write_string(ws, 1, 1, "Công ty Thép <Việt> & \"Nhật\"", nullptr);
  lxw_datetime day = {2025, 6, 16, 0, 0, 0};
  worksheet_write_datetime(ws, 1, 2, &day, date);
  worksheet_write_number(ws, 1, 3, 5000000000.0, money);
  worksheet_write_number(ws, 1, 4, 0.25, nullptr);
  lxw_datetime moment = {2025, 6, 16, 8, 30, 15};
  worksheet_write_datetime(ws, 1, 5, &moment, date_time);
  worksheet_write_boolean(ws, 1, 6, 1, nullptr);
  worksheet_write_number(ws, 3, 0, 104722599000.0, nullptr);  // row 4, after a blank row 3
  worksheet_write_string(ws, 3, 3, "cột D", nullptr);
  lxw_worksheet* other = workbook_add_worksheet(wb, "Ghi chú");
  worksheet_write_string(other, 0, 0, "not read", nullptr);
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
}

void expect_sample(const std::vector<Row>& rows) {
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].number, 1u);
  EXPECT_EQ(rows[0].cells.size(), 7u);
  EXPECT_EQ(rows[0].cells[6], "aeo");
  EXPECT_EQ(rows[1].number, 2u);
  EXPECT_EQ(rows[1].cells, (std::vector<std::string>{"0100109106", "Công ty Thép <Việt> & \"Nhật\"", "2025-06-16",
                                                      "5000000000", "0.25", "2025-06-16 08:30:15", "TRUE"}));
  EXPECT_EQ(rows[2].number, 4u);
  EXPECT_EQ(rows[2].cells, (std::vector<std::string>{"104722599000", "", "", "cột D"}));
}

void expect_invalid(const std::function<void()>& read) {
  try {
    read();
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::BadInput);
    EXPECT_EQ(e.code(), "XLSX_INVALID");
    EXPECT_NE(std::string(e.what()).find("bảng tính"), std::string::npos) << e.what();
  }
}

}  // namespace

TEST(XlsxRows, FirstSheetFromAFile) {
  TempPath file;
  write_sample(file.path());
  expect_sample(rows_of_file(file.path()));
}

TEST(XlsxRows, InlineStringsOfAConstantMemoryWorkbook) {
  TempPath file;
  write_sample(file.path(), true);
  expect_sample(rows_of_file(file.path()));
}

TEST(XlsxRows, FromBytesInMemory) {
  TempPath file;
  write_sample(file.path());
  const std::string bytes = file.bytes();
  EXPECT_TRUE(has_zip_signature(bytes));
  std::vector<Row> rows;
  const auto n = read_xlsx_rows_from_bytes(bytes, [&](std::size_t r, const std::vector<std::string>& cells) {
    rows.push_back({r, cells});
  });
  EXPECT_EQ(n, 3u);
  expect_sample(rows);
}

TEST(XlsxRows, CellKindsAndValues) {
  TempPath file;
  write_sample(file.path());
  std::vector<std::vector<Cell>> rows;
  read_xlsx_cells(file.path(), [&](std::size_t, const std::vector<Cell>& cells) { rows.push_back(cells); });
  ASSERT_EQ(rows.size(), 3u);
  const auto& r = rows[1];
  EXPECT_EQ(r[0].kind, Cell::Kind::Text);
  EXPECT_EQ(r[2].kind, Cell::Kind::Date);
  EXPECT_DOUBLE_EQ(r[2].number, 45824.0);
  EXPECT_EQ(r[3].kind, Cell::Kind::Number);  // a money format is not a date
  EXPECT_DOUBLE_EQ(r[4].number, 0.25);
  EXPECT_EQ(r[5].kind, Cell::Kind::Date);
  EXPECT_EQ(from_excel_serial(r[5].number), hq::core::from_local({{2025, 6, 16}, 8, 30, 15}));
  EXPECT_EQ(r[6].kind, Cell::Kind::Boolean);
  EXPECT_EQ(r[6].number, 1);
  EXPECT_EQ(rows[2][1].kind, Cell::Kind::Empty);
}

TEST(XlsxRows, CorruptWorkbooksGiveAVietnameseBadInput) {
  expect_invalid([] { read_xlsx_rows_from_bytes("tax_code,name\n", [](auto, const auto&) {}); });
  expect_invalid([] { read_xlsx_rows_from_bytes(std::string("PK\x03\x04garbage", 11), [](auto, const auto&) {}); });
  TempPath file;
  write_sample(file.path());
  const std::string bytes = file.bytes();
  expect_invalid([&] { read_xlsx_rows_from_bytes(bytes.substr(0, bytes.size() / 2), [](auto, const auto&) {}); });
  std::string damaged = bytes;  // the compressed sheet overwritten
  const auto sheet = damaged.find("xl/worksheets/sheet1.xml");
  ASSERT_NE(sheet, std::string::npos);
  for (std::size_t i = sheet + 30; i < sheet + 200 && i < damaged.size(); ++i) damaged[i] = static_cast<char>(i * 7);
  expect_invalid([&] { read_xlsx_rows_from_bytes(damaged, [](auto, const auto&) {}, "danh_ba.xlsx"); });
  expect_invalid([] { read_xlsx_rows("/nonexistent/danh_ba.xlsx", [](auto, const auto&) {}); });
  try {
    read_xlsx_rows_from_bytes("not a zip", [](auto, const auto&) {}, "danh_ba.xlsx");
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              "Không đọc được bảng tính danh_ba.xlsx: tệp không phải bảng tính .xlsx hợp lệ (không giải nén được).");
  }
}

TEST(XlsxRows, SniffingAndSerialDates) {
  TempPath file;
  write_sample(file.path());
  EXPECT_TRUE(looks_like_xlsx(file.path()));
  EXPECT_TRUE(looks_like_xlsx("/nowhere/Danh_ba.XLSX"));
  EXPECT_FALSE(looks_like_xlsx("/nowhere/danh_ba.csv"));
  EXPECT_FALSE(has_zip_signature("tax_code;name"));
  EXPECT_EQ(from_excel_serial(45824.0), hq::core::from_local({{2025, 6, 16}, 0, 0, 0}));
  const auto t = hq::core::from_local({{2025, 6, 16}, 8, 30, 17});
  EXPECT_EQ(from_excel_serial(to_excel_serial(t)), t);
  EXPECT_EQ(excel_serial_text(45824.0), "2025-06-16");
  EXPECT_EQ(excel_serial_text(45824.5), "2025-06-16 12:00:00");
  EXPECT_EQ(excel_serial_text(0.75), "18:00:00");
  EXPECT_EQ(excel_serial_text(45824.99999999), "2025-06-17");  // rounds to the second
}
