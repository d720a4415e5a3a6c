// TcpLink over real loopback sockets: round trips, refused / timed-out / reset / closed
// connections told apart, read and write deadlines, name resolution, IPv6.
#include "drivers/transport/tcp_link.hpp"

#include <gtest/gtest.h>

#include <boost/asio/ip/tcp.hpp>
#include <thread>

#include "tests/unit/transport/loopback_peer.hpp"
#include "tests/unit/transport/run_awaitable.hpp"

namespace jemhead::transport {
namespace {

using namespace std::chrono_literals;
using boost::asio::awaitable;
using testing::LoopbackListener;
using testing::Runner;

std::vector<std::uint8_t> bytes(std::string_view s) {
  return {s.begin(), s.end()};
}

TcpLinkOptions loopback(std::uint16_t port, std::string host = "127.0.0.1") {
  TcpLinkOptions o;
  o.host = std::move(host);
  o.port = port;
  o.connect_timeout = 2s;
  return o;
}

struct Caught {
  std::error_code code;
  std::string what;
};

// Runs `body` and returns the TransportError it threw (or an empty Caught).
template <typename Body>
awaitable<Caught> catching(Body body) {
  try {
    co_await body();
  } catch (const TransportError& e) {
    co_return Caught{e.code(), e.what()};
  }
  co_return Caught{};
}

TEST(TransportError, MessagesNameTheLinkAndTheReason) {
  TransportError e(TransportErrc::connection_refused, "tcp 127.0.0.1:502", "Connection refused");
  EXPECT_EQ(std::string(e.what()), "tcp 127.0.0.1:502: connection refused: Connection refused");
  EXPECT_EQ(e.errc(), TransportErrc::connection_refused);
  EXPECT_EQ(e.code().category().name(), std::string("jemhead.transport"));
  std::error_code code = TransportErrc::response_timeout;
  EXPECT_EQ(code.message(), "no response before the timeout");
  EXPECT_NE(make_error_code(TransportErrc::connect_timeout),
            make_error_code(TransportErrc::response_timeout));
}

TEST(TcpLink, RejectsMissingHostOrPort) {
  Runner runner;
  try {
    TcpLink link(runner.executor(), loopback(0));
    FAIL() << "port 0 accepted";
  } catch (const TransportError& e) {
    EXPECT_EQ(e.errc(), TransportErrc::invalid_options);
  }
  EXPECT_THROW(TcpLink(runner.executor(), loopback(502, "")), TransportError);
}

TEST(TcpLink, ConnectsWritesAndReadsOverLoopback) {
  Runner runner;
  LoopbackListener listener;
  TcpLink link(runner.executor(), loopback(listener.port()));
  EXPECT_EQ(link.describe(), "tcp 127.0.0.1:" + std::to_string(listener.port()));
  EXPECT_FALSE(link.is_open());

  runner.run(link.open());
  ASSERT_TRUE(link.is_open());
  const int peer = listener.accept(2s);
  ASSERT_GE(peer, 0);
  EXPECT_EQ(link.remote_endpoint(), "127.0.0.1:" + std::to_string(listener.port()));
  EXPECT_EQ(link.local_endpoint().rfind("127.0.0.1:", 0), 0u);

  runner.run(link.write_all(bytes("hello modbus"), deadline_after(2s)));
  EXPECT_EQ(testing::receive(peer, 12, 2s), bytes("hello modbus"));

  testing::send_all(peer, bytes("reply"));
  std::vector<std::uint8_t> got;
  runner.run([&]() -> awaitable<void> {
    std::array<std::uint8_t, 64> buffer{};
    while (got.size() < 5) {
      const auto n = co_await link.read_some(buffer, deadline_after(2s));
      if (n == 0) break;
      got.insert(got.end(), buffer.begin(), buffer.begin() + n);
    }
  }());
  EXPECT_EQ(got, bytes("reply"));

  const auto s = link.stats();
  EXPECT_EQ(s.opens, 1u);
  EXPECT_EQ(s.bytes_out, 12u);
  EXPECT_EQ(s.bytes_in, 5u);
  EXPECT_EQ(s.writes, 1u);
  EXPECT_GE(s.reads, 1u);
  EXPECT_EQ(s.read_timeouts, 0u);
  link.close();
  EXPECT_FALSE(link.is_open());
  testing::close_fd(peer);
}

TEST(TcpLink, RefusedConnectionIsReportedAsRefusedNamingHostAndPort) {
  Runner runner;
  const auto port = testing::unused_port();
  TcpLink link(runner.executor(), loopback(port));
  auto caught = runner.run(catching([&] { return link.open(); }));
  EXPECT_EQ(caught.code, TransportErrc::connection_refused);
  EXPECT_NE(caught.what.find("tcp 127.0.0.1:" + std::to_string(port) + ": connection refused"),
            std::string::npos)
      << caught.what;
  EXPECT_EQ(link.stats().open_failures, 1u);
  EXPECT_FALSE(link.is_open());
}

TEST(TcpLink, ReadDeadlineReturnsZeroAndTheLinkStaysUsable) {
  Runner runner;
  LoopbackListener listener;
  TcpLink link(runner.executor(), loopback(listener.port()));
  runner.run(link.open());
  const int peer = listener.accept(2s);
  ASSERT_GE(peer, 0);

  std::array<std::uint8_t, 16> buffer{};
  const auto started = Clock::now();
  const auto n = runner.run(link.read_some(buffer, deadline_after(150ms)));
  const auto waited = Clock::now() - started;
  EXPECT_EQ(n, 0u);
  EXPECT_GE(waited, 150ms);
  EXPECT_LT(waited, 1s);
  EXPECT_EQ(link.stats().read_timeouts, 1u);
  EXPECT_TRUE(link.is_open());

  testing::send_all(peer, bytes("late"));
  std::size_t total = 0;
  while (total < 4) {
    const auto m = runner.run(link.read_some(std::span(buffer).subspan(total), deadline_after(2s)));
    ASSERT_GT(m, 0u);
    total += m;
  }
  EXPECT_EQ(std::string(buffer.begin(), buffer.begin() + 4), "late");
  testing::close_fd(peer);
}

TEST(TcpLink, AnExpiredDeadlineStillReturnsBytesAlreadyReceived) {
  Runner runner;
  LoopbackListener listener;
  TcpLink link(runner.executor(), loopback(listener.port()));
  runner.run(link.open());
  const int peer = listener.accept(2s);
  testing::send_all(peer, bytes("abc"));
  std::this_thread::sleep_for(50ms);  // let the bytes reach the link's socket

  std::array<std::uint8_t, 16> buffer{};
  EXPECT_EQ(runner.run(link.read_some(buffer, Clock::now() - 1s)), 3u);
  // Nothing more waiting: an expired deadline returns 0 at once.
  const auto started = Clock::now();
  EXPECT_EQ(runner.run(link.read_some(buffer, Clock::now() - 1s)), 0u);
  EXPECT_LT(Clock::now() - started, 100ms);
  testing::close_fd(peer);
}

TEST(TcpLink, PeerCloseAndPeerResetAreDistinguished) {
  Runner runner;
  LoopbackListener listener;
  std::array<std::uint8_t, 16> buffer{};

  TcpLink closed_link(runner.executor(), loopback(listener.port()));
  runner.run(closed_link.open());
  testing::close_fd(listener.accept(2s));
  auto closed = runner.run(catching(
      [&]() -> awaitable<void> { co_await closed_link.read_some(buffer, deadline_after(2s)); }));
  EXPECT_EQ(closed.code, TransportErrc::connection_closed) << closed.what;

  TcpLink reset_link(runner.executor(), loopback(listener.port()));
  runner.run(reset_link.open());
  testing::close_with_reset(listener.accept(2s));
  auto reset = runner.run(catching(
      [&]() -> awaitable<void> { co_await reset_link.read_some(buffer, deadline_after(2s)); }));
  EXPECT_EQ(reset.code, TransportErrc::connection_reset) << reset.what;
  EXPECT_NE(reset.what.find(std::to_string(listener.port())), std::string::npos);
  EXPECT_EQ(reset_link.stats().errors, 1u);
}

TEST(TcpLink, ZeroConnectTimeoutFailsWithoutConnecting) {
  Runner runner;
  LoopbackListener listener;
  auto options = loopback(listener.port());
  options.connect_timeout = 0ms;
  TcpLink link(runner.executor(), options);
  auto caught = runner.run(catching([&] { return link.open(); }));
  EXPECT_EQ(caught.code, TransportErrc::connect_timeout);
  EXPECT_EQ(listener.accept(100ms), -1);  // no connection was attempted
}

// A listener whose accept queue is full drops further SYNs (Linux), so a connect to it
// hangs like one to a silent host: a real connect timeout, on loopback only.
TEST(TcpLink, ConnectTimesOutAgainstAListenerWithAFullBacklog) {
  Runner runner;
  LoopbackListener listener(0);
  testing::FullBacklog full(listener);
  if (!full.connects_hang()) GTEST_SKIP() << "this kernel completes connects beyond the backlog";

  auto options = loopback(listener.port());
  options.connect_timeout = 200ms;
  TcpLink link(runner.executor(), options);
  const auto started = Clock::now();
  auto caught = runner.run(catching([&] { return link.open(); }));
  const auto waited = Clock::now() - started;
  EXPECT_EQ(caught.code, TransportErrc::connect_timeout) << caught.what;
  EXPECT_GE(waited, 200ms);
  EXPECT_LT(waited, 2s);
  EXPECT_NE(caught.what.find("tcp 127.0.0.1:" + std::to_string(listener.port())),
            std::string::npos);
}

TEST(TcpLink, WriteDeadlineWhenThePeerStopsReading) {
  Runner runner;
  LoopbackListener listener;
  TcpLink link(runner.executor(), loopback(listener.port()));
  runner.run(link.open());
  const int peer = listener.accept(2s);  // accepted, never read
  const std::vector<std::uint8_t> big(64 << 20, 0x55);
  const auto started = Clock::now();
  auto caught = runner.run(catching([&] { return link.write_all(big, deadline_after(300ms)); }));
  EXPECT_EQ(caught.code, TransportErrc::write_timeout);
  EXPECT_GE(Clock::now() - started, 300ms);
  const auto s = link.stats();
  EXPECT_EQ(s.write_timeouts, 1u);
  EXPECT_EQ(s.writes, 0u);
  testing::close_fd(peer);
}

TEST(TcpLink, ResolvesAHostName) {
  Runner runner;
  LoopbackListener listener;
  // "localhost" comes from /etc/hosts; it may list ::1 first, which refuses, and the
  // link must go on to 127.0.0.1.
  TcpLink link(runner.executor(), loopback(listener.port(), "localhost"));
  runner.run(link.open());
  const int peer = listener.accept(2s);
  EXPECT_GE(peer, 0);
  EXPECT_EQ(link.remote_endpoint(), "127.0.0.1:" + std::to_string(listener.port()));
  testing::close_fd(peer);
}

TEST(TcpLink, ConnectsOverIpv6Loopback) {
  std::unique_ptr<LoopbackListener> listener;
  try {
    listener = std::make_unique<LoopbackListener>(16, "::1");
  } catch (const std::system_error&) {
    GTEST_SKIP() << "no IPv6 loopback here";
  }
  Runner runner;
  TcpLink link(runner.executor(), loopback(listener->port(), "::1"));
  EXPECT_EQ(link.describe(), "tcp [::1]:" + std::to_string(listener->port()));
  runner.run(link.open());
  const int peer = listener->accept(2s);
  ASSERT_GE(peer, 0);
  runner.run(link.write_all(bytes("v6"), deadline_after(1s)));
  EXPECT_EQ(testing::receive(peer, 2, 2s), bytes("v6"));
  testing::close_fd(peer);
}

TEST(TcpLink, IoBeforeOpenIsNotOpen) {
  Runner runner;
  TcpLink link(runner.executor(), loopback(testing::unused_port()));
  auto caught =
      runner.run(catching([&] { return link.write_all(bytes("x"), deadline_after(1s)); }));
  EXPECT_EQ(caught.code, TransportErrc::not_open);
}

}  // namespace
}  // namespace jemhead::transport
