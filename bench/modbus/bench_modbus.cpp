// Modbus benchmark (issue 3), against jemsim's Modbus TCP slaves running in this process
// on loopback:
//
//   bench_modbus [--seconds S] [--rounds N] [--meters N] [--concurrency N]
//
// 1. modbus.tcp_transactions: FC03 reads of 60 holding registers, back to back over one
//    connection for S seconds (default 2), through our master vs a minimal blocking
//    client sending the identical MBAP frames. Each side runs `rounds` times (default 3),
//    alternating which goes first; the best run of each is reported, since on a shared
//    machine noise only ever makes a run slower. Target ratio >= 0.8.
// 2. modbus.fleet_<N>_read_seconds: N meters (default 1000), each serving 300 counters and
//    200 analogs, read through the Modbus driver (open, read_registers,
//    read_instantaneous, close), `concurrency` meters at a time (default 64). Wall time
//    from the first open to the last close, and the values decoded per second. No
//    baseline. Exits 1 if any meter failed or returned fewer points than mapped.
#include <stdlib.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "bench/flags.hpp"
#include "bench/modbus/bench_map.hpp"
#include "bench/modbus/fleet_read.hpp"
#include "bench/modbus/simulated_fleet.hpp"
#include "bench/modbus/tcp_transactions.hpp"
#include "bench/report.hpp"
#include "bench/temp_dir.hpp"
#include "net/open_files.hpp"

namespace {

using namespace jemhead;

struct Args {
  double seconds = 2;
  int rounds = 3;
  std::size_t meters = 1000;
  std::size_t concurrency = 64;
};

Args parse_args(int argc, char** argv) {
  Args args;
  bench::BenchFlags()
      .number("--seconds", args.seconds, 0.1, 3600)
      .number("--rounds", args.rounds, 1, 1000)
      .number("--meters", args.meters, 1, 1e6)
      .number("--concurrency", args.concurrency, 1, 1e6)
      .parse(argc, argv);
  return args;
}

void bench_tcp_transactions(const Args& args, const std::string& map_file) {
  bench::SimulatedModbusFleet fleet(1, map_file);
  const auto port = fleet.tcp_ports().front();
  // 60 registers = counters 1-30, the driver's default read size (docs/modbus.md E3).
  const modbus::ReadRegistersRequest request{modbus::FunctionCode::read_holding_registers, 0, 60};
  const std::chrono::duration<double> duration(args.seconds);
  // Best of `rounds` runs per client, the order rotating each round: on a shared machine
  // noise only ever makes a run slower.
  using Runner =
      bench::ThroughputRun (*)(std::uint16_t, std::uint8_t, const modbus::ReadRegistersRequest&,
                               std::chrono::duration<double>);
  const Runner runners[] = {bench::run_master_transactions, bench::run_baseline_transactions,
                            bench::run_async_baseline_transactions};
  double best[3] = {0, 0, 0};
  for (int round = 0; round < args.rounds; ++round)
    for (int k = 0; k < 3; ++k) {
      const int which = (round + k) % 3;
      best[which] = std::max(best[which],
                             runners[which](port, fleet.unit_id(), request, duration).per_second());
    }
  bench::report("modbus.tcp_transactions", best[0], "tx/s", best[1]);
  bench::report("modbus.tcp_transactions_vs_async_client", best[0], "tx/s", best[2]);
}

bool bench_fleet_read(const Args& args, const std::string& map_file, const modbus::PointMap& map) {
  bench::SimulatedModbusFleet fleet(args.meters, map_file);
  bench::FleetReadOptions options;
  options.map_file = map_file;
  options.unit_id = fleet.unit_id();
  options.concurrency = args.concurrency;
  options.expected_counters = map.counters.points.size();
  options.expected_analogs = map.analogs.points.size();
  const auto result = bench::read_fleet(fleet.tcp_ports(), options);
  const std::string prefix = "modbus.fleet_" + std::to_string(args.meters);
  bench::report(prefix + "_read_seconds", result.seconds, "s");
  bench::report(prefix + "_values_per_second", result.values / result.seconds, "values/s");
  if (result.failed_meters == 0) return true;
  std::fprintf(stderr, "bench_modbus: %llu of %zu meters failed; first: %s\n",
               static_cast<unsigned long long>(result.failed_meters), args.meters,
               result.first_failure.c_str());
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Args args = parse_args(argc, argv);
    net::raise_open_file_limit();
    bench::TempDir dir{"jemhead-bench-modbus"};
    const auto map = bench::full_size_point_map();
    const auto map_file = dir.file("map.json");
    bench::write_point_map_file(map, map_file);
    bench_tcp_transactions(args, map_file);
    return bench_fleet_read(args, map_file, map) ? 0 : 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_modbus: %s\n", e.what());
    return 1;
  }
}
