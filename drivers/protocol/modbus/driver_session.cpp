#include "drivers/protocol/modbus/driver_session.hpp"

#include <charconv>
#include <set>
#include <stdexcept>

#include "drivers/protocol/modbus/map_reads.hpp"

namespace jemhead::modbus {

namespace {

constexpr const char* kSource = "modbus";

std::optional<std::uint16_t> as_point_number(std::string_view text) {
  std::uint16_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc{} || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return n;
}

// A preset names a counter by point number, its name or its register id ("counter.3").
std::uint16_t resolve_counter(const PointMap& map, const std::string& wanted) {
  const auto number = as_point_number(wanted);
  for (const auto& p : map.counters.points)
    if ((number && p.point == *number) || p.name == wanted || counter_register_id(p) == wanted)
      return p.point;
  throw drivers::Refused("the meter's point map has no counter '" + wanted.substr(0, 64) + "'");
}

std::uint16_t resolve_coil(const PointMap& map, const std::string& wanted) {
  const auto number = as_point_number(wanted);
  for (const auto& p : map.coils.points)
    if ((number && p.point == *number) || coil_name(p) == wanted) return p.point;
  throw drivers::Refused("the meter's point map has no output '" + wanted.substr(0, 64) + "'");
}

// std::vector<bool> has no contiguous storage, so the bits go through a plain array.
void store_bits(BitImage& image, std::uint16_t address, const std::vector<bool>& bits) {
  std::unique_ptr<bool[]> plain(new bool[bits.size()]);
  for (std::size_t i = 0; i < bits.size(); ++i) plain[i] = bits[i];
  image.store(address, std::span<const bool>(plain.get(), bits.size()));
}

// Readings of the counters in `image`, named and scaled.
std::vector<RegisterReading> to_readings(std::int64_t meter_id, const PointMap& map,
                                         const RegisterImage& image, UtcTime read_at) {
  std::vector<RegisterReading> out;
  for (const auto& d : decode_counters(map, image)) {
    const auto& point = map.counters.points[d.index];
    RegisterReading r;
    r.meter_id = meter_id;
    r.register_id = counter_register_id(point);
    r.description = point.name;
    if (point.register_id)
      r.description += " (display register " + std::to_string(*point.register_id) + ")";
    r.value = d.value;
    r.unit = point.unit;
    r.read_at = read_at;
    r.source = kSource;
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace

std::string counter_register_id(const CounterPoint& point) {
  return "counter." + std::to_string(point.point);
}

std::string analog_quantity_text(const AnalogPoint& point) {
  std::string q(jemhead::to_text(point.quantity));
  if (point.direction != Direction::delivered)
    q += "." + std::string(jemhead::to_text(point.direction));
  return q;
}

std::string analog_phase_text(Phase phase) {
  switch (phase) {
    case Phase::a: return "A";
    case Phase::b: return "B";
    case Phase::c: return "C";
    case Phase::polyphase: return "total";
    case Phase::neutral: return "N";
  }
  return "?";
}

std::string discrete_input_name(const DiscreteInputPoint& point) {
  if (!point.name.empty()) return point.name;
  switch (point.source) {
    case DiscreteSource::meter_status:
      return "status." + std::string(point.status ? jemhead::to_text(*point.status) : "unknown");
    case DiscreteSource::trigger: return "trigger." + std::to_string(point.channel);
    case DiscreteSource::digital_input: return "input." + std::to_string(point.channel);
  }
  return "point." + std::to_string(point.point);
}

std::string coil_name(const CoilPoint& point) {
  return point.name.empty() ? "output.ch" + std::to_string(point.channel) : point.name;
}

ModbusSession::ModbusSession(std::int64_t meter_id, PointMap map, RequestLimits limits,
                             std::unique_ptr<ModbusMaster> master, std::string map_source)
    : meter_id_(meter_id),
      map_(std::move(map)),
      limits_(limits),
      master_(std::move(master)),
      map_source_(std::move(map_source)) {}

drivers::Task<std::vector<RegisterReading>> ModbusSession::read_counters(const PointMap& map) {
  RegisterImage image;
  for (const auto& request : plan_map_reads(map, limits_).counters) {
    const auto registers = co_await master_->read_registers(request);
    image.store(request.address, registers);
  }
  co_return to_readings(meter_id_, map, image, utc_now());
}

drivers::Task<std::vector<RegisterReading>> ModbusSession::read_registers() {
  co_return co_await read_counters(map_);
}

drivers::Task<std::vector<InstantaneousValue>> ModbusSession::read_instantaneous() {
  RegisterImage image;
  for (const auto& request : plan_map_reads(map_, limits_).analogs) {
    const auto registers = co_await master_->read_registers(request);
    image.store(request.address, registers);
  }
  const auto read_at = utc_now();
  std::vector<InstantaneousValue> out;
  for (const auto& d : decode_analogs(map_, image)) {
    const auto& point = map_.analogs.points[d.index];
    InstantaneousValue v;
    v.meter_id = meter_id_;
    v.quantity = analog_quantity_text(point);
    v.phase = analog_phase_text(point.phase);
    v.value = d.value.value;
    v.unit = d.value.unit;
    v.read_at = read_at;
    v.source = kSource;
    out.push_back(std::move(v));
  }
  co_return out;
}

drivers::Task<StatusSnapshot> ModbusSession::read_status() {
  BitImage image;
  for (const auto& request : plan_map_reads(map_, limits_).discrete_inputs) {
    const auto bits = co_await master_->read_bits(request);
    store_bits(image, request.address, bits);
  }
  StatusSnapshot snapshot;
  snapshot.read_at = utc_now();
  std::set<std::string> seen;
  for (const auto& d : decode_discrete_inputs(map_, image)) {
    const auto& point = map_.discrete_inputs.points[d.index];
    auto name = discrete_input_name(point);
    // Two points on the same source would share a name; the point number tells them apart.
    if (!seen.insert(name).second) name += "#" + std::to_string(point.point);
    snapshot.points.push_back({std::move(name), d.active});
  }
  co_return snapshot;
}

drivers::Task<std::vector<RegisterReading>> ModbusSession::write_presets(
    std::vector<drivers::RegisterPreset> values) {
  if (!map_.allow_register_presets)
    throw drivers::Refused(
        "register presets are disabled in the meter's point map (allow_register_presets); the "
        "meter would answer exception 01");
  if (values.empty()) throw drivers::Refused("no presets given");
  std::vector<std::pair<std::uint16_t, double>> by_point;
  std::set<std::uint16_t> points;
  for (const auto& v : values) {
    const auto point = resolve_counter(map_, v.point);
    if (!points.insert(point).second)
      throw drivers::Refused("counter " + std::to_string(point) + " is preset twice");
    by_point.emplace_back(point, v.value);
  }
  std::vector<WriteMultipleRegistersRequest> requests;
  try {
    requests = plan_presets(map_, by_point, limits_);
  } catch (const std::invalid_argument& e) {
    throw drivers::Refused(std::string("presets cannot be planned: ") + e.what());
  }
  for (auto& request : requests) co_await master_->write(std::move(request));

  // Read back exactly the counters written.
  PointMap written = map_;
  std::erase_if(written.counters.points,
                [&](const CounterPoint& p) { return !points.count(p.point); });
  co_return co_await read_counters(written);
}

drivers::Task<std::vector<drivers::OutputState>> ModbusSession::read_coils() {
  BitImage image;
  for (const auto& request : plan_map_reads(map_, limits_).coils) {
    const auto bits = co_await master_->read_bits(request);
    store_bits(image, request.address, bits);
  }
  std::vector<drivers::OutputState> out;
  for (const auto& d : decode_coils(map_, image)) {
    const auto& point = map_.coils.points[d.index];
    out.push_back({coil_name(point), point.channel, d.active});
  }
  co_return out;
}

drivers::Task<std::vector<drivers::OutputState>> ModbusSession::control_outputs(
    std::vector<drivers::OutputCommand> commands) {
  if (!map_.allow_output_control)
    throw drivers::Refused(
        "output control is disabled in the meter's point map (allow_output_control); the meter "
        "would answer exception 01");
  if (commands.empty()) throw drivers::Refused("no output commands given");
  std::vector<WriteSingleCoilRequest> requests;
  for (const auto& c : commands)
    requests.push_back(coil_command(map_, resolve_coil(map_, c.output), c.on));
  for (const auto& request : requests) co_await master_->write(request);
  co_return co_await read_coils();
}

drivers::Task<void> ModbusSession::close() {
  master_->close();
  co_return;
}

}  // namespace jemhead::modbus
