// Writing an alarm event as a meter does (jemsim's notifier, tests). Two styles:
// - the manual's samples (L8427–L8590): keys in byte order, compact (the manual prints
//   sample 2 indented, but its Content-Length of 401 is exactly the compact form, so that
//   is what went over the wire), identification labels flat, "Location(Lat)" as strings,
//   Properties an object, no DeviceId/EventId;
// - the documented schema (L8238–L8273), compact: Location/Lat as a nested object of
//   numbers, Properties as [{"Key", "Value"}] with no Value when there is none (L8397–L8403).
#include <algorithm>
#include <boost/json/serialize.hpp>
#include <utility>

#include "core/alarm/alarm_json.hpp"
#include "core/alarm/alarm_json_text.hpp"

namespace jemhead {

namespace {

std::string quoted(std::string_view s) {
  return boost::json::serialize(s);
}

// The sample's coordinates read "0.0": a decimal point even when the value is whole.
std::string coordinate_text(double d) {
  std::string text = alarm_text::number_text(d);
  if (text.find_first_of(".eEn") == std::string::npos) text += ".0";
  return text;
}

std::string event_type_text(const AlarmEvent& event) {
  if (!event.event_type_text.empty()) return event.event_type_text;
  if (event.event_type == AlarmEventType::other) return {};
  return std::string(to_text(event.event_type));
}

std::string event_time_text(const AlarmEvent& event) {
  if (!event.event_time_text.empty()) return event.event_time_text;
  if (event.event_time) return format_iso8601(*event.event_time);
  return {};
}

using Members = std::vector<std::pair<std::string, std::string>>;  // key -> JSON text

// {"k":v,...}, compact as the meter writes it.
std::string object_text(const Members& members) {
  std::string out = "{";
  for (const auto& [key, value] : members) {
    if (out.size() > 1) out += ',';
    out += quoted(key);
    out += ':';
    out += value;
  }
  out += '}';
  return out;
}

std::string sample_style(const AlarmEvent& event) {
  Members members;
  for (const auto& [title, value] : event.identification)
    members.emplace_back(title, quoted(value));
  members.emplace_back("EventType", quoted(event_type_text(event)));
  if (auto time = event_time_text(event); !time.empty())
    members.emplace_back("EventTime", quoted(time));
  if (event.latitude)
    members.emplace_back("Location(Lat)", quoted(coordinate_text(*event.latitude)));
  if (event.longitude)
    members.emplace_back("Location(Long)", quoted(coordinate_text(*event.longitude)));
  if (!event.owner.empty()) members.emplace_back("Owner", quoted(event.owner));
  if (!event.source.empty()) members.emplace_back("Source", quoted(event.source));
  Members properties;
  for (const auto& [key, value] : event.properties) properties.emplace_back(key, quoted(value));
  members.emplace_back("Properties", object_text(properties));
  // The samples list keys in byte order ("Account Number" ... "User defined").
  std::stable_sort(members.begin(), members.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  return object_text(members);
}

std::string documented_style(const AlarmEvent& event) {
  Members members;
  members.emplace_back("EventType", quoted(event_type_text(event)));
  if (!event.device_id.empty()) members.emplace_back("DeviceId", quoted(event.device_id));
  if (!event.source.empty()) members.emplace_back("Source", quoted(event.source));
  if (auto time = event_time_text(event); !time.empty())
    members.emplace_back("EventTime", quoted(time));
  if (!event.event_id.empty()) members.emplace_back("EventId", quoted(event.event_id));
  if (!event.owner.empty()) members.emplace_back("Owner", quoted(event.owner));
  // A "Location" identification label would collide with the coordinates object; then the
  // coordinates go flat as "Location/Lat", a spelling the decoder reads too.
  const bool location_label = std::any_of(
      event.identification.begin(), event.identification.end(),
      [](const auto& label) { return alarm_text::compact_key(label.first) == "location"; });
  if (location_label) {
    if (event.latitude)
      members.emplace_back("Location/Lat", alarm_text::number_text(*event.latitude));
    if (event.longitude)
      members.emplace_back("Location/Long", alarm_text::number_text(*event.longitude));
  } else if (event.latitude || event.longitude) {
    Members location;
    if (event.latitude) location.emplace_back("Lat", alarm_text::number_text(*event.latitude));
    if (event.longitude) location.emplace_back("Long", alarm_text::number_text(*event.longitude));
    members.emplace_back("Location", object_text(location));
  }
  std::string properties = "[";
  for (const auto& [key, value] : event.properties) {
    if (properties.size() > 1) properties += ',';
    Members property{{"Key", quoted(key)}};
    if (!value.empty()) property.emplace_back("Value", quoted(value));
    properties += object_text(property);
  }
  properties += ']';
  members.emplace_back("Properties", std::move(properties));
  for (const auto& [title, value] : event.identification)
    members.emplace_back(title, quoted(value));
  return object_text(members);
}

}  // namespace

std::string encode_alarm_json(const AlarmEvent& event, bool sample_style_wanted) {
  return sample_style_wanted ? sample_style(event) : documented_style(event);
}

}  // namespace jemhead
