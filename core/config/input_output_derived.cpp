#include "core/config/input_output_derived.hpp"

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>

#include "core/config/full_scale_derived.hpp"

namespace jemhead::config {
namespace {

// A value, or null where the manual defines none.
boost::json::value nullable(std::optional<double> v) {
  return v ? boost::json::value(*v) : boost::json::value(nullptr);
}

// Quantities with a full scale (full_scale_derived.hpp). The tool "will determine your full
// scale primary and secondary Wh" (L4397-L4399); VARh and VAh share that V x I product.
std::optional<FullScaleKind> full_scale_kind(EnergyPulseQuantity q) {
  switch (q) {
    case EnergyPulseQuantity::watt_hours: return FullScaleKind::watts;
    case EnergyPulseQuantity::var_hours: return FullScaleKind::vars;
    case EnergyPulseQuantity::va_hours_vectorial:
    case EnergyPulseQuantity::va_hours_arithmetic: return FullScaleKind::va;
    default: return std::nullopt;
  }
}

std::optional<bool> is_polyphase(EnergyPulsePhase phase) {
  switch (phase) {
    case EnergyPulsePhase::polyphase: return true;
    case EnergyPulsePhase::a:
    case EnergyPulsePhase::b:
    case EnergyPulsePhase::c: return false;
    default: return std::nullopt;
  }
}

}  // namespace

// "Ke = Total Measurement in meter (secondary) / # KYZ Pulses", "pKe = Total Measurement in
// meter (primary) / # KYZ Pulses" (L4369-L4387). The tool shows "a 2,700 kilowatt primary and
// 1,800 watt secondary" (L4405-L4407): secondary in watts, primary in the Measurement Units
// that Digital Outputs use (L2603-L2609). One hour at full scale gives full-scale watts Wh.
std::optional<double> energy_pulse_full_scale_per_hour(const PrimaryConfiguration& p,
                                                       const EnergyPulseSettings& e) {
  const auto kind = full_scale_kind(e.quantity);
  const auto poly = is_polyphase(e.phase);
  if (!kind || !poly) return std::nullopt;
  const auto secondary = full_scale_secondary(p, *poly);
  if (!secondary) return std::nullopt;
  if (e.weight_basis == PulseWeightBasis::ke) return *secondary;
  return *secondary * transformer_factor(p) / unit_scale_factor(unit_scale_of(p, *kind));
}

// "At full scale, 1,800 watts, there would be 3,600 pulses per hour or 1 per second" with
// Ke = 0.5 (L4379-L4383): full-scale Wh per hour / weight / 3600.
std::optional<double> energy_pulse_full_scale_frequency(const PrimaryConfiguration& p,
                                                        const EnergyPulseSettings& e) {
  const auto per_hour = energy_pulse_full_scale_per_hour(p, e);
  if (!per_hour || e.pulse_weight <= 0) return std::nullopt;
  return *per_hour / e.pulse_weight / 3'600.0;
}

// "enter the desired number of pulses per second and press the 'suggest' button for the
// pulse weight" (L4419-L4423): the inverse of the frequency above.
std::optional<double> suggest_pulse_weight(const PrimaryConfiguration& p,
                                           const EnergyPulseSettings& e, double pulses_per_second) {
  const auto per_hour = energy_pulse_full_scale_per_hour(p, e);
  if (!per_hour || pulses_per_second <= 0) return std::nullopt;
  return *per_hour / (3'600.0 * pulses_per_second);
}

// "From the data, the meter will calculate and display an output table": +1000 W -> 20 mA,
// 0 W -> 9.33 mA, -500 W -> 4 mA on a 4-20 mA output (L4491-L4510), a straight line from
// (minimum, 4 mA) to (maximum, 20 mA). For "+/- 0-1ma" outputs (L4469-L4471) the text does
// not say whether the minimum maps to -1 mA or 0 mA, so no table is computed.
std::optional<double> analog_output_ma(AnalogOutputType type, const AnalogOutput& ao, double x) {
  if (type != AnalogOutputType::ma_4_20 || ao.maximum <= ao.minimum) return std::nullopt;
  if (x < ao.minimum || x > ao.maximum) return std::nullopt;
  return 4.0 + (x - ao.minimum) / (ao.maximum - ao.minimum) * 16.0;
}

boost::json::object input_output_derived_json(const PrimaryConfiguration& p,
                                              const InputOutput& io) {
  boost::json::array pulses;
  for (const auto& ch : io.digital_io) {
    if (ch.input_output != DioMode::output || ch.selection != DioSelection::energy_pulse) continue;
    const auto hz = energy_pulse_full_scale_frequency(p, ch.energy_pulse);
    boost::json::object o;
    o["channel"] = ch.number;
    o["full_scale_per_hour"] = nullable(energy_pulse_full_scale_per_hour(p, ch.energy_pulse));
    o["full_scale_pulse_frequency_hz"] = nullable(hz);
    o["exceeds_max_pulse_rate"] =
        hz ? boost::json::value(*hz > kMaxPulsesPerSecond) : boost::json::value(nullptr);
    pulses.push_back(std::move(o));
  }
  boost::json::array analog;
  for (const auto& ao : io.analog_outputs) {
    boost::json::value table = nullptr;
    if (analog_output_ma(io.analog_output_type, ao, ao.maximum)) {
      // The manual's table: maximum, zero, minimum (L4497-L4510).
      boost::json::array rows;
      auto row = [&](double x) {
        rows.push_back(boost::json::object{
            {"input", x}, {"ma", *analog_output_ma(io.analog_output_type, ao, x)}});
      };
      row(ao.maximum);
      if (ao.minimum < 0 && ao.maximum > 0) row(0.0);
      row(ao.minimum);
      table = std::move(rows);
    }
    boost::json::object o;
    o["number"] = ao.number;
    o["output_table"] = std::move(table);
    analog.push_back(std::move(o));
  }
  boost::json::object out;
  out["energy_pulses"] = std::move(pulses);
  out["analog_outputs"] = std::move(analog);
  return out;
}

}  // namespace jemhead::config
