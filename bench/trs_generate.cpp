// Generates N realistic time-release-study declarations in the wide CSV format (deterministic for a seed).
//
//   trs_generate N [--seed S] [--bad-rate R] [--output FILE]
//                  [--shape bench|field] [--time-format seconds|minutes|dmy] [--fault-rate F] [--text plain|vi]
//
// The declarations come from trs::SampleRecords (src/trs/engine/sample_records.h). A fraction R of the rows carries
// errors a real study has: swapped milestones (negative intervals), missing milestones and, for a third of
// that share, malformed cells (bad dates, PURPLE).
//
// Data shapes (issue 12 §4: the engine must hold its speed on more than the canonical file):
//   --shape bench (default): times `YYYY-MM-DD HH:MM:SS`, no extra faults, short codes as free text.
//   --shape field: what a branch's spreadsheet export looks like — times `YYYY-MM-DD HH:MM` (no seconds, no
//     offset), a share F = 8 % of records with a negative or out-of-order interval (a step's end typed before
//     its start, a tax check before the payment, a release before the document check), and Vietnamese free
//     text with diacritics, commas and quotes in delay_note, transport, officers and goods (quoted CSV cells).
//   --time-format, --fault-rate and --text override one aspect of the shape.
#include <fstream>
#include <iostream>
#include <string>
#include <utility>

#include "trs/engine/record.h"
#include "trs/engine/record_writer.h"
#include "trs/engine/sample_records.h"

using hq::trs::Record;

