#include "drivers/builtin_drivers.hpp"

#include "drivers/protocol/dlms/driver/driver.hpp"
#include "drivers/protocol/modbus/driver.hpp"

namespace jemhead::drivers {

void register_builtin_drivers(DriverRegistry& registry) {
  registry.add(Protocol::modbus, [] { return std::make_unique<modbus::ModbusDriver>(); });
  registry.add(Protocol::dlms, [] { return std::make_unique<dlms::DlmsDriver>(); });
}

}  // namespace jemhead::drivers
