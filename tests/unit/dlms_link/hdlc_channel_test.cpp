// HdlcChannel against a fake meter on a real pseudo-terminal: negotiation, sequencing,
// segmentation both ways, recovery from lost and corrupted frames, and the errors.
#include "drivers/protocol/dlms/link/hdlc_channel.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "drivers/driver_errors.hpp"
#include "drivers/protocol/dlms/hdlc/llc.hpp"
#include "drivers/transport/serial_link.hpp"
#include "tests/unit/dlms_link/fake_hdlc_meter.hpp"
#include "tests/unit/transport/pty_pair.hpp"
#include "tests/unit/transport/run_awaitable.hpp"

namespace jemhead::dlms::link {
namespace {

using namespace std::chrono_literals;
using hdlc::FrameType;
using testing::FakeHdlcMeter;
using testing::FakeMeterOptions;
using transport::testing::PtyPair;
using transport::testing::Runner;
using Bytes = std::vector<std::uint8_t>;

Bytes pattern(std::size_t n, std::uint8_t seed) {
  Bytes v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<std::uint8_t>(seed + i * 13);
  return v;
}

HdlcChannelOptions fast_options() {
  HdlcChannelOptions o;
  o.response_timeout = 250ms;
  o.inter_frame_timeout = 50ms;
  o.retries = 3;
  return o;
}

// A channel on the device side of the pty; the fake meter plays the controller side.
struct Fixture {
  explicit Fixture(FakeMeterOptions meter_options = {}, HdlcChannelOptions options = fast_options())
      : meter(pty, std::move(meter_options)),
        channel(std::make_unique<transport::SerialLink>(
                    runner.executor(), transport::SerialLinkOptions{pty.device(), 38400, {}}),
                options) {}
  ~Fixture() { channel.close(); }

  Bytes exchange(const Bytes& request) { return runner.run(channel.exchange(request)); }

  // The frames of one type the meter received.
  std::vector<std::pair<hdlc::Frame, hdlc::Control>> received(FrameType type) const {
    std::vector<std::pair<hdlc::Frame, hdlc::Control>> out;
    for (const auto& f : meter.received()) {
      const auto c = hdlc::decode_control(f.control);
      if (c && c->type == type) out.emplace_back(f, *c);
    }
    return out;
  }

