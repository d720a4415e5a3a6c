#pragma once
// Cross-field rules of INPUT / OUTPUT (manual L4211-L4514), including those that read other
// sections or the meter's hardware: the load profile and demand settings that need a
// digital input configured for them, and the options the I/O needs.
#include <span>

#include "core/config/config_problem.hpp"

namespace jemhead::config {

struct MeterConfiguration;

// The section's own rules.
inline constexpr RuleRef kDigitalIoOption{"digital_io_option", "L3332-L3334, L4651"};
inline constexpr RuleRef kDioChannelForStandard{"dio_channel_for_standard", "L4221-L4229"};
inline constexpr RuleRef kDioSelectionForMode{"dio_selection_for_mode", "L4239, L4345"};
inline constexpr RuleRef kIoNumbersUnique{"io_numbers_unique", "L4221-L4229, L4469"};
inline constexpr RuleRef kEnergyPulseDirectionForQuantity{"energy_pulse_direction_for_quantity",
                                                          "L4426-L4434"};
inline constexpr RuleRef kAnalogOutputsOption{"analog_outputs_option", "L4467-L4471"};
inline constexpr RuleRef kAnalogOutputQuantity{"analog_output_quantity", "L4475"};
inline constexpr RuleRef kAnalogOutputPhaseForQuantity{"analog_output_phase_for_quantity",
                                                       "L4479-L4481"};
inline constexpr RuleRef kAnalogOutputRange{"analog_output_range", "L4491-L4510"};

// Rules of other sections that depend on the I/O or on options.
inline constexpr RuleRef kLpProfile2Option{"lp_profile_2_option", "L3310-L3316"};
inline constexpr RuleRef kLpExternalSyncInput{"lp_external_sync_input", "L3334-L3338, L4253-L4255"};
inline constexpr RuleRef kLpRecordsDigitalInput{"lp_records_digital_input",
                                                "L3452-L3454, L4335-L4341"};
inline constexpr RuleRef kLpInputChannelConfigured{"lp_input_channel_configured", "L3409-L3413"};
inline constexpr RuleRef kDemandSyncInput{"demand_sync_input", "L3530-L3534, L4255-L4256"};

// Every rule check_input_output_rules applies (for cross_field_rules()).
std::span<const RuleRef> input_output_rule_refs();
void check_input_output_rules(const MeterConfiguration& c, Problems& out);

}  // namespace jemhead::config
