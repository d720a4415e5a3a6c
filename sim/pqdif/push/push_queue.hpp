#pragma once
// One meter's push bookkeeping, without I/O: which of the store's files are still to be
// sent, when each failed one is tried again (backoff doubling from retry_initial up to
// retry_max), and the push log (sent / failed with reason) the truth endpoint shows. A file
// is queued once, when it first appears in the store; one the FIFO drops before it could be
// sent is logged as such and never tried again. Not thread-safe (the pusher locks).
#include <chrono>
#include <cstddef>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "sim/pqdif/pqdif_recorder.hpp"

namespace jemhead::sim {

using PushClock = std::chrono::steady_clock;

struct PushLogEntry {
  std::string name;
  bool test = false;  // the Test button's sample file, not in the store
  std::size_t size = 0;
  std::string sha256;  // of what was sent (filled on success)
  int attempts = 0;
  std::optional<UtcTime> pushed_at;  // the meter's (simulated) time of the successful send
  std::string error;                 // the last failure; cleared by a success
  bool given_up = false;             // gone from the store before it could be sent
  bool deleted = false;              // removed from the store after sending
  bool in_flight = false;
  PushClock::time_point next_try{};
};

class PushQueue {
 public:
  PushQueue(std::chrono::milliseconds retry_initial, std::chrono::milliseconds retry_max);

  // The store now: files not seen before are queued, due at once (in store order); queued
  // files no longer there are given up.
  void observe(const std::vector<PqdifFileInfo>& store, PushClock::time_point now);
  // The oldest file due at `now` (marked in flight), or nullopt.
  std::optional<std::string> take_due(PushClock::time_point now);
  void sent(const std::string& name, std::size_t size, std::string sha256, UtcTime meter_now);
  void failed(const std::string& name, std::string why, PushClock::time_point now);
  void gone(const std::string& name);  // vanished between take_due and reading it
  void mark_deleted(const std::string& name);
  // A Test-button send, logged but never queued.
  void log_test(PushLogEntry entry);

  // When the earliest waiting retry is due (nullopt: nothing waits).
  std::optional<PushClock::time_point> next_wake() const;
  std::size_t pending() const;  // queued, not yet sent nor given up
  const std::deque<PushLogEntry>& log() const { return log_; }
  const PushLogEntry* find(const std::string& name) const;

  // The delay before the retry that follows failure number `failures` (1 = first).
  std::chrono::milliseconds backoff(int failures) const;

  static constexpr std::size_t kMaxLog = 10000;  // finished entries beyond this are forgotten

 private:
  PushLogEntry* entry(const std::string& name);
  bool waiting(const PushLogEntry& e) const { return !e.test && !e.pushed_at && !e.given_up; }
  void trim();

  std::chrono::milliseconds retry_initial_;
  std::chrono::milliseconds retry_max_;
  std::deque<PushLogEntry> log_;  // in the order files appeared
};

}  // namespace jemhead::sim
