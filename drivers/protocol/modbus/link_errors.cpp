#include "drivers/protocol/modbus/link_errors.hpp"

namespace jemhead::modbus {

void rethrow_as_driver_error(const transport::TransportError& e) {
  using transport::TransportErrc;
  if (e.errc() == TransportErrc::response_timeout || e.errc() == TransportErrc::write_timeout)
    throw drivers::Timeout(e.what());
  throw drivers::ConnectionFailed(e.what());
}

// The handlers rethrow without co_await, which a catch block of a coroutine allows.
boost::asio::awaitable<void> open_link(transport::Link& link) {
  try {
    co_await link.open();
  } catch (const transport::TransportError& e) {
    rethrow_as_driver_error(e);
  }
}

boost::asio::awaitable<void> write_frame(transport::Link& link, std::span<const std::uint8_t> frame,
                                         transport::Deadline deadline) {
  try {
    co_await link.write_all(frame, deadline);
  } catch (const transport::TransportError& e) {
    link.close();
    rethrow_as_driver_error(e);
  }
}

boost::asio::awaitable<std::size_t> read_bytes(transport::Link& link,
                                               std::span<std::uint8_t> buffer,
                                               transport::Deadline deadline) {
  try {
    co_return co_await link.read_some(buffer, deadline);
  } catch (const transport::TransportError& e) {
    link.close();
    rethrow_as_driver_error(e);
  }
}

}  // namespace jemhead::modbus
