#pragma once
// The meters of a running fleet that notify alarms (`alarms:`), each with its PQ recorder
// (when it has `pqdif:`) and its simulated clock: the AlarmService's input in jemsim.
#include <vector>

#include "sim/alarms/alarm_service.hpp"
#include "sim/fleet.hpp"
#include "sim/pqdif/pqdif_service.hpp"

namespace jemhead::sim {

std::vector<AlarmTarget> alarm_targets(Fleet& fleet, const PqdifService& pqdif);

}  // namespace jemhead::sim
