#pragma once
// Incremental load-profile collection for one job: each profile (1 and 2) is read from its
// checkpoint (the end of the last stored interval) up to the meter's present, in chunks of
// meter time. Each completed chunk goes to a sink at once with the profile's checkpoint
// after it (the engine commits the two together), so a job holds only the chunks in flight,
// a transfer cut short (link lost, deadline, crash) keeps every committed chunk, and the
// next cycle resumes at the last one.
#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/readings.hpp"
#include "drivers/driver.hpp"

namespace jemhead::engine {

inline constexpr std::uint8_t kLoadProfiles[] = {1, 2};

// "load_profile.1.last_interval_end": ISO 8601 UTC.
std::string load_profile_checkpoint_key(std::uint8_t profile);
// Head-end notes about load profile (layout changes) are LogEvent rows of this log.
inline constexpr const char* kHeadEndLog = "head_end";
inline constexpr const char* kLayoutChangedCode = "load_profile_layout_changed";

struct LoadProfileSettings {
  Micros chunk{std::chrono::hours(24)};
  Micros first_read{std::chrono::hours(24 * 400)};
};

// What was known before the job: stored checkpoints and layouts, by profile.
struct LoadProfileKnown {
  std::map<std::uint8_t, UtcTime> checkpoints;
  std::map<std::uint8_t, LoadProfileLayout> layouts;
};

// One completed chunk of one profile: what it brought, the layout to store (the meter's, on
// the profile's first chunk of a job and whenever it changes, not with every chunk; with
// the note when it differs from the layout before), and the profile's checkpoint after it.
// Stored as one unit, so the checkpoint never covers values that are not stored.
struct LoadProfileChunk {
  std::int64_t meter_id = 0;
  std::uint8_t profile = 1;
  std::vector<LoadProfileValue> values;
  std::optional<LoadProfileLayout> layout;
  std::vector<LogEvent> layout_changes;  // for log kHeadEndLog
  std::optional<UtcTime> checkpoint;     // nullopt: the profile has none yet
};

// Where completed chunks go, in reading order. take() may complete before the chunk is
// stored (the reader goes on with the next chunk meanwhile) but must bound what it holds;
// it throws when a chunk before could not be stored, which ends the collection.
class LoadProfileSink {
 public:
  virtual ~LoadProfileSink() = default;
  virtual boost::asio::awaitable<void> take(LoadProfileChunk chunk) = 0;
};

// What the job collected so far, apart from the values (which went to the sink).
struct LoadProfileResult {
  std::int64_t values = 0;                            // in the chunks handed to the sink
  std::map<std::uint8_t, LoadProfileLayout> layouts;  // as the meter reported them
  std::map<std::uint8_t, UtcTime> checkpoints;        // advanced in this job
  std::vector<std::string> warnings;                  // for the engine's log
  std::vector<std::uint8_t> not_present;              // profiles the meter does not have
};

// The checkpoint after a completed chunk (after, to]: the newest interval end received,
// or, when nothing came and the whole chunk lies before `settled` (the meter has closed
// every interval ending by then), the chunk's end, so an outage or an empty history is
// not read again. Never moves backwards.
std::optional<UtcTime> checkpoint_after_chunk(std::optional<UtcTime> current,
                                              const drivers::LoadProfileRead& read,
                                              UtcTime chunk_to, std::optional<UtcTime> settled);

// The layout change between what was stored and what was read ("" when none): capture
// period or the channels' captured objects.
std::string layout_change(const LoadProfileLayout& stored, const LoadProfileLayout& read);

// Reads both profiles, handing every completed chunk to `sink` and noting in `out` what
// the job needs to resume (checkpoints, layouts) and to report. `meter_clock`: the meter's
// clock read in this session (nullopt when the session cannot read it: then the head-end's
// time plus an hour bounds the read and empty chunks are trusted only up to an hour ago).
// A profile the meter does not have (DriverError kind "not_present") is skipped. Other
// driver errors, and the sink's, propagate after every completed chunk went to the sink.
boost::asio::awaitable<void> collect_load_profile(drivers::Session& session, std::int64_t meter_id,
                                                  LoadProfileSettings settings,
                                                  const LoadProfileKnown& known,
                                                  std::optional<ClockReading> meter_clock,
                                                  LoadProfileSink& sink, LoadProfileResult& out);

}  // namespace jemhead::engine
