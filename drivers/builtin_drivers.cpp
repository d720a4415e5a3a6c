#include "drivers/builtin_drivers.hpp"

#include "drivers/protocol/dlms/driver/driver.hpp"
#include "drivers/protocol/modbus/driver.hpp"
#include "drivers/protocol/pqdif_http/http_driver.hpp"
#include "drivers/protocol/pqdif_sftp/sftp_driver.hpp"

namespace jemhead::drivers {

void register_builtin_drivers(DriverRegistry& registry) {
  registry.add(Protocol::modbus, [] { return std::make_unique<modbus::ModbusDriver>(); });
  registry.add(Protocol::dlms, [] { return std::make_unique<dlms::DlmsDriver>(); });
  registry.add(Protocol::http, [] { return std::make_unique<pqdif_http::HttpPullDriver>(); });
  registry.add(Protocol::sftp, [] { return std::make_unique<pqdif_sftp::SftpPullDriver>(); });
}

}  // namespace jemhead::drivers
