#pragma once
// An io_context running on its own thread for the duration of a test, and a way to run a
// coroutine on it from the test body with a hard time limit.
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <thread>

namespace jemhead::modbus::testing {

class IoThread {
 public:
  IoThread() : guard_(io_.get_executor()), thread_([this] { io_.run(); }) {}
  ~IoThread() {
    guard_.reset();
    io_.stop();
    thread_.join();
  }
  boost::asio::io_context& io() { return io_; }

  template <typename T>
  T run(boost::asio::awaitable<T> work, std::chrono::seconds limit = std::chrono::seconds(20)) {
    auto future = boost::asio::co_spawn(io_, std::move(work), boost::asio::use_future);
    if (future.wait_for(limit) != std::future_status::ready) {
      std::fprintf(stderr, "coroutine did not finish in time\n");
      std::abort();  // it still references the test's locals
    }
    return future.get();
  }

 private:
  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> guard_;
  std::thread thread_;
};

}  // namespace jemhead::modbus::testing
