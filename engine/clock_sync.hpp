#pragma once
// Checking and setting a meter's clock, shared by the engine's clock_sync jobs and the
// API's "sync now": read the clock; set it (the driver sets the head-end's time and reads
// it back) only when the offset exceeds the tolerance or the caller forces it.
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <optional>
#include <vector>

#include "core/readings.hpp"
#include "core/records.hpp"
#include "drivers/driver.hpp"

namespace jemhead::engine {

struct ClockSyncResult {
  ClockReading before;
  std::optional<ClockReading> after;  // the read-back, when the clock was set
  bool set() const { return after.has_value(); }
};

// Whether an offset calls for setting the clock: strictly beyond the tolerance, or forced.
bool needs_clock_set(std::int64_t offset_us, std::chrono::microseconds tolerance, bool force);

// Reads the clock and sets it when needs_clock_set says so. Driver errors propagate (a
// failed SET after a good read loses the read: the job records the failure).
boost::asio::awaitable<ClockSyncResult> sync_clock(drivers::Session& session,
                                                   std::chrono::microseconds tolerance, bool force);

// What to store: a "check" when the clock was left alone, else "sync_before" and
// "sync_after"; every record names `meter_id` (and `job_run_id` when given).
std::vector<ClockRecord> clock_records(const ClockSyncResult& result, std::int64_t meter_id,
                                       std::optional<std::int64_t> job_run_id = std::nullopt);

}  // namespace jemhead::engine
