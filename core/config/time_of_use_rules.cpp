#include "core/config/time_of_use_rules.hpp"

#include <array>
#include <chrono>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <utility>

#include "core/config/calendar_date.hpp"
#include "core/config/meter_configuration.hpp"

namespace jemhead::config {

namespace {

constexpr std::array kRules{kTouDateExists,           kTouSeasonChangesInOrder, kTouScheduleUnique,
                            kTouSwitchTimesAscending, kTouHolidayYearsOrdered,  kTouHolidayCapacity,
                            kTouHolidaysUnique};

bool year_in_range(int y) {
  return y >= kTouFirstYear && y <= kTouLastYear;
}

// The day `d` falls on in `year`; nullopt when a field is out of range (the range check's
// problem) or a definite date does not exist (tou_date_exists').
std::optional<std::chrono::sys_days> resolve(const TouDate& d, int year) {
  if (!year_in_range(year)) return std::nullopt;
  if (d.kind == CalendarDateKind::relative) return relative_day(year, d.month, d.week, d.weekday);
  return definite_day(year, d.month, d.day);
}

bool definite_in_range(const TouDate& d) {
  return d.kind == CalendarDateKind::definite && d.month >= 1 && d.month <= 12 && d.day >= 1 &&
         d.day <= 31;
}

// The years a holiday entry covers, or nullopt when its range is not checkable.
std::optional<std::pair<int, int>> holiday_years(const TouHolidayEntry& h) {
  if (!year_in_range(h.first_year) || !year_in_range(h.last_year) || h.first_year > h.last_year)
    return std::nullopt;
  return std::pair{h.first_year, h.last_year};
}

std::string clock_text(int hour, int minute) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", hour, minute);
  return buf;
}

// Beyond the list limit the count check has already spoken, and expanding every entry
// would only cost time.
bool holidays_checkable(const TimeOfUse& t) {
  return t.holidays.size() <= 400;
}

}  // namespace

void check_tou_date_exists(const TimeOfUse& t, const std::string& path, Problems& out) {
  const auto changes = child_path(path, "season_changes");
  for (std::size_t i = 0; i < t.season_changes.size(); ++i) {
    const auto& sc = t.season_changes[i];
    if (!year_in_range(sc.year) || !definite_in_range(sc.date)) continue;
    if (resolve(sc.date, sc.year)) continue;
    report(out, kTouDateExists, child_path(child_path(item_path(changes, i), "date"), "day"),
           missing_day_text(sc.year, sc.date.month, sc.date.day));
  }
  const auto holidays = child_path(path, "holidays");
  for (std::size_t i = 0; i < t.holidays.size(); ++i) {
    const auto& h = t.holidays[i];
    const auto years = holiday_years(h);
    if (!years || !definite_in_range(h.date)) continue;
    for (int y = years->first; y <= years->second; ++y) {
      if (resolve(h.date, y)) continue;
      report(out, kTouDateExists, child_path(child_path(item_path(holidays, i), "date"), "day"),
             missing_day_text(y, h.date.month, h.date.day));
      break;  // one problem per entry: 29 February fails in every common year
    }
  }
}

void check_tou_season_changes_in_order(const TimeOfUse& t, const std::string& path, Problems& out) {
  const auto changes = child_path(path, "season_changes");
  std::optional<std::chrono::sys_days> previous;
  for (std::size_t i = 0; i < t.season_changes.size(); ++i) {
    const auto& sc = t.season_changes[i];
    const auto day = resolve(sc.date, sc.year);
    if (!day) continue;  // out of range or not a date: reported by other checks
    if (previous && *day <= *previous) {
      std::string msg = "change on ";
      msg += day_text(*day);
      msg += " must come after the previous change on ";
      msg += day_text(*previous);
      report(out, kTouSeasonChangesInOrder, item_path(changes, i), std::move(msg));
      continue;  // compare the next change with the last one in order
    }
    previous = day;
  }
}

