#pragma once
// The import commands' progress on stderr (when it is a terminal): "[###############...............]  50 %  12 MiB",
// redrawn in place at most 10 times a second.
#include <chrono>
#include <cstddef>

namespace hq::app {

class ProgressBar {
 public:
  // `done` of `total` (the share drawn), then `count` and its `unit` ("MiB", "dòng"); `final` always draws and
  // ends the line.
  void draw(std::size_t done, std::size_t total, std::size_t count, const char* unit, bool final = false);

 private:
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace hq::app
