#pragma once
// One simulated meter's DLMS server state shared by its connections: the meter, the
// server's spec and the counters the truth route reports. Thread-safe: the counters are
// atomic, the meter serialises itself.
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "sim/dlms/server_spec.hpp"
#include "sim/sim_meter.hpp"

namespace jemhead::sim::dlms_server {

struct DlmsCounters {
  std::atomic<std::uint64_t> connections_accepted{0};
  std::atomic<std::uint64_t> connections_refused{0};  // a second connection while one is open
  std::atomic<std::uint64_t> connections_closed{0};
  std::atomic<std::uint64_t> idle_timeouts{0};
  std::atomic<std::uint64_t> associations_accepted{0};
  std::atomic<std::uint64_t> associations_rejected{0};
  std::atomic<std::uint64_t> releases{0};
  std::atomic<std::uint64_t> get_requests{0};
  std::atomic<std::uint64_t> set_requests{0};
  std::atomic<std::uint64_t> datablocks_sent{0};
  std::atomic<std::uint64_t> exceptions{0};      // exception-responses sent
  std::atomic<std::uint64_t> ignored_frames{0};  // to another logical device than 1
};

class DlmsMeterServer {
 public:
  DlmsMeterServer(SimMeter& meter, std::shared_ptr<const DlmsServerSpec> spec)
      : meter_(meter), spec_(std::move(spec)) {}
  SimMeter& meter() const { return meter_; }
  const DlmsServerSpec& spec() const { return *spec_; }
  const std::string& serial() const { return meter_.spec().serial; }
  DlmsCounters& counters() { return counters_; }
  const DlmsCounters& counters() const { return counters_; }

 private:
  SimMeter& meter_;
  std::shared_ptr<const DlmsServerSpec> spec_;
  DlmsCounters counters_;
};

}  // namespace jemhead::sim::dlms_server
