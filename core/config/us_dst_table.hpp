#pragma once
// "The standard United States DST table" the manual says JEMWare starts with (L3953-L3955):
// its years are a screenshot, so the rows are built from the US rule in force since 2007
// (second Sunday of March to first Sunday of November, 02:00 local time) for the years asked.
#include <algorithm>
#include <chrono>
#include <vector>

#include "core/config/calendar_date.hpp"
#include "core/config/timekeeping.hpp"

namespace jemhead::config {

inline std::vector<DstChange> us_dst_table(int first_year, int last_year) {
  std::vector<DstChange> rows;
  for (int y = std::max(first_year, kDstFirstYear); y <= std::min(last_year, kDstLastYear); ++y) {
    const auto start = relative_day(y, 3, CalendarWeek::second, CalendarWeekday::sunday);
    const auto end = relative_day(y, 11, CalendarWeek::first, CalendarWeekday::sunday);
    if (!start || !end) continue;  // cannot happen for valid years
    const std::chrono::year_month_day s{*start};
    const std::chrono::year_month_day e{*end};
    DstChange row;
    row.year = y;
    row.start = {3, static_cast<int>(static_cast<unsigned>(s.day())), 2};
    row.end = {11, static_cast<int>(static_cast<unsigned>(e.day())), 2};
    rows.push_back(row);
  }
  return rows;
}

}  // namespace jemhead::config
