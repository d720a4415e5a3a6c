#pragma once
// Transformer Gain Correction (manual L2630-L2684): per phase, one voltage correction and
// up to 8 current corrections, each a magnitude (-10.00..+10.00 %, 0.01 % steps) and a
// phase angle (-5.00..+5.00 degrees, 0.01 degree steps). Corrections are specific to a
// meter's own transformers (L2682-L2684): templates must let a meter override them.
#include <vector>

#include "core/config/field_visitor.hpp"

namespace jemhead::config {

struct GainFactor {
  double magnitude_pct = 0.0;
  double angle_deg = 0.0;

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.field("magnitude_pct", s.magnitude_pct, Range{-10.0, 10.0}, Step{0.01}, Seed{"L2663-L2664"},
            "Magnitude (ratio) correction, percent");
    v.field("angle_deg", s.angle_deg, Range{-5.0, 5.0}, Step{0.01}, Seed{"L2665-L2666"},
            "Phase angle correction, degrees");
  }
  bool operator==(const GainFactor&) const = default;
};

// One segment of the current range, "0 to 1 Amp, 1 to 2 Amps, ..." (L2660-L2661): it
// applies from the previous segment's upper bound up to `up_to_amps` (secondary amps).
struct CurrentSegment {
  // The manual gives no limits; 0..100 A secondary covers every class with overrange.
  double up_to_amps = 1.0;
  double magnitude_pct = 0.0;
  double angle_deg = 0.0;

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.field("up_to_amps", s.up_to_amps, Range{0.0, 100.0}, Seed{"L2660-L2661"},
            "Upper end of this current segment, secondary amps");
    v.field("magnitude_pct", s.magnitude_pct, Range{-10.0, 10.0}, Step{0.01}, Seed{"L2663-L2664"},
            "Magnitude (ratio) correction, percent");
    v.field("angle_deg", s.angle_deg, Range{-5.0, 5.0}, Step{0.01}, Seed{"L2665-L2666"},
            "Phase angle correction, degrees");
  }
  bool operator==(const CurrentSegment&) const = default;
};

struct PhaseGainCorrection {
  GainFactor voltage;
  std::vector<CurrentSegment> current_segments;  // none: no current correction

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.section("voltage", s.voltage, Seed{"L2653-L2659"},
              "Single voltage correction applied across the whole range");
    v.list("current_segments", s.current_segments, Count{0, 8}, Seed{"L2654, L2660-L2661"},
           "Up to 8 current-range segments, in ascending order");
  }
  bool operator==(const PhaseGainCorrection&) const = default;
};

struct GainCorrection {
  PhaseGainCorrection phase_a;
  PhaseGainCorrection phase_b;
  PhaseGainCorrection phase_c;

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.section("phase_a", s.phase_a, Seed{"L2652-L2653"}, "Phase A inputs");
    v.section("phase_b", s.phase_b, Seed{"L2652-L2653"}, "Phase B inputs");
    v.section("phase_c", s.phase_c, Seed{"L2652-L2653"}, "Phase C inputs");
  }
  bool operator==(const GainCorrection&) const = default;
};

}  // namespace jemhead::config
