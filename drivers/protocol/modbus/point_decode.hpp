#pragma once
// The manual's value formulas, in both directions: the master decodes, the simulator's
// slave (and the master, for presets) encodes.
//
// Analogs (manual L13264-13391): the meter sends
//     raw = round(secondary / full_scale × 32767 × scale_factor)
// so the master recovers  secondary = raw × full_scale / (32767 × scale_factor)  and,
// when the point asks for it, primary = secondary × PT, × CT or × PT·CT (analog_range.hpp).
// The manual prints the signed scaled range as "-32768 to 32768" (L13288); +32768 is not
// an int16, so encoding clamps to -32768..32767 and decoding always divides by 32767.
//
// Counters: a 32-bit pair, high word first, holding display value × scale_factor
// (point_map.hpp); decoding divides by the scale factor.
#include <array>
#include <cstdint>
#include <string>

#include "drivers/protocol/modbus/point_map.hpp"

namespace jemhead::modbus {

inline constexpr double kAnalogFullScaleCount = 32767;

// ---- analogs ----
double analog_secondary(std::int16_t raw, double full_scale, std::uint16_t scale_factor);
std::int16_t analog_raw(double secondary, double full_scale, std::uint16_t scale_factor);

// The point's full scale: its override or the manual's table. Validated maps always have
// one; std::invalid_argument otherwise.
double full_scale_of(const AnalogPoint& point);

struct AnalogValue {
  double secondary = 0;
  double value = 0;        // secondary, or primary when the point says so
  std::string unit;        // of `value`
  bool saturated = false;  // raw at the int16 rail: the true value may be beyond it
};
AnalogValue decode_analog(const PointMap& map, const AnalogPoint& point, std::int16_t raw);
// What the meter would send for a secondary value (the simulator's side).
std::int16_t encode_analog(const AnalogPoint& point, double secondary);

// ---- counters ----
double decode_counter(const CounterPoint& point, std::uint16_t high, std::uint16_t low);
// The pair for a value in the display register's units (presets, the simulator). Rounds
// to nearest and clamps to the 32-bit range of the point's signedness.
std::array<std::uint16_t, 2> encode_counter(const CounterPoint& point, double value);

// ---- discrete inputs ----
// True when the point is active (alarm/on) after applying its polarity.
constexpr bool decode_discrete(const DiscreteInputPoint& point, bool bit) {
  return point.polarity == Polarity::active_high ? bit : !bit;
}

}  // namespace jemhead::modbus
