#pragma once
// The running daemon: storage, the fleet from the configuration, the REST API behind the
// HTTP server on an I/O thread pool, and a graceful stop on SIGTERM/SIGINT. Asio stays in
// daemon.cpp so nothing that includes this header pays for it.
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "service/config.hpp"

namespace jemhead::service {

class Daemon {
 public:
  explicit Daemon(Config config);
  ~Daemon();  // stops whatever start() got running if run_until_stopped() was never reached
  Daemon(const Daemon&) = delete;
  Daemon& operator=(const Daemon&) = delete;

  // Creates data_dir, opens storage (migrating it), applies the fleet section, binds every
  // listen address, starts the I/O threads, installs the SIGTERM/SIGINT handler and
  // writes the ready file. Throws std::exception with a message fit for the log.
  void start();

  // "http://127.0.0.1:8080" for every bound listener (ephemeral ports resolved).
  std::vector<std::string> api_urls() const;

  // Asks run_until_stopped() to shut down, as a signal does. Callable from any thread.
  void request_stop();

  // Blocks until a stop is requested, then: stop accepting, let in-flight requests finish
  // (up to `grace`), stop the I/O threads, close the database, remove the ready file and
  // log "stopped".
  void run_until_stopped(std::chrono::milliseconds grace = std::chrono::milliseconds{5000});

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace jemhead::service
