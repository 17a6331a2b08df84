#pragma once
// The agent's on-disk buffer (SQLite): observations in the order they were made, each committed before it is
// sent and marked sent once the server accepted it. A local duplicate (the same event id) is not stored twice.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "db/database.h"

namespace hq::monitor::agent {

struct Buffered {
  std::int64_t seq = 0;
  std::string kind;  // "event" or "service"
  std::string body;  // the item's JSON
};

class Buffer {
 public:
  explicit Buffer(const std::string& path);
  // False when the id is already buffered.
  bool add(const std::string& id, const std::string& kind, const std::string& body);
  // The oldest unsent items of one kind (the kind of the oldest), at most `limit`, in order.
  std::vector<Buffered> pending(std::size_t limit);
  void mark_sent(const std::vector<Buffered>& items);
  // The server refused this item for good (a bad event): kept with the reason, never sent again.
  void reject(std::int64_t seq, const std::string& reason);
  std::int64_t unsent();

 private:
  std::unique_ptr<db::Database> db_;
};

}  // namespace hq::monitor::agent
