#include "audit/risk/profile.h"

#include <gtest/gtest.h>

#include "core/time.h"

namespace hq::audit::risk {
namespace {

DeclarationLine line(std::int64_t decl, std::int64_t n, const core::Date& d, std::uint8_t flow, const char* hs,
                     const char* origin, std::int64_t value, std::int64_t duty, std::uint8_t channel, std::int64_t amend,
                     bool pref) {
  DeclarationLine l;
  l.declaration_no = decl, l.line = n, l.registered_at = core::from_local({d, 10, 0, 0}), l.tax_code = "0100109106";
  l.flow = flow, l.type_code = flow == kImport ? "A11" : "B11", l.office_code = "02CI", l.hs_code = hs;
  l.origin_country = origin, l.customs_value = value, l.duty = duty, l.vat = value / 10, l.preferential = pref;
  l.channel = channel, l.amendments = amend;
  return l;
}

TEST(ActivityBuilder, FiguresByMonthFlowHeadingOriginChannel) {
  ActivityBuilder b;
  b.add(line(1, 1, {2025, 1, 5}, kImport, "27101944", "CN", 600, 30, kRed, 1, true));
  b.add(line(1, 2, {2025, 1, 5}, kImport, "40111000", "JP", 400, 40, kRed, 1, false));
  b.add(line(2, 1, {2025, 2, 7}, kImport, "27101944", "CN", 1000, 50, kGreen, 0, false));
  b.add(line(3, 1, {2025, 2, 9}, kExport, "61091000", "VN", 500, 0, kYellow, 0, false));
  const Activity a = b.finish({{"2710", 0.1}, {"4011", 0.1}});
  EXPECT_EQ(a.declarations, 3);
  EXPECT_EQ(a.lines, 4);
  EXPECT_EQ(a.import_value, 2000);
  EXPECT_EQ(a.export_value, 500);
  EXPECT_EQ(a.amendments, 1);
  EXPECT_EQ(a.amended_declarations, 1);
  EXPECT_DOUBLE_EQ(a.preferential_share, 0.3);
  EXPECT_DOUBLE_EQ(a.own_duty_rate, 0.06);
  EXPECT_DOUBLE_EQ(a.peer_duty_rate, 0.1);
  ASSERT_EQ(a.months.size(), 3u);  // 2025-01 NK, 2025-02 NK, 2025-02 XK
  EXPECT_EQ(a.months[0].month, "2025-01");
  EXPECT_EQ(a.months[0].declarations, 1);
  EXPECT_EQ(a.months[0].value, 1000);
  ASSERT_FALSE(a.headings.empty());
  EXPECT_EQ(a.headings[0].key, "2710");
  EXPECT_EQ(a.headings[0].value, 1600);
  EXPECT_EQ(a.origins[0].key, "CN");
  ASSERT_EQ(a.channels.size(), 3u);
  EXPECT_EQ(a.channels[0].declarations, 1);
}

}  // namespace
}  // namespace hq::audit::risk
