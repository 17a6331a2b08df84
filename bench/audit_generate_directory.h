#pragma once
// bench/audit_generate: the made-up enterprise directory's vocabulary (provinces and their tax-code prefixes,
// trades, legal forms, name syllables, people, streets) and what is drawn from it: a fresh valid tax code
// under a province's prefix, a Vietnamese company name (with its English name and the parts an officer types),
// an address, a person, a phone. Deterministic for the generator's seed: the draws come from its Rng, in the
// order the generator asks for them.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <map>
#include <random>
#include <stdexcept>
#include <string>
#include <unordered_set>

#include "core/tax_codes.h"
#include "core/text.h"
#include "core/validation.h"

namespace bench::audit {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : engine_(seed) {}
  double uniform() { return std::uniform_real_distribution<double>(0, 1)(engine_); }
  bool chance(double p) { return uniform() < p; }
  std::int64_t between(std::int64_t lo, std::int64_t hi) { return std::uniform_int_distribution<std::int64_t>(lo, hi)(engine_); }
  template <typename T, std::size_t N>
  const T& pick(const T (&items)[N]) { return items[static_cast<std::size_t>(between(0, N - 1))]; }
  // Log-normal around `median`, rounded to thousands of đồng.
  std::int64_t money(double median, double sigma) {
    return static_cast<std::int64_t>(median * std::exp(sigma * normal_(engine_)) / 1000.0) * 1000;
  }

 private:
  std::mt19937_64 engine_;
  std::normal_distribution<double> normal_{0.0, 1.0};
};

struct Province {
  const char *prefix, *name, *short_name;
  int weight;
};
// Tax-code prefixes of provinces with most importers and exporters (illustrative weights).
constexpr Province kProvinces[] = {
    {"01", "TP. Hà Nội", "Hà Nội", 22},       {"03", "TP. Hồ Chí Minh", "Sài Gòn", 28}, {"02", "TP. Hải Phòng", "Hải Phòng", 7},
    {"04", "TP. Đà Nẵng", "Đà Nẵng", 4},      {"37", "Bình Dương", "Bình Dương", 9},    {"36", "Đồng Nai", "Đồng Nai", 7},
    {"23", "Bắc Ninh", "Bắc Ninh", 5},        {"57", "Quảng Ninh", "Quảng Ninh", 3},    {"11", "Long An", "Long An", 4},
    {"18", "TP. Cần Thơ", "Cần Thơ", 3},      {"35", "Bà Rịa - Vũng Tàu", "Vũng Tàu", 3}, {"42", "Khánh Hòa", "Khánh Hòa", 2},
    {"28", "Thanh Hóa", "Thanh Hóa", 2},      {"29", "Nghệ An", "Nghệ An", 1},
};

struct Sector {
  const char *vi, *en, *goods1, *goods2;
};
constexpr Sector kSectors[] = {
    {"Thép", "Steel", "Thép cuộn cán nóng", "Phôi thép"},
    {"Dệt may", "Textile and Garment", "Vải dệt thoi", "Quần áo may sẵn"},
    {"Điện tử", "Electronics", "Linh kiện điện tử", "Bảng mạch in"},
    {"Thủy sản", "Seafood", "Tôm đông lạnh", "Cá tra phi lê"},
    {"Gỗ", "Wood", "Gỗ xẻ", "Ván ép"},
    {"Nhựa", "Plastics", "Hạt nhựa PP", "Màng nhựa"},
    {"Hóa chất", "Chemicals", "Xút công nghiệp", "Axit sunfuric"},
    {"Xuất nhập khẩu", "Import Export", "Máy móc thiết bị", "Hàng tiêu dùng"},
    {"Logistics", "Logistics", "Dịch vụ giao nhận", "Kho ngoại quan"},
    {"Thực phẩm", "Food", "Sữa bột", "Bánh kẹo"},
    {"Cơ khí", "Mechanical Engineering", "Máy công cụ", "Phụ tùng cơ khí"},
    {"Giày da", "Footwear", "Giày thể thao", "Da thuộc"},
    {"Nông sản", "Agricultural Products", "Hạt điều", "Hồ tiêu"},
    {"Vận tải biển", "Shipping", "Container rỗng", "Dịch vụ vận tải"},
    {"Dược phẩm", "Pharmaceutical", "Nguyên liệu dược", "Thuốc thành phẩm"},
    {"Phân bón", "Fertilizer", "Phân urê", "Phân kali"},
    {"Điện máy", "Electrical Appliances", "Máy điều hòa", "Tủ lạnh"},
    {"Bao bì", "Packaging", "Thùng carton", "Bao dệt PP"},
    {"Cao su", "Rubber", "Cao su tự nhiên", "Lốp xe"},
    {"Cà phê", "Coffee", "Cà phê nhân", "Cà phê hòa tan"},
    {"Lương thực", "Food Trading", "Gạo", "Bột mì"},
    {"Ô tô", "Automotive", "Ô tô nguyên chiếc", "Linh kiện ô tô"},
    {"Thiết bị y tế", "Medical Equipment", "Máy siêu âm", "Vật tư y tế"},
    {"Giấy", "Paper", "Bột giấy", "Giấy cuộn"},
    {"Vật liệu xây dựng", "Building Materials", "Gạch ốp lát", "Xi măng"},
    {"Mỹ phẩm", "Cosmetics", "Mỹ phẩm", "Tinh dầu"},
    {"Đồ gỗ nội thất", "Furniture", "Bàn ghế gỗ", "Tủ gỗ"},
    {"Dây cáp điện", "Cable", "Dây đồng", "Cáp điện"},
    {"Năng lượng", "Energy", "Tấm pin mặt trời", "Biến tần"},
    {"Công nghệ", "Technology", "Máy tính", "Thiết bị mạng"},
    {"Đầu tư", "Investment", "Máy móc thiết bị", "Vật tư"},
    {"Sản xuất", "Manufacturing", "Nguyên liệu sản xuất", "Thành phẩm"},
};

