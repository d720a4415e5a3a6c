#pragma once
// The running fleet: every SimMeter of a FleetSpec, found by serial. All meters share one
// real-time anchor and one start instant, so a fleet's meters stay in step.
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sim/fleet_file.hpp"
#include "sim/sim_meter.hpp"

namespace jemhead::sim {

class Fleet {
 public:
  // `start` is used when the spec has no start_time.
  Fleet(const FleetSpec& spec, UtcTime start, RealClock::time_point real_start);

  std::size_t size() const { return meters_.size(); }
  const std::vector<std::unique_ptr<SimMeter>>& meters() const { return meters_; }
  SimMeter* find(std::string_view serial) const;
  UtcTime start() const { return start_; }

 private:
  UtcTime start_;
  std::vector<std::unique_ptr<SimMeter>> meters_;
  std::unordered_map<std::string, SimMeter*> by_serial_;
};

}  // namespace jemhead::sim
