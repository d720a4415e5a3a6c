#include "sim/pqdif/pqdif_plan.hpp"

#include <algorithm>

#include "core/pqdif_file_name.hpp"
#include "sim/pqdif/pq_observations.hpp"

namespace jemhead::sim {

namespace {

constexpr std::int64_t kDay = 86'400'000'000;
// Longer than any recording (3600 cycles at 50 Hz plus the longest event).
constexpr Micros kLongestRecording{600'000'000};

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

// Triggers in [from, to) that happened after the epoch, seeded and forced, in time order.
std::vector<PqEvent> events_in(const PqdifPlanInput& in, UtcTime from, UtcTime to) {
  from = std::max(from, in.epoch);
  auto events = seeded_pq_events(in.seed, in.spec.events_per_day, from, to);
  for (const auto& e : in.forced)
    if (e.trigger >= from && e.trigger < to) events.push_back(e);
  std::stable_sort(events.begin(), events.end(),
                   [](const PqEvent& a, const PqEvent& b) { return a.trigger < b.trigger; });
  return events;
}

// Interval ends in (from, to] whose whole interval is after the epoch.
std::vector<UtcTime> ml_ends_in(const PqdifPlanInput& in, UtcTime from, UtcTime to) {
  std::vector<UtcTime> ends;
  if (in.spec.ml_interval_minutes == 0 || to <= from) return ends;
  const std::int64_t step = static_cast<std::int64_t>(in.spec.ml_interval_minutes) * 60'000'000;
  for (std::int64_t k = floor_div(to_unix_micros(from), step) + 1;
       k <= floor_div(to_unix_micros(to), step); ++k) {
    const UtcTime end = from_unix_micros(k * step);
    if (end - Micros{step} >= in.epoch) ends.push_back(end);
  }
  return ends;
}

std::int64_t seconds_of(UtcTime t) {
  return floor_div(to_unix_micros(t), 1'000'000);
}

void plan_single(const PqdifPlanInput& in, UtcTime from, UtcTime to,
                 std::vector<PqdifFilePlan>& plans) {
  for (const auto& e : events_in(in, from - kLongestRecording, to)) {
    const UtcTime ready = event_recording_end(e, in.spec, in.nominal_hz);
    if (ready <= from || ready > to) continue;
    plans.push_back({ready, seconds_of(e.trigger), event_data_type(e, in.spec), {e}, {}});
  }
  for (UtcTime end : ml_ends_in(in, from, to))
    plans.push_back({end, seconds_of(end), kPqdifMeasurementLog, {}, {end}});
}

void plan_multiple(const PqdifPlanInput& in, UtcTime from, UtcTime to,
                   std::vector<PqdifFilePlan>& plans) {
  for (std::int64_t day = floor_div(to_unix_micros(from), kDay) + 1;
       day <= floor_div(to_unix_micros(to), kDay); ++day) {
    const UtcTime midnight = from_unix_micros(day * kDay);
    if (midnight <= in.epoch) continue;
    PqdifFilePlan p{midnight, seconds_of(midnight), kPqdifDaily, {}, {}};
    p.events = events_in(in, midnight - Micros{kDay}, midnight);
    p.ml_ends = ml_ends_in(in, midnight - Micros{kDay}, midnight);
    if (!p.events.empty() || !p.ml_ends.empty()) plans.push_back(std::move(p));
  }
}

}  // namespace

std::vector<PqdifFilePlan> plan_pqdif_files(const PqdifPlanInput& in, UtcTime from, UtcTime to) {
  std::vector<PqdifFilePlan> plans;
  if (to <= from) return plans;
  if (in.spec.mode == PqdifFileMode::single)
    plan_single(in, from, to, plans);
  else
    plan_multiple(in, from, to, plans);
  std::stable_sort(plans.begin(), plans.end(), [](const PqdifFilePlan& a, const PqdifFilePlan& b) {
    return a.created < b.created;
  });
  return plans;
}

}  // namespace jemhead::sim
