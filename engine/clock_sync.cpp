#include "engine/clock_sync.hpp"

#include <cstdlib>

namespace jemhead::engine {

bool needs_clock_set(std::int64_t offset_us, std::chrono::microseconds tolerance, bool force) {
  return force || std::llabs(offset_us) > tolerance.count();
}

boost::asio::awaitable<ClockSyncResult> sync_clock(drivers::Session& session,
                                                   std::chrono::microseconds tolerance,
                                                   bool force) {
  ClockSyncResult result;
  result.before = co_await session.read_clock();
  if (needs_clock_set(result.before.offset_us(), tolerance, force))
    result.after = co_await session.set_clock();
  co_return result;
}

std::vector<ClockRecord> clock_records(const ClockSyncResult& result, std::int64_t meter_id,
                                       std::optional<std::int64_t> job_run_id) {
  auto record = [&](const ClockReading& reading, const char* kind) {
    ClockRecord r;
    r.reading = reading;
    r.reading.meter_id = meter_id;
    r.kind = kind;
    r.job_run_id = job_run_id;
    return r;
  };
  if (!result.after) return {record(result.before, "check")};
  return {record(result.before, "sync_before"), record(*result.after, "sync_after")};
}

}  // namespace jemhead::engine
