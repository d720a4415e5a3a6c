#pragma once
// Cross-field rules of TRIGGER SETUP (manual L4515-L4733), including those that read other
// sections (the digital I/O a trigger uses) or the meter's hardware (options, firmware).
#include <span>

#include "core/config/config_problem.hpp"
#include "core/config/triggers_enums.hpp"

namespace jemhead::config {

struct MeterConfiguration;

inline constexpr RuleRef kTriggerNumbersUnique{"trigger_numbers_unique", "L4563-L4567"};
inline constexpr RuleRef kTriggerMeasurementForCategory{"trigger_measurement_for_category",
                                                        "L4571-L4604"};
inline constexpr RuleRef kTriggerDigitalInput{"trigger_digital_input", "L4279-L4289"};
inline constexpr RuleRef kTriggerResetThreshold{"trigger_reset_threshold", "L4630-L4636"};
inline constexpr RuleRef kTriggerDigitalOutputOption{"trigger_digital_output_option", "L4651"};
inline constexpr RuleRef kTriggerDigitalOutputChannel{"trigger_digital_output_channel",
                                                      "L4448-L4458"};
inline constexpr RuleRef kTriggerSagSwellVoltage{"trigger_sag_swell_voltage",
                                                 "L4661-L4665, L4703-L4705"};
inline constexpr RuleRef kTriggerSagSwellOnePerThreshold{"trigger_sag_swell_one_per_threshold",
                                                         "L4710"};
inline constexpr RuleRef kTriggerRecordingOption{"trigger_recording_option",
                                                 "L4661-L4667, L7269-L7271"};
inline constexpr RuleRef kTriggerNotificationFirmware{"trigger_notification_firmware",
                                                      "L8015-L8027"};

// The category a measurement belongs to; Volts THD % and Amps THD % belong to both
// Instantaneous and Power Quality.
bool trigger_measurement_in_category(TriggerMeasurement m, TriggerCategory c);

// Every rule check_triggers_rules applies (for cross_field_rules()).
std::span<const RuleRef> triggers_rule_refs();
void check_triggers_rules(const MeterConfiguration& c, Problems& out);

}  // namespace jemhead::config
