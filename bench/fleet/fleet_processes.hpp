#pragma once
// The two real programs of the fleet benchmark, started as child processes the way the
// integration tests start them (tests/integration/support), with start-up timeouts sized
// for 10,000 meters: jemsim serving one Modbus TCP slave per meter on loopback, and jemhead
// daemons whose configuration's fleet section points one connection profile at each slave.
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "tests/integration/support/daemons.hpp"

namespace jemhead::bench {

struct SimulatedMeter {
  std::string serial;
  std::uint16_t tcp_port = 0;
  int unit_id = 1;
};

// jemsim with `meters` meters, each with a Modbus TCP slave serving the factory default
// map; simulated time is frozen once it is ready, so every meter answers the same way
// for the whole run.
class JemsimFleet {
 public:
  JemsimFleet(const testing::TempDir& dir, std::size_t meters);
  const std::vector<SimulatedMeter>& meters() const { return meters_; }
  pid_t pid() { return process_->pid(); }

 private:
  std::unique_ptr<testing::Process> process_;
  std::vector<SimulatedMeter> meters_;
};

struct HeadEndConfig {
  std::vector<SimulatedMeter> meters;  // all in one group "bench"
  std::string group_schedules;         // YAML flow mapping for the group, empty for none
  std::size_t max_sessions = 256;      // engine.max_sessions
};

// The daemon's YAML: data in `dir`/var (SQLite), API on an ephemeral loopback port, the
// integration tests' tokens.
std::string head_end_yaml(const testing::TempDir& dir, const HeadEndConfig& config);

// `jemhead serve` with that configuration in a directory of its own (kept when
// JEMHEAD_KEEP_TEST_DIRS is set), waited for until its ready file is written.
class Jemhead {
 public:
  explicit Jemhead(const HeadEndConfig& config);
  ~Jemhead();
  pid_t pid() { return process_->pid(); }
  const testing::HttpTarget& api() const { return api_; }
  std::string log() const { return process_->log(); }
  // SIGTERM, then waits; returns the exit code (throws if it does not stop in time).
  int stop();

 private:
  testing::TempDir dir_;
  std::unique_ptr<testing::Process> process_;
  testing::HttpTarget api_;
};

}  // namespace jemhead::bench
