// The links' persistent deadline timer (drivers/transport/deadline_watch.hpp), seen through
// TcpLink: an expiry left over from an earlier exchange never cancels a later read, many
// exchanges on a two-thread pool never time out early, and closing or destroying a link
// leaves no timer keeping an io_context busy.
#include <gtest/gtest.h>

#include <array>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <optional>
#include <thread>

#include "drivers/transport/tcp_link.hpp"
#include "tests/unit/transport/loopback_peer.hpp"
#include "tests/unit/transport/run_awaitable.hpp"

namespace jemhead::transport {
namespace {

using namespace std::chrono_literals;
using boost::asio::awaitable;
using testing::LoopbackListener;
using testing::Runner;

TcpLinkOptions watched_loopback(std::uint16_t port) {
  TcpLinkOptions o;
  o.host = "127.0.0.1";
  o.port = port;
  o.connect_timeout = 2s;
  return o;
}

// Reads until `count` bytes are in or a read returns 0 (its deadline passed).
awaitable<std::size_t> read_count(Link& link, std::size_t count, Deadline deadline) {
  std::array<std::uint8_t, 64> buffer{};
  std::size_t total = 0;
  while (total < count) {
    const auto n = co_await link.read_some(std::span(buffer).first(count - total), deadline);
    if (n == 0) break;
    total += n;
  }
  co_return total;
}

TEST(DeadlineWatch, AnEarlierExchangesExpiryDoesNotCancelALaterRead) {
  Runner runner;
  LoopbackListener listener;
  TcpLink link(runner.executor(), watched_loopback(listener.port()));
  runner.run(link.open());
  const int peer = listener.accept(2s);
  ASSERT_GE(peer, 0);
  const std::vector<std::uint8_t> four(4, 0x11);

  // First exchange: a short deadline, answered at once (the timer stays armed for it).
  std::thread answer_now([&] {
    std::this_thread::sleep_for(20ms);
    testing::send_all(peer, four);
  });
  EXPECT_EQ(runner.run(read_count(link, 4, deadline_after(300ms))), 4u);
  answer_now.join();

  // Second exchange: answered well after the first deadline, well before its own.
  std::thread answer_late([&] {
    std::this_thread::sleep_for(600ms);
    testing::send_all(peer, four);
  });
  const auto started = Clock::now();
  EXPECT_EQ(runner.run(read_count(link, 4, deadline_after(3s))), 4u);
  EXPECT_GE(Clock::now() - started, 550ms);
  answer_late.join();
  EXPECT_EQ(link.stats().read_timeouts, 0u);

  // The watch still enforces a deadline after having re-armed for a later one.
  const auto silent_from = Clock::now();
  EXPECT_EQ(runner.run(read_count(link, 4, deadline_after(100ms))), 0u);
  EXPECT_GE(Clock::now() - silent_from, 100ms);
  EXPECT_LT(Clock::now() - silent_from, 1s);
  EXPECT_EQ(link.stats().read_timeouts, 1u);
  testing::close_fd(peer);
}

// The io_context's two threads run the timer's handler and the link's coroutine at the
// same time; deadlines are tight enough that a stale expiry would land mid-exchange.
TEST(DeadlineWatch, BackToBackExchangesOnTwoThreadsNeverTimeOutEarly) {
  Runner runner(2);
  LoopbackListener listener;
  TcpLink link(runner.executor(), watched_loopback(listener.port()));
  runner.run(link.open());
  const int peer = listener.accept(2s);
  ASSERT_GE(peer, 0);
  constexpr int kExchanges = 2000;
  std::thread echo([&] {
    for (int i = 0; i < kExchanges; ++i) {
      const auto request = testing::receive(peer, 8, 5s);
      if (request.size() != 8) return;
      testing::send_all(peer, request);
    }
  });

  const auto completed = runner.run([&]() -> awaitable<int> {
    const std::vector<std::uint8_t> request(8, 0x42);
    int done = 0;
    for (int i = 0; i < kExchanges; ++i) {
      // Deadlines alternate short and long, so the timer is both kept and re-armed.
      const auto deadline = deadline_after(i % 2 == 0 ? 2s : 5s);
      co_await link.write_all(request, deadline);
      if (co_await read_count(link, 8, deadline) != 8) break;
      ++done;
    }
    co_return done;
  }());
  echo.join();
  EXPECT_EQ(completed, kExchanges);
  const auto s = link.stats();
  EXPECT_EQ(s.read_timeouts, 0u);
  EXPECT_EQ(s.write_timeouts, 0u);
  EXPECT_EQ(s.bytes_in, 8u * kExchanges);
  testing::close_fd(peer);
}

// A persistent timer must not outlive the link's use: an io_context whose only work was
// an exchange with a long deadline returns from run() once the link is closed, or gone.
TEST(DeadlineWatch, ClosingOrDestroyingTheLinkLetsTheIoContextFinish) {
  LoopbackListener listener;
  for (const bool destroy : {false, true}) {
    boost::asio::io_context io;
    std::optional<TcpLink> link(std::in_place, io.get_executor(),
                                watched_loopback(listener.port()));
    std::size_t received = 0;
    boost::asio::co_spawn(
        io,
        [&]() -> awaitable<void> {
          co_await link->open();
          received = co_await read_count(*link, 2, deadline_after(30s));
          if (destroy)
            link.reset();
          else
            link->close();
        },
        boost::asio::detached);
    std::thread peer_side([&] {
      const int peer = listener.accept(2s);
      if (peer < 0) return;
      std::this_thread::sleep_for(50ms);  // the read has to wait, with the timer armed
      testing::send_all(peer, std::vector<std::uint8_t>{1, 2});
      testing::close_fd(peer);
    });
    const auto started = Clock::now();
    io.run_for(10s);
    const auto took = Clock::now() - started;
    peer_side.join();
    EXPECT_EQ(received, 2u) << (destroy ? "destroyed" : "closed");
    EXPECT_LT(took, 5s) << (destroy ? "destroyed" : "closed");
  }
}

}  // namespace
}  // namespace jemhead::transport
