#include <gtest/gtest.h>

#include <stdexcept>

#include "drivers/protocol/dlms/hdlc/frame_decoder.hpp"
#include "drivers/protocol/dlms/hdlc/llc.hpp"
#include "drivers/protocol/dlms/hdlc/segmentation.hpp"
#include "tests/unit/dlms_hdlc/hdlc_test_support.hpp"

namespace jemhead::dlms::hdlc {
namespace {
using test::hex;

TEST(DlmsHdlcLlc, AddAndStripBothDirections) {
  const auto apdu = hex("C0 01 C1 00 08 00 00 01 00 00 FF 02 00");
  const auto request = add_llc(LlcDirection::request, apdu);
  EXPECT_EQ(std::vector(request.begin(), request.begin() + 3), hex("E6 E6 00"));
  const auto response = add_llc(LlcDirection::response, apdu);
  EXPECT_EQ(std::vector(response.begin(), response.begin() + 3), hex("E6 E7 00"));

  const auto back = strip_llc(LlcDirection::request, request);
  ASSERT_TRUE(back);
  EXPECT_EQ(std::vector(back->begin(), back->end()), apdu);
  EXPECT_FALSE(strip_llc(LlcDirection::response, request));  // wrong direction
  EXPECT_FALSE(strip_llc(LlcDirection::request, hex("E6 E6")));
  const auto empty = strip_llc(LlcDirection::response, hex("E6 E7 00"));
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->empty());
}

TEST(DlmsHdlcSegmentation, SplitThenReassembleThroughFrames) {
  std::vector<std::uint8_t> msdu(300);
  for (std::size_t i = 0; i < msdu.size(); ++i) msdu[i] = static_cast<std::uint8_t>(i * 7);
  const auto pieces = split_msdu(msdu, 128);
  ASSERT_EQ(pieces.size(), 3u);
  EXPECT_EQ(pieces[0].size(), 128u);
  EXPECT_EQ(pieces[2].size(), 44u);

  // Server -> client, each piece in its own I frame with S on all but the last.
  FrameDecoder d;
  std::uint8_t ns = 0;
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    d.feed(encode_frame(make_frame(client_address(1), server_address(1, 100), information(ns, 1),
                                   pieces[i], i + 1 < pieces.size())));
    ns = next_sequence(ns);
  }
  Reassembler r(512);
  std::vector<Reassembler::Status> statuses;
  while (auto f = d.next()) statuses.push_back(r.add(f->info, f->segmented));
  EXPECT_EQ(statuses, (std::vector{Reassembler::Status::need_more, Reassembler::Status::need_more,
                                   Reassembler::Status::complete}));
  EXPECT_EQ(r.take(), msdu);
  EXPECT_FALSE(r.in_progress());
  EXPECT_EQ(r.collected(), 0u);
}

TEST(DlmsHdlcSegmentation, TooLargeDropsWhatWasCollected) {
  Reassembler r(200);
  const std::vector<std::uint8_t> piece(128, 1);
  EXPECT_EQ(r.add(piece, true), Reassembler::Status::need_more);
  EXPECT_TRUE(r.in_progress());
  EXPECT_EQ(r.add(piece, false), Reassembler::Status::too_large);
  EXPECT_FALSE(r.in_progress());
  EXPECT_EQ(r.collected(), 0u);
  // The next MSDU starts clean.
  EXPECT_EQ(r.add(hex("01 02"), false), Reassembler::Status::complete);
  EXPECT_EQ(r.take(), hex("01 02"));
}

TEST(DlmsHdlcSegmentation, UntakenMsduIsReplacedByTheNextOne) {
  Reassembler r(64);
  EXPECT_EQ(r.add(hex("AA"), false), Reassembler::Status::complete);
  EXPECT_EQ(r.add(hex("BB"), true), Reassembler::Status::need_more);
  EXPECT_EQ(r.add(hex("CC"), false), Reassembler::Status::complete);
  EXPECT_EQ(r.take(), hex("BB CC"));
}

TEST(DlmsHdlcSegmentation, SplitEdgeCases) {
  EXPECT_EQ(split_msdu({}, 128), (std::vector<std::vector<std::uint8_t>>{{}}));
  const std::vector<std::uint8_t> exact(256, 3);
  EXPECT_EQ(split_msdu(exact, 128).size(), 2u);
  EXPECT_THROW(split_msdu(exact, 0), std::invalid_argument);
}

}  // namespace
}  // namespace jemhead::dlms::hdlc
