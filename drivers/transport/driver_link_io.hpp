#pragma once
// Link operations for protocol channels (Modbus MBAP/RTU, DLMS HDLC/wrapper), with
// transport failures translated into driver errors in one place: write and response
// timeouts are a drivers::Timeout, everything else the transport reports (refused, reset,
// closed, device failures) a drivers::ConnectionFailed. Writes and reads close the link
// when they fail: part of a frame may be on the wire, and the next exchange must start on
// a clean stream.
#include <boost/asio/awaitable.hpp>
#include <cstddef>
#include <cstdint>
#include <span>

#include "drivers/transport/link.hpp"
#include "drivers/transport/transport_error.hpp"

namespace jemhead::transport {

[[noreturn]] void rethrow_as_driver_error(const TransportError& e);

boost::asio::awaitable<void> open_link(Link& link);
boost::asio::awaitable<void> write_bytes(Link& link, std::span<const std::uint8_t> bytes,
                                         Deadline deadline);
// 0 when the deadline passed first (not an error, see Link::read_some).
boost::asio::awaitable<std::size_t> read_bytes(Link& link, std::span<std::uint8_t> buffer,
                                               Deadline deadline);

}  // namespace jemhead::transport
