#pragma once
// A fleet with its Modbus service running in-process on real loopback sockets and
// pseudo-terminals. Simulated time runs fast for a moment (so registers hold something)
// and is then frozen, so what a master reads can be compared exactly with the truth.
#include <chrono>
#include <string>
#include <thread>

#include "sim/fleet.hpp"
#include "sim/fleet_file.hpp"
#include "sim/modbus/modbus_service.hpp"

namespace jemhead::sim::testing {

class LiveFleet {
 public:
  explicit LiveFleet(const std::string& yaml)
      : spec_(parse_fleet(yaml, "live.yaml")),
        fleet_(spec_, utc_now(), RealClock::now()),
        service_(fleet_, spec_.rtu_buses) {
    service_.start();
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    const auto now = RealClock::now();
    for (const auto& m : fleet_.meters()) m->set_time_factor(0, now);
  }

  ModbusService& service() { return service_; }
  ModbusSlave& slave(const std::string& serial) { return *service_.slave(serial); }
  std::uint16_t tcp_port(const std::string& serial) {
    const auto tcp = service_.endpoints(serial).tcp.value_or(":0");
    return static_cast<std::uint16_t>(std::stoi(tcp.substr(tcp.rfind(':') + 1)));
  }
  std::string device(const std::string& serial) {
    return service_.endpoints(serial).rtu_device.value_or("");
  }

 private:
  FleetSpec spec_;
  Fleet fleet_;
  ModbusService service_;
};

}  // namespace jemhead::sim::testing
