#pragma once
// Enumerations of PRIMARY CONFIGURATION (manual L2477-L2684) and their JSON spellings.
// The pull-down lists themselves are screenshots missing from the manual's text; each
// enumeration says where its values come from.
#include <array>
#include <string_view>
#include <utility>

#include "core/enum_text.hpp"

namespace jemhead::config {

// Meter Form (L2497-L2506, factory set; default 9 at L13426). The manual names forms 5, 6
// and 9 (L6926-L6931); 8, 36 and 45 are the other ANSI socket forms JEMStar meters are sold
// in and are added from ANSI C12.10, not from the manual.
enum class MeterForm { f5, f6, f8, f9, f36, f45 };

// Connection Type (L2508-L2512), names from the PQ voltage table (L2635-L2649).
enum class ConnectionType {
  three_wire_delta,
  three_wire_open_delta,
  three_wire_network,
  three_wire_wye,
  four_wire_wye,
  four_wire_wye_2_5_element,
  four_wire_delta,
};

// Voltage Range (factory set; appendix C L13430 is the only value the manual gives).
enum class VoltageRange { v69_480 };

// PQ Voltage Measurement basis (L2561-L2575).
enum class VoltageBasis { line_neutral, line_line };

// Measurement Units / Register Scaling (L2601-L2609, defaults L13462-L13472). The list is
// a screenshot; appendix C uses milli, units and kilo and the measurement log offers
// "units, kilo, mega, giga" (L3709), so the union is allowed.
enum class UnitScale { milli, units, kilo, mega, giga };

}  // namespace jemhead::config

namespace jemhead {

template <>
struct EnumText<config::MeterForm> {
  using E = config::MeterForm;
  static constexpr std::array<std::pair<E, std::string_view>, 6> names{
      {{E::f5, "5"}, {E::f6, "6"}, {E::f8, "8"}, {E::f9, "9"}, {E::f36, "36"}, {E::f45, "45"}}};
};

template <>
struct EnumText<config::ConnectionType> {
  using E = config::ConnectionType;
  static constexpr std::array<std::pair<E, std::string_view>, 7> names{{
      {E::three_wire_delta, "3_wire_delta"},
      {E::three_wire_open_delta, "3_wire_open_delta"},
      {E::three_wire_network, "3_wire_network"},
      {E::three_wire_wye, "3_wire_wye"},
      {E::four_wire_wye, "4_wire_wye"},
      {E::four_wire_wye_2_5_element, "4_wire_wye_2_5_element"},
      {E::four_wire_delta, "4_wire_delta"},
  }};
};

template <>
struct EnumText<config::VoltageRange> {
  using E = config::VoltageRange;
  static constexpr std::array<std::pair<E, std::string_view>, 1> names{{{E::v69_480, "69-480"}}};
};

template <>
struct EnumText<config::VoltageBasis> {
  using E = config::VoltageBasis;
  static constexpr std::array<std::pair<E, std::string_view>, 2> names{
      {{E::line_neutral, "L-N"}, {E::line_line, "L-L"}}};
};

template <>
struct EnumText<config::UnitScale> {
  using E = config::UnitScale;
  static constexpr std::array<std::pair<E, std::string_view>, 5> names{{{E::milli, "milli"},
                                                                        {E::units, "units"},
                                                                        {E::kilo, "kilo"},
                                                                        {E::mega, "mega"},
                                                                        {E::giga, "giga"}}};
};

}  // namespace jemhead
