#pragma once
// One page of a list as the services answer it: the rows asked for and how many rows the whole list has.
// Each module names its pages (`using RecordPage = core::Page<StoredRecord>;`); the routes turn them into
// JSON with http::page_json.
#include <cstdint>
#include <vector>

namespace hq::core {

template <typename T>
struct Page {
  std::vector<T> items;
  std::int64_t total = 0;
};

}  // namespace hq::core
