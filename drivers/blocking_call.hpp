#pragma once
// Libraries that block (libssh, the net/ HTTP client) run on a small thread pool of the
// drivers' own, never on the I/O threads, where one slow meter would stall every other
// session. A session coroutine hops to the pool for the call and back to its own executor
// (its strand) for the result, so the session's state is only touched where it lives.
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <exception>
#include <optional>
#include <type_traits>

#include "drivers/driver.hpp"

namespace jemhead::drivers {

// Created on first use; its threads end with the process.
boost::asio::thread_pool& blocking_pool();

// Runs `work()` on the blocking pool; resumes on the caller's executor with its result or
// rethrows what it threw. Not cancellable once started: `work` must bound its own time.
template <typename F>
Task<std::invoke_result_t<F&>> run_blocking(F work) {
  namespace asio = boost::asio;
  using R = std::invoke_result_t<F&>;
  const auto home = co_await asio::this_coro::executor;
  std::exception_ptr error;
  std::conditional_t<std::is_void_v<R>, bool, std::optional<R>> result{};
  // Named operations, not temporaries inside co_await (GCC 12 coroutine bug).
  auto to_pool =
      asio::post(asio::bind_executor(blocking_pool().get_executor(), asio::use_awaitable));
  co_await std::move(to_pool);
  try {
    if constexpr (std::is_void_v<R>) {
      work();
    } else {
      result.emplace(work());
    }
  } catch (...) {
    error = std::current_exception();
  }
  auto back_home = asio::post(asio::bind_executor(home, asio::use_awaitable));
  co_await std::move(back_home);
  if (error) std::rethrow_exception(error);
  if constexpr (!std::is_void_v<R>) co_return std::move(*result);
}

}  // namespace jemhead::drivers
