#include "drivers/builtin_drivers.hpp"

#include "drivers/protocol/modbus/driver.hpp"

namespace jemhead::drivers {

void register_builtin_drivers(DriverRegistry& registry) {
  registry.add(Protocol::modbus, [] { return std::make_unique<modbus::ModbusDriver>(); });
}

}  // namespace jemhead::drivers
