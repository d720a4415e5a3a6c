#pragma once
// INPUT / OUTPUT (manual L4211-L4514): the internal digital I/O channels (6 on ANSI meters,
// 8 on IEC meters whose channel 8 is input only, L4219-L4229; all need the DIO option) and
// up to 4 analog outputs (ANSI meters with the analog output option, L4467-L4514).
//
// Lists are sparse: only configured channels, each with its number. Appendix C's I/O
// (L13540-L13561) describes a meter that has the DIO board and analog outputs; the
// document's default hardware has neither, so the default holds no channels and
// factory_input_output() gives appendix C's channels for a meter that has them. Appendix
// C's analog outputs ("Watts Phase A, 0-0") are unconfigured, so they are not listed.
#include <algorithm>
#include <vector>

#include "core/config/field_visitor.hpp"
#include "core/config/input_output_enums.hpp"
#include "core/config/load_profile_enums.hpp"
#include "core/config/meter_hardware.hpp"
#include "core/config/time_of_use_enums.hpp"

namespace jemhead::config {

// The Settings submenu of an Energy Pulse output (L4354-L4434).
struct EnergyPulseSettings {
  // Defaults: appendix C's channel 3, "Energy Pulse, 1 shot, Wh polyphase, ke=1" (L13546).
  EnergyPulseMode mode = EnergyPulseMode::one_shot;
  EnergyPulseQuantity quantity = EnergyPulseQuantity::watt_hours;
  EnergyPulseDirection direction = EnergyPulseDirection::delivered;
  EnergyPulsePhase phase = EnergyPulsePhase::polyphase;
  PulseWeightBasis weight_basis = PulseWeightBasis::ke;
  double pulse_weight = 1.0;

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.field("mode", s.mode, Seed{"L4348-L4352, L13546"}, "How the output responds to a count");
    v.field("quantity", s.quantity, Seed{"L4356, L14496-L14512"}, "Energy Quantity");
    v.field("direction", s.direction, Seed{"L4358, L4428-L4434, L14514-L14541"},
            "Power flow direction");
    v.field("phase", s.phase, Seed{"L4358, L14543-L14559"}, "Phase(s) considered");
    v.field("weight_basis", s.weight_basis, Seed{"L4367-L4387"},
            "Pulse weight in secondary (Ke) or primary (pKe) units");
    // The manual gives no limits: the weight must be positive (it divides the energy into
    // pulses); 1e-6..1e9 covers appendix E's 0.004833 and giga units.
    v.field("pulse_weight", s.pulse_weight, Range{0.000001, 1e9}, Seed{"L4367-L4425"},
            "Ke or pKe: energy per pulse");
  }
  bool operator==(const EnergyPulseSettings&) const = default;
};

struct DioChannel {
  int number = 1;
  DioMode input_output = DioMode::input;
  DioSelection selection = DioSelection::status_input;
  EnergyPulseSettings energy_pulse;
  // TOU Rate Override: the rate forced while the input is closed (L4303-L4321), one of
  // the A-H rates of TIME OF USE.
  TouRate override_rate = TouRate::a;

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.field("number", s.number, Range{1, 8}, Seed{"L4221-L4229"},
            "Channel number: 1-6 on ANSI meters, 1-8 on IEC meters");
    v.field("input_output", s.input_output, Seed{"L4221-L4229"}, "Input or output");
    v.field("selection", s.selection, Seed{"L4239-L4466"},
            "Function of the channel; input and output functions differ");
    v.section("energy_pulse", s.energy_pulse, Seed{"L4346-L4434"},
              "Energy Pulse settings (used when selection is energy_pulse)");
    v.field("override_rate", s.override_rate, Seed{"L4303-L4321"},
            "TOU rate forced while the input is closed (used for tou_rate_override)");
  }
  bool operator==(const DioChannel&) const = default;
};

struct AnalogOutput {
  int number = 1;
  // The pull-down of power quantities is a screenshot; the LP instantaneous quantities and
  // their phase lists are used (rules analog_output_quantity / analog_output_phase).
  LpQuantity quantity = LpQuantity::watts;
  LpPhase phase = LpPhase::a;
  double minimum = 0;
  double maximum = 0;

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.field("number", s.number, Range{1, 4}, Seed{"L4469"}, "Analog output number");
    v.field("quantity", s.quantity, Seed{"L4475"}, "Instantaneous power quantity");
    v.field("phase", s.phase, Seed{"L4479-L4481"}, "Phase(s) monitored");
    // No limits in the manual; the values are in the Measurement Units of Primary
    // Configuration and may be negative (L4497-L4510: -500 W maps to 4 mA).
    v.field("minimum", s.minimum, Range{-1e12, 1e12}, Seed{"L4483-L4493"},
            "Input value mapped to the lowest output current");
    v.field("maximum", s.maximum, Range{-1e12, 1e12}, Seed{"L4483-L4493"},
            "Input value mapped to the highest output current");
  }
  bool operator==(const AnalogOutput&) const = default;
};

