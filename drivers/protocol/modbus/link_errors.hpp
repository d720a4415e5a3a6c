#pragma once
// Link operations for the channels, with transport failures translated into driver errors
// in one place.
#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <span>
#include <string>

#include "drivers/driver_errors.hpp"
#include "drivers/transport/link.hpp"
#include "drivers/transport/transport_error.hpp"

namespace jemhead::modbus {

// Response and write timeouts are a Timeout; everything else the transport reports
// (refused, reset, closed, device failures) is a ConnectionFailed.
[[noreturn]] void rethrow_as_driver_error(const transport::TransportError& e);

// One link operation each, failing with the driver error. Writes and reads close the link
// on failure first: part of a frame may be on the wire, and the next exchange must start
// on a clean stream.
boost::asio::awaitable<void> open_link(transport::Link& link);
boost::asio::awaitable<void> write_frame(transport::Link& link, std::span<const std::uint8_t> frame,
                                         transport::Deadline deadline);
boost::asio::awaitable<std::size_t> read_bytes(transport::Link& link,
                                               std::span<std::uint8_t> buffer,
                                               transport::Deadline deadline);

}  // namespace jemhead::modbus
