#pragma once
// The truth of a meter's Modbus slave as JSON (GET /meters/{serial}/modbus): the map, the
// exact register and bit images it would serve at one instant, per-point model values,
// the I/O state, presets, faults and counters. docs/simulator.md describes the fields.
#include <boost/json/object.hpp>

#include "sim/modbus/modbus_service.hpp"
#include "sim/modbus/modbus_slave.hpp"

namespace jemhead::sim {

boost::json::object modbus_truth_json(const ModbusSlave& slave,
                                      const ModbusSlave::Snapshot& snapshot,
                                      const ModbusEndpointInfo& endpoints);
boost::json::object modbus_endpoints_json(const ModbusService& service);  // GET /modbus
boost::json::object faults_json(const FaultSettings& faults);

}  // namespace jemhead::sim
