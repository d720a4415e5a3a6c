#include "core/schedule/cron_expression.hpp"

#include <array>
#include <cctype>
#include <vector>

#include "core/schedule/cron_fields_parser.hpp"
#include "core/schedule/schedule_error.hpp"

namespace jemhead::schedule {

using namespace std::chrono;

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t';
}

std::vector<std::string_view> split_on_spaces(std::string_view text) {
  std::vector<std::string_view> parts;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && is_space(text[i])) ++i;
    std::size_t start = i;
    while (i < text.size() && !is_space(text[i])) ++i;
    if (i > start) parts.push_back(text.substr(start, i - start));
  }
  return parts;
}

// Lowest set bit at or above `from`, or -1.
template <std::size_t N>
int next_set(const std::bitset<N>& bits, unsigned from) {
  for (std::size_t i = from; i < N; ++i)
    if (bits.test(i)) return static_cast<int>(i);
  return -1;
}

}  // namespace

bool CronFields::day_matches(date::year_month_day ymd) const {
  const unsigned day = static_cast<unsigned>(ymd.day());
  const bool is_last = (ymd.year() / ymd.month() / date::last).day() == ymd.day();
  const bool dom = days_of_month.test(day) || (last_day_of_month && is_last);
  const bool dow = days_of_week.test(date::weekday{date::sys_days{ymd}}.c_encoding());
  if (day_of_month_star || day_of_week_star) return dom && dow;
  return dom || dow;
}

CronFields parse_cron_fields(std::string_view fields_text) {
  if (fields_text.size() > kMaxCronExpressionLength)
    throw ScheduleParseError(
        "cron", std::string(fields_text.substr(0, 40)),
        "expression longer than " + std::to_string(kMaxCronExpressionLength) + " characters");
  std::vector<std::string_view> parts = split_on_spaces(fields_text);
  if (parts.size() != 5 && parts.size() != 6)
    throw ScheduleParseError("cron", std::string(fields_text),
                             "expected 5 or 6 fields (sec min hour day-of-month month "
                             "day-of-week), got " +
                                 std::to_string(parts.size()));
  if (parts.size() == 5) parts.insert(parts.begin(), std::string_view("0"));
  return build_cron_fields(parts[0], parts[1], parts[2], parts[3], parts[4], parts[5]);
}

CronExpression::CronExpression(CronFields fields, const date::time_zone& zone,
                               std::string fields_text)
    : fields_(fields), zone_(&zone), fields_text_(std::move(fields_text)) {}

CronExpression CronExpression::parse(std::string_view text, std::string_view zone_name) {
  if (text.size() > kMaxCronExpressionLength)
    throw ScheduleParseError(
        "cron", std::string(text.substr(0, 40)),
        "expression longer than " + std::to_string(kMaxCronExpressionLength) + " characters");
  std::size_t start = 0;
  while (start < text.size() && is_space(text[start])) ++start;
  text.remove_prefix(start);
  constexpr std::string_view kZonePrefix = "TZ=";
  if (text.substr(0, kZonePrefix.size()) == kZonePrefix) {
    std::size_t end = kZonePrefix.size();
    while (end < text.size() && !is_space(text[end])) ++end;
    zone_name = text.substr(kZonePrefix.size(), end - kZonePrefix.size());
    text.remove_prefix(end);
  }
  const date::time_zone& zone = zone_named(zone_name, "cron time zone");
  CronFields fields = parse_cron_fields(text);
  std::vector<std::string_view> parts = split_on_spaces(text);
  std::string normalised = parts.size() == 5 ? "0" : "";
  for (std::string_view p : parts) {
    if (!normalised.empty()) normalised += ' ';
    normalised += p;
  }
  return CronExpression(fields, zone, std::move(normalised));
}

std::string CronExpression::describe() const {
  return "cron " + fields_text_ + " TZ=" + std::string(zone_->name());
}

std::optional<LocalSeconds> CronExpression::next_local_match(LocalSeconds from) const {
  // Walk day by day (skipping whole months that are not selected), and inside a matching
  // day take the first selected hour/minute/second not before the start time.
  constexpr int kHorizonYears = 30;  // Feb 29 on a given weekday repeats within 28 years
  date::sys_days day{floor<days>(from).time_since_epoch()};
  auto time_of_day = from - floor<days>(from);
  const date::year last_year = date::year_month_day{day}.year() + date::years{kHorizonYears};
  int h0 = static_cast<int>(duration_cast<hours>(time_of_day).count());
  int m0 = static_cast<int>(duration_cast<minutes>(time_of_day).count() % 60);
  int s0 = static_cast<int>(time_of_day.count() % 60);

  while (true) {
    const date::year_month_day ymd{day};
    if (ymd.year() > last_year) return std::nullopt;
    if (!fields_.months.test(static_cast<unsigned>(ymd.month()))) {
      const date::year_month next_month = ymd.year() / ymd.month() + date::months{1};
      day = date::sys_days{next_month / 1};
      h0 = m0 = s0 = 0;
      continue;
    }
    if (fields_.day_matches(ymd)) {
      for (int h = next_set(fields_.hours, h0); h >= 0; h = next_set(fields_.hours, h + 1)) {
        const int m_start = h == h0 ? m0 : 0;
        for (int m = next_set(fields_.minutes, m_start); m >= 0;
             m = next_set(fields_.minutes, m + 1)) {
          const int s_start = (h == h0 && m == m0) ? s0 : 0;
          const int s = next_set(fields_.seconds, s_start);
          if (s >= 0)
            return LocalSeconds{day.time_since_epoch()} + hours{h} + minutes{m} + seconds{s};
        }
      }
    }
    day += days{1};
    h0 = m0 = s0 = 0;
  }
}

std::optional<UtcTime> CronExpression::next_after(UtcTime t) const {
  return next_wall_clock_fire(*zone_, t,
                              [this](LocalSeconds from) { return next_local_match(from); });
}

}  // namespace jemhead::schedule
