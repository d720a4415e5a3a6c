#include "service/fleet_reader.hpp"

#include <boost/json.hpp>
#include <map>
#include <set>

#include "engine/schedule_document.hpp"

namespace jemhead::service {

namespace {

// Where each core field of one object came from, so a core FieldError ("identification/3/
// value") can be reported at the right line as "fleet.meters[0].identification[3].value".
class FieldPlaces {
 public:
  explicit FieldPlaces(NodePlace object) : object_(std::move(object)) {}

  void remember(const std::string& core_field, NodePlace place) {
    places_[core_field] = std::move(place);
  }
  void remember_key(YamlMap& map, const std::string& key, const std::string& core_field) {
    remember(core_field, map.place_of(key));
  }

  NodePlace locate(const std::string& core_field) const {
    if (auto it = places_.find(core_field); it != places_.end()) return it->second;
    return {object_.path + yaml_suffix(core_field), object_.line};
  }

  void report(const Validation& v, ConfigErrors& errors) const {
    for (const auto& e : v.errors()) {
      const NodePlace at = locate(e.field);
      errors.add(at.line, at.path, e.message);
    }
  }

 private:
  // "identification/3/value" -> ".identification[3].value"
  static std::string yaml_suffix(const std::string& core_field) {
    std::string out;
    std::size_t start = 0;
    while (start <= core_field.size()) {
      const auto slash = core_field.find('/', start);
      const std::string part = core_field.substr(start, slash - start);
      const bool numeric =
          !part.empty() && part.find_first_not_of("0123456789") == std::string::npos;
      out += numeric ? "[" + part + "]" : "." + part;
      if (slash == std::string::npos) break;
      start = slash + 1;
    }
    return out;
  }

