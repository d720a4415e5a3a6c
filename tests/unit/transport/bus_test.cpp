// The RS-485 Bus over a real pseudo-terminal, with Modbus RTU slaves played on the far end
// (FakeRtuSlaves) that check the one-in-flight rule and the inter-frame gap themselves.
#include "drivers/transport/bus.hpp"

#include <gtest/gtest.h>

#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <future>
#include <thread>

#include "drivers/protocol/modbus/rtu_frame.hpp"
#include "drivers/transport/serial_link.hpp"
#include "drivers/transport/silence.hpp"
#include "drivers/transport/tcp_link.hpp"
#include "tests/unit/transport/fake_rtu_slaves.hpp"
#include "tests/unit/transport/loopback_peer.hpp"
#include "tests/unit/transport/pty_pair.hpp"
#include "tests/unit/transport/run_awaitable.hpp"

namespace jemhead::transport {
namespace {

using namespace std::chrono_literals;
using boost::asio::awaitable;
using testing::FakeRtuSlaves;
using testing::PtyPair;
using testing::Runner;
using testing::SlaveOptions;

// What a master learns from one FC03 exchange.
struct Answer {
  BusResult result;
  std::uint16_t register0 = 0;  // the slave puts its address here
  std::uint16_t register1 = 0;  // and the request's token here
};

// A matcher built on the Modbus RTU decoder, as the RTU session layer will use it.
ResponseMatcher rtu_matcher(std::uint8_t address, std::shared_ptr<modbus::RtuFrame> out) {
  auto decoder = std::make_shared<modbus::RtuDecoder>(modbus::RtuDecoderOptions{
      modbus::RtuDirection::responses, modbus::CrcOrder::low_byte_first, address, false});
  return {[decoder, out](std::span<const std::uint8_t> chunk, std::span<const std::uint8_t>) {
            decoder->feed(chunk);
            if (auto frame = decoder->next()) {
              *out = std::move(*frame);
              return true;
            }
            return false;
          },
          [decoder] { decoder->on_silence(); }};
}

awaitable<Answer> read_registers(Bus& bus, std::uint8_t address, std::uint16_t token,
                                 std::chrono::milliseconds timeout) {
  auto frame = std::make_shared<modbus::RtuFrame>();
  Answer a;
  a.result = co_await bus.transact(address, testing::read_request(address, token),
                                   rtu_matcher(address, frame), timeout);
  if (a.result.ok() && frame->pdu.size() == 6) {
    a.register0 = static_cast<std::uint16_t>(frame->pdu[2] << 8 | frame->pdu[3]);
    a.register1 = static_cast<std::uint16_t>(frame->pdu[4] << 8 | frame->pdu[5]);
  }
  co_return a;
}

std::future<Answer> start(Runner& runner, Bus& bus, std::uint8_t address, std::uint16_t token,
                          std::chrono::milliseconds timeout = 100ms) {
  return boost::asio::co_spawn(runner.executor(), read_registers(bus, address, token, timeout),
                               boost::asio::use_future);
}

std::unique_ptr<Link> serial(Runner& runner, const PtyPair& pty, std::uint32_t baud = 19200) {
  return std::make_unique<SerialLink>(runner.executor(), SerialLinkOptions{pty.device(), baud, {}});
}

Answer get(std::future<Answer>& f) {
  if (f.wait_for(10s) != std::future_status::ready) {
    ADD_FAILURE() << "transaction never finished";
    return {};
  }
  return f.get();
}

void expect_no_violations(const FakeRtuSlaves& slaves) {
  for (const auto& v : slaves.violations()) ADD_FAILURE() << "slave side: " << v;
}

TEST(Bus, EightMetersWithOneDeadTheOtherSevenComplete) {
  PtyPair pty;
  Runner runner;
  // A generous timeout keeps live answers inside it on a loaded or sanitized build; the
  // dead meter then costs exactly its three timeouts.
  constexpr auto kTimeout = 400ms;
  FakeRtuSlaves slaves(pty, SlaveOptions{{5}, 2ms, kTimeout, 1ms});
  auto bus = std::make_unique<Bus>(serial(runner, pty), rtu_bus_options(19200));

  const auto started = Clock::now();
  std::vector<std::pair<std::uint8_t, std::uint16_t>> sent;
  std::vector<std::future<Answer>> answers;
  for (std::uint16_t round = 0; round < 3; ++round) {
    for (std::uint8_t address = 1; address <= 8; ++address) {
      const auto token = static_cast<std::uint16_t>(1000 + round * 100 + address);
      sent.emplace_back(address, token);
      answers.push_back(start(runner, *bus, address, token, kTimeout));
    }
  }
  int completed = 0;
  int timed_out = 0;
  for (std::size_t i = 0; i < answers.size(); ++i) {
    const auto [address, token] = sent[i];
    const auto a = get(answers[i]);
    if (address == 5) {
      EXPECT_EQ(a.result.error, TransportErrc::response_timeout);
      EXPECT_NE(a.result.detail.find("address 5"), std::string::npos) << a.result.detail;
      EXPECT_GE(a.result.on_line, kTimeout);
      ++timed_out;
    } else {
      ASSERT_TRUE(a.result.ok()) << int(address) << ": " << a.result.detail;
      EXPECT_EQ(a.register0, address);
      EXPECT_EQ(a.register1, token);
      EXPECT_LT(a.result.on_line, kTimeout);
      ++completed;
    }
  }
  const auto elapsed = Clock::now() - started;
  EXPECT_EQ(completed, 21);
  EXPECT_EQ(timed_out, 3);
  // The dead meter cost its three timeouts; the 21 live exchanges took a few ms each, so
  // the whole run stays far below what a stalled bus (every meter waiting) would take.
  EXPECT_GE(elapsed, 3 * kTimeout);
  EXPECT_LT(elapsed, 3 * kTimeout + 3s);

  EXPECT_EQ(slaves.seen().size(), 24u);
  expect_no_violations(slaves);
  const auto s = bus->stats();
  EXPECT_EQ(s.transactions, 24u);
  EXPECT_EQ(s.completed, 21u);
  EXPECT_EQ(s.timeouts, 3u);
  EXPECT_EQ(s.link_errors, 0u);
  EXPECT_EQ(s.queued, 0u);
  EXPECT_GE(s.max_queued, 10u);
  EXPECT_EQ(s.link.opens, 1u);
  EXPECT_EQ(s.link.bytes_out, 24u * 8u);
  EXPECT_EQ(s.link.bytes_in, 21u * 9u);
  bus.reset();
}

TEST(Bus, AFloodForOneAddressDoesNotDelayAnotherBeyondOneTransaction) {
  PtyPair pty;
  Runner runner;
  FakeRtuSlaves slaves(pty, SlaveOptions{{}, 8ms, 200ms, 1ms});
  auto bus = std::make_unique<Bus>(serial(runner, pty, 38400), rtu_bus_options(38400));

  std::vector<std::future<Answer>> flood;
  for (std::uint16_t i = 0; i < 30; ++i) flood.push_back(start(runner, *bus, 1, i, 500ms));
  while (slaves.seen().size() < 3) std::this_thread::sleep_for(1ms);

  const auto seen_before = slaves.seen().size();
  auto lone = start(runner, *bus, 2, 777, 500ms);
  const auto a = get(lone);
  ASSERT_TRUE(a.result.ok()) << a.result.detail;
  EXPECT_EQ(a.register0, 2);
  EXPECT_EQ(a.register1, 777);

  const auto seen = slaves.seen();
  std::size_t position = 0;
  while (position < seen.size() && seen[position].address != 2) ++position;
  ASSERT_LT(position, seen.size());
  // Before it: the exchange already on the line, and at most one more of address 1.
  EXPECT_LE(position, seen_before + 1);
  // Roughly two exchanges of ~10 ms each, not the remaining flood (~27 x 10 ms).
  EXPECT_LT(a.result.queued, 100ms);

  for (std::size_t i = 0; i < flood.size(); ++i) {
    const auto f = get(flood[i]);
    ASSERT_TRUE(f.result.ok()) << f.result.detail;
    EXPECT_EQ(f.register1, i);  // one address's requests stay in order
  }
  expect_no_violations(slaves);
  EXPECT_EQ(slaves.seen().size(), 31u);
  bus.reset();
}

TEST(Bus, RoundRobinAlternatesBetweenAddressesWithQueuedWork) {
  PtyPair pty;
  Runner runner;
  FakeRtuSlaves slaves(pty, SlaveOptions{{}, 30ms, 200ms, 0ms});
  auto bus = std::make_unique<Bus>(serial(runner, pty), rtu_bus_options(19200));
  // Hold the line with a first exchange while the queues fill, so the order is decided by
  // the scheduler alone.
  auto first = start(runner, *bus, 9, 0, 500ms);
  while (slaves.seen().empty()) std::this_thread::sleep_for(1ms);
  std::vector<std::future<Answer>> queued;
  for (std::uint16_t i = 1; i <= 4; ++i) queued.push_back(start(runner, *bus, 1, i, 500ms));
  for (std::uint16_t i = 5; i <= 6; ++i) queued.push_back(start(runner, *bus, 2, i, 500ms));
  queued.push_back(start(runner, *bus, 3, 7, 500ms));
  get(first);
  for (auto& f : queued) ASSERT_TRUE(get(f).result.ok());

  std::vector<int> order;
  for (const auto& s : slaves.seen()) order.push_back(s.address);
  // Queued 1,1,1,1 2,2 3 while 9 held the line: one turn per address per round.
  EXPECT_EQ(order, (std::vector<int>{9, 1, 2, 3, 1, 2, 1, 1}));
  expect_no_violations(slaves);
  bus.reset();
}

TEST(Bus, KeepsTheInterFrameGapBetweenTransactions) {
  PtyPair pty;
  Runner runner;
  FakeRtuSlaves slaves(pty, SlaveOptions{{}, 1ms, 100ms, 25ms});
  BusOptions options;
  options.inter_frame_gap = 25ms;
  auto bus = std::make_unique<Bus>(serial(runner, pty), options);
  std::vector<std::future<Answer>> answers;
  for (std::uint16_t i = 0; i < 6; ++i) {
    answers.push_back(start(runner, *bus, static_cast<std::uint8_t>(1 + i % 3), i));
  }
  for (auto& f : answers) EXPECT_TRUE(get(f).result.ok());
  const auto seen = slaves.seen();
  ASSERT_EQ(seen.size(), 6u);
  for (std::size_t i = 1; i < seen.size(); ++i) EXPECT_GE(seen[i].at - seen[i - 1].at, 25ms);
  expect_no_violations(slaves);
  bus.reset();
}

TEST(Bus, ALateAnswerFromATimedOutMeterDoesNotConfuseTheNextExchange) {
  PtyPair pty;
  Runner runner;
  SlaveOptions o{{3}, 2ms, 60ms, 0ms};
  o.late_answer = 80ms;  // slave 3 answers, but only after the master gave up
  FakeRtuSlaves slaves(pty, o);
  auto bus = std::make_unique<Bus>(serial(runner, pty), rtu_bus_options(19200));

  auto dead = start(runner, *bus, 3, 30, 60ms);
  auto next = start(runner, *bus, 4, 40, 200ms);
  EXPECT_EQ(get(dead).result.error, TransportErrc::response_timeout);
  const auto a = get(next);
  ASSERT_TRUE(a.result.ok()) << a.result.detail;
  EXPECT_EQ(a.register0, 4);
  EXPECT_EQ(a.register1, 40);
  // And once more after the line settled: the stale bytes were dropped, not kept.
  auto third = start(runner, *bus, 4, 41, 200ms);
  EXPECT_EQ(get(third).register1, 41);
  bus.reset();
}

TEST(Bus, ACallerThatStopsWaitingLeavesTheQueueAndTheLineIntact) {
  using namespace boost::asio::experimental::awaitable_operators;
  PtyPair pty;
  Runner runner;
  FakeRtuSlaves slaves(pty, SlaveOptions{{}, 60ms, 300ms, 0ms});
  auto bus = std::make_unique<Bus>(serial(runner, pty), rtu_bus_options(19200));

  // Gives up after `patience`; returns the time it waited.
  auto impatient = [&](std::uint8_t address, std::uint16_t token,
                       std::chrono::milliseconds patience) -> awaitable<Clock::duration> {
    boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor, patience);
    const auto t0 = Clock::now();
    auto outcome = co_await (read_registers(*bus, address, token, 300ms) ||
                             timer.async_wait(boost::asio::use_awaitable));
    EXPECT_EQ(outcome.index(), 1u) << "the exchange finished before the caller gave up";
    co_return Clock::now() - t0;
  };

