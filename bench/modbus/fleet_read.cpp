#include "bench/modbus/fleet_read.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <exception>

#include "drivers/protocol/modbus/driver.hpp"

namespace jemhead::bench {

namespace {

ConnectionProfile meter_profile(std::uint16_t port, const FleetReadOptions& options) {
  ConnectionProfile p;
  p.name = "bench-modbus-tcp";
  p.protocol = Protocol::modbus;
  p.transport = Transport::tcp;
  p.host = "127.0.0.1";
  p.port = port;
  p.timeout_ms = 10'000;
  p.retries = 0;  // a failure must show in the result, not be retried away
  p.options_json = boost::json::serialize(
      boost::json::object{{"map_file", options.map_file}, {"unit_id", options.unit_id}});
  return p;
}

struct FleetRead {
  const std::vector<std::uint16_t>& ports;
  const FleetReadOptions& options;
  modbus::ModbusDriver driver;
  std::size_t next_meter = 0;  // only touched on the one io_context thread
  FleetReadResult result;

  void fail(const std::string& why) {
    if (result.failed_meters++ == 0) result.first_failure = why;
  }

  drivers::Task<void> read_meter(std::size_t index, drivers::Executor executor) {
    Meter meter;
    meter.id = static_cast<std::int64_t>(index + 1);
    auto session = co_await driver.open(meter, meter_profile(ports[index], options), executor);
    const auto counters = co_await session->read_registers();
    std::size_t second = 0, expected_second = options.expected_analogs;
    if (options.read_status) {
      second = (co_await session->read_status()).points.size();
      expected_second = options.expected_status_points;
    } else {
      second = (co_await session->read_instantaneous()).size();
    }
    co_await session->close();
    if (counters.size() != options.expected_counters || second != expected_second)
      fail("meter " + std::to_string(index) + ": " + std::to_string(counters.size()) +
           " counters, " + std::to_string(second) +
           (options.read_status ? " status points" : " analogs"));
    else
      result.values += counters.size() + second;
  }

  // One of `concurrency` workers: takes the next unread meter until none is left.
  drivers::Task<void> worker(drivers::Executor executor) {
    while (next_meter < ports.size()) {
      const std::size_t index = next_meter++;
      try {
        co_await read_meter(index, executor);
      } catch (const std::exception& e) {
        fail("meter " + std::to_string(index) + ": " + e.what());
      }
    }
  }
};

}  // namespace

FleetReadResult read_fleet(const std::vector<std::uint16_t>& ports,
                           const FleetReadOptions& options) {
  boost::asio::io_context io(1);
  FleetRead read{ports, options, {}, 0, {}};
  const auto workers = std::min(options.concurrency, ports.size());
  for (std::size_t i = 0; i < workers; ++i)
    boost::asio::co_spawn(io, read.worker(io.get_executor()), boost::asio::detached);
  const auto start = std::chrono::steady_clock::now();
  io.run();
  read.result.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return read.result;
}

}  // namespace jemhead::bench
