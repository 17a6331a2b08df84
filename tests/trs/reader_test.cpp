#include <gtest/gtest.h>

#include "core/error.h"
#include "trs/csv_reader.h"

using namespace hq::trs;

TEST(Reader, Smoke) {
  RecordCollector c;
  read_wide_csv("flow,declaration_no,registered_at\nNK,104722599000,2025-06-16 08:30\n", c);
  ASSERT_EQ(c.records.size(), 1u);
}
