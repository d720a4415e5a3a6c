#include "drivers/transport/driver_link_io.hpp"

#include "drivers/driver_errors.hpp"

namespace jemhead::transport {

void rethrow_as_driver_error(const TransportError& e) {
  if (e.errc() == TransportErrc::response_timeout || e.errc() == TransportErrc::write_timeout)
    throw drivers::Timeout(e.what());
  throw drivers::ConnectionFailed(e.what());
}

// The handlers rethrow without co_await, which a catch block of a coroutine allows. Awaited
// operations are named locals: GCC 12 mis-destroys temporaries in co_await expressions.
boost::asio::awaitable<void> open_link(Link& link) {
  try {
    auto op = link.open();
    co_await std::move(op);
  } catch (const TransportError& e) {
    rethrow_as_driver_error(e);
  }
}

boost::asio::awaitable<void> write_bytes(Link& link, std::span<const std::uint8_t> bytes,
                                         Deadline deadline) {
  try {
    auto op = link.write_all(bytes, deadline);
    co_await std::move(op);
  } catch (const TransportError& e) {
    link.close();
    rethrow_as_driver_error(e);
  }
}

boost::asio::awaitable<std::size_t> read_bytes(Link& link, std::span<std::uint8_t> buffer,
                                               Deadline deadline) {
  try {
    auto op = link.read_some(buffer, deadline);
    co_return co_await std::move(op);
  } catch (const TransportError& e) {
    link.close();
    rethrow_as_driver_error(e);
  }
}

}  // namespace jemhead::transport