  auto on_line = start(runner, *bus, 1, 1, 300ms);
  while (slaves.seen().empty()) std::this_thread::sleep_for(1ms);
  // Queued behind it, then abandoned: it must never reach the line.
  const auto waited = runner.run(impatient(2, 2, 10ms));
  EXPECT_LT(waited, 40ms);
  // The exchange on the line is abandoned too, but still finishes on the wire.
  auto after = start(runner, *bus, 3, 3, 300ms);
  EXPECT_TRUE(get(on_line).result.ok());
  const auto a = get(after);
  ASSERT_TRUE(a.result.ok()) << a.result.detail;
  EXPECT_EQ(a.register1, 3);

  // Abandon one that is already on the line, then check the next waits for its answer.
  auto abandoned_on_line =
      boost::asio::co_spawn(runner.executor(), impatient(4, 4, 20ms), boost::asio::use_future);
  EXPECT_LT(abandoned_on_line.get(), 50ms);
  auto last = start(runner, *bus, 5, 5, 300ms);
  EXPECT_EQ(get(last).register1, 5);

  std::vector<int> tokens;
  for (const auto& s : slaves.seen()) tokens.push_back(s.token);
  EXPECT_EQ(tokens, (std::vector<int>{1, 3, 4, 5}));
  expect_no_violations(slaves);  // the slave saw nothing while answering token 4
  EXPECT_EQ(bus->stats().cancelled, 2u);
  bus.reset();
}

TEST(Bus, RejectsBadAddressesAndOverfullQueues) {
  PtyPair pty;
  Runner runner;
  FakeRtuSlaves slaves(pty, SlaveOptions{{}, 50ms, 300ms, 0ms});
  BusOptions options = rtu_bus_options(19200);
  options.max_queued_per_address = 2;
  auto bus = std::make_unique<Bus>(serial(runner, pty), options);

  auto zero = start(runner, *bus, 0, 0);
  EXPECT_EQ(get(zero).result.error, TransportErrc::invalid_options);
  auto broadcast_all = start(runner, *bus, 255, 0);
  EXPECT_EQ(get(broadcast_all).result.error, TransportErrc::invalid_options);

  auto busy = start(runner, *bus, 1, 1, 300ms);
  while (slaves.seen().empty()) std::this_thread::sleep_for(1ms);
  auto q1 = start(runner, *bus, 1, 2, 300ms);
  auto q2 = start(runner, *bus, 1, 3, 300ms);
  std::this_thread::sleep_for(5ms);  // both queued before the third arrives
  auto q3 = start(runner, *bus, 1, 4, 300ms);
  const auto rejected = get(q3);
  EXPECT_EQ(rejected.result.error, TransportErrc::queue_full);
  EXPECT_NE(rejected.result.detail.find("address 1"), std::string::npos);
  auto other = start(runner, *bus, 2, 5, 300ms);  // another address has its own queue
  for (auto* f : {&busy, &q1, &q2, &other}) EXPECT_TRUE(get(*f).result.ok());
  EXPECT_EQ(bus->stats().rejected, 3u);
  bus.reset();
}

TEST(Bus, CloseFailsQueuedRequestsAndAbortsTheOneOnTheLine) {
  PtyPair pty;
  Runner runner;
  FakeRtuSlaves slaves(pty, SlaveOptions{{7}, 1ms, 1000ms, 0ms});
  auto bus = std::make_unique<Bus>(serial(runner, pty), rtu_bus_options(19200));
  std::vector<std::future<Answer>> answers;
  answers.push_back(start(runner, *bus, 7, 0, 1000ms));  // dead: holds the line
  while (slaves.seen().empty()) std::this_thread::sleep_for(1ms);
  for (std::uint16_t i = 1; i <= 4; ++i) answers.push_back(start(runner, *bus, 1, i, 1000ms));
  std::this_thread::sleep_for(10ms);
  const auto t0 = Clock::now();
  bus->close();
  for (auto& f : answers) EXPECT_EQ(get(f).result.error, TransportErrc::bus_closed);
  EXPECT_LT(Clock::now() - t0, 200ms);  // nobody waited for the dead meter's timeout
  auto after_close = start(runner, *bus, 1, 9);
  EXPECT_EQ(get(after_close).result.error, TransportErrc::bus_closed);
  EXPECT_EQ(slaves.seen().size(), 1u);
  bus.reset();
}

TEST(Bus, ALinkThatCannotOpenFailsEachRequestAndIsRetried) {
  Runner runner;
  const auto port = testing::unused_port();
  // RTU over TCP (a terminal server) is a bus as well.
  auto link = std::make_unique<TcpLink>(runner.executor(), TcpLinkOptions{"127.0.0.1", port});
  Bus bus(std::move(link), BusOptions{});
  auto a = start(runner, bus, 1, 1);
  auto b = start(runner, bus, 2, 2);
  for (auto* f : {&a, &b}) {
    const auto r = get(*f);
    EXPECT_EQ(r.result.error, TransportErrc::connection_refused);
    EXPECT_NE(r.result.detail.find("tcp 127.0.0.1:" + std::to_string(port)), std::string::npos);
  }
  const auto s = bus.stats();
  EXPECT_EQ(s.link_errors, 2u);
  EXPECT_EQ(s.link.open_failures, 2u);
  EXPECT_EQ(s.transactions, 0u);
}

TEST(Bus, CloseAbortsAConnectInProgress) {
  Runner runner;
  testing::LoopbackListener listener(0);
  testing::FullBacklog full(listener);
  if (!full.connects_hang()) GTEST_SKIP() << "this kernel completes connects beyond the backlog";
  TcpLinkOptions o{"127.0.0.1", listener.port()};
  o.connect_timeout = 5s;
  auto bus = std::make_unique<Bus>(std::make_unique<TcpLink>(runner.executor(), o), BusOptions{});
  auto a = start(runner, *bus, 1, 1, 1000ms);
  std::this_thread::sleep_for(50ms);
  const auto t0 = Clock::now();
  bus->close();
  EXPECT_EQ(get(a).result.error, TransportErrc::bus_closed);
  EXPECT_LT(Clock::now() - t0, 1s);  // not the 5 s connect timeout
  bus.reset();
}

TEST(Bus, CarriesRtuOverTcpToATerminalServer) {
  Runner runner;
  testing::LoopbackListener listener;
  std::thread terminal_server([&] {
    const int fd = listener.accept(5s);
    for (int i = 0; i < 2; ++i) {
      const auto request = testing::receive(fd, 8, 5s);
      if (request.size() != 8) break;
      const auto token = static_cast<std::uint16_t>(request[2] << 8 | request[3]);
      testing::send_all(fd, testing::read_response(request[0], token));
    }
    testing::close_fd(fd);
  });
  Bus bus(
      std::make_unique<TcpLink>(runner.executor(), TcpLinkOptions{"127.0.0.1", listener.port()}),
      BusOptions{});
  auto a = start(runner, bus, 11, 111);
  auto b = start(runner, bus, 12, 222);
  const auto ra = get(a);
  const auto rb = get(b);
  EXPECT_EQ(ra.register0, 11);
  EXPECT_EQ(ra.register1, 111);
  EXPECT_EQ(rb.register0, 12);
  EXPECT_EQ(rb.register1, 222);
  terminal_server.join();
}

TEST(Bus, ReportsSilenceInTheMiddleOfAResponse) {
  PtyPair pty;
  Runner runner;
  const auto reply = testing::read_response(6, 66);
  std::thread slow_slave([&] {
    if (pty.read(8, 5s).size() != 8) return;
    pty.write(std::span(reply).first(4));
    std::this_thread::sleep_for(80ms);
    pty.write(std::span(reply).subspan(4));
  });
  BusOptions options = rtu_bus_options(19200);
  options.silence_timeout = 30ms;
  auto bus = std::make_unique<Bus>(serial(runner, pty), options);
  int silences = 0;
  ResponseMatcher matcher = ResponseMatcher::exact_length(reply.size());
  matcher.on_silence = [&] { ++silences; };
  const auto result = runner.run(
      bus->transact(6, testing::read_request(6, 66), matcher, std::chrono::milliseconds{500}));
  slow_slave.join();
  ASSERT_TRUE(result.ok()) << result.detail;
  EXPECT_EQ(result.response, reply);
  EXPECT_EQ(silences, 1);
  EXPECT_EQ(bus->stats().silences, 1u);
  bus.reset();
}

}  // namespace
}  // namespace jemhead::transport
