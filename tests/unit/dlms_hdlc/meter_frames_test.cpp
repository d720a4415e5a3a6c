// Byte-exact frames of the JEMStar's own addressing (server 00 02 00 C9 = logical device 1,
// Unit ID 100; client 21 = SAP 16), as the client and the simulator put them on the line.
// tshark has no DLMS dissector, so every HCS/FCS here was computed independently (a
// bit-by-bit CRC-16/X.25 in a script, checked first against the published SNRM).
#include <gtest/gtest.h>

#include "drivers/protocol/dlms/hdlc/frame.hpp"
#include "drivers/protocol/dlms/hdlc/frame_decoder.hpp"
#include "drivers/protocol/dlms/hdlc/llc.hpp"
#include "drivers/protocol/dlms/hdlc/parameters.hpp"
#include "tests/unit/dlms_hdlc/hdlc_test_support.hpp"

namespace jemhead::dlms::hdlc {
namespace {
using test::hex;

const Address kMeter = server_address(kManagementLogicalDevice, kDefaultPhysicalAddress);
const Address kPublic = client_address(kPublicClientSap);

constexpr const char* kSnrm128 =
    "7E A0 23 00 02 00 C9 21 93 79 29 81 80 14 05 02 00 80 06 02 00 80 07 04 00 00 00 01"
    " 08 04 00 00 00 01 CE 6A 7E";
constexpr const char* kUa128 =
    "7E A0 23 21 00 02 00 C9 73 1F D1 81 80 14 05 02 00 80 06 02 00 80 07 04 00 00 00 01"
    " 08 04 00 00 00 01 CE 6A 7E";
constexpr const char* kDisc = "7E A0 0A 00 02 00 C9 21 53 CF CD 7E";
constexpr const char* kUaEmpty = "7E A0 0A 21 00 02 00 C9 73 A5 F3 7E";
constexpr const char* kDm = "7E A0 0A 21 00 02 00 C9 1F CF 5A 7E";
constexpr const char* kClientRr1 = "7E A0 0A 00 02 00 C9 21 31 DB 8D 7E";
constexpr const char* kMeterRr1 = "7E A0 0A 21 00 02 00 C9 31 B3 92 7E";
// GET-Request-Normal for the clock's time (8, 0.0.1.0.0.255, 2) in I frame N(S)=0 N(R)=0.
constexpr const char* kGetClock =
    "7E A0 1C 00 02 00 C9 21 10 54 50 E6 E6 00 C0 01 C1 00 08 00 00 01 00 00 FF 02 00 60 1A 7E";
constexpr const char* kGetClockApdu = "C0 01 C1 00 08 00 00 01 00 00 FF 02 00";
// A response segment: I frame N(S)=0 N(R)=1 with the S bit, carrying only the LLC header.
constexpr const char* kSegment = "7E A8 0F 21 00 02 00 C9 30 25 5E E6 E7 00 9E B4 7E";

std::vector<std::uint8_t> frame(const Address& to, const Address& from, const Control& c,
                                std::span<const std::uint8_t> info = {}, bool segmented = false) {
  return encode_frame(make_frame(to, from, c, info, segmented));
}

TEST(DlmsHdlcMeterFrames, SnrmProposing128And1) {
  EXPECT_EQ(frame(kMeter, kPublic, unnumbered(FrameType::snrm),
                  encode_parameters(LinkParameters{128, 128, 1, 1})),
            hex(kSnrm128));
}

TEST(DlmsHdlcMeterFrames, UaStatingTheNegotiatedParameters) {
  const auto negotiated = negotiate(
      LinkParameters{}, *decode_parameters(encode_parameters(LinkParameters{128, 128, 1, 1})));
  EXPECT_EQ(
      frame(kPublic, kMeter, unnumbered(FrameType::ua), encode_parameters(stated(negotiated))),
      hex(kUa128));
}

TEST(DlmsHdlcMeterFrames, DiscUaDmAndRrBothWays) {
  EXPECT_EQ(frame(kMeter, kPublic, unnumbered(FrameType::disc)), hex(kDisc));
  EXPECT_EQ(frame(kPublic, kMeter, unnumbered(FrameType::ua)), hex(kUaEmpty));
  EXPECT_EQ(frame(kPublic, kMeter, unnumbered(FrameType::dm)), hex(kDm));
  EXPECT_EQ(frame(kMeter, kPublic, receive_ready(1)), hex(kClientRr1));
  EXPECT_EQ(frame(kPublic, kMeter, receive_ready(1)), hex(kMeterRr1));
}

TEST(DlmsHdlcMeterFrames, GetRequestInAnIFrameAndASegment) {
  EXPECT_EQ(
      frame(kMeter, kPublic, information(0, 0), add_llc(LlcDirection::request, hex(kGetClockApdu))),
      hex(kGetClock));
  EXPECT_EQ(frame(kPublic, kMeter, information(0, 1), kLlcResponse, true), hex(kSegment));
}

TEST(DlmsHdlcMeterFrames, TheDecoderReadsThemAllBack) {
  FrameDecoder decoder;
  for (const char* text :
       {kSnrm128, kUa128, kDisc, kUaEmpty, kDm, kClientRr1, kMeterRr1, kGetClock, kSegment})
    decoder.feed(hex(text));
  std::vector<Frame> frames;
  while (auto f = decoder.next()) frames.push_back(*f);
  ASSERT_EQ(frames.size(), 9u);
  EXPECT_EQ(frames[0].destination, kMeter);
  EXPECT_EQ(frames[0].source, kPublic);
  EXPECT_EQ(decode_control(frames[0].control)->type, FrameType::snrm);
  EXPECT_EQ(decode_control(frames[6].control), receive_ready(1));
  EXPECT_EQ(frames[7].info, add_llc(LlcDirection::request, hex(kGetClockApdu)));
  EXPECT_TRUE(frames[8].segmented);
  EXPECT_EQ(decode_control(frames[8].control), information(0, 1));
  EXPECT_EQ(decoder.stats().bad_fcs + decoder.stats().bad_hcs, 0u);
}

}  // namespace
}  // namespace jemhead::dlms::hdlc
