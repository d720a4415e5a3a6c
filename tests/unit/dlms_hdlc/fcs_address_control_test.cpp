#include <gtest/gtest.h>

#include <stdexcept>
#include <string_view>

#include "drivers/protocol/dlms/hdlc/address.hpp"
#include "drivers/protocol/dlms/hdlc/control.hpp"
#include "drivers/protocol/dlms/hdlc/fcs16.hpp"
#include "tests/unit/dlms_hdlc/hdlc_test_support.hpp"

namespace jemhead::dlms::hdlc {
namespace {
using test::hex;

constexpr std::uint16_t fcs_of(std::string_view text) {
  std::uint16_t reg = kFcsInitial;
  for (char c : text) reg = fcs16_update(reg, static_cast<std::uint8_t>(c));
  return fcs16_final(reg);
}

// Evaluated by the compiler: the table and the check are usable in constant expressions.
static_assert(fcs_of("123456789") == 0x906E);
static_assert(fcs_of("") == 0x0000);

TEST(DlmsHdlcFcs, StandardCheckValue) {
  const std::string_view check = "123456789";
  const std::vector<std::uint8_t> bytes(check.begin(), check.end());
  EXPECT_EQ(fcs16(bytes), 0x906E);
}

TEST(DlmsHdlcFcs, MatchesThePublishedSnrmAndUa) {
  // SNRM: FCS over everything between the flags, sent low byte first (18 71).
  const auto snrm = hex(test::vectors::kSnrm);
  EXPECT_EQ(fcs16(std::span(snrm).subspan(1, 8)), 0x7118);
  // UA: HCS over format, addresses and control (F6 C5); FCS over the rest (CE 6A).
  const auto ua = hex(test::vectors::kUa);
  EXPECT_EQ(fcs16(std::span(ua).subspan(1, 8)), 0xC5F6);
  EXPECT_EQ(fcs16(std::span(ua).subspan(1, ua.size() - 4)), 0x6ACE);
}

TEST(DlmsHdlcFcs, AppendAndMatch) {
  std::vector<std::uint8_t> frame = hex("A0 0A 00 02 00 23 21 93");
  append_fcs16(frame);
  EXPECT_EQ(frame, hex("A0 0A 00 02 00 23 21 93 18 71"));
  const auto body = std::span<const std::uint8_t>(frame).first(8);
  EXPECT_TRUE(fcs16_matches(body, std::span(frame).last<2>()));
  frame[3] ^= 0x01;
  EXPECT_FALSE(fcs16_matches(body, std::span(frame).last<2>()));
}

std::vector<std::uint8_t> wire(const Address& a) {
  std::vector<std::uint8_t> out;
  encode_address(a, out);
  return out;
}

TEST(DlmsHdlcAddress, MeterDefaultServerAddressIsFourBytes) {
  EXPECT_EQ(wire(server_address(kManagementLogicalDevice, kDefaultPhysicalAddress)),
            hex("00 02 00 C9"));
  // The extremes of the Unit ID range (manual L6525-6527).
  EXPECT_EQ(wire(server_address(1, kMinPhysicalAddress)), hex("00 02 00 21"));
  EXPECT_EQ(wire(server_address(1, kMaxPhysicalAddress)), hex("00 02 FE FB"));
  EXPECT_EQ(wire(server_address(1, 17)), hex("00 02 00 23"));
  EXPECT_EQ(wire(server_address(1, 2836)), hex("00 02 2C 29"));
}

TEST(DlmsHdlcAddress, ClientSapsAreOneByte) {
  EXPECT_EQ(wire(client_address(kPublicClientSap)), hex("21"));
  EXPECT_EQ(wire(client_address(kReadWriteClientSap)), hex("03"));
  EXPECT_EQ(wire(client_address(kReadOnlyClientSap)), hex("05"));
  EXPECT_THROW(client_address(128), std::invalid_argument);
}

TEST(DlmsHdlcAddress, TwoByteForm) {
  EXPECT_EQ(wire(Address{16, 32, 2}), hex("20 41"));
  EXPECT_THROW(wire(Address{128, 1, 2}), std::invalid_argument);
  EXPECT_THROW(wire(Address{1, 1, 3}), std::invalid_argument);
  EXPECT_THROW(server_address(0x4000, 1), std::invalid_argument);
}

TEST(DlmsHdlcAddress, DecodesEachFormAndReportsItsSize) {
  auto d = decode_address(hex("00 02 00 C9 21"));
  ASSERT_TRUE(d);
  EXPECT_EQ(d->bytes, 4u);
  EXPECT_EQ(d->address, server_address(1, 100));
  d = decode_address(hex("20 41"));
  ASSERT_TRUE(d);
  EXPECT_EQ(d->bytes, 2u);
  EXPECT_EQ(d->address, (Address{16, 32, 2}));
  d = decode_address(hex("21 00"));
  ASSERT_TRUE(d);
  EXPECT_EQ(d->bytes, 1u);
  EXPECT_EQ(d->address, client_address(16));
}

TEST(DlmsHdlcAddress, RejectsMalformedAddresses) {
  EXPECT_FALSE(decode_address(hex("")));
  EXPECT_FALSE(decode_address(hex("00 02")));           // unterminated
  EXPECT_FALSE(decode_address(hex("00 02 01")));        // three-byte form is undefined
  EXPECT_FALSE(decode_address(hex("00 02 00 C8 01")));  // not ended within four bytes
}

TEST(DlmsHdlcAddress, EveryFourByteValueRoundTrips) {
  for (std::uint16_t upper : {0, 1, 0x7F, 0x80, 0x3FFF})
    for (std::uint16_t lower = 0; lower <= 0x3FFF; lower += 97) {
      const Address a{upper, lower, 4};
      const auto bytes = wire(a);
      const auto back = decode_address(bytes);
      ASSERT_TRUE(back);
      EXPECT_EQ(back->address, a);
    }
}

TEST(DlmsHdlcControl, PublishedControlBytes) {
  EXPECT_EQ(encode_control(unnumbered(FrameType::snrm)), 0x93);
  EXPECT_EQ(encode_control(unnumbered(FrameType::ua)), 0x73);
  EXPECT_EQ(encode_control(unnumbered(FrameType::disc)), 0x53);
  EXPECT_EQ(encode_control(unnumbered(FrameType::dm)), 0x1F);
  EXPECT_EQ(encode_control(unnumbered(FrameType::frmr)), 0x97);
  EXPECT_EQ(encode_control(unnumbered(FrameType::ui)), 0x13);
  EXPECT_EQ(encode_control(unnumbered(FrameType::ui, false)), 0x03);
  EXPECT_EQ(encode_control(information(0, 0)), 0x10);  // the AARQ frame
  EXPECT_EQ(encode_control(information(1, 5)), 0xB2);  // the GET frame
  EXPECT_EQ(encode_control(receive_ready(1)), 0x31);
  EXPECT_EQ(encode_control(receive_not_ready(7, false)), 0xE5);
}

TEST(DlmsHdlcControl, EveryDefinedByteRoundTripsAndOthersAreUndefined) {
  int defined = 0;
  for (int b = 0; b < 256; ++b) {
    const auto byte = static_cast<std::uint8_t>(b);
    const auto c = decode_control(byte);
    if (!c) continue;
    ++defined;
    EXPECT_EQ(encode_control(*c), byte) << "byte " << b;
  }
  // 128 I-frame bytes, 2 x 16 RR/RNR, 6 unnumbered x 2 P/F values.
  EXPECT_EQ(defined, 128 + 32 + 12);
  EXPECT_FALSE(decode_control(0x09));  // REJ: not in class UNC
  EXPECT_FALSE(decode_control(0x2F));  // SABM
}

TEST(DlmsHdlcControl, EveryTypeAndSequenceRoundTrips) {
  for (std::uint8_t ns = 0; ns < 8; ++ns)
    for (std::uint8_t nr = 0; nr < 8; ++nr)
      for (bool pf : {false, true}) {
        for (const Control c :
             {information(ns, nr, pf), receive_ready(nr, pf), receive_not_ready(nr, pf)}) {
          const auto back = decode_control(encode_control(c));
          ASSERT_TRUE(back);
          EXPECT_EQ(*back, c);
        }
      }
  for (auto t : {FrameType::snrm, FrameType::disc, FrameType::ua, FrameType::dm, FrameType::frmr,
                 FrameType::ui})
    for (bool pf : {false, true}) {
      const auto back = decode_control(encode_control(unnumbered(t, pf)));
      ASSERT_TRUE(back);
      EXPECT_EQ(*back, unnumbered(t, pf)) << frame_type_name(t);
    }
  EXPECT_THROW(encode_control(information(8, 0)), std::invalid_argument);
  EXPECT_THROW(encode_control(receive_ready(8)), std::invalid_argument);
}

TEST(DlmsHdlcControl, SequenceNumbersWrapModuloEight) {
  EXPECT_EQ(next_sequence(0), 1);
  EXPECT_EQ(next_sequence(6), 7);
  EXPECT_EQ(next_sequence(7), 0);
  EXPECT_EQ(frame_type_name(FrameType::rnr), "RNR");
}

}  // namespace
}  // namespace jemhead::dlms::hdlc
