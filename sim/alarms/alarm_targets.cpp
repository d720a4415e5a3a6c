#include "sim/alarms/alarm_targets.hpp"

namespace jemhead::sim {

std::vector<AlarmTarget> alarm_targets(Fleet& fleet, const PqdifService& pqdif) {
  std::vector<AlarmTarget> targets;
  for (const auto& meter : fleet.meters()) {
    if (!meter->spec().alarms) continue;
    SimMeter* m = meter.get();
    targets.push_back({&m->spec(), pqdif.recorder(m->spec().serial),
                       [m] { return m->simulated_now(RealClock::now()); }});
  }
  return targets;
}

}  // namespace jemhead::sim
