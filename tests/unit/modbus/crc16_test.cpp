#include "drivers/protocol/modbus/crc16.hpp"

#include <gtest/gtest.h>

#include <random>

#include "tests/unit/modbus/modbus_test_support.hpp"

namespace jemhead::modbus {
namespace {
using test::hex;

// The manual's procedure, steps 1-8 (L12715-12736), bit by bit: the reference the
// table-driven implementation must agree with.
std::uint16_t crc_by_the_manual(const std::vector<std::uint8_t>& bytes) {
  std::uint16_t reg = 0xFFFF;
  for (auto b : bytes) {
    reg ^= b;
    for (int i = 0; i < 8; ++i) {
      const bool carry = reg & 1u;
      reg = static_cast<std::uint16_t>(reg >> 1);
      if (carry) reg ^= 0xA001;
    }
  }
  return reg;
}

TEST(Crc16, VectorsFromTheManualFrames) {
  // part6 §6: read holding example, force single coil example, exception example.
  EXPECT_EQ(crc16(hex("05 03 00 04 00 06")), 0x8D85);
  EXPECT_EQ(crc16(hex("05 05 00 01 FF 00")), 0x7EDC);
  EXPECT_EQ(crc16(hex("05 83 02")), 0x3081);
}

TEST(Crc16, StandardVectors) {
  EXPECT_EQ(crc16(hex("01 03 00 00 00 02")), 0x0BC4);
  EXPECT_EQ(crc16(hex("01 03 00 00 00 0A")), 0xCDC5);
  const std::string check = "123456789";  // the CRC catalogue's check value
  EXPECT_EQ(crc16(std::vector<std::uint8_t>(check.begin(), check.end())), 0x4B37);
  EXPECT_EQ(crc16({}), 0xFFFF);
}

TEST(Crc16, TableAgreesWithTheBitwiseProcedureOnRandomInput) {
  std::mt19937 rng(7);
  for (int n = 0; n < 200; ++n) {
    std::vector<std::uint8_t> bytes(rng() % 300);
    for (auto& b : bytes) b = static_cast<std::uint8_t>(rng());
    ASSERT_EQ(crc16(bytes), crc_by_the_manual(bytes)) << "length " << bytes.size();
  }
}

TEST(Crc16, IsUsableAtCompileTime) {
  constexpr std::array<std::uint8_t, 3> frame{0x05, 0x83, 0x02};
  static_assert(crc16(frame) == 0x3081);
  SUCCEED();
}

TEST(Crc16, StandardOrderPutsTheLowByteFirst) {
  auto frame = hex("01 03 00 00 00 0A");
  append_crc(frame, CrcOrder::low_byte_first);
  EXPECT_EQ(frame, hex("01 03 00 00 00 0A C5 CD"));
  EXPECT_TRUE(crc_matches(frame, CrcOrder::low_byte_first));
  EXPECT_FALSE(crc_matches(frame, CrcOrder::high_byte_first));
}

TEST(Crc16, ManualOrderPutsTheHighByteFirst) {
  auto frame = hex("05 83 02");
  append_crc(frame, CrcOrder::high_byte_first);
  EXPECT_EQ(frame, hex("05 83 02 30 81"));
  EXPECT_TRUE(crc_matches(frame, CrcOrder::high_byte_first));
  EXPECT_FALSE(crc_matches(frame, CrcOrder::low_byte_first));
}

TEST(Crc16, DetectsACorruptedByteAndShortFrames) {
  auto frame = hex("05 03 00 04 00 06 85 8D");
  EXPECT_TRUE(crc_matches(frame, CrcOrder::low_byte_first));
  frame[3] ^= 0x01;
  EXPECT_FALSE(crc_matches(frame, CrcOrder::low_byte_first));
  EXPECT_FALSE(crc_matches(hex("FF FF"), CrcOrder::low_byte_first));
  EXPECT_FALSE(crc_matches({}, CrcOrder::low_byte_first));
}

TEST(Crc16, OrderNamesRoundTrip) {
  EXPECT_EQ(to_text(CrcOrder::high_byte_first), "high_byte_first");
  EXPECT_EQ(from_text<CrcOrder>("low_byte_first"), CrcOrder::low_byte_first);
  EXPECT_FALSE(from_text<CrcOrder>("msb").has_value());
}

}  // namespace
}  // namespace jemhead::modbus
