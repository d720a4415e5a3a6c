#pragma once
// jemsim's Modbus TCP slaves running in this process (the same ModbusService the jemsim
// binary runs), one loopback listener on an ephemeral port per meter, every meter
// serving the same point map file. Simulated time is frozen once the slaves listen, so
// every request costs the slave the same and benchmark runs stay comparable.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace jemhead::bench {

class SimulatedModbusFleet {
 public:
  SimulatedModbusFleet(std::size_t meters, const std::string& map_file);
  ~SimulatedModbusFleet();

  const std::vector<std::uint16_t>& tcp_ports() const { return ports_; }
  std::uint8_t unit_id() const { return 1; }  // the slaves' default MBAP unit id

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::vector<std::uint16_t> ports_;
};

}  // namespace jemhead::bench
