#pragma once
// The meter's metrology as a deterministic function of simulated time. Per element it
// models a load (daily curve, weekday/weekend, seeded noise, a lagging or leading angle)
// and, on some meters, rooftop PV that can push power back (received energy, quadrants
// II and III). Everything is secondary (at the meter's terminals); primary = secondary x
// PT/CT ratio, applied when reporting.
//
// Every value is a pure function of (spec, seed, instant): nothing depends on which
// instants were asked before, so a value can be recomputed at any time.
#include <array>

#include "core/time.hpp"
#include "sim/meter_spec.hpp"

namespace jemhead::sim {

inline constexpr int kPhases = 3;  // A, B, C

// The electrical state of the three elements at one instant: the minimum the energy
// integrator needs, cheap to compute.
struct ElementSample {
  std::array<double, kPhases> volts{};  // RMS V
  std::array<double, kPhases> amps{};   // RMS A
  std::array<double, kPhases> watts{};  // P = V I cos(phi)
  std::array<double, kPhases> vars{};   // Q = V I sin(phi), + lagging
};

struct PhaseValues {
  bool measured = true;  // false for phase B of a two-element (three-wire) meter
  double volts = 0, amps = 0;
  double voltage_angle = 0, current_angle = 0;  // degrees, phase A voltage = 0
  double watts = 0, vars = 0, va = 0;
  double power_factor = 0;  // W / VA, signed like W; 0 when VA is 0
  double q = 0;             // the meter's "Q": V I cos(phi - 60 deg)
};

// The meter's "Q" quantity, V I cos(phi - 60 deg), written through P and Q so the energy
// integrator and the instantaneous report compute it identically.
inline double q_from(double watts, double vars) {
  return 0.5 * watts + 0.86602540378443864676 * vars;
}

struct TotalValues {
  double watts = 0, vars = 0, q = 0;
  double va_arithmetic = 0;                    // sum of per-phase VA
  double va_vectorial = 0;                     // hypot(total W, total VAR)
  double power_factor_arithmetic = 0;          // W / VA arithmetic
  double power_factor_vectorial = 0;           // W / VA vectorial
  double amps_neutral = 0;                     // |Ia + Ib + Ic| on four-wire services
  double volts_average = 0, amps_average = 0;  // over the measured elements
};

struct Instantaneous {
  double frequency = 0;
  std::array<PhaseValues, kPhases> phase{};
  TotalValues total{};
  bool has_line_to_line = false;                     // three-element services only
  std::array<double, kPhases> volts_line_to_line{};  // AB, BC, CA
};

class MetrologyModel {
 public:
  explicit MetrologyModel(const MeterSpec& spec);

  // `unix_seconds` is simulated time (the physical timeline, not the meter's clock).
  ElementSample sample(double unix_seconds) const;
  Instantaneous instantaneous(double unix_seconds) const;
  double frequency(double unix_seconds) const;

  // The parameters the seed chose (reported by the truth endpoint, useful in tests).
  struct Parameters {
    int elements = 3;
    double element_voltage = 120;  // nominal V per element
    double element_current = 5;    // nominal A per element
    double load_level = 0.5;
    double generation = 0;
    double power_factor_angle = 15;  // degrees
    double morning_hour = 8, evening_hour = 18, base_load = 0.35;
    std::array<double, kPhases> phase_share{1, 1, 1};
  };
  const Parameters& parameters() const { return p_; }

 private:
  double load_shape(double unix_seconds) const;   // fraction of peak load
  double solar_shape(double unix_seconds) const;  // 0..1
  // Precomputed noise stream keys (the hot loop hashes only the knot index).
  struct StreamKeys {
    std::uint64_t cloud = 0, frequency_slow = 0, frequency_fast = 0;
    std::array<std::uint64_t, kPhases> volts_slow{}, volts_fast{}, load_slow{}, load_fast{},
        angle_slow{}, volt_angle{};
  };
  std::uint64_t seed_;
  StreamKeys keys_;
  double class_amps_;
  int nominal_hz_;
  bool three_wire_;
  Parameters p_;
};

}  // namespace jemhead::sim
