// libFuzzer target: arbitrary bytes as what a connection reads, through RequestFraming, cut into reads at
// sizes taken from the input. However the bytes are cut, the same request must be refused (or none), and
// nothing may crash or read out of bounds.
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "http/request_framing.h"

namespace {

using hq::http::RequestFraming;

RequestFraming make() {
  return RequestFraming([](std::string_view target) -> std::uint64_t { return target.find("import") != target.npos ? 64 : 8; });
}

struct Outcome {
  bool refused = false;
  std::size_t start = 0;  // where it was reported: the read's start plus the refusal's offset in it
  std::string target;
  std::uint64_t declared = 0;
};

Outcome run(std::string_view data, std::size_t step) {
  RequestFraming framing = make();
  Outcome out;
  for (std::size_t at = 0; at < data.size(); at += step) {
    if (const auto r = framing.feed(data.substr(at, step))) {
      out = {true, at + r->offset, r->target, r->declared};
      if (r->offset >= std::min(step, data.size() - at)) std::abort();  // the offset lies inside the read
      break;
    }
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  if (size < 1) return 0;
  const std::size_t step = 1 + bytes[0] % 32;
  const std::string_view data(reinterpret_cast<const char*>(bytes) + 1, size - 1);
  const Outcome whole = run(data, data.size() + 1), cut = run(data, step);
  if (whole.refused != cut.refused || whole.target != cut.target || whole.declared != cut.declared) std::abort();
  // Read whole, the offset is where the refused head starts; cut, it may only be a later read's start.
  if (whole.refused && cut.start < whole.start) std::abort();
  return 0;
}
