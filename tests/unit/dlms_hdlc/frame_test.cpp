#include "drivers/protocol/dlms/hdlc/frame.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "drivers/protocol/dlms/hdlc/llc.hpp"
#include "drivers/protocol/dlms/hdlc/parameters.hpp"
#include "tests/unit/dlms_hdlc/hdlc_test_support.hpp"

namespace jemhead::dlms::hdlc {
namespace {
using test::hex;
namespace v = test::vectors;

const Address kServer17 = server_address(1, 17);
const Address kClient16 = client_address(16);

TEST(DlmsHdlcFrameEncode, PublishedSnrmWithoutParameters) {
  EXPECT_EQ(encode_frame(make_frame(kServer17, kClient16, unnumbered(FrameType::snrm))),
            hex(v::kSnrm));
}

TEST(DlmsHdlcFrameEncode, PublishedUaWithParameters) {
  const auto info = encode_parameters(LinkParameters{128, 128, 1, 1});
  EXPECT_EQ(encode_frame(make_frame(kClient16, kServer17, unnumbered(FrameType::ua), info)),
            hex(v::kUa));
}

TEST(DlmsHdlcFrameEncode, PublishedAarqInAnIFrame) {
  const auto info = add_llc(LlcDirection::request, hex(v::kAarqApdu));
  EXPECT_EQ(encode_frame(make_frame(kServer17, kClient16, information(0, 0), info)),
            hex(v::kAarqFrame));
}

TEST(DlmsHdlcFrameEncode, PublishedGetWithOneByteAddresses) {
  const auto info = hex("E6 E6 00 C0 01 C1 00 0F 00 00 28 00 00 FF 01 00");
  EXPECT_EQ(encode_frame(make_frame(Address{1, 0, 1}, client_address(32), information(1, 5), info)),
            hex(v::kGetFrame));
}

TEST(DlmsHdlcFrameEncode, TheMetersOwnAddressing) {
  // SNRM from the public client to the default meter (logical 1, Unit ID 100).
  const auto bytes = encode_frame(make_frame(
      server_address(1, 100), client_address(kPublicClientSap), unnumbered(FrameType::snrm)));
  ASSERT_EQ(bytes.size(), 12u);
  EXPECT_EQ(std::vector(bytes.begin(), bytes.begin() + 9), hex("7E A0 0A 00 02 00 C9 21 93"));
  EXPECT_EQ(bytes.back(), kFlag);
}

TEST(DlmsHdlcFrameEncode, SegmentationBitAndLengthField) {
  const std::vector<std::uint8_t> info(128, 0x5A);
  const auto bytes = encode_frame(make_frame(kServer17, kClient16, information(2, 3), info, true));
  // 2 format + 4 + 1 addresses + control + HCS + 128 + FCS = 140 = 0x08C.
  EXPECT_EQ(bytes[1], 0xA8);
  EXPECT_EQ(bytes[2], 0x8C);
  EXPECT_EQ(bytes.size(), 142u);
  EXPECT_EQ(frame_length_for_info(128), 143u);
}

TEST(DlmsHdlcFrameEncode, LongestFrameFitsAndLongerThrows) {
  // 2047 = 2 + 4 + 1 + 1 + 2 + info + 2 -> info of 2035 bytes.
  std::vector<std::uint8_t> info(2035, 1);
  EXPECT_EQ(encode_frame(make_frame(kServer17, kClient16, information(0, 0), info)).size(), 2049u);
  info.push_back(1);
  EXPECT_THROW(encode_frame(make_frame(kServer17, kClient16, information(0, 0), info)),
               std::invalid_argument);
  EXPECT_THROW(encode_frame(make_frame(Address{1, 1, 3}, kClient16, information(0, 0))),
               std::invalid_argument);
}

}  // namespace
}  // namespace jemhead::dlms::hdlc
