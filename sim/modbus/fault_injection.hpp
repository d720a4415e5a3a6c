#pragma once
// What an injected fault does to one request and its answer, as a pure function so every
// mode is unit-tested without sockets. The transports ask first whether the request is
// heard at all, then pass the encoded answer (RTU or MBAP frame) through the fault.
#include <chrono>
#include <cstdint>
#include <vector>

#include "sim/modbus/slave_spec.hpp"

namespace jemhead::sim {

enum class SlaveLink { rtu, tcp };

struct FaultOutcome {
  bool send = true;                    // false: nothing is sent
  bool close_connection = false;       // TCP: close the session instead of answering
  std::chrono::milliseconds delay{0};  // extra delay before the answer
  std::vector<std::uint8_t> bytes;     // what goes on the wire
  bool applied = false;                // the answer differs from the healthy one
};

// True when the meter does not even process the request (no_answer; drop_connection on
// TCP): writes in it take no effect, as if the meter never heard it.
bool fault_swallows_request(const FaultSettings& faults, SlaveLink link);

// `frame` is the healthy answer as encoded for `link`. `random` seeds the garbage bytes.
FaultOutcome apply_fault(const FaultSettings& faults, SlaveLink link,
                         std::vector<std::uint8_t> frame, std::uint64_t random);

}  // namespace jemhead::sim
