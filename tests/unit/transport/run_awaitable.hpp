#pragma once
// Runs a coroutine to completion on a small thread pool from a plain test body, with a
// hard limit so a hung transport fails the test instead of hanging ctest.
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_future.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <future>

namespace jemhead::transport::testing {

class Runner {
 public:
  explicit Runner(std::size_t threads = 2) : pool_(threads) {}
  // Waits for every coroutine still running on the pool (close buses and links first).
  ~Runner() { pool_.join(); }

  boost::asio::any_io_executor executor() { return pool_.get_executor(); }

  template <typename T>
  T run(boost::asio::awaitable<T> work,
        std::chrono::milliseconds limit = std::chrono::milliseconds{20'000}) {
    auto future = boost::asio::co_spawn(pool_, std::move(work), boost::asio::use_future);
    if (future.wait_for(limit) != std::future_status::ready) {
      // The coroutine still references the test's locals: failing loudly is the only safe
      // way out.
      std::fprintf(stderr, "coroutine did not finish within %lld ms\n",
                   static_cast<long long>(limit.count()));
      std::abort();
    }
    return future.get();
  }

 private:
  boost::asio::thread_pool pool_;
};

}  // namespace jemhead::transport::testing
