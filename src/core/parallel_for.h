#pragma once
// Runs fn(0) … fn(n - 1) on up to `threads` threads (the calling one included); returns when all are done.
// Each index runs once; the first exception thrown is rethrown here after the others have finished.
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace hq::core {

inline std::size_t available_cores() { return std::max(1u, std::thread::hardware_concurrency()); }

template <class Fn>
void parallel_for(std::size_t n, std::size_t threads, Fn&& fn) {
  std::atomic<std::size_t> next{0};
  std::exception_ptr error;
  std::mutex error_mutex;
  const auto run = [&] {
    for (std::size_t i = next++; i < n; i = next++) {
      try {
        fn(i);
      } catch (...) {
        std::lock_guard lock(error_mutex);
        if (!error) error = std::current_exception();
      }
    }
  };
  std::vector<std::jthread> helpers;
  for (std::size_t t = 1; t < std::min(threads, n); ++t) helpers.emplace_back(run);
  run();
  helpers.clear();  // joins
  if (error) std::rethrow_exception(error);
}

}  // namespace hq::core
