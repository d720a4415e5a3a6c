#pragma once
// Storing what a job read, all in the caller's transaction: registers and instantaneous
// values (and where the latest read is), and the status snapshot with its edges against
// the previous snapshot, as LogEvent rows of log "status".
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/readings.hpp"
#include "core/status_snapshot.hpp"
#include "storage/repository.hpp"

namespace jemhead::engine {

// Checkpoint keys (per meter).
inline constexpr const char* kLatestRegistersKey = "registers.latest_read_at";
inline constexpr const char* kLatestInstantaneousKey = "instantaneous.latest_read_at";
inline constexpr const char* kStatusSnapshotKey = "status.snapshot";
inline constexpr const char* kStatusLog = "status";

void store_registers(storage::Store& s, std::int64_t meter_id,
                     std::span<const RegisterReading> readings);
void store_instantaneous(storage::Store& s, std::int64_t meter_id,
                         std::span<const InstantaneousValue> values);
// Returns the number of edges stored.
std::size_t store_status(storage::Store& s, std::int64_t meter_id, const StatusSnapshot& now);

std::optional<StatusSnapshot> latest_status(storage::Store& s, std::int64_t meter_id);

}  // namespace jemhead::engine
