// The server jobs' thread: a run at once or after the first wait, the wait each run returns, a wake that
// starts the next run early, and a stop that does not wait out a long interval.
#include "core/periodic_task.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>

namespace hq::core {
namespace {

using namespace std::chrono_literals;

// Polls (at most 60 s: the machine may be busy) until `done()`.
template <typename Done>
bool eventually(Done done) {
  for (int i = 0; i < 3000 && !done(); ++i) std::this_thread::sleep_for(20ms);
  return done();
}

TEST(PeriodicTask, RunsAtOnceThenAfterTheWaitEachRunReturns) {
  std::atomic<int> runs{0};
  PeriodicTask task([&] { return ++runs < 3 ? std::chrono::milliseconds(1) : std::chrono::milliseconds(1h); }, 0ms);
  EXPECT_FALSE(task.started());
  task.start();
  task.start();  // a second start changes nothing
  EXPECT_TRUE(task.started());
  ASSERT_TRUE(eventually([&] { return runs >= 3; }));
  std::this_thread::sleep_for(100ms);
  EXPECT_EQ(runs, 3);  // the third run asked for an hour
}

TEST(PeriodicTask, WakeStartsTheNextRunAndTheStopDoesNotWaitTheInterval) {
  std::atomic<int> runs{0};
  const auto started = std::chrono::steady_clock::now();
  {
    PeriodicTask task([&] { ++runs; return std::chrono::milliseconds(1h); }, std::chrono::milliseconds(1h));
    task.wake();  // not started: ignored
    task.start();
    std::this_thread::sleep_for(50ms);
    EXPECT_EQ(runs, 0);  // the first run comes after the first wait
    task.wake();
    ASSERT_TRUE(eventually([&] { return runs == 1; }));
    EXPECT_FALSE(task.stopping());
  }
  EXPECT_LT(std::chrono::steady_clock::now() - started, 30s);
  EXPECT_EQ(runs, 1);
}

TEST(PeriodicTask, ARunThatThrowsIsRunAgainAndTheServerGoesOn) {
  std::atomic<int> runs{0};
  PeriodicTask task(
      [&]() -> std::chrono::milliseconds {
        if (++runs == 1) throw std::runtime_error("a job's bug");
        return 1h;
      },
      0ms);
  task.start();
  ASSERT_TRUE(eventually([&] { return runs == 2; }));  // one second after the failed run
}

}  // namespace
}  // namespace hq::core
