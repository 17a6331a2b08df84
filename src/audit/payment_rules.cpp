#include "audit/payment_rules.h"

namespace hq::audit {

PaymentProblem payment_problem(const PaymentFacts& f) {
  if (f.amount <= 0 || f.amount > kMaxAmount) return {"INVALID_FIELD", "amount", "Số tiền nộp phải là số nguyên đồng dương."};
  if (f.paid_on > f.today)
    return {"INVALID_FIELD", "paid_on", "Ngày nộp không được sau hôm nay (" + core::format_date(f.today) + ")."};
  if (!f.conclusion_approved)
    return {"CONCLUSION_NOT_APPROVED", "", "Chỉ ghi số tiền thu nộp sau khi kết luận kiểm tra đã được phê duyệt."};
  if (f.paid_on < f.concluded_on)
    return {"INVALID_FIELD", "paid_on",
            "Ngày nộp không được trước ngày ký kết luận (" + core::format_date(f.concluded_on) + ")."};
  if (f.collected + f.amount > f.owed)
    return {"OVERPAYMENT", "amount",
            "Tổng số đã thu (" + std::to_string(f.collected + f.amount) + " đồng) vượt số phải thu theo kết luận (" +
                std::to_string(f.owed) + " đồng)."};
  return {};
}

}  // namespace hq::audit
