#include "sim/load_profile/lp_recorder.hpp"

#include <algorithm>
#include <limits>

namespace jemhead::sim {

namespace {

constexpr std::int64_t kMicros = 1'000'000;

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  const std::int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

double seconds_of(std::int64_t us) {
  return static_cast<double>(us) / kMicros;
}

}  // namespace

LoadProfileRecorder::LoadProfileRecorder(const MeterSpec& spec, const MetrologyModel& model,
                                         std::int64_t epoch_unix_seconds, const MeterClock& clock)
    : model_(model),
      epoch_s_(epoch_unix_seconds),
      integrator_(model, epoch_unix_seconds, kSampleSeconds) {
  const LoadProfileSpec defaults;
  const LoadProfileSpec& lp = spec.load_profile ? *spec.load_profile : defaults;
  for (const auto& o : lp.outages)
    if (o.to > o.from) outages_us_.emplace_back(to_unix_micros(o.from), to_unix_micros(o.to));
  std::sort(outages_us_.begin(), outages_us_.end());
  std::vector<std::pair<std::int64_t, std::int64_t>> merged;
  for (const auto& o : outages_us_) {
    if (!merged.empty() && o.first <= merged.back().second)
      merged.back().second = std::max(merged.back().second, o.second);
    else
      merged.push_back(o);
  }
  outages_us_ = std::move(merged);
  for (const auto& d : lp.dst) {
    dst_meter_us_.push_back(to_unix_micros(d.from));
    dst_meter_us_.push_back(to_unix_micros(d.to));
  }
  std::sort(dst_meter_us_.begin(), dst_meter_us_.end());

  const std::int64_t epoch_us = epoch_s_ * kMicros;
  const UtcTime epoch_time = from_unix_micros(epoch_us);
  for (int i = 0; i < kLpProfiles; ++i) {
    State& s = state_[static_cast<std::size_t>(i)];
    s.p.obis = kLpObis[i];
    s.p.spec = lp.profiles[static_cast<std::size_t>(i)];
    for (const auto& obis : s.p.spec.channels) {
      // The fleet file validated every code; one that does not resolve records nothing.
      auto resolved = resolve_lp_channel(obis);
      if (auto* c = std::get_if<LpChannel>(&resolved)) s.p.channels.push_back(*c);
    }
    const std::size_t n = s.p.channels.size();
    s.p.buffer = LpBuffer(n, n ? profile_entries(n) : 0);
    for (const auto& c : s.p.channels) {
      s.primary.push_back(lp_primary_factor(c, spec.pt_ratio, spec.ct_ratio));
      s.has_averages = s.has_averages || c.source == LpSource::average;
    }
    s.sums.assign(n, 0.0);
    any_averages_ = any_averages_ || (s.p.installed() && s.has_averages);
    s.start_us = epoch_us;
    s.start_meter_us = to_unix_micros(clock.meter_time_at(epoch_time));
    s.last_end_meter_s = std::numeric_limits<std::int64_t>::min() / 2;
    schedule_next_end(s, s.start_meter_us, clock);
  }
}

void LoadProfileRecorder::schedule_next_end(State& s, std::int64_t after_meter_us,
                                            const MeterClock& clock) {
  // The first multiple of the period strictly after both `after_meter_us` and the newest
  // recorded end: a clock set backwards never repeats a timestamp.
  const std::int64_t period = s.p.capture_period_s();
  const std::int64_t after_s = std::max(floor_div(after_meter_us, kMicros), s.last_end_meter_s);
  s.end_meter_s = (floor_div(after_s, period) + 1) * period;
  s.end_us =
      to_unix_micros(clock.simulated_at_meter_time(from_unix_micros(s.end_meter_s * kMicros)));
  s.end_us = std::max(s.end_us, s.start_us);
}

bool LoadProfileRecorder::powered(std::int64_t t_us) const {
  for (const auto& [from, to] : outages_us_)
    if (t_us >= from && t_us < to) return false;
  return true;
}

std::uint32_t LoadProfileRecorder::dst_bits(std::int64_t from_meter_us,
                                            std::int64_t to_meter_us) const {
  // A DST change at b belongs to the interval (from, to] of meter time.
  auto it = std::upper_bound(dst_meter_us_.begin(), dst_meter_us_.end(), from_meter_us);
  return it != dst_meter_us_.end() && *it <= to_meter_us ? lp_status::dst_change : 0;
}

void LoadProfileRecorder::feed_sample(std::int64_t t_us) {
  if (!powered(t_us)) return;
  const Instantaneous v = model_.instantaneous(seconds_of(t_us));
  for (auto& s : state_) {
    if (!s.p.installed() || !s.has_averages) continue;
    for (std::size_t j = 0; j < s.p.channels.size(); ++j)
      if (s.p.channels[j].source == LpSource::average)
        s.sums[j] += lp_sample_value(s.p.channels[j], v);
    ++s.samples;
  }
}

void LoadProfileRecorder::close_interval(State& s, const MeterClock& clock) {
  const std::int64_t start = s.start_us, end = s.end_us;
  const EnergyRegisters end_registers = *integrator_.at(end);
  // The powered parts of [start, end).
  std::vector<std::pair<std::int64_t, std::int64_t>> off;
  std::int64_t off_us = 0;
  for (const auto& [from, to] : outages_us_) {
    const std::int64_t a = std::max(start, from), b = std::min(end, to);
    if (a < b) {
      off.emplace_back(a, b);
      off_us += b - a;
    }
  }
  std::uint32_t status = s.pending | dst_bits(s.start_meter_us, s.end_meter_s * kMicros);
  const bool dark = !off.empty() && off_us >= end - start;
  if (!off.empty()) status |= lp_status::power_outage;
  if (dark) {
    // Wholly inside an outage: not recorded; its events go to the next recorded interval.
    s.pending = status;
  } else {
    if (s.end_meter_s % 86400 == 0) status |= lp_status::midnight;
    if ((status & ~lp_status::midnight) == 0) status |= lp_status::normal;
    std::array<float, kLpMaxChannels> values{};
    std::vector<EnergyRegisters> off_registers;  // at each outage part's start and end
    for (const auto& [a, b] : off) {
      off_registers.push_back(*integrator_.at(a));
      off_registers.push_back(*integrator_.at(b));
    }
    std::optional<Instantaneous> middle;
    for (std::size_t j = 0; j < s.p.channels.size(); ++j) {
      const LpChannel& c = s.p.channels[j];
      double v = 0;
      if (c.source == LpSource::consumption) {
        v = lp_register_value(c, end_registers) - lp_register_value(c, s.start_registers);
        for (std::size_t k = 0; k < off_registers.size(); k += 2)
          v -= lp_register_value(c, off_registers[k + 1]) - lp_register_value(c, off_registers[k]);
      } else if (c.source == LpSource::average) {
        if (s.samples > 0) {
          v = s.sums[j] / s.samples;
        } else {
          if (!middle) {
            // Too short for a grid sample: the middle of its (first) powered part.
            std::int64_t a = start, b = end;
            std::int64_t cursor = start;
            for (const auto& [oa, ob] : off) {
              if (oa > cursor) {
                b = oa;
                break;
              }
              cursor = ob;
              a = ob;
            }
            middle = model_.instantaneous(seconds_of(a + (b - a) / 2));
          }
          v = lp_sample_value(c, *middle);
        }
      }
      values[j] = static_cast<float>(v * s.primary[j]);
    }
    s.p.buffer.push(s.end_meter_s, status,
                    std::span<const float>(values.data(), s.p.channels.size()));
    s.last_end_meter_s = s.end_meter_s;
    s.recorded_any = true;
    s.pending = 0;
    ++recorded_;
  }
  std::fill(s.sums.begin(), s.sums.end(), 0.0);
  s.samples = 0;
  s.start_registers = end_registers;
  s.start_us = end;
  s.start_meter_us = s.end_meter_s * kMicros;
  const std::int64_t period = s.p.capture_period_s();
  s.last_end_meter_s = std::max(s.last_end_meter_s, s.end_meter_s);
  s.end_meter_s += period;
  s.end_us = std::max(
      start,
      to_unix_micros(clock.simulated_at_meter_time(from_unix_micros(s.end_meter_s * kMicros))));
  s.end_us = std::max(s.end_us, end);
}

void LoadProfileRecorder::advance(UtcTime now, const MeterClock& clock) {
  const std::int64_t target = to_unix_micros(now);
  for (;;) {
    State* first = nullptr;
    for (auto& s : state_)
      if (s.p.installed() && (!first || s.end_us < first->end_us)) first = &s;
    const std::int64_t next_end = first ? first->end_us : std::numeric_limits<std::int64_t>::max();
    const std::int64_t sample_us =
        (epoch_s_ + next_sample_ * kSampleSeconds + kSampleSeconds / 2) * kMicros;
    if (any_averages_ && sample_us < next_end && sample_us <= target) {
      feed_sample(sample_us);
      ++next_sample_;
      continue;
    }
    if (first && next_end <= target) {
      close_interval(*first, clock);
      continue;
    }
    break;
  }
}

void LoadProfileRecorder::clock_set(UtcTime now, UtcTime meter_before, const MeterClock& clock) {
  const std::int64_t before_us = to_unix_micros(meter_before);
  const std::int64_t after_us = to_unix_micros(clock.meter_time_at(now));
  for (auto& s : state_) {
    if (!s.p.installed()) continue;
    s.pending |= lp_status::time_set | dst_bits(s.start_meter_us, before_us);
    s.start_meter_us = after_us;
    schedule_next_end(s, after_us, clock);
    s.end_us = std::max(s.end_us, to_unix_micros(now));
  }
}

}  // namespace jemhead::sim
