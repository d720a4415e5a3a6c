#pragma once
// Cron expressions with seconds and a time zone.
//
//   [TZ=Area/City ]sec min hour day-of-month month day-of-week     (6 fields)
//   [TZ=Area/City ]min hour day-of-month month day-of-week         (5 fields: sec = 0)
//
// Each field is a comma list of items: `*`, a value, a range `a-b`, each optionally with a
// step `/n` (`*/15`, `10-50/20`, `5/10` = from 5 to the field's maximum). Months accept
// JAN..DEC, days of week SUN..SAT (0 or 7 = Sunday), case-insensitive. `?` means "any" in
// day-of-month and day-of-week. `L` in day-of-month means the last day of the month.
//
// Day rule (Vixie cron): when both day-of-month and day-of-week are restricted, a day
// matches if EITHER matches ("0 0 0 13 * FRI" = every 13th and every Friday). A field that
// starts with `*` or `?` (including `*/2`) counts as unrestricted, and then a day must
// match both fields' sets.
//
// Times are wall-clock times of the zone; DST is handled as described in wall_clock.hpp
// (a time in the spring gap fires once at the end of the gap; a repeated time fires once,
// on its first occurrence).
#include <date/tz.h>

#include <bitset>
#include <optional>
#include <string>
#include <string_view>

#include "core/schedule/schedule.hpp"
#include "core/schedule/wall_clock.hpp"

namespace jemhead::schedule {

inline constexpr std::size_t kMaxCronExpressionLength = 256;

// The parsed, zone-free part of an expression: which values each field allows.
struct CronFields {
  std::bitset<60> seconds;
  std::bitset<60> minutes;
  std::bitset<24> hours;
  std::bitset<32> days_of_month;   // bits 1..31
  std::bitset<13> months;          // bits 1..12
  std::bitset<7> days_of_week;     // 0 = Sunday
  bool last_day_of_month = false;  // `L`
  bool day_of_month_star = false;  // starts with `*` or `?`: see the day rule above
  bool day_of_week_star = false;

  bool day_matches(date::year_month_day ymd) const;
};

// Parses the field part only (no TZ= prefix); throws ScheduleParseError.
CronFields parse_cron_fields(std::string_view fields_text);

class CronExpression final : public Schedule {
 public:
  // `text` may start with "TZ=Area/City "; otherwise `zone_name` is used. Throws
  // ScheduleParseError naming the field and the bad token.
  static CronExpression parse(std::string_view text, std::string_view zone_name = "UTC");

  std::optional<UtcTime> next_after(UtcTime t) const override;
  std::string describe() const override;

  // The first matching wall-clock time at or after `from` (search horizon: 30 years).
  std::optional<LocalSeconds> next_local_match(LocalSeconds from) const;

  const CronFields& fields() const { return fields_; }
  const date::time_zone& zone() const { return *zone_; }

 private:
  CronExpression(CronFields fields, const date::time_zone& zone, std::string fields_text);

  CronFields fields_;
  const date::time_zone* zone_;
  std::string fields_text_;  // normalised: single spaces, always six fields
};

}  // namespace jemhead::schedule
