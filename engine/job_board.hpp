#pragma once
// Which jobs wait and which run, keeping the engine's promise that a meter has at most one
// job running: work for a busy meter waits (merged into one follow-up job), work for an
// idle meter waits in due order until the dispatcher has room. Not thread-safe: the
// engine guards it with its own lock.
#include <cstdint>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_map>

#include "engine/job.hpp"

namespace jemhead::engine {

class JobBoard {
 public:
  // Queues `job`, merged into the meter's waiting job if it has one. True when it made a
  // new waiting job (false: merged).
  bool add(Job job);

  // The earliest-due waiting job of a meter with nothing running; the meter is then
  // running until finish().
  std::optional<Job> start_next();
  void finish(std::int64_t meter_id);

  bool running(std::int64_t meter_id) const;
  std::size_t waiting_count() const { return waiting_; }
  std::size_t running_count() const { return running_; }
  // Waiting jobs due before `cutoff` (the overdue ones, when cutoff = now - allowance).
  std::size_t due_before(UtcTime cutoff) const;
  // Drops every waiting job (shutdown); running ones are untouched.
  void clear_waiting();

 private:
  struct Slot {
    std::optional<Job> waiting;
    bool running = false;
  };
  using ReadyKey = std::tuple<UtcTime, std::uint64_t, std::int64_t>;  // due, job id, meter
  static ReadyKey key_of(const Job& job) { return {job.due, job.id, job.meter_id}; }

  std::unordered_map<std::int64_t, Slot> slots_;  // only meters with something queued/running
  std::set<ReadyKey> ready_;                      // waiting jobs of idle meters
  std::multiset<UtcTime> waiting_dues_;           // every waiting job's due (for overdue)
  std::size_t waiting_ = 0;
  std::size_t running_ = 0;
};

}  // namespace jemhead::engine
