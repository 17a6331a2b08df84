#pragma once
// Shared by every test folder: what a call threw, as the error code the API would answer.
#include <string>

#include <gtest/gtest.h>

#include "core/error.h"

namespace hq::test {

// The core::Error code `call` throws, or "" when it returns normally (any other exception propagates,
// so a test never mistakes a crash for a refusal).
template <typename Call>
std::string error_code(Call&& call) {
  try {
    call();
  } catch (const core::Error& e) {
    return e.code();
  }
  return "";
}

// As error_code, and the error must be a refusal of bad input (ErrorKind::BadInput), not another kind.
template <typename Call>
std::string bad_input_code(Call&& call) {
  try {
    call();
  } catch (const core::Error& e) {
    EXPECT_EQ(e.kind(), core::ErrorKind::BadInput) << e.code();
    return e.code();
  }
  return "";
}

}  // namespace hq::test
