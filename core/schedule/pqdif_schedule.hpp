#pragma once
// The PQDIF retrieval schedule of the manual (part1 §12, manual L1219-1223): "The frequency
// of retrieval can be configured as hourly, daily, weekly or monthly. The hourly read starts
// at the top of the hour. Additional settings are provided for daily, weekly and monthly."
// The manual does not say what those additional settings are; we take the obvious ones:
//  - hourly:  every hour at minute 0 of the zone's clock (no further settings);
//  - daily:   at HH:MM;
//  - weekly:  on a weekday at HH:MM;
//  - monthly: on day D (1..31) at HH:MM, D clamped to the month's length (31 fires on
//             Feb 28/29, Apr 30, ...), so "monthly on the 31st" means "on the last day".
// Daily/weekly/monthly are wall-clock times with the DST rule of wall_clock.hpp.
#include <date/date.h>
#include <date/tz.h>

#include <chrono>

#include "core/enum_text.hpp"
#include "core/schedule/every_minutes.hpp"
#include "core/schedule/schedule.hpp"
#include "core/schedule/wall_clock.hpp"

namespace jemhead::schedule {

enum class PqdifFrequency { hourly, daily, weekly, monthly };

struct PqdifOptions {
  PqdifFrequency frequency = PqdifFrequency::hourly;
  std::chrono::minutes at{0};            // time of day (daily, weekly, monthly)
  date::weekday weekday = date::Monday;  // weekly
  unsigned day_of_month = 1;             // monthly, 1..31
};

class PqdifSchedule final : public Schedule {
 public:
  // Throws ScheduleParseError for an out-of-range time of day or day of month.
  PqdifSchedule(PqdifOptions options, const date::time_zone& zone);

  std::optional<UtcTime> next_after(UtcTime t) const override;
  std::string describe() const override;

  // The first wall-clock fire time at or after `from`.
  std::optional<LocalSeconds> next_local_match(LocalSeconds from) const;

 private:
  PqdifOptions options_;
  const date::time_zone* zone_;
  EveryMinutes hourly_;  // the hourly case is every 60 minutes aligned to the hour
};

// "HH:MM" (00:00..23:59) as minutes after midnight; throws ScheduleParseError naming `field`.
std::chrono::minutes parse_time_of_day(std::string_view text, std::string_view field);

// "MON".."SUN" or "monday".."sunday" (case-insensitive); throws ScheduleParseError.
date::weekday parse_weekday(std::string_view text, std::string_view field);

}  // namespace jemhead::schedule

template <>
struct jemhead::EnumText<jemhead::schedule::PqdifFrequency> {
  using F = jemhead::schedule::PqdifFrequency;
  static constexpr std::array<std::pair<F, std::string_view>, 4> names{{
      {F::hourly, "hourly"},
      {F::daily, "daily"},
      {F::weekly, "weekly"},
      {F::monthly, "monthly"},
  }};
};
