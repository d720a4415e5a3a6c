#pragma once
// "Every N minutes aligned to the hour": fires at every instant whose wall-clock time in the
// zone is a whole multiple of N minutes after local midnight (seconds = 0).
//  - N divides 60 (1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60): the fires are aligned to the
//    hour (:00, :15, :30, :45) and exactly N real minutes apart, also across DST changes:
//    the repeated autumn hour fires on both passes (they are different instants, and a
//    collection every N minutes must not pause for an hour), the spring gap has no local
//    times so the fires simply continue after it.
//  - Any other N (1..1440, e.g. 7 or 90): aligned to local midnight, so the sequence restarts
//    every day and the day's last interval may be shorter (N = 7: ..., 23:55, 00:00).
// Unlike cron, this is defined on real instants; it is the schedule of choice for
// "collect every 15 minutes".
#include <date/tz.h>

#include "core/schedule/schedule.hpp"

namespace jemhead::schedule {

class EveryMinutes final : public Schedule {
 public:
  static constexpr int kMaxMinutes = 24 * 60;

  // Throws ScheduleParseError unless 1 <= minutes <= 1440.
  EveryMinutes(int minutes, const date::time_zone& zone);

  std::optional<UtcTime> next_after(UtcTime t) const override;
  std::string describe() const override;

  int minutes() const { return minutes_; }

 private:
  int minutes_;
  const date::time_zone* zone_;
};

}  // namespace jemhead::schedule
