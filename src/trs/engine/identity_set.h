#pragma once
// The set of declaration identities seen so far in an analysis (the repeated-declaration rule), with one
// insert per analysed record. Internal to src/trs.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace hq::trs::detail {

// Identities are stored as 64-identity blocks: (id / 64, bit mask of the ids present), open addressing over
// a power-of-two table. Declaration numbers are issued in sequence, so the records of a study fall in a few
// blocks per office and most inserts touch a slot already in the cache; scattered ids cost one slot each.
class IdentitySet {
 public:
  // False when `id` was already there.
  bool insert(std::uint64_t id) {
    const std::uint64_t block = id >> 6, bit = std::uint64_t{1} << (id & 63);
    Slot& slot = find(block);
    if (slot.block == kEmpty) {
      if (2 * (used_ + 1) > slots_.size()) {
        grow();
        return insert(id);
      }
      slot = {block, 0};
      ++used_;
    }
    if (slot.bits & bit) return false;
    slot.bits |= bit;
    return true;
  }

 private:
  struct Slot {
    std::uint64_t block, bits;
  };
  static constexpr std::uint64_t kEmpty = ~std::uint64_t{0};  // id >> 6 never reaches it

  // The slot holding `block`, or the empty slot where it would go.
  Slot& find(std::uint64_t block) {
    if (slots_.empty()) grow();
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = (block * 0x9E3779B97F4A7C15ull) >> 20 & mask;; i = (i + 1) & mask)
      if (slots_[i].block == block || slots_[i].block == kEmpty) return slots_[i];
  }
  void grow() {
    std::vector<Slot> old(std::max<std::size_t>(1 << 10, slots_.size() * 2), Slot{kEmpty, 0});
    old.swap(slots_);
    for (const Slot& s : old)
      if (s.block != kEmpty) find(s.block) = s;
  }
  std::vector<Slot> slots_;
  std::size_t used_ = 0;
};

}  // namespace hq::trs::detail
