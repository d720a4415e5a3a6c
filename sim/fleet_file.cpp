#include "sim/fleet_file.hpp"

#include <charconv>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>

#include "sim/alarms/alarm_fleet_keys.hpp"
#include "sim/dlms/fleet_keys.hpp"
#include "sim/load_profile/lp_fleet_keys.hpp"
#include "sim/modbus/fleet_keys.hpp"
#include "sim/pqdif/fleet_keys.hpp"
#include "sim/yaml_fields.hpp"

namespace jemhead::sim {

namespace {

// yaml-cpp recurses once per nesting level; bound flow nesting ("[[[[...") before parsing
// so hostile input cannot exhaust the stack. Block nesting needs one more column of
// indentation per level, which the file size bounds.
void check_flow_nesting(std::string_view text, const std::string& file) {
  int depth = 0, line = 1;
  for (char c : text) {
    if (c == '\n') ++line;
    if (c == '[' || c == '{') {
      if (++depth > kMaxFlowNesting)
        throw FleetError(file, line, "", "nesting deeper than " + std::to_string(kMaxFlowNesting));
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
}

void read_firmware(YamlFields& parent, FirmwareVersions& fw) {
  std::optional<YamlFields> section = parent.section("firmware");
  if (!section) return;
  YamlFields& f = *section;
  if (auto v = f.text("register", 32)) fw.register_fw = *v;
  if (auto v = f.text("metrology", 32)) fw.metrology = *v;
  if (auto v = f.text("service", 32)) fw.service = *v;
  if (auto v = f.text("pq", 32)) fw.pq = *v;
  if (auto v = f.text("fpga", 32)) fw.fpga = *v;
  f.finish();
}

void read_options(YamlFields& parent, std::vector<std::string>& options) {
  YAML::Node n = parent.child("options");
  if (!n.IsDefined() || n.IsNull()) return;
  if (!n.IsSequence()) parent.fail("options", "must be a list of option names");
  if (n.size() > 64) parent.fail("options", "at most 64 options");
  options.clear();
  for (const auto& item : n) {
    if (!item.IsScalar() || item.Scalar().empty() || item.Scalar().size() > 32 ||
        !printable(item.Scalar()))
      throw FleetError(parent.file(), line_of(item), parent.child_path("options"),
                       "each option must be a name of 1 to 32 printable characters");
    options.push_back(item.Scalar());
  }
}

void read_identification(YamlFields& parent, MeterSpec& spec) {
  YAML::Node n = parent.child("identification");
  if (!n.IsDefined() || n.IsNull()) return;
  if (!n.IsMap()) parent.fail("identification", "must map titles to values");
  const std::string path = parent.child_path("identification");
  for (const auto& kv : n) {
    const int line = line_of(kv.first);
    if (!kv.first.IsScalar() || !kv.second.IsScalar())
      throw FleetError(parent.file(), line, path, "must map titles to values");
    const std::string& title = kv.first.Scalar();
    const std::string& value = kv.second.Scalar();
    if (title.empty() || title.size() > 32 || !printable(title))
      throw FleetError(parent.file(), line, path + "." + title.substr(0, 32),
                       "title must be 1 to 32 printable characters");
    if (value.size() > kIdentificationMaxChars || !printable(value))
      throw FleetError(parent.file(), line, path + "." + title,
                       "value must be at most 24 printable characters (manual L2451)");
    IdentificationField* slot = nullptr;
    for (auto& f : spec.identification)
      if (f.title == title) slot = &f;
    if (!slot)  // a user title takes the first untitled field
      for (auto& f : spec.identification)
        if (f.title.empty() && f.value.empty()) {
          slot = &f;
          break;
        }
    if (!slot)
      throw FleetError(parent.file(), line, path + "." + title,
                       "the meter has only 10 identification fields");
    slot->title = title;
    slot->value = value;
  }
}

// Settings a meter entry may carry, and that `meters:` may carry as defaults for all.
void read_meter_settings(YamlFields& f, MeterSpec& spec, ModbusKeysContext& modbus) {
  if (auto v = f.text("model", 32)) spec.model = *v;
  if (auto v = f.boolean("mid")) spec.mid = *v;
  read_firmware(f, spec.firmware);
  read_options(f, spec.options);
  if (auto v = f.text("service", 64)) {
    auto s = from_text<ServiceType>(*v);
    if (!s) f.fail("service", "must be one of " + allowed_texts<ServiceType>());
    spec.service = *s;
  }
  if (auto v = f.number("nominal_voltage", 1, 1000)) spec.nominal_voltage = *v;
  if (auto v = f.number("nominal_current", 0.01, 100)) spec.nominal_current = *v;
  if (auto v = f.number("class_amps", 0.01, 200)) spec.class_amps = *v;
  if (auto v = f.number("pt_ratio", 1e-3, 1e6)) spec.pt_ratio = *v;
  if (auto v = f.number("ct_ratio", 1e-3, 1e6)) spec.ct_ratio = *v;
  if (auto v = f.integer("frequency", 50, 60)) {
    if (*v != 50 && *v != 60) f.fail("frequency", "must be 50 or 60");
    spec.frequency = static_cast<int>(*v);
  }
  if (auto v = f.number("load_level", 0, 4)) spec.load_level = *v;
  if (auto v = f.number("generation", 0, 4)) spec.generation = *v;
  if (auto v = f.number("power_factor_angle", -90, 90)) spec.power_factor_angle = *v;
  if (auto v = f.number("time_factor", 0, 1e6)) spec.time_factor = *v;
  if (auto v = f.number("clock_drift_ppm", -1e5, 1e5)) spec.clock_drift_ppm = *v;
  if (auto v = f.integer("integration_step", 1, 60)) {
    if (3600 % *v != 0) f.fail("integration_step", "must divide 3600 (1, 2, 5, 10, 15, 30, 60...)");
    spec.integration_step = static_cast<int>(*v);
  }
  read_modbus_settings(f, spec.modbus, modbus);
  read_dlms_settings(f, spec.dlms);
  read_load_profile_settings(f, spec.load_profile);
  read_pqdif_settings(f, spec.pqdif);
  read_web_settings(f, spec.web);
  read_alarm_settings(f, spec.alarms);
}

void check_meter(const YamlFields& f, const MeterSpec& spec) {
  if (spec.nominal_current > spec.class_amps)
    f.fail("nominal_current",
           "must not exceed class_amps (" + std::to_string(spec.class_amps) + ")");
}

void read_control(YamlFields& top, FleetSpec& fleet) {
  std::optional<YamlFields> section = top.section("control");
  if (!section) return;
  YamlFields& c = *section;
  if (auto v = c.text("listen", 64)) {
    std::string error;
    if (!parse_loopback_listen(*v, fleet.control_address, fleet.control_port, error))
      c.fail("listen", error);
  }
  c.finish();
}

void read_meters(YamlFields& top, FleetSpec& fleet, MeterSpec base, ModbusKeysContext& modbus) {
  YamlFields m(top.child("meters"), top.file(), "meters");
  read_meter_settings(m, base, modbus);
  check_meter(m, base);
  const auto count = m.integer("count", 0, static_cast<std::int64_t>(kMaxMeters)).value_or(0);
  const auto serial_base =
      m.integer("serial_base", 0, std::numeric_limits<std::int64_t>::max() - kMaxMeters)
          .value_or(50000001);
  std::set<std::string> serials;
  for (std::int64_t i = 0; i < count; ++i) {
    MeterSpec spec = base;
    spec.serial = std::to_string(serial_base + i);
    spec.seed = fleet.seed + static_cast<std::uint64_t>(i);
    fill_default_identification(spec);
    serials.insert(spec.serial);
    fleet.meters.push_back(std::move(spec));
  }
  YAML::Node list = m.child("list");
  if (list.IsDefined() && !list.IsNull()) {
    if (!list.IsSequence()) m.fail("list", "must be a list of meters");
    if (fleet.meters.size() + list.size() > kMaxMeters)
      m.fail("list", "at most " + std::to_string(kMaxMeters) + " meters in a fleet");
    std::size_t index = 0;
    for (const auto& entry : list) {
      const std::string path = "meters.list[" + std::to_string(index) + "]";
      YamlFields e(entry, top.file(), path);
      if (!entry.IsMap()) throw FleetError(top.file(), line_of(entry), path, "must be a mapping");
      MeterSpec spec = base;
      auto serial = e.text("serial", 32);
      if (!serial || serial->empty()) e.fail("serial", "is required");
      if (!printable(*serial)) e.fail("serial", "must be printable ASCII");
      if (!serials.insert(*serial).second) e.fail("serial", "duplicate serial '" + *serial + "'");
      spec.serial = *serial;
      spec.seed = e.unsigned_integer("seed").value_or(fleet.seed +
                                                      static_cast<std::uint64_t>(count) + index);
      read_meter_settings(e, spec, modbus);
      read_identification(e, spec);
      check_meter(e, spec);
      e.finish();
      fill_default_identification(spec);
      fleet.meters.push_back(std::move(spec));
      ++index;
    }
  }
  m.finish();
}

}  // namespace

bool parse_loopback_listen(std::string_view text, std::string& address, std::uint16_t& port,
                           std::string& error) {
  std::string_view host, port_text;
  if (!text.empty() && text.front() == '[') {
    const auto close = text.find(']');
    if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':') {
      error = "must be [ADDRESS]:PORT";
      return false;
    }
    host = text.substr(1, close - 1);
    port_text = text.substr(close + 2);
  } else {
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos) {
      error = "must be ADDRESS:PORT, e.g. 127.0.0.1:0";
      return false;
    }
    host = text.substr(0, colon);
    port_text = text.substr(colon + 1);
  }
  unsigned value = 0;
  const auto [end, ec] =
      std::from_chars(port_text.data(), port_text.data() + port_text.size(), value);
  if (port_text.empty() || ec != std::errc{} || end != port_text.data() + port_text.size() ||
      value > 65535) {
    error = "port must be 0 to 65535";
    return false;
  }
  if (host == "localhost") host = "127.0.0.1";
  const bool loopback_v4 =
      host.starts_with("127.") && host.find_first_not_of("0123456789.") == std::string_view::npos;
  if (!loopback_v4 && host != "::1") {
    error = "jemsim listens on loopback only (127.x.x.x or ::1), got '" + std::string(host) + "'";
    return false;
  }
  address = std::string(host);
  port = static_cast<std::uint16_t>(value);
  return true;
}

FleetSpec parse_fleet(std::string_view yaml_text, const std::string& file) {
  if (yaml_text.size() > kMaxFleetFileBytes)
    throw FleetError(file, 0, "",
                     "file larger than " + std::to_string(kMaxFleetFileBytes) + " bytes");
  check_flow_nesting(yaml_text, file);
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml_text));
  } catch (const YAML::Exception& e) {
    throw FleetError(file, e.mark.line >= 0 ? e.mark.line + 1 : 0, "", e.msg);
  }
  FleetSpec fleet;
  YamlFields top(root, file, "");
  if (auto v = top.unsigned_integer("seed")) fleet.seed = *v;
  if (auto v = top.number("time_factor", 0, 1e6)) fleet.time_factor = *v;
  if (auto v = top.text("start_time", 64)) {
    fleet.start_time = parse_iso8601(*v);
    if (!fleet.start_time) top.fail("start_time", "must be an ISO 8601 date and time");
  }
  read_control(top, fleet);
  read_rtu_buses(top, fleet.rtu_buses);
  MeterSpec base;
  base.time_factor = fleet.time_factor;
  ModbusKeysContext modbus{std::filesystem::path(file).parent_path(), {}};
  read_meters(top, fleet, base, modbus);
  top.finish();
  resolve_modbus(fleet, file);
  return fleet;
}

FleetSpec load_fleet_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw FleetError(path, 0, "", "cannot open the file");
  std::string text;
  text.resize(kMaxFleetFileBytes + 1);
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  return parse_fleet(text, path);
}

FleetSpec generated_fleet(std::size_t count, std::uint64_t seed) {
  std::ostringstream yaml;
  yaml << "seed: " << seed << "\nmeters:\n  count: " << count << "\n";
  return parse_fleet(yaml.str(), "--meters");
}

}  // namespace jemhead::sim
