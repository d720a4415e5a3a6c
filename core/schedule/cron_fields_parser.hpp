#pragma once
// Parsing of the six cron fields into bit sets (see cron_expression.hpp for the syntax).
#include <string_view>

#include "core/schedule/cron_expression.hpp"

namespace jemhead::schedule {

// Throws ScheduleParseError naming the field ("cron hour") and the bad list item.
CronFields build_cron_fields(std::string_view seconds, std::string_view minutes,
                             std::string_view hours, std::string_view days_of_month,
                             std::string_view months, std::string_view days_of_week);

}  // namespace jemhead::schedule
