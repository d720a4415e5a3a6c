#pragma once
// Cross-field rules of PROTOCOL SETUP (manual L5887-L6629): point maps and DNP/DLMS settings.
#include <span>

#include "core/config/config_problem.hpp"
#include "core/config/protocols_enums.hpp"

namespace jemhead::config {

struct MeterConfiguration;

inline constexpr RuleRef kProtocolPointNumbersUnique{"protocol_point_numbers_unique",
                                                     "L5984-L5990, L6272-L6276, L6331-L6335"};
inline constexpr RuleRef kCounterRegisterIdForSet{"counter_register_id_for_set", "L6006-L6018"};
inline constexpr RuleRef kAnalogPointTypeForCategory{"analog_point_type_for_category",
                                                     "L6050-L6062"};
inline constexpr RuleRef kAnalogPointQuantityForType{"analog_point_quantity_for_type",
                                                     "L6064-L6066, L12266-L12320, L13060-L13262"};
inline constexpr RuleRef kAnalogPointPhaseForQuantity{"analog_point_phase_for_quantity",
                                                      "L6068-L6078"};
inline constexpr RuleRef kAnalogPointHarmonicNumber{"analog_point_harmonic_number",
                                                    "L6076-L6078, L12302-L12310"};
inline constexpr RuleRef kAnalogPointDirectionForQuantity{"analog_point_direction_for_quantity",
                                                          "L6079-L6085"};
inline constexpr RuleRef kBinaryInputChannelForSource{"binary_input_channel_for_source",
                                                      "L12941-L13003"};
inline constexpr RuleRef kDnpAppConfirmTimeout{"dnp_app_confirm_timeout", "L6182-L6194"};
inline constexpr RuleRef kDnpAnalogScaleForMethod{"dnp_analog_scale_for_method",
                                                  "L6396-L6402, L12384-L12480"};
inline constexpr RuleRef kDlmsSecurePasswordRequired{"dlms_secure_password_required",
                                                     "L6567-L6583"};

// Which measurement types a category offers, and which quantities a type offers.
bool analog_type_in_category(AnalogCategory c, AnalogMeasurementType t);
bool analog_quantity_in_type(AnalogMeasurementType t, AnalogQuantity q);

// Every rule check_protocols_rules applies (for cross_field_rules()).
std::span<const RuleRef> protocols_rule_refs();
void check_protocols_rules(const MeterConfiguration& c, Problems& out);

}  // namespace jemhead::config
