#include "drivers/protocol/modbus/link_errors.hpp"

namespace jemhead::modbus {

void rethrow_as_driver_error(const transport::TransportError& e) {
  using transport::TransportErrc;
  if (e.errc() == TransportErrc::response_timeout) throw drivers::Timeout(e.what());
  throw drivers::ConnectionFailed(e.what());
}

}  // namespace jemhead::modbus
