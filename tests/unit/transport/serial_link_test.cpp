// SerialLink over real pseudo-terminals: line settings, round trips at the meter's baud
// rates, RS-485 delays, deadlines, stale input, and silence detection between bursts.
#include "drivers/transport/serial_link.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "drivers/transport/silence.hpp"
#include "tests/unit/transport/pty_pair.hpp"
#include "tests/unit/transport/run_awaitable.hpp"

namespace jemhead::transport {
namespace {

using namespace std::chrono_literals;
using boost::asio::awaitable;
using testing::PtyPair;
using testing::Runner;

std::vector<std::uint8_t> pattern(std::size_t n, std::uint8_t seed) {
  std::vector<std::uint8_t> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<std::uint8_t>(seed + i * 7);
  return v;
}

// Reads until `n` bytes arrived or the deadline passed.
awaitable<std::vector<std::uint8_t>> read_exactly(Link& link, std::size_t n, Deadline deadline) {
  std::vector<std::uint8_t> got;
  std::array<std::uint8_t, 256> buffer{};
  while (got.size() < n) {
    const auto m = co_await link.read_some(buffer, deadline);
    if (m == 0) break;
    got.insert(got.end(), buffer.begin(), buffer.begin() + m);
  }
  co_return got;
}

speed_t speed_constant(std::uint32_t baud) {
  switch (baud) {
    case 1200: return B1200;
    case 2400: return B2400;
    case 4800: return B4800;
    case 9600: return B9600;
    case 19200: return B19200;
    case 38400: return B38400;
  }
  return B0;
}

TEST(SerialLink, AcceptsOnlyTheMetersBaudRatesAndSaneDelays) {
  Runner runner;
  for (std::uint32_t baud : {1200u, 2400u, 4800u, 9600u, 19200u, 38400u}) {
    EXPECT_TRUE(is_supported_baud(baud)) << baud;
    EXPECT_NO_THROW(SerialLink(runner.executor(), {"/dev/null", baud, {}}));
  }
  for (std::uint32_t baud : {0u, 300u, 14400u, 57600u, 115200u}) {
    EXPECT_FALSE(is_supported_baud(baud)) << baud;
    try {
      SerialLink link(runner.executor(), {"/dev/ttyS9", baud, {}});
      ADD_FAILURE() << "baud " << baud << " accepted";
    } catch (const TransportError& e) {
      EXPECT_EQ(e.errc(), TransportErrc::invalid_options);
      EXPECT_NE(std::string(e.what()).find(std::to_string(baud)), std::string::npos);
    }
  }
  EXPECT_THROW(SerialLink(runner.executor(), {"", 9600, {}}), TransportError);
  EXPECT_THROW(SerialLink(runner.executor(), {"/dev/ttyS9", 9600, {0ms, 0ms, 10001ms}}),
               TransportError);
}

TEST(SerialLink, AMissingDeviceFailsToOpenNamingIt) {
  Runner runner;
  SerialLink link(runner.executor(), {"/dev/jemhead-no-such-tty", 9600, {}});
  try {
    runner.run(link.open());
    FAIL() << "opened a missing device";
  } catch (const TransportError& e) {
    EXPECT_EQ(e.errc(), TransportErrc::device_open_failed);
    EXPECT_NE(std::string(e.what()).find("serial /dev/jemhead-no-such-tty 9600 8N1"),
              std::string::npos)
        << e.what();
  }
  EXPECT_EQ(link.stats().open_failures, 1u);
  EXPECT_FALSE(link.is_open());
}

class SerialRoundTrip : public ::testing::TestWithParam<std::uint32_t> {};

TEST_P(SerialRoundTrip, ConfiguresTheLineAndCarriesBytesBothWays) {
  const auto baud = GetParam();
  PtyPair pty;
  Runner runner;
  SerialLink link(runner.executor(), {pty.device(), baud, {}});
  EXPECT_EQ(link.describe(), "serial " + pty.device() + " " + std::to_string(baud) + " 8N1");
  runner.run(link.open());
  ASSERT_TRUE(link.is_open());

  const termios t = pty.device_settings();
  EXPECT_EQ(cfgetospeed(&t), speed_constant(baud));
  EXPECT_EQ(cfgetispeed(&t), speed_constant(baud));
  EXPECT_EQ(t.c_cflag & CSIZE, static_cast<tcflag_t>(CS8));
  EXPECT_EQ(t.c_cflag & PARENB, 0u);
  EXPECT_EQ(t.c_cflag & CSTOPB, 0u);
  EXPECT_EQ(t.c_cflag & CRTSCTS, 0u);
  EXPECT_EQ(t.c_iflag & (IXON | IXOFF), 0u);
  EXPECT_EQ(t.c_lflag & (ICANON | ECHO), 0u);

  // Out: the write is not done before the bytes have had time to cross the wire.
  const auto request = pattern(20, static_cast<std::uint8_t>(baud));
  const auto started = Clock::now();
  runner.run(link.write_all(request, deadline_after(5s)));
  EXPECT_GE(Clock::now() - started, wire_time(request.size(), baud));
  EXPECT_EQ(pty.read(request.size(), 2s), request);

  // In, including bytes a tty would otherwise translate (CR, NL, XON/XOFF, 0xFF).
  auto response = pattern(40, 3);
  response[0] = '\r';
  response[1] = '\n';
  response[2] = 0x11;
  response[3] = 0x13;
  response[4] = 0xFF;
  pty.write(response);
  EXPECT_EQ(runner.run(read_exactly(link, response.size(), deadline_after(2s))), response);

  const auto s = link.stats();
  EXPECT_EQ(s.bytes_out, 20u);
  EXPECT_EQ(s.bytes_in, 40u);
  EXPECT_EQ(s.writes, 1u);
  ASSERT_TRUE(link.last_byte_received().has_value());
}

INSTANTIATE_TEST_SUITE_P(MeterBaudRates, SerialRoundTrip,
                         ::testing::Values(1200u, 9600u, 19200u, 38400u));

TEST(SerialLink, Rs485TurnaroundIsMeasuredFromTheLastByteReceived) {
  PtyPair pty;
  Runner runner;
  SerialLink link(runner.executor(), {pty.device(), 38400, {40ms, 0ms, 0ms}});
  runner.run(link.open());

  pty.write(pattern(5, 1));
  ASSERT_EQ(runner.run(read_exactly(link, 5, deadline_after(2s))).size(), 5u);
  const auto last_rx = *link.last_byte_received();

  runner.run(link.write_all(pattern(3, 9), deadline_after(2s)));
  ASSERT_TRUE(pty.readable_within(2s));
  const auto arrived = Clock::now();
  EXPECT_GE(arrived - last_rx, 40ms);
  EXPECT_LT(arrived - last_rx, 500ms);
  EXPECT_EQ(pty.read(3, 1s), pattern(3, 9));

  // Turnaround does not apply when nothing was received recently.
  std::this_thread::sleep_for(50ms);
  const auto started = Clock::now();
  runner.run(link.write_all(pattern(3, 9), deadline_after(2s)));
  EXPECT_LT(Clock::now() - started, 30ms);
  EXPECT_EQ(pty.read(3, 1s), pattern(3, 9));
}

TEST(SerialLink, Rs485TxStartAndEndDelaysFrameEachTransmission) {
  PtyPair pty;
  Runner runner;
  SerialLink link(runner.executor(), {pty.device(), 9600, {0ms, 40ms, 40ms}});
  runner.run(link.open());
  const auto frame = pattern(8, 4);
  const auto started = Clock::now();
  std::optional<Clock::time_point> arrived;
  std::thread far_end([&] {
    if (pty.readable_within(2s)) arrived = Clock::now();
  });
  runner.run(link.write_all(frame, deadline_after(2s)));
  const auto done = Clock::now();
  far_end.join();
  ASSERT_TRUE(arrived.has_value());
  // Key-up: nothing on the line for the TX start delay.
  EXPECT_GE(*arrived - started, 40ms);
  // Hold: write_all returns after start delay + wire time (8.3 ms) + end delay.
  EXPECT_GE(done - started, 40ms + wire_time(frame.size(), 9600) + 40ms);
  EXPECT_LT(done - started, 600ms);
  EXPECT_EQ(pty.read(8, 1s), frame);
}

TEST(SerialLink, DelaysThatWouldOverrunTheDeadlineAreAWriteTimeout) {
  PtyPair pty;
  Runner runner;
  SerialLink link(runner.executor(), {pty.device(), 9600, {0ms, 200ms, 0ms}});
  runner.run(link.open());
  try {
    runner.run(link.write_all(pattern(4, 0), deadline_after(50ms)));
    FAIL() << "the write ignored its deadline";
  } catch (const TransportError& e) {
    EXPECT_EQ(e.errc(), TransportErrc::write_timeout);
  }
  EXPECT_FALSE(pty.readable_within(100ms));  // nothing was sent
}

TEST(SerialLink, ReadDeadlineAndStaleInput) {
  PtyPair pty;
  Runner runner;
  SerialLink link(runner.executor(), {pty.device(), 19200, {}});
  runner.run(link.open());
  std::array<std::uint8_t, 32> buffer{};
  const auto started = Clock::now();
  EXPECT_EQ(runner.run(link.read_some(buffer, deadline_after(80ms))), 0u);
  EXPECT_GE(Clock::now() - started, 80ms);
  EXPECT_EQ(link.stats().read_timeouts, 1u);

  pty.write(pattern(10, 0));
  std::this_thread::sleep_for(50ms);
  EXPECT_EQ(link.discard_input(), 10u);
  EXPECT_EQ(runner.run(link.read_some(buffer, deadline_after(50ms))), 0u);
}

// The pattern the RTU layer uses: read with the detector's deadline, feed bytes, and act on
// silence between bursts.
TEST(SerialLink, SilenceDetectorSeparatesBurstsOnARealLine) {
  PtyPair pty;
  Runner runner;
  SerialLink link(runner.executor(), {pty.device(), 19200, {}});
  runner.run(link.open());
  std::thread far_end([&] {
    pty.write(pattern(6, 1));
    std::this_thread::sleep_for(60ms);
    pty.write(pattern(4, 2));
  });
  std::vector<std::size_t> bursts;
  runner.run([&]() -> awaitable<void> {
    SilenceDetector silence(20ms);
    std::size_t current = 0;
    const auto deadline = deadline_after(1s);
    std::array<std::uint8_t, 64> buffer{};
    while (Clock::now() < deadline && bursts.size() < 2) {
      const auto n = co_await link.read_some(buffer, silence.next_deadline(deadline));
      if (n > 0) {
        silence.on_bytes(Clock::now());
        current += n;
      } else if (silence.silent(Clock::now())) {
        bursts.push_back(current);
        current = 0;
        silence.reset();
      }
    }
  }());
  far_end.join();
  EXPECT_EQ(bursts, (std::vector<std::size_t>{6, 4}));
}

}  // namespace
}  // namespace jemhead::transport
