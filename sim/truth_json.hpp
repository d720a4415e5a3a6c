#pragma once
// JSON views of a simulated meter for the control endpoint. Numbers are plain doubles:
// Boost.JSON prints the shortest text that reads back as the same double, so a test can
// compare what jemhead stored with exactly what the simulator computed.
#include <boost/json/value.hpp>

#include "sim/sim_meter.hpp"

namespace jemhead::sim {

boost::json::object identity_json(const SimMeter& meter);
boost::json::object clock_json(const SimMeter& meter, RealClock::time_point real_now);
boost::json::object truth_json(const SimMeter& meter, const Truth& truth);

// Pieces, exposed for tests.
boost::json::object instantaneous_json(const Instantaneous& v, double pt_ratio, double ct_ratio);
boost::json::object energy_json(const EnergyRegisters& e);

}  // namespace jemhead::sim
