#pragma once
// Internal to drivers/transport: deadline-bounded read and write on any Asio stream
// (tcp::socket, ssl::stream, serial_port), with the Link contract's statistics and errors.
// The link's DeadlineWatch enforces the deadline (one persistent timer per link).
#include <boost/asio/buffer.hpp>
#include <boost/asio/write.hpp>
#include <span>
#include <string>

#include "drivers/transport/deadline_io.hpp"
#include "drivers/transport/deadline_watch.hpp"
#include "drivers/transport/socket_support.hpp"

namespace jemhead::transport::detail {

template <typename Stream>
boost::asio::awaitable<std::size_t> read_some_before(Stream& stream, DeadlineWatch& watch,
                                                     std::span<std::uint8_t> buffer,
                                                     Deadline deadline, LinkStats& stats,
                                                     const std::string& description) {
  if (buffer.empty()) co_return 0;
  auto [ec, n] = co_await watch.run(
      deadline,
      [&stream, buffer](auto handler) {
        stream.async_read_some(boost::asio::buffer(buffer.data(), buffer.size()),
                               std::move(handler));
      },
      use_tuple);
  const bool timed_out = watch.finish();
  if (ec && timed_out) {
    ++stats.read_timeouts;
    co_return 0;
  }
  if (ec) {
    ++stats.errors;
    throw TransportError(classify(ec, TransportErrc::io_error), description, ec.message());
  }
  ++stats.reads;
  stats.bytes_in += n;
  co_return n;
}

template <typename Stream>
boost::asio::awaitable<void> write_all_before(Stream& stream, DeadlineWatch& watch,
                                              std::span<const std::uint8_t> bytes,
                                              Deadline deadline, LinkStats& stats,
                                              const std::string& description) {
  auto [ec, n] = co_await watch.run(
      deadline,
      [&stream, bytes](auto handler) {
        boost::asio::async_write(stream, boost::asio::buffer(bytes.data(), bytes.size()),
                                 std::move(handler));
      },
      use_tuple);
  const bool timed_out = watch.finish();
  stats.bytes_out += n;
  if (ec && timed_out) {
    ++stats.write_timeouts;
    throw TransportError(TransportErrc::write_timeout, description);
  }
  if (ec) {
    ++stats.errors;
    throw TransportError(classify(ec, TransportErrc::io_error), description, ec.message());
  }
  ++stats.writes;
}

}  // namespace jemhead::transport::detail
