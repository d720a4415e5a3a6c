#include "engine/schedule_document.hpp"

#include <boost/json.hpp>

#include "core/schedule/schedule_error.hpp"

namespace jemhead::engine {

namespace json = boost::json;

namespace {

// {"enabled": false} and nothing else: a meter switching its group's schedule off.
bool is_disable_override(const json::object& spec) {
  const auto* enabled = spec.if_contains("enabled");
  return spec.size() == 1 && enabled && enabled->is_bool() && !enabled->as_bool();
}

std::optional<json::object> parse_document(std::string_view text, std::string& why) {
  if (text.size() > kMaxSchedulesJsonBytes) {
    why = "at most " + std::to_string(kMaxSchedulesJsonBytes) + " bytes";
    return std::nullopt;
  }
  std::error_code ec;
  auto doc = json::parse(text.empty() ? std::string_view("{}") : text, ec);
  if (ec) {
    why = "not valid JSON: " + ec.message();
    return std::nullopt;
  }
  if (!doc.is_object()) {
    why = "must be an object from job kind to schedule";
    return std::nullopt;
  }
  return std::move(doc.as_object());
}

constexpr std::string_view kToleranceKey = "tolerance_s";

// The schedule part of a spec: clock_sync's tolerance is the engine's, not the schedule's.
json::object schedule_part(JobKind kind, const json::object& spec) {
  json::object out = spec;
  if (kind == JobKind::clock_sync) out.erase(kToleranceKey);
  return out;
}

std::optional<std::int64_t> tolerance_of(const json::object& spec) {
  const auto* v = spec.if_contains(kToleranceKey);
  if (!v || !v->is_int64()) return std::nullopt;
  const auto seconds = v->get_int64();
  if (seconds < 0 || seconds > kMaxClockToleranceSeconds) return std::nullopt;
  return seconds;
}

std::optional<std::int64_t> tolerance_in(std::string_view document) {
  std::string why;
  const auto doc = parse_document(document, why);
  if (!doc) return std::nullopt;
  const auto* spec = doc->if_contains(to_text(JobKind::clock_sync));
  if (!spec || !spec->is_object()) return std::nullopt;
  return tolerance_of(spec->as_object());
}

void check_tolerance(JobKind kind, const json::object& spec, const std::string& path,
                     Validation& v) {
  const auto* value = spec.if_contains(kToleranceKey);
  if (!value) return;
  if (kind != JobKind::clock_sync) {
    v.fail(path + "/tolerance_s", "only clock_sync schedules take a tolerance");
    return;
  }
  if (!tolerance_of(spec))
    v.fail(path + "/tolerance_s",
           "must be a whole number of seconds, 0.." + std::to_string(kMaxClockToleranceSeconds));
}

}  // namespace

std::chrono::seconds clock_sync_tolerance(std::string_view meter_schedules_json,
                                          std::string_view group_schedules_json) {
  if (const auto own = tolerance_in(meter_schedules_json)) return std::chrono::seconds{*own};
  if (const auto group = tolerance_in(group_schedules_json)) return std::chrono::seconds{*group};
  return std::chrono::seconds{kDefaultClockToleranceSeconds};
}

Validation validate_schedules(std::string_view json_text, std::string_view field, bool overrides) {
  Validation v;
  const std::string base(field);
  std::string why;
  const auto doc = parse_document(json_text, why);
  if (!doc) {
    v.fail(base, why);
    return v;
  }
  for (const auto& [key, value] : *doc) {
    const std::string path = base + "/" + std::string(key);
    if (!from_text<JobKind>(std::string_view(key))) {
      v.fail(path, "unknown job kind; one of " + allowed_texts<JobKind>());
      continue;
    }
    if (!value.is_object()) {
      v.fail(path, "must be a schedule object, e.g. {\"every_minutes\": 15}");
      continue;
    }
    if (overrides && is_disable_override(value.as_object())) continue;
    const auto kind = *from_text<JobKind>(std::string_view(key));
    check_tolerance(kind, value.as_object(), path, v);
    // Reported above, not again as an unknown key of the schedule.
    if (kind != JobKind::clock_sync && value.as_object().contains(kToleranceKey)) continue;
    try {
      (void)schedule::parse_schedule_spec(json::serialize(schedule_part(kind, value.as_object())));
    } catch (const schedule::ScheduleParseError& e) {
      v.fail(path + "/" + e.field(), e.what());
    } catch (const std::exception& e) {
      v.fail(path, e.what());
    }
  }
  return v;
}

schedule::ScheduleSpec ScheduleResolver::parse_cached(const std::string& spec_text,
                                                      const std::string& zone) {
  const std::string key = zone + '\n' + spec_text;
  std::lock_guard lock(mutex_);
  if (auto it = cache_.find(key); it != cache_.end()) return it->second;
  auto spec = schedule::parse_schedule_spec(spec_text, zone);
  cache_.emplace(key, spec);
  return spec;
}

std::vector<ResolvedSchedule> ScheduleResolver::resolve(const ScheduleSource& source,
                                                        std::vector<std::string>* problems) {
  std::map<JobKind, json::value> chosen;
  auto take = [&](const std::string& text, bool overrides) {
    std::string why;
    auto doc = parse_document(text, why);
    if (!doc) {
      if (problems) problems->push_back("schedules: " + why);
      return;
    }
    for (auto& [key, value] : *doc) {
      const auto kind = from_text<JobKind>(std::string_view(key));
      if (!kind || !value.is_object()) continue;
      if (overrides && is_disable_override(value.as_object())) {
        chosen.erase(*kind);
        continue;
      }
      chosen[*kind] = schedule_part(*kind, value.as_object());
    }
  };
  take(source.group_schedules_json, false);
  take(source.meter_schedules_json, true);

  std::vector<ResolvedSchedule> out;
  for (auto& [kind, value] : chosen) {
    try {
      out.push_back({kind, parse_cached(json::serialize(value),
                                        source.time_zone.empty() ? "UTC" : source.time_zone)});
    } catch (const std::exception& e) {
      if (problems) problems->push_back(std::string(to_text(kind)) + ": " + e.what());
    }
  }
  return out;
}

}  // namespace jemhead::engine
