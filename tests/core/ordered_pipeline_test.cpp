#include "core/ordered_pipeline.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>
#include <stdexcept>
#include <vector>

#include "core/parallel_for.h"

using hq::core::OrderedPipeline;

namespace {

struct Numbers {
  std::vector<int> in, out;
};

// Squares 0 … count-1 in batches of 7 through the pipeline; returns what was delivered, in delivery order.
std::vector<int> squares(std::size_t workers, int count) {
  std::vector<int> delivered;
  OrderedPipeline<Numbers> pipeline(
      workers, 3,
      [](Numbers& b) {
        b.out.clear();
        for (int x : b.in) b.out.push_back(x * x);
      },
      [&](Numbers& b) { delivered.insert(delivered.end(), b.out.begin(), b.out.end()); });
  Numbers* batch = nullptr;
  for (int i = 0; i < count; ++i) {
    if (!batch) (batch = &pipeline.acquire())->in.clear();
    batch->in.push_back(i);
    if (batch->in.size() == 7) pipeline.submit(), batch = nullptr;
  }
  if (batch) pipeline.submit();
  pipeline.finish();
  return delivered;
}

}  // namespace

TEST(OrderedPipeline, DeliversInSubmissionOrderWithAnyNumberOfWorkers) {
  std::vector<int> expected;
  for (int i = 0; i < 5000; ++i) expected.push_back(i * i);
  EXPECT_EQ(squares(0, 5000), expected);
  EXPECT_EQ(squares(1, 5000), expected);
  EXPECT_EQ(squares(4, 5000), expected);
  EXPECT_TRUE(squares(3, 0).empty());
}

TEST(OrderedPipeline, TheWaitingCallerWorksOnQueuedBatches) {
  // One slow worker: while the caller waits for the oldest batch it must take queued ones itself.
  std::mutex mutex;
  std::set<std::thread::id> ran_on;
  std::vector<int> delivered;
  OrderedPipeline<Numbers> pipeline(
      1, 3,
      [&](Numbers& b) {
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
        std::lock_guard lock(mutex);
        ran_on.insert(std::this_thread::get_id());
      },
      [&](Numbers& b) { delivered.push_back(b.in.at(0)); });
  for (int i = 0; i < 20; ++i) {
    pipeline.acquire().in = {i};
    pipeline.submit();
  }
  pipeline.finish();
  EXPECT_EQ(delivered.size(), 20u);
  EXPECT_TRUE(std::is_sorted(delivered.begin(), delivered.end()));
  EXPECT_TRUE(ran_on.count(std::this_thread::get_id()));
  EXPECT_EQ(ran_on.size(), 2u);
}

TEST(OrderedPipeline, AWorkersExceptionReachesTheCallerAndTheWorkersStop) {
  const auto run = [](std::size_t workers) {
    OrderedPipeline<Numbers> pipeline(
        workers, 2,
        [](Numbers& b) {
          if (b.in.at(0) == 3) throw std::runtime_error("bad batch");
        },
        [](Numbers&) {});
    for (int i = 0; i < 10; ++i) {
      pipeline.acquire().in = {i};
      pipeline.submit();
    }
    pipeline.finish();
  };
  EXPECT_THROW(run(0), std::runtime_error);
  EXPECT_THROW(run(2), std::runtime_error);
}

TEST(ParallelFor, RunsEveryIndexOnceAndRethrows) {
  std::vector<std::atomic<int>> runs(1000);
  hq::core::parallel_for(runs.size(), 3, [&](std::size_t i) { ++runs[i]; });
  for (const auto& r : runs) EXPECT_EQ(r.load(), 1);
  EXPECT_THROW(hq::core::parallel_for(10, 2,
                                      [](std::size_t i) {
                                        if (i == 5) throw std::logic_error("five");
                                      }),
               std::logic_error);
}
