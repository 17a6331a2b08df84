// Zip bombs and oversized tables in an .xlsx: refused with XLSX_TOO_LARGE (or XLSX_CELL_TOO_LONG) in
// Vietnamese, after inflating a bounded amount, never by running out of memory.
#include <gtest/gtest.h>
#include <unistd.h>
#include <zip.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include "core/error.h"
#include "sheets/xlsx_rows.h"

namespace {

using hq::core::Error;

constexpr const char* kWorkbook =
    R"(<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" )"
    R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>)"
    R"(<sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>)";
constexpr const char* kRels =
    R"(<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>)";

// An entry's content, written in pieces so that a large one is never held whole.
using Writer = std::function<void(const std::function<void(std::string_view)>& put)>;

// A workbook of the given entries (maximum compression, as a bomb would be), returned as bytes.
std::string workbook(const std::vector<std::pair<std::string, Writer>>& entries) {
  const auto path = std::filesystem::temp_directory_path() / ("xlsx_bomb_" + std::to_string(getpid()) + ".xlsx");
  zipFile zip = zipOpen64(path.c_str(), APPEND_STATUS_CREATE);
  EXPECT_NE(zip, nullptr);
  for (const auto& [name, write] : entries) {
    zip_fileinfo info{};
    EXPECT_EQ(zipOpenNewFileInZip64(zip, name.c_str(), &info, nullptr, 0, nullptr, 0, nullptr, Z_DEFLATED, 9, 1), ZIP_OK);
    write([&](std::string_view bytes) {
      EXPECT_EQ(zipWriteInFileInZip(zip, bytes.data(), static_cast<unsigned>(bytes.size())), ZIP_OK);
    });
    zipCloseFileInZip(zip);
  }
  zipClose(zip, nullptr);
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  std::filesystem::remove(path);
  return out.str();
}

Writer text(std::string content) {
  return [content = std::move(content)](const auto& put) { put(content); };
}

// `count` copies of `unit` between `head` and `tail`.
Writer repeated(std::string head, std::string unit, std::size_t count, std::string tail) {
  return [=](const auto& put) {
    put(head);
    std::string block;
    while (block.size() < (1u << 20)) block += unit;
    const std::size_t per_block = block.size() / unit.size();
    std::size_t left = count;
    for (; left >= per_block; left -= per_block) put(block);
    put(std::string_view(block).substr(0, left * unit.size()));
    put(tail);
  };
}

const std::string kSheetHead = R"(<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)";
const std::string kSheetTail = "</sheetData></worksheet>";

Error read_error(const std::string& bytes) {
  try {
    hq::sheets::read_xlsx_rows_from_bytes(bytes, [](std::size_t, const std::vector<std::string>&) {});
  } catch (const Error& e) {
    return e;
  }
  ADD_FAILURE() << "the workbook was read";
  return Error(hq::core::ErrorKind::BadInput, "", "");
}

TEST(XlsxBomb, ASmallWorkbookIsStillRead) {
  const std::string bytes = workbook({{"xl/workbook.xml", text(kWorkbook)},
                                      {"xl/_rels/workbook.xml.rels", text(kRels)},
                                      {"xl/worksheets/sheet1.xml", repeated(kSheetHead, R"(<row><c t="inlineStr"><is><t>a</t></is></c></row>)", 1000, kSheetTail)}});
  std::size_t rows = 0;
  EXPECT_EQ(hq::sheets::read_xlsx_rows_from_bytes(bytes, [&](std::size_t, const std::vector<std::string>& cells) {
              rows += cells.size() == 1 && cells[0] == "a";
            }), 1000u);
  EXPECT_EQ(rows, 1000u);
}

TEST(XlsxBomb, ASheetThatInflatesFarPastItsSizeIsRefused) {
  // ~80 MiB of empty rows, compressed about 1000:1 into some 80 KiB.
  const std::string bytes = workbook({{"xl/workbook.xml", text(kWorkbook)},
                                      {"xl/_rels/workbook.xml.rels", text(kRels)},
                                      {"xl/worksheets/sheet1.xml", repeated(kSheetHead, "<row></row>", 8'000'000, kSheetTail)}});
  ASSERT_LT(bytes.size(), 1u << 20);
  const Error error = read_error(bytes);
  EXPECT_EQ(error.code(), "XLSX_TOO_LARGE");
  EXPECT_EQ(error.kind(), hq::core::ErrorKind::TooLarge);
  EXPECT_NE(std::string(error.what()).find("xl/worksheets/sheet1.xml giải nén ra hơn 64 MiB"), std::string::npos) << error.what();
  EXPECT_NE(std::string(error.what()).find("bom nén"), std::string::npos);
}

TEST(XlsxBomb, ABombInAnotherPartIsRefusedToo) {
  const std::string bytes = workbook({{"xl/workbook.xml", repeated("<workbook>", "<x/>", 10'000'000, "</workbook>")}});
  const Error error = read_error(bytes);
  EXPECT_EQ(error.code(), "XLSX_TOO_LARGE");
  EXPECT_NE(std::string(error.what()).find("xl/workbook.xml"), std::string::npos) << error.what();
}

TEST(XlsxBomb, TheSharedStringsTableHasACountLimit) {
  // Two million and one empty strings: 10 MiB of XML that would become 64 MiB of std::string.
  const std::string bytes = workbook({{"xl/workbook.xml", text(kWorkbook)},
                                      {"xl/_rels/workbook.xml.rels", text(kRels)},
                                      {"xl/sharedStrings.xml", repeated("<sst>", "<si/>", 2'000'001, "</sst>")},
                                      {"xl/worksheets/sheet1.xml", text(kSheetHead + kSheetTail)}});
  const Error error = read_error(bytes);
  EXPECT_EQ(error.code(), "XLSX_TOO_LARGE");
  EXPECT_NE(std::string(error.what()).find("sharedStrings) có hơn 2000000 chuỗi"), std::string::npos) << error.what();
}

TEST(XlsxBomb, ACellLongerThanExcelAllowsIsRefused) {
  const std::string long_cell = R"(<row r="7"><c t="inlineStr"><is><t>)" + std::string(200'000, 'x') + "</t></is></c></row>";
  const std::string sheet = workbook({{"xl/workbook.xml", text(kWorkbook)},
                                      {"xl/_rels/workbook.xml.rels", text(kRels)},
                                      {"xl/worksheets/sheet1.xml", text(kSheetHead + long_cell + kSheetTail)}});
  Error error = read_error(sheet);
  EXPECT_EQ(error.code(), "XLSX_CELL_TOO_LONG");
  EXPECT_NE(std::string(error.what()).find("dòng 7"), std::string::npos) << error.what();
  const std::string shared = workbook({{"xl/workbook.xml", text(kWorkbook)},
                                       {"xl/_rels/workbook.xml.rels", text(kRels)},
                                       {"xl/sharedStrings.xml", text("<sst><si><t>" + std::string(200'000, 'x') + "</t></si></sst>")},
                                       {"xl/worksheets/sheet1.xml", text(kSheetHead + kSheetTail)}});
  error = read_error(shared);
  EXPECT_EQ(error.code(), "XLSX_CELL_TOO_LONG");
}

}  // namespace
