#pragma once
// The only network access of the online public services: fetching a CA's CRL from its distribution point
// (plain http://, as CAs publish them), for the background refresh (`haiquan eservices refresh-crls`), never
// inside a request. OpenSSL 3's HTTP client; the answer's size is bounded.
#include <optional>
#include <string>

namespace hq::eservices {

struct FetchedCrl {
  std::optional<std::string> pem;  // the CRL as PEM when it was fetched and parsed
  std::string error;               // why not, otherwise
};
FetchedCrl fetch_crl(const std::string& url, int timeout_seconds = 20);

}  // namespace hq::eservices