struct LegalForm {
  const char *vi, *en;
  int weight;
};
constexpr LegalForm kForms[] = {
    {"Công ty TNHH", "Company Limited", 38},
    {"Công ty TNHH Một thành viên", "One Member Company Limited", 10},
    {"Công ty Cổ phần", "Joint Stock Company", 30},
    {"Công ty TNHH Thương mại và Dịch vụ", "Trading and Services Company Limited", 9},
    {"Doanh nghiệp tư nhân", "Private Enterprise", 6},
    {"Tổng công ty", "Corporation", 2},
    {"Hợp tác xã", "Cooperative", 2},
};

constexpr const char* kSyllables[] = {
    "An",    "Bình",  "Minh", "Phát",  "Hòa",   "Thành", "Công",  "Long",  "Việt",  "Tiến",  "Đại",   "Hưng",
    "Thịnh", "Phú",   "Quang", "Tân",  "Trường", "Sơn",  "Hải",   "Nam",   "Bắc",   "Đông",  "Á",     "Hoàng",
    "Kim",   "Ngọc",  "Thiên", "Phúc", "Lộc",   "Tài",   "Đức",   "Trí",   "Gia",   "Hà",    "Toàn",  "Cầu",
    "Vạn",   "Xuân",  "Thái", "Hồng",  "Hùng",  "Vĩnh",  "Khang", "Thuận", "Lợi",   "Nhật",  "Tâm",   "Sao",
    "Mai",   "Bảo",   "Châu", "Quốc",  "Hiệp",  "Trung", "Dương", "Lâm",   "Hạnh",  "Tú",    "Anh",   "Phong",
    "Nguyên", "Hợp",  "Nhất", "Cường", "Thắng", "Lực",   "Vinh",  "Uy",    "Tín",   "Mỹ",    "Liên",  "Kỳ",
    "Sang",  "Đạt",   "Huy",  "Khải",  "Thạnh", "Phương", "Triều", "Yên",  "Hiển",  "Luân",  "Duy",   "Hậu"};
constexpr const char* kPlaces[] = {"Việt Nam", "Miền Nam", "Miền Bắc", "Miền Trung", "Thăng Long", "Phương Nam",
                                   "Tây Nguyên", "Mê Kông", "Sông Hồng", "Sài Gòn", "Hà Nội", "Hải Phòng",
                                   "Bình Dương", "Đồng Nai", "Bắc Ninh", "Cần Thơ", "Đà Nẵng", "Long An"};
constexpr const char* kForeignBrands[] = {"Pacific", "Golden Sun", "Hanwa", "Sunrise", "Asia Star", "Kyoto",
                                          "Global", "Orient", "Jinlong", "Evergreen", "Daewon", "Sakura",
                                          "Mekong Bridge", "Nippon Tech", "Formosa Link", "Siam Gate"};
constexpr const char* kSurnames[] = {"Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê", "Phạm", "Hoàng",
                                     "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"};
constexpr const char* kMiddleNames[] = {"Văn", "Thị", "Hữu", "Đức", "Minh", "Quốc", "Thanh", "Ngọc", "Hoàng", "Thu"};
constexpr const char* kGivenNames[] = {"Anh", "Hùng", "Lan", "Mai", "Tuấn", "Dũng", "Hà", "Hương", "Long", "Nam",
                                       "Phương", "Quân", "Sơn", "Thảo", "Trang", "Việt", "Hải", "Linh", "Khoa", "Bình"};
constexpr const char* kStreets[] = {"Lê Lợi", "Nguyễn Huệ", "Trần Hưng Đạo", "Hai Bà Trưng", "Lý Thường Kiệt",
                                    "Nguyễn Trãi", "Điện Biên Phủ", "Cách Mạng Tháng Tám", "Võ Văn Kiệt",
                                    "Phạm Văn Đồng", "Lê Duẩn", "Nguyễn Văn Linh", "Quang Trung", "Hùng Vương"};
