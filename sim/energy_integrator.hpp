#pragma once
// Integrates a meter's power into its energy registers on a fixed grid of steps (one
// second by default, midpoint rule) anchored at the model epoch, so the registers at an instant are
// a pure function of that instant: they do not depend on how often, or in which order, anybody
// asked. Work is done lazily up to the latest instant asked for, and checkpoints (hourly for the
// last two days, daily before that) let a past instant be recomputed with at most one hour (or one
// day) of steps.
//
// Not thread-safe: the owner (SimMeter) serialises calls.
#include <cstdint>
#include <deque>
#include <optional>
#include <vector>

#include "sim/energy_registers.hpp"
#include "sim/metrology.hpp"

namespace jemhead::sim {

class EnergyIntegrator {
 public:
  // Registers are zero at `epoch_unix_seconds` (simulated time). `step_seconds` must
  // divide kCheckpointSeconds (see valid_step); longer steps trade accuracy for speed at
  // high time factors.
  EnergyIntegrator(const MetrologyModel& model, std::int64_t epoch_unix_seconds,
                   std::int64_t step_seconds = 1);
  static bool valid_step(std::int64_t step_seconds) {
    return step_seconds >= 1 && step_seconds <= 60 && kCheckpointSeconds % step_seconds == 0;
  }

  std::int64_t epoch() const { return epoch_; }
  // Registers at simulated instant `unix_micros`; nullopt before the epoch. Within a
  // second the registers grow linearly at that second's midpoint power, so they are
  // continuous and never decrease.
  std::optional<EnergyRegisters> at(std::int64_t unix_micros);

  // Steps computed so far (for tests and the performance budget).
  std::uint64_t steps_computed() const { return steps_; }

  static constexpr std::int64_t kCheckpointSeconds = 3600;
  static constexpr std::size_t kRecentCheckpoints = 48;
  static constexpr std::int64_t kDailySeconds = 86400;
  static constexpr std::size_t kMaxDailyCheckpoints = 64;

 private:
  struct Checkpoint {
    std::int64_t second = 0;  // registers hold everything before this second
    EnergyRegisters registers;
  };
  void advance(Checkpoint& state, std::int64_t to_second, bool record);
  const Checkpoint& best_start(std::int64_t second) const;
  void record_checkpoint(const Checkpoint& c);

  const MetrologyModel& model_;
  std::int64_t epoch_;
  std::int64_t step_;
  Checkpoint head_;                // furthest point reached
  std::deque<Checkpoint> recent_;  // hourly, oldest first
  std::vector<Checkpoint> daily_;  // daily (thinned when full), oldest first
  std::int64_t daily_stride_ = kDailySeconds;
  std::uint64_t steps_ = 0;
};

}  // namespace jemhead::sim
