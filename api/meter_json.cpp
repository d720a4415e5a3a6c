#include "api/meter_json.hpp"

#include <boost/json.hpp>

#include "api/json_reader.hpp"
#include "api/problem.hpp"
#include "core/json_values.hpp"
#include "engine/schedule_document.hpp"

namespace jemhead::api {

namespace json = boost::json;

namespace {

// Stored text is validated on write; anything else (hand-edited database) shows as {}.
json::value schedules_value(const std::string& text) {
  std::error_code ec;
  auto v = json::parse(text, ec);
  return !ec && v.is_object() ? v : json::value(json::object{});
}

}  // namespace

json::object to_json(const Meter& m) {
  json::array options;
  for (const auto& o : m.options) options.emplace_back(o);
  json::array identification;
  for (const auto& f : m.identification)
    identification.push_back(json::object{{"title", f.title}, {"value", f.value}});
  json::object out;
  out["id"] = m.id;
  out["serial"] = m.serial;
  out["name"] = m.name;
  out["location"] = m.location;
  out["model"] = m.model;
  out["mid"] = m.mid;
  out["firmware"] = m.firmware;
  out["options"] = std::move(options);
  out["identification"] = std::move(identification);
  out["group_id"] = json_or_null(m.group_id);
  out["time_zone"] = m.time_zone;
  out["enabled"] = m.enabled;
  out["schedules"] = schedules_value(m.schedules_json);
  out["created_at"] = format_iso8601(m.created_at);
  out["updated_at"] = format_iso8601(m.updated_at);
  return out;
}

json::object to_json(const Group& g) {
  return json::object{{"id", g.id},
                      {"name", g.name},
                      {"description", g.description},
                      {"schedules", schedules_value(g.schedules_json)},
                      {"created_at", format_iso8601(g.created_at)}};
}

json::object to_json(const std::optional<MeterHealth>& health) {
  const MeterHealth h = health.value_or(MeterHealth{});
  return json::object{
      {"state", h.healthy ? "healthy" : "unhealthy"},
      {"consecutive_failures", h.consecutive_failures},
      {"last_success", iso8601_or_null(h.last_success)},
      {"last_failure", iso8601_or_null(h.last_failure)},
      {"next_attempt", iso8601_or_null(h.next_attempt)},
      {"last_error", h.last_error.empty() ? json::value(nullptr) : json::value(h.last_error)}};
}

json::object to_json(const Meter& m, const std::optional<MeterHealth>& health) {
  auto out = to_json(m);
  out["health"] = to_json(health);
  return out;
}

namespace {

void read_options(JsonReader& r, std::vector<std::string>& out) {
  const auto* v = r.raw("options");
  if (!v) return;
  if (!v->is_array()) return r.errors().fail("options", "must be an array of strings");
  std::vector<std::string> options;
  for (std::size_t i = 0; i < v->as_array().size(); ++i) {
    const auto& item = v->as_array()[i];
    if (!item.is_string())
      return r.errors().fail("options/" + std::to_string(i), "must be a string");
    options.emplace_back(item.as_string());
  }
  out = std::move(options);
}

// A JSON object stored as text; `overrides` allows the meter-only {"enabled": false}.
void read_schedules(JsonReader& r, std::string& out, bool overrides) {
  const auto* v = r.raw("schedules");
  if (!v) return;
  if (!v->is_object())
    return r.errors().fail(r.path("schedules"), "must be an object from job kind to schedule");
  auto text = json::serialize(*v);
  auto problems = engine::validate_schedules(text, r.path("schedules"), overrides);
  for (auto& e : problems.take()) r.errors().fail(std::move(e.field), std::move(e.message));
  out = std::move(text);
}

void read_identification(JsonReader& r, Meter& target) {
  const auto* v = r.raw("identification");
  if (!v) return;
  if (!v->is_array())
    return r.errors().fail("identification", "must be an array of {title, value} objects");
  const auto& items = v->as_array();
  if (items.size() > kIdentificationFields)
    return r.errors().fail("identification", "at most " + std::to_string(kIdentificationFields) +
                                                 " fields (got " + std::to_string(items.size()) +
                                                 ")");
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto base = "identification/" + std::to_string(i);
    if (!items[i].is_object()) {
      r.errors().fail(base, "must be an object with title and value");
      continue;
    }
    JsonReader field(items[i].as_object(), base + "/", r.errors());
    field.read("title", target.identification[i].title);
    field.read("value", target.identification[i].value);
    field.finish();
  }
}

}  // namespace

void apply_json(const json::object& body, Meter& target, Validation& errors) {
  JsonReader r(body, "", errors);
  r.ignore("id");
  r.ignore("created_at");
  r.ignore("updated_at");
  r.read("serial", target.serial);
  r.read("name", target.name);
  r.read("location", target.location);
  r.read("model", target.model);
  r.read("mid", target.mid);
  r.read("firmware", target.firmware);
  read_options(r, target.options);
  read_identification(r, target);
  r.read("group_id", target.group_id);
  r.read("time_zone", target.time_zone);
  r.read("enabled", target.enabled);
  read_schedules(r, target.schedules_json, /*overrides=*/true);
  r.ignore("health");  // read-only: a GET result may be PUT back
  r.finish();
}

void apply_json(const json::object& body, Group& target, Validation& errors) {
  JsonReader r(body, "", errors);
  r.ignore("id");
  r.ignore("created_at");
  r.read("name", target.name);
  r.read("description", target.description);
  read_schedules(r, target.schedules_json, /*overrides=*/false);
  r.finish();
}

namespace {

template <typename T>
T decode(std::string_view body, T base, const char* what) {
  const auto object = parse_json_object(body);
  Validation errors;
  apply_json(object, base, errors);
  // Shape errors first: validating a half-decoded value would add confusing follow-ups.
  if (!errors.ok()) throw_invalid(std::move(errors), what);
  auto rules = validate(base);
  if (!rules.ok()) throw_invalid(std::move(rules), what);
  return base;
}

}  // namespace

Meter decode_meter(std::string_view body, Meter base) {
  return decode(body, std::move(base), "meter");
}
Group decode_group(std::string_view body, Group base) {
  return decode(body, std::move(base), "group");
}

}  // namespace jemhead::api
