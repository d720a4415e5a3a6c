#pragma once
// Translation of transport failures into driver errors, shared by the channels.
#include <string>

#include "drivers/driver_errors.hpp"
#include "drivers/transport/transport_error.hpp"

namespace jemhead::modbus {

// A response timeout of a bus is a Timeout; everything else the transport reports (refused,
// reset, closed, device failures) is a ConnectionFailed.
[[noreturn]] void rethrow_as_driver_error(const transport::TransportError& e);

}  // namespace jemhead::modbus
