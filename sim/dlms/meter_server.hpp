#pragma once
// One simulated meter's DLMS server state shared by its connections: the meter, the
// server's spec and the counters the truth route reports. Thread-safe: the counters are
// atomic, the meter serialises itself.
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "sim/dlms/ethernet_log.hpp"
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
  std::atomic<std::uint64_t> exceptions{0};         // exception-responses sent
  std::atomic<std::uint64_t> ignored_frames{0};     // to another logical device than 1
  std::atomic<std::uint64_t> transfers_dropped{0};  // long GETs cut by an injected fault
  // HDLC on the pty and over TCP (the data link's own counts; connections above include the
  // pty's links and the HDLC TCP connections).
  std::atomic<std::uint64_t> hdlc_frames_in{0};
  std::atomic<std::uint64_t> hdlc_frames_out{0};
  std::atomic<std::uint64_t> hdlc_segments_out{0};
  std::atomic<std::uint64_t> hdlc_retransmissions{0};
  std::atomic<std::uint64_t> hdlc_bad_frames{0};      // HCS/FCS and format errors, dropped
  std::atomic<std::uint64_t> hdlc_foreign_frames{0};  // for another address
};

// A fault injected through the control route (POST /meters/{serial}/dlms/faults): the next
// `times` long GET transfers are cut after datablock `drop_after_blocks` — the client's
// GET-Request-Next for the block after it gets no answer and the connection (TCP) or link
// (HDLC) is dropped, as when a line fails mid-transfer. A transfer of `drop_after_blocks`
// blocks or fewer completes and leaves the fault armed. All zero: no fault.
struct DlmsFault {
  std::uint32_t drop_after_blocks = 0;
  std::uint32_t times = 0;  // transfers still to cut
  bool active() const { return drop_after_blocks > 0 && times > 0; }
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

  // The meter has one association at a time over all its ports (TCP, HDLC): a port
  // claims it for a connection or link and releases it at the end. False: taken.
  bool try_claim() {
    bool expected = false;
    return busy_.compare_exchange_strong(expected, true);
  }
  void release() { busy_.store(false); }
  bool busy() const { return busy_.load(); }

  // The Ethernet connection log (0.0.99.98.0.255): the TCP listeners note each served
  // connection's start and end at the meter clock's reading of that real instant.
  const EthernetLog& ethernet_log() const { return ethernet_log_; }
  void log_ethernet(EthernetStatus status, RealClock::time_point real_now) {
    ethernet_log_.record(meter_.meter_time_now(real_now), status);
  }

  DlmsFault fault() const {
    std::lock_guard lock(fault_mutex_);
    return fault_;
  }
  // Replaces the fault; one that is not active clears it.
  void set_fault(DlmsFault fault) {
    std::lock_guard lock(fault_mutex_);
    fault_ = fault.active() ? fault : DlmsFault{};
  }
  // Asked by a session before it sends the block after `blocks_sent` of a long GET: true
  // = cut this transfer now (counted; the fault clears after its last time).
  bool cut_transfer(std::uint32_t blocks_sent) {
    std::lock_guard lock(fault_mutex_);
    if (!fault_.active() || blocks_sent != fault_.drop_after_blocks) return false;
    if (--fault_.times == 0) fault_ = DlmsFault{};
    ++counters_.transfers_dropped;
    return true;
  }

 private:
  SimMeter& meter_;
  std::shared_ptr<const DlmsServerSpec> spec_;
  DlmsCounters counters_;
  std::atomic<bool> busy_{false};
  mutable std::mutex fault_mutex_;  // the control route sets it, sessions consume it
  DlmsFault fault_;
  EthernetLog ethernet_log_;
};

}  // namespace jemhead::sim::dlms_server
