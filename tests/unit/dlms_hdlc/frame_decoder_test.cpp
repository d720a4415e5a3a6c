#include "drivers/protocol/dlms/hdlc/frame_decoder.hpp"

#include <gtest/gtest.h>

#include <random>

#include "drivers/protocol/dlms/hdlc/llc.hpp"
#include "tests/unit/dlms_hdlc/hdlc_test_support.hpp"

namespace jemhead::dlms::hdlc {
namespace {
using test::concat;
using test::hex;
namespace v = test::vectors;

std::vector<Frame> drain(FrameDecoder& d) {
  std::vector<Frame> out;
  while (auto f = d.next()) out.push_back(std::move(*f));
  return out;
}

std::vector<Frame> decode_all(const std::vector<std::uint8_t>& bytes) {
  FrameDecoder d;
  d.feed(bytes);
  return drain(d);
}

TEST(DlmsHdlcDecoder, PublishedSnrmAndUa) {
  auto frames = decode_all(hex(v::kSnrm));
  ASSERT_EQ(frames.size(), 1u);
  EXPECT_EQ(frames[0].destination, server_address(1, 17));
  EXPECT_EQ(frames[0].source, client_address(16));
  EXPECT_EQ(decode_control(frames[0].control), unnumbered(FrameType::snrm));
  EXPECT_FALSE(frames[0].segmented);
  EXPECT_TRUE(frames[0].info.empty());

  frames = decode_all(hex(v::kUa));
  ASSERT_EQ(frames.size(), 1u);
  EXPECT_EQ(frames[0].destination, client_address(16));
  EXPECT_EQ(frames[0].source, server_address(1, 17));
  EXPECT_EQ(decode_control(frames[0].control), unnumbered(FrameType::ua));
  EXPECT_EQ(frames[0].info, hex("81 80 14 05 02 00 80 06 02 00 80 07 04 00 00 00 01 08 04 00 00 "
                                "00 01"));
}

TEST(DlmsHdlcDecoder, PublishedAarqCarriesTheApduAfterTheLlc) {
  const auto frames = decode_all(hex(v::kAarqFrame));
  ASSERT_EQ(frames.size(), 1u);
  EXPECT_EQ(decode_control(frames[0].control), information(0, 0));
  const auto apdu = strip_llc(LlcDirection::request, frames[0].info);
  ASSERT_TRUE(apdu);
  EXPECT_EQ(std::vector(apdu->begin(), apdu->end()), hex(v::kAarqApdu));
  // The HCS of this frame is 7E CB: a flag value inside a frame must not end it.
  EXPECT_EQ(hex(v::kAarqFrame)[9], kFlag);
}

TEST(DlmsHdlcDecoder, OtherPublishedAddressForms) {
  auto frames = decode_all(hex(v::kSnrmTwoByteAddress));
  ASSERT_EQ(frames.size(), 1u);
  EXPECT_EQ(frames[0].destination, (Address{16, 32, 2}));
  EXPECT_EQ(frames[0].source, client_address(19));

  frames = decode_all(hex(v::kUaPhysical2836));
  ASSERT_EQ(frames.size(), 1u);
  EXPECT_EQ(frames[0].source, server_address(1, 2836));

  frames = decode_all(hex(v::kGetFrame));
  ASSERT_EQ(frames.size(), 1u);
  EXPECT_EQ(frames[0].destination, (Address{1, 0, 1}));
  EXPECT_EQ(frames[0].source, client_address(32));
  EXPECT_EQ(decode_control(frames[0].control), information(1, 5));
}

TEST(DlmsHdlcDecoder, ReencodingGivesThePublishedBytes) {
  for (auto text : {v::kSnrm, v::kUa, v::kAarqFrame, v::kSnrmTwoByteAddress, v::kUaPhysical2836,
                    v::kGetFrame}) {
    const auto frames = decode_all(hex(text));
    ASSERT_EQ(frames.size(), 1u) << text;
    EXPECT_EQ(encode_frame(frames[0]), hex(text)) << text;
  }
}

TEST(DlmsHdlcDecoder, ByteByByteDeliversOnTheClosingFlag) {
  const auto wire = hex(v::kUa);
  FrameDecoder d;
  for (std::size_t i = 0; i < wire.size(); ++i) {
    EXPECT_FALSE(d.next()) << "delivered early at byte " << i;
    d.feed(std::span(wire).subspan(i, 1));
  }
  const auto frames = drain(d);
  ASSERT_EQ(frames.size(), 1u);
  EXPECT_EQ(encode_frame(frames[0]), wire);
  EXPECT_EQ(d.stats().frames, 1u);
  EXPECT_EQ(d.stats().garbage_bytes, 0u);
}

TEST(DlmsHdlcDecoder, SplitAnywhere) {
  const auto wire = concat({hex(v::kAarqFrame), hex(v::kUa)});
  for (std::size_t cut = 0; cut <= wire.size(); ++cut) {
    FrameDecoder d;
    d.feed(std::span(wire).first(cut));
    d.feed(std::span(wire).subspan(cut));
    const auto frames = drain(d);
    ASSERT_EQ(frames.size(), 2u) << "cut at " << cut;
    EXPECT_EQ(encode_frame(frames[0]), hex(v::kAarqFrame));
    EXPECT_EQ(encode_frame(frames[1]), hex(v::kUa));
  }
}

TEST(DlmsHdlcDecoder, TwoFramesInOneChunkWithSharedOrSeparateFlags) {
  // Separate flags (7E 7E between the frames), extra fill flags, and one shared flag.
  const auto snrm = hex(v::kSnrm);
  const auto ua = hex(v::kUa);
  const auto separate = concat({snrm, hex("7E 7E"), ua});
  std::vector<std::uint8_t> shared(snrm.begin(), snrm.end() - 1);
  shared.insert(shared.end(), ua.begin(), ua.end());
  for (const auto& wire : {concat({snrm, ua}), separate, shared}) {
    FrameDecoder d;
    d.feed(wire);
    const auto frames = drain(d);
    ASSERT_EQ(frames.size(), 2u);
    EXPECT_EQ(encode_frame(frames[0]), snrm);
    EXPECT_EQ(encode_frame(frames[1]), ua);
    EXPECT_EQ(d.stats().garbage_bytes, 0u);
  }
}

TEST(DlmsHdlcDecoder, GarbageBetweenFramesIsSkippedAndCounted) {
  const auto wire =
      concat({hex("00 FF 13"), hex(v::kSnrm), hex("41 42 43 44"), hex(v::kUa), hex("99")});
  FrameDecoder d;
  d.feed(wire);
  EXPECT_EQ(drain(d).size(), 2u);
  EXPECT_EQ(d.stats().frames, 2u);
  EXPECT_EQ(d.stats().garbage_bytes, 7u);
  // 99 after the UA's closing flag might yet start a frame; only silence settles it.
  EXPECT_TRUE(d.mid_frame());
  d.on_timeout();
  EXPECT_FALSE(d.mid_frame());
  EXPECT_EQ(d.stats().garbage_bytes, 8u);
  EXPECT_EQ(d.buffered(), 0u);
}

TEST(DlmsHdlcDecoder, FlagsInsideGarbageStillResync) {
  // A stray flag followed by a plausible format byte: the false start is rejected by
  // its header (wrong HCS) and the real frame behind it is found.
  const auto wire = concat({hex("7E A1 7E"), hex(v::kUa)});
  FrameDecoder d;
  d.feed(wire);
  const auto frames = drain(d);
  ASSERT_EQ(frames.size(), 1u);
  EXPECT_EQ(encode_frame(frames[0]), hex(v::kUa));
}

TEST(DlmsHdlcDecoder, BadHcsIsRejectedBeforeTheBodyArrives) {
  auto ua = hex(v::kUa);
  ua[10] ^= 0xFF;  // first HCS byte
  FrameDecoder d;
  d.feed(std::span(ua).first(14));  // header, HCS and a little of the info
  EXPECT_EQ(d.stats().bad_hcs, 1u);
  EXPECT_FALSE(d.mid_frame());
  d.feed(std::span(ua).subspan(14));
  d.feed(hex(v::kSnrm));
  const auto frames = drain(d);
  ASSERT_EQ(frames.size(), 1u);
  EXPECT_EQ(encode_frame(frames[0]), hex(v::kSnrm));
  EXPECT_EQ(d.stats().bad_hcs, 1u);
  EXPECT_EQ(d.stats().bad_fcs, 0u);
}

TEST(DlmsHdlcDecoder, BadFcsDropsTheFrame) {
  auto aarq = hex(v::kAarqFrame);
  aarq[20] ^= 0x01;  // an info byte: the HCS still holds
  FrameDecoder d;
  d.feed(concat({aarq, hex(v::kSnrm)}));
  const auto frames = drain(d);
  ASSERT_EQ(frames.size(), 1u);
  EXPECT_EQ(decode_control(frames[0].control), unnumbered(FrameType::snrm));
  EXPECT_EQ(d.stats().bad_fcs, 1u);
  EXPECT_EQ(d.stats().frames, 1u);
}

TEST(DlmsHdlcDecoder, TruncatedFrameFollowedByAWholeOne) {
  // The AARQ lost its tail; its claimed length swallows the SNRM behind it, whose frame
  // is found when the FCS of the false candidate fails.
  const auto aarq = hex(v::kAarqFrame);
  const auto wire =
      concat({std::vector(aarq.begin(), aarq.begin() + 20), hex(v::kSnrm), hex(v::kUa)});
  FrameDecoder d;
  d.feed(wire);
  const auto frames = drain(d);
  ASSERT_EQ(frames.size(), 2u);
  EXPECT_EQ(encode_frame(frames[0]), hex(v::kSnrm));
  EXPECT_EQ(encode_frame(frames[1]), hex(v::kUa));
  EXPECT_EQ(d.stats().bad_fcs + d.stats().missing_flag, 1u);
}

TEST(DlmsHdlcDecoder, TimeoutAbandonsATruncatedFrameAndFindsWhatFollowed) {
  const auto aarq = hex(v::kAarqFrame);
  FrameDecoder d;
  d.feed(concat({std::vector(aarq.begin(), aarq.begin() + 20), hex(v::kSnrm)}));
  EXPECT_FALSE(d.next());
  EXPECT_TRUE(d.mid_frame());
  d.on_timeout();
  const auto frames = drain(d);
  ASSERT_EQ(frames.size(), 1u);
  EXPECT_EQ(encode_frame(frames[0]), hex(v::kSnrm));
  EXPECT_GE(d.stats().abandoned, 1u);
  EXPECT_FALSE(d.mid_frame());
}

TEST(DlmsHdlcDecoder, OversizeAgainstTheNegotiatedInfoLength) {
  FrameDecoder d({frame_length_for_info(128)});
  const std::vector<std::uint8_t> big(129, 0x11);
  const std::vector<std::uint8_t> fits(128, 0x22);
  const auto dst = client_address(16);
  const auto src = server_address(1, 100);
  d.feed(encode_frame(make_frame(dst, src, information(0, 1), big)));
  d.feed(encode_frame(make_frame(dst, src, information(1, 1), fits)));
  auto frames = drain(d);
  // The limit is on the length field and allows four-byte addresses both ways, so behind
  // a 1 + 4 byte address pair even 129 info bytes fit (length 141 <= 143).
  ASSERT_EQ(frames.size(), 2u);
  d.set_max_frame_length(frame_length_for_info(128) - 4);
  d.feed(encode_frame(make_frame(dst, src, information(0, 1), big)));
  d.feed(encode_frame(make_frame(dst, src, information(1, 1), fits)));
  d.feed(hex(v::kSnrm));
  frames = drain(d);
  ASSERT_EQ(frames.size(), 1u);
  EXPECT_EQ(encode_frame(frames[0]), hex(v::kSnrm));
  EXPECT_EQ(d.stats().oversize, 2u);
}

TEST(DlmsHdlcDecoder, BadFormatLengthAddressAndMissingFlag) {
  auto wrong_type = hex(v::kSnrm);
  wrong_type[1] = 0x80;  // format type 0 instead of 3
  const auto too_short = hex("7E A0 05 03 21 93 7E");
  // Destination 00 02 01: the undefined three-byte form.
  const auto three_byte_address = hex("7E A0 0A 00 02 01 21 93 00 00 7E");
  // Three bytes after the control: neither "no info" (2) nor "HCS + info + FCS" (>= 5).
  const auto odd_length = hex("7E A0 08 03 21 13 00 00 00 7E");
  auto no_flag = hex(v::kSnrm);
  no_flag.back() = 0x00;

  FrameDecoder d;
  d.feed(concat({wrong_type, too_short, three_byte_address, odd_length, no_flag, hex(v::kUa)}));
  const auto frames = drain(d);
  ASSERT_EQ(frames.size(), 1u);
  EXPECT_EQ(encode_frame(frames[0]), hex(v::kUa));
  EXPECT_EQ(d.stats().bad_format, 1u);
  EXPECT_EQ(d.stats().bad_length, 2u);
  EXPECT_EQ(d.stats().bad_address, 1u);
  EXPECT_EQ(d.stats().missing_flag, 1u);
  EXPECT_EQ(d.stats().bad_fcs + d.stats().bad_hcs, 0u);
}

TEST(DlmsHdlcDecoder, RandomFramesInRandomChunksWithGarbage) {
  std::mt19937 rng(5);
  auto byte = [&] { return static_cast<std::uint8_t>(rng() & 0xFF); };
  std::vector<Frame> sent;
  std::vector<std::uint8_t> wire;
  for (int i = 0; i < 300; ++i) {
    Frame f;
    f.destination = (i % 2) ? server_address(1, 16 + rng() % 16366) : client_address(rng() % 128);
    f.source = (i % 2) ? client_address(rng() % 128)
                       : Address{static_cast<std::uint16_t>(rng() % 128),
                                 static_cast<std::uint16_t>(rng() % 128), 2};
    f.control = encode_control(information(rng() % 8, rng() % 8, rng() % 2));
    f.segmented = rng() % 4 == 0;
    f.info.resize(rng() % 140);
    for (auto& b : f.info) b = byte();
    sent.push_back(f);
    const auto bytes = encode_frame(f);
    wire.insert(wire.end(), bytes.begin(), bytes.end());
    for (std::size_t g = rng() % 4; g > 0; --g) {
      std::uint8_t junk = byte();
      if (junk == kFlag) junk = 0;
      wire.push_back(junk);
    }
  }
  FrameDecoder d;
  std::vector<Frame> got;
  for (std::size_t at = 0; at < wire.size();) {
    const std::size_t n = std::min<std::size_t>(wire.size() - at, 1 + rng() % 64);
    d.feed(std::span(wire).subspan(at, n));
    at += n;
    for (auto& f : drain(d)) got.push_back(std::move(f));
    EXPECT_LE(d.buffered(), kMaxFrameLength + 2);
  }
  ASSERT_EQ(got.size(), sent.size());
  for (std::size_t i = 0; i < sent.size(); ++i) EXPECT_EQ(got[i], sent[i]) << "frame " << i;
  // Garbage right after a closing flag is taken for a frame start and rejected (counted
  // under bad_format/length/address/hcs/fcs): that must never cost a real frame.
  EXPECT_EQ(d.stats().frames, sent.size());
}

TEST(DlmsHdlcDecoder, ResetForgetsEverything) {
  const auto ua = hex(v::kUa);
  FrameDecoder d;
  d.feed(hex(v::kSnrm));
  d.feed(std::span(ua).first(15));
  EXPECT_TRUE(d.mid_frame());
  d.reset();
  EXPECT_FALSE(d.next());
  EXPECT_EQ(d.buffered(), 0u);
  EXPECT_EQ(d.stats().abandoned, 1u);
  d.feed(ua);
  EXPECT_TRUE(d.next());
}

}  // namespace
}  // namespace jemhead::dlms::hdlc
