#pragma once
// The meter's two load profiles as a recorder that runs like the meter's firmware: each
// profile closes an interval whenever the meter's clock reaches a multiple of the capture
// period, and appends {end timestamp, status, channel values} to its FIFO buffer. Work is
// lazy: advance() records every interval that ended up to a simulated instant, and because
// every value is a pure function of the model, the buffer does not depend on how often or
// when anybody asked. Only clock sets are events: the owner calls advance() up to the set,
// then clock_set().
//
// Values (docs/simulator.md, "Load profile"):
//   - consumption channels: the change of the channel's register over the interval, from an
//     energy integrator of the recorder's own with 60-second steps on the meter's grid (the
//     same as the registers when integration_step is 60, within 0.1 % otherwise), so a
//     year of intervals costs 525,600 steps, not 31.5 million;
//   - average channels: the mean of the instantaneous quantity sampled at the middle of
//     every simulated minute of the grid (epoch + 60 k + 30 s) inside the interval; an
//     interval too short to hold one sample uses the one at its middle;
//   - status words: 0.
// Everything is primary (x PT x CT, see lp_primary_factor), in base units (Wh, W, V, A),
// converted to Float32 exactly once: what the buffer holds is what DLMS sends.
//
// Not thread-safe: the owner (SimMeter) serialises calls.
#include <array>
#include <cstdint>
#include <vector>

#include "sim/energy_integrator.hpp"
#include "sim/load_profile/lp_buffer.hpp"
#include "sim/load_profile/lp_channels.hpp"
#include "sim/load_profile/lp_spec.hpp"
#include "sim/meter_clock.hpp"
#include "sim/meter_spec.hpp"

namespace jemhead::sim {

// The manual's interval status bits (L15080-L15140); combined codes are ORs.
namespace lp_status {
inline constexpr std::uint32_t normal = 0x0001;
inline constexpr std::uint32_t midnight = 0x0002;
inline constexpr std::uint32_t power_outage = 0x0004;
inline constexpr std::uint32_t time_set = 0x0008;
inline constexpr std::uint32_t dst_change = 0x0010;
}  // namespace lp_status

class LoadProfileRecorder {
 public:
  struct Profile {
    dlms::cosem::Obis obis;
    ProfileSpec spec;
    std::vector<LpChannel> channels;  // empty: not installed (object-undefined over DLMS)
    LpBuffer buffer{0, 0};
    bool installed() const { return !channels.empty(); }
    std::int64_t capture_period_s() const { return spec.interval_minutes * 60LL; }
  };

  // Starts recording at the model epoch (registers zero), when the meter clock reads
  // clock.meter_time_at(epoch).
  LoadProfileRecorder(const MeterSpec& spec, const MetrologyModel& model,
                      std::int64_t epoch_unix_seconds, const MeterClock& clock);

  // Records every interval that ended at or before simulated instant `now`. `clock` maps
  // simulated to meter time and must be the clock in force since the previous call.
  void advance(UtcTime now, const MeterClock& clock);
  // The meter clock was just set at simulated `now` (advance(now, old clock) done before):
  // `meter_before` is what it read, `clock` the clock after the set.
  void clock_set(UtcTime now, UtcTime meter_before, const MeterClock& clock);

  const Profile& profile(int index) const { return state_[static_cast<std::size_t>(index)].p; }
  std::uint64_t intervals_recorded() const { return recorded_; }
  std::uint64_t integration_steps() const { return integrator_.steps_computed(); }

  static constexpr std::int64_t kSampleSeconds = 60;

 private:
  struct State {
    Profile p;
    std::vector<double> primary;  // per channel
    bool has_averages = false;
    // The interval in progress.
    std::int64_t start_us = 0;        // simulated
    std::int64_t start_meter_us = 0;  // meter clock at the start (or at the last set)
    std::int64_t end_meter_s = 0;     // its end on the meter clock
    std::int64_t end_us = 0;          // ... in simulated time
    EnergyRegisters start_registers;
    std::vector<double> sums;  // per channel, average channels only
    std::uint32_t samples = 0;
    std::uint32_t pending = 0;  // time set / DST / outage bits collected so far
    std::int64_t last_end_meter_s = 0;
    bool recorded_any = false;
  };

  void close_interval(State& s, const MeterClock& clock);
  void feed_sample(std::int64_t t_us);
  void schedule_next_end(State& s, std::int64_t after_meter_us, const MeterClock& clock);
  bool powered(std::int64_t t_us) const;
  std::uint32_t dst_bits(std::int64_t from_meter_us, std::int64_t to_meter_us) const;

  const MetrologyModel& model_;
  std::int64_t epoch_s_;
  EnergyIntegrator integrator_;  // 60-second steps
  std::array<State, kLpProfiles> state_;
  std::vector<std::pair<std::int64_t, std::int64_t>> outages_us_;  // merged, sorted
  std::vector<std::int64_t> dst_meter_us_;                         // every from and to
  std::int64_t next_sample_ = 0;                                   // grid index k
  bool any_averages_ = false;
  std::uint64_t recorded_ = 0;
};

}  // namespace jemhead::sim
