#include "core/hex.h"

#include <gtest/gtest.h>

using hq::core::to_hex;

TEST(Hex, LowerCaseTwoDigitsPerByte) {
  const unsigned char bytes[] = {0x00, 0x0f, 0xa5, 0xff, 0x10};
  EXPECT_EQ(to_hex(bytes, sizeof bytes), "000fa5ff10");
  EXPECT_EQ(to_hex(bytes, 0), "");
}
