#include "sim/modbus/fleet_keys.hpp"

#include <algorithm>
#include <set>

#include "drivers/protocol/modbus/point_map_json.hpp"
#include "sim/fleet_file.hpp"
#include "sim/modbus/counter_source.hpp"

namespace jemhead::sim {

namespace {

std::shared_ptr<const modbus::PointMap> load_map(YamlFields& f, const std::string& name,
                                                 ModbusKeysContext& context) {
  std::filesystem::path path(name);
  if (path.is_relative()) path = context.base_dir / path;
  const std::string key = path.lexically_normal().string();
  if (auto it = context.maps.find(key); it != context.maps.end()) return it->second;
  auto loaded = modbus::load_point_map_file(path);
  if (!loaded.ok()) f.fail("map", key + ": " + loaded.problems.summary());
  for (const auto& point : loaded.map.counters.points) {
    std::string problem;
    if (!counter_source(point, problem)) f.fail("map", key + ": " + problem);
  }
  auto map = std::make_shared<const modbus::PointMap>(std::move(loaded.map));
  context.maps.emplace(key, map);
  return map;
}

void read_tcp(YamlFields& m, ModbusSlaveSpec& spec) {
  YAML::Node n = m.child("tcp");
  if (!n.IsDefined() || n.IsNull()) return;
  YamlFields t(n, m.file(), m.child_path("tcp"));
  spec.tcp = true;
  if (auto v = t.text("listen", 64)) {
    std::string error;
    if (!parse_loopback_listen(*v, spec.tcp_address, spec.tcp_port, error)) t.fail("listen", error);
  }
  t.finish();
}

void read_rtu_tcp(YamlFields& m, ModbusSlaveSpec& spec) {
  YAML::Node n = m.child("rtu_tcp");
  if (!n.IsDefined() || n.IsNull()) return;
  YamlFields t(n, m.file(), m.child_path("rtu_tcp"));
  spec.rtu_tcp = true;
  if (auto v = t.text("listen", 64)) {
    std::string error;
    if (!parse_loopback_listen(*v, spec.rtu_tcp_address, spec.rtu_tcp_port, error))
      t.fail("listen", error);
  }
  t.finish();
}

void read_rtu(YamlFields& m, ModbusSlaveSpec& spec) {
  YAML::Node n = m.child("rtu");
  if (!n.IsDefined() || n.IsNull()) return;
  YamlFields r(n, m.file(), m.child_path("rtu"));
  auto bus = r.text("bus", 64);
  if (!bus || bus->empty()) r.fail("bus", "is required: the name of one of rtu_buses");
  spec.rtu_bus = *bus;
  if (auto a = r.integer("address", 1, 247))
    spec.rtu_address = static_cast<std::uint8_t>(*a);
  else
    spec.rtu_address.reset();
  r.finish();
}

void read_faults(YamlFields& m, FaultSettings& faults) {
  YAML::Node n = m.child("faults");
  if (!n.IsDefined() || n.IsNull()) return;
  YamlFields f(n, m.file(), m.child_path("faults"));
  if (auto v = f.text("mode", 32)) {
    auto mode = fault_mode_from(*v);
    if (!mode) f.fail("mode", "must be one of " + allowed_texts<FaultMode>());
    faults.mode = *mode;
  }
  if (auto v = f.integer("delay_ms", 0, kMaxFaultDelayMs))
    faults.delay_ms = static_cast<std::uint32_t>(*v);
  f.finish();
}

}  // namespace

std::optional<FaultMode> fault_mode_from(std::string_view text) {
  return from_text<FaultMode>(text);
}

void read_modbus_settings(YamlFields& parent, std::shared_ptr<const ModbusSlaveSpec>& spec,
                          ModbusKeysContext& context) {
  YAML::Node n = parent.child("modbus");
  if (!n.IsDefined()) return;
  YamlFields m(n, parent.file(), parent.child_path("modbus"));
  auto out = spec ? std::make_shared<ModbusSlaveSpec>(*spec) : std::make_shared<ModbusSlaveSpec>();
  out->line = line_of(n);
  if (auto v = m.text("map", 4096)) {
    out->map = load_map(m, *v, context);
    out->map_file = *v;
  }
  if (auto v = m.boolean("allow_register_presets")) out->allow_register_presets = *v;
  if (auto v = m.boolean("allow_output_control")) out->allow_output_control = *v;
  read_tcp(m, *out);
  if (auto v = m.integer("unit_id", 1, 255)) out->unit_id = static_cast<std::uint8_t>(*v);
  read_rtu(m, *out);
  read_rtu_tcp(m, *out);
  if (auto v = m.text("crc_order", 32)) {
    auto order = from_text<modbus::CrcOrder>(*v);
    if (!order) m.fail("crc_order", "must be one of " + allowed_texts<modbus::CrcOrder>());
    out->crc_order = *order;
  }
  if (auto v = m.integer("frame_timeout_ms", 100, 65000))
    out->frame_timeout_ms = static_cast<std::uint32_t>(*v);
  if (auto v = m.integer("turnaround_ms", 0, 10000))
    out->turnaround_ms = static_cast<std::uint32_t>(*v);
  read_faults(m, out->faults);
  m.finish();
  spec = std::move(out);
}

void read_rtu_buses(YamlFields& top, std::vector<RtuBusSpec>& buses) {
  YAML::Node n = top.child("rtu_buses");
  if (!n.IsDefined() || n.IsNull()) return;
  if (!n.IsSequence()) top.fail("rtu_buses", "must be a list of {name, baud}");
  if (n.size() > 64) top.fail("rtu_buses", "at most 64 buses");
  std::set<std::string> names;
  std::size_t index = 0;
  for (const auto& entry : n) {
    YamlFields b(entry, top.file(), "rtu_buses[" + std::to_string(index++) + "]");
    RtuBusSpec bus;
    auto name = b.text("name", 64);
    if (!name || name->empty()) b.fail("name", "is required");
    if (!names.insert(*name).second) b.fail("name", "duplicate bus name '" + *name + "'");
    bus.name = *name;
    if (auto baud = b.integer("baud", 1, 1'000'000)) {
      if (std::find(kModbusBauds.begin(), kModbusBauds.end(), *baud) == kModbusBauds.end())
        b.fail("baud", "must be 1200, 2400, 9600, 19200 or 38400 (manual L12604)");
      bus.baud = static_cast<std::uint32_t>(*baud);
    }
    b.finish();
    buses.push_back(std::move(bus));
  }
}

void resolve_modbus(FleetSpec& fleet, const std::string& file) {
  std::map<std::string, std::set<std::uint8_t>> taken;
  for (const auto& bus : fleet.rtu_buses) taken[bus.name];
  // Explicit addresses first, so auto-assignment never takes one a later meter asked for.
  for (const auto& meter : fleet.meters) {
    const auto& spec = meter.modbus;
    if (!spec || !spec->rtu_bus) continue;
    auto bus = taken.find(*spec->rtu_bus);
    if (bus == taken.end())
      throw FleetError(
          file, spec->line, "modbus.rtu.bus",
          "meter " + meter.serial + ": no bus named '" + *spec->rtu_bus + "' in rtu_buses");
    if (spec->rtu_address && !bus->second.insert(*spec->rtu_address).second)
      throw FleetError(file, spec->line, "modbus.rtu.address",
                       "meter " + meter.serial + ": address " + std::to_string(*spec->rtu_address) +
                           " is already used on bus '" + bus->first + "'");
  }
  for (auto& meter : fleet.meters) {
    const auto& spec = meter.modbus;
    if (!spec || !spec->rtu_bus || spec->rtu_address) continue;
    auto& used = taken[*spec->rtu_bus];
    std::uint8_t address = 1;
    while (address <= 247 && used.contains(address)) ++address;
    if (address > 247)
      throw FleetError(file, spec->line, "modbus.rtu.address",
                       "meter " + meter.serial + ": bus '" + *spec->rtu_bus +
                           "' has no free address left (1-247)");
    used.insert(address);
    auto copy = std::make_shared<ModbusSlaveSpec>(*spec);
    copy->rtu_address = address;
    meter.modbus = std::move(copy);
  }
}

}  // namespace jemhead::sim
