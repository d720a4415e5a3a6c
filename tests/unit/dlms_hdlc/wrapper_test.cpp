#include <gtest/gtest.h>

#include <stdexcept>

#include "drivers/protocol/dlms/wrapper/wrapper_frame.hpp"
#include "tests/unit/dlms_hdlc/hdlc_test_support.hpp"

namespace jemhead::dlms::wrapper {
namespace {
using test::concat;
using test::hex;

// The published AARQ (see hdlc_test_support.hpp) from the public client (wPort 16) to the
// management logical device (wPort 1).
const auto kAarq = hex(test::vectors::kAarqApdu);
const auto kAarqWrapped = concat({hex("00 01 00 10 00 01 00 1F"), kAarq});

std::vector<WrapperFrame> drain(WrapperDecoder& d) {
  std::vector<WrapperFrame> out;
  while (auto f = d.next()) out.push_back(std::move(*f));
  return out;
}

TEST(DlmsWrapper, HeaderRoundTrip) {
  const Header h{kVersion, 0x1234, 0xABCD, 0x0200};
  const auto bytes = encode_header(h);
  EXPECT_EQ(std::vector(bytes.begin(), bytes.end()), hex("00 01 12 34 AB CD 02 00"));
  EXPECT_EQ(decode_header(bytes), h);
}

TEST(DlmsWrapper, EncodesTheAarqBehindItsHeader) {
  EXPECT_EQ(encode_wrapper(16, kManagementLogicalDevice, kAarq), kAarqWrapped);
  EXPECT_EQ(encode_wrapper(WrapperFrame{16, 1, kAarq}), kAarqWrapped);
  EXPECT_EQ(kDlmsTcpPort, 4059);
  EXPECT_THROW(encode_wrapper(16, 1, std::vector<std::uint8_t>(65536)), std::invalid_argument);
  EXPECT_EQ(encode_wrapper(16, 1, std::vector<std::uint8_t>(65535)).size(), 65543u);
}

TEST(DlmsWrapper, DecodesByteByByteAndSplitAnywhere) {
  const auto wire = concat({kAarqWrapped, encode_wrapper(1, 16, hex("61 03 A1 01 00"))});
  for (std::size_t cut = 0; cut <= wire.size(); ++cut) {
    WrapperDecoder d;
    d.feed(std::span(wire).first(cut));
    d.feed(std::span(wire).subspan(cut));
    const auto frames = drain(d);
    ASSERT_EQ(frames.size(), 2u) << "cut at " << cut;
    EXPECT_EQ(frames[0], (WrapperFrame{16, 1, kAarq}));
    EXPECT_EQ(frames[1], (WrapperFrame{1, 16, hex("61 03 A1 01 00")}));
    EXPECT_EQ(d.buffered(), 0u);
  }
  WrapperDecoder d;
  for (std::size_t i = 0; i < kAarqWrapped.size(); ++i) {
    EXPECT_FALSE(d.next()) << "delivered early at byte " << i;
    d.feed(std::span(kAarqWrapped).subspan(i, 1));
  }
  EXPECT_TRUE(d.next());
  EXPECT_EQ(d.stats().frames, 1u);
}

TEST(DlmsWrapper, BadVersionStopsTheStream) {
  WrapperDecoder d;
  d.feed(concat({kAarqWrapped, hex("00 02 00 10 00 01 00 01 C0"), kAarqWrapped}));
  EXPECT_EQ(drain(d).size(), 1u);  // the frame before the bad header is kept
  EXPECT_EQ(d.error(), WrapperError::bad_version);
  ASSERT_TRUE(d.rejected_header());
  EXPECT_EQ(d.rejected_header()->version, 2);
  EXPECT_EQ(d.stats().bad_version, 1u);
  d.feed(kAarqWrapped);  // nothing after a bad header can be framed
  EXPECT_FALSE(d.next());
  EXPECT_EQ(d.buffered(), 0u);
  d.reset();
  EXPECT_EQ(d.error(), WrapperError::none);
  d.feed(kAarqWrapped);
  EXPECT_TRUE(d.next());
}

TEST(DlmsWrapper, LengthLimitAndEmptyApdu) {
  WrapperDecoder d({512});
  d.feed(encode_wrapper(1, 16, std::vector<std::uint8_t>(512, 7)));
  EXPECT_EQ(drain(d).size(), 1u);
  d.feed(hex("00 01 00 01 00 10 02 01"));  // 513: judged on the header alone
  EXPECT_EQ(d.error(), WrapperError::oversize);
  EXPECT_EQ(d.stats().oversize, 1u);

  WrapperDecoder e;
  e.feed(hex("00 01 00 01 00 10 00 00"));
  EXPECT_EQ(e.error(), WrapperError::empty_apdu);
  EXPECT_EQ(wrapper_error_text(e.error()), "wrapper APDU length is 0");
}

TEST(DlmsWrapper, TruncatedFrameWaits) {
  WrapperDecoder d;
  d.feed(std::span(kAarqWrapped).first(kAarqWrapped.size() - 1));
  EXPECT_FALSE(d.next());
  EXPECT_TRUE(d.mid_frame());
  EXPECT_EQ(d.error(), WrapperError::none);
  d.feed(std::span(kAarqWrapped).last(1));
  EXPECT_TRUE(d.next());
  EXPECT_FALSE(d.mid_frame());
}

}  // namespace
}  // namespace jemhead::dlms::wrapper
