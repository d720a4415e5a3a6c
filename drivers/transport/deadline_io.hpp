#pragma once
// Internal to drivers/transport (not for other folders): races one Asio operation against
// a deadline. The loser is cancelled through its per-operation cancellation slot (the
// awaitable operators' parallel group), so no handler outlives the call and the I/O object
// stays usable after a timeout. A timer and a parallel group per call: for the once-per-
// connection steps (resolve, connect, TLS handshake); reads and writes use the link's
// DeadlineWatch (deadline_watch.hpp).
#include <sys/ioctl.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <optional>
#include <utility>
#include <variant>

#include "drivers/transport/link.hpp"

namespace jemhead::transport::detail {

inline constexpr auto use_tuple = boost::asio::as_tuple(boost::asio::use_awaitable);

// Awaits `operation` (an awaitable made with use_tuple) unless `deadline` passes first.
// Returns its result tuple, or nullopt on timeout.
template <typename Result>
boost::asio::awaitable<std::optional<Result>> before_deadline(
    boost::asio::awaitable<Result> operation, Deadline deadline) {
  using namespace boost::asio::experimental::awaitable_operators;
  boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor, deadline);
  auto outcome = co_await (std::move(operation) || timer.async_wait(use_tuple));
  if (outcome.index() == 0) co_return std::get<0>(std::move(outcome));
  co_return std::nullopt;
}

// Bytes the kernel already holds for `fd` (sockets and ttys), 0 if unknown.
inline std::size_t bytes_waiting(int fd) {
  int n = 0;
  if (fd < 0 || ::ioctl(fd, FIONREAD, &n) != 0 || n < 0) return 0;
  return static_cast<std::size_t>(n);
}

}  // namespace jemhead::transport::detail
