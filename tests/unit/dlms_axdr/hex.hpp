#pragma once
// "06 00 00 12 34" -> bytes, for writing test vectors the way references print them.
#include "tests/support/hex.hpp"

namespace jemhead::dlms::axdr::test {

using jemhead::testing::hex;

}  // namespace jemhead::dlms::axdr::test
