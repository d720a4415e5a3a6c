#include "drivers/protocol/modbus/map_from_configuration.hpp"

#include "core/config/primary_derived.hpp"

namespace jemhead::modbus {

namespace {

std::uint16_t u16(int v) {
  return static_cast<std::uint16_t>(v);
}

std::string phase_name(config::AnalogPhase p) {
  switch (p) {
    case config::AnalogPhase::a: return "Phase A";
    case config::AnalogPhase::b: return "Phase B";
    case config::AnalogPhase::c: return "Phase C";
    case config::AnalogPhase::polyphase: return "Polyphase";
    case config::AnalogPhase::neutral: return "Neutral";
  }
  return {};
}

std::string analog_name(const config::ModbusAnalogPoint& p) {
  std::string name(to_text(p.quantity));
  name += ' ';
  name += phase_name(p.phase);
  return name;
}

std::string counter_name(const config::CounterPoint& p) {
  std::string name = p.register_set == config::RegisterSet::normal ? "Normal" : "Alternate";
  name += " register ";
  name += std::to_string(p.register_id);
  return name;
}

std::string discrete_name(const config::BinaryInputPoint& p) {
  switch (p.source) {
    case config::BinaryInputSource::digital_input:
      return "Digital Input Ch " + std::to_string(p.channel);
    case config::BinaryInputSource::trigger: return "Trigger Ch " + std::to_string(p.channel);
    default: return std::string(to_text(p.source));
  }
}

}  // namespace

std::optional<AnalogQuantity> driver_quantity(config::AnalogQuantity q) {
  using C = config::AnalogQuantity;
  using D = AnalogQuantity;
  switch (q) {
    case C::volts: return D::volts;
    case C::amps: return D::amps;
    case C::watts: return D::watts;
    case C::vars: return D::vars;
    case C::va_vectorial: return D::va_vector;
    case C::va_arithmetic: return D::va_arithmetic;
    case C::frequency: return D::frequency;
    case C::pf_vectorial: return D::power_factor_vector;
    case C::pf_arithmetic: return D::power_factor_arithmetic;
    case C::q: return D::q;
    case C::volts_thd: return D::volt_thd;
    case C::amps_thd: return D::amp_thd;
    case C::volts_squared: return D::volts_squared;
    case C::amps_squared: return D::amps_squared;
    case C::volts_imbalance: return D::volt_imbalance;
    case C::amps_imbalance: return D::amp_imbalance;
    default: return std::nullopt;  // integrated, harmonic, flicker, sequence quantities
  }
}

Phase driver_phase(config::AnalogPhase p) {
  switch (p) {
    case config::AnalogPhase::a: return Phase::a;
    case config::AnalogPhase::b: return Phase::b;
    case config::AnalogPhase::c: return Phase::c;
    case config::AnalogPhase::polyphase: return Phase::polyphase;
    case config::AnalogPhase::neutral: return Phase::neutral;
  }
  return Phase::a;
}

Direction driver_direction(config::AnalogDirection d) {
  using C = config::AnalogDirection;
  switch (d) {
    case C::delivered: return Direction::delivered;
    case C::received: return Direction::received;
    case C::bidirectional: return Direction::bidirectional;
    case C::absolute: return Direction::absolute;
    case C::q1: return Direction::q1;
    case C::q2: return Direction::q2;
    case C::q3: return Direction::q3;
    case C::q4: return Direction::q4;
    // Volts, amps, frequency: the driver's default; manual_full_scale ignores it for them.
    case C::none: return Direction::delivered;
  }
  return Direction::delivered;
}

DriverDiscreteSource driver_discrete_source(config::BinaryInputSource s) {
  using C = config::BinaryInputSource;
  switch (s) {
    case C::digital_input: return {DiscreteSource::digital_input, std::nullopt};
    case C::trigger: return {DiscreteSource::trigger, std::nullopt};
    case C::volts_phase_a_status: return {DiscreteSource::meter_status, MeterStatus::volts_phase_a};
    case C::volts_phase_b_status: return {DiscreteSource::meter_status, MeterStatus::volts_phase_b};
    case C::volts_phase_c_status: return {DiscreteSource::meter_status, MeterStatus::volts_phase_c};
    case C::clock_sync_status: return {DiscreteSource::meter_status, MeterStatus::clock_sync};
    case C::battery_status: return {DiscreteSource::meter_status, MeterStatus::battery};
    case C::internal_comm_status: return {DiscreteSource::meter_status, MeterStatus::internal_comm};
    case C::calibration_status: return {DiscreteSource::meter_status, MeterStatus::calibration};
    case C::configuration_status: return {DiscreteSource::meter_status, MeterStatus::configuration};
    case C::firmware_status: return {DiscreteSource::meter_status, MeterStatus::firmware};
    case C::test_mode_status: return {DiscreteSource::meter_status, MeterStatus::test_mode};
  }
  return {DiscreteSource::digital_input, std::nullopt};
}

ConfiguredPointMap convert_configured_map(const config::MeterConfiguration& c) {
  const auto& m = c.protocols.modbus_slave;
  ConfiguredPointMap out;
  PointMap& map = out.map;
  map.name = "meter configuration";
  map.pt_ratio = config::vt_ratio(c.primary);
  map.ct_ratio = config::ct_ratio(c.primary);
  map.allow_register_presets = m.register_presets;
  map.allow_output_control = m.allow_digital_outputs_control;

  map.counters.start_address = static_cast<std::uint32_t>(m.counters_start_address);
  for (const auto& p : m.counters) {
    CounterPoint q;
    q.point = u16(p.point);
    q.name = counter_name(p);
    q.register_set = p.register_set == config::RegisterSet::normal ? RegisterSet::normal
                                                                   : RegisterSet::alternate;
    q.register_id = u16(p.register_id);
    // Same meaning on both sides (count = display value x factor): copied, not inverted.
    q.scale_factor = p.scale_factor;
    map.counters.points.push_back(std::move(q));
  }

  map.analogs.start_address = static_cast<std::uint32_t>(m.analogs_start_address);
  for (const auto& p : m.analogs) {
    const auto quantity = driver_quantity(p.quantity);
    if (!quantity || p.harmonic_number != 0) {
      out.omitted.push_back("analogs/" + std::to_string(p.point) + ": " +
                            std::string(to_text(p.quantity)) +
                            " has no 16-bit range in the manual's table (L13280-L13322)");
      continue;
    }
    AnalogPoint q;
    q.point = u16(p.point);
    q.name = analog_name(p);
    q.quantity = *quantity;
    q.phase = driver_phase(p.phase);
    q.direction = driver_direction(p.direction);
    q.compensated = p.tlc == config::AnalogTlc::compensated;
    q.scale_factor = u16(p.scale_factor);
    map.analogs.points.push_back(std::move(q));
  }

  map.coils.start_address = static_cast<std::uint32_t>(m.coils_start_address);
  for (const auto& p : m.coils) {
    CoilPoint q;
    q.point = u16(p.point);
    q.name = "Ch" + std::to_string(p.output_channel);
    q.channel = u16(p.output_channel);
    map.coils.points.push_back(std::move(q));
  }

  map.discrete_inputs.start_address = static_cast<std::uint32_t>(m.input_status_start_address);
  for (const auto& p : m.input_status) {
    DiscreteInputPoint q;
    q.point = u16(p.point);
    q.name = discrete_name(p);
    const auto source = driver_discrete_source(p.source);
    q.source = source.source;
    q.status = source.status;
    // Status flags carry no channel (the configuration writes 0); the driver ignores it.
    q.channel = source.source == DiscreteSource::meter_status ? 1 : u16(p.channel);
    map.discrete_inputs.points.push_back(std::move(q));
  }
  return out;
}

PointMap point_map_from_configuration(const config::MeterConfiguration& c) {
  return convert_configured_map(c).map;
}

}  // namespace jemhead::modbus
