#pragma once
// Two timelines per meter:
//  - simulated time: the physical timeline the metrology runs on,
//      simulated = sim_anchor + (real elapsed since real_anchor) x time_factor;
//  - the meter's clock: what the meter believes and reports, which drifts by
//      clock_drift_ppm from simulated time and can be set (a time-set command).
// Real time comes from std::chrono::steady_clock so that host clock changes do not move
// the simulation. Not thread-safe: the owner (SimMeter) serialises calls.
#include <chrono>

#include "core/time.hpp"

namespace jemhead::sim {

using RealClock = std::chrono::steady_clock;

class MeterClock {
 public:
  MeterClock(UtcTime start, RealClock::time_point real_start, double time_factor, double drift_ppm);

  UtcTime simulated(RealClock::time_point real_now) const;
  // The meter's clock reading at simulated instant `sim`.
  UtcTime meter_time_at(UtcTime sim) const;
  // The simulated instant at which the meter's clock reads `meter` (inverse of the above).
  UtcTime simulated_at_meter_time(UtcTime meter) const;

  // Sets the meter's clock to `meter` now; drift continues from there.
  void set(UtcTime meter, RealClock::time_point real_now);
  // Changes the speed of simulated time from now on, keeping it continuous.
  void set_time_factor(double factor, RealClock::time_point real_now);
  // Moves simulated time forward by `by` at once (tests and benchmarks that need days of
  // history without waiting); the meter's clock moves with it, drift included.
  void advance(Micros by, RealClock::time_point real_now);

  double time_factor() const { return factor_; }
  double drift_ppm() const { return drift_ppm_; }
  // Meter clock minus simulated time at simulated instant `sim`, in microseconds.
  std::int64_t offset_micros(UtcTime sim) const {
    return to_unix_micros(meter_time_at(sim)) - to_unix_micros(sim);
  }

 private:
  // Simulated timeline.
  RealClock::time_point real_anchor_;
  UtcTime sim_anchor_;
  double factor_;
  // Meter clock: reads clock_anchor_ at simulated clock_sim_anchor_, then runs at
  // (1 + drift_ppm / 1e6) of simulated time.
  UtcTime clock_sim_anchor_;
  UtcTime clock_anchor_;
  double drift_ppm_;
};

}  // namespace jemhead::sim