struct InputOutput {
  std::vector<DioChannel> digital_io;
  // One type for all outputs: "All outputs must be the same (i.e. 0-1mA, or 4-20mA, but
  // not both)" (L4514), so the document cannot say otherwise. Appendix C does not give it
  // (it follows the model code, L4485-L4489); 0-1 mA is the first the manual names.
  AnalogOutputType analog_output_type = AnalogOutputType::ma_0_1;
  std::vector<AnalogOutput> analog_outputs;

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.list("digital_io", s.digital_io, Count{0, 8}, Seed{"L4219-L4235, L13540-L13551"},
           "Configured digital I/O channels (DIO option)");
    v.field("analog_output_type", s.analog_output_type, Seed{"L4469-L4471, L4485-L4489, L4514"},
            "Type of every analog output");
    v.list("analog_outputs", s.analog_outputs, Count{0, 4}, Seed{"L4467-L4514"},
           "Configured analog outputs (ANSI meters with the analog output option)");
  }
  bool operator==(const InputOutput&) const = default;
};

// The configured channel with this number, or nullptr.
inline const DioChannel* find_digital_io(const InputOutput& io, int channel) {
  const auto it = std::find_if(io.digital_io.begin(), io.digital_io.end(),
                               [&](const DioChannel& ch) { return ch.number == channel; });
  return it == io.digital_io.end() ? nullptr : &*it;
}

// Channel `channel` is an input with this function.
inline bool has_digital_input(const InputOutput& io, int channel, DioSelection function) {
  const auto* ch = find_digital_io(io, channel);
  return ch && ch->input_output == DioMode::input && ch->selection == function;
}

// Channel `channel` is an output with this function.
inline bool has_digital_output(const InputOutput& io, int channel, DioSelection function) {
  const auto* ch = find_digital_io(io, channel);
  return ch && ch->input_output == DioMode::output && ch->selection == function;
}

// Some channel is an input with this function (Interval Sync, Record Load Profile, ...).
inline bool any_digital_input(const InputOutput& io, DioSelection function) {
  return std::any_of(io.digital_io.begin(), io.digital_io.end(), [&](const DioChannel& ch) {
    return ch.input_output == DioMode::input && ch.selection == function;
  });
}

// Some channel is an output with this function (Clock Pulse, End of Demand Interval, ...).
inline bool any_digital_output(const InputOutput& io, DioSelection function) {
  return std::any_of(io.digital_io.begin(), io.digital_io.end(), [&](const DioChannel& ch) {
    return ch.input_output == DioMode::output && ch.selection == function;
  });
}

// Appendix C's I/O for a meter with the DIO option (L13540-L13551): inputs 1 Interval Sync
// and 2 Status Input; outputs 3 Wh and 4 VARh energy pulses (1 shot, polyphase, ke=1 and
// pke=1), 5 End of Demand Interval, 6 Triggered Alarm. Without the option: none.
inline InputOutput factory_input_output(const MeterHardware& hw) {
  InputOutput io;
  if (!hw.options.digital_io) return io;
  auto channel = [](int n, DioMode m, DioSelection s) {
    DioChannel ch;
    ch.number = n;
    ch.input_output = m;
    ch.selection = s;
    return ch;
  };
  io.digital_io.push_back(channel(1, DioMode::input, DioSelection::interval_sync));
  io.digital_io.push_back(channel(2, DioMode::input, DioSelection::status_input));
  io.digital_io.push_back(channel(3, DioMode::output, DioSelection::energy_pulse));
  auto varh = channel(4, DioMode::output, DioSelection::energy_pulse);
  varh.energy_pulse.quantity = EnergyPulseQuantity::var_hours;
  varh.energy_pulse.weight_basis = PulseWeightBasis::pke;
  io.digital_io.push_back(varh);
  io.digital_io.push_back(channel(5, DioMode::output, DioSelection::end_of_demand_interval));
  io.digital_io.push_back(channel(6, DioMode::output, DioSelection::triggered_alarm));
  return io;
}

}  // namespace jemhead::config
