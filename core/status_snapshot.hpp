#pragma once
// The state of a meter's status points at one instant, as a driver read it: named on/off
// points (Modbus discrete inputs, the System Bit / Trigger Bit of the status word, ...).
// `active` is the alarm/on state after the point's polarity, so "set" always means
// "the condition is present".
#include <string>
#include <vector>

#include "core/time.hpp"

namespace jemhead {

struct StatusPoint {
  std::string name;  // unique within a snapshot, e.g. "battery", "trigger_5"
  bool active = false;
  bool operator==(const StatusPoint&) const = default;
};

struct StatusSnapshot {
  UtcTime read_at{};
  std::vector<StatusPoint> points;
  bool operator==(const StatusSnapshot&) const = default;
};

}  // namespace jemhead
