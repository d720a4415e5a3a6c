#pragma once
// Internal to drivers/transport: one persistent deadline timer per link, replacing a timer
// and an awaitable-operators race per operation (which cost a timer arm, a cancellation and
// two extra coroutine frames on every read and write).
//
// How it works:
// - An operation starts under the watch's mutex with its deadline. The timer is only
//   re-armed when it is idle or armed for a LATER instant; an exchange's write and reads
//   share one deadline, and back-to-back exchanges push the deadline later, so in steady
//   state the timer fires about once per timeout period instead of being armed per call.
// - When the timer fires, it compares the clock with the deadline of the operation in
//   flight NOW (not with the one it was armed for): a late expiry left over from an earlier
//   exchange only re-arms for the current deadline, it never cancels a later operation.
//   Each wait also carries a generation, so a wait superseded by a re-arm does nothing.
// - A passed deadline cancels the stream's pending operation through the I/O object's
//   cancel(); the operation completes with operation_aborted and finish() says it was the
//   deadline, so callers report a timeout rather than a cancellation. While the operation
//   is still in flight (a composed operation such as async_write or a TLS read may start
//   another step after the cancel), the watch cancels again every millisecond.
//
// Threads: the timer's handler may run on another thread of the io_context than the
// coroutine driving the link. Everything the two share (the state below, the I/O object's
// cancel and close) is touched only under the mutex, and the operation is initiated under
// it too, so a cancel can never fall between "marked in flight" and "registered".
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <utility>

#include "drivers/transport/link.hpp"

namespace jemhead::transport::detail {

class DeadlineWatch {
 public:
  // `cancel_io` cancels the link's pending operations (e.g. socket.cancel()); it is only
  // called under the watch's mutex while an operation started through run() is in flight.
  DeadlineWatch(boost::asio::any_io_executor executor, std::function<void()> cancel_io);
  // Stops the timer and forgets `cancel_io`: a timer handler still queued finds nothing to do.
  ~DeadlineWatch();
  DeadlineWatch(const DeadlineWatch&) = delete;
  DeadlineWatch& operator=(const DeadlineWatch&) = delete;

  // Initiates `start(handler)` (which must start exactly one asynchronous operation
  // completing with (error_code, size_t)) under the mutex, watched against `deadline`.
  // The caller must call finish() when the operation has completed.
  template <typename Start, typename CompletionToken>
  auto run(Deadline deadline, Start start, CompletionToken&& token) {
    return boost::asio::async_initiate<CompletionToken,
                                       void(boost::system::error_code, std::size_t)>(
        [this, deadline, start = std::move(start)](auto handler) mutable {
          const auto lock = begin(deadline);
          start(std::move(handler));
        },
        token);
  }

  // Marks the operation complete. Returns true if the deadline cancelled it.
  bool finish();

  // Runs `close_io` under the mutex (so it cannot race a cancel from the timer's handler)
  // and idles the timer, so that an io_context with nothing else to do can return.
  void close(const std::function<void()>& close_io);

 private:
  struct State;
  // Takes the mutex, records the operation and arms the timer if needed; the operation is
  // initiated before the returned lock is released.
  std::unique_lock<std::mutex> begin(Deadline deadline);

  std::shared_ptr<State> state_;
};

}  // namespace jemhead::transport::detail
