#pragma once
// The DLMS unit enumeration (Blue Book, "Unit" of the Register class's scaler_unit) for
// the quantities a JEMStar II reports, and how jemhead stores each one.
//
// Codes checked against public references: the Blue Book unit list as transcribed by
// DLMS/COSEM client libraries (the Rust `dlms_cosem` crate's Unit enum for 1-57, the
// Gurux unit enums for 254 "other unit" and 255 "no unit", an OSGP simulator enum
// "as defined in DLMS Blue book" for 27/29/30/33/35/255). Codes 58-59 are reserved in the
// Blue Book; nothing here uses them.
//
// Stored units: energy and power in kilo units (kWh, kvarh, kVAh, kW, kvar, kVA), the way
// the display registers and JEMWare show them (core/readings.hpp uses "kWh"); volts,
// amps, Hz, degrees and the rest in the base unit. See stored_unit().
#include <cstdint>
#include <optional>
#include <string_view>

namespace jemhead::dlms::cosem {

enum class Unit : std::uint8_t {
  year = 1,
  month = 2,
  week = 3,
  day = 4,
  hour = 5,
  minute = 6,
  second = 7,
  degree = 8,  // phase angle
  degree_celsius = 9,
  watt = 27,
  volt_ampere = 28,
  var = 29,
  watt_hour = 30,
  volt_ampere_hour = 31,
  var_hour = 32,
  ampere = 33,
  coulomb = 34,
  volt = 35,
  hertz = 44,
  volt_squared_hour = 48,
  ampere_squared_hour = 49,
  percent = 56,
  ampere_hour = 57,
  other = 254,  // "other unit"
  count = 255,  // "no unit, unitless, count" (power factor, status words, pulses)
};

struct UnitInfo {
  Unit unit;
  std::string_view symbol;      // the Blue Book's symbol: "Wh", "var", "V"
  std::string_view stored;      // what jemhead stores: "kWh", "kvar", "V", "" (no unit)
  std::int8_t stored_exponent;  // stored value = base value / 10^stored_exponent
};

// Every unit above, once.
inline constexpr UnitInfo kUnits[] = {
    {Unit::year, "a", "a", 0},
    {Unit::month, "mo", "mo", 0},
    {Unit::week, "wk", "wk", 0},
    {Unit::day, "d", "d", 0},
    {Unit::hour, "h", "h", 0},
    {Unit::minute, "min", "min", 0},
    {Unit::second, "s", "s", 0},
    {Unit::degree, "°", "deg", 0},
    {Unit::degree_celsius, "°C", "°C", 0},
    {Unit::watt, "W", "kW", 3},
    {Unit::volt_ampere, "VA", "kVA", 3},
    {Unit::var, "var", "kvar", 3},
    {Unit::watt_hour, "Wh", "kWh", 3},
    {Unit::volt_ampere_hour, "VAh", "kVAh", 3},
    {Unit::var_hour, "varh", "kvarh", 3},
    {Unit::ampere, "A", "A", 0},
    {Unit::coulomb, "C", "C", 0},
    {Unit::volt, "V", "V", 0},
    {Unit::hertz, "Hz", "Hz", 0},
    {Unit::volt_squared_hour, "V²h", "V²h", 0},
    {Unit::ampere_squared_hour, "A²h", "A²h", 0},
    {Unit::percent, "%", "%", 0},
    {Unit::ampere_hour, "Ah", "Ah", 0},
    {Unit::other, "", "", 0},
    {Unit::count, "", "", 0},
};

constexpr const UnitInfo* unit_info(Unit unit) {
  for (const auto& info : kUnits)
    if (info.unit == unit) return &info;
  return nullptr;
}

// The enumerated value as received, or nullopt for a code this table does not know (the
// caller keeps the raw value and reports the code).
constexpr std::optional<Unit> unit_from_code(std::uint8_t code) {
  for (const auto& info : kUnits)
    if (static_cast<std::uint8_t>(info.unit) == code) return info.unit;
  return std::nullopt;
}

constexpr std::string_view unit_symbol(Unit unit) {
  const auto* info = unit_info(unit);
  return info ? info->symbol : std::string_view{};
}

constexpr std::string_view stored_unit(Unit unit) {
  const auto* info = unit_info(unit);
  return info ? info->stored : std::string_view{};
}

}  // namespace jemhead::dlms::cosem
