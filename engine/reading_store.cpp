#include "engine/reading_store.hpp"

#include <boost/json.hpp>

#include "core/status_bits.hpp"
#include "core/status_snapshot_json.hpp"

namespace jemhead::engine {

namespace json = boost::json;

namespace {
// The latest read is the newest read_at of a batch (every value of one read shares it).
template <typename T>
void advance_latest(storage::Store& s, std::int64_t meter_id, const char* key,
                    std::span<const T> values) {
  if (values.empty()) return;
  auto newest = values.front().read_at;
  for (const auto& v : values) newest = std::max(newest, v.read_at);
  const auto stored = s.checkpoint(meter_id, key);
  const auto previous = stored ? parse_iso8601(*stored) : std::nullopt;
  if (!previous || *previous <= newest) s.set_checkpoint(meter_id, key, format_iso8601(newest));
}
}  // namespace

std::string events_checkpoint_key(const std::string& log) {
  std::string key(kEventsCheckpointPrefix);
  key += log;
  key += kEventsCheckpointSuffix;
  return key;
}

void store_registers(storage::Store& s, std::int64_t meter_id,
                     std::span<const RegisterReading> readings) {
  if (readings.empty()) return;
  s.insert_registers(readings);
  advance_latest(s, meter_id, kLatestRegistersKey, readings);
}

void store_instantaneous(storage::Store& s, std::int64_t meter_id,
                         std::span<const InstantaneousValue> values) {
  if (values.empty()) return;
  s.insert_instantaneous(values);
  advance_latest(s, meter_id, kLatestInstantaneousKey, values);
}

void store_load_profile(storage::Store& s, const LoadProfileChunk& chunk) {
  if (!chunk.values.empty()) s.upsert_load_profile(chunk.values);
  if (chunk.layout) s.upsert_load_profile_layout(chunk.meter_id, *chunk.layout);
  if (!chunk.layout_changes.empty()) s.insert_events(chunk.layout_changes);
  // Checkpoints only move forward: a stale job (or a clock set back) never rewinds them.
  if (!chunk.checkpoint) return;
  const auto key = load_profile_checkpoint_key(chunk.profile);
  const auto stored = s.checkpoint(chunk.meter_id, key);
  const auto previous = stored ? parse_iso8601(*stored) : std::nullopt;
  if (!previous || *previous < *chunk.checkpoint)
    s.set_checkpoint(chunk.meter_id, key, format_iso8601(*chunk.checkpoint));
}

void store_events(storage::Store& s, std::int64_t meter_id, std::span<const LogEvent> events,
                  const EventMarks& marks) {
  if (!events.empty()) s.insert_events(events);
  for (const auto& [log, mark] : marks) {
    const auto key = events_checkpoint_key(log);
    const auto stored = s.checkpoint(meter_id, key);
    const auto previous = stored ? parse_event_mark(*stored) : std::nullopt;
    if (!previous || event_mark_ahead(mark, *previous))
      s.set_checkpoint(meter_id, key, format_event_mark(mark));
  }
}

void store_clock(storage::Store& s, std::span<const ClockRecord> readings,
                 std::optional<std::int64_t> job_run_id) {
  for (auto r : readings) {
    r.job_run_id = job_run_id;
    s.insert_clock_reading(r);
  }
}

std::optional<StatusSnapshot> latest_status(storage::Store& s, std::int64_t meter_id) {
  const auto text = s.checkpoint(meter_id, kStatusSnapshotKey);
  if (!text) return std::nullopt;
  return status_snapshot_from_json(*text);
}

std::size_t store_status(storage::Store& s, std::int64_t meter_id, const StatusSnapshot& now) {
  const auto previous = latest_status(s, meter_id);
  const auto edges = detect_status_edges(previous ? &*previous : nullptr, now);
  std::vector<LogEvent> events;
  for (const auto& e : edges) {
    LogEvent ev;
    ev.meter_id = meter_id;
    ev.log = kStatusLog;
    ev.event_time = e.at;
    ev.code = e.point;
    ev.description = e.set ? "set" : "cleared";
    ev.raw = json::serialize(json::object{{"point", e.point}, {"active", e.set}});
    events.push_back(std::move(ev));
  }
  if (!events.empty()) s.insert_events(events);
  s.set_checkpoint(meter_id, kStatusSnapshotKey, json::serialize(to_json(now)));
  return edges.size();
}

}  // namespace jemhead::engine
