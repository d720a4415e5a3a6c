#pragma once
// Every Modbus slave of a fleet and the ports they listen on: one TCP listener per meter
// that asks for one, one pseudo-terminal per RTU bus. Runs its own io_context threads so
// Modbus traffic never queues behind the control endpoint. No Asio in this header.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/fleet.hpp"
#include "sim/fleet_file.hpp"
#include "sim/modbus/modbus_slave.hpp"

namespace jemhead::sim {

struct ModbusBusInfo {
  std::string name;
  std::uint32_t baud = 0;
  std::string device;                                        // the pty slave path a master opens
  std::vector<std::pair<std::string, std::uint8_t>> meters;  // serial, address
};

struct ModbusEndpointInfo {
  std::optional<std::string> tcp;  // "127.0.0.1:PORT"
  std::optional<std::string> rtu_bus;
  std::optional<std::string> rtu_device;
  std::optional<std::uint8_t> rtu_address;
  std::optional<std::string> rtu_tcp;  // "127.0.0.1:PORT": RTU over TCP
  std::uint8_t rtu_tcp_address = 0;    // the Device Address it answers there
};

class ModbusService {
 public:
  // Builds a slave for every meter whose spec has `modbus`; throws std::invalid_argument
  // for a meter on an unknown bus or a map whose counters have no energy register.
  ModbusService(Fleet& fleet, const std::vector<RtuBusSpec>& buses, std::size_t threads = 2);
  ~ModbusService();
  ModbusService(const ModbusService&) = delete;
  ModbusService& operator=(const ModbusService&) = delete;

  // Binds every listener and opens every pty (throws std::system_error), then serves.
  void start();
  void stop();

  bool empty() const;
  Fleet& fleet() const;
  ModbusSlave* slave(std::string_view serial) const;
  std::vector<ModbusSlave*> slaves() const;
  std::vector<ModbusBusInfo> buses() const;
  ModbusEndpointInfo endpoints(std::string_view serial) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace jemhead::sim
