#pragma once
// Meter I/O for threads that are not Asio's: the API's HTTP workers ("read now", writes)
// and the configuration push workers run a driver coroutine on the daemon's I/O executor
// and wait for it with a deadline, holding a place in the session budget the collection
// engine counts against too.
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_future.hpp>
#include <chrono>
#include <future>
#include <memory>
#include <optional>
#include <string>

#include "core/connection_profile.hpp"
#include "core/engine/resource_budget.hpp"
#include "drivers/driver.hpp"

namespace jemhead::engine {

// Once cancelled, the work gets this long to unwind before the caller stops waiting.
inline constexpr auto kMeterIoCancelGrace = std::chrono::seconds(5);

namespace detail {
// Keeps the cancellation signal alive for as long as the work runs.
template <typename T>
drivers::Task<T> holding(std::shared_ptr<boost::asio::cancellation_signal>, drivers::Task<T> work) {
  co_return co_await std::move(work);
}
}  // namespace detail

// Runs `work` (which must own everything it uses) on `executor` and waits for it from this
// non-Asio thread. Past the deadline the work is cancelled; if it still does not finish, a
// Timeout "<what> did not finish within its deadline ..." is thrown and the work finishes
// on its own later.
//
// The work runs on a strand of its own: the cancellation is posted to that strand, so it
// never runs on one I/O thread while the work runs on another.
template <typename T>
T run_blocking(boost::asio::any_io_executor executor, drivers::Task<T> work,
               std::chrono::milliseconds deadline, const char* what) {
  namespace asio = boost::asio;
  auto signal = std::make_shared<asio::cancellation_signal>();
  auto strand = asio::make_strand(executor);
  auto future = asio::co_spawn(strand, detail::holding(signal, std::move(work)),
                               asio::bind_cancellation_slot(signal->slot(), asio::use_future));
  if (future.wait_for(deadline) != std::future_status::ready) {
    asio::post(strand, [signal] { signal->emit(asio::cancellation_type::terminal); });
    if (future.wait_for(kMeterIoCancelGrace) != std::future_status::ready) {
      std::string text = what;
      text += " did not finish within its deadline of ";
      text += std::to_string(deadline.count());
      text += " ms";
      throw drivers::Timeout(text);
    }
  }
  return future.get();
}

// A session's place in the shared budget (none without a budget).
drivers::Task<std::optional<BudgetLease>> lease_for(ResourceBudget* budget,
                                                    ConnectionProfile profile);

}  // namespace jemhead::engine