void check_tou_schedule_unique(const TimeOfUse& t, const std::string& path, Problems& out) {
  const auto schedules = child_path(path, "schedules");
  std::set<std::pair<TouSeason, TouDayType>> seen;
  for (std::size_t i = 0; i < t.schedules.size(); ++i) {
    const auto& s = t.schedules[i];
    if (seen.insert({s.season, s.day_type}).second) continue;
    std::string msg = "a second schedule for ";
    msg += to_text(s.season);
    msg += " ";
    msg += to_text(s.day_type);
    report(out, kTouScheduleUnique, item_path(schedules, i), std::move(msg));
  }
}

void check_tou_switch_times_ascending(const TimeOfUse& t, const std::string& path, Problems& out) {
  const auto schedules = child_path(path, "schedules");
  for (std::size_t s = 0; s < t.schedules.size(); ++s) {
    const auto switches = child_path(item_path(schedules, s), "switches");
    std::optional<std::pair<int, int>> previous;
    const auto& list = t.schedules[s].switches;
    for (std::size_t i = 0; i < list.size(); ++i) {
      const auto& sw = list[i];
      if (sw.hour < 0 || sw.hour > 23 || sw.minute < 0 || sw.minute > 59) continue;
      const std::pair<int, int> time{sw.hour, sw.minute};
      if (previous && time <= *previous) {
        std::string msg = clock_text(sw.hour, sw.minute);
        msg += " must come after the previous change at ";
        msg += clock_text(previous->first, previous->second);
        report(out, kTouSwitchTimesAscending, item_path(switches, i), std::move(msg));
        continue;
      }
      previous = time;
    }
  }
}

void check_tou_holiday_years_ordered(const TimeOfUse& t, const std::string& path, Problems& out) {
  const auto holidays = child_path(path, "holidays");
  for (std::size_t i = 0; i < t.holidays.size(); ++i) {
    const auto& h = t.holidays[i];
    if (!year_in_range(h.first_year) || !year_in_range(h.last_year)) continue;
    if (h.first_year <= h.last_year) continue;
    std::string msg = "last year ";
    msg += std::to_string(h.last_year);
    msg += " is before the first year ";
    msg += std::to_string(h.first_year);
    report(out, kTouHolidayYearsOrdered, child_path(item_path(holidays, i), "last_year"),
           std::move(msg));
  }
}

void check_tou_holiday_capacity(const TimeOfUse& t, const std::string& path, Problems& out) {
  if (!holidays_checkable(t)) return;
  int dates = 0;
  for (const auto& h : t.holidays)
    if (const auto years = holiday_years(h)) dates += years->second - years->first + 1;
  if (dates <= 400) return;
  std::string msg = "the holidays cover ";
  msg += std::to_string(dates);
  msg += " dates; the meter keeps at most 400";
  report(out, kTouHolidayCapacity, child_path(path, "holidays"), std::move(msg));
}

void check_tou_holidays_unique(const TimeOfUse& t, const std::string& path, Problems& out) {
  if (!holidays_checkable(t)) return;
  const auto holidays = child_path(path, "holidays");
  std::map<std::chrono::sys_days, std::size_t> first_entry;
  for (std::size_t i = 0; i < t.holidays.size(); ++i) {
    const auto& h = t.holidays[i];
    const auto years = holiday_years(h);
    if (!years) continue;
    for (int y = years->first; y <= years->second; ++y) {
      const auto day = resolve(h.date, y);
      if (!day) continue;
      const auto [it, inserted] = first_entry.emplace(*day, i);
      if (inserted) continue;
      std::string msg = day_text(*day);
      msg += " is already a holiday (entry ";
      msg += std::to_string(it->second);
      msg += ")";
      report(out, kTouHolidaysUnique, item_path(holidays, i), std::move(msg));
      break;  // one problem per entry
    }
  }
}

std::span<const RuleRef> time_of_use_rule_refs() {
  return kRules;
}

void check_time_of_use_rules(const MeterConfiguration& c, Problems& out) {
  const std::string path = "time_of_use";
  const auto& t = c.time_of_use;
  check_tou_date_exists(t, path, out);
  check_tou_season_changes_in_order(t, path, out);
  check_tou_schedule_unique(t, path, out);
  check_tou_switch_times_ascending(t, path, out);
  check_tou_holiday_years_ordered(t, path, out);
  check_tou_holiday_capacity(t, path, out);
  check_tou_holidays_unique(t, path, out);
}

}  // namespace jemhead::config
