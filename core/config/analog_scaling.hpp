#pragma once
// How an analog point's register value becomes a secondary measurement, as appendices A and
// B define it, for the Modbus and DNP drivers that read the point maps.
//  - 16-bit auto scaling (Modbus input registers; DNP 16-bit objects with the "16-bit
//    method"): value = measurement / range x 32767 x scale factor (L13264-L13380,
//    L12384-L12480). The range depends on the quantity, phase and direction.
//  - Straight scaling (DNP 32-bit objects, and 16-bit objects with the "32-bit method"):
//    value = measurement x 1000 x scale factor (L12331-L12383).
#include <optional>

#include "core/config/protocol_points.hpp"

namespace jemhead::config {

// The measurement range mapped onto 0..32767 (or -32768..32767 when min < 0).
struct SixteenBitRange {
  double min;
  double max;
};

// The appendix's table (L13280-L13322); nullopt for quantities it does not list.
inline std::optional<SixteenBitRange> sixteen_bit_range(const AnalogMeasurement& m) {
  using Q = AnalogQuantity;
  const bool poly = m.phase == AnalogPhase::polyphase;
  switch (m.quantity) {
    case Q::volts: return SixteenBitRange{0, 530};
    case Q::amps: return SixteenBitRange{0, 20};
    case Q::frequency: return SixteenBitRange{0, 100};
    case Q::pf_vectorial:
    case Q::pf_arithmetic: return SixteenBitRange{-1, 1};
    case Q::watts:
    case Q::vars:
    case Q::va_vectorial:
    case Q::va_arithmetic: {
      const double max = poly ? 31800 : 10600;
      if (m.direction == AnalogDirection::bidirectional) return SixteenBitRange{-max, max};
      return SixteenBitRange{0, max};
    }
    case Q::volts_thd:
    case Q::amps_thd: return SixteenBitRange{0, 100};
    case Q::volts_squared: return SixteenBitRange{0, 280900};
    case Q::amps_squared: return SixteenBitRange{0, poly ? 1200.0 : 400.0};
    default: return std::nullopt;
  }
}

// Secondary measurement from a 16-bit auto-scaled register value.
inline double decode_sixteen_bit(int raw, const SixteenBitRange& range, int scale_factor) {
  return raw * range.max / (32767.0 * scale_factor);
}

// Secondary measurement from a straight-scaled value (three decimals x scale factor).
inline double decode_straight(long long raw, int scale_factor) {
  return static_cast<double>(raw) / (1000.0 * scale_factor);
}

}  // namespace jemhead::config
