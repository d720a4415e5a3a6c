#pragma once
// Enumerations of PROTOCOL SETUP (manual L5887-L6629) and their JSON spellings. Modbus and
// DNP share the point vocabulary (L6050-L6093 and L6337-L6380 are the same lists).
#include <array>
#include <string_view>
#include <utility>

#include "core/config/analog_quantity_enums.hpp"
#include "core/enum_text.hpp"

namespace jemhead::config {

// Register Set of a counter point: one of the 50 Normal (IDs 0-49) or 50 Alternate
// (IDs 100-149) display registers (L5994-L6018).
enum class RegisterSet { normal, alternate };

// Category and Measurement Type of an analog point (L6050-L6062).
enum class AnalogCategory { metering, power_quality, fault };
enum class AnalogMeasurementType {
  instantaneous,
  integrated,
  harmonic,
  interharmonic,
  flicker,
  negative_sequence,
  positive_sequence,
  zero_sequence,
};

// Phase (L6068-L6078): Neutral only for Amps; ignored for Frequency.
enum class AnalogPhase { a, b, c, polyphase, neutral };
// Direction "where applicable" (L6079-L6085): Q1-Q4 for VARs; none where not applicable.
enum class AnalogDirection {
  delivered,
  received,
  bidirectional,
  absolute,
  q1,
  q2,
  q3,
  q4,
  none,
};
// TLC (L6087-L6093): applies to Watt, VAR, VA, Q and PF, ignored otherwise.
enum class AnalogTlc { uncompensated, compensated };

// What a Modbus input-status / DNP binary-input point reports (appendix B L12928-L13003,
// appendix A L11913-L12009): a digital input, an alarm trigger or one meter status flag.
enum class BinaryInputSource {
  digital_input,
  trigger,
  volts_phase_a_status,
  volts_phase_b_status,
  volts_phase_c_status,
  clock_sync_status,
  battery_status,
  internal_comm_status,
  calibration_status,
  configuration_status,
  firmware_status,
  test_mode_status,
};

// DNP Data Link Confirm Mode (L6160-L6166).
enum class DnpDataLinkConfirmMode { always, sometimes, never };
// DNP Analog Scaling method (L6321-L6327, L6392-L6402; appendix A L12321-L12500).
enum class DnpAnalogScaling { sixteen_bit, thirty_two_bit };

}  // namespace jemhead::config

namespace jemhead {

template <>
struct EnumText<config::RegisterSet> {
  using E = config::RegisterSet;
  static constexpr std::array<std::pair<E, std::string_view>, 2> names{
      {{E::normal, "normal"}, {E::alternate, "alternate"}}};
};

template <>
struct EnumText<config::AnalogCategory> {
  using E = config::AnalogCategory;
  static constexpr std::array<std::pair<E, std::string_view>, 3> names{
      {{E::metering, "metering"}, {E::power_quality, "power_quality"}, {E::fault, "fault"}}};
};

template <>
struct EnumText<config::AnalogMeasurementType> {
  using E = config::AnalogMeasurementType;
  static constexpr std::array<std::pair<E, std::string_view>, 8> names{
      {{E::instantaneous, "instantaneous"},
       {E::integrated, "integrated"},
       {E::harmonic, "harmonic"},
       {E::interharmonic, "interharmonic"},
       {E::flicker, "flicker"},
       {E::negative_sequence, "negative_sequence"},
       {E::positive_sequence, "positive_sequence"},
       {E::zero_sequence, "zero_sequence"}}};
};

template <>
struct EnumText<config::AnalogPhase> {
  using E = config::AnalogPhase;
  static constexpr std::array<std::pair<E, std::string_view>, 5> names{{{E::a, "A"},
                                                                        {E::b, "B"},
                                                                        {E::c, "C"},
                                                                        {E::polyphase, "polyphase"},
                                                                        {E::neutral, "neutral"}}};
};

template <>
struct EnumText<config::AnalogDirection> {
  using E = config::AnalogDirection;
  static constexpr std::array<std::pair<E, std::string_view>, 9> names{
      {{E::delivered, "delivered"},
       {E::received, "received"},
       {E::bidirectional, "bidirectional"},
       {E::absolute, "absolute"},
       {E::q1, "Q1"},
       {E::q2, "Q2"},
       {E::q3, "Q3"},
       {E::q4, "Q4"},
       {E::none, "none"}}};
};

template <>
struct EnumText<config::AnalogTlc> {
  using E = config::AnalogTlc;
  static constexpr std::array<std::pair<E, std::string_view>, 2> names{
      {{E::uncompensated, "uncompensated"}, {E::compensated, "compensated"}}};
};

template <>
struct EnumText<config::BinaryInputSource> {
  using E = config::BinaryInputSource;
  static constexpr std::array<std::pair<E, std::string_view>, 12> names{
      {{E::digital_input, "digital_input"},
       {E::trigger, "trigger"},
       {E::volts_phase_a_status, "volts_phase_a_status"},
       {E::volts_phase_b_status, "volts_phase_b_status"},
       {E::volts_phase_c_status, "volts_phase_c_status"},
       {E::clock_sync_status, "clock_sync_status"},
       {E::battery_status, "battery_status"},
       {E::internal_comm_status, "internal_comm_status"},
       {E::calibration_status, "calibration_status"},
       {E::configuration_status, "configuration_status"},
       {E::firmware_status, "firmware_status"},
       {E::test_mode_status, "test_mode_status"}}};
};

template <>
struct EnumText<config::DnpDataLinkConfirmMode> {
  using E = config::DnpDataLinkConfirmMode;
  static constexpr std::array<std::pair<E, std::string_view>, 3> names{
      {{E::always, "always"}, {E::sometimes, "sometimes"}, {E::never, "never"}}};
};

template <>
struct EnumText<config::DnpAnalogScaling> {
  using E = config::DnpAnalogScaling;
  static constexpr std::array<std::pair<E, std::string_view>, 2> names{
      {{E::sixteen_bit, "16_bit"}, {E::thirty_two_bit, "32_bit"}}};
};

}  // namespace jemhead
