#pragma once
// Turning the dates TIME OF USE and TIMEKEEPING store (definite "4th of July" or relative
// "first Sunday of May", L3848-L3850) into days of a given year, so the rules can check
// that a date exists, that changes are in order and that no day is listed twice.
#include <chrono>
#include <cstdio>
#include <optional>
#include <string>

#include "core/config/time_of_use_enums.hpp"

namespace jemhead::config {

// The day `month`/`day` of `year`; nullopt when a field is outside its calendar range or
// the date does not exist (31 April, 29 February of a common year).
inline std::optional<std::chrono::sys_days> definite_day(int year, int month, int day) {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31)
    return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year{year},
                                        std::chrono::month{static_cast<unsigned>(month)},
                                        std::chrono::day{static_cast<unsigned>(day)}};
  if (!ymd.ok()) return std::nullopt;
  return std::chrono::sys_days{ymd};
}

// The `week`th `weekday` of `month` in `year` (every month has at least four of each
// weekday, so it always exists for a valid month and year).
inline std::optional<std::chrono::sys_days> relative_day(int year, int month, CalendarWeek week,
                                                         CalendarWeekday weekday) {
  if (year < 1 || year > 9999 || month < 1 || month > 12) return std::nullopt;
  // Only a value cast in code can be outside the enumerations.
  if (static_cast<unsigned>(weekday) > 6 || static_cast<unsigned>(week) > 4) return std::nullopt;
  const std::chrono::year y{year};
  const std::chrono::month m{static_cast<unsigned>(month)};
  // CalendarWeekday counts from Sunday = 0, as std::chrono::weekday does.
  const std::chrono::weekday wd{static_cast<unsigned>(weekday)};
  if (week == CalendarWeek::last)
    return std::chrono::sys_days{
        std::chrono::year_month_weekday_last{y, m, std::chrono::weekday_last{wd}}};
  const std::chrono::year_month_weekday ymw{
      y, m, std::chrono::weekday_indexed{wd, static_cast<unsigned>(week) + 1}};
  if (!ymw.ok()) return std::nullopt;
  return std::chrono::sys_days{ymw};
}

// "day 31 of month 4 does not exist in 2026": the message of the date-exists rules
// (tou_date_exists, dst_date_exists) when definite_day() finds no such day.
inline std::string missing_day_text(int year, int month, int day) {
  std::string msg = "day ";
  msg += std::to_string(day);
  msg += " of month ";
  msg += std::to_string(month);
  msg += " does not exist in ";
  msg += std::to_string(year);
  return msg;
}

// "2026-07-04", for messages.
inline std::string day_text(std::chrono::sys_days d) {
  const std::chrono::year_month_day ymd{d};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

}  // namespace jemhead::config
