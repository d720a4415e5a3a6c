// WrapperChannel against a fake meter on loopback TCP: ports both ways, responses split
// across TCP segments, wrong ports, broken headers, silence and disconnect.
#include "drivers/protocol/dlms/link/wrapper_channel.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <thread>

#include "drivers/driver_errors.hpp"
#include "drivers/protocol/dlms/wrapper/wrapper_frame.hpp"
#include "drivers/transport/tcp_link.hpp"
#include "tests/unit/transport/loopback_peer.hpp"
#include "tests/unit/transport/run_awaitable.hpp"

namespace jemhead::dlms::link {
namespace {

using namespace std::chrono_literals;
using transport::testing::LoopbackListener;
using transport::testing::Runner;
using Bytes = std::vector<std::uint8_t>;

// One request as the meter read it, or nullopt when the connection ended or went quiet.
std::optional<wrapper::WrapperFrame> read_request(int fd, std::chrono::milliseconds timeout) {
  const auto head = transport::testing::receive(fd, wrapper::kHeaderSize, timeout);
  if (head.size() != wrapper::kHeaderSize) return std::nullopt;
  const auto header =
      wrapper::decode_header(std::span<const std::uint8_t, wrapper::kHeaderSize>(head.data(), 8));
  auto apdu = transport::testing::receive(fd, header.length, timeout);
  if (apdu.size() != header.length) return std::nullopt;
  return wrapper::WrapperFrame{header.source, header.destination, std::move(apdu)};
}

// The meter: accepts one connection and hands it to `serve` on its own thread.
struct FakeWrapperMeter {
  explicit FakeWrapperMeter(std::function<void(int fd)> serve)
      : thread([this, serve = std::move(serve)] {
          const int fd = listener.accept(5s);
          if (fd < 0) return;
          serve(fd);
          transport::testing::close_fd(fd);
        }) {}
  ~FakeWrapperMeter() { thread.join(); }

