#pragma once
// Cross-field rules of DISPLAY REGISTERS (manual L2685-L3301), including those that read other
// sections or the meter's hardware.
#include <span>

#include "core/config/config_problem.hpp"
#include "core/config/display_registers.hpp"

namespace jemhead::config {

struct MeterConfiguration;

// Normal 0-49, Alternate 100-149, Test 200-249 (L2711-L2715, L2812-L2821).
inline constexpr RuleRef kDisplayRegisterIdInListRange{"display_register_id_in_list_range",
                                                       "L2711-L2715, L2812-L2821"};
// One register per ID; the lists' ranges do not overlap, so unique within a list is unique.
inline constexpr RuleRef kDisplayRegisterIdUnique{"display_register_id_unique", "L2802-L2810"};
// Category decides the Register Type list (L2823-L2849, L2857-L2867, L3241-L3249).
inline constexpr RuleRef kRegisterTypeForCategory{"register_type_for_category",
                                                  "L2845-L2867, L3241-L3249"};
// Type (and category) decides the Quantity list (L2875-L2879). The pull-down is a
// screenshot: energy quantities for Consumption, demand quantities for the demand types,
// every instantaneous quantity for Instantaneous and Coincident (a coincident register
// captures any value at the time of a peak, L17540-L17542), the per-category lists of
// L3136-L3279 otherwise.
inline constexpr RuleRef kRegisterQuantityForType{"register_quantity_for_type", "L2875-L2879"};
// A, B, C, Polyphase; Average for Amps and Amps² only (L2880-L2884); N (L3104) for current
// quantities as in the load profile; PQ phases as listed at L3213-L3235.
inline constexpr RuleRef kRegisterPhaseForQuantity{"register_phase_for_quantity",
                                                   "L2880-L2884, L3213-L3235"};
// Delivered/Received; Q1-Q4 for VARs and VAR-hours (as the load profile, L3431-L3439);
// Bi-directional for Instantaneous registers only (L2894-L2896).
inline constexpr RuleRef kRegisterDirectionForQuantity{"register_direction_for_quantity",
                                                       "L2888-L2896"};
// TOU and Storage Type are columns of the Register category only (L2902-L2945, and the
// category lists of L3136-L3279 name neither).
inline constexpr RuleRef kRegisterTouStorageForCategory{"register_tou_storage_for_category",
                                                        "L2902-L2945"};
// "This storage type is only available for Consumption registers" (L2943-L2945).
inline constexpr RuleRef kDisplayPrevHourOnlyConsumption{"display_prev_hour_only_consumption",
                                                         "L2943-L2945"};
// A Coincident Demand (Thermal) register names a Peak Demand (Peak Thermal) register
// configured in the meter; other registers name none (glossary L17538-L17546).
inline constexpr RuleRef kCoincidentRegisterLinksPeak{"coincident_register_links_peak",
                                                      "L17538-L17546"};
// "Up to 8 Normal Registers and 8 Alternate Registers can be selected as 'Self Read'"
// (L2989-L2991, L9027-L9029); Test registers cannot.
inline constexpr RuleRef kSelfReadRegisterLimit{"self_read_register_limit",
                                                "L2989-L2991, L9027-L9029"};
// "Up to four (4) registers can be mapped to one screen" (L2733-L2735, L3002-L3004).
inline constexpr RuleRef kScreenAtMostFourRegisters{"screen_at_most_four_registers",
                                                    "L2733-L2735, L3002-L3004"};
// Alarm, Comm Status, Blank Screen, White Screen and Phasor Display are full-screen and
// "should be displayed alone" (L3004-L3014, L3185, L3205).
inline constexpr RuleRef kFullScreenRegisterAlone{"full_screen_register_alone",
                                                  "L3004-L3014, L3185, L3205"};
// "The meter must be enabled with option PQ2, PQ3" (L3208-L3209).
inline constexpr RuleRef kPqRegisterNeedsPqOption{"pq_register_needs_pq_option", "L3208-L3209"};
// An External Input register reads a digital input that Input/Output configures as an
// input with the register's type, Status Input or Pulse Counter: "Only available Digital
// Inputs configured as Status Inputs will be shown" (L3250-L3267).
inline constexpr RuleRef kExternalInputNeedsDigitalInput{"external_input_needs_digital_input",
                                                         "L3250-L3267"};
// A MID meter keeps its fixed billing registers (L2364-L2394): Normal Whr/VARhr Delivered/
// Received working, Alternate the same at BPR plus the Billing Reset time and date.
inline constexpr RuleRef kMidFixedBillingRegisters{"mid_fixed_billing_registers", "L2364-L2394"};

// The choices each column offers given the columns to its left (the rules above; also what
// an editor offers).
std::span<const RegisterType> register_types_for(RegisterCategory category);
// Empty when the type does not belong to the category.
std::span<const RegisterQuantity> register_quantities_for(RegisterCategory category,
                                                          RegisterType type);
std::span<const RegisterPhase> register_phases_for(RegisterQuantity quantity);
// Without Bi-directional, which Instantaneous registers add to a directed quantity.
std::span<const RegisterDirection> register_directions_for(RegisterQuantity quantity);

// The fixed MID registers (L2364-L2394) as the registers a list must contain.
std::span<const DisplayRegister> mid_normal_registers();
std::span<const DisplayRegister> mid_alternate_registers();

// Every rule check_display_registers_rules applies (for cross_field_rules()).
std::span<const RuleRef> display_registers_rule_refs();
void check_display_registers_rules(const MeterConfiguration& c, Problems& out);

}  // namespace jemhead::config
