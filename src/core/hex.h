#pragma once
// Lower-case hexadecimal of bytes: digests, fingerprints, keys.
#include <cstddef>
#include <string>

namespace hq::core {

std::string to_hex(const unsigned char* bytes, std::size_t size);

}  // namespace hq::core
