#pragma once
// TRIGGER SETUP (manual L4515-L4733): up to 64 alarm triggers (L4563-L4567), each with a
// measurement, alarm and reset thresholds with delays (L4612-L4636) and the actions taken
// in alarm (L4647-L4667). All triggers are disabled by default (L4533-L4535).
//
// The trigger table's columns are a screenshot; the fields below are the ones the text
// names. The list is sparse (configured triggers only, each with its number); the factory
// default is appendix C's three disabled voltage triggers (L13563-L13569).
#include <vector>

#include "core/config/field_visitor.hpp"
#include "core/config/load_profile_enums.hpp"
#include "core/config/triggers_enums.hpp"

namespace jemhead::config {

struct Trigger {
  int number = 1;
  bool enabled = false;
  TriggerCategory category = TriggerCategory::instantaneous;
  TriggerMeasurement measurement = TriggerMeasurement::volts;
  // Phase A/B/C/N/polyphase as in load profile; the manual has no per-measurement list for
  // triggers, so no rule ties it to the measurement.
  LpPhase phase = LpPhase::a;
  // Digital Input triggers: the DI channel in the "Trigger On" column (L4285-L4289); 0 = none.
  int trigger_on = 0;
  TriggerWhen alarm_when = TriggerWhen::above;
  double alarm_threshold = 100;
  int trigger_delay_ms = 0;
  // Appendix C gives only the alarm threshold; the reset threshold starts equal to it (no
  // hysteresis).
  double reset_threshold = 100;
  int reset_delay_ms = 0;
  int digital_output = 0;  // DO channel closed while in alarm (L4523-L4525); 0 = none
  bool sag_swell = false;
  bool high_speed_rms = false;
  TriggerWaveformCapture waveform_capture = TriggerWaveformCapture::none;
  bool web_notification = false;

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.field("number", s.number, Range{1, 64}, Seed{"L4563-L4567"}, "Trigger number");
    v.field("enabled", s.enabled, Seed{"L4533-L4541"}, "Trigger active");
    v.field("category", s.category, Seed{"L4571-L4604"}, "Trigger measurement category");
    v.field("measurement", s.measurement, Seed{"L4571-L4604"},
            "Trigger measurement; the list depends on category");
    v.field("phase", s.phase, Seed{"L13565-L13569"}, "Phase measured");
    v.field("trigger_on", s.trigger_on, Range{0, 8}, Seed{"L4279-L4289"},
            "Digital input channel of a Digital Input trigger; 0 = none");
    v.field("alarm_when", s.alarm_when, Seed{"L4517, L13565"},
            "Alarm above (e.g. swell) or below (e.g. sag) the threshold");
    // Thresholds are in the measurement's units (Measurement Units of Primary
    // Configuration, L2603-L2609); the manual gives no limits.
    v.field("alarm_threshold", s.alarm_threshold, Range{-1e12, 1e12}, Seed{"L4517, L4670-L4708"},
            "Alarm threshold");
    // "0 indicates no delay" (L4624-L4626); no maximum in the manual: one hour.
    v.field("trigger_delay_ms", s.trigger_delay_ms, Range{0, 3600000}, Seed{"L4622-L4626"},
            "Time past the threshold before the alarm, ms");
    v.field("reset_threshold", s.reset_threshold, Range{-1e12, 1e12}, Seed{"L4630-L4636"},
            "Level at which the trigger returns to normal (hysteresis)");
    v.field("reset_delay_ms", s.reset_delay_ms, Range{0, 3600000}, Seed{"L4632-L4636"},
            "Time past the reset threshold before returning to normal, ms");
    v.field("digital_output", s.digital_output, Range{0, 8}, Seed{"L4523-L4525, L4448-L4458"},
            "Digital output closed while in alarm (DIO option); 0 = none");
    v.field("sag_swell", s.sag_swell, Seed{"L4527, L4653, L4703-L4710"},
            "Sag/Swell capture (voltage triggers)");
    v.field("high_speed_rms", s.high_speed_rms, Seed{"L4655, L7269-L7271"},
            "High Speed RMS recording (option PQ1 or PQ3)");
    v.field("waveform_capture", s.waveform_capture, Seed{"L4657, L7271, L7355-L7359"},
            "Waveform Capture recording resolution (option PQ2 or PQ3)");
    v.field("web_notification", s.web_notification, Seed{"L4545-L4551, L8015-L8027"},
            "Include in WEB alarm notification (firmware 5.5.2/6.5.2)");
  }
  bool operator==(const Trigger&) const = default;
};

// Appendix C: "Channel n: Volts Line-Neutral, Phase A/B/C, >100, not enabled"
// (L13563-L13569). Line-Neutral is the PQ Voltage Measurement of Primary Configuration,
// which trigger thresholds follow (L4670-L4672), not a trigger field.
inline Trigger factory_voltage_trigger(int number, LpPhase phase) {
  Trigger t;
  t.number = number;
  t.phase = phase;
  return t;
}

struct TriggerSetup {
  std::vector<Trigger> triggers = {factory_voltage_trigger(1, LpPhase::a),
                                   factory_voltage_trigger(2, LpPhase::b),
                                   factory_voltage_trigger(3, LpPhase::c)};

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.list("triggers", s.triggers, Count{0, 64}, Seed{"L4563-L4567, L13563-L13569"},
           "Configured alarm triggers, up to 64");
  }
  bool operator==(const TriggerSetup&) const = default;
};

// The configured trigger with this number, or nullptr.
inline const Trigger* find_trigger(const TriggerSetup& t, int number) {
  for (const auto& tr : t.triggers)
    if (tr.number == number) return &tr;
  return nullptr;
}

}  // namespace jemhead::config
