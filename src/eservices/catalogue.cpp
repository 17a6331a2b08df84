#include "eservices/catalogue.h"

#include <cstring>
#include <set>

namespace hq::eservices {

const AnnexRow* find_annex_row(const std::string& code) {
  for (const auto& row : annex())
    if (code == row.code) return &row;
  return nullptr;
}

std::vector<std::string> same_name_codes(const AnnexRow& row) {
  std::vector<std::string> out;
  for (const auto& other : annex())
    if (&other != &row && std::strcmp(other.name, row.name) == 0) out.push_back(other.code);
  return out;
}

bool number_repeated(const AnnexRow& row) {
  int count = 0;
  for (const auto& other : annex())
    if (std::strcmp(other.list, row.list) == 0 && other.number == row.number) ++count;
  return count > 1;
}

std::string decree42_form(int level) {
  if (level >= 4) return "FULL";
  if (level == 3) return "PARTIAL";
  return "INFORMATION";
}

bool accepts_online(int level) { return level >= 3; }

std::string settings_problem(const ProcedureSettings& s, std::string& field) {
  if (s.processing_days < 1 || s.processing_days > 365) {
    field = "processing_days";
    return "Thời hạn giải quyết phải từ 1 đến 365 ngày làm việc.";
  }
  if (s.fee < 0 || s.fee > 1'000'000'000'000) {
    field = "fee";
    return "Phí, lệ phí phải từ 0 đến 1 000 tỷ đồng.";
  }
  if (s.documents.empty() || s.documents.size() > 30) {
    field = "documents";
    return "Thủ tục phải có từ 1 đến 30 thành phần hồ sơ.";
  }
  std::set<std::string> names;
  for (const auto& d : s.documents) {
    if (d.name.empty() || d.name.size() > 300 || !names.insert(d.name).second) {
      field = "documents";
      return "Tên thành phần hồ sơ phải có, dài tối đa 300 ký tự và không trùng nhau (\"" + d.name + "\").";
    }
  }
  if (s.result_form != "ELECTRONIC" && s.result_form != "PAPER") {
    field = "result_form";
    return "Hình thức kết quả phải là ELECTRONIC (điện tử) hoặc PAPER (giấy).";
  }
  return {};
}

}  // namespace hq::eservices
