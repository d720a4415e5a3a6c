// TIME OF USE: factory defaults, the calendar, one table of validation cases (80 season
// changes in order, 4 x 9 schedules of 8 ascending switches, 400 unique holidays, dates that
// exist), JSON spellings and schema coverage.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "config_test_support.hpp"
#include "core/config/calendar_date.hpp"
#include "core/config/time_of_use_rules.hpp"

namespace jemhead::config::test {
namespace {

using W = CalendarWeekday;
using Wk = CalendarWeek;

TouDate definite(int month, int day) {
  TouDate d;
  d.month = month;
  d.day = day;
  return d;
}

TouDate relative(Wk week, W weekday, int month) {
  TouDate d;
  d.kind = CalendarDateKind::relative;
  d.week = week;
  d.weekday = weekday;
  d.month = month;
  return d;
}

TouSeasonChange change(int year, TouDate date, TouSeason season) {
  TouSeasonChange c;
  c.year = year;
  c.date = date;
  c.season = season;
  return c;
}

TouSwitch sw(int hour, int minute, TouRate rate) {
  TouSwitch s;
  s.hour = hour;
  s.minute = minute;
  s.rate = rate;
  return s;
}

TouDaySchedule schedule(TouSeason season, TouDayType day, std::vector<TouSwitch> switches) {
  TouDaySchedule s;
  s.season = season;
  s.day_type = day;
  s.switches = std::move(switches);
  return s;
}

TouHolidayEntry holiday(TouDate date, int first, int last,
                        TouHoliday which = TouHoliday::holiday_1) {
  TouHolidayEntry h;
  h.date = date;
  h.first_year = first;
  h.last_year = last;
  h.holiday = which;
  return h;
}

std::chrono::sys_days ymd(int y, unsigned m, unsigned d) {
  return std::chrono::sys_days{std::chrono::year_month_day{
      std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}}};
}

// A year of four season changes, Spring 1 March to Winter 1 December.
std::vector<TouSeasonChange> seasons_of(int first_year, int years) {
  std::vector<TouSeasonChange> out;
  for (int y = first_year; y < first_year + years; ++y) {
    out.push_back(change(y, definite(3, 1), TouSeason::spring));
    out.push_back(change(y, definite(6, 1), TouSeason::summer));
    out.push_back(change(y, definite(9, 1), TouSeason::autumn));
    out.push_back(change(y, definite(12, 1), TouSeason::winter));
  }
  return out;
}

// `entries` holidays on 1, 2, ... January, each over `years` years from 2000.
std::vector<TouHolidayEntry> january_holidays(int entries, int years) {
  std::vector<TouHolidayEntry> out;
  for (int i = 1; i <= entries; ++i) out.push_back(holiday(definite(1, i), 2000, 2000 + years - 1));
  return out;
}

TEST(ConfigTimeOfUse, FactoryDefaultsAreValid) {
  const MeterConfiguration c;
  EXPECT_EQ(summary(validate(c)), std::vector<Expected>{});
  // Appendix C: no seasons, schedules or holidays (L13522-L13528).
  EXPECT_TRUE(c.time_of_use.season_changes.empty());
  EXPECT_TRUE(c.time_of_use.schedules.empty());
  EXPECT_TRUE(c.time_of_use.holidays.empty());
}

TEST(ConfigTimeOfUse, CalendarResolvesDefiniteAndRelativeDates) {
  // The manual's examples: 4th of July, first Sunday of May.
  EXPECT_EQ(definite_day(2026, 7, 4), ymd(2026, 7, 4));
  EXPECT_EQ(relative_day(2026, 5, Wk::first, W::sunday), ymd(2026, 5, 3));
  EXPECT_EQ(relative_day(2026, 5, Wk::last, W::monday), ymd(2026, 5, 25));
  EXPECT_EQ(relative_day(2026, 11, Wk::fourth, W::thursday), ymd(2026, 11, 26));
  EXPECT_EQ(relative_day(2024, 2, Wk::last, W::thursday), ymd(2024, 2, 29));
  EXPECT_EQ(definite_day(2024, 2, 29), ymd(2024, 2, 29));
  EXPECT_EQ(definite_day(2025, 2, 29), std::nullopt);
  EXPECT_EQ(definite_day(2026, 4, 31), std::nullopt);
  EXPECT_EQ(definite_day(2026, 13, 1), std::nullopt);
  EXPECT_EQ(day_text(ymd(2026, 7, 4)), "2026-07-04");
}

TEST(ConfigTimeOfUse, ValidationTable) {
  const std::string exists = "tou_date_exists";
  const std::string exists_seed = "L3848-L3850, L3896-L3898";
  const std::string order = "tou_season_changes_in_order";
  const std::string order_seed = "L3830, L3840-L3850";
  const std::string unique_schedule = "tou_schedule_unique";
  const std::string unique_schedule_seed = "L3854, L3864-L3868";
  const std::string ascending = "tou_switch_times_ascending";
  const std::string ascending_seed = "L3864-L3882";
  const std::string years = "tou_holiday_years_ordered";
  const std::string capacity = "tou_holiday_capacity";
  const std::string unique_holiday = "tou_holidays_unique";
  const std::string date_seed = "L3848-L3850";
  const std::string p = "time_of_use.";
  run_cases({
      // Season changes: at most 80, in date order, on days that exist.
      {"80 season changes (20 years) in order",
       [](MeterConfiguration& c) { c.time_of_use.season_changes = seasons_of(2026, 20); },
       {}},
      {"81 season changes",
       [](MeterConfiguration& c) {
         c.time_of_use.season_changes = seasons_of(2026, 21);
         c.time_of_use.season_changes.resize(81);
       },
       {{p + "season_changes", "count", "L3840-L3850, L13524"}}},
      {"relative then definite date, in order",
       [](MeterConfiguration& c) {
         // first Sunday of May 2026 is 3 May
         c.time_of_use.season_changes = {
             change(2026, relative(Wk::first, W::sunday, 5), TouSeason::summer),
             change(2026, definite(5, 4), TouSeason::autumn)};
       },
       {}},
      {"definite date before the relative one",
       [](MeterConfiguration& c) {
         c.time_of_use.season_changes = {
             change(2026, relative(Wk::first, W::sunday, 5), TouSeason::summer),
             change(2026, definite(5, 2), TouSeason::autumn)};
       },
       {{p + "season_changes[1]", order, order_seed}}},
      {"same day twice",
       [](MeterConfiguration& c) {
         c.time_of_use.season_changes = {change(2026, definite(6, 1), TouSeason::summer),
                                         change(2026, definite(6, 1), TouSeason::autumn)};
       },
       {{p + "season_changes[1]", order, order_seed}}},
      {"an earlier year after a later one",
       [](MeterConfiguration& c) {
         c.time_of_use.season_changes = {change(2027, definite(3, 1), TouSeason::spring),
                                         change(2026, definite(6, 1), TouSeason::summer),
                                         change(2027, definite(6, 1), TouSeason::summer)};
       },
       {{p + "season_changes[1]", order, order_seed}}},
      {"31 April does not exist",
       [](MeterConfiguration& c) {
         c.time_of_use.season_changes = {change(2026, definite(4, 31), TouSeason::spring)};
       },
       {{p + "season_changes[0].date.day", exists, exists_seed}}},
      {"29 February in a leap year",
       [](MeterConfiguration& c) {
         c.time_of_use.season_changes = {change(2024, definite(2, 29), TouSeason::spring)};
       },
       {}},
      {"29 February in a common year",
       [](MeterConfiguration& c) {
         c.time_of_use.season_changes = {change(2025, definite(2, 29), TouSeason::spring)};
       },
       {{p + "season_changes[0].date.day", exists, exists_seed}}},
      {"a relative date ignores its day",
       [](MeterConfiguration& c) {
         auto d = relative(Wk::last, W::saturday, 4);
         d.day = 31;
         c.time_of_use.season_changes = {change(2026, d, TouSeason::spring)};
       },
       {}},
      {"years 2000 and 2099",
       [](MeterConfiguration& c) {
         c.time_of_use.season_changes = {change(2000, definite(1, 1), TouSeason::winter),
                                         change(2099, definite(12, 31), TouSeason::winter)};
       },
       {}},
      {"years 1999 and 2100",
       [](MeterConfiguration& c) {
         c.time_of_use.season_changes = {change(1999, definite(1, 1), TouSeason::winter),
                                         change(2100, definite(1, 1), TouSeason::winter)};
       },
       {{p + "season_changes[0].year", "range", "L3840-L3844"},
        {p + "season_changes[1].year", "range", "L3840-L3844"}}},
      {"month 0 and 13, day 0 and 32",
       [](MeterConfiguration& c) {
         c.time_of_use.season_changes = {change(2026, definite(0, 0), TouSeason::spring),
                                         change(2027, definite(13, 32), TouSeason::summer)};
       },
       {{p + "season_changes[0].date.month", "range", date_seed},
        {p + "season_changes[0].date.day", "range", date_seed},
        {p + "season_changes[1].date.month", "range", date_seed},
        {p + "season_changes[1].date.day", "range", date_seed}}},

      // Rate schedules: one per season and day type, at most 8 ascending switches.
      {"all 36 schedules, 8 switches each",
       [](MeterConfiguration& c) {
         for (auto season :
              {TouSeason::spring, TouSeason::summer, TouSeason::autumn, TouSeason::winter})
           for (int d = 0; d < 9; ++d) {
             std::vector<TouSwitch> switches;
             for (int i = 0; i < 8; ++i) switches.push_back(sw(i * 3, 0, TouRate::a));
             switches.back() = sw(23, 59, TouRate::h);
             c.time_of_use.schedules.push_back(
                 schedule(season, static_cast<TouDayType>(d), std::move(switches)));
           }
       },
       {}},
      {"37 schedules",
       [](MeterConfiguration& c) {
         for (int i = 0; i < 37; ++i)
           c.time_of_use.schedules.push_back(
               schedule(static_cast<TouSeason>(i / 9 % 4), static_cast<TouDayType>(i % 9), {}));
       },
       {{p + "schedules", "count", "L3854-L3882, L13524"},
        {p + "schedules[36]", unique_schedule, unique_schedule_seed}}},
      {"summer Monday twice",
       [](MeterConfiguration& c) {
         c.time_of_use.schedules = {schedule(TouSeason::summer, TouDayType::monday, {}),
                                    schedule(TouSeason::winter, TouDayType::monday, {}),
                                    schedule(TouSeason::summer, TouDayType::monday, {})};
       },
       {{p + "schedules[2]", unique_schedule, unique_schedule_seed}}},
      {"9 switches",
       [](MeterConfiguration& c) {
         std::vector<TouSwitch> switches;
         for (int i = 0; i < 9; ++i) switches.push_back(sw(i, 0, TouRate::b));
         c.time_of_use.schedules = {
             schedule(TouSeason::spring, TouDayType::holiday_2, std::move(switches))};
       },
       {{p + "schedules[0].switches", "count", "L3864-L3882"}}},
      {"switches out of order",
       [](MeterConfiguration& c) {
         c.time_of_use.schedules = {
             schedule(TouSeason::summer, TouDayType::friday,
                      {sw(7, 0, TouRate::a), sw(22, 0, TouRate::b), sw(6, 30, TouRate::c)})};
       },
       {{p + "schedules[0].switches[2]", ascending, ascending_seed}}},
      {"two switches at the same time",
       [](MeterConfiguration& c) {
         c.time_of_use.schedules = {schedule(TouSeason::summer, TouDayType::friday,
                                             {sw(8, 15, TouRate::a), sw(8, 15, TouRate::b)})};
       },
       {{p + "schedules[0].switches[1]", ascending, ascending_seed}}},
      {"one minute apart",
       [](MeterConfiguration& c) {
         c.time_of_use.schedules = {schedule(TouSeason::summer, TouDayType::friday,
                                             {sw(8, 15, TouRate::a), sw(8, 16, TouRate::b)})};
       },
       {}},
      {"hour 24 and minute 60",
       [](MeterConfiguration& c) {
         c.time_of_use.schedules = {schedule(TouSeason::summer, TouDayType::sunday,
                                             {sw(24, 0, TouRate::a), sw(0, 60, TouRate::b)})};
       },
       {{p + "schedules[0].switches[0].hour", "range", "L3874-L3880"},
        {p + "schedules[0].switches[1].minute", "range", "L3874-L3880"}}},

      // Holidays: at most 400 dates, each listed once.
      {"400 holidays: 20 dates over 20 years",
       [](MeterConfiguration& c) { c.time_of_use.holidays = january_holidays(20, 20); },
       {}},
      {"420 holiday dates in 21 entries",
       [](MeterConfiguration& c) { c.time_of_use.holidays = january_holidays(21, 20); },
       {{p + "holidays", capacity, "L3888, L3896-L3898"}}},
      {"401 entries",
       [](MeterConfiguration& c) {
         for (int i = 0; i < 401; ++i)
           c.time_of_use.holidays.push_back(holiday(definite(7, 4), 2000, 2000));
       },
       {{p + "holidays", "count", "L3884-L3903, L13528"}}},
      {"4 July twice in 2026",
       [](MeterConfiguration& c) {
         c.time_of_use.holidays = {holiday(definite(7, 4), 2026, 2026),
                                   holiday(definite(7, 4), 2026, 2026, TouHoliday::holiday_2)};
       },
       {{p + "holidays[1]", unique_holiday, "L3888-L3890"}}},
      {"first Saturday of July 2026 is 4 July",
       [](MeterConfiguration& c) {
         c.time_of_use.holidays = {holiday(definite(7, 4), 2020, 2030),
                                   holiday(relative(Wk::first, W::saturday, 7), 2026, 2026)};
       },
       {{p + "holidays[1]", unique_holiday, "L3888-L3890"}}},
      {"first Saturday of July 2027 is 3 July",
       [](MeterConfiguration& c) {
         c.time_of_use.holidays = {holiday(definite(7, 4), 2020, 2030),
                                   holiday(relative(Wk::first, W::saturday, 7), 2027, 2027)};
       },
       {}},
      {"last year before the first",
       [](MeterConfiguration& c) {
         c.time_of_use.holidays = {holiday(definite(12, 25), 2030, 2026)};
       },
       {{p + "holidays[0].last_year", years, "L3896-L3898"}}},
      {"29 February over leap years only",
       [](MeterConfiguration& c) {
         c.time_of_use.holidays = {holiday(definite(2, 29), 2024, 2024)};
       },
       {}},
      {"29 February over a common year",
       [](MeterConfiguration& c) {
         c.time_of_use.holidays = {holiday(definite(2, 29), 2024, 2027)};
       },
       {{p + "holidays[0].date.day", exists, exists_seed}}},
      {"holiday years 1999 and 2100",
       [](MeterConfiguration& c) {
         c.time_of_use.holidays = {holiday(definite(1, 1), 1999, 2100)};
       },
       {{p + "holidays[0].first_year", "range", "L3896-L3898"},
        {p + "holidays[0].last_year", "range", "L3896-L3898"}}},
      {"description of 32 characters",
       [](MeterConfiguration& c) {
         auto h = holiday(definite(1, 1), 2026, 2026);
         h.description = std::string(32, 'x');
         c.time_of_use.holidays = {h};
       },
       {}},
      {"description of 33 characters",
       [](MeterConfiguration& c) {
         auto h = holiday(definite(1, 1), 2026, 2026);
         h.description = std::string(33, 'x');
         c.time_of_use.holidays = {h};
       },
       {{p + "holidays[0].description", "max_length", "L3890-L3892"}}},
  });
}

TEST(ConfigTimeOfUse, RulesAreListedWithTheDocumentRules) {
  EXPECT_EQ(rules_listed_with_document_rules(time_of_use_rule_refs()),
            (std::vector<std::string>{"tou_date_exists", "tou_season_changes_in_order",
                                      "tou_schedule_unique", "tou_switch_times_ascending",
                                      "tou_holiday_years_ordered", "tou_holiday_capacity",
                                      "tou_holidays_unique"}));
}

TEST(ConfigTimeOfUse, MessagesNameTheDatesAndTimes) {
  MeterConfiguration c;
  c.time_of_use.season_changes = {
      change(2026, definite(6, 1), TouSeason::summer),
      change(2026, relative(Wk::first, W::sunday, 5), TouSeason::spring),
      change(2025, definite(2, 29), TouSeason::winter)};
  c.time_of_use.schedules = {schedule(TouSeason::winter, TouDayType::holiday_2,
                                      {sw(9, 5, TouRate::a), sw(7, 0, TouRate::b)}),
                             schedule(TouSeason::winter, TouDayType::holiday_2, {})};
  c.time_of_use.holidays = {holiday(definite(7, 4), 2026, 2026),
                            holiday(relative(Wk::first, W::saturday, 7), 2026, 2026),
                            holiday(definite(1, 1), 2030, 2029)};
  const auto problems = validate(c);
  const std::string p = "time_of_use.";
  EXPECT_EQ(message_at(problems, p + "season_changes[1]"),
            "change on 2026-05-03 must come after the previous change on 2026-06-01");
  EXPECT_EQ(message_at(problems, p + "season_changes[2].date.day"),
            "day 29 of month 2 does not exist in 2025");
  EXPECT_EQ(message_at(problems, p + "schedules[0].switches[1]"),
            "07:00 must come after the previous change at 09:05");
  EXPECT_EQ(message_at(problems, p + "schedules[1]"), "a second schedule for winter holiday_2");
  EXPECT_EQ(message_at(problems, p + "holidays[1]"), "2026-07-04 is already a holiday (entry 0)");
  EXPECT_EQ(message_at(problems, p + "holidays[2].last_year"),
            "last year 2029 is before the first year 2030");
  c.time_of_use.holidays = january_holidays(21, 20);
  EXPECT_EQ(message_at(validate(c), p + "holidays"),
            "the holidays cover 420 dates; the meter keeps at most 400");
}

TEST(ConfigTimeOfUse, JsonUsesTheManualsSpellings) {
  MeterConfiguration c;
  c.time_of_use.season_changes = {
      change(2026, relative(Wk::second, W::sunday, 3), TouSeason::summer)};
  c.time_of_use.schedules = {
      schedule(TouSeason::autumn, TouDayType::holiday_1, {sw(13, 30, TouRate::h)})};
  c.time_of_use.holidays = {holiday(definite(12, 25), 2026, 2030, TouHoliday::holiday_2)};
  c.time_of_use.holidays[0].description = "Christmas";
  const auto doc = to_json(c);
  const auto& tou = doc.at("time_of_use");
  EXPECT_EQ(tou.at("season_changes").at(0).at("date").at("kind"), "relative");
  EXPECT_EQ(tou.at("season_changes").at(0).at("date").at("week"), "second");
  EXPECT_EQ(tou.at("season_changes").at(0).at("season"), "summer");
  EXPECT_EQ(tou.at("schedules").at(0).at("day_type"), "holiday_1");
  EXPECT_EQ(tou.at("schedules").at(0).at("switches").at(0).at("rate"), "H");
  EXPECT_EQ(tou.at("schedules").at(0).at("switches").at(0).at("minute"), 30);
  EXPECT_EQ(tou.at("holidays").at(0).at("holiday"), "holiday_2");
  const auto back = from_json(doc);
  EXPECT_EQ(summary(back.problems), std::vector<Expected>{});
  EXPECT_EQ(back.config.time_of_use, c.time_of_use);
}

TEST(ConfigTimeOfUse, UnknownRateTextIsRefused) {
  const auto r = from_json_text(
      R"({"time_of_use": {"schedules": [{"season": "summer", "day_type": "monday",
          "switches": [{"hour": 6, "minute": 0, "rate": "T"}]}]}})");
  EXPECT_EQ(summary(r.problems),
            (std::vector<Expected>{
                {"time_of_use.schedules[0].switches[0].rate", "enum", "L3856-L3868"}}));
}

TEST(ConfigTimeOfUse, SchemaCoversEveryField) {
  MeterConfiguration c;
  c.time_of_use.season_changes.resize(1);
  c.time_of_use.schedules.resize(1);
  c.time_of_use.schedules[0].switches.resize(1);
  c.time_of_use.holidays.resize(1);
  // season change: year + date (5) + season; schedule: season, day type + switch (3);
  // holiday: date (5) + first/last year, designation, description.
  EXPECT_EQ(section_leaves(c, "time_of_use"), 7 + 5 + 9);
}

}  // namespace
}  // namespace jemhead::config::test