  PtyPair pty;
  FakeHdlcMeter meter;
  Runner runner;
  HdlcChannel channel;
};

Bytes echoed(const Bytes& request) {
  return testing::echo_answer(request);
}

TEST(DlmsLinkHdlc, ConnectSendsOurParametersAndAppliesTheUas) {
  FakeMeterOptions meter;
  meter.limits = {64, 96, 1, 1};  // transmit 64, receive 96
  Fixture f(meter);
  EXPECT_FALSE(f.channel.connected());
  f.runner.run(f.channel.connect());
  ASSERT_TRUE(f.channel.connected());

  const auto snrms = f.received(FrameType::snrm);
  ASSERT_EQ(snrms.size(), 1u);
  // Addresses: server 00 02 00 C9 (logical 1, physical 100), client 0x21 (SAP 16).
  EXPECT_EQ(snrms[0].first.destination, hdlc::server_address(1, 100));
  EXPECT_EQ(snrms[0].first.source, hdlc::client_address(16));
  EXPECT_TRUE(snrms[0].second.poll_final);
  const auto stated = hdlc::decode_parameters(snrms[0].first.info);
  ASSERT_TRUE(stated.has_value());
  EXPECT_EQ(*stated, (hdlc::HdlcParameters{128, 128, 1, 1}));

  // Our transmit is bounded by the meter's receive and the other way round.
  EXPECT_EQ(f.channel.negotiated(), (LinkParameters{96, 64, 1, 1}));
  EXPECT_EQ(f.meter.negotiated(), (hdlc::LinkParameters{64, 96, 1, 1}));
  EXPECT_EQ(f.channel.stats().connects, 1u);
}

TEST(DlmsLinkHdlc, WindowsAboveOneAreClampedToOne) {
  FakeMeterOptions meter;
  meter.limits = {128, 128, 7, 7};
  meter.ua_parameters = hdlc::HdlcParameters{128, 128, 7, 7};  // a meter claiming window 7
  auto options = fast_options();
  options.proposed = {128, 128, 7, 7};
  Fixture f(meter, options);
  EXPECT_EQ(f.channel.options().proposed.window_transmit, 1u);
  f.runner.run(f.channel.connect());
  const auto snrms = f.received(FrameType::snrm);
  ASSERT_EQ(snrms.size(), 1u);
  EXPECT_EQ(hdlc::decode_parameters(snrms[0].first.info)->window_receive, 1u);
  EXPECT_EQ(hdlc::decode_parameters(snrms[0].first.info)->window_transmit, 1u);
  EXPECT_EQ(f.channel.negotiated(), (LinkParameters{128, 128, 1, 1}));
  EXPECT_EQ(f.exchange({0xC0, 0x01}), echoed({0xC0, 0x01}));
}

TEST(DlmsLinkHdlc, SequenceNumbersCountModuloEightOverManyExchanges) {
  Fixture f;
  f.runner.run(f.channel.connect());
  constexpr int kExchanges = 11;  // wraps past 7
  for (int i = 0; i < kExchanges; ++i) {
    const Bytes request{0xC0, 0x01, static_cast<std::uint8_t>(i)};
    EXPECT_EQ(f.exchange(request), echoed(request)) << "exchange " << i;
  }
  const auto frames = f.received(FrameType::i);
  ASSERT_EQ(frames.size(), static_cast<std::size_t>(kExchanges));
  for (int i = 0; i < kExchanges; ++i) {
    const auto& [frame, control] = frames[static_cast<std::size_t>(i)];
    EXPECT_EQ(control.send_sequence, i % 8) << i;
    EXPECT_EQ(control.receive_sequence, i % 8) << i;  // one response I frame per exchange
    EXPECT_TRUE(control.poll_final);
    EXPECT_FALSE(frame.segmented);
    EXPECT_EQ(frame.info, hdlc::add_llc(hdlc::LlcDirection::request,
                                        Bytes{0xC0, 0x01, static_cast<std::uint8_t>(i)}));
  }
  const auto s = f.channel.stats();
  EXPECT_EQ(s.exchanges, static_cast<std::uint64_t>(kExchanges));
  EXPECT_EQ(s.retransmissions, 0u);
  EXPECT_EQ(s.ignored_frames, 0u);
}

TEST(DlmsLinkHdlc, ReassemblesASegmentedResponseAcknowledgingEachSegment) {
  FakeMeterOptions meter;
  meter.limits = {32, 128, 1, 1};
  const auto big = pattern(200, 7);
  meter.answer = [&](std::span<const std::uint8_t>) { return big; };
  Fixture f(meter);
  f.runner.run(f.channel.connect());
  EXPECT_EQ(f.channel.negotiated().max_info_receive, 32u);

  EXPECT_EQ(f.exchange({0xC0, 0x01, 0x00}), big);
  // LLC + 200 bytes = 203 in 32-byte segments: 7 frames, 6 of them with the S bit, each
  // acknowledged by an RR whose N(R) counts them.
  const auto rrs = f.received(FrameType::rr);
  ASSERT_EQ(rrs.size(), 6u);
  for (std::size_t i = 0; i < rrs.size(); ++i) {
    EXPECT_EQ(rrs[i].second.receive_sequence, (i + 1) % 8) << i;
    EXPECT_TRUE(rrs[i].second.poll_final);
  }
  EXPECT_EQ(f.channel.stats().segments_in, 6u);

  // The sequence carries on: the next exchange's I frame has N(S) 1 and N(R) 7.
  EXPECT_EQ(f.exchange({0xC0, 0x02}), big);
  const auto frames = f.received(FrameType::i);
  ASSERT_EQ(frames.size(), 2u);
  EXPECT_EQ(frames[1].second.send_sequence, 1);
  EXPECT_EQ(frames[1].second.receive_sequence, 7);
}

TEST(DlmsLinkHdlc, SplitsALongRequestIntoSegmentsTheMeterAcknowledges) {
  FakeMeterOptions meter;
  meter.limits = {128, 40, 1, 1};  // the meter receives at most 40 bytes per frame
  Fixture f(meter);
  f.runner.run(f.channel.connect());
  EXPECT_EQ(f.channel.negotiated().max_info_transmit, 40u);

  const auto request = pattern(150, 3);
  EXPECT_EQ(f.exchange(request), echoed(request));
  const auto frames = f.received(FrameType::i);
  // LLC + 150 = 153 bytes: 40 + 40 + 40 + 33.
  ASSERT_EQ(frames.size(), 4u);
  for (std::size_t i = 0; i < frames.size(); ++i) {
    EXPECT_EQ(frames[i].first.segmented, i < 3) << i;
    EXPECT_EQ(frames[i].first.info.size(), i < 3 ? 40u : 33u) << i;
    EXPECT_EQ(frames[i].second.send_sequence, i) << i;
  }
  ASSERT_EQ(f.meter.requests().size(), 1u);
  EXPECT_EQ(f.meter.requests()[0], request);
  EXPECT_EQ(f.channel.stats().segments_out, 3u);
}

TEST(DlmsLinkHdlc, ALostResponseIsRecoveredByPolling) {
  Fixture f;
  f.runner.run(f.channel.connect());
  EXPECT_EQ(f.exchange({0xC0, 0x01}), echoed({0xC0, 0x01}));
  f.meter.drop_sent(1);
  const auto started = transport::Clock::now();
  EXPECT_EQ(f.exchange({0xC0, 0x02}), echoed({0xC0, 0x02}));
  EXPECT_GE(transport::Clock::now() - started, 250ms);  // one response timeout
  // The poll: RR with N(R) = 1, the response frame we still expect.
  const auto rrs = f.received(FrameType::rr);
  ASSERT_EQ(rrs.size(), 1u);
  EXPECT_EQ(rrs[0].second.receive_sequence, 1);
  EXPECT_EQ(f.received(FrameType::i).size(), 2u);  // the request went once
  EXPECT_EQ(f.channel.stats().retransmissions, 1u);
  // And the link carries on in sequence.
  EXPECT_EQ(f.exchange({0xC0, 0x03}), echoed({0xC0, 0x03}));
  EXPECT_EQ(f.received(FrameType::i).back().second.send_sequence, 2);
}

TEST(DlmsLinkHdlc, ALostRequestIsSentAgainWhenThePollShowsItMissing) {
  Fixture f;
  f.runner.run(f.channel.connect());
  f.meter.lose_requests(1);
  EXPECT_EQ(f.exchange({0xC0, 0x01, 0x42}), echoed({0xC0, 0x01, 0x42}));
  const auto frames = f.received(FrameType::i);
  ASSERT_EQ(frames.size(), 2u);  // lost, then resent with the same N(S)
  EXPECT_EQ(frames[0].second.send_sequence, 0);
  EXPECT_EQ(frames[1].second.send_sequence, 0);
  EXPECT_EQ(frames[1].first.info, frames[0].first.info);
  EXPECT_EQ(f.meter.requests().size(), 1u);
  EXPECT_EQ(f.channel.stats().retransmissions, 2u);  // the poll and the resend
}

TEST(DlmsLinkHdlc, AFrameWithABadFcsIsIgnoredAndRecovered) {
  Fixture f;
  f.runner.run(f.channel.connect());
  f.meter.corrupt_sent(1);
  EXPECT_EQ(f.exchange({0xC0, 0x01}), echoed({0xC0, 0x01}));
  const auto s = f.channel.stats();
  EXPECT_EQ(s.framing_errors, 1u);
  EXPECT_EQ(s.retransmissions, 1u);
  EXPECT_EQ(s.exchanges, 1u);
}

TEST(DlmsLinkHdlc, AFrameCutShortIsAbandonedAfterTheInterFrameTimeout) {
  Fixture f;
  f.runner.run(f.channel.connect());
  f.meter.truncate_sent(1);
  EXPECT_EQ(f.exchange({0xC0, 0x01}), echoed({0xC0, 0x01}));
  EXPECT_GE(f.channel.stats().framing_errors, 1u);
  EXPECT_EQ(f.channel.stats().retransmissions, 1u);
}

TEST(DlmsLinkHdlc, FramesForOtherStationsAreIgnored) {
  Fixture f;
  f.runner.run(f.channel.connect());
  f.meter.send_foreign_frames(true);
  EXPECT_EQ(f.exchange({0xC0, 0x01}), echoed({0xC0, 0x01}));
  EXPECT_EQ(f.exchange({0xC0, 0x02}), echoed({0xC0, 0x02}));
  const auto s = f.channel.stats();
  EXPECT_EQ(s.foreign_frames, 4u);
  EXPECT_EQ(s.retransmissions, 0u);
}

TEST(DlmsLinkHdlc, ASegmentedResponseSurvivesALostSegment) {
  FakeMeterOptions meter;
  meter.limits = {32, 128, 1, 1};
  const auto big = pattern(100, 9);
  meter.answer = [&](std::span<const std::uint8_t>) { return big; };
  Fixture f(meter);
  f.runner.run(f.channel.connect());
  f.meter.drop_sent(1);  // the first segment
  EXPECT_EQ(f.exchange({0xC0, 0x01}), big);
  EXPECT_EQ(f.channel.stats().retransmissions, 1u);
  EXPECT_EQ(f.channel.stats().segments_in, 3u);  // 103 bytes: 32+32+32+7
}

TEST(DlmsLinkHdlc, DmToSnrmIsAConnectionFailure) {
  FakeMeterOptions meter;
  meter.refuse_connection = true;
  Fixture f(meter);
  EXPECT_THROW(f.runner.run(f.channel.connect()), drivers::ConnectionFailed);
  EXPECT_FALSE(f.channel.connected());
  EXPECT_FALSE(f.channel.link().is_open());
}

TEST(DlmsLinkHdlc, DmToARequestIsAConnectionFailureAndAReconnectStartsAfresh) {
  Fixture f;
  f.runner.run(f.channel.connect());
  EXPECT_EQ(f.exchange({0xC0, 0x01}), echoed({0xC0, 0x01}));
  f.meter.answer_next_request_with(FrameType::dm);
  try {
    f.exchange({0xC0, 0x02});
    FAIL() << "DM accepted";
  } catch (const drivers::ConnectionFailed& e) {
    EXPECT_NE(std::string(e.what()).find("DM"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(f.channel.connected());
  EXPECT_THROW(f.exchange({0xC0, 0x03}), drivers::ConnectionFailed);  // not connected

  f.runner.run(f.channel.connect());
  EXPECT_EQ(f.exchange({0xC0, 0x04}), echoed({0xC0, 0x04}));
  EXPECT_EQ(f.received(FrameType::i).back().second.send_sequence, 0);
  EXPECT_EQ(f.received(FrameType::snrm).size(), 2u);
}

TEST(DlmsLinkHdlc, FrmrIsABadResponse) {
  Fixture f;
  f.runner.run(f.channel.connect());
  f.meter.answer_next_request_with(FrameType::frmr);
  EXPECT_THROW(f.exchange({0xC0, 0x01}), drivers::BadResponse);
  EXPECT_FALSE(f.channel.connected());
}

TEST(DlmsLinkHdlc, ASilentMeterIsATimeoutAfterTheRetries) {
  auto options = fast_options();
  options.response_timeout = 100ms;
  options.retries = 2;
  Fixture f({}, options);
  f.runner.run(f.channel.connect());
  f.meter.mute();
  const auto started = transport::Clock::now();
  EXPECT_THROW(f.exchange({0xC0, 0x01}), drivers::Timeout);
  const auto took = transport::Clock::now() - started;
  EXPECT_GE(took, 300ms);  // the request and two polls, 100 ms each
  EXPECT_LT(took, 2s);
  std::this_thread::sleep_for(50ms);  // the last poll reaches the meter
  EXPECT_EQ(f.received(FrameType::rr).size(), 2u);
  EXPECT_EQ(f.channel.stats().timeouts, 1u);
  EXPECT_FALSE(f.channel.connected());
}

TEST(DlmsLinkHdlc, NoUaIsATimeoutAfterSnrmWasRepeated) {
  auto options = fast_options();
  options.response_timeout = 100ms;
  options.retries = 1;
  Fixture f({}, options);
  f.meter.mute();
  EXPECT_THROW(f.runner.run(f.channel.connect()), drivers::Timeout);
  std::this_thread::sleep_for(50ms);
  EXPECT_EQ(f.received(FrameType::snrm).size(), 2u);
  EXPECT_FALSE(f.channel.connected());
}

TEST(DlmsLinkHdlc, DisconnectSendsDiscAndClosesTheLink) {
  Fixture f;
  f.runner.run(f.channel.connect());
  EXPECT_TRUE(f.meter.connected());
  EXPECT_EQ(f.exchange({0xC0, 0x01}), echoed({0xC0, 0x01}));
  f.runner.run(f.channel.disconnect());
  EXPECT_EQ(f.received(FrameType::disc).size(), 1u);
  EXPECT_FALSE(f.meter.connected());
  EXPECT_FALSE(f.channel.connected());
  EXPECT_FALSE(f.channel.link().is_open());
  EXPECT_EQ(f.channel.stats().disconnects, 1u);
  EXPECT_THROW(f.exchange({0xC0, 0x02}), drivers::ConnectionFailed);
  // A second disconnect has nothing to do.
  f.runner.run(f.channel.disconnect());
  EXPECT_EQ(f.received(FrameType::disc).size(), 1u);
}

TEST(DlmsLinkHdlc, ALinkIdleBeyondTheInactivityTimeoutMustBeReconnected) {
  auto options = fast_options();
  options.inactivity_timeout = 100ms;
  Fixture f({}, options);
  f.runner.run(f.channel.connect());
  EXPECT_EQ(f.exchange({0xC0, 0x01}), echoed({0xC0, 0x01}));
  std::this_thread::sleep_for(150ms);
  EXPECT_THROW(f.exchange({0xC0, 0x02}), drivers::ConnectionFailed);
  EXPECT_EQ(f.received(FrameType::i).size(), 1u);  // nothing sent into the dead link
  f.runner.run(f.channel.connect());
  EXPECT_EQ(f.exchange({0xC0, 0x03}), echoed({0xC0, 0x03}));
}

TEST(DlmsLinkHdlc, RejectsAddressesAndLimitsOutsideTheMetersRanges) {
  Runner runner;
  auto make = [&](HdlcChannelOptions o) {
    return HdlcChannel(std::make_unique<transport::SerialLink>(
                           runner.executor(), transport::SerialLinkOptions{"/dev/null", 9600, {}}),
                       o);
  };
  auto with = [](auto change) {
    HdlcChannelOptions o;
    change(o);
    return o;
  };
  EXPECT_THROW(make(with([](auto& o) { o.physical_address = 15; })), drivers::ConfigurationError);
  EXPECT_THROW(make(with([](auto& o) { o.physical_address = 16382; })),
               drivers::ConfigurationError);
  EXPECT_THROW(make(with([](auto& o) { o.client_sap = 128; })), drivers::ConfigurationError);
  EXPECT_THROW(make(with([](auto& o) { o.proposed.max_info_receive = 0; })),
               drivers::ConfigurationError);
  EXPECT_THROW(make(with([](auto& o) { o.proposed.max_info_transmit = 2031; })),
               drivers::ConfigurationError);
  EXPECT_THROW(make(with([](auto& o) { o.response_timeout = 0ms; })), drivers::ConfigurationError);
  EXPECT_NO_THROW(make(with([](auto& o) { o.physical_address = 16381; })));
  EXPECT_EQ(make(with([](auto& o) { o.client_sap = 2; })).describe(),
            "hdlc 2->1/100 via serial /dev/null 9600 8N1");
}

}  // namespace
}  // namespace jemhead::dlms::link
