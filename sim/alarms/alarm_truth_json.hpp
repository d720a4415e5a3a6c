#pragma once
// The control endpoint's view of the alarms (GET /alarms, GET /meters/{serial}/alarms):
// each alarm's identity (serial, type, event time in µs), Properties, attached file, and
// per channel the JSON sent and the outcome.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <vector>

#include "sim/alarms/sim_alarm.hpp"

namespace jemhead::sim {

boost::json::object sim_alarm_json(const SimAlarm& alarm);
boost::json::array sim_alarms_json(const std::vector<SimAlarm>& alarms);

}  // namespace jemhead::sim
