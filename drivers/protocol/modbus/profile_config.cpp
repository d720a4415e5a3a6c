#include "drivers/protocol/modbus/profile_config.hpp"

#include <boost/json.hpp>
#include <filesystem>
#include <map>
#include <mutex>

#include "drivers/protocol/modbus/factory_map.hpp"
#include "drivers/protocol/modbus/map_from_configuration.hpp"
#include "drivers/protocol/modbus/point_map_json.hpp"

namespace jemhead::modbus {

namespace json = boost::json;

namespace {

// A fleet shares a few map files, and every session open loads its profile's map: parsing
// the file each time was the largest cost of a fleet read (bench: 1,000 opens of a 100 kB
// map). Parsed maps are kept per path and reused while the file's size and modification
// time are unchanged; an edited file is parsed again, a failed load is never kept.
PointMapLoad load_map_file_cached(const std::string& path) {
  struct Entry {
    std::filesystem::file_time_type modified;
    std::uintmax_t size = 0;
    PointMap map;
  };
  static std::mutex mutex;
  static std::map<std::string, Entry> cache;

  std::error_code ec;
  const auto modified = std::filesystem::last_write_time(path, ec);
  const auto size = ec ? 0 : std::filesystem::file_size(path, ec);
  if (ec) return load_point_map_file(path);  // reports the file problem itself
  {
    std::lock_guard lock(mutex);
    if (auto it = cache.find(path);
        it != cache.end() && it->second.modified == modified && it->second.size == size) {
      PointMapLoad hit;
      hit.map = it->second.map;
      return hit;
    }
  }
  auto loaded = load_point_map_file(path);
  if (loaded.ok()) {
    std::lock_guard lock(mutex);
    cache[path] = Entry{modified, size, loaded.map};
  }
  return loaded;
}

// An inline map makes options_json as large as the map itself.
constexpr std::size_t kMaxProfileOptionsBytes = kMaxPointMapBytes + 64 * 1024;

void take_problems(Validation& into, const Validation& from, const std::string& prefix) {
  for (const auto& e : from.errors())
    into.fail(prefix.empty()    ? e.field
              : e.field.empty() ? prefix
                                : prefix + "/" + e.field,
              e.message);
}

// The meter's configuration map (the profile names none). Reading only, not validate():
// the version was validated when stored, and a rule added since must not stop the reads.
PointMapLoad load_configured_map(const Meter& meter) {
  PointMapLoad loaded;
  const std::string prefix = "configuration version " + std::to_string(meter.configuration_version);
  std::error_code ec;
  const auto doc = json::parse(*meter.configuration_json, ec);
  if (ec) {
    loaded.problems.fail("configuration", prefix + " is not valid JSON: " + ec.message());
    return loaded;
  }
  const auto read = config::read_json(doc);
  bool read_ok = true;
  for (const auto& p : read.problems) {
    read_ok = false;
    loaded.problems.fail("configuration/" + p.path, prefix + ": " + p.message);
  }
  if (!read_ok) return loaded;
  loaded.map = point_map_from_configuration(read.config);
  loaded.map.name = prefix;
  take_problems(loaded.problems, validate(loaded.map), "configuration/modbus_map");
  return loaded;
}

void load_map(ModbusProfileLoad& out, const json::value* inline_map, const json::value* file,
              const Meter* meter) {
  Validation& v = out.problems;
  if (inline_map && file) {
    v.fail("options/map_file", "give either map or map_file, not both");
    return;
  }
  PointMapLoad loaded;
  if (inline_map) {
    if (!inline_map->is_object()) {
      v.fail("options/map", "must be a point map object");
      return;
    }
    loaded = parse_point_map(json::serialize(*inline_map));
    out.config.map_source = "inline";
    take_problems(v, loaded.problems, "options/map");
  } else if (file) {
    const auto* path = file->if_string();
    if (!path || path->empty()) {
      v.fail("options/map_file", "must be a non-empty path");
      return;
    }
    loaded = load_map_file_cached(std::string(*path));
    out.config.map_source = "file " + std::string(*path);
    take_problems(v, loaded.problems, "options/map_file");
  } else if (meter && meter->configuration_json) {
    loaded = load_configured_map(*meter);
    out.config.map_source = "configuration version " + std::to_string(meter->configuration_version);
    take_problems(v, loaded.problems, "");
  } else {
    loaded.map = *factory_default_map();
    out.config.map_source = "factory default";
  }
  if (loaded.ok()) out.config.map = std::move(loaded.map);
}

}  // namespace

namespace {

ModbusProfileLoad load_profile(const ConnectionProfile& profile, const Meter* meter) {
  ModbusProfileLoad out;
  Validation& v = out.problems;
  if (profile.options_json.size() > kMaxProfileOptionsBytes) {
    v.fail("options", "too large");
    return out;
  }
  json::parse_options po;
  po.max_depth = 24;
  std::error_code ec;
  const std::string_view text =
      profile.options_json.empty() ? std::string_view("{}") : profile.options_json;
  auto doc = json::parse(text, ec, json::storage_ptr(), po);
  if (ec || !doc.is_object()) {
    v.fail("options", ec ? "not valid JSON: " + ec.message() : "must be an object");
    return out;
  }
  auto& object = doc.as_object();

  // Our own keys come out first; the rest belongs to modbus_options.
  std::optional<json::value> inline_map, map_file, framing;
  for (auto key : {"map", "map_file", "framing"}) {
    if (auto it = object.find(key); it != object.end()) {
      auto& slot = std::string_view(key) == "map"        ? inline_map
                   : std::string_view(key) == "map_file" ? map_file
                                                         : framing;
      slot = it->value();
      object.erase(it);
    }
  }

  auto options = parse_modbus_options(json::serialize(object));
  take_problems(v, options.problems, "");
  out.config.options = options.options;

  if (framing) {
    const auto* s = framing->if_string();
    const auto parsed = s ? from_text<TcpFraming>(std::string_view(*s)) : std::nullopt;
    if (!parsed)
      v.fail("options/framing", "must be one of " + allowed_texts<TcpFraming>());
    else if (*parsed == TcpFraming::mbap && is_line(profile.transport))
      v.fail("options/framing", "serial and RS-485 lines carry RTU only");
    else
      out.config.framing = *parsed;
  }
  if (is_line(profile.transport)) out.config.framing = TcpFraming::rtu;

  if (profile.transport == Transport::modem || profile.transport == Transport::optical)
    v.fail("transport", "the Modbus driver supports tcp, tls, serial and rs485");

  const auto address = out.config.options.unit_id.value_or(
      static_cast<std::uint8_t>(profile.address > 255 ? 0 : profile.address));
  if (!out.config.options.unit_id && (profile.address < 1 || profile.address > 247))
    v.fail("address", "a Modbus device address is 1-247");
  out.config.unit_id = address;

  load_map(out, inline_map ? &*inline_map : nullptr, map_file ? &*map_file : nullptr, meter);
  return out;
}

}  // namespace

ModbusProfileLoad load_modbus_profile(const ConnectionProfile& profile) {
  return load_profile(profile, nullptr);
}

ModbusProfileLoad load_modbus_profile(const ConnectionProfile& profile, const Meter& meter) {
  return load_profile(profile, &meter);
}

}  // namespace jemhead::modbus