namespace {

enum class TimeFormat { Seconds, Minutes, DayMonthYear };

constexpr const char* kNotes[] = {
    "Chờ kết quả kiểm tra chuyên ngành, doanh nghiệp nộp bổ sung giấy chứng nhận",
    "Doanh nghiệp xuất trình hàng chậm; bãi đông, phải chờ xe nâng",
    "Tham vấn giá theo \"Thông tư 39/2015/TT-BTC\", chờ ý kiến của Chi cục",
    "Hệ thống VNACCS lỗi đường truyền từ 9 giờ đến 11 giờ",
    "Chờ kết quả phân tích, phân loại mã HS; lấy mẫu gửi Trung tâm Kiểm định",
    "Sai khác số lượng so với khai báo, lập biên bản vi phạm",
};
constexpr const char* kGoods[] = {
    "Linh kiện, phụ tùng ô tô", "Máy móc, thiết bị điện tử", "Nông sản: cà phê, hạt điều, hồ tiêu",
    "Thủy sản đông lạnh (tôm, cá tra)", "Hàng dệt may, giày dép", "Thực phẩm chế biến; đồ uống",
};
constexpr const char* kOfficers[] = {"Nguyễn Văn Hùng", "Trần Thị Thu Hà", "Lê Đức Anh", "Phạm Ngọc Ánh",
                                     "Võ Thị Mỹ Duyên", "Đặng Quốc Việt"};
constexpr const char* kTransports[] = {"Tàu WAN HAI 305, chuyến 012N", "Tàu \"CÔNG THÀNH 18\" / V.2506",
                                       "Chuyến bay VN0301", "Xe đầu kéo 29C-123.45, rơ-moóc 29R-067.89"};

// Text of a time cell in the chosen form (the engine's accepted forms, spec § Record format).
std::string time_text(std::string cell, TimeFormat f) {
  if (cell.empty() || f == TimeFormat::Seconds) return cell;
  cell.resize(16);  // "YYYY-MM-DD HH:MM"
  if (f == TimeFormat::Minutes) return cell;
  return cell.substr(8, 2) + "/" + cell.substr(5, 2) + "/" + cell.substr(0, 4) + cell.substr(10);
}

// A negative or out-of-order interval a typist makes: a step's end before its start (negative), or a milestone
// before the one it must follow (out of order). Only steps the record has are touched.
void fault(Record& r, hq::trs::SampleRecords& sample) {
  auto swap_if = [](hq::trs::Time& a, hq::trs::Time& b) {
    if (!a || !b) return false;
    std::swap(a, b);
    return true;
  };
  switch (static_cast<int>(sample.chance(0.5)) + 2 * static_cast<int>(sample.chance(0.5))) {
    case 0: if (swap_if(r.doc_check_start_at, r.doc_check_end_at)) return; [[fallthrough]];
    case 1: if (swap_if(r.tax_check_start_at, r.tax_check_end_at)) return; [[fallthrough]];
    case 2:
      if (r.tax_paid_at && r.tax_check_end_at) {  // tax checked before it was paid (out of order)
        r.tax_paid_at = *r.tax_check_end_at + 3600;
        return;
      }
      [[fallthrough]];
    default:
      if (!swap_if(r.supervision_start_at, r.supervision_confirmed_at)) swap_if(r.registered_at, r.released_at);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: trs_generate N [--seed S] [--bad-rate R] [--output FILE] [--shape bench|field]\n"
                 "                    [--time-format seconds|minutes|dmy] [--fault-rate F] [--text plain|vi]\n";
    return 2;
  }
  const std::size_t n = std::stoul(argv[1]);
  std::uint64_t seed = 2015;
  double bad = 0.01, faults = -1;
  std::string output, shape = "bench", time_format, text;
  for (int i = 2; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--seed") seed = std::stoull(argv[i + 1]);
    else if (a == "--bad-rate") bad = std::stod(argv[i + 1]);
    else if (a == "--output") output = argv[i + 1];
    else if (a == "--shape") shape = argv[i + 1];
    else if (a == "--time-format") time_format = argv[i + 1];
    else if (a == "--fault-rate") faults = std::stod(argv[i + 1]);
    else if (a == "--text") text = argv[i + 1];
    else {
      std::cerr << "trs_generate: unknown option " << a << '\n';
      return 2;
    }
  }
  if (shape != "bench" && shape != "field") {
    std::cerr << "trs_generate: --shape is bench or field\n";
    return 2;
  }
  const bool field = shape == "field";
  if (time_format.empty()) time_format = field ? "minutes" : "seconds";
  if (text.empty()) text = field ? "vi" : "plain";
  if (faults < 0) faults = field ? 0.08 : 0.0;
  TimeFormat tf = TimeFormat::Seconds;
  if (time_format == "minutes") tf = TimeFormat::Minutes;
  else if (time_format == "dmy") tf = TimeFormat::DayMonthYear;
  else if (time_format != "seconds") {
    std::cerr << "trs_generate: --time-format is seconds, minutes or dmy\n";
    return 2;
  }
  const bool vietnamese = text == "vi";

  std::ofstream file;
  if (!output.empty()) file.open(output, std::ios::binary);
  std::ostream& out = output.empty() ? std::cout : file;
  hq::trs::SampleRecords sample(seed);
  hq::trs::write_wide_csv_header(out);
  const auto& channel = hq::trs::column("channel");
  const auto& registered = hq::trs::column("registered_at");
  std::string line;
  for (std::size_t i = 0; i < n; ++i) {
    Record r = sample.next(i);
    sample.damage(r, bad);
    if (faults > 0 && sample.chance(faults)) fault(r, sample);
    if (vietnamese) {
      r.goods_group = kGoods[i % std::size(kGoods)];
      if (!r.transport.empty()) r.transport = kTransports[(i / 7) % std::size(kTransports)];
      if (!r.inspect_officer.empty()) r.inspect_officer = kOfficers[i % std::size(kOfficers)];
      if (!r.direct_officer.empty()) r.direct_officer = kOfficers[(i / 3) % std::size(kOfficers)];
      if (r.delay_reasons != 0 || i % 5 == 0) r.delay_note = kNotes[(i / 11) % std::size(kNotes)];
    }
    // Malformed cells (a third of the damaged share): written over the canonical text.
    const bool bad_cell = sample.chance(bad / 3);
    const bool bad_channel = bad_cell && sample.chance(0.5);
    line.clear();
    bool first = true;
    for (const auto& c : hq::trs::columns()) {
      std::string cell = hq::trs::format_cell(c, r);
      if (c.kind == hq::trs::ColumnKind::Time) cell = time_text(std::move(cell), tf);
      if (bad_cell && &c == (bad_channel ? &channel : &registered)) cell = bad_channel ? "PURPLE" : "31/02/2025 10:00";
      if (!first) line += ',';
      line += hq::trs::csv_escape(cell);
      first = false;
    }
    line += '\n';
    out << line;
  }
  return 0;
}
