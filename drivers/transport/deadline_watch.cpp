#include "drivers/transport/deadline_watch.hpp"

#include <utility>

namespace jemhead::transport::detail {

namespace {
// After cancelling, how soon to cancel again if the operation is still in flight: a composed
// operation may have been between two steps, with nothing registered to cancel.
constexpr std::chrono::milliseconds kRecancelInterval{1};
}  // namespace

// Shared with the timer's queued handler, so that handler stays safe to run after the link
// (and its DeadlineWatch) has gone.
struct DeadlineWatch::State : std::enable_shared_from_this<State> {
  State(boost::asio::any_io_executor executor, std::function<void()> cancel)
      : timer(std::move(executor)), cancel_io(std::move(cancel)) {}

  // Mutex held. Replaces any outstanding wait (its handler then sees a stale generation).
  void arm(Clock::time_point when) {
    timer.expires_at(when);
    armed_for = when;
    waiting = true;
    timer.async_wait([self = shared_from_this(), wait = ++generation](
                         const boost::system::error_code& ec) { self->expired(wait, ec); });
  }

  // Mutex held. Lets the io_context run out of work while no operation needs the timer.
  void idle() {
    ++generation;
    waiting = false;
    timer.cancel();
  }

  void expired(std::uint64_t wait, const boost::system::error_code& ec) {
    std::lock_guard lock(mutex);
    if (wait != generation) return;  // re-armed or idled since this wait began
    waiting = false;
    if (ec || !in_flight || !cancel_io) return;
    const auto now = Clock::now();
    if (now < deadline) {  // armed for an earlier exchange: catch up with the current one
      arm(deadline);
      return;
    }
    timed_out = true;
    cancel_io();
    arm(now + kRecancelInterval);
  }

  std::mutex mutex;
  boost::asio::steady_timer timer;
  std::function<void()> cancel_io;
  std::uint64_t generation = 0;  // of the newest wait; older waits are stale
  bool waiting = false;          // a wait of the current generation is outstanding
  Clock::time_point armed_for;   // its expiry
  bool in_flight = false;        // an operation started by run() has not finished()
  Deadline deadline;             // that operation's
  bool timed_out = false;        // the watch cancelled that operation
};

DeadlineWatch::DeadlineWatch(boost::asio::any_io_executor executor, std::function<void()> cancel_io)
    : state_(std::make_shared<State>(std::move(executor), std::move(cancel_io))) {}

DeadlineWatch::~DeadlineWatch() {
  std::lock_guard lock(state_->mutex);
  state_->cancel_io = nullptr;
  state_->idle();
}

std::unique_lock<std::mutex> DeadlineWatch::begin(Deadline deadline) {
  std::unique_lock lock(state_->mutex);
  auto& s = *state_;
  s.in_flight = true;
  s.timed_out = false;
  s.deadline = deadline;
  // An earlier expiry is fine: it re-arms for this deadline when it fires.
  if (deadline != Deadline::max() && (!s.waiting || s.armed_for > deadline)) s.arm(deadline);
  return lock;
}

bool DeadlineWatch::finish() {
  std::lock_guard lock(state_->mutex);
  state_->in_flight = false;
  return std::exchange(state_->timed_out, false);
}

void DeadlineWatch::close(const std::function<void()>& close_io) {
  std::lock_guard lock(state_->mutex);
  close_io();
  state_->idle();
}

}  // namespace jemhead::transport::detail
