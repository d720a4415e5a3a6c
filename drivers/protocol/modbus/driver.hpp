#pragma once
// The Modbus protocol driver (issue 3): RTU over serial / RS-485, RTU over TCP and Modbus
// TCP. It declares exactly what the meter's Modbus interface offers: registers (counters),
// instantaneous values (analogs), status (discrete inputs), register presets and output
// control (coils). No load profile, clock or logs: the meter does not offer them here.
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "drivers/driver.hpp"

namespace jemhead::transport {
class Bus;
}

namespace jemhead::modbus {

class ModbusDriver final : public drivers::Driver {
 public:
  Protocol protocol() const override { return Protocol::modbus; }
  CapabilitySet capabilities() const override;
  // The profile's options and point map (profile_config.hpp), every problem named.
  Validation validate_options(const ConnectionProfile& profile) const override;
  // Builds the session; the connection is made by its first request (and remade after a
  // failure), so a refused connection surfaces as ConnectionFailed from that operation.
  drivers::Task<std::unique_ptr<drivers::Session>> open(const Meter& meter,
                                                        const ConnectionProfile& profile,
                                                        drivers::Executor executor) const override;

 private:
  // Meters on the same RS-485 device share one Bus (one request on the line at a time).
  // Held weakly: the line is closed when its last session ends.
  std::shared_ptr<transport::Bus> bus_for(const ConnectionProfile& profile,
                                          drivers::Executor executor) const;
  mutable std::mutex buses_mutex_;
  mutable std::map<std::string, std::weak_ptr<transport::Bus>> buses_;
};

}  // namespace jemhead::modbus
