// The second baseline of the transaction benchmark: the least an asynchronous client can
// do on the same I/O model as the driver (Boost.Asio C++20 coroutines on a single-threaded
// io_context): the identical MBAP frames, one async_write and one async_read of the
// response's known length per transaction, no deadline, no framing, no decoding. The
// blocking baseline measures what the async model costs; this one what our stack adds.
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <exception>
#include <vector>

#include "bench/modbus/tcp_transactions.hpp"
#include "drivers/protocol/modbus/mbap_frame.hpp"

namespace jemhead::bench {

namespace {

namespace asio = boost::asio;
using asio::ip::tcp;
using Clock = std::chrono::steady_clock;

struct AsyncClient {
  tcp::socket socket;
  std::vector<std::uint8_t> pdu;
  std::uint8_t unit_id;
  std::vector<std::uint8_t> response;
  std::uint16_t transaction = 1;
};

asio::awaitable<void> transact(AsyncClient& c) {
  const auto frame = modbus::encode_mbap(c.transaction++, c.unit_id, c.pdu);
  auto write = asio::async_write(c.socket, asio::buffer(frame), asio::use_awaitable);
  co_await std::move(write);
  auto read = asio::async_read(c.socket, asio::buffer(c.response), asio::use_awaitable);
  co_await std::move(read);
}

asio::awaitable<void> transact_until(AsyncClient& c, std::chrono::duration<double> duration,
                                     ThroughputRun& run) {
  co_await transact(c);  // warm-up, not timed
  const auto start = Clock::now();
  const auto until = start + std::chrono::duration_cast<Clock::duration>(duration);
  Clock::time_point now;
  do {
    co_await transact(c);
    ++run.transactions;
    now = Clock::now();
  } while (now < until);
  run.seconds = std::chrono::duration<double>(now - start).count();
}

}  // namespace

ThroughputRun run_async_baseline_transactions(std::uint16_t port, std::uint8_t unit_id,
                                              const modbus::ReadRegistersRequest& request,
                                              std::chrono::duration<double> duration) {
  asio::io_context io;
  AsyncClient client{tcp::socket(io), modbus::encode_request(request), unit_id,
                     std::vector<std::uint8_t>(7 + 2 + 2 * std::size_t{request.quantity})};
  client.socket.connect(tcp::endpoint(asio::ip::address_v4::loopback(), port));
  client.socket.set_option(tcp::no_delay(true));  // as TcpLink does
  ThroughputRun run;
  std::exception_ptr failure;
  asio::co_spawn(io, transact_until(client, duration, run),
                 [&](std::exception_ptr e) { failure = e; });
  io.run();
  if (failure) std::rethrow_exception(failure);
  return run;
}

}  // namespace jemhead::bench
