#include "bench/fleet/start_delays.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/schedule/jitter.hpp"

namespace jemhead::bench {

namespace {

std::vector<std::string> split_kinds(const std::string& kinds) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= kinds.size()) {
    const auto comma = kinds.find(',', start);
    out.push_back(kinds.substr(start, comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

}  // namespace

ScheduledCycle first_scheduled_cycle(const std::vector<JobRunView>& runs, Micros max_jitter) {
  ScheduledCycle cycle;
  for (const auto& r : runs)
    if (r.trigger == "schedule" && r.nominal_at &&
        (!cycle.nominal || *r.nominal_at < *cycle.nominal))
      cycle.nominal = r.nominal_at;
  if (!cycle.nominal) return cycle;
  for (const auto& r : runs) {
    if (r.trigger != "schedule" || r.nominal_at != cycle.nominal) continue;
    ++cycle.jobs;
    cycle.ok += r.outcome == "ok";
    std::optional<UtcTime> due;
    for (const auto& kind : split_kinds(r.kind)) {
      ++cycle.kinds;
      const UtcTime kind_due =
          *r.nominal_at + schedule::jitter_offset(r.meter_id, kind, max_jitter);
      if (!due || kind_due < *due) due = kind_due;
    }
    cycle.start_delays_ms.push_back(
        std::chrono::duration<double, std::milli>(r.started_at - *due).count());
  }
  return cycle;
}

double percentile(std::vector<double> values, double p) {
  if (values.empty()) throw std::invalid_argument("percentile of nothing");
  std::sort(values.begin(), values.end());
  const auto rank =
      static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(values.size())));
  return values[std::clamp<std::size_t>(rank, 1, values.size()) - 1];
}

}  // namespace jemhead::bench
