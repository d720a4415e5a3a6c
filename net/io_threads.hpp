#pragma once
// An io_context kept running by a fixed set of threads until stop(): the simulator's
// protocol services (Modbus, DLMS) each own one, so a slow service never delays another.
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <cstddef>
#include <optional>
#include <thread>
#include <vector>

namespace jemhead::net {

class IoThreads {
 public:
  IoThreads(boost::asio::io_context& io, std::size_t threads)
      : io_(io), threads_(threads == 0 ? 1 : threads) {}
  ~IoThreads() { stop(); }
  IoThreads(const IoThreads&) = delete;
  IoThreads& operator=(const IoThreads&) = delete;

  void start();
  // Stops the io_context and joins the threads; afterwards no handler runs, so the
  // caller may close its I/O objects from its own thread. Idempotent.
  void stop();

 private:
  boost::asio::io_context& io_;
  std::size_t threads_;
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_;
  std::vector<std::thread> runners_;
};

}  // namespace jemhead::net