constexpr const char* kOwnership[] = {"Doanh nghiệp tư nhân trong nước", "Doanh nghiệp tư nhân trong nước",
                                      "Doanh nghiệp tư nhân trong nước", "Doanh nghiệp có vốn đầu tư nước ngoài",
                                      "Doanh nghiệp nhà nước"};

// The parts of a name an officer may type, for the search queries of the benchmark.
struct NameParts {
  std::string form, trade, proper;  // folded
  const Sector* sector = nullptr;
};

// Tax codes, names and contact details of the directory, drawn from `rng`.
class Directory {
 public:
  explicit Directory(Rng& rng) : rng_(rng) {}
  // Marks a code as used (those already in the database, branches' codes); false when it already was.
  bool take(const std::string& code) { return taken_.insert(code).second; }

  const Province& pick_province() {
    static const int total = [] {
      int t = 0;
      for (const auto& p : kProvinces) t += p.weight;
      return t;
    }();
    std::int64_t x = rng_.between(0, total - 1);
    for (const auto& p : kProvinces)
      if ((x -= p.weight) < 0) return p;
    return kProvinces[0];
  }

  // A fresh valid 10-digit code under the province's prefix: seven digits from a per-province counter run
  // through an affine permutation of 0 … 10^7 − 1 (codes look scattered, never repeat).
  std::string new_tax_code(const Province& p) {
    for (;;) {
      const std::int64_t n = (counter_[p.prefix]++ * 2'654'435 + 1'234'567) % 10'000'000;
      char seven[24];
      std::snprintf(seven, sizeof seven, "%07lld", static_cast<long long>(n));
      const std::string nine = std::string(p.prefix) + seven;
      const int check = hq::core::tax_code_check_digit(nine);
      if (check < 0 || n == 0) continue;
      std::string code = nine + static_cast<char>('0' + check);
      if (!take(code)) continue;
      if (!hq::core::parse_tax_code(code)) throw std::logic_error("generated an invalid tax code " + code);
      return code;
    }
  }

  // "Công ty TNHH Thép Hòa Phát Bắc Ninh" (and "Hoa Phat Bac Ninh Steel Company Limited" 60 % of the time),
  // or an FDI name "Công ty TNHH Pacific Textiles Việt Nam".
  std::string enterprise_name(const Province& province, std::string& foreign, NameParts& parts) {
    const Sector& sector = rng_.pick(kSectors);
    const LegalForm& form = pick_form();
    if (rng_.chance(0.06)) {
      const std::string brand = rng_.pick(kForeignBrands);
      foreign = brand + " " + sector.en + " Vietnam Co., Ltd";
      parts = {"cong ty", hq::core::fold(sector.en), hq::core::fold(brand), &sector};
      return "Công ty TNHH " + brand + " " + sector.en + " Việt Nam";
    }
    std::string proper = rng_.pick(kSyllables);
    for (int n = rng_.chance(0.1) ? 2 : 1; n > 0;) {  // two or three different syllables: "Hòa Phát"
      const std::string next = rng_.pick(kSyllables);
      if (proper.find(next) == std::string::npos) proper += " " + next, --n;
    }
    if (rng_.chance(0.35)) proper += std::string(" ") + (rng_.chance(0.5) ? province.short_name : rng_.pick(kPlaces));
    if (rng_.chance(0.6))  // an English name, as form 01/KTSTQ records it
      foreign = hq::core::fold(proper) + " " + sector.en + " " + form.en;
    const std::string form_words = hq::core::fold(form.vi);
    parts = {form_words.substr(0, form_words.find(' ', form_words.find(' ') + 1)), hq::core::fold(sector.vi),
             hq::core::fold(proper), &sector};
    return std::string(form.vi) + " " + sector.vi + " " + proper;
  }

  const LegalForm& pick_form() {
    std::int64_t x = rng_.between(0, 96);
    for (const auto& f : kForms)
      if ((x -= f.weight) < 0) return f;
    return kForms[0];
  }
  std::string address(const Province& p) {
    return "Số " + std::to_string(rng_.between(1, 450)) + " đường " + rng_.pick(kStreets) + ", phường " +
           std::to_string(rng_.between(1, 15)) + ", " + p.name;
  }
  std::string person() { return std::string(rng_.pick(kSurnames)) + " " + rng_.pick(kMiddleNames) + " " + rng_.pick(kGivenNames); }
  std::string phone() { return "09" + std::to_string(rng_.between(10000000, 99999999)); }

 private:
  Rng& rng_;
  std::map<std::string, std::int64_t> counter_;  // per province prefix
  std::unordered_set<std::string> taken_;
};

}  // namespace bench::audit
