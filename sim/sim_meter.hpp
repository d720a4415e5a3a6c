#pragma once
// One simulated meter at run time: its spec, metrology model, energy integrator and clock
// behind one mutex, so HTTP handler threads can ask for truth concurrently.
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "sim/energy_integrator.hpp"
#include "sim/load_profile/lp_recorder.hpp"
#include "sim/meter_clock.hpp"
#include "sim/meter_spec.hpp"
#include "sim/metrology.hpp"

namespace jemhead::sim {

// What the meter has generated at one simulated instant.
struct Truth {
  UtcTime simulated{};   // the physical instant evaluated
  UtcTime meter_time{};  // what the meter's clock read at that instant
  Instantaneous instantaneous;
  EnergyRegisters energy;  // secondary units
};

class SimMeter {
 public:
  // Registers start at zero at `start` (floored to the second).
  SimMeter(MeterSpec spec, UtcTime start, RealClock::time_point real_start);
  SimMeter(const SimMeter&) = delete;
  SimMeter& operator=(const SimMeter&) = delete;

  const MeterSpec& spec() const { return spec_; }
  const MetrologyModel& model() const { return model_; }
  UtcTime epoch() const { return from_unix_micros(integrator_.epoch() * 1'000'000); }

  UtcTime simulated_now(RealClock::time_point real_now) const;
  UtcTime meter_time_now(RealClock::time_point real_now) const;
  double time_factor() const;
  double clock_drift_ppm() const;

  Truth truth_now(RealClock::time_point real_now);
  // Nullopt when `simulated` is before the epoch or after the current simulated time.
  std::optional<Truth> truth_at(UtcTime simulated, RealClock::time_point real_now);

  // Also marks the interval in progress of each load profile as Time Set.
  void set_clock(UtcTime meter_time, RealClock::time_point real_now);

  // Records the load profiles up to now, then lets `read` look at them (under the meter's
  // lock: keep it short, no calls back into the meter).
  struct LoadProfileView {
    const LoadProfileRecorder& recorder;
    UtcTime simulated;   // what the recorder has reached
    UtcTime meter_time;  // the meter clock then
  };
  void read_load_profile(RealClock::time_point real_now,
                         const std::function<void(const LoadProfileView&)>& read);
  void set_time_factor(double factor, RealClock::time_point real_now);
  void advance(Micros by, RealClock::time_point real_now);

 private:
  Truth evaluate(UtcTime simulated);  // caller holds mutex_
  LoadProfileRecorder& recorder();    // caller holds mutex_; created on first use
  MeterSpec spec_;
  MetrologyModel model_;
  mutable std::mutex mutex_;
  EnergyIntegrator integrator_;
  MeterClock clock_;
  // Built on first use: a fleet of thousands of meters nobody reads profiles from pays
  // nothing. Starting later gives the same buffer, since it starts at the epoch anyway.
  std::unique_ptr<LoadProfileRecorder> lp_;
};

}  // namespace jemhead::sim
