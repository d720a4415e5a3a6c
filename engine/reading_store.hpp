#pragma once
// Storing what a job read, all in the caller's transaction: registers and instantaneous
// values (and where the latest read is), the status snapshot with its edges against the
// previous snapshot, as LogEvent rows of log "status"; load profile chunks with their layout
// and checkpoint, log entries with theirs, and clock readings.
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
#include "engine/event_checkpoint.hpp"
#include "engine/load_profile_collection.hpp"
#include "storage/repository.hpp"

namespace jemhead::engine {

// Checkpoint keys (per meter).
inline constexpr const char* kLatestRegistersKey = "registers.latest_read_at";
inline constexpr const char* kLatestInstantaneousKey = "instantaneous.latest_read_at";
inline constexpr const char* kStatusSnapshotKey = "status.snapshot";
inline constexpr const char* kStatusLog = "status";
// "events.event.last_time": how far one of the meter's logs is stored (event_checkpoint.hpp).
inline constexpr std::string_view kEventsCheckpointPrefix = "events.";
inline constexpr std::string_view kEventsCheckpointSuffix = ".last_time";
std::string events_checkpoint_key(const std::string& log);

void store_registers(storage::Store& s, std::int64_t meter_id,
                     std::span<const RegisterReading> readings);
void store_instantaneous(storage::Store& s, std::int64_t meter_id,
                         std::span<const InstantaneousValue> values);
// Returns the number of edges stored.
std::size_t store_status(storage::Store& s, std::int64_t meter_id, const StatusSnapshot& now);

// One chunk of load profile: values (idempotent upsert), the layout as read, layout-change
// notes and the profile's checkpoint after the chunk (only ever moved forward).
void store_load_profile(storage::Store& s, const LoadProfileChunk& chunk);
// New log entries and each log's "events.<log>.last_time" checkpoint (only moved ahead).
void store_events(storage::Store& s, std::int64_t meter_id, std::span<const LogEvent> events,
                  const EventMarks& marks);
// Clock readings, each naming the job run that read them (when there is one).
void store_clock(storage::Store& s, std::span<const ClockRecord> readings,
                 std::optional<std::int64_t> job_run_id);

std::optional<StatusSnapshot> latest_status(storage::Store& s, std::int64_t meter_id);

}  // namespace jemhead::engine
