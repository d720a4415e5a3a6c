#pragma once
// TIME OF USE SETUP (manual L3812-L3903): season changes, one rate schedule per season and
// day type (each day of the week plus Holiday 1 and Holiday 2) and holidays.
// Factory defaults: appendix C (L13522-L13528) "No Seasons or Time of Use schedules
// configured, ... No Holidays schedules", so every list starts empty and only the schedules
// actually configured are listed (sparse: 4 seasons x 9 day types at most). Appendix C's
// "No Override Rate" (L13526) is not here: the override rate is "set on this screen using
// the Settings box" of the DI set to TOU Rate Override (L4303-L4321), i.e. input_output.
#include <string>
#include <vector>

#include "core/config/field_visitor.hpp"
#include "core/config/time_of_use_enums.hpp"

namespace jemhead::config {

// The manual gives no year limits for TOU dates; the meter keeps "80 season changes (20
// years)" (L3842-L3844), so 2000-2099 is a generous window (DST stops at 2036, L3971).
inline constexpr int kTouFirstYear = 2000;
inline constexpr int kTouLastYear = 2099;

// A date as the Season and Holiday schedules enter it: definite (month and day) or
// relative (week, weekday and month) (L3848-L3850, L3896-L3898). The fields of the other
// kind are kept but not used.
struct TouDate {
  CalendarDateKind kind = CalendarDateKind::definite;
  int month = 1;
  int day = 1;
  CalendarWeek week = CalendarWeek::first;
  CalendarWeekday weekday = CalendarWeekday::sunday;

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.field("kind", s.kind, Seed{"L3848-L3850"},
            "Definite date (4th of July) or relative date (first Sunday of May)");
    v.field("month", s.month, Range{1, 12}, Seed{"L3848-L3850"}, "Month, 1-12");
    v.field("day", s.day, Range{1, 31}, Seed{"L3848-L3850"},
            "Day of the month (definite dates); must exist in that month");
    v.field("week", s.week, Seed{"L3848-L3850"},
            "Which occurrence of the weekday in the month (relative dates)");
    v.field("weekday", s.weekday, Seed{"L3848-L3850"}, "Day of the week (relative dates)");
  }
  bool operator==(const TouDate&) const = default;
};

// One entry of the Season Schedule: from `date` of `year` on, `season`'s rate schedules
// apply. Each change is one dated event, which is how the meter counts them ("80 season
// changes (20 years)", L3842-L3844).
struct TouSeasonChange {
  int year = kTouFirstYear;
  TouDate date;
  TouSeason season = TouSeason::spring;

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.field("year", s.year, Range{kTouFirstYear, kTouLastYear}, Seed{"L3840-L3844"},
            "Year of the change (the manual gives no limits: 2000-2099 chosen)");
    v.section("date", s.date, Seed{"L3848-L3850"}, "Date the season starts");
    v.field("season", s.season, Seed{"L3840-L3844"}, "Season that starts");
  }
  bool operator==(const TouSeasonChange&) const = default;
};

// One rate change of a day: from hour:minute (24-hour clock, L3878-L3880) on, `rate`.
// What applies before a day's first switch is not in the manual.
struct TouSwitch {
  int hour = 0;
  int minute = 0;
  TouRate rate = TouRate::a;

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.field("hour", s.hour, Range{0, 23}, Seed{"L3874-L3880"}, "Hour of the change, 0-23");
    v.field("minute", s.minute, Range{0, 59}, Seed{"L3874-L3880"}, "Minute of the change, 0-59");
    v.field("rate", s.rate, Seed{"L3856-L3868"}, "Rate A-H from this time on");
  }
  bool operator==(const TouSwitch&) const = default;
};

// The rate schedule of one season for one day type: "up to 8 rate changes per day, for
// each day of the week, and two holidays" (L3864-L3868).
struct TouDaySchedule {
  TouSeason season = TouSeason::spring;
  TouDayType day_type = TouDayType::monday;
  std::vector<TouSwitch> switches;

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.field("season", s.season, Seed{"L3854"}, "Season tab (Spring, Summer, Autumn, Winter)");
    v.field("day_type", s.day_type, Seed{"L3864-L3868"},
            "Day of the week, or Holiday 1 / Holiday 2");
    v.list("switches", s.switches, Count{0, 8}, Seed{"L3864-L3882"},
           "Up to 8 rate changes, in ascending time order");
  }
  bool operator==(const TouDaySchedule&) const = default;
};

// One Holiday Schedule entry: a date that recurs over a range of years (L3896-L3898), with
// its designation; the description is only for JEMWare's display (L3888-L3892).
struct TouHolidayEntry {
  TouDate date;
  int first_year = kTouFirstYear;
  int last_year = kTouFirstYear;
  TouHoliday holiday = TouHoliday::holiday_1;
  std::string description;

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.section("date", s.date, Seed{"L3896-L3898"}, "Date of the holiday, definite or relative");
    v.field("first_year", s.first_year, Range{kTouFirstYear, kTouLastYear}, Seed{"L3896-L3898"},
            "First year the holiday applies (limits not in the manual: 2000-2099 chosen)");
    v.field("last_year", s.last_year, Range{kTouFirstYear, kTouLastYear}, Seed{"L3896-L3898"},
            "Last year the holiday applies");
    v.field("holiday", s.holiday, Seed{"L3888-L3890"}, "Holiday 1 or Holiday 2 rates apply");
    // The manual gives no length; 32 characters chosen.
    v.field("description", s.description, MaxLength{32}, Seed{"L3890-L3892"},
            "Optional description, only shown by JEMWare");
  }
  bool operator==(const TouHolidayEntry&) const = default;
};

struct TimeOfUse {
  std::vector<TouSeasonChange> season_changes;
  std::vector<TouDaySchedule> schedules;
  std::vector<TouHolidayEntry> holidays;

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.list("season_changes", s.season_changes, Count{0, 80}, Seed{"L3840-L3850, L13524"},
           "Season Schedule: up to 80 season changes, in date order");
    v.list("schedules", s.schedules, Count{0, 36}, Seed{"L3854-L3882, L13524"},
           "Rate schedules: at most one per season (4) and day type (9)");
    v.list("holidays", s.holidays, Count{0, 400}, Seed{"L3884-L3903, L13528"},
           "Holiday Schedule: up to 400 holidays");
  }
  bool operator==(const TimeOfUse&) const = default;
};

}  // namespace jemhead::config
