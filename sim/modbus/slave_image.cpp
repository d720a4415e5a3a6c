#include "sim/modbus/slave_image.hpp"

#include <algorithm>
#include <cmath>

#include "drivers/protocol/modbus/words.hpp"

namespace jemhead::sim {

namespace mb = modbus;

AddressIndex index_addresses(const mb::PointMap& map) {
  AddressIndex index;
  for (std::size_t i = 0; i < map.counters.points.size(); ++i) {
    const auto high = mb::address_of(map, map.counters.points[i]);
    index.holding[high] = {i, false};
    index.holding[static_cast<std::uint16_t>(high + 1)] = {i, true};
  }
  for (std::size_t i = 0; i < map.analogs.points.size(); ++i)
    index.input[mb::address_of(map, map.analogs.points[i])] = i;
  for (std::size_t i = 0; i < map.coils.points.size(); ++i)
    index.coils[mb::address_of(map, map.coils.points[i])] = i;
  for (std::size_t i = 0; i < map.discrete_inputs.points.size(); ++i)
    index.discrete_inputs[mb::address_of(map, map.discrete_inputs.points[i])] = i;
  return index;
}

namespace {

// A signed quantity seen through the point's direction. `sign_source` decides delivered
// vs received (P for VA, the value itself otherwise); quadrants come from P and Q.
double through_direction(double value, double sign_source, double watts, double vars,
                         mb::Direction direction) {
  switch (direction) {
    case mb::Direction::delivered: return sign_source >= 0 ? std::abs(value) : 0;
    case mb::Direction::received: return sign_source < 0 ? std::abs(value) : 0;
    case mb::Direction::bidirectional: return sign_source < 0 ? -std::abs(value) : std::abs(value);
    case mb::Direction::absolute: return std::abs(value);
    case mb::Direction::q1: return quadrant(watts, vars) == 1 ? std::abs(value) : 0;
    case mb::Direction::q2: return quadrant(watts, vars) == 2 ? std::abs(value) : 0;
    case mb::Direction::q3: return quadrant(watts, vars) == 3 ? std::abs(value) : 0;
    case mb::Direction::q4: return quadrant(watts, vars) == 4 ? std::abs(value) : 0;
  }
  return value;
}

double imbalance_percent(const Instantaneous& v, bool amps) {
  double sum = 0;
  int n = 0;
  for (const auto& p : v.phase)
    if (p.measured) sum += amps ? p.amps : p.volts, ++n;
  if (n == 0 || sum <= 0) return 0;
  const double average = sum / n;
  double worst = 0;
  for (const auto& p : v.phase)
    if (p.measured) worst = std::max(worst, std::abs((amps ? p.amps : p.volts) - average));
  return worst / average * 100;
}

}  // namespace

double analog_model_value(const mb::AnalogPoint& point, const Instantaneous& v) {
  using Q = mb::AnalogQuantity;
  if (point.quantity == Q::frequency) return v.frequency;
  if (point.quantity == Q::volt_imbalance) return imbalance_percent(v, false);
  if (point.quantity == Q::amp_imbalance) return imbalance_percent(v, true);
  if (point.phase == mb::Phase::neutral)
    return point.quantity == Q::amps ? v.total.amps_neutral : 0;

  double volts = 0, amps = 0, watts = 0, vars = 0, va_vector = 0, va_arith = 0, q = 0;
  double pf_vector = 0, pf_arith = 0, volts_sq = 0, amps_sq = 0;
  if (point.phase == mb::Phase::polyphase) {
    const auto& t = v.total;
    volts = t.volts_average, amps = t.amps_average, watts = t.watts, vars = t.vars, q = t.q;
    va_vector = t.va_vectorial, va_arith = t.va_arithmetic;
    pf_vector = t.power_factor_vectorial, pf_arith = t.power_factor_arithmetic;
    volts_sq = volts * volts;
    for (const auto& p : v.phase) amps_sq += p.amps * p.amps;  // the 3-phase row is 3 x 400
  } else {
    const auto& p = v.phase[static_cast<std::size_t>(point.phase)];
    volts = p.volts, amps = p.amps, watts = p.watts, vars = p.vars, q = p.q;
    va_vector = va_arith = p.va;
    pf_vector = pf_arith = p.power_factor;
    volts_sq = volts * volts, amps_sq = amps * amps;
  }
  switch (point.quantity) {
    case Q::volts: return volts;
    case Q::amps: return amps;
    case Q::volts_squared: return volts_sq;
    case Q::amps_squared: return amps_sq;
    case Q::watts: return through_direction(watts, watts, watts, vars, point.direction);
    case Q::vars: return through_direction(vars, vars, watts, vars, point.direction);
    case Q::q: return through_direction(q, q, watts, vars, point.direction);
    case Q::va_vector: return through_direction(va_vector, watts, watts, vars, point.direction);
    case Q::va_arithmetic: return through_direction(va_arith, watts, watts, vars, point.direction);
    case Q::power_factor_vector:
      return point.direction == mb::Direction::absolute ? std::abs(pf_vector) : pf_vector;
    case Q::power_factor_arithmetic:
      return point.direction == mb::Direction::absolute ? std::abs(pf_arith) : pf_arith;
    default: return 0;  // THD, harmonics, `other`: not modelled
  }
}

bool discrete_condition(const mb::DiscreteInputPoint& point, const SlaveState& state,
                        double nominal_element_volts, const Instantaneous& v) {
  switch (point.source) {
    case mb::DiscreteSource::digital_input:
      return point.channel >= 1 && point.channel <= state.dio.size() &&
             state.dio[point.channel - 1];
    case mb::DiscreteSource::trigger: {
      if (auto it = state.trigger_overrides.find(point.channel);
          it != state.trigger_overrides.end())
        return it->second;
      if (point.channel >= 1 && point.channel <= 3) {
        const auto& p = v.phase[point.channel - 1u];
        return p.measured && p.volts > 100.0;
      }
      return false;
    }
    case mb::DiscreteSource::meter_status: {
      if (!point.status) return false;
      if (auto it = state.status_overrides.find(*point.status); it != state.status_overrides.end())
        return it->second;
      int phase = -1;
      if (*point.status == mb::MeterStatus::volts_phase_a) phase = 0;
      if (*point.status == mb::MeterStatus::volts_phase_b) phase = 1;
      if (*point.status == mb::MeterStatus::volts_phase_c) phase = 2;
      if (phase < 0) return false;
      const auto& p = v.phase[static_cast<std::size_t>(phase)];
      return p.measured && p.volts < 0.8 * nominal_element_volts;
    }
  }
  return false;
}

double counter_display(const CounterSource& source, const SlaveState& state,
                       const EnergyRegisters& primary, UtcTime simulated) {
  double value = display_value(source, primary);
  if (auto it = state.presets.find(source.display_name); it != state.presets.end()) {
    const PresetRecord* latest = nullptr;
    for (const auto& record : it->second)
      if (record.simulated <= simulated) latest = &record;
    if (latest) value += latest->offset;
  }
  return value;
}

SlaveImage build_image(const ImageContext& context, const SlaveState& state, const Truth& truth,
                       unsigned tables) {
  const mb::PointMap& map = context.map;
  SlaveImage image;
  image.simulated = truth.simulated;
  if (tables & kCounters) {
    const EnergyRegisters primary = truth.energy.to_primary(context.pt_ratio, context.ct_ratio);
    image.counters.reserve(map.counters.points.size());
    for (std::size_t i = 0; i < map.counters.points.size(); ++i) {
      const auto& point = map.counters.points[i];
      CounterImage c;
      c.display = counter_display(context.sources[i], state, primary, truth.simulated);
      const auto words = mb::encode_counter(point, c.display);
      c.raw = mb::combine_words(words[0], words[1]);
      c.value = mb::decode_counter(point, words[0], words[1]);
      image.counters.push_back(c);
    }
  }
  if (tables & kAnalogs) {
    image.analogs.reserve(map.analogs.points.size());
    for (const auto& point : map.analogs.points) {
      AnalogImage a;
      a.secondary = analog_model_value(point, truth.instantaneous);
      a.raw = mb::encode_analog(point, a.secondary);
      a.decoded = mb::decode_analog(map, point, a.raw);
      image.analogs.push_back(std::move(a));
    }
  }
  if (tables & kDiscreteInputs) {
    for (const auto& point : map.discrete_inputs.points) {
      BitImage b;
      b.active =
          discrete_condition(point, state, context.nominal_element_volts, truth.instantaneous);
      b.raw = point.polarity == mb::Polarity::active_high ? b.active : !b.active;
      image.discrete_inputs.push_back(b);
    }
  }
  if (tables & kCoils) {
    for (const auto& point : map.coils.points) {
      const bool on =
          point.channel >= 1 && point.channel <= state.dio.size() && state.dio[point.channel - 1];
      image.coils.push_back(BitImage{on, on});
    }
  }
  return image;
}

}  // namespace jemhead::sim
