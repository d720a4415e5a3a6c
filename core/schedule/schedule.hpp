#pragma once
// The common face of every schedule kind (cron, every-N-minutes, the manual's PQDIF
// options): given an instant, when is the next nominal fire time? Implementations are
// immutable and hold no clock, so one instance can be shared by every meter of a group and
// every question is answered deterministically.
#include <optional>
#include <string>

#include "core/time.hpp"

namespace jemhead::schedule {

class Schedule {
 public:
  virtual ~Schedule() = default;

  // The first fire time strictly after `t`, or nullopt when the schedule never fires
  // again (only possible for expressions that cannot match within the search horizon).
  virtual std::optional<UtcTime> next_after(UtcTime t) const = 0;

  // A canonical one-line description ("cron 0 */15 * * * * TZ=Europe/Berlin"), for logs
  // and the API.
  virtual std::string describe() const = 0;

  // The first fire time at or after `t`.
  std::optional<UtcTime> next_at_or_after(UtcTime t) const { return next_after(t - Micros{1}); }
};

}  // namespace jemhead::schedule
