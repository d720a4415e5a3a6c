#pragma once
// Small helpers for the Modbus codec tests: hex strings to bytes and back, so byte
// vectors in tests read like the manual's tables.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tests/support/hex.hpp"

namespace jemhead::modbus::test {

using jemhead::testing::hex;
using jemhead::testing::to_hex;

}  // namespace jemhead::modbus::test
