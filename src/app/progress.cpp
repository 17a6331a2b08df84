#include "app/progress.h"

#include <algorithm>
#include <cstdio>
#include <string>

namespace hq::app {

void ProgressBar::draw(std::size_t done, std::size_t total, std::size_t count, const char* unit, bool final) {
  const auto now = std::chrono::steady_clock::now();
  if (!final && now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  const double share = total ? std::min(1.0, static_cast<double>(done) / static_cast<double>(total)) : 0;
  const int filled = static_cast<int>(share * 30);
  std::string bar(static_cast<std::size_t>(filled), '#');
  bar += std::string(static_cast<std::size_t>(30 - filled), '.');
  std::fprintf(stderr, "\r[%s] %3d %%  %zu %s", bar.c_str(), static_cast<int>(share * 100 + 0.5), count, unit);
  if (final) std::fprintf(stderr, "\n");
  std::fflush(stderr);
}

}  // namespace hq::app
