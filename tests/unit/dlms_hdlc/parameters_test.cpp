#include "drivers/protocol/dlms/hdlc/parameters.hpp"

#include <gtest/gtest.h>

#include "drivers/protocol/dlms/hdlc/frame_decoder.hpp"
#include "tests/unit/dlms_hdlc/hdlc_test_support.hpp"

namespace jemhead::dlms::hdlc {
namespace {
using test::hex;
namespace v = test::vectors;

std::vector<std::uint8_t> info_of(std::string_view frame_hex) {
  FrameDecoder d;
  d.feed(hex(frame_hex));
  auto f = d.next();
  return f ? f->info : std::vector<std::uint8_t>{};
}

TEST(DlmsHdlcParameters, PublishedUaStatesTheDefaults) {
  const auto p = decode_parameters(info_of(v::kUa));
  ASSERT_TRUE(p);
  EXPECT_EQ(*p, (HdlcParameters{128, 128, 1, 1}));
  EXPECT_EQ(encode_parameters(*p), info_of(v::kUa));
}

TEST(DlmsHdlcParameters, OneAndTwoByteValuesFromOtherPublishedFrames) {
  auto p = decode_parameters(info_of(v::kSnrmTwoByteAddress));
  ASSERT_TRUE(p);
  EXPECT_EQ(*p, (HdlcParameters{128, 512, 1, 1}));  // 05 01 80, 06 02 02 00
  p = decode_parameters(info_of(v::kUaPhysical2836));
  ASSERT_TRUE(p);
  EXPECT_EQ(*p, (HdlcParameters{242, 242, 1, 1}));
}

TEST(DlmsHdlcParameters, AbsentFieldAndAbsentParameters) {
  const auto none = decode_parameters({});
  ASSERT_TRUE(none);
  EXPECT_EQ(*none, HdlcParameters{});
  EXPECT_TRUE(encode_parameters(HdlcParameters{}).empty());
  const auto only_window = decode_parameters(hex("81 80 06 07 04 00 00 00 03"));
  ASSERT_TRUE(only_window);
  EXPECT_EQ(*only_window, (HdlcParameters{std::nullopt, std::nullopt, 3, std::nullopt}));
  EXPECT_EQ(encode_parameters(*only_window), hex("81 80 06 07 04 00 00 00 03"));
}

TEST(DlmsHdlcParameters, FourByteValuesAndUnknownParametersSkipped) {
  const auto p = decode_parameters(hex("81 80 0D 05 04 00 01 00 00 09 01 33 06 02 07 F0"));
  ASSERT_TRUE(p);
  EXPECT_EQ(p->max_info_transmit, 65536u);
  EXPECT_EQ(p->max_info_receive, 2032u);
  EXPECT_FALSE(p->window_transmit);
  EXPECT_EQ(encode_parameters(HdlcParameters{65536, 2032, {}, {}}),
            hex("81 80 0A 05 04 00 01 00 00 06 02 07 F0"));
}

TEST(DlmsHdlcParameters, MalformedFieldsAreRejected) {
  EXPECT_FALSE(decode_parameters(hex("80 80 00")));                    // format id
  EXPECT_FALSE(decode_parameters(hex("81 81 00")));                    // group id
  EXPECT_FALSE(decode_parameters(hex("81 80 05 05 01 80")));           // group length too long
  EXPECT_FALSE(decode_parameters(hex("81 80 02 05 01 80")));           // group length too short
  EXPECT_FALSE(decode_parameters(hex("81 80 03 05 02 80")));           // value runs past the end
  EXPECT_FALSE(decode_parameters(hex("81 80 05 05 03 00 00 80")));     // three-byte value
  EXPECT_FALSE(decode_parameters(hex("81 80 03 07 01 00")));           // window 0
  EXPECT_FALSE(decode_parameters(hex("81 80 06 05 01 80 05 01 40")));  // repeated
  EXPECT_FALSE(decode_parameters(hex("81")));
}

TEST(DlmsHdlcNegotiation, DefaultsWhenThePeerStatesNothing) {
  const LinkParameters big{2030, 2030, 7, 7};
  EXPECT_EQ(negotiate(big, HdlcParameters{}), LinkParameters{});
  EXPECT_EQ(negotiate(LinkParameters{}, HdlcParameters{}), (LinkParameters{128, 128, 1, 1}));
}

TEST(DlmsHdlcNegotiation, EachDirectionTakesTheSmallerSide) {
  // The client can send 1024 and receive 512; the server (in its own terms) sends 256 and
  // receives 2030: client TX = min(1024, 2030), client RX = min(512, 256).
  const LinkParameters client{1024, 512, 7, 3};
  const HdlcParameters ua{256, 2030, 2, 5};
  EXPECT_EQ(negotiate(client, ua), (LinkParameters{1024, 256, 5, 2}));
}

TEST(DlmsHdlcNegotiation, ServerAndClientAgree) {
  // The meter (128/128/1/1) answers an SNRM proposing more; the UA it sends back states
  // its own point of view, and the client reading it ends up with the mirror image.
  const LinkParameters meter{};
  const LinkParameters client{512, 1024, 7, 7};
  const auto snrm = decode_parameters(encode_parameters(client));
  ASSERT_TRUE(snrm);
  const auto server_side = negotiate(meter, *snrm);
  EXPECT_EQ(server_side, (LinkParameters{128, 128, 1, 1}));
  const auto ua = decode_parameters(encode_parameters(server_side));
  ASSERT_TRUE(ua);
  const auto client_side = negotiate(client, *ua);
  EXPECT_EQ(client_side.max_info_transmit, server_side.max_info_receive);
  EXPECT_EQ(client_side.max_info_receive, server_side.max_info_transmit);
  EXPECT_EQ(client_side.window_transmit, server_side.window_receive);
  EXPECT_EQ(client_side.window_receive, server_side.window_transmit);
}

}  // namespace
}  // namespace jemhead::dlms::hdlc
