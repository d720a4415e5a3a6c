#pragma once
// MEASUREMENT LOGGING (OPTION) (manual L3573-L3811): up to 400 channels in eight groups of
// 50, each group recorded at one of three configurable intervals. Needs option ML or PQ2/PQ3
// (rules in measurement_log_rules.hpp). Appendix C lists no measurement log: no groups.
#include <vector>

#include "core/config/field_visitor.hpp"
#include "core/config/measurement_log_enums.hpp"

namespace jemhead::config {

// One channel = one quantity, phase and recording method (L3721-L3725).
struct MlChannel {
  MlQuantity quantity = MlQuantity::volts;
  MlPhase phase = MlPhase::a;
  MlDirection direction = MlDirection::none;
  // For individual harmonics the manual's Direction column picks the harmonic (L3715-L3717);
  // kept apart here: 1-64 for harmonics, 1-50 for interharmonics, 0 otherwise.
  int harmonic = 0;
  MlMethod method = MlMethod::average;
  // Scaling, units and compensation defaults are not in the manual: chosen.
  ValueScaling scaling = ValueScaling::primary;
  MlUnits units = MlUnits::units;
  bool transformer_compensation = false;

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.field("quantity", s.quantity, Seed{"L3671-L3699"}, "Measurement");
    v.field("phase", s.phase, Seed{"L3705-L3707"}, "Phase");
    v.field("direction", s.direction, Seed{"L3705-L3707"},
            "Direction, for power and energy quantities");
    v.field("harmonic", s.harmonic, Range{0, 64}, Seed{"L3681-L3687, L3715-L3717"},
            "Harmonic (1-64) or interharmonic (1-50) number; 0 for other quantities");
    v.field("method", s.method, Seed{"L3731-L3761"},
            "Recording method: minimum, maximum, average, total or snapshot");
    v.field("scaling", s.scaling, Seed{"L3707-L3709, L3765-L3767"}, "Primary or secondary value");
    v.field("units", s.units, Seed{"L3707-L3709, L3767"}, "Engineering units");
    v.field("transformer_compensation", s.transformer_compensation, Seed{"L3767-L3769"},
            "Apply transformer loss compensation (power and energy quantities)");
  }
  bool operator==(const MlChannel&) const = default;
};

// A group of up to 50 channels; only configured groups are listed (sparse), each with its
// number.
struct MlGroup {
  int number = 1;
  int recording_interval = 1;  // which of the three configurable intervals
  std::vector<MlChannel> channels;

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.field("number", s.number, Range{1, 8}, Seed{"L3604-L3606"}, "Group (log) number 1-8");
    v.field("recording_interval", s.recording_interval, Range{1, 3}, Seed{"L3604-L3608"},
            "Which of the three recording intervals the group uses");
    v.list("channels", s.channels, Count{0, 50}, Seed{"L3583-L3585, L3604-L3606"},
           "Measurement channels, up to 50");
  }
  bool operator==(const MlGroup&) const = default;
};

struct MeasurementLog {
  // Appendix C is silent: 15 minutes, like load profile and demand.
  MlRecordingInterval recording_interval_1 = MlRecordingInterval::minutes_15;
  MlRecordingInterval recording_interval_2 = MlRecordingInterval::minutes_15;
  MlRecordingInterval recording_interval_3 = MlRecordingInterval::minutes_15;
  std::vector<MlGroup> groups;

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.field("recording_interval_1", s.recording_interval_1, Seed{"L3604-L3622"},
            "Recording interval 1");
    v.field("recording_interval_2", s.recording_interval_2, Seed{"L3604-L3622"},
            "Recording interval 2");
    v.field("recording_interval_3", s.recording_interval_3, Seed{"L3604-L3622"},
            "Recording interval 3");
    v.list("groups", s.groups, Count{0, 8}, Seed{"L3583-L3587, L3604-L3608"},
           "Configured groups of channels (eight groups of 50 at most)");
  }
  bool operator==(const MeasurementLog&) const = default;
};

}  // namespace jemhead::config
