// The identity set must agree with a plain std::set on sequential, strided, scattered and repeated ids,
// across the table's growth.
#include <gtest/gtest.h>

#include <random>
#include <set>

#include "trs/engine/identity_set.h"

using hq::trs::detail::IdentitySet;

namespace {

void expect_same_as_std_set(const std::vector<std::uint64_t>& ids) {
  IdentitySet set;
  std::set<std::uint64_t> reference;
  for (std::size_t i = 0; i < ids.size(); ++i)
    ASSERT_EQ(set.insert(ids[i]), reference.insert(ids[i]).second) << "insert #" << i << " of " << ids[i];
}

TEST(IdentitySet, SequentialIdsWithRepeats) {
  std::vector<std::uint64_t> ids;
  for (std::uint64_t id = 10000000000; id < 10000200000; ++id) ids.push_back(id);
  for (std::uint64_t id = 10000000000; id < 10000200000; id += 7) ids.push_back(id);  // all repeated
  expect_same_as_std_set(ids);
}

TEST(IdentitySet, StridedAndScatteredIds) {
  std::vector<std::uint64_t> ids;
  std::mt19937_64 rng(7);
  for (int i = 0; i < 100000; ++i) ids.push_back(30000000000 + 64 * static_cast<std::uint64_t>(i));  // a block each
  for (int i = 0; i < 100000; ++i) ids.push_back(rng() % 99999999999);
  for (int i = 0; i < 1000; ++i) ids.push_back(ids[rng() % ids.size()]);
  ids.push_back(0);
  ids.push_back(63);
  ids.push_back(64);
  ids.push_back(0);
  expect_same_as_std_set(ids);
}

}  // namespace
