#pragma once
// Storing what a job read, all in the caller's transaction: registers and instantaneous
// values (and where the latest read is), the status snapshot with its edges against the
// previous snapshot, as LogEvent rows of log "status"; load profile with its layouts and
// checkpoints, log entries with theirs, and clock readings.
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/readings.hpp"
#include "core/records.hpp"
#include "core/status_snapshot.hpp"
#include "engine/load_profile_collection.hpp"
#include "storage/repository.hpp"

namespace jemhead::engine {

// Checkpoint keys (per meter).
inline constexpr const char* kLatestRegistersKey = "registers.latest_read_at";
inline constexpr const char* kLatestInstantaneousKey = "instantaneous.latest_read_at";
inline constexpr const char* kStatusSnapshotKey = "status.snapshot";
inline constexpr const char* kStatusLog = "status";
// "events.event.last_time": the newest time stored of one of the meter's logs.
inline constexpr std::string_view kEventsCheckpointPrefix = "events.";
inline constexpr std::string_view kEventsCheckpointSuffix = ".last_time";
std::string events_checkpoint_key(const std::string& log);

void store_registers(storage::Store& s, std::int64_t meter_id,
                     std::span<const RegisterReading> readings);
void store_instantaneous(storage::Store& s, std::int64_t meter_id,
                         std::span<const InstantaneousValue> values);
// Returns the number of edges stored.
std::size_t store_status(storage::Store& s, std::int64_t meter_id, const StatusSnapshot& now);

// Load profile of one job: values (idempotent upsert), the layouts as read, layout-change
// notes and the checkpoints of the chunks that completed.
void store_load_profile(storage::Store& s, std::int64_t meter_id, const LoadProfileResult& lp);
// New log entries and each log's "events.<log>.last_time" checkpoint.
void store_events(storage::Store& s, std::int64_t meter_id, std::span<const LogEvent> events,
                  const std::map<std::string, UtcTime>& newest_by_log);
// Clock readings, each naming the job run that read them (when there is one).
void store_clock(storage::Store& s, std::span<const ClockRecord> readings,
                 std::optional<std::int64_t> job_run_id);

std::optional<StatusSnapshot> latest_status(storage::Store& s, std::int64_t meter_id);

}  // namespace jemhead::engine
