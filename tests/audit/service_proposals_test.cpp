// A proposal is entered within one working day of its paper approval (seed 000 §2.2; issue 13 §3): the late
// flag, its due day on the working-day calendar, and the limits on the paper day. SQLite; the route runs on
// both backends in tests/api/audit_extras_api_test.cpp.
#include <gtest/gtest.h>

#include "audit/service.h"
#include "audit_fixture.h"

namespace hq::audit::testing {
namespace {

using ProposalEntry = AuditFixture;

TEST_F(ProposalEntry, EnteredMoreThanOneWorkingDayAfterThePaperApprovalIsLate) {
  // Today is Monday 2026-06-15.
  const auto enter = [&](long long n, std::optional<core::Date> paper) {
    const auto code = enterprise(n, "Công ty Phiếu Giấy " + std::to_string(n)).tax_code;
    ProposalInput input{code, "OFFICE", "RISK_MANAGEMENT", service_->search(officer("02CI"), code).search_id,
                        {2024, 1, 1}, {2024, 12, 31}, false};
    input.paper_approved_on = paper;
    return service_->create_proposal(officer("02CI"), input).proposal;
  };
  // Approved on paper on Friday: due the next working day, Monday — on time.
  const auto friday = enter(11, core::Date{2026, 6, 12});
  EXPECT_EQ(friday.paper_approved_on, "2026-06-12");
  EXPECT_EQ(friday.entry_due_on, "2026-06-15");
  EXPECT_FALSE(friday.late);
  // Approved on Thursday: due Friday — late on Monday.
  const auto thursday = enter(22, core::Date{2026, 6, 11});
  EXPECT_EQ(thursday.entry_due_on, "2026-06-12");
  EXPECT_TRUE(thursday.late);
  // The same day: on time.
  EXPECT_FALSE(enter(33, core::Date{2026, 6, 15}).late);
  // No paper day given: no due day, not late.
  const auto none = enter(44, std::nullopt);
  EXPECT_EQ(none.entry_due_on, "");
  EXPECT_FALSE(none.late);
  // Stored, and read back the same way.
  const auto read = service_->proposal(officer("02CI"), thursday.id).proposal;
  EXPECT_TRUE(read.late);
  EXPECT_EQ(read.paper_approved_on, "2026-06-11");

  // A paper day in the future or before last year is refused, naming the field.
  EXPECT_EQ(error_code([&] { enter(55, core::Date{2026, 6, 16}); }), "INVALID_FIELD");
  EXPECT_EQ(error_code([&] { enter(66, core::Date{2024, 12, 31}); }), "INVALID_FIELD");
  EXPECT_TRUE(enter(77, core::Date{2025, 1, 2}).late);  // last year is accepted (and late)
}

}  // namespace
}  // namespace hq::audit::testing
