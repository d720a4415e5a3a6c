#include "bench/modbus/simulated_fleet.hpp"

#include <stdexcept>

#include "core/time.hpp"
#include "sim/fleet.hpp"
#include "sim/fleet_file.hpp"
#include "sim/modbus/modbus_service.hpp"

namespace jemhead::bench {

namespace {

std::string fleet_yaml(std::size_t meters, const std::string& map_file) {
  // integration_step 60: the energy model's cost does not matter here, only the Modbus path.
  return "seed: 7\n"
         "start_time: \"2026-07-01T09:00:00Z\"\n"
         "meters:\n"
         "  count: " +
         std::to_string(meters) +
         "\n"
         "  integration_step: 60\n"
         "  modbus: { map: \"" +
         map_file + "\", tcp: { listen: \"127.0.0.1:0\" } }\n";
}

std::uint16_t port_of(const std::string& endpoint) {
  return static_cast<std::uint16_t>(std::stoi(endpoint.substr(endpoint.rfind(':') + 1)));
}

}  // namespace

struct SimulatedModbusFleet::Impl {
  Impl(std::size_t meters, const std::string& map_file)
      : spec(sim::parse_fleet(fleet_yaml(meters, map_file), "bench-fleet.yaml")),
        fleet(spec, utc_now(), sim::RealClock::now()),
        service(fleet, spec.rtu_buses) {}
  sim::FleetSpec spec;
  sim::Fleet fleet;
  sim::ModbusService service;
};

SimulatedModbusFleet::SimulatedModbusFleet(std::size_t meters, const std::string& map_file)
    : impl_(std::make_unique<Impl>(meters, map_file)) {
  impl_->service.start();
  const auto now = sim::RealClock::now();
  for (const auto& meter : impl_->fleet.meters()) meter->set_time_factor(0, now);
  for (const auto* slave : impl_->service.slaves()) {
    const auto tcp = impl_->service.endpoints(slave->serial()).tcp;
    if (!tcp) throw std::runtime_error("meter " + slave->serial() + " has no Modbus TCP listener");
    ports_.push_back(port_of(*tcp));
  }
}

// The service stops its threads and closes every listener and session.
SimulatedModbusFleet::~SimulatedModbusFleet() = default;

}  // namespace jemhead::bench
