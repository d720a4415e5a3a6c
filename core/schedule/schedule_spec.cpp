#include "core/schedule/schedule_spec.hpp"

#include <boost/json.hpp>
#include <string>

#include "core/schedule/cron_expression.hpp"
#include "core/schedule/every_minutes.hpp"
#include "core/schedule/pqdif_schedule.hpp"
#include "core/schedule/schedule_error.hpp"
#include "core/schedule/wall_clock.hpp"

namespace jemhead::schedule {
namespace {

namespace json = boost::json;

std::string_view string_value(const json::object& spec, std::string_view key) {
  const json::value& v = spec.at(key);
  if (!v.is_string())
    throw ScheduleParseError(std::string(key), json::serialize(v), "expected a string");
  return v.get_string();
}

std::int64_t integer_value(const json::object& spec, std::string_view key, std::int64_t min,
                           std::int64_t max) {
  const json::value& v = spec.at(key);
  const std::string shown = json::serialize(v).substr(0, 40);
  if (!v.is_int64() && !v.is_uint64())
    throw ScheduleParseError(std::string(key), shown, "expected an integer");
  if (v.is_uint64() || v.get_int64() < min || v.get_int64() > max)
    throw ScheduleParseError(std::string(key), shown,
                             "must be " + std::to_string(min) + ".." + std::to_string(max));
  return v.get_int64();
}

void refuse_unknown_keys(const json::object& spec) {
  static constexpr std::string_view kKnown[] = {
      "cron", "every_minutes", "pqdif",   "at",      "weekday",
      "day",  "time_zone",     "enabled", "misfire", "max_jitter_seconds"};
  for (const auto& entry : spec) {
    bool known = false;
    for (std::string_view k : kKnown) known = known || entry.key() == k;
    if (!known)
      throw ScheduleParseError("schedule", std::string(entry.key()),
                               "unknown key (allowed: cron, every_minutes, pqdif, at, weekday, "
                               "day, time_zone, enabled, misfire, max_jitter_seconds)");
  }
}

// The PQDIF settings only make sense with the frequency that uses them.
void refuse_key_unless(const json::object& spec, std::string_view key, bool allowed,
                       std::string_view why) {
  if (spec.contains(key) && !allowed)
    throw ScheduleParseError(std::string(key), json::serialize(spec.at(key)).substr(0, 40),
                             std::string(why));
}

std::shared_ptr<const Schedule> build_pqdif(const json::object& spec, const date::time_zone& zone) {
  const std::string_view frequency_text = string_value(spec, "pqdif");
  const auto frequency = from_text<PqdifFrequency>(frequency_text);
  if (!frequency)
    throw ScheduleParseError("pqdif", std::string(frequency_text.substr(0, 40)),
                             "expected one of " + allowed_texts<PqdifFrequency>());
  PqdifOptions options;
  options.frequency = *frequency;
  refuse_key_unless(spec, "at", *frequency != PqdifFrequency::hourly,
                    "hourly PQDIF retrieval always starts at the top of the hour");
  refuse_key_unless(spec, "weekday", *frequency == PqdifFrequency::weekly,
                    "only weekly PQDIF retrieval takes a weekday");
  refuse_key_unless(spec, "day", *frequency == PqdifFrequency::monthly,
                    "only monthly PQDIF retrieval takes a day of month");
  if (spec.contains("at")) options.at = parse_time_of_day(string_value(spec, "at"), "at");
  if (*frequency == PqdifFrequency::weekly) {
    if (!spec.contains("weekday"))
      throw ScheduleParseError("weekday", "", "weekly PQDIF retrieval needs a weekday");
    options.weekday = parse_weekday(string_value(spec, "weekday"), "weekday");
  }
  if (*frequency == PqdifFrequency::monthly) {
    if (!spec.contains("day"))
      throw ScheduleParseError("day", "", "monthly PQDIF retrieval needs a day of month (1..31)");
    options.day_of_month = static_cast<unsigned>(integer_value(spec, "day", 1, 31));
  }
  return std::make_shared<PqdifSchedule>(options, zone);
}

ScheduleSpec parse_json_spec(std::string_view text, std::string_view default_time_zone) {
  boost::system::error_code ec;
  json::parse_options options;
  options.max_depth = 4;
  json::value root = json::parse(json::string_view(text.data(), text.size()), ec, {}, options);
  if (ec)
    throw ScheduleParseError("schedule", std::string(text.substr(0, 40)),
                             "invalid JSON: " + ec.message());
  if (!root.is_object())
    throw ScheduleParseError("schedule", std::string(text.substr(0, 40)), "expected a JSON object");
  const json::object& spec = root.get_object();
  refuse_unknown_keys(spec);

  const std::string_view zone_name =
      spec.contains("time_zone") ? string_value(spec, "time_zone") : default_time_zone;
  const date::time_zone& zone = zone_named(zone_name, "time_zone");

  const int kinds = int{spec.contains("cron")} + int{spec.contains("every_minutes")} +
                    int{spec.contains("pqdif")};
  if (kinds != 1)
    throw ScheduleParseError("schedule", std::string(text.substr(0, 40)),
                             "exactly one of cron, every_minutes, pqdif is required");

  ScheduleSpec out;
  if (spec.contains("cron")) {
    refuse_key_unless(spec, "at", false, "only PQDIF schedules take 'at'");
    refuse_key_unless(spec, "weekday", false, "only PQDIF schedules take 'weekday'");
    refuse_key_unless(spec, "day", false, "only PQDIF schedules take 'day'");
    out.schedule = std::make_shared<CronExpression>(
        CronExpression::parse(string_value(spec, "cron"), zone.name()));
  } else if (spec.contains("every_minutes")) {
    refuse_key_unless(spec, "at", false, "only PQDIF schedules take 'at'");
    refuse_key_unless(spec, "weekday", false, "only PQDIF schedules take 'weekday'");
    refuse_key_unless(spec, "day", false, "only PQDIF schedules take 'day'");
    out.schedule = std::make_shared<EveryMinutes>(
        static_cast<int>(integer_value(spec, "every_minutes", 1, EveryMinutes::kMaxMinutes)), zone);
  } else {
    out.schedule = build_pqdif(spec, zone);
  }

  if (spec.contains("enabled")) {
    const json::value& v = spec.at("enabled");
    if (!v.is_bool())
      throw ScheduleParseError("enabled", json::serialize(v).substr(0, 40),
                               "expected true or false");
    out.enabled = v.get_bool();
  }
  if (spec.contains("misfire")) {
    const std::string_view policy_text = string_value(spec, "misfire");
    const auto policy = from_text<MisfirePolicy>(policy_text);
    if (!policy)
      throw ScheduleParseError("misfire", std::string(policy_text.substr(0, 40)),
                               "expected one of " + allowed_texts<MisfirePolicy>());
    out.misfire = *policy;
  }
  if (spec.contains("max_jitter_seconds"))
    out.max_jitter =
        std::chrono::seconds{integer_value(spec, "max_jitter_seconds", 0, kMaxJitterSeconds)};
  return out;
}

}  // namespace

ScheduleSpec parse_schedule_spec(std::string_view text, std::string_view default_time_zone) {
  if (text.size() > kMaxScheduleSpecLength)
    throw ScheduleParseError(
        "schedule", std::string(text.substr(0, 40)),
        "longer than " + std::to_string(kMaxScheduleSpecLength) + " characters");
  std::size_t first = text.find_first_not_of(" \t\r\n");
  // '[' cannot start a cron expression: read it as JSON so the error says "expected an object".
  if (first != std::string_view::npos && (text[first] == '{' || text[first] == '['))
    return parse_json_spec(text, default_time_zone);
  ScheduleSpec out;
  out.schedule = std::make_shared<CronExpression>(CronExpression::parse(text, default_time_zone));
  return out;
}

}  // namespace jemhead::schedule
