#include "core/schedule/cron_fields_parser.hpp"

#include <array>
#include <bitset>
#include <cctype>
#include <string>

#include "core/schedule/schedule_error.hpp"

namespace jemhead::schedule {
namespace {

struct FieldRules {
  const char* name;
  int min;
  int max;
  const std::array<const char*, 13>* names;  // names[i] is the text for value i (or null)
  bool allows_question_mark;
  bool allows_last;
};

constexpr std::array<const char*, 13> kMonthNames = {
    nullptr, "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
constexpr std::array<const char*, 13> kWeekdayNames = {"SUN",   "MON",   "TUE",   "WED",   "THU",
                                                       "FRI",   "SAT",   nullptr, nullptr, nullptr,
                                                       nullptr, nullptr, nullptr};

constexpr FieldRules kSecond{"cron second", 0, 59, nullptr, false, false};
constexpr FieldRules kMinute{"cron minute", 0, 59, nullptr, false, false};
constexpr FieldRules kHour{"cron hour", 0, 23, nullptr, false, false};
constexpr FieldRules kDayOfMonth{"cron day-of-month", 1, 31, nullptr, true, true};
constexpr FieldRules kMonth{"cron month", 1, 12, &kMonthNames, false, false};
constexpr FieldRules kDayOfWeek{"cron day-of-week", 0, 7, &kWeekdayNames, true, false};

// The result of one field: bit i set when value i is selected (up to 64 values).
struct ParsedField {
  std::bitset<64> bits;
  bool star = false;  // the field starts with `*` or `?`
  bool last = false;  // `L` was given
};

[[noreturn]] void fail(const FieldRules& rules, std::string_view token, const std::string& why) {
  throw ScheduleParseError(rules.name, std::string(token), why);
}

std::string range_text(const FieldRules& rules) {
  return std::to_string(rules.min) + "-" + std::to_string(rules.max);
}

int parse_value(const FieldRules& rules, std::string_view text, std::string_view item) {
  if (text.empty()) fail(rules, item, "missing value");
  if (std::isdigit(static_cast<unsigned char>(text[0]))) {
    if (text.size() > 2) fail(rules, item, "value out of range " + range_text(rules));
    int value = 0;
    for (char c : text) {
      if (!std::isdigit(static_cast<unsigned char>(c))) fail(rules, item, "not a number");
      value = value * 10 + (c - '0');
    }
    if (value < rules.min || value > rules.max)
      fail(rules, item, "value out of range " + range_text(rules));
    return value;
  }
  if (rules.names != nullptr && text.size() == 3) {
    std::string upper;
    for (char c : text) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    for (std::size_t i = 0; i < rules.names->size(); ++i)
      if ((*rules.names)[i] != nullptr && upper == (*rules.names)[i]) return static_cast<int>(i);
  }
  fail(rules, item,
       rules.names != nullptr ? "expected a number " + range_text(rules) + " or a name"
                              : "expected a number " + range_text(rules));
}

void parse_item(const FieldRules& rules, std::string_view item, ParsedField& out) {
  if (item.empty()) fail(rules, item, "empty list item");
  if (item == "?") {
    if (!rules.allows_question_mark) fail(rules, item, "'?' is only allowed in day fields");
    out.bits.set();
    return;
  }
  if (item == "L" || item == "l") {
    if (!rules.allows_last) fail(rules, item, "'L' is only allowed in day-of-month");
    out.last = true;
    return;
  }
  std::string_view base = item;
  int step = 1;
  if (const std::size_t slash = item.find('/'); slash != std::string_view::npos) {
    base = item.substr(0, slash);
    std::string_view step_text = item.substr(slash + 1);
    if (step_text.empty() || step_text.size() > 2) fail(rules, item, "step must be 1..59");
    step = 0;
    for (char c : step_text) {
      if (!std::isdigit(static_cast<unsigned char>(c))) fail(rules, item, "step is not a number");
      step = step * 10 + (c - '0');
    }
    if (step < 1 || step > rules.max)
      fail(rules, item, "step must be 1.." + std::to_string(rules.max));
  }
  int first = rules.min;
  int last = rules.max;
  if (base == "*") {
    // the whole range
  } else if (const std::size_t dash = base.find('-'); dash != std::string_view::npos) {
    first = parse_value(rules, base.substr(0, dash), item);
    last = parse_value(rules, base.substr(dash + 1), item);
    if (first > last) fail(rules, item, "range start is after its end");
  } else {
    first = parse_value(rules, base, item);
    // "5/10" runs from 5 to the field's maximum; a bare value selects only itself.
    last = base.size() == item.size() ? first : rules.max;
  }
  for (int v = first; v <= last; v += step) out.bits.set(static_cast<std::size_t>(v));
}

ParsedField parse_field(const FieldRules& rules, std::string_view text) {
  ParsedField out;
  out.star = !text.empty() && (text[0] == '*' || text[0] == '?');
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = text.find(',', start);
    const std::string_view item = text.substr(
        start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    parse_item(rules, item, out);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return out;
}

template <std::size_t N>
std::bitset<N> narrow(const std::bitset<64>& wide) {
  std::bitset<N> out;
  for (std::size_t i = 0; i < N; ++i) out[i] = wide[i];
  return out;
}

// A day-of-month list that can never occur in the selected months (e.g. "30 FEB") would
// make the scheduler search forever; refuse it when day-of-week cannot rescue it.
bool some_selected_day_exists(const CronFields& f) {
  if (f.last_day_of_month) return true;
  constexpr std::array<int, 13> kMaxDays = {0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  for (int month = 1; month <= 12; ++month) {
    if (!f.months.test(static_cast<std::size_t>(month))) continue;
    for (int day = 1; day <= kMaxDays[static_cast<std::size_t>(month)]; ++day)
      if (f.days_of_month.test(static_cast<std::size_t>(day))) return true;
  }
  return false;
}

}  // namespace

CronFields build_cron_fields(std::string_view seconds, std::string_view minutes,
                             std::string_view hours, std::string_view days_of_month,
                             std::string_view months, std::string_view days_of_week) {
  CronFields f;
  f.seconds = narrow<60>(parse_field(kSecond, seconds).bits);
  f.minutes = narrow<60>(parse_field(kMinute, minutes).bits);
  f.hours = narrow<24>(parse_field(kHour, hours).bits);
  const ParsedField dom = parse_field(kDayOfMonth, days_of_month);
  f.days_of_month = narrow<32>(dom.bits);
  f.days_of_month.reset(0);  // `?` sets every bit; day 0 does not exist
  f.last_day_of_month = dom.last;
  f.day_of_month_star = dom.star;
  f.months = narrow<13>(parse_field(kMonth, months).bits);
  f.months.reset(0);
  const ParsedField dow = parse_field(kDayOfWeek, days_of_week);
  std::bitset<64> dow_bits = dow.bits;
  if (dow_bits.test(7)) dow_bits.set(0);  // 7 is Sunday too
  f.days_of_week = narrow<7>(dow_bits);
  f.day_of_week_star = dow.star;

  const bool every_weekday = f.days_of_week.all();
  // With the OR rule a restricted day-of-week always yields days; with the AND rule (or an
  // all-days day-of-week) the day-of-month list must be possible in some selected month.
  const bool or_rule = !f.day_of_month_star && !f.day_of_week_star;
  if ((!or_rule || every_weekday) && !some_selected_day_exists(f))
    throw ScheduleParseError("cron day-of-month", std::string(days_of_month),
                             "no selected month has that day, so the expression never fires");
  return f;
}

}  // namespace jemhead::schedule
