#pragma once
// Every alarm the simulated fleet raised, in order, with each channel's outcome: the
// simulator's truth. Thread-safe; alarms are never forgotten while jemsim runs (a burst of
// 100,000 is some tens of MB), only their PQDIF bytes once every channel is done.
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string_view>
#include <vector>

#include "sim/alarms/sim_alarm.hpp"

namespace jemhead::sim {

class AlarmLog {
 public:
  // `make` fills the alarm given its id (EventId carries it); returns the id.
  std::uint64_t add(const std::function<SimAlarm(std::uint64_t id)>& make);
  // Changes one alarm under the lock (keep it short). False for an unknown id.
  bool update(std::uint64_t id, const std::function<void(SimAlarm&)>& change);
  std::optional<SimAlarm> get(std::uint64_t id) const;
  // Copies (without file bytes) of the alarms of `serial`, or all when it is empty.
  std::vector<SimAlarm> list(std::string_view serial = {}) const;
  std::size_t size() const;

 private:
  mutable std::mutex mutex_;
  std::deque<SimAlarm> alarms_;  // alarms_[id - 1]
};

}  // namespace jemhead::sim