  NodePlace object_;
  std::map<std::string, NodePlace> places_;
};

// Reads a scalar key and remembers where it was, in one step.
template <typename... Args>
void read_at(YamlMap& map, FieldPlaces& places, const std::string& key, Args&&... args) {
  map.read(key, std::forward<Args>(args)...);
  places.remember_key(map, key, key);
}

// A plain YAML scalar as JSON: scalars that are JSON literals (17, 2.5, true, null) keep
// their type; everything else, and every quoted scalar, is a string.
boost::json::value scalar_json(const YAML::Node& node) {
  if (node.IsNull()) return nullptr;
  const std::string& text = node.Scalar();
  if (node.Tag() != "!") {  // "!" marks a quoted scalar in yaml-cpp
    boost::json::error_code ec;
    auto literal = boost::json::parse(text, ec);
    if (!ec && (literal.is_number() || literal.is_bool() || literal.is_null())) return literal;
  }
  return boost::json::string(text);
}

// `schedules:` of a group or meter: job kind -> schedule spec (a mapping of scalars), kept
// as the JSON object the API uses and checked by the same rules.
void read_schedules(YamlMap& map, std::string& out, bool overrides) {
  YAML::Node node = map.child("schedules");
  if (!node.IsDefined()) return;
  const NodePlace at = map.place_of("schedules");
  if (!node.IsMap()) {
    map.error("schedules", "must be a mapping of job kind to schedule");
    return;
  }
  boost::json::object object;
  for (auto kind = node.begin(); kind != node.end(); ++kind) {
    if (!kind->first.IsScalar() || !kind->second.IsMap()) {
      map.error("schedules", "each job kind needs a mapping, e.g. registers: {every_minutes: 15}");
      return;
    }
    boost::json::object spec;
    for (auto key = kind->second.begin(); key != kind->second.end(); ++key) {
      if (!key->first.IsScalar() || !(key->second.IsScalar() || key->second.IsNull())) {
        map.error("schedules", "schedule keys and values must be plain scalars");
        return;
      }
      spec[key->first.Scalar()] = scalar_json(key->second);
    }
    object[kind->first.Scalar()] = std::move(spec);
  }
  out = boost::json::serialize(object);
  const auto problems = engine::validate_schedules(out, "schedules", overrides);
  for (const auto& e : problems.errors())
    map.errors().add(at.line, at.path + "." + e.field.substr(e.field.find('/') + 1), e.message);
}

void read_group(const YAML::Node& node, const NodePlace& place, ConfigErrors& errors,
                Group& group) {
  YamlMap map(node, place, errors);
  FieldPlaces places(place);
  read_at(map, places, "name", group.name);
  read_at(map, places, "description", group.description);
  read_schedules(map, group.schedules_json, false);
  map.reject_unknown_keys();
  if (map.valid()) places.report(validate(group), errors);
}

// Protocol options are kept as a flat JSON object for the driver to validate.
void read_connection_options(YamlMap& map, ConnectionProfile& profile) {
  YAML::Node node = map.child("options");
  if (!node.IsDefined()) return;
  if (!node.IsMap()) {
    map.error("options", "must be a mapping of option names to values");
    return;
  }
  if (node.size() > kMaxConnectionOptions) {
    map.error("options", "at most " + std::to_string(kMaxConnectionOptions) + " options");
    return;
  }
  boost::json::object object;
  for (auto it = node.begin(); it != node.end(); ++it) {
    if (!it->first.IsScalar() || !(it->second.IsScalar() || it->second.IsNull())) {
      map.error("options", "option names and values must be plain scalars");
      return;
    }
    object[it->first.Scalar()] = scalar_json(it->second);
  }
  profile.options_json = boost::json::serialize(object);
}

void read_connection(const YAML::Node& node, const NodePlace& place, ConfigErrors& errors,
                     ConnectionProfile& p) {
  YamlMap map(node, place, errors);
  FieldPlaces places(place);
  read_at(map, places, "name", p.name);
  map.read_enum("protocol", p.protocol);
  places.remember_key(map, "protocol", "protocol");
  map.read_enum("transport", p.transport);
  places.remember_key(map, "transport", "transport");
  read_at(map, places, "host", p.host);
  read_at(map, places, "port", p.port, 0, 65535);
  read_at(map, places, "device", p.device);
  read_at(map, places, "baud", p.baud, 0, 4'000'000);
  read_at(map, places, "address", p.address, 0, 65535);
  read_at(map, places, "rs485_delay_ms", p.rs485_delay_ms, 0, 1'000'000);
  read_at(map, places, "probe", p.probe);
  read_at(map, places, "modem_init", p.modem_init);
  read_at(map, places, "phone", p.phone);
  read_at(map, places, "retries", p.retries, 0, 1'000'000);
  read_at(map, places, "retry_delay_s", p.retry_delay_s, 0, 1'000'000);
  read_at(map, places, "timeout_ms", p.timeout_ms, 0, 100'000'000);
  map.read("default", p.is_default);
  read_connection_options(map, p);
  map.reject_unknown_keys();
  if (map.valid()) places.report(validate(p), errors);
}

void read_identification(YamlMap& map, FieldPlaces& places, Meter& meter) {
  std::size_t i = 0;
  for_each_item(map, "identification", kIdentificationFields,
                [&](const YAML::Node& item, const NodePlace& at) {
                  YamlMap field(item, at, map.errors());
                  auto& slot = meter.identification[i];
                  const std::string base = "identification/" + std::to_string(i++);
                  // Generous bounds here; validate() applies the manual's 24 characters.
                  field.read("title", slot.title, 256);
                  places.remember(base + "/title", field.place_of("title"));
                  field.read("value", slot.value, 256);
                  places.remember(base + "/value", field.place_of("value"));
                  field.reject_unknown_keys();
                });
}

// `group_place` receives where the group reference sits, for the cross-check in read_fleet.
void read_meter(const YAML::Node& node, const NodePlace& place, ConfigErrors& errors,
                FleetMeter& out, NodePlace& group_place) {
  YamlMap map(node, place, errors);
  FieldPlaces places(place);
  Meter& m = out.meter;
  m.identification = default_identification();
  read_at(map, places, "serial", m.serial);
  read_at(map, places, "name", m.name);
  read_at(map, places, "location", m.location);
  map.read("group", out.group);
  group_place = map.place_of("group");
  read_at(map, places, "model", m.model);
  read_at(map, places, "mid", m.mid);
  read_at(map, places, "firmware", m.firmware);
  read_at(map, places, "time_zone", m.time_zone);
  read_at(map, places, "enabled", m.enabled);
  for_each_item(map, "options", 32, [&](const YAML::Node& item, const NodePlace& at) {
    if (!item.IsScalar()) {
      errors.add(at.line, at.path, "must be a string");
      return;
    }
    places.remember("options/" + std::to_string(m.options.size()), at);
    m.options.push_back(item.Scalar());
  });
  read_identification(map, places, m);
  read_schedules(map, m.schedules_json, true);
  std::vector<NodePlace> connection_places;
  for_each_item(map, "connections", kMaxConnectionsPerMeter,
                [&](const YAML::Node& item, const NodePlace& at) {
                  out.connections.emplace_back();
                  connection_places.push_back(at);
                  read_connection(item, at, errors, out.connections.back());
                });
  map.reject_unknown_keys();
  if (!map.valid()) return;
  places.report(validate(m), errors);

  // Rules across the meter's profiles that no single profile can check.
  std::set<std::string> names;
  int defaults = 0;
  for (std::size_t i = 0; i < out.connections.size(); ++i) {
    const auto& c = out.connections[i];
    const NodePlace& at = connection_places[i];
    if (!c.name.empty() && !names.insert(c.name).second)
      errors.add(at.line, at.path + ".name",
                 "duplicate connection name '" + YamlMap::shorten(c.name) + "'");
    if (c.is_default && ++defaults == 2)
      errors.add(at.line, at.path + ".default", "only one connection per meter can be the default");
  }
}

}  // namespace

void read_fleet(const YAML::Node& fleet, const NodePlace& place, ConfigErrors& errors,
                FleetConfig& out) {
  YamlMap map(fleet, place, errors);

  std::map<std::string, int> group_lines;
  for_each_item(map, "groups", kMaxFleetGroups, [&](const YAML::Node& item, const NodePlace& at) {
    Group g;
    read_group(item, at, errors, g);
    if (g.name.empty()) return;  // already reported by validate()
    auto [it, fresh] = group_lines.emplace(g.name, at.line);
    if (!fresh) {
      errors.add(at.line, at.path + ".name",
                 "duplicate group name '" + YamlMap::shorten(g.name) + "' (first at line " +
                     std::to_string(it->second) + ")");
      return;
    }
    out.groups.push_back(std::move(g));
  });

  std::map<std::string, int> serial_lines;
  for_each_item(map, "meters", kMaxFleetMeters, [&](const YAML::Node& item, const NodePlace& at) {
    FleetMeter fm;
    NodePlace group_place;
    read_meter(item, at, errors, fm, group_place);
    // Group references are checked here, not at start-up against the database, so that
    // check-config gives the same answer as serve.
    if (!fm.group.empty() && !group_lines.count(fm.group)) {
      errors.add(group_place.line, group_place.path,
                 "unknown group '" + YamlMap::shorten(fm.group) + "' (define it in fleet.groups)");
    }
    if (!fm.meter.serial.empty()) {
      auto [it, fresh] = serial_lines.emplace(fm.meter.serial, at.line);
      if (!fresh) {
        errors.add(at.line, at.path + ".serial",
                   "duplicate serial '" + YamlMap::shorten(fm.meter.serial) + "' (first at line " +
                       std::to_string(it->second) + ")");
        return;
      }
    }
    out.meters.push_back(std::move(fm));
  });
  map.reject_unknown_keys();
}

}  // namespace jemhead::service
