#include "drivers/protocol/modbus/rtu_frame.hpp"

#include <gtest/gtest.h>

#include <random>

#include "tests/unit/modbus/modbus_test_support.hpp"

namespace jemhead::modbus {
namespace {
using test::hex;

RtuDecoder master_for(std::uint8_t address, CrcOrder order = CrcOrder::low_byte_first) {
  return RtuDecoder({RtuDirection::responses, order, address, false});
}

RtuDecoder slave_at(std::uint8_t address, bool broadcast = false) {
  return RtuDecoder({RtuDirection::requests, CrcOrder::low_byte_first, address, broadcast});
}

std::vector<std::uint8_t> frame(std::uint8_t address, std::string_view pdu_hex,
                                CrcOrder order = CrcOrder::low_byte_first) {
  return encode_rtu(address, hex(pdu_hex), order);
}

std::vector<std::uint8_t> concat(std::initializer_list<std::vector<std::uint8_t>> parts) {
  std::vector<std::uint8_t> out;
  for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

TEST(RtuEncode, TheManualsTypicalQueries) {
  // L12770-12783 with the CRC in standard order (part6 §6 vectors).
  EXPECT_EQ(frame(5, "03 00 04 00 06"), hex("05 03 00 04 00 06 85 8D"));
  EXPECT_EQ(frame(5, "05 00 01 FF 00"), hex("05 05 00 01 FF 00 DC 7E"));
  EXPECT_EQ(frame(5, "03 00 04 00 06", CrcOrder::high_byte_first), hex("05 03 00 04 00 06 8D 85"));
}

TEST(RtuEncode, RejectsEmptyAndOversizedPdus) {
  EXPECT_THROW(encode_rtu(1, {}, CrcOrder::low_byte_first), std::invalid_argument);
  std::vector<std::uint8_t> big(254, 0x03);
  EXPECT_THROW(encode_rtu(1, big, CrcOrder::low_byte_first), std::invalid_argument);
  big.resize(253);
  EXPECT_EQ(encode_rtu(1, big, CrcOrder::low_byte_first).size(), 256u);
}

TEST(RtuDecoder, DecodesAReadResponseFedAtOnceOrByteByByte) {
  const auto wire = frame(1, "03 04 00 01 00 0A");
  auto whole = master_for(1);
  whole.feed(wire);
  auto got = whole.next();
  ASSERT_TRUE(got);
  EXPECT_EQ(got->address, 1);
  EXPECT_EQ(got->pdu, hex("03 04 00 01 00 0A"));
  EXPECT_FALSE(whole.next());

  auto trickle = master_for(1);
  for (std::size_t i = 0; i < wire.size(); ++i) {
    EXPECT_FALSE(trickle.next()) << "frame delivered early at byte " << i;
    trickle.feed(std::span(wire).subspan(i, 1));
  }
  auto same = trickle.next();
  ASSERT_TRUE(same);
  EXPECT_EQ(same->pdu, got->pdu);
  EXPECT_EQ(trickle.stats().frames, 1u);
}

TEST(RtuDecoder, DecodesTheManualsExceptionExample) {
  auto d = master_for(5);
  d.feed(hex("05 83 02 81 30"));  // L12842-12852, CRC 0x3081 low byte first
  auto got = d.next();
  ASSERT_TRUE(got);
  EXPECT_EQ(got->pdu, hex("83 02"));
}

TEST(RtuDecoder, HighByteFirstOrderIsHonoured) {
  auto d = master_for(5, CrcOrder::high_byte_first);
  d.feed(hex("05 83 02 81 30"));  // standard order: wrong for this decoder
  EXPECT_FALSE(d.next());
  EXPECT_EQ(d.stats().crc_errors, 1u);
  d.feed(hex("05 83 02 30 81"));
  ASSERT_TRUE(d.next());
}

TEST(RtuDecoder, HuntsForItsAddressThroughGarbage) {
  auto d = master_for(0x11);
  d.feed(concat({hex("FF 00 13 42 99"), frame(0x11, "04 02 12 34")}));
  auto got = d.next();
  ASSERT_TRUE(got);
  EXPECT_EQ(got->pdu, hex("04 02 12 34"));
  EXPECT_EQ(d.stats().bytes_discarded, 5u);
}

TEST(RtuDecoder, DropsABadCrcFrameAndFindsTheNextOne) {
  auto bad = frame(1, "03 02 00 07");
  bad.back() ^= 0xFF;
  auto d = master_for(1);
  d.feed(concat({bad, frame(1, "03 02 00 08")}));
  auto got = d.next();
  ASSERT_TRUE(got);
  EXPECT_EQ(got->pdu, hex("03 02 00 08"));
  EXPECT_FALSE(d.next());
  EXPECT_EQ(d.stats().crc_errors, 1u);
  EXPECT_EQ(d.stats().frames, 1u);
}

TEST(RtuDecoder, RecoversFromAFalseSyncInsideGarbage) {
  // 0x01 inside the noise looks like our address followed by FC03 with a byte count of 2:
  // a candidate that fails its CRC, after which the real frame is still found.
  auto d = master_for(1);
  d.feed(concat({hex("01 03 02 55"), frame(1, "01 01 05")}));
  auto got = d.next();
  ASSERT_TRUE(got);
  EXPECT_EQ(got->pdu, hex("01 01 05"));
  EXPECT_GE(d.stats().crc_errors, 1u);
}

TEST(RtuDecoder, DeliversSeveralFramesFromOneRead) {
  auto d = slave_at(7);
  d.feed(concat({frame(7, "03 00 00 00 02"), frame(7, "05 00 01 FF 00"),
                 frame(7, "10 00 00 00 02 04 00 01 00 02")}));
  std::vector<std::vector<std::uint8_t>> pdus;
  while (auto f = d.next()) pdus.push_back(f->pdu);
  ASSERT_EQ(pdus.size(), 3u);
  EXPECT_EQ(pdus[0], hex("03 00 00 00 02"));
  EXPECT_EQ(pdus[1], hex("05 00 01 FF 00"));
  EXPECT_EQ(pdus[2], hex("10 00 00 00 02 04 00 01 00 02"));
}

TEST(RtuDecoder, SlaveIgnoresFramesForOtherAddressesAndBroadcastUnlessAllowed) {
  auto d = slave_at(7);
  d.feed(
      concat({frame(9, "03 00 00 00 02"), frame(0, "05 00 01 FF 00"), frame(7, "04 00 10 00 01")}));
  auto got = d.next();
  ASSERT_TRUE(got);
  EXPECT_EQ(got->address, 7);
  EXPECT_EQ(got->pdu, hex("04 00 10 00 01"));
  EXPECT_FALSE(d.next());

  auto b = slave_at(7, true);
  b.feed(frame(0, "05 00 01 FF 00"));
  auto broadcast = b.next();
  ASSERT_TRUE(broadcast);
  EXPECT_EQ(broadcast->address, 0);
}

TEST(RtuDecoder, BusMonitorAcceptsAnyUnicastAddress) {
  RtuDecoder d({RtuDirection::responses, CrcOrder::low_byte_first, std::nullopt, false});
  d.feed(concat({frame(3, "03 02 00 01"), frame(200, "03 02 00 02")}));
  auto a = d.next();
  auto b = d.next();
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->address, 3);
  EXPECT_EQ(b->address, 200);
}

TEST(RtuDecoder, CountsFramesThatWouldExceed256Bytes) {
  // FC16 with a byte count of 250: 9 + 250 = 259 bytes, more than RTU allows.
  auto d = slave_at(1);
  d.feed(hex("01 10 00 00 00 7D FA"));
  EXPECT_EQ(d.stats().oversize, 1u);
  EXPECT_FALSE(d.mid_frame());
}

TEST(RtuDecoder, DelimitsUnknownFunctionCodesByTheirCrc) {
  // FC43 (read device identification) is not supported, but the slave must still find
  // the frame's end to answer exception 01.
  auto d = slave_at(1);
  d.feed(concat({frame(1, "2B 0E 01 00"), frame(1, "03 00 00 00 01")}));
  auto unknown = d.next();
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->pdu, hex("2B 0E 01 00"));
  auto known = d.next();
  ASSERT_TRUE(known);
  EXPECT_EQ(known->pdu, hex("03 00 00 00 01"));
}

TEST(RtuDecoder, UnknownLayoutWithoutACrcMatchIsEventuallyDropped) {
  auto d = slave_at(1);
  std::vector<std::uint8_t> junk{0x01, 0x2B};
  junk.resize(300, 0x00);
  d.feed(junk);
  EXPECT_GE(d.stats().oversize, 1u);
  EXPECT_LE(d.buffered(), kMaxRtuFrame);
  EXPECT_FALSE(d.next());
}

TEST(RtuDecoder, SilenceAbandonsAPartialFrameButKeepsAFollowingWholeOne) {
  // A false sync that claims 40 data bytes swallows the real request that follows; when
  // the line goes quiet the candidate is abandoned and the real frame is recovered.
  auto d = slave_at(1);
  d.feed(concat({hex("01 10 00 00 00 14 28"), frame(1, "03 00 00 00 02")}));
  EXPECT_FALSE(d.next());
  d.on_silence();
  auto got = d.next();
  ASSERT_TRUE(got);
  EXPECT_EQ(got->pdu, hex("03 00 00 00 02"));
  EXPECT_EQ(d.stats().abandoned, 1u);
  EXPECT_FALSE(d.mid_frame());
}

TEST(RtuDecoder, SilenceDiscardsATruncatedFrameSoTheNextOneParsesCleanly) {
  auto d = master_for(1);
  const auto full = frame(1, "03 04 00 01 00 02");
  d.feed(std::span(full).first(5));
  d.on_silence();
  EXPECT_FALSE(d.mid_frame());
  d.feed(full);
  auto got = d.next();
  ASSERT_TRUE(got);
  EXPECT_EQ(got->pdu, hex("03 04 00 01 00 02"));
}

TEST(RtuDecoder, ResetForgetsBufferedAndQueuedFrames) {
  auto d = master_for(1);
  d.feed(frame(1, "03 02 00 01"));
  d.feed(hex("01 03"));
  d.reset();
  EXPECT_FALSE(d.next());
  EXPECT_FALSE(d.mid_frame());
  EXPECT_EQ(d.stats().abandoned, 1u);
}

TEST(RtuDecoder, MasterFollowsTheAddressOfTheRequestInFlight) {
  auto d = master_for(1);
  d.set_address(2);
  d.feed(concat({frame(1, "03 02 00 01"), frame(2, "03 02 00 02")}));
  auto got = d.next();
  ASSERT_TRUE(got);
  EXPECT_EQ(got->address, 2);
  EXPECT_FALSE(d.next());
}

TEST(RtuDecoder, MasterSkipsFunctionCodesNoRequestAsksFor) {
  auto d = master_for(1);
  d.feed(concat({hex("01 2B 0E"), frame(1, "04 02 00 09")}));
  auto got = d.next();
  ASSERT_TRUE(got);
  EXPECT_EQ(got->pdu, hex("04 02 00 09"));
  EXPECT_EQ(d.stats().unexpected_function, 1u);
}

TEST(RtuDecoder, SlaveDelimitsOtherStandardFunctionCodesByLayout) {
  // FC08 diagnostics and FC23 read/write multiple: rejected by the meter, but their
  // frames must end where the layout says so the next request is not lost.
  auto d = slave_at(1);
  d.feed(concat({frame(1, "08 00 00 12 34"), frame(1, "17 00 00 00 01 00 10 00 01 02 AB CD"),
                 frame(1, "03 00 00 00 02")}));
  std::vector<std::uint8_t> fcs;
  while (auto f = d.next()) fcs.push_back(f->pdu[0]);
  EXPECT_EQ(fcs, (std::vector<std::uint8_t>{0x08, 0x17, 0x03}));
  EXPECT_EQ(d.stats().crc_errors, 0u);
}

TEST(RtuDecoder, RandomInputNeverGrowsTheBufferBeyondOneFrame) {
  std::mt19937 rng(42);
  RtuDecoder d({RtuDirection::requests, CrcOrder::low_byte_first, std::nullopt, true});
  for (int round = 0; round < 2000; ++round) {
    std::vector<std::uint8_t> chunk(rng() % 64);
    for (auto& b : chunk) b = static_cast<std::uint8_t>(rng() % 4 == 0 ? 1 : rng());
    d.feed(chunk);
    while (d.next()) {
    }
    ASSERT_LE(d.buffered(), kMaxRtuFrame);
  }
  EXPECT_GT(d.stats().bytes_discarded + d.stats().crc_errors, 0u);
}

}  // namespace
}  // namespace jemhead::modbus
