#pragma once
// Tamper-evident processing history (seed 002 art. 4.5: the history is the official record of who did
// what). Each entry holds the SHA-256 of the previous entry's hash and its own content, so altering or
// removing an entry breaks every link after it.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hq::history {

// The hash input's format, stored per entry (column `format`):
//  1 — the fields joined by \x1f. Ambiguous: a field holding \x1f can move text into its neighbour without
//      changing the hash. Only entries written before migration 0002 have it; they still verify.
//  2 — a 0x02 byte, then every field as <decimal byte length>':'<bytes>. Unambiguous, and no format-1 input
//      can equal a format-2 one (format 1 starts with a hex digit or \x1f).
// The verifier refuses an entry whose format is lower than an earlier entry's, so old-format entries cannot be
// appended or substituted after the cut-over (a downgrade to the ambiguous form).
constexpr int kEntryFormat = 2;

struct Entry {
  std::int64_t id = 0;
  std::int64_t at = 0;
  std::int64_t account_id = 0;  // 0 for the system itself (init, demo)
  std::string username;
  std::string unit_code;
  std::string action;       // e.g. "account.create"
  std::string entity_type;  // e.g. "account"
  std::string entity_id;
  std::string summary;      // what changed, human-readable
  std::string client_address;
  std::string prev_hash;
  std::string hash;
  int format = kEntryFormat;
};

// Hex SHA-256 over the previous hash and the entry's content (everything but `hash`), in the entry's format;
// empty for a format this build does not know.
std::string entry_hash(const Entry& entry);

struct ChainCheck {
  bool ok = true;
  std::int64_t checked = 0;
  std::optional<std::int64_t> first_bad_id;  // the first entry altered, or the one after a removed entry
  std::string problem;                       // Vietnamese description
};

// Walks entries in id order. `head_last_id`/`head_last_hash` are the chain head kept beside the table,
// which reveals the removal of the newest entries.
class ChainVerifier {
 public:
  bool feed(const Entry& entry);  // false once a problem was found
  ChainCheck finish(std::int64_t head_last_id, const std::string& head_last_hash);

 private:
  ChainCheck result_;
  std::string previous_hash_;
  std::int64_t previous_id_ = 0;
  int previous_format_ = 1;
};

}  // namespace hq::history
