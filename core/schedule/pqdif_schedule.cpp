#include "core/schedule/pqdif_schedule.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <string>

#include "core/schedule/schedule_error.hpp"

namespace jemhead::schedule {

using namespace std::chrono;

namespace {

std::string lower(std::string_view text) {
  std::string out;
  for (char c : text) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

minutes parse_time_of_day(std::string_view text, std::string_view field) {
  auto digit = [&](std::size_t i) -> int {
    const char c = text[i];
    if (c < '0' || c > '9')
      throw ScheduleParseError(std::string(field), std::string(text), "expected HH:MM");
    return c - '0';
  };
  if (text.size() != 5 || text[2] != ':')
    throw ScheduleParseError(std::string(field), std::string(text.substr(0, 40)), "expected HH:MM");
  const int hour = digit(0) * 10 + digit(1);
  const int minute = digit(3) * 10 + digit(4);
  if (hour > 23 || minute > 59)
    throw ScheduleParseError(std::string(field), std::string(text), "time must be 00:00..23:59");
  return hours{hour} + minutes{minute};
}

date::weekday parse_weekday(std::string_view text, std::string_view field) {
  static constexpr std::array<std::string_view, 7> kNames = {
      "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};
  const std::string name = lower(text.substr(0, 16));
  for (unsigned i = 0; i < kNames.size(); ++i)
    if (name == kNames[i] || (name.size() == 3 && name == kNames[i].substr(0, 3)))
      return date::weekday{i};
  throw ScheduleParseError(std::string(field), std::string(text.substr(0, 40)),
                           "expected a weekday (MON..SUN or monday..sunday)");
}

PqdifSchedule::PqdifSchedule(PqdifOptions options, const date::time_zone& zone)
    : options_(options), zone_(&zone), hourly_(60, zone) {
  if (options_.at < minutes{0} || options_.at >= days{1})
    throw ScheduleParseError("at", std::to_string(options_.at.count()),
                             "time of day must be 00:00..23:59");
  if (options_.day_of_month < 1 || options_.day_of_month > 31)
    throw ScheduleParseError("day", std::to_string(options_.day_of_month),
                             "day of month must be 1..31");
  if (!options_.weekday.ok())
    throw ScheduleParseError("weekday", std::to_string(options_.weekday.c_encoding()),
                             "not a weekday");
}

std::string PqdifSchedule::describe() const {
  const auto at = options_.at.count();
  char time_text[8];
  std::snprintf(time_text, sizeof time_text, "%02d:%02d", static_cast<int>(at / 60),
                static_cast<int>(at % 60));
  std::string out = "pqdif " + std::string(to_text(options_.frequency));
  switch (options_.frequency) {
    case PqdifFrequency::hourly: break;
    case PqdifFrequency::daily: out += std::string(" at ") + time_text; break;
    case PqdifFrequency::weekly:
      out += " on " + date::format("%a", options_.weekday) + " at " + time_text;
      break;
    case PqdifFrequency::monthly:
      out += " on day " + std::to_string(options_.day_of_month) + " at " + time_text;
      break;
  }
  return out + " TZ=" + std::string(zone_->name());
}

std::optional<LocalSeconds> PqdifSchedule::next_local_match(LocalSeconds from) const {
  const date::local_days today = floor<days>(from);
  switch (options_.frequency) {
    case PqdifFrequency::hourly: {
      const LocalSeconds hour = ceil<hours>(from);
      return hour;
    }
    case PqdifFrequency::daily: {
      const LocalSeconds candidate = today + options_.at;
      return candidate >= from ? candidate : candidate + days{1};
    }
    case PqdifFrequency::weekly: {
      const date::weekday wd{today};
      date::local_days day = today + (options_.weekday - wd);  // 0..6 days ahead
      if (day + options_.at < from) day += days{7};
      return day + options_.at;
    }
    case PqdifFrequency::monthly: {
      const date::year_month_day ymd{today};
      date::year_month month = ymd.year() / ymd.month();
      for (int i = 0; i < 2; ++i, month += date::months{1}) {
        const date::day last = (month / date::last).day();
        const date::day wanted = std::min(date::day{options_.day_of_month}, last);
        const LocalSeconds candidate = date::local_days{month / wanted} + options_.at;
        if (candidate >= from) return candidate;
      }
      return std::nullopt;  // unreachable: next month's day is always after `from`
    }
  }
  return std::nullopt;
}

std::optional<UtcTime> PqdifSchedule::next_after(UtcTime t) const {
  if (options_.frequency == PqdifFrequency::hourly) return hourly_.next_after(t);
  return next_wall_clock_fire(*zone_, t,
                              [this](LocalSeconds from) { return next_local_match(from); });
}

}  // namespace jemhead::schedule
