#pragma once
// The fleet planner: given every (meter, schedule) pair, the ordered sequence of (due time,
// meter) events. It holds no clock and does no I/O: the engine asks it with the real time,
// tests drive it with a VirtualClock, and both get the same answers.
//
// Due time = nominal fire time + the pair's deterministic jitter (jitter.hpp). Entries with a
// last fire time apply their misfire policy when added (misfire.hpp); a catch-up run is
// jittered too, so a restart after downtime does not connect to the whole fleet at once.
// Events are ordered by due time, then meter id, then entry handle.
#include <cstdint>
#include <optional>
#include <queue>
#include <string>
#include <vector>

#include "core/schedule/schedule_spec.hpp"

namespace jemhead::schedule {

// Simulated time for tests and the planner's pure form: it only moves when told to.
class VirtualClock {
 public:
  explicit VirtualClock(UtcTime start) : now_(start) {}
  UtcTime now() const { return now_; }
  void advance_to(UtcTime t) {
    if (t > now_) now_ = t;  // time never runs backwards
  }
  void advance_by(Micros d) { advance_to(now_ + d); }

 private:
  UtcTime now_;
};

struct PlanEntry {
  std::int64_t meter_id = 0;
  std::string schedule_key;  // names the schedule in the jitter hash, e.g. "registers"
  ScheduleSpec spec;
  std::optional<UtcTime> last_fire;  // nominal time of the last run started (job history)
  // Without a last fire: when the entry began to count (its meter was added). Fire times
  // after it that passed before the entry was planned are misfires, so the first run of a
  // meter is caught up after a crash rather than skipped until the next fire time.
  std::optional<UtcTime> since;
};

struct PlannedEvent {
  UtcTime due;      // when the job should start: nominal + jitter
  UtcTime nominal;  // the schedule's fire time (a catch-up: the time it was decided)
  std::int64_t meter_id = 0;
  std::size_t entry = 0;  // the handle Planner::add returned
  bool catch_up = false;

  friend bool operator==(const PlannedEvent&, const PlannedEvent&) = default;
};

// Not thread-safe: the engine owns one planner and calls it from its scheduling loop.
class Planner {
 public:
  // Registers an entry and queues its first event (misfire policy applied against `now`).
  // Disabled entries are kept (so they can be enabled later) but queue nothing.
  std::size_t add(PlanEntry entry, UtcTime now);

  // Disabling drops the queued event; enabling applies the misfire policy from the entry's
  // last fire time, as after downtime.
  void set_enabled(std::size_t entry, bool enabled, UtcTime now);

  std::optional<UtcTime> next_due() const;

  // Removes and returns every event due at or before `now`, in order, and queues each
  // entry's following fire.
  std::vector<PlannedEvent> take_due(UtcTime now);

  const PlanEntry& entry(std::size_t handle) const { return entries_.at(handle); }
  std::size_t size() const { return entries_.size(); }

 private:
  struct Queued {
    PlannedEvent event;
    std::uint32_t generation;  // stale when the entry was disabled/re-enabled since
  };
  struct Later {
    bool operator()(const Queued& a, const Queued& b) const;
  };

  void queue_from_decision(std::size_t handle, UtcTime now);
  void queue(std::size_t handle, UtcTime nominal, bool catch_up);
  void drop_stale() const;

  std::vector<PlanEntry> entries_;
  std::vector<std::uint32_t> generations_;
  // mutable: next_due() discards stale items lazily, which does not change what it reports.
  mutable std::priority_queue<Queued, std::vector<Queued>, Later> queue_;
};

// The pure form: adds every entry at clock.now(), then yields every event due up to `until`
// (inclusive) in order, advancing `clock` to each due time as it goes. Stops after
// `max_events` events.
std::vector<PlannedEvent> plan_window(std::vector<PlanEntry> entries, VirtualClock& clock,
                                      UtcTime until, std::size_t max_events = 1'000'000);

}  // namespace jemhead::schedule
