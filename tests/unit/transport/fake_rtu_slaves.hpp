#pragma once
// The far end of an RS-485 bus on a pty: several Modbus RTU slaves sharing one line, played
// by one thread. Each answers FC03 "read 2 registers at <token>" with the registers
// {its address, token}, after `response_delay`; addresses in `dead` never answer.
//
// It also checks the master's manners, as a real line would punish them:
// - one request in flight: no byte may arrive while a slave is preparing its answer, nor
//   before the master's timeout has run out for a request to a dead slave;
// - the inter-frame gap: a request may not start sooner than `min_gap` after the last
//   answer was written.
#include <chrono>
#include <cstdint>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "tests/unit/transport/pty_pair.hpp"

namespace jemhead::transport::testing {

struct SlaveOptions {
  std::set<std::uint8_t> dead;
  std::chrono::milliseconds response_delay{3};
  std::chrono::milliseconds master_timeout{100};  // the master's per-request timeout
  std::chrono::milliseconds min_gap{0};           // the master's inter-frame gap
  std::chrono::milliseconds late_answer{0};       // > 0: dead slaves answer after this (too late)
};

struct SeenRequest {
  std::chrono::steady_clock::time_point at;
  std::uint8_t address = 0;
  std::uint16_t token = 0;
};

// FC03 request for 2 registers starting at `token`, as an RTU frame for `address`.
std::vector<std::uint8_t> read_request(std::uint8_t address, std::uint16_t token);
// The answer the fake slave gives to it.
std::vector<std::uint8_t> read_response(std::uint8_t address, std::uint16_t token);

class FakeRtuSlaves {
 public:
  FakeRtuSlaves(const PtyPair& pty, SlaveOptions options);
  ~FakeRtuSlaves();  // stops the thread

  std::vector<SeenRequest> seen() const;
  std::vector<std::string> violations() const;

 private:
  void run();
  void violation(std::string text);

  const PtyPair& pty_;
  SlaveOptions options_;
  mutable std::mutex mutex_;
  std::vector<SeenRequest> seen_;
  std::vector<std::string> violations_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace jemhead::transport::testing
