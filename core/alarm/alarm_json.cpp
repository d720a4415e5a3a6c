// Decoding one alarm event's JSON (manual L8226–L8590, part4 §4.3–4.4). The manual's schema
// and its own samples disagree, so every spelling it shows is accepted and anything else
// is kept (identification labels) or listed in `problems`, never a reason to refuse the
// event: the meter does not resend an alarm the head-end turned away.
#include "core/alarm/alarm_json.hpp"

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/stream_parser.hpp>
#include <charconv>
#include <cmath>

#include "core/alarm/alarm_json_text.hpp"

namespace jemhead {

namespace json = boost::json;

namespace {

// "line 3, column 7 (byte 41)": where a person looking at the message finds the fault.
std::string where(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  std::string out = "line ";
  out += std::to_string(line);
  out += ", column ";
  out += std::to_string(column);
  out += " (byte ";
  out += std::to_string(offset);
  out += ")";
  return out;
}

std::string_view kind_of(const json::value& v) {
  switch (v.kind()) {
    case json::kind::object: return "an object";
    case json::kind::array: return "an array";
    case json::kind::string: return "a string";
    case json::kind::bool_: return "a boolean";
    case json::kind::null: return "null";
    default: return "a number";
  }
}

// Parses `text` into `storage`; throws AlarmDecodeError saying where it stops being JSON.
json::object parse_object(std::string_view text, const AlarmJsonLimits& limits,
                          json::monotonic_resource& storage) {
  if (text.size() > limits.max_bytes) {
    std::string msg = "alarm JSON is ";
    msg += std::to_string(text.size());
    msg += " bytes; the limit is ";
    msg += std::to_string(limits.max_bytes);
    throw AlarmDecodeError(msg);
  }
  std::size_t skipped = 0;
  if (text.starts_with("\xEF\xBB\xBF")) skipped = 3;  // a UTF-8 byte order mark
  const std::string_view body = text.substr(skipped);
  if (alarm_text::trim(body).empty()) throw AlarmDecodeError("alarm JSON is empty");

  json::parse_options options;
  options.max_depth = limits.max_depth;
  options.allow_trailing_commas = true;
  // Labels are typed on the meter's front panel or in JEMWare; a Latin-1 one must not
  // lose the alarm. Strings are repaired when they are copied out (read_text).
  options.allow_invalid_utf8 = true;
  unsigned char scratch[1024];
  json::stream_parser parser(json::storage_ptr(), options, scratch);
  parser.reset(&storage);

  boost::system::error_code ec;
  const std::size_t used = parser.write(body.data(), body.size(), ec);
  if (!ec) parser.finish(ec);
  if (ec) {
    const std::size_t at = skipped + (used < body.size() ? used : body.size());
    std::string msg;
    if (ec == json::error::too_deep) {
      msg = "alarm JSON nests deeper than ";
      msg += std::to_string(limits.max_depth);
      msg += " levels at ";
      msg += where(text, at);
    } else if (ec == json::error::incomplete) {
      msg = "alarm JSON ends before its object is complete, at ";
      msg += where(text, text.size());
    } else {
      msg = "alarm JSON is not valid at ";
      msg += where(text, at);
      msg += ": ";
      msg += ec.message();
    }
    throw AlarmDecodeError(msg);
  }
  json::value v = parser.release();
  if (!v.is_object()) {
    std::string msg = "alarm JSON is ";
    msg += kind_of(v);
    msg += ", not an object";
    throw AlarmDecodeError(msg);
  }
  return std::move(v.as_object());
}

// A scalar as text: strings as they are, numbers as written back in their shortest form,
// null as "". Objects and arrays have no text (nullopt).
std::optional<std::string> scalar_text(const json::value& v, std::string_view field,
                                       std::vector<std::string>& problems) {
  switch (v.kind()) {
    case json::kind::string: return alarm_text::read_text(v.get_string(), field, problems);
    case json::kind::int64: return std::to_string(v.get_int64());
    case json::kind::uint64: return std::to_string(v.get_uint64());
    case json::kind::double_: return alarm_text::number_text(v.get_double());
    case json::kind::bool_: return std::string(v.get_bool() ? "true" : "false");
    case json::kind::null: return std::string();
    default: return std::nullopt;
  }
}

// A documented text field (DeviceId, Source, ...): a string, though a number is read too.
std::string field_text(const json::value& v, std::string_view field,
                       std::vector<std::string>& problems) {
  if (auto text = scalar_text(v, field, problems)) return std::move(*text);
  std::string msg(field);
  msg += ": expected a string, got ";
  msg += kind_of(v);
  problems.push_back(std::move(msg));
  return {};
}

// Latitude or longitude: a JSON number or a numeric string ("0.0" in the samples). An
// empty string or null means the meter has no position; not a problem.
std::optional<double> coordinate(const json::value& v, double bound, std::string_view field,
                                 std::vector<std::string>& problems) {
  std::optional<double> value;
  if (v.is_number()) {
    value = v.to_number<double>();
  } else if (v.is_string()) {
    std::string_view s = alarm_text::trim(std::string_view(v.get_string()));
    if (s.empty()) return std::nullopt;
    if (s.front() == '+') s.remove_prefix(1);
    double d = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
    if (ec == std::errc() && end == s.data() + s.size()) value = d;
  } else if (v.is_null()) {
    return std::nullopt;
  }
  if (!value || !std::isfinite(*value) || std::fabs(*value) > bound) {
    std::string msg(field);
    msg += ": not a coordinate (";
    msg += v.is_string() ? std::string(v.get_string()) : std::string(kind_of(v));
    msg += ")";
    problems.push_back(std::move(msg));
    return std::nullopt;
  }
  return value;
}

constexpr double kLatitudeBound = 90.0;
constexpr double kLongitudeBound = 180.0;

bool is_latitude_key(std::string_view compact) {
  return compact == "lat" || compact == "latitude";
}
bool is_longitude_key(std::string_view compact) {
  return compact == "long" || compact == "lon" || compact == "lng" || compact == "longitude";
}

void add_property(AlarmEvent& event, std::string key, std::string value,
                  const AlarmJsonLimits& limits) {
  if (event.properties.size() >= limits.max_properties) {
    std::string msg = "alarm JSON has more than ";
    msg += std::to_string(limits.max_properties);
    msg += " Properties";
    throw AlarmDecodeError(msg);
  }
  event.properties.emplace_back(std::move(key), std::move(value));
}

// A property's value: text, or a nested value kept as its JSON text (with a problem).
std::string property_value(const json::value& v, std::string_view key,
                           std::vector<std::string>& problems) {
  std::string field = "Properties/";
  field += key;
  if (auto text = scalar_text(v, field, problems)) return std::move(*text);
  field += ": value is ";
  field += kind_of(v);
  field += ", kept as JSON";
  problems.push_back(std::move(field));
  return json::serialize(v);
}

// Properties as an object {"<trigger description>": "<value>"} (the samples) or as an
// array [{"Key": ..., "Value": ...}] (one reading of the schema's Properties/<Key>).
void read_properties(const json::value& v, AlarmEvent& event, const AlarmJsonLimits& limits) {
  auto& problems = event.problems;
  if (v.is_object()) {
    for (const auto& item : v.get_object()) {
      std::string key = alarm_text::read_text(item.key(), "Properties key", problems);
      std::string value = property_value(item.value(), key, problems);
      add_property(event, std::move(key), std::move(value), limits);
    }
  } else if (v.is_array()) {
    std::size_t index = 0;
    for (const auto& element : v.get_array()) {
      std::string field = "Properties[";
      field += std::to_string(index++);
      field += "]";
      if (element.is_string()) {  // a bare key: an event without a value (L8397–L8403)
        add_property(event, alarm_text::read_text(element.get_string(), field, problems), {},
                     limits);
        continue;
      }
      if (!element.is_object()) {
        problems.push_back(field + ": expected an object with Key and Value");
        continue;
      }
      const json::value* key = nullptr;
      const json::value* value = nullptr;
      for (const auto& item : element.get_object()) {
        const std::string compact = alarm_text::compact_key(item.key());
        if (compact == "key" || compact == "name") key = &item.value();
        if (compact == "value") value = &item.value();
      }
      if (!key) {
        problems.push_back(field + ": no Key");
        continue;
      }
      std::string key_text = field_text(*key, field, problems);
      std::string value_text = value ? property_value(*value, key_text, problems) : "";
      add_property(event, std::move(key_text), std::move(value_text), limits);
    }
  } else if (v.is_string()) {
    problems.push_back("Properties: a string, read as one key without a value");
    add_property(event, alarm_text::read_text(v.get_string(), "Properties", problems), {}, limits);
  } else if (!v.is_null()) {
    std::string msg = "Properties: expected an object, got ";
    msg += kind_of(v);
    problems.push_back(std::move(msg));
  }
}

void read_event_type(const json::value& v, AlarmEvent& event) {
  event.event_type_text = std::string(alarm_text::trim(field_text(v, "EventType", event.problems)));
  if (event.event_type_text.empty()) {
    event.problems.push_back("EventType: empty");
    return;
  }
  const std::string upper = alarm_text::upper_ascii(event.event_type_text);
  const auto type = from_text<AlarmEventType>(upper);
  if (type && *type != AlarmEventType::other) {
    event.event_type = *type;
  } else {
    std::string msg = "EventType: unknown type \"";
    msg += event.event_type_text;
    msg += "\", kept as sent";
    event.problems.push_back(std::move(msg));
  }
}

void read_event_time(const json::value& v, AlarmEvent& event) {
  event.event_time_text = field_text(v, "EventTime", event.problems);
  event.event_time = parse_alarm_event_time(event.event_time_text);
  if (!event.event_time) {
    std::string msg = "EventTime: not an ISO 8601 time with a zone (\"";
    msg += event.event_time_text;
    msg += "\")";
    event.problems.push_back(std::move(msg));
  }
}

// {"Location": {"Lat": .., "Long": ..}}: the schema's Location/Lat read as a path.
void read_location_object(const json::object& location, AlarmEvent& event) {
  for (const auto& item : location) {
    const std::string compact = alarm_text::compact_key(item.key());
    if (is_latitude_key(compact)) {
      event.latitude = coordinate(item.value(), kLatitudeBound, "Location/Lat", event.problems);
    } else if (is_longitude_key(compact)) {
      event.longitude = coordinate(item.value(), kLongitudeBound, "Location/Long", event.problems);
    } else {
      std::string msg = "Location/";
      msg += std::string_view(item.key());
      msg += ": not a known Location field, ignored";
      event.problems.push_back(std::move(msg));
    }
  }
}

enum Field : unsigned {
  kEventType = 1u << 0,
  kEventTime = 1u << 1,
  kEventId = 1u << 2,
  kDeviceId = 1u << 3,
  kSource = 1u << 4,
  kOwner = 1u << 5,
  kLatitude = 1u << 6,
  kLongitude = 1u << 7,
  kProperties = 1u << 8,
};

// Which documented field a top-level key names, whatever its case and punctuation
// ("EventType", "eventtype", "Location/Lat", "Location(Lat)"); 0 for none.
unsigned documented_field(std::string_view compact) {
  if (compact == "eventtype") return kEventType;
  if (compact == "eventtime") return kEventTime;
  if (compact == "eventid") return kEventId;
  if (compact == "deviceid") return kDeviceId;
  if (compact == "source") return kSource;
  if (compact == "owner") return kOwner;
  if (compact == "properties") return kProperties;
  if (compact.starts_with("location")) {
    const std::string_view rest = compact.substr(8);
    if (is_latitude_key(rest)) return kLatitude;
    if (is_longitude_key(rest)) return kLongitude;
  }
  return 0;
}

}  // namespace

AlarmEvent decode_alarm_json(std::string_view text, const AlarmJsonLimits& limits) {
  json::monotonic_resource storage;
  const json::object object = parse_object(text, limits, storage);

  AlarmEvent event;
  event.raw_json = std::string(text);
  auto& problems = event.problems;
  unsigned seen = 0;
  for (const auto& item : object) {
    const std::string key = alarm_text::read_text(item.key(), "key", problems);
    const json::value& v = item.value();
    const std::string compact = alarm_text::compact_key(key);
    unsigned field = documented_field(compact);
    // "Location" is a default Meter Identification label ("Rochester, New York", sample 2)
    // as well as the schema's coordinate object: only the object form is coordinates.
    const bool location_object = compact == "location" && v.is_object();
    if (location_object) field = kLatitude | kLongitude;
    if (field != 0 && (seen & field) != 0) {
      problems.push_back(key + ": given more than once; the first is used");
      continue;
    }
    seen |= field;
    if (location_object) {
      read_location_object(v.get_object(), event);
    } else if (field == kEventType) {
      read_event_type(v, event);
    } else if (field == kEventTime) {
      read_event_time(v, event);
    } else if (field == kEventId) {
      event.event_id = field_text(v, key, problems);
    } else if (field == kDeviceId) {
      event.device_id = field_text(v, key, problems);
    } else if (field == kSource) {
      event.source = field_text(v, key, problems);
    } else if (field == kOwner) {
      event.owner = field_text(v, key, problems);
    } else if (field == kLatitude) {
      event.latitude = coordinate(v, kLatitudeBound, key, problems);
    } else if (field == kLongitude) {
      event.longitude = coordinate(v, kLongitudeBound, key, problems);
    } else if (field == kProperties) {
      read_properties(v, event, limits);
    } else if (auto value = scalar_text(v, key, problems)) {
      // Not documented: a Meter Identification label, kept under the title the user gave.
      event.identification.emplace_back(key, std::move(*value));
    } else {
      std::string msg = key;
      msg += ": ";
      msg += kind_of(v);
      msg += " where a label's text was expected, ignored";
      problems.push_back(std::move(msg));
    }
  }
  if (!(seen & kEventType)) problems.push_back("EventType: missing");
  if (!(seen & kEventTime)) problems.push_back("EventTime: missing");
  return event;
}

std::optional<UtcTime> parse_alarm_event_time(std::string_view text) {
  text = alarm_text::trim(text);
  // The zone is required: a time without one would be read as UTC and might be the
  // meter's local time, a silent error of hours. The date's own '-' are before index 10.
  if (text.size() < 17) return std::nullopt;
  const bool zulu = text.back() == 'Z' || text.back() == 'z';
  const bool offset = text.find_first_of("+-", 16) != std::string_view::npos;
  if (!zulu && !offset) return std::nullopt;
  return parse_iso8601(text);
}

}  // namespace jemhead
