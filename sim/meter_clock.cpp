#include "sim/meter_clock.hpp"

#include <cmath>

namespace jemhead::sim {

namespace {
Micros scaled(std::chrono::nanoseconds real, double factor) {
  const long double us = static_cast<long double>(real.count()) / 1000.0L * factor;
  return Micros{static_cast<std::int64_t>(std::floor(us))};
}
}  // namespace

MeterClock::MeterClock(UtcTime start, RealClock::time_point real_start, double time_factor,
                       double drift_ppm)
    : real_anchor_(real_start),
      sim_anchor_(start),
      factor_(time_factor),
      clock_sim_anchor_(start),
      clock_anchor_(start),
      drift_ppm_(drift_ppm) {}

UtcTime MeterClock::simulated(RealClock::time_point real_now) const {
  return sim_anchor_ + scaled(real_now - real_anchor_, factor_);
}

UtcTime MeterClock::meter_time_at(UtcTime sim) const {
  const auto elapsed = static_cast<long double>((sim - clock_sim_anchor_).count());
  const long double drifted = elapsed * (1.0L + drift_ppm_ / 1e6L);
  return clock_anchor_ + Micros{static_cast<std::int64_t>(std::llround(drifted))};
}

UtcTime MeterClock::simulated_at_meter_time(UtcTime meter) const {
  const auto elapsed = static_cast<long double>((meter - clock_anchor_).count());
  const long double real = elapsed / (1.0L + drift_ppm_ / 1e6L);
  return clock_sim_anchor_ + Micros{static_cast<std::int64_t>(std::llround(real))};
}

void MeterClock::set(UtcTime meter, RealClock::time_point real_now) {
  clock_sim_anchor_ = simulated(real_now);
  clock_anchor_ = meter;
}

void MeterClock::set_time_factor(double factor, RealClock::time_point real_now) {
  sim_anchor_ = simulated(real_now);
  real_anchor_ = real_now;
  factor_ = factor;
}

void MeterClock::advance(Micros by, RealClock::time_point real_now) {
  sim_anchor_ = simulated(real_now) + by;
  real_anchor_ = real_now;
}

}  // namespace jemhead::sim
