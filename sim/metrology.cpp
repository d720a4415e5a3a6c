#include "sim/metrology.hpp"

#include <algorithm>
#include <cmath>
#include <complex>
#include <numbers>

#include "sim/noise.hpp"

namespace jemhead::sim {

namespace {

constexpr double kDeg = std::numbers::pi / 180.0;
constexpr double kDay = 86400.0;

// Noise streams: one id per independent signal, so adding a signal never changes others.
enum Stream : std::uint32_t {
  kParamLoad = 1,
  kParamGeneration,
  kParamHasGeneration,
  kParamAngle,
  kParamMorning,
  kParamEvening,
  kParamBase,
  kParamShare,  // + phase
  kFrequencySlow = 20,
  kFrequencyFast,
  kCloud,
  kVoltsSlow = 40,  // + phase
  kVoltsFast = 50,  // + phase
  kLoadSlow = 60,   // + phase
  kLoadFast = 70,   // + phase
  kAngleSlow = 80,  // + phase
  kVoltAngle = 90,  // + phase
};

double lerp(double lo, double hi, double fraction) {
  return lo + (hi - lo) * fraction;
}

// Distance in hours between two hours of the day, wrapping at midnight.
double hour_distance(double a, double b) {
  double d = std::fabs(a - b);
  return d > 12 ? 24 - d : d;
}

double hour_of_day(double unix_seconds) {
  return (unix_seconds - std::floor(unix_seconds / kDay) * kDay) / 3600.0;
}

// 1 on weekdays, 0.8 on weekends, blended linearly between noons so the curve is smooth.
double weekday_factor(double unix_seconds) {
  auto factor = [](double day) {
    const auto d = static_cast<std::int64_t>(day) + 4;  // 1970-01-01 was a Thursday
    const auto weekday = ((d % 7) + 7) % 7;             // 0 = Sunday
    return (weekday == 0 || weekday == 6) ? 0.8 : 1.0;
  };
  const double d = unix_seconds / kDay - 0.5;  // days since the noon before the epoch
  const double day = std::floor(d);
  return lerp(factor(day), factor(day + 1), d - day);
}

}  // namespace

MetrologyModel::MetrologyModel(const MeterSpec& spec)
    : seed_(spec.seed),
      class_amps_(spec.class_amps),
      nominal_hz_(spec.frequency),
      three_wire_(element_count(spec.service) == 2) {
  p_.elements = element_count(spec.service);
  p_.element_voltage = spec.nominal_voltage;
  p_.element_current = spec.nominal_current;
  p_.load_level =
      spec.load_level >= 0 ? spec.load_level : lerp(0.3, 0.8, seeded_fraction(seed_, kParamLoad));
  if (spec.generation >= 0) {
    p_.generation = spec.generation;
  } else {
    // About one meter in three has PV, sized from a small array to one that exports.
    const bool has_pv = seeded_fraction(seed_, kParamHasGeneration) < 0.35;
    p_.generation = has_pv ? lerp(0.1, 0.9, seeded_fraction(seed_, kParamGeneration)) : 0.0;
  }
  p_.power_factor_angle = spec.power_factor_angle > -1000
                              ? spec.power_factor_angle
                              : lerp(-10.0, 35.0, seeded_fraction(seed_, kParamAngle));
  p_.morning_hour = lerp(6.5, 9.0, seeded_fraction(seed_, kParamMorning));
  p_.evening_hour = lerp(17.0, 20.0, seeded_fraction(seed_, kParamEvening));
  p_.base_load = lerp(0.25, 0.45, seeded_fraction(seed_, kParamBase));
  for (int ph = 0; ph < kPhases; ++ph)
    p_.phase_share[ph] = lerp(0.9, 1.1, seeded_fraction(seed_, kParamShare + ph));
  if (three_wire_) p_.phase_share[1] = 0.0;
  keys_.cloud = stream_key(seed_, kCloud);
  keys_.frequency_slow = stream_key(seed_, kFrequencySlow);
  keys_.frequency_fast = stream_key(seed_, kFrequencyFast);
  for (std::uint32_t ph = 0; ph < kPhases; ++ph) {
    keys_.volts_slow[ph] = stream_key(seed_, kVoltsSlow + ph);
    keys_.volts_fast[ph] = stream_key(seed_, kVoltsFast + ph);
    keys_.load_slow[ph] = stream_key(seed_, kLoadSlow + ph);
    keys_.load_fast[ph] = stream_key(seed_, kLoadFast + ph);
    keys_.angle_slow[ph] = stream_key(seed_, kAngleSlow + ph);
    keys_.volt_angle[ph] = stream_key(seed_, kVoltAngle + ph);
  }
}

double MetrologyModel::load_shape(double t) const {
  const double h = hour_of_day(t);
  const double dm = hour_distance(h, p_.morning_hour) / 1.5;
  const double de = hour_distance(h, p_.evening_hour) / 2.5;
  const double peaks = 0.6 * std::exp(-0.5 * dm * dm) + std::exp(-0.5 * de * de);
  const double shape = p_.base_load + (1.0 - p_.base_load) * std::min(peaks, 1.0);
  return shape * weekday_factor(t);
}

double MetrologyModel::solar_shape(double t) const {
  if (p_.generation <= 0) return 0.0;
  const double sun = std::sin(std::numbers::pi * (hour_of_day(t) - 6.0) / 12.0);
  if (sun <= 0) return 0.0;
  const double cloud = 0.5 * (smooth_noise_keyed(keys_.cloud, t, 1200.0) + 1.0);  // 0..1
  return sun * (0.65 + 0.35 * cloud);
}

double MetrologyModel::frequency(double t) const {
  return nominal_hz_ + 0.015 * smooth_noise_keyed(keys_.frequency_slow, t, 60.0) +
         0.004 * smooth_noise_keyed(keys_.frequency_fast, t, 5.0);
}

ElementSample MetrologyModel::sample(double t) const {
  ElementSample s;
  const double load = p_.load_level * load_shape(t);
  const double pv_watts = p_.generation * p_.element_voltage * p_.element_current * solar_shape(t);
  for (int ph = 0; ph < kPhases; ++ph) {
    if (p_.phase_share[ph] == 0.0) continue;  // unmeasured element
    const double load_noise = 1.0 + 0.12 * smooth_noise_keyed(keys_.load_slow[ph], t, 900.0) +
                              0.03 * smooth_noise_keyed(keys_.load_fast[ph], t, 30.0);
    const double load_amps =
        std::max(0.0, p_.element_current * p_.phase_share[ph] * load * load_noise);
    // Voltage sags a little under load, plus slow and fast wander.
    const double volts = p_.element_voltage *
                         (1.0 + 0.015 * smooth_noise_keyed(keys_.volts_slow[ph], t, 1800.0) +
                          0.003 * smooth_noise_keyed(keys_.volts_fast[ph], t, 10.0) - 0.01 * load);
    const double angle =
        (p_.power_factor_angle + 4.0 * smooth_noise_keyed(keys_.angle_slow[ph], t, 600.0)) * kDeg;
    // Net complex power: load minus unity-power-factor PV export.
    double p = volts * load_amps * std::cos(angle) - pv_watts;
    double q = volts * load_amps * std::sin(angle);
    double amps = std::sqrt(p * p + q * q) / volts;
    if (amps > class_amps_) {  // the meter's class current bounds what it can see
      const double k = class_amps_ / amps;
      p *= k;
      q *= k;
      amps = class_amps_;
    }
    s.volts[ph] = volts;
    s.amps[ph] = amps;
    s.watts[ph] = p;
    s.vars[ph] = q;
  }
  return s;
}

Instantaneous MetrologyModel::instantaneous(double t) const {
  const ElementSample s = sample(t);
  Instantaneous out;
  out.frequency = frequency(t);
  // Voltage phasor positions: ABC rotation for wye; a two-element meter measures Vab
  // (at +30 deg) and Vcb (at +90 deg).
  const std::array<double, kPhases> nominal_angle =
      three_wire_ ? std::array<double, kPhases>{30.0, 0.0, 90.0}
                  : std::array<double, kPhases>{0.0, -120.0, 120.0};
  std::complex<double> neutral{0, 0};
  std::array<std::complex<double>, kPhases> v_phasor{};
  int measured = 0;
  TotalValues& tot = out.total;
  for (int ph = 0; ph < kPhases; ++ph) {
    PhaseValues& pv = out.phase[ph];
    pv.measured = p_.phase_share[ph] != 0.0;
    if (!pv.measured) continue;
    ++measured;
    const double phi_deg = std::atan2(s.vars[ph], s.watts[ph]) / kDeg;
    const double v_angle =
        ph == 0 && !three_wire_
            ? 0.0
            : nominal_angle[ph] + 0.3 * smooth_noise_keyed(keys_.volt_angle[ph], t, 300);
    pv.volts = s.volts[ph];
    pv.amps = s.amps[ph];
    pv.voltage_angle = v_angle;
    pv.current_angle = std::remainder(v_angle - phi_deg, 360.0);
    pv.watts = s.watts[ph];
    pv.vars = s.vars[ph];
    pv.va = s.volts[ph] * s.amps[ph];
    pv.power_factor = pv.va > 0 ? pv.watts / pv.va : 0.0;
    pv.q = q_from(pv.watts, pv.vars);
    v_phasor[ph] = std::polar(pv.volts, v_angle * kDeg);
    neutral += std::polar(pv.amps, pv.current_angle * kDeg);
    tot.watts += pv.watts;
    tot.vars += pv.vars;
    tot.q += pv.q;
    tot.va_arithmetic += pv.va;
    tot.volts_average += pv.volts;
    tot.amps_average += pv.amps;
  }
  tot.va_vectorial = std::hypot(tot.watts, tot.vars);
  tot.power_factor_arithmetic = tot.va_arithmetic > 0 ? tot.watts / tot.va_arithmetic : 0.0;
  tot.power_factor_vectorial = tot.va_vectorial > 0 ? tot.watts / tot.va_vectorial : 0.0;
  tot.volts_average /= measured;
  tot.amps_average /= measured;
  tot.amps_neutral = three_wire_ ? 0.0 : std::abs(neutral);
  out.has_line_to_line = !three_wire_;
  if (out.has_line_to_line)
    for (int ph = 0; ph < kPhases; ++ph)
      out.volts_line_to_line[ph] = std::abs(v_phasor[ph] - v_phasor[(ph + 1) % kPhases]);
  return out;
}

}  // namespace jemhead::sim
