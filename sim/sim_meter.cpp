#include "sim/sim_meter.hpp"

namespace jemhead::sim {

namespace {
std::int64_t floor_seconds(UtcTime t) {
  const auto us = to_unix_micros(t);
  return us >= 0 ? us / 1'000'000 : -((-us + 999'999) / 1'000'000);
}
double unix_seconds(UtcTime t) {
  return static_cast<double>(to_unix_micros(t)) / 1e6;
}
}  // namespace

SimMeter::SimMeter(MeterSpec spec, UtcTime start, RealClock::time_point real_start)
    : spec_(std::move(spec)),
      model_(spec_),
      integrator_(model_, floor_seconds(start), spec_.integration_step),
      clock_(start, real_start, spec_.time_factor, spec_.clock_drift_ppm) {}

UtcTime SimMeter::simulated_now(RealClock::time_point real_now) const {
  std::lock_guard lock(mutex_);
  return clock_.simulated(real_now);
}

UtcTime SimMeter::meter_time_now(RealClock::time_point real_now) const {
  std::lock_guard lock(mutex_);
  return clock_.meter_time_at(clock_.simulated(real_now));
}

double SimMeter::time_factor() const {
  std::lock_guard lock(mutex_);
  return clock_.time_factor();
}

double SimMeter::clock_drift_ppm() const {
  std::lock_guard lock(mutex_);
  return clock_.drift_ppm();
}

Truth SimMeter::evaluate(UtcTime simulated) {
  Truth t;
  t.simulated = simulated;
  t.meter_time = clock_.meter_time_at(simulated);
  t.instantaneous = model_.instantaneous(unix_seconds(simulated));
  t.energy = integrator_.at(to_unix_micros(simulated)).value_or(EnergyRegisters{});
  return t;
}

Truth SimMeter::truth_now(RealClock::time_point real_now) {
  std::lock_guard lock(mutex_);
  return evaluate(clock_.simulated(real_now));
}

std::optional<Truth> SimMeter::truth_at(UtcTime simulated, RealClock::time_point real_now) {
  std::lock_guard lock(mutex_);
  if (simulated > clock_.simulated(real_now) ||
      to_unix_micros(simulated) < integrator_.epoch() * 1'000'000)
    return std::nullopt;
  return evaluate(simulated);
}

void SimMeter::set_clock(UtcTime meter_time, RealClock::time_point real_now) {
  std::lock_guard lock(mutex_);
  const UtcTime simulated = clock_.simulated(real_now);
  // The profiles close what ended under the old clock before the clock moves.
  LoadProfileRecorder& lp = recorder();
  lp.advance(simulated, clock_);
  const UtcTime before = clock_.meter_time_at(simulated);
  clock_.set(meter_time, real_now);
  lp.clock_set(simulated, before, clock_);
}

LoadProfileRecorder& SimMeter::recorder() {
  if (!lp_) lp_ = std::make_unique<LoadProfileRecorder>(spec_, model_, integrator_.epoch(), clock_);
  return *lp_;
}

void SimMeter::read_load_profile(RealClock::time_point real_now,
                                 const std::function<void(const LoadProfileView&)>& read) {
  std::lock_guard lock(mutex_);
  const UtcTime simulated = clock_.simulated(real_now);
  LoadProfileRecorder& lp = recorder();
  lp.advance(simulated, clock_);
  read(LoadProfileView{lp, simulated, clock_.meter_time_at(simulated)});
}

void SimMeter::set_time_factor(double factor, RealClock::time_point real_now) {
  std::lock_guard lock(mutex_);
  clock_.set_time_factor(factor, real_now);
}

void SimMeter::advance(Micros by, RealClock::time_point real_now) {
  std::lock_guard lock(mutex_);
  clock_.advance(by, real_now);
}

}  // namespace jemhead::sim
