#pragma once
// Enumerations of TIME OF USE SETUP (manual L3812-L3903) and their JSON spellings. The
// calendar words (weekday, week of the month, date kind) are also used by TIMEKEEPING.
#include <array>
#include <string_view>
#include <utility>

#include "core/enum_text.hpp"

namespace jemhead::config {

// "up to 8 configurable TOU rates available (A-H), plus a Total (T)" (L3856); a
// schedule maps times to A-H only, Total always accumulates.
enum class TouRate { a, b, c, d, e, f, g, h };
// "4 season schedules" (L3842) named by their tabs (L3830-L3836).
enum class TouSeason { spring, summer, autumn, winter };
// A rate schedule's day: "each day of the week, plus two holidays" (L3832-L3834).
enum class TouDayType {
  sunday,
  monday,
  tuesday,
  wednesday,
  thursday,
  friday,
  saturday,
  holiday_1,
  holiday_2
};
// A holiday's designation (L3888-L3890).
enum class TouHoliday { holiday_1, holiday_2 };

// "definite dates (i.e. 4th of July), or ... relative dates (i.e. first Sunday of May)"
// (L3848-L3850, L3896-L3898).
enum class CalendarDateKind { definite, relative };
enum class CalendarWeekday { sunday, monday, tuesday, wednesday, thursday, friday, saturday };
// Which occurrence of the weekday in the month. The manual's list is a screenshot; first to
// fourth and last cover the usual holiday rules (e.g. last Monday of May).
enum class CalendarWeek { first, second, third, fourth, last };

}  // namespace jemhead::config

namespace jemhead {

template <>
struct EnumText<config::TouRate> {
  using E = config::TouRate;
  static constexpr std::array<std::pair<E, std::string_view>, 8> names{{{E::a, "A"},
                                                                        {E::b, "B"},
                                                                        {E::c, "C"},
                                                                        {E::d, "D"},
                                                                        {E::e, "E"},
                                                                        {E::f, "F"},
                                                                        {E::g, "G"},
                                                                        {E::h, "H"}}};
};

template <>
struct EnumText<config::TouSeason> {
  using E = config::TouSeason;
  static constexpr std::array<std::pair<E, std::string_view>, 4> names{
      {{E::spring, "spring"}, {E::summer, "summer"}, {E::autumn, "autumn"}, {E::winter, "winter"}}};
};

template <>
struct EnumText<config::TouDayType> {
  using E = config::TouDayType;
  static constexpr std::array<std::pair<E, std::string_view>, 9> names{
      {{E::sunday, "sunday"},
       {E::monday, "monday"},
       {E::tuesday, "tuesday"},
       {E::wednesday, "wednesday"},
       {E::thursday, "thursday"},
       {E::friday, "friday"},
       {E::saturday, "saturday"},
       {E::holiday_1, "holiday_1"},
       {E::holiday_2, "holiday_2"}}};
};

template <>
struct EnumText<config::TouHoliday> {
  using E = config::TouHoliday;
  static constexpr std::array<std::pair<E, std::string_view>, 2> names{
      {{E::holiday_1, "holiday_1"}, {E::holiday_2, "holiday_2"}}};
};

template <>
struct EnumText<config::CalendarDateKind> {
  using E = config::CalendarDateKind;
  static constexpr std::array<std::pair<E, std::string_view>, 2> names{
      {{E::definite, "definite"}, {E::relative, "relative"}}};
};

template <>
struct EnumText<config::CalendarWeekday> {
  using E = config::CalendarWeekday;
  static constexpr std::array<std::pair<E, std::string_view>, 7> names{{{E::sunday, "sunday"},
                                                                        {E::monday, "monday"},
                                                                        {E::tuesday, "tuesday"},
                                                                        {E::wednesday, "wednesday"},
                                                                        {E::thursday, "thursday"},
                                                                        {E::friday, "friday"},
                                                                        {E::saturday, "saturday"}}};
};

template <>
struct EnumText<config::CalendarWeek> {
  using E = config::CalendarWeek;
  static constexpr std::array<std::pair<E, std::string_view>, 5> names{{{E::first, "first"},
                                                                        {E::second, "second"},
                                                                        {E::third, "third"},
                                                                        {E::fourth, "fourth"},
                                                                        {E::last, "last"}}};
};

}  // namespace jemhead
