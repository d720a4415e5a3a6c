#include "sim/energy_integrator.hpp"

#include <algorithm>

namespace jemhead::sim {

namespace {
std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}
}  // namespace

EnergyIntegrator::EnergyIntegrator(const MetrologyModel& model, std::int64_t epoch_unix_seconds,
                                   std::int64_t step_seconds)
    : model_(model),
      epoch_(epoch_unix_seconds),
      step_(valid_step(step_seconds) ? step_seconds : 1) {
  head_.second = epoch_;
  daily_.push_back(head_);
  recent_.push_back(head_);
}

void EnergyIntegrator::record_checkpoint(const Checkpoint& c) {
  const std::int64_t since_epoch = c.second - epoch_;
  if (since_epoch % kCheckpointSeconds != 0) return;
  if (recent_.empty() || recent_.back().second < c.second) {
    recent_.push_back(c);
    if (recent_.size() > kRecentCheckpoints) recent_.pop_front();
  }
  if (since_epoch % daily_stride_ == 0 && daily_.back().second < c.second) {
    daily_.push_back(c);
    if (daily_.size() > kMaxDailyCheckpoints) {
      // Keep every other one: memory stays bounded, the worst-case replay doubles.
      std::vector<Checkpoint> thinned;
      for (std::size_t i = 0; i < daily_.size(); i += 2) thinned.push_back(daily_[i]);
      daily_ = std::move(thinned);
      daily_stride_ *= 2;
    }
  }
}

void EnergyIntegrator::advance(Checkpoint& state, std::int64_t to_second, bool record) {
  while (state.second < to_second) {
    const double mid = static_cast<double>(state.second) + 0.5 * step_;
    state.registers.accumulate(model_.sample(mid), static_cast<double>(step_));
    state.second += step_;
    ++steps_;
    if (record) record_checkpoint(state);
  }
}

const EnergyIntegrator::Checkpoint& EnergyIntegrator::best_start(std::int64_t second) const {
  if (head_.second <= second) return head_;
  auto by_second = [](const Checkpoint& c, std::int64_t s) { return c.second <= s; };
  // Latest checkpoint at or before `second`: the recent ones first, then the daily ones.
  if (!recent_.empty() && recent_.front().second <= second) {
    auto it = std::partition_point(recent_.begin(), recent_.end(),
                                   [&](const Checkpoint& c) { return by_second(c, second); });
    return *std::prev(it);
  }
  auto it = std::partition_point(daily_.begin(), daily_.end(),
                                 [&](const Checkpoint& c) { return by_second(c, second); });
  return *std::prev(it);  // daily_.front() is the epoch, which is <= second
}

std::optional<EnergyRegisters> EnergyIntegrator::at(std::int64_t unix_micros) {
  constexpr std::int64_t kMicros = 1'000'000;
  const std::int64_t second = floor_div(unix_micros, kMicros);
  if (second < epoch_) return std::nullopt;
  const std::int64_t step_start = epoch_ + floor_div(second - epoch_, step_) * step_;
  Checkpoint state;
  if (step_start >= head_.second) {
    advance(head_, step_start, true);
    state = head_;
  } else {
    state = best_start(step_start);
    advance(state, step_start, false);
  }
  // The partial step: linear in time at the step's midpoint power, which is exactly what
  // the full step will add, so the registers are continuous across the step boundary.
  const std::int64_t into_step = unix_micros - step_start * kMicros;
  if (into_step > 0) {
    const double mid = static_cast<double>(step_start) + 0.5 * step_;
    state.registers.accumulate(model_.sample(mid), static_cast<double>(into_step) / kMicros);
  }
  return state.registers;
}

}  // namespace jemhead::sim
