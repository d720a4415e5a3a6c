#include "sim/fleet.hpp"

namespace jemhead::sim {

Fleet::Fleet(const FleetSpec& spec, UtcTime start, RealClock::time_point real_start)
    : start_(spec.start_time.value_or(start)) {
  meters_.reserve(spec.meters.size());
  for (const auto& m : spec.meters) {
    meters_.push_back(std::make_unique<SimMeter>(m, start_, real_start));
    by_serial_.emplace(m.serial, meters_.back().get());
  }
}

SimMeter* Fleet::find(std::string_view serial) const {
  auto it = by_serial_.find(std::string(serial));
  return it == by_serial_.end() ? nullptr : it->second;
}

}  // namespace jemhead::sim
