#pragma once
// The meter's Ethernet Connection Status Log (part7 §6.6, L16615-L16769) as data: one
// entry per DLMS TCP connection that gets the meter's association, "Ethernet Connect" (0)
// when it is accepted and "Ethernet Disconnect" (1) when it closes, stamped with the meter's
// clock at that real instant. Refused connections (the meter is busy) and HDLC links are
// not Ethernet sessions of the meter and are not logged. FIFO: once full, the oldest entry
// goes. Thread-safe: the listener writes, sessions and the truth route read.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <ratio>
#include <vector>

#include "core/time.hpp"

namespace jemhead::sim::dlms_server {

enum class EthernetStatus : std::uint32_t { connect = 0, disconnect = 1 };  // L16685-L16710

struct EthernetLogEntry {
  UtcTime meter_time{};  // in whole hundredths: what a COSEM date-time carries
  EthernetStatus status = EthernetStatus::connect;
  bool operator==(const EthernetLogEntry&) const = default;
};

// The manual gives no size for the log (profile_entries "Maximum number of entries to be
// retained"); 1000 keeps 500 sessions and a whole-buffer read under 20 kB.
inline constexpr std::size_t kEthernetLogCapacity = 1000;

class EthernetLog {
 public:
  explicit EthernetLog(std::size_t capacity = kEthernetLogCapacity) : capacity_(capacity) {}

  // `meter_time` is truncated to the hundredth the buffer can state.
  void record(UtcTime meter_time, EthernetStatus status) {
    using Hundredths = std::chrono::duration<std::int64_t, std::centi>;
    const auto stamp =
        std::chrono::time_point_cast<Micros>(std::chrono::floor<Hundredths>(meter_time));
    std::lock_guard lock(mutex_);
    if (capacity_ == 0) return;
    if (entries_.size() == capacity_) entries_.pop_front();
    entries_.push_back({stamp, status});
  }
  // Oldest first.
  std::vector<EthernetLogEntry> entries() const {
    std::lock_guard lock(mutex_);
    return {entries_.begin(), entries_.end()};
  }
  std::size_t capacity() const { return capacity_; }

 private:
  const std::size_t capacity_;
  mutable std::mutex mutex_;
  std::deque<EthernetLogEntry> entries_;
};

}  // namespace jemhead::sim::dlms_server
