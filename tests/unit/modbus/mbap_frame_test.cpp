#include "drivers/protocol/modbus/mbap_frame.hpp"

#include <gtest/gtest.h>

#include <random>

#include "tests/unit/modbus/modbus_test_support.hpp"

namespace jemhead::modbus {
namespace {
using test::hex;

TEST(MbapEncode, HeaderCarriesTransactionProtocolLengthAndUnit) {
  EXPECT_EQ(encode_mbap(0x1234, 0x11, hex("03 00 6B 00 03")),
            hex("12 34 00 00 00 06 11 03 00 6B 00 03"));
}

TEST(MbapEncode, RejectsEmptyAndOversizedPdus) {
  EXPECT_THROW(encode_mbap(1, 1, {}), std::invalid_argument);
  std::vector<std::uint8_t> pdu(254, 3);
  EXPECT_THROW(encode_mbap(1, 1, pdu), std::invalid_argument);
  pdu.resize(253);
  const auto frame = encode_mbap(1, 1, pdu);
  EXPECT_EQ(frame.size(), 260u);
  EXPECT_EQ(frame[4], 0x00);
  EXPECT_EQ(frame[5], 254);
}

TEST(MbapDecoder, DecodesAFrameFedInPieces) {
  const auto wire = hex("00 07 00 00 00 05 01 03 02 00 2A");
  MbapDecoder d;
  d.feed(std::span(wire).first(3));
  EXPECT_FALSE(d.next());
  EXPECT_TRUE(d.mid_frame());
  d.feed(std::span(wire).subspan(3, 5));
  EXPECT_FALSE(d.next());
  d.feed(std::span(wire).subspan(8));
  auto got = d.next();
  ASSERT_TRUE(got);
  EXPECT_EQ(got->transaction_id, 7);
  EXPECT_EQ(got->unit_id, 1);
  EXPECT_EQ(got->pdu, hex("03 02 00 2A"));
  EXPECT_FALSE(d.mid_frame());
  EXPECT_EQ(d.stats().frames, 1u);
}

TEST(MbapDecoder, SplitsBackToBackFrames) {
  auto wire = encode_mbap(1, 9, hex("04 00 00 00 02"));
  const auto second = encode_mbap(2, 9, hex("83 02"));
  wire.insert(wire.end(), second.begin(), second.end());
  MbapDecoder d;
  d.feed(wire);
  auto a = d.next();
  auto b = d.next();
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->transaction_id, 1);
  EXPECT_EQ(b->transaction_id, 2);
  EXPECT_EQ(b->pdu, hex("83 02"));
}

TEST(MbapDecoder, NonZeroProtocolIdBreaksTheStream) {
  MbapDecoder d;
  d.feed(hex("00 01 00 01 00 03 01 03 00"));
  EXPECT_FALSE(d.next());
  ASSERT_TRUE(d.error());
  EXPECT_EQ(*d.error(), MbapError::protocol_id_not_zero);
  EXPECT_EQ(d.error_detail(), "protocol_id_not_zero (protocol id 1)");
  // Nothing after the break is trusted, even a well-formed frame.
  d.feed(encode_mbap(2, 1, hex("03 00 00 00 01")));
  EXPECT_FALSE(d.next());
  EXPECT_EQ(d.stats().bytes_ignored, 14u);  // 2 left of the first read + 12
}

TEST(MbapDecoder, LengthBoundsAreEnforcedFromTheHeader) {
  MbapDecoder small;
  small.feed(hex("00 01 00 00 00 01 01"));  // unit id only, no function code
  ASSERT_TRUE(small.error());
  EXPECT_EQ(*small.error(), MbapError::length_too_small);

  MbapDecoder large;
  large.feed(hex("00 01 00 00 00 FF 01"));  // 255 = unit + 254-byte PDU
  ASSERT_TRUE(large.error());
  EXPECT_EQ(*large.error(), MbapError::length_too_large);
  EXPECT_EQ(large.error_detail(), "length_too_large (length 255)");
  EXPECT_FALSE(large.mid_frame());  // decided from the header, nothing buffered
}

TEST(MbapDecoder, ResetStartsANewStream) {
  MbapDecoder d;
  d.feed(hex("00 01 00 09 00 03"));
  d.feed(hex("01"));
  ASSERT_TRUE(d.error());
  d.reset();
  EXPECT_FALSE(d.error());
  d.feed(encode_mbap(5, 1, hex("01 01 01")));
  auto got = d.next();
  ASSERT_TRUE(got);
  EXPECT_EQ(got->transaction_id, 5);
}

TEST(MbapDecoder, RandomStreamsOnlyYieldBoundedFrames) {
  std::mt19937 rng(3);
  for (int run = 0; run < 300; ++run) {
    MbapDecoder d;
    for (int chunk = 0; chunk < 20; ++chunk) {
      std::vector<std::uint8_t> bytes(rng() % 40);
      for (auto& b : bytes) b = static_cast<std::uint8_t>(rng() % 3 == 0 ? 0 : rng());
      d.feed(bytes);
      while (auto f = d.next()) ASSERT_LE(f->pdu.size(), 253u);
    }
  }
}

}  // namespace
}  // namespace jemhead::modbus
