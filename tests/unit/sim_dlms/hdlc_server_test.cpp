// The simulator's HDLC data link without any I/O: bytes in, bytes out. Addressing, the
// SNRM/UA negotiation (byte-exact), requests and answers behind the LLC header, segmented
// answers at max info 128 sent one RR at a time, recovery, DISC, DM and dropped frames.
#include "sim/dlms/hdlc_server.hpp"

#include <gtest/gtest.h>

#include "drivers/protocol/dlms/hdlc/frame_decoder.hpp"
#include "drivers/protocol/dlms/hdlc/llc.hpp"
#include "tests/support/hex.hpp"

namespace jemhead::sim::dlms_server {
namespace {

using hdlc::FrameType;
using jemhead::testing::hex;
using Bytes = std::vector<std::uint8_t>;

const hdlc::Address kMeter = hdlc::server_address(1, 100);
const hdlc::Address kPublic = hdlc::client_address(16);

struct FakeApplication final : HdlcApplication {
  bool open_link(std::uint16_t sap) override {
    opened.push_back(sap);
    return !busy;
  }
  void close_link() override { ++closed; }
  std::optional<HdlcBytes> serve(std::uint16_t sap, std::span<const std::uint8_t> apdu) override {
    requests.emplace_back(sap, Bytes(apdu.begin(), apdu.end()));
    return drop ? std::nullopt : answer;
  }
  bool drop_requested() const override { return drop; }
  bool drop = false;  // the application cuts the transfer (an injected fault)
  bool busy = false;
  std::optional<HdlcBytes> answer = Bytes{0xC4, 0x01};
  std::vector<std::uint16_t> opened;
  int closed = 0;
  std::vector<std::pair<std::uint16_t, Bytes>> requests;
};

Bytes encode(const hdlc::Address& to, const hdlc::Address& from, const hdlc::Control& c,
             std::span<const std::uint8_t> info = {}, bool segmented = false) {
  return hdlc::encode_frame(hdlc::make_frame(to, from, c, info, segmented));
}

Bytes snrm(const hdlc::Address& to = kMeter) {
  return encode(to, kPublic, hdlc::unnumbered(FrameType::snrm),
                hdlc::encode_parameters(hdlc::LinkParameters{128, 128, 1, 1}));
}

std::vector<hdlc::Frame> frames(const Bytes& bytes) {
  hdlc::FrameDecoder decoder;
  decoder.feed(bytes);
  std::vector<hdlc::Frame> out;
  while (auto f = decoder.next()) out.push_back(*f);
  return out;
}

hdlc::Control control_of(const hdlc::Frame& f) {
  return *hdlc::decode_control(f.control);
}

Bytes request_info(const Bytes& apdu) {
  return hdlc::add_llc(hdlc::LlcDirection::request, apdu);
}

struct Rig {
  Rig() : server(app, HdlcServerOptions{}) {}
  void connect() { ASSERT_EQ(frames(server.on_bytes(snrm())).size(), 1u); }
  FakeApplication app;
  HdlcServer server;
};

TEST(SimDlmsHdlcServer, SnrmToAnotherAddressIsIgnored) {
  Rig rig;
  EXPECT_TRUE(rig.server.on_bytes(snrm(hdlc::server_address(1, 101))).empty());
  EXPECT_TRUE(rig.server.on_bytes(snrm(hdlc::server_address(2, 100))).empty());
  EXPECT_TRUE(rig.server.on_bytes(snrm(hdlc::Address{1, 100, 2})).empty());
  EXPECT_FALSE(rig.server.connected());
  EXPECT_TRUE(rig.app.opened.empty());
  EXPECT_EQ(rig.server.stats().foreign_frames, 3u);
}

TEST(SimDlmsHdlcServer, SnrmIsAnsweredByUaWithTheNegotiatedParameters) {
  Rig rig;
  // Published-layout UA, checks computed independently (see dlms_hdlc meter_frames_test).
  EXPECT_EQ(rig.server.on_bytes(snrm()),
            hex("7E A0 23 21 00 02 00 C9 73 1F D1 81 80 14 05 02 00 80 06 02 00 80 07 04 00 00"
                " 00 01 08 04 00 00 00 01 CE 6A 7E"));
  EXPECT_TRUE(rig.server.connected());
  EXPECT_EQ(rig.app.opened, std::vector<std::uint16_t>{16});
}

TEST(SimDlmsHdlcServer, ASmallerProposalWinsAndWindowsStayOne) {
  Rig rig;
  const auto out =
      rig.server.on_bytes(encode(kMeter, kPublic, hdlc::unnumbered(FrameType::snrm),
                                 hdlc::encode_parameters(hdlc::LinkParameters{64, 100, 7, 7})));
  const auto ua = frames(out);
  ASSERT_EQ(ua.size(), 1u);
  // Our transmit is limited by the client's receive (100), our receive by its transmit (64).
  EXPECT_EQ(rig.server.negotiated(), (hdlc::LinkParameters{100, 64, 1, 1}));
  EXPECT_EQ(*hdlc::decode_parameters(ua[0].info), hdlc::stated({100, 64, 1, 1}));
}

TEST(SimDlmsHdlcServer, ARequestIsAnsweredBehindTheLlcHeader) {
  Rig rig;
  rig.connect();
  const auto out = frames(rig.server.on_bytes(
      encode(kMeter, kPublic, hdlc::information(0, 0), request_info({0xC0, 0x01}))));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(control_of(out[0]), hdlc::information(0, 1));
  EXPECT_FALSE(out[0].segmented);
  EXPECT_EQ(out[0].info, hex("E6 E7 00 C4 01"));
  ASSERT_EQ(rig.app.requests.size(), 1u);
  EXPECT_EQ(rig.app.requests[0].first, 16);
  EXPECT_EQ(rig.app.requests[0].second, hex("C0 01"));
}

TEST(SimDlmsHdlcServer, ALongAnswerGoesIn128ByteSegmentsOneRrAtATime) {
  Rig rig;
  rig.connect();
  Bytes answer(300);
  for (std::size_t i = 0; i < answer.size(); ++i) answer[i] = static_cast<std::uint8_t>(i * 7);
  rig.app.answer = answer;
  auto out = frames(
      rig.server.on_bytes(encode(kMeter, kPublic, hdlc::information(0, 0), request_info({0xC0}))));
  Bytes msdu;
  std::vector<std::size_t> sizes;
  for (std::uint8_t nr = 1;; ++nr) {
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(control_of(out[0]), hdlc::information(static_cast<std::uint8_t>(nr - 1), 1));
    msdu.insert(msdu.end(), out[0].info.begin(), out[0].info.end());
    sizes.push_back(out[0].info.size());
    if (!out[0].segmented) break;
    out = frames(rig.server.on_bytes(encode(kMeter, kPublic, hdlc::receive_ready(nr))));
  }
  EXPECT_EQ(sizes, (std::vector<std::size_t>{128, 128, 47}));  // 3 + 300 bytes
  EXPECT_EQ(msdu, hdlc::add_llc(hdlc::LlcDirection::response, answer));
  EXPECT_EQ(rig.server.stats().segments_out, 2u);
  // The last segment acknowledged by the next request: sequence numbers carry on.
  out = frames(
      rig.server.on_bytes(encode(kMeter, kPublic, hdlc::information(1, 3), request_info({0xC0}))));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(control_of(out[0]), hdlc::information(3, 2));
}

TEST(SimDlmsHdlcServer, AnRrThatDoesNotAcknowledgeGetsTheSegmentAgain) {
  Rig rig;
  rig.connect();
  rig.app.answer = Bytes(200, 0x11);
  const auto first =
      rig.server.on_bytes(encode(kMeter, kPublic, hdlc::information(0, 0), request_info({0xC0})));
  // The client never got N(S)=0: it polls still expecting 0.
  EXPECT_EQ(rig.server.on_bytes(encode(kMeter, kPublic, hdlc::receive_ready(0))), first);
  EXPECT_EQ(rig.server.stats().retransmissions, 1u);
  // RNR acknowledges but holds the next segment back.
  const auto held =
      frames(rig.server.on_bytes(encode(kMeter, kPublic, hdlc::receive_not_ready(1))));
  ASSERT_EQ(held.size(), 1u);
  EXPECT_EQ(control_of(held[0]).type, FrameType::rr);
  const auto next = frames(rig.server.on_bytes(encode(kMeter, kPublic, hdlc::receive_ready(1))));
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(control_of(next[0]), hdlc::information(1, 1));
  EXPECT_FALSE(next[0].segmented);
}

TEST(SimDlmsHdlcServer, ASegmentedRequestIsAcknowledgedAndJoined) {
  Rig rig;
  rig.connect();
  const auto info = request_info({0xC0, 0x01, 0x02, 0x03});
  const Bytes head(info.begin(), info.begin() + 4), tail(info.begin() + 4, info.end());
  auto out =
      frames(rig.server.on_bytes(encode(kMeter, kPublic, hdlc::information(0, 0), head, true)));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(control_of(out[0]), hdlc::receive_ready(1));
  EXPECT_TRUE(rig.app.requests.empty());
  out = frames(rig.server.on_bytes(encode(kMeter, kPublic, hdlc::information(1, 0), tail)));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(control_of(out[0]), hdlc::information(0, 2));
  ASSERT_EQ(rig.app.requests.size(), 1u);
  EXPECT_EQ(rig.app.requests[0].second, hex("C0 01 02 03"));
}

TEST(SimDlmsHdlcServer, ARepeatedIFrameIsNotServedTwice) {
  Rig rig;
  rig.connect();
  const auto request = encode(kMeter, kPublic, hdlc::information(0, 0), request_info({0xC0}));
  rig.server.on_bytes(request);
  const auto out = frames(rig.server.on_bytes(request));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(control_of(out[0]), hdlc::receive_ready(1));
  EXPECT_EQ(rig.app.requests.size(), 1u);
}

TEST(SimDlmsHdlcServer, DiscEndsTheLinkAndIsThenAnsweredDm) {
  Rig rig;
  rig.connect();
  const auto disc = encode(kMeter, kPublic, hdlc::unnumbered(FrameType::disc));
  EXPECT_EQ(rig.server.on_bytes(disc), hex("7E A0 0A 21 00 02 00 C9 73 A5 F3 7E"));  // UA
  EXPECT_FALSE(rig.server.connected());
  EXPECT_EQ(rig.app.closed, 1);
  EXPECT_EQ(rig.server.on_bytes(disc), hex("7E A0 0A 21 00 02 00 C9 1F CF 5A 7E"));  // DM
  // And so is a request outside a link.
  const auto out = frames(
      rig.server.on_bytes(encode(kMeter, kPublic, hdlc::information(0, 0), request_info({1}))));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(control_of(out[0]).type, FrameType::dm);
  EXPECT_TRUE(rig.app.requests.empty());
}

TEST(SimDlmsHdlcServer, ABusyMeterAnswersSnrmWithDm) {
  Rig rig;
  rig.app.busy = true;
  const auto out = frames(rig.server.on_bytes(snrm()));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(control_of(out[0]).type, FrameType::dm);
  EXPECT_FALSE(rig.server.connected());
  EXPECT_EQ(rig.server.stats().refused, 1u);
}

TEST(SimDlmsHdlcServer, BadChecksAreDroppedSilently) {
  Rig rig;
  auto bad_fcs = snrm();
  bad_fcs[bad_fcs.size() - 2] ^= 0x01;
  EXPECT_TRUE(rig.server.on_bytes(bad_fcs).empty());
  auto bad_hcs = snrm();
  bad_hcs[9] ^= 0x40;
  EXPECT_TRUE(rig.server.on_bytes(bad_hcs).empty());
  EXPECT_EQ(rig.server.decoder_stats().bad_fcs, 1u);
  EXPECT_EQ(rig.server.decoder_stats().bad_hcs, 1u);
  EXPECT_FALSE(rig.server.connected());
  // The line is still in step: a good frame right after is answered.
  EXPECT_EQ(frames(rig.server.on_bytes(snrm())).size(), 1u);
}

TEST(SimDlmsHdlcServer, AStalledFrameIsAbandonedAtTheInterFrameTimeout) {
  Rig rig;
  const auto whole = snrm();
  EXPECT_TRUE(rig.server.on_bytes(Bytes(whole.begin(), whole.begin() + 10)).empty());
  EXPECT_TRUE(rig.server.mid_frame());
  EXPECT_TRUE(rig.server.on_inter_frame_timeout().empty());
  EXPECT_FALSE(rig.server.mid_frame());
  EXPECT_EQ(frames(rig.server.on_bytes(whole)).size(), 1u);
}

TEST(SimDlmsHdlcServer, InactivityDropsTheLinkWithoutAWord) {
  Rig rig;
  rig.connect();
  rig.server.on_inactivity();
  EXPECT_FALSE(rig.server.connected());
  EXPECT_EQ(rig.app.closed, 1);
  EXPECT_EQ(rig.server.stats().inactivity_drops, 1u);
  const auto out = frames(rig.server.on_bytes(encode(kMeter, kPublic, hdlc::receive_ready(0))));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(control_of(out[0]).type, FrameType::dm);
}

TEST(SimDlmsHdlcServer, AnotherClientCannotTalkIntoTheLinkAndUnknownCommandsGetFrmr) {
  Rig rig;
  rig.connect();
  const auto other = hdlc::client_address(1);
  EXPECT_TRUE(
      rig.server.on_bytes(encode(kMeter, other, hdlc::information(0, 0), request_info({0xC0})))
          .empty());
  EXPECT_TRUE(rig.app.requests.empty());
  const auto out =
      frames(rig.server.on_bytes(encode(kMeter, kPublic, hdlc::unnumbered(FrameType::ua))));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(control_of(out[0]).type, FrameType::frmr);
  EXPECT_EQ(out[0].info.size(), 3u);
  EXPECT_EQ(out[0].info[0], 0x73);  // the rejected control field
}

TEST(SimDlmsHdlcServer, AnApplicationDropDropsTheLinkWithoutAWord) {
  Rig rig;
  rig.connect();
  rig.app.drop = true;
  EXPECT_TRUE(
      rig.server
          .on_bytes(encode(kMeter, kPublic, hdlc::information(0, 0), request_info({0xC0, 0x02})))
          .empty());
  EXPECT_FALSE(rig.server.connected());
  EXPECT_EQ(rig.app.closed, 1);
  EXPECT_EQ(rig.server.stats().fault_drops, 1u);
  // The client's poll for the answer finds no link.
  const auto out = frames(rig.server.on_bytes(encode(kMeter, kPublic, hdlc::receive_ready(1))));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(control_of(out[0]).type, FrameType::dm);
}

}  // namespace
}  // namespace jemhead::sim::dlms_server
