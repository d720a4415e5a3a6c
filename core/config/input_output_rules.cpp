#include "core/config/input_output_rules.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "core/config/load_profile_rules.hpp"
#include "core/config/meter_configuration.hpp"
#include "core/enum_text.hpp"

namespace jemhead::config {

namespace {

std::string channel_text(const char* what, int number) {
  std::string s = what;
  s += ' ';
  s += std::to_string(number);
  return s;
}

// Numbers of a sparse list appear once; the second and later uses are reported.
template <class T>
void check_unique_numbers(const std::vector<T>& items, const std::string& list_path,
                          Problems& out) {
  for (std::size_t i = 0; i < items.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (items[j].number == items[i].number) {
        report(out, kIoNumbersUnique, child_path(item_path(list_path, i), "number"),
               channel_text("number used twice:", items[i].number));
        break;
      }
}

void check_digital_io(const MeterConfiguration& c, Problems& out) {
  const auto& io = c.input_output;
  const std::string list = "input_output.digital_io";
  if (!io.digital_io.empty() && !c.hardware.options.digital_io)
    report(out, kDigitalIoOption, list,
           "digital I/O channels need the DIO option (hardware.options.digital_io)");
  check_unique_numbers(io.digital_io, list, out);
  for (std::size_t i = 0; i < io.digital_io.size(); ++i) {
    const auto& ch = io.digital_io[i];
    const auto at = item_path(list, i);
    // ANSI: 6 channels, each input or output; IEC: 8, channel 8 input only (L4221-L4229).
    if (c.hardware.standard == MeterStandard::ansi && ch.number > 6)
      report(out, kDioChannelForStandard, child_path(at, "number"),
             "an ANSI meter has digital I/O channels 1-6");
    if (c.hardware.standard == MeterStandard::iec && ch.number == 8 &&
        ch.input_output == DioMode::output)
      report(out, kDioChannelForStandard, child_path(at, "input_output"),
             "channel 8 of an IEC meter is an input only");
    if (is_input_selection(ch.selection) != (ch.input_output == DioMode::input)) {
      std::string msg(to_text(ch.selection));
      msg += " is not a function of an ";
      msg += to_text(ch.input_output);
      report(out, kDioSelectionForMode, child_path(at, "selection"), std::move(msg));
    }
    if (ch.selection == DioSelection::energy_pulse) {
      const auto& ep = ch.energy_pulse;
      using Q = EnergyPulseQuantity;
      using D = EnergyPulseDirection;
      const bool quadrant = ep.direction == D::q1 || ep.direction == D::q2 ||
                            ep.direction == D::q3 || ep.direction == D::q4;
      const bool del_rec = ep.direction == D::delivered || ep.direction == D::received;
      const bool amps = ep.quantity == Q::amp_hours || ep.quantity == Q::amps_squared_hours;
      if ((quadrant && ep.quantity != Q::var_hours) || (del_rec && amps)) {
        std::string msg = "direction ";
        msg += to_text(ep.direction);
        msg += quadrant ? " is valid for var_hours only" : " is not valid for ";
        if (!quadrant) msg += to_text(ep.quantity);
        report(out, kEnergyPulseDirectionForQuantity,
               child_path(child_path(at, "energy_pulse"), "direction"), std::move(msg));
      }
    }
  }
}

void check_analog_outputs(const MeterConfiguration& c, Problems& out) {
  const auto& io = c.input_output;
  const std::string list = "input_output.analog_outputs";
  if (!io.analog_outputs.empty()) {
    if (c.hardware.standard != MeterStandard::ansi)
      report(out, kAnalogOutputsOption, list, "analog outputs exist on ANSI meters only");
    else if (!c.hardware.options.analog_outputs)
      report(out, kAnalogOutputsOption, list,
             "analog outputs need the option (hardware.options.analog_outputs)");
  }
  check_unique_numbers(io.analog_outputs, list, out);
  for (std::size_t i = 0; i < io.analog_outputs.size(); ++i) {
    const auto& ao = io.analog_outputs[i];
    const auto at = item_path(list, i);
    if (lp_type_of(ao.quantity) != LpChannelType::instantaneous) {
      std::string msg(to_text(ao.quantity));
      msg += " is not an instantaneous quantity";
      report(out, kAnalogOutputQuantity, child_path(at, "quantity"), std::move(msg));
    } else {
      const auto phases = lp_phases_for(ao.quantity);
      if (std::find(phases.begin(), phases.end(), ao.phase) == phases.end()) {
        std::string msg = "phase ";
        msg += to_text(ao.phase);
        msg += " is not offered for ";
        msg += to_text(ao.quantity);
        report(out, kAnalogOutputPhaseForQuantity, child_path(at, "phase"), std::move(msg));
      }
    }
    // The output table maps [minimum, maximum] linearly onto the output range
    // (L4497-L4510), which needs maximum > minimum.
    if (!(ao.maximum > ao.minimum))
      report(out, kAnalogOutputRange, child_path(at, "maximum"),
             "maximum must be greater than minimum");
  }
}

// Load profile and demand settings that need the DIO option or a configured input.
void check_dependent_sections(const MeterConfiguration& c, Problems& out) {
  const auto& io = c.input_output;
  const auto& profiles = c.load_profile.profiles;
  const std::string lp = "load_profile.profiles";
  if (profiles.size() >= 2 && !c.hardware.options.dual_load_profile)
    report(out, kLpProfile2Option, item_path(lp, 1),
           "load profile 2 needs the Dual Load Profile option");
  const bool sync_input = any_digital_input(io, DioSelection::interval_sync);
  for (std::size_t p = 0; p < profiles.size(); ++p) {
    const auto at = item_path(lp, p);
    if (profiles[p].external_interval_sync && !sync_input)
      report(out, kLpExternalSyncInput, child_path(at, "external_interval_sync"),
             "external interval sync needs a digital input set to interval_sync");
    const auto& chs = profiles[p].channels;
    for (std::size_t i = 0; i < chs.size(); ++i) {
      const auto ch_at = item_path(child_path(at, "channels"), i);
      const auto& ch = chs[i];
      if (ch.records == LpRecords::digital_input &&
          !any_digital_input(io, DioSelection::record_load_profile))
        report(out, kLpRecordsDigitalInput, child_path(ch_at, "records"),
               "records: digital_input needs a digital input set to record_load_profile");
      // A quantity that is not a digital input is lp_quantity_for_type's problem.
      const bool di =
          ch.quantity >= LpQuantity::digital_input_1 && ch.quantity <= LpQuantity::digital_input_8;
      if (!di) continue;
      const int n =
          1 + static_cast<int>(ch.quantity) - static_cast<int>(LpQuantity::digital_input_1);
      DioSelection needed;
      if (ch.type == LpChannelType::status_input)
        needed = DioSelection::status_input;
      else if (ch.type == LpChannelType::pulse_counter)
        needed = DioSelection::pulse_counter;
      else
        continue;
      if (!has_digital_input(io, n, needed)) {
        std::string msg = channel_text("digital input", n);
        msg += " is not configured as ";
        msg += to_text(needed);
        report(out, kLpInputChannelConfigured, child_path(ch_at, "quantity"), std::move(msg));
      }
    }
  }
  if (c.demands.demand_sync && !sync_input)
    report(out, kDemandSyncInput, "demands.demand_sync",
           "demand synchronisation needs a digital input set to interval_sync");
}

}  // namespace

std::span<const RuleRef> input_output_rule_refs() {
  static constexpr std::array refs{
      kDigitalIoOption,
      kDioChannelForStandard,
      kDioSelectionForMode,
      kIoNumbersUnique,
      kEnergyPulseDirectionForQuantity,
      kAnalogOutputsOption,
      kAnalogOutputQuantity,
      kAnalogOutputPhaseForQuantity,
      kAnalogOutputRange,
      kLpProfile2Option,
      kLpExternalSyncInput,
      kLpRecordsDigitalInput,
      kLpInputChannelConfigured,
      kDemandSyncInput,
  };
  return refs;
}

void check_input_output_rules(const MeterConfiguration& c, Problems& out) {
  check_digital_io(c, out);
  check_analog_outputs(c, out);
  check_dependent_sections(c, out);
}

}  // namespace jemhead::config