  LoopbackListener listener;
  std::thread thread;
};

WrapperChannelOptions fast_options() {
  WrapperChannelOptions o;
  o.response_timeout = 300ms;
  return o;
}

std::unique_ptr<transport::Link> tcp_to(Runner& runner, std::uint16_t port) {
  transport::TcpLinkOptions o;
  o.host = "127.0.0.1";
  o.port = port;
  o.connect_timeout = 2s;
  return std::make_unique<transport::TcpLink>(runner.executor(), o);
}

TEST(DlmsLinkWrapper, CarriesApdusBetweenTheClientSapAndTheLogicalDevice) {
  std::vector<wrapper::WrapperFrame> seen;
  FakeWrapperMeter meter([&](int fd) {
    while (auto request = read_request(fd, 2s)) {
      seen.push_back(*request);
      Bytes answer{0xC4, 0x01};
      answer.insert(answer.end(), request->apdu.begin(), request->apdu.end());
      const auto message = wrapper::encode_wrapper(request->destination, request->source, answer);
      // The response in two TCP segments, the header split.
      const auto half = static_cast<std::ptrdiff_t>(5);
      transport::testing::send_all(fd, Bytes(message.begin(), message.begin() + half));
      std::this_thread::sleep_for(20ms);
      transport::testing::send_all(fd, Bytes(message.begin() + half, message.end()));
    }
  });
  Runner runner;
  auto options = fast_options();
  options.client_wport = 2;
  WrapperChannel channel(tcp_to(runner, meter.listener.port()), options);
  EXPECT_EQ(channel.describe(),
            "wrapper 2->1 via tcp 127.0.0.1:" + std::to_string(meter.listener.port()));
  runner.run(channel.connect());
  ASSERT_TRUE(channel.connected());
  EXPECT_EQ(channel.negotiated().window_transmit, 1u);

  for (std::uint8_t i = 0; i < 3; ++i) {
    const Bytes request{0xC0, 0x01, i};
    EXPECT_EQ(runner.run(channel.exchange(request)), (Bytes{0xC4, 0x01, 0xC0, 0x01, i}));
  }
  const auto s = channel.stats();
  EXPECT_EQ(s.exchanges, 3u);
  EXPECT_EQ(s.frames_out, 3u);
  EXPECT_EQ(s.bytes_out, 3u * (8 + 3));
  runner.run(channel.disconnect());
  EXPECT_FALSE(channel.connected());
  EXPECT_EQ(channel.stats().disconnects, 1u);
  meter.thread.join();  // the meter saw the connection end
  meter.thread = std::thread([] {});
  ASSERT_EQ(seen.size(), 3u);
  for (const auto& frame : seen) {
    EXPECT_EQ(frame.source, 2);
    EXPECT_EQ(frame.destination, 1);
  }
  EXPECT_EQ(seen[2].apdu, (Bytes{0xC0, 0x01, 0x02}));
}

TEST(DlmsLinkWrapper, AResponseWithOtherPortsIsABadResponse) {
  FakeWrapperMeter meter([&](int fd) {
    if (auto request = read_request(fd, 2s))
      transport::testing::send_all(fd, wrapper::encode_wrapper(1, 17, Bytes{0xC4, 0x01}));
    read_request(fd, 2s);  // until the client closes
  });
  Runner runner;
  WrapperChannel channel(tcp_to(runner, meter.listener.port()), fast_options());
  runner.run(channel.connect());
  try {
    runner.run(channel.exchange(Bytes{0xC0, 0x01}));
    FAIL() << "wrong ports accepted";
  } catch (const drivers::BadResponse& e) {
    EXPECT_NE(std::string(e.what()).find("to wPort 17, expected 1 to 16"), std::string::npos)
        << e.what();
  }
  EXPECT_FALSE(channel.connected());
}

TEST(DlmsLinkWrapper, ABrokenHeaderIsABadResponse) {
  FakeWrapperMeter meter([&](int fd) {
    if (read_request(fd, 2s))
      transport::testing::send_all(fd, Bytes{0x00, 0x02, 0x00, 0x01, 0x00, 0x10, 0x00, 0x01, 0xC4});
    read_request(fd, 2s);
  });
  Runner runner;
  WrapperChannel channel(tcp_to(runner, meter.listener.port()), fast_options());
  runner.run(channel.connect());
  EXPECT_THROW(runner.run(channel.exchange(Bytes{0xC0, 0x01})), drivers::BadResponse);
  EXPECT_EQ(channel.stats().framing_errors, 1u);
  EXPECT_FALSE(channel.connected());
}

TEST(DlmsLinkWrapper, SilenceIsATimeoutAndTheConnectionIsDropped) {
  bool saw_close = false;
  FakeWrapperMeter meter([&](int fd) {
    read_request(fd, 2s);  // never answered
    // The client closes the connection, so that a late answer cannot be taken for the
    // next request's.
    saw_close = !read_request(fd, 2s).has_value();
  });
  Runner runner;
  WrapperChannel channel(tcp_to(runner, meter.listener.port()), fast_options());
  runner.run(channel.connect());
  const auto started = transport::Clock::now();
  EXPECT_THROW(runner.run(channel.exchange(Bytes{0xC0, 0x01})), drivers::Timeout);
  EXPECT_GE(transport::Clock::now() - started, 300ms);
  EXPECT_FALSE(channel.connected());
  EXPECT_EQ(channel.stats().timeouts, 1u);
  EXPECT_THROW(runner.run(channel.exchange(Bytes{0xC0, 0x01})), drivers::ConnectionFailed);
  meter.thread.join();
  meter.thread = std::thread([] {});
  EXPECT_TRUE(saw_close);
}

TEST(DlmsLinkWrapper, NothingListeningIsAConnectionFailure) {
  Runner runner;
  WrapperChannel channel(tcp_to(runner, transport::testing::unused_port()), fast_options());
  EXPECT_THROW(runner.run(channel.connect()), drivers::ConnectionFailed);
  EXPECT_FALSE(channel.connected());
}

}  // namespace
}  // namespace jemhead::dlms::link
