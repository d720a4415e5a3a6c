#pragma once
// The collection engine's settings (the `engine:` section of jemhead's configuration).
#include <chrono>
#include <string>

#include "core/engine/backoff.hpp"
#include "core/engine/resource_budget.hpp"

namespace jemhead::engine {

struct EngineOptions {
  bool enabled = true;  // false: no scheduled collection ("run now" still works)
  BudgetLimits budget;  // session caps: global, per host, per meter and protocol, modems
  HealthPolicy health;  // when a meter turns unhealthy and how far it backs off
  // Bounds one whole job (every kind, attempt and retry of it); then it is cancelled.
  std::chrono::seconds job_deadline{300};
  // Finished job runs older than this are deleted (the manual's retrieval log, bounded).
  std::chrono::hours history_retention{24 * 90};
  // A meter whose job has waited longer than this past its due time counts as overdue.
  std::chrono::seconds overdue_after{60};
  // Fleet changes made through the API are applied to the schedule after this quiet time,
  // so a script registering 10,000 meters causes a few rebuilds, not 10,000.
  std::chrono::milliseconds reload_debounce{500};
  // Jobs whose results wait for the database writer are committed together, up to this
  // many per transaction (group commit: one fsync for many meters).
  std::size_t commit_batch = 256;
  // Load profile is read in chunks of this much meter time; what a chunk brought is kept
  // (and the checkpoint advanced) even when a later chunk fails.
  std::chrono::hours load_profile_chunk{24};
  // A meter's first load-profile read (no checkpoint yet) reaches back at most this far.
  std::chrono::hours load_profile_first_read{24 * 400};
};

}  // namespace jemhead::engine
