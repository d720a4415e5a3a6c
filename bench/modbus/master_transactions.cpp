// Our side of the transaction benchmark: the same master stack the driver builds for a
// Modbus TCP profile, on a single-threaded io_context like one session of the daemon.
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <exception>
#include <stdexcept>

#include "bench/modbus/tcp_transactions.hpp"
#include "drivers/protocol/modbus/mbap_channel.hpp"
#include "drivers/protocol/modbus/session.hpp"
#include "drivers/transport/tcp_link.hpp"

namespace jemhead::bench {

namespace {

using Clock = std::chrono::steady_clock;

boost::asio::awaitable<void> transact_until(modbus::ModbusMaster& master,
                                            const modbus::ReadRegistersRequest& request,
                                            std::chrono::duration<double> duration,
                                            ThroughputRun& run) {
  auto check = [&](const std::vector<std::uint16_t>& words) {
    if (words.size() != request.quantity) throw std::runtime_error("short register read");
  };
  check(co_await master.read_registers(request));  // connects; not timed
  const auto start = Clock::now();
  const auto until = start + std::chrono::duration_cast<Clock::duration>(duration);
  Clock::time_point now;
  do {
    check(co_await master.read_registers(request));
    ++run.transactions;
    now = Clock::now();
  } while (now < until);
  run.seconds = std::chrono::duration<double>(now - start).count();
  master.close();
}

}  // namespace

ThroughputRun run_master_transactions(std::uint16_t port, std::uint8_t unit_id,
                                      const modbus::ReadRegistersRequest& request,
                                      std::chrono::duration<double> duration) {
  boost::asio::io_context io;
  transport::TcpLinkOptions link_options;
  link_options.host = "127.0.0.1";
  link_options.port = port;
  modbus::MasterOptions master_options;
  master_options.retries = 0;  // a failure should stop the benchmark, not hide in retries
  modbus::ModbusMaster master(
      io.get_executor(),
      std::make_unique<modbus::MbapChannel>(
          std::make_unique<transport::TcpLink>(io.get_executor(), link_options), unit_id),
      master_options);

  ThroughputRun run;
  std::exception_ptr failure;
  boost::asio::co_spawn(io, transact_until(master, request, duration, run),
                        [&](std::exception_ptr e) { failure = e; });
  io.run();
  if (failure) std::rethrow_exception(failure);
  return run;
}

}  // namespace jemhead::bench
