#pragma once
// The pieces both collection-engine tests share: a jemsim fleet of Modbus TCP meters, the
// fleet section that schedules them in jemhead's configuration, and the comparison of what
// jemhead stored with the simulator's truth while simulated time runs.
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "tests/integration/engine/engine_db.hpp"
#include "tests/integration/support/daemons.hpp"

namespace jemhead::testing {

constexpr std::int64_t kMicrosPerSecond = 1'000'000;

// Wall-clock now (system clock, as jemhead stamps its rows), in Unix microseconds.
std::int64_t wall_now_us();

// The first multiple of `period_us` (Unix time) strictly after `us`: a cron "*/N" on the
// seconds field fires exactly there when N divides 60.
std::int64_t next_fire_after(std::int64_t us, std::int64_t period_us);

// jemsim fleet: `count` Modbus TCP meters from serial 60000001 on. Simulated time runs at
// `time_factor` with one-minute integration steps (so `?at=` stays cheap); the transformer
// ratios make the kWh-resolution counters move by thousands per real second at 3600.
std::string sim_fleet_yaml(int count, double time_factor);

struct SimModbusMeter {
  std::string serial;
  std::string host;
  int port = 0;
  int unit_id = 1;
};
// Every meter's Modbus TCP endpoint (GET /modbus), in serial order.
std::vector<SimModbusMeter> sim_modbus_meters(const Jemsim& sim);

struct ScheduleSetup {
  std::string cron;  // for both registers and status
  int timeout_ms = 300;
  int retries = 1;
};
// The `fleet:` section: one group scheduling registers and status on `setup.cron`, and
// every meter with its Modbus TCP profile.
std::string fleet_section(const std::vector<SimModbusMeter>& meters, const ScheduleSetup& setup);

// One meter's simulated time as a function of wall time, anchored on GET
// /meters/{serial}/clock: the sample with the shortest round trip of a few is kept, and the
// wall instant it answered at is taken as the middle of the round trip.
class SimTimeline {
 public:
  static SimTimeline sample(const Jemsim& sim, const std::string& serial);
  // Never before the simulation's epoch (where every register reads zero).
  std::int64_t sim_us_at(std::int64_t wall_us) const;
  std::int64_t uncertainty_us() const { return half_round_trip_us_; }  // in wall time

 private:
  std::int64_t wall_anchor_us_ = 0;
  std::int64_t sim_anchor_us_ = 0;
  std::int64_t half_round_trip_us_ = 0;
  std::int64_t epoch_us_ = 0;
  double factor_ = 1;
};

// The counters' decoded values (what a master reads) at simulated instant `sim_us`, in
// point order.
std::vector<double> truth_counters(const Jemsim& sim, const std::string& serial,
                                   std::int64_t sim_us);

// A stored register batch read at wall time t lies between the truth at sim(t - margin) and
// at sim(t + margin), counter by counter (counters never decrease). Adds gtest failures
// naming the meter and batch; returns false when a bound was broken. The margin also
// covers the timeline's own uncertainty. Call it only once t + margin has passed.
bool expect_batch_within_truth(const Jemsim& sim, const SimTimeline& timeline,
                               const std::string& serial, const RegisterBatch& batch,
                               std::int64_t margin_us = kMicrosPerSecond / 2);

// Checks every (serial, batch) with expect_batch_within_truth, on a few threads (each
// check asks the simulator twice); returns how many broke a bound.
using BatchOfMeter = std::pair<std::string, const RegisterBatch*>;
int count_batches_outside_truth(const Jemsim& sim,
                                const std::map<std::string, SimTimeline>& timelines,
                                const std::vector<BatchOfMeter>& batches);

std::string iso(std::int64_t unix_us);

}  // namespace jemhead::testing
