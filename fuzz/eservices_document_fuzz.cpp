// libFuzzer target for the decoders a dossier's documents go through: strict base64 and the detached CMS
// signature parser (OpenSSL). Any bytes must be accepted without crashing; base64 must round-trip.
//   see scripts/fuzz.sh (eservices_document_fuzz)
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "eservices/signatures.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  if (const auto decoded = hq::eservices::base64_decode(input)) {
    if (hq::eservices::base64_encode(*decoded) != input) std::abort();  // only canonical text decodes
  }
  if (hq::eservices::base64_decode(hq::eservices::base64_encode(input)) != std::string(input)) std::abort();
  // Half the input as content, the rest as the signature's DER.
  const auto check = hq::eservices::check_detached_cms(input.substr(0, size / 2), input.substr(size / 2));
  if (check.valid && !check.signer) std::abort();
  return 0;
}
