#pragma once
// The meter's COSEM objects other than the load-profile channel sources, one entry per
// object the manual lists (Appendix E, L14075-L16851), in the manual's order and words:
// 29 Data objects, 53 Registers, 2 load profiles, the Ethernet connection log, the clock
// and the Association LN. SAP Assignment (IC17) is listed as implemented (L14051-L14057)
// but without an OBIS code, and the LP's "Operating Status" capture object has none
// either (L15159), so neither can be an entry here.
#include <optional>

#include "drivers/protocol/dlms/cosem/object_model.hpp"

namespace jemhead::dlms::cosem {
namespace table_detail {

using T = axdr::DataType;

constexpr CosemObject data_object(Obis obis, std::string_view description,
                                  std::optional<axdr::DataType> type, Kind kind) {
  return {obis,
          class_id::data,
          class_version(class_id::data),
          description,
          ObjectSource::data_objects,
          class_attributes(class_id::data),
          0,
          type,
          std::nullopt,
          std::nullopt,
          kind};
}

// Every register is RO and "Double long unsigned"; the scaler is the example's 0 (L14809).
constexpr CosemObject register_object(Obis obis, std::string_view description,
                                      std::optional<Unit> unit, Kind kind, Quantity quantity,
                                      Phase phase, Direction direction) {
  return {obis,
          class_id::register_,
          class_version(class_id::register_),
          description,
          ObjectSource::registers,
          class_attributes(class_id::register_),
          0,
          T::double_long_unsigned,
          unit,
          std::int8_t{0},
          kind,
          quantity,
          phase,
          direction};
}

constexpr CosemObject profile_object(Obis obis, std::string_view description, ObjectSource source,
                                     Kind kind) {
  return {obis,
          class_id::profile_generic,
          class_version(class_id::profile_generic),
          description,
          source,
          class_attributes(class_id::profile_generic),
          0,
          T::array,
          std::nullopt,
          std::nullopt,
          kind};
}

}  // namespace table_detail

// clang-format off
inline constexpr CosemObject kMeterObjects[] = {
    // Data Objects Available for DLMS (L14080-L14216). CPLD firmware version prints no
    // access and no type (L14136).
    table_detail::data_object("0.0.0.2.1.255"_obis, "Register firmware version", table_detail::T::visible_string, Kind::firmware),
    table_detail::data_object("0.0.0.2.8.255"_obis, "Register firmware signature", table_detail::T::octet_string, Kind::firmware),
    table_detail::data_object("0.1.0.2.1.255"_obis, "Metrology firmware version", table_detail::T::visible_string, Kind::firmware),
    table_detail::data_object("0.1.0.2.8.255"_obis, "Metrology firmware signature", table_detail::T::octet_string, Kind::firmware),
    table_detail::data_object("0.2.0.2.1.255"_obis, "Service firmware version", table_detail::T::visible_string, Kind::firmware),
    table_detail::data_object("0.2.0.2.8.255"_obis, "Service firmware signature", table_detail::T::octet_string, Kind::firmware),
    table_detail::data_object("0.3.0.2.1.255"_obis, "PQ firmware version", table_detail::T::visible_string, Kind::firmware),
    table_detail::data_object("0.3.0.2.8.255"_obis, "PQ firmware signature", table_detail::T::octet_string, Kind::firmware),
    table_detail::data_object("0.4.0.2.1.255"_obis, "FPGA firmware version", table_detail::T::visible_string, Kind::firmware),
    table_detail::data_object("0.4.0.2.8.255"_obis, "FPGA firmware signature", table_detail::T::octet_string, Kind::firmware),
    table_detail::data_object("0.5.0.2.1.255"_obis, "Digital I/O firmware version", table_detail::T::visible_string, Kind::firmware),
    table_detail::data_object("0.6.0.2.1.255"_obis, "Analog Out/Modem firmware version", table_detail::T::visible_string, Kind::firmware),
    table_detail::data_object("0.7.0.2.1.255"_obis, "CPLD firmware version", std::nullopt, Kind::firmware),
    table_detail::data_object("0.0.96.11.0.255"_obis, "AMETEK Meter Serial Number", table_detail::T::visible_string, Kind::identification),
    table_detail::data_object("0.0.96.11.1.255"_obis, "Meter ID #", table_detail::T::visible_string, Kind::identification),
    table_detail::data_object("0.0.96.11.2.255"_obis, "Meter Administrator", table_detail::T::visible_string, Kind::identification),
    table_detail::data_object("0.0.96.11.3.255"_obis, "Meter Location", table_detail::T::visible_string, Kind::identification),
    table_detail::data_object("0.0.96.11.4.255"_obis, "Meter Configuration ID", table_detail::T::visible_string, Kind::identification),
    table_detail::data_object("0.0.96.11.5.255"_obis, "Meter Account Number", table_detail::T::visible_string, Kind::identification),
    table_detail::data_object("1.0.0.4.2.255"_obis, "Ch.0 Transformer ratio - Current Primary", table_detail::T::double_long_unsigned, Kind::transformer_ratio),
    table_detail::data_object("1.0.0.4.3.255"_obis, "Ch.0 Transformer ratio - Voltage Primary", table_detail::T::double_long_unsigned, Kind::transformer_ratio),
    table_detail::data_object("1.0.0.4.5.255"_obis, "Ch.0 Transformer ratio - Current Secondary", table_detail::T::double_long_unsigned, Kind::transformer_ratio),
    table_detail::data_object("1.0.0.4.6.255"_obis, "Ch.0 Transformer ratio - Voltage Secondary", table_detail::T::double_long_unsigned, Kind::transformer_ratio),
    table_detail::data_object("1.0.0.8.4.255"_obis, "Load Profile Group 1 Recording Interval", table_detail::T::double_long_unsigned, Kind::lp_configuration),
    table_detail::data_object("1.0.0.8.5.255"_obis, "Load Profile Group 2 Recording Interval", table_detail::T::double_long_unsigned, Kind::lp_configuration),
    table_detail::data_object("1.128.103.0.0.255"_obis, "Load Profile Group 1 Scaling Factor (Km)", table_detail::T::array, Kind::lp_configuration),
    table_detail::data_object("1.128.104.0.0.255"_obis, "Load Profile Group 2 Scaling Factor (Km)", table_detail::T::array, Kind::lp_configuration),
    table_detail::data_object("1.128.100.0.0.255"_obis, "Energy pulse settings", table_detail::T::array, Kind::lp_configuration),
    table_detail::data_object("1.128.101.0.0.255"_obis, "LED and Optical pulse settings", table_detail::T::array, Kind::lp_configuration),
    // Register Measurements Available for DLMS (L14670-L14871): units as printed, PF blank.
    table_detail::register_object("1.0.21.7.0.255"_obis, "Watts Del A", Unit::watt, Kind::instantaneous, Quantity::active, Phase::a, Direction::delivered),
    table_detail::register_object("1.0.41.7.0.255"_obis, "Watts Del B", Unit::watt, Kind::instantaneous, Quantity::active, Phase::b, Direction::delivered),
    table_detail::register_object("1.0.61.7.0.255"_obis, "Watts Del C", Unit::watt, Kind::instantaneous, Quantity::active, Phase::c, Direction::delivered),
    table_detail::register_object("1.0.1.7.0.255"_obis, "Watts Del Poly", Unit::watt, Kind::instantaneous, Quantity::active, Phase::polyphase, Direction::delivered),
    table_detail::register_object("1.0.22.7.0.255"_obis, "Watts Rec A", Unit::watt, Kind::instantaneous, Quantity::active, Phase::a, Direction::received),
    table_detail::register_object("1.0.42.7.0.255"_obis, "Watts Rec B", Unit::watt, Kind::instantaneous, Quantity::active, Phase::b, Direction::received),
    table_detail::register_object("1.0.62.7.0.255"_obis, "Watts Rec C", Unit::watt, Kind::instantaneous, Quantity::active, Phase::c, Direction::received),
    table_detail::register_object("1.0.2.7.0.255"_obis, "Watts Rec Poly", Unit::watt, Kind::instantaneous, Quantity::active, Phase::polyphase, Direction::received),
    table_detail::register_object("1.0.23.7.0.255"_obis, "VARs Del A", Unit::var, Kind::instantaneous, Quantity::reactive, Phase::a, Direction::delivered),
    table_detail::register_object("1.0.43.7.0.255"_obis, "VARs Del B", Unit::var, Kind::instantaneous, Quantity::reactive, Phase::b, Direction::delivered),
    table_detail::register_object("1.0.63.7.0.255"_obis, "VARs Del C", Unit::var, Kind::instantaneous, Quantity::reactive, Phase::c, Direction::delivered),
    table_detail::register_object("1.0.3.7.0.255"_obis, "VARs Del Poly", Unit::var, Kind::instantaneous, Quantity::reactive, Phase::polyphase, Direction::delivered),
    table_detail::register_object("1.0.24.7.0.255"_obis, "VARs Rec A", Unit::var, Kind::instantaneous, Quantity::reactive, Phase::a, Direction::received),
    table_detail::register_object("1.0.44.7.0.255"_obis, "VARs Rec B", Unit::var, Kind::instantaneous, Quantity::reactive, Phase::b, Direction::received),
    table_detail::register_object("1.0.64.7.0.255"_obis, "VARs Rec C", Unit::var, Kind::instantaneous, Quantity::reactive, Phase::c, Direction::received),
    table_detail::register_object("1.0.4.7.0.255"_obis, "VARs Rec Poly", Unit::var, Kind::instantaneous, Quantity::reactive, Phase::polyphase, Direction::received),
    table_detail::register_object("1.0.29.7.0.255"_obis, "VA Arithmetic Delivered A", Unit::volt_ampere, Kind::instantaneous, Quantity::apparent_arithmetic, Phase::a, Direction::delivered),
    table_detail::register_object("1.0.49.7.0.255"_obis, "VA Arithmetic Delivered B", Unit::volt_ampere, Kind::instantaneous, Quantity::apparent_arithmetic, Phase::b, Direction::delivered),
    table_detail::register_object("1.0.69.7.0.255"_obis, "VA Arithmetic Delivered C", Unit::volt_ampere, Kind::instantaneous, Quantity::apparent_arithmetic, Phase::c, Direction::delivered),
    table_detail::register_object("1.0.9.7.0.255"_obis, "VA Arithmetic Delivered Poly", Unit::volt_ampere, Kind::instantaneous, Quantity::apparent_arithmetic, Phase::polyphase, Direction::delivered),
    table_detail::register_object("1.0.30.7.0.255"_obis, "VA Arithmetic Received A", Unit::volt_ampere, Kind::instantaneous, Quantity::apparent_arithmetic, Phase::a, Direction::received),
    table_detail::register_object("1.0.50.7.0.255"_obis, "VA Arithmetic Received B", Unit::volt_ampere, Kind::instantaneous, Quantity::apparent_arithmetic, Phase::b, Direction::received),
    table_detail::register_object("1.0.70.7.0.255"_obis, "VA Arithmetic Received C", Unit::volt_ampere, Kind::instantaneous, Quantity::apparent_arithmetic, Phase::c, Direction::received),
    table_detail::register_object("1.0.10.7.0.255"_obis, "VA Arithmetic Received Poly", Unit::volt_ampere, Kind::instantaneous, Quantity::apparent_arithmetic, Phase::polyphase, Direction::received),
    table_detail::register_object("1.0.32.7.0.255"_obis, "Volts RMS Phase A", Unit::volt, Kind::instantaneous, Quantity::volts_ln, Phase::a, Direction::none),
    table_detail::register_object("1.0.52.7.0.255"_obis, "Volts RMS Phase B", Unit::volt, Kind::instantaneous, Quantity::volts_ln, Phase::b, Direction::none),
    table_detail::register_object("1.0.72.7.0.255"_obis, "Volts RMS Phase C", Unit::volt, Kind::instantaneous, Quantity::volts_ln, Phase::c, Direction::none),
    table_detail::register_object("1.0.12.4.0.255"_obis, "Volts RMS Average", Unit::volt, Kind::instantaneous, Quantity::volts_ln, Phase::average, Direction::none),
    table_detail::register_object("1.0.31.7.0.255"_obis, "Amps RMS A", Unit::ampere, Kind::instantaneous, Quantity::amps, Phase::a, Direction::none),
    table_detail::register_object("1.0.51.7.0.255"_obis, "Amps RMS B", Unit::ampere, Kind::instantaneous, Quantity::amps, Phase::b, Direction::none),
    table_detail::register_object("1.0.71.7.0.255"_obis, "Amps RMS C", Unit::ampere, Kind::instantaneous, Quantity::amps, Phase::c, Direction::none),
    table_detail::register_object("1.0.90.7.0.255"_obis, "Amps RMS Poly", Unit::ampere, Kind::instantaneous, Quantity::amps, Phase::polyphase, Direction::none),
    table_detail::register_object("1.0.91.7.0.255"_obis, "Amps RMS Neutral", Unit::ampere, Kind::instantaneous, Quantity::amps, Phase::neutral, Direction::none),
    table_detail::register_object("1.0.90.4.0.255"_obis, "Amps RMS Average", Unit::ampere, Kind::instantaneous, Quantity::amps, Phase::average, Direction::none),
    table_detail::register_object("1.0.33.7.0.255"_obis, "PF Arithmetic A", std::nullopt, Kind::instantaneous, Quantity::power_factor_arithmetic, Phase::a, Direction::none),
    table_detail::register_object("1.0.53.7.0.255"_obis, "PF Arithmetic B", std::nullopt, Kind::instantaneous, Quantity::power_factor_arithmetic, Phase::b, Direction::none),
    table_detail::register_object("1.0.73.7.0.255"_obis, "PF Arithmetic C", std::nullopt, Kind::instantaneous, Quantity::power_factor_arithmetic, Phase::c, Direction::none),
    table_detail::register_object("1.0.13.7.0.255"_obis, "PF Arithmetic Poly", std::nullopt, Kind::instantaneous, Quantity::power_factor_arithmetic, Phase::polyphase, Direction::none),
    table_detail::register_object("1.0.34.7.0.255"_obis, "Frequency", Unit::hertz, Kind::instantaneous, Quantity::frequency, Phase::none, Direction::none),
    table_detail::register_object("1.0.81.7.0.255"_obis, "Fundamental Volts A Phase Angle", Unit::degree, Kind::instantaneous, Quantity::volts_phase_angle, Phase::a, Direction::none),
    table_detail::register_object("1.0.81.7.1.255"_obis, "Fundamental Volts B Phase Angle", Unit::degree, Kind::instantaneous, Quantity::volts_phase_angle, Phase::b, Direction::none),
    table_detail::register_object("1.0.81.7.2.255"_obis, "Fundamental Volts C Phase Angle", Unit::degree, Kind::instantaneous, Quantity::volts_phase_angle, Phase::c, Direction::none),
    table_detail::register_object("1.0.81.7.4.255"_obis, "Fundamental Amps A Phase Angle", Unit::degree, Kind::instantaneous, Quantity::amps_phase_angle, Phase::a, Direction::none),
    table_detail::register_object("1.0.81.7.5.255"_obis, "Fundamental Amps B Phase Angle", Unit::degree, Kind::instantaneous, Quantity::amps_phase_angle, Phase::b, Direction::none),
    table_detail::register_object("1.0.81.7.6.255"_obis, "Fundamental Amps C Phase Angle", Unit::degree, Kind::instantaneous, Quantity::amps_phase_angle, Phase::c, Direction::none),
    table_detail::register_object("1.0.21.8.0.255"_obis, "Watthours A Delivered", Unit::watt_hour, Kind::energy, Quantity::active, Phase::a, Direction::delivered),
    table_detail::register_object("1.0.41.8.0.255"_obis, "Watthours B Delivered", Unit::watt_hour, Kind::energy, Quantity::active, Phase::b, Direction::delivered),
    table_detail::register_object("1.0.61.8.0.255"_obis, "Watthours C Delivered", Unit::watt_hour, Kind::energy, Quantity::active, Phase::c, Direction::delivered),
    table_detail::register_object("1.0.1.8.0.255"_obis, "Watthours Poly Delivered", Unit::watt_hour, Kind::energy, Quantity::active, Phase::polyphase, Direction::delivered),
    table_detail::register_object("1.0.22.8.0.255"_obis, "Watthours A Received", Unit::watt_hour, Kind::energy, Quantity::active, Phase::a, Direction::received),
    table_detail::register_object("1.0.42.8.0.255"_obis, "Watthours B Received", Unit::watt_hour, Kind::energy, Quantity::active, Phase::b, Direction::received),
    table_detail::register_object("1.0.62.8.0.255"_obis, "Watthours C Received", Unit::watt_hour, Kind::energy, Quantity::active, Phase::c, Direction::received),
    table_detail::register_object("1.0.2.8.0.255"_obis, "Watthours Poly Received", Unit::watt_hour, Kind::energy, Quantity::active, Phase::polyphase, Direction::received),
    // Load Profile Objects (L15073-L15079). Group 2's OBIS is the Blue Book's "data of
    // billing period 1"; it is what the manual prints.
    table_detail::profile_object("1.0.99.1.0.255"_obis, "Load Profile Group 1", ObjectSource::load_profiles, Kind::load_profile),
    table_detail::profile_object("1.0.98.1.0.255"_obis, "Load Profile Group 2", ObjectSource::load_profiles, Kind::load_profile),
    table_detail::profile_object("0.0.99.98.0.255"_obis, "Ethernet Connection Status Log", ObjectSource::ethernet_log, Kind::event_log),
    // Clock (L16778-L16828): only attribute 2 (time) is Read/Write, set for time sync.
    {"0.0.1.0.0.255"_obis, class_id::clock, class_version(class_id::clock), "Clock",
     ObjectSource::clock, class_attributes(class_id::clock), AttributeMask{1} << 2,
     table_detail::T::octet_string, std::nullopt, std::nullopt, Kind::clock},
    // Association LN (L16829-L16851): one instance printed for all three clients.
    {"0.0.40.0.1.255"_obis, class_id::association_ln, class_version(class_id::association_ln),
     "Association LN", ObjectSource::association, class_attributes(class_id::association_ln), 0,
     table_detail::T::array, std::nullopt, std::nullopt, Kind::association},
};
// clang-format on

}  // namespace jemhead::dlms::cosem
