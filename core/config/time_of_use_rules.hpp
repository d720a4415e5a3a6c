#pragma once
// Cross-field rules of TIME OF USE SETUP (manual L3812-L3903), including those that read other
// sections or the meter's hardware.
#include <span>
#include <string>

#include "core/config/config_problem.hpp"
#include "core/config/time_of_use.hpp"

namespace jemhead::config {

struct MeterConfiguration;

// A definite date must exist: 31 April never does, 29 February only in leap years (for a
// holiday, in every year of its range). Relative dates always exist.
inline constexpr RuleRef kTouDateExists{"tou_date_exists", "L3848-L3850, L3896-L3898"};
// The Season Schedule "programs the start dates of the season changes" (L3830): each change
// must fall after the previous one, so the list reads as the meter applies it.
inline constexpr RuleRef kTouSeasonChangesInOrder{"tou_season_changes_in_order",
                                                  "L3830, L3840-L3850"};
// One rate schedule per season tab and day type (L3854, L3864-L3868).
inline constexpr RuleRef kTouScheduleUnique{"tou_schedule_unique", "L3854, L3864-L3868"};
// The rate changes of a day are times of that day; each must come after the previous one
// (the same time twice would give two rates at once) (L3864-L3882).
inline constexpr RuleRef kTouSwitchTimesAscending{"tou_switch_times_ascending", "L3864-L3882"};
// A holiday's range of years runs forwards (L3896-L3898).
inline constexpr RuleRef kTouHolidayYearsOrdered{"tou_holiday_years_ordered", "L3896-L3898"};
// "up to 400 holidays" (L3888): an entry over a range of years is one holiday per year.
inline constexpr RuleRef kTouHolidayCapacity{"tou_holiday_capacity", "L3888, L3896-L3898"};
// A day is one holiday (Holiday 1 or Holiday 2), listed once (L3888-L3890).
inline constexpr RuleRef kTouHolidaysUnique{"tou_holidays_unique", "L3888-L3890"};

void check_tou_date_exists(const TimeOfUse& t, const std::string& path, Problems& out);
void check_tou_season_changes_in_order(const TimeOfUse& t, const std::string& path, Problems& out);
void check_tou_schedule_unique(const TimeOfUse& t, const std::string& path, Problems& out);
void check_tou_switch_times_ascending(const TimeOfUse& t, const std::string& path, Problems& out);
void check_tou_holiday_years_ordered(const TimeOfUse& t, const std::string& path, Problems& out);
void check_tou_holiday_capacity(const TimeOfUse& t, const std::string& path, Problems& out);
void check_tou_holidays_unique(const TimeOfUse& t, const std::string& path, Problems& out);

// Every rule check_time_of_use_rules applies (for cross_field_rules()).
std::span<const RuleRef> time_of_use_rule_refs();
void check_time_of_use_rules(const MeterConfiguration& c, Problems& out);

}  // namespace jemhead::config
