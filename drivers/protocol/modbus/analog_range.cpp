#include "drivers/protocol/modbus/analog_range.hpp"

namespace jemhead::modbus {
namespace {
// Manual L13280-13320. The ranges follow from the 530 V / 20 A secondary ratings:
// 530·20 = 10600 W per phase, 3·10600 = 31800 W polyphase, 530² = 280900, 20² = 400.
constexpr double kVolts = 530;
constexpr double kAmps = 20;
constexpr double kFrequency = 100;
constexpr double kPowerFactor = 1.0;
constexpr double kPowerOnePhase = 10600;
constexpr double kPowerThreePhase = 31800;
constexpr double kThdPercent = 100;
constexpr double kVoltsSquared = 280900;
constexpr double kAmpsSquaredOnePhase = 400;
constexpr double kAmpsSquaredThreePhase = 1200;
}  // namespace

std::optional<double> manual_full_scale(AnalogQuantity quantity, Phase phase) {
  const bool poly = phase == Phase::polyphase;
  switch (quantity) {
    case AnalogQuantity::volts: return kVolts;
    case AnalogQuantity::amps: return kAmps;
    case AnalogQuantity::frequency: return kFrequency;
    case AnalogQuantity::power_factor_vector:
    case AnalogQuantity::power_factor_arithmetic: return kPowerFactor;
    case AnalogQuantity::watts:
    case AnalogQuantity::vars:
    case AnalogQuantity::va_vector:
    case AnalogQuantity::va_arithmetic: return poly ? kPowerThreePhase : kPowerOnePhase;
    case AnalogQuantity::volt_thd:
    case AnalogQuantity::amp_thd: return kThdPercent;
    case AnalogQuantity::volts_squared: return kVoltsSquared;
    case AnalogQuantity::amps_squared: return poly ? kAmpsSquaredThreePhase : kAmpsSquaredOnePhase;
    case AnalogQuantity::q:
    case AnalogQuantity::volt_imbalance:
    case AnalogQuantity::amp_imbalance:
    case AnalogQuantity::other: return std::nullopt;
  }
  return std::nullopt;
}

double primary_factor(AnalogQuantity quantity, double pt_ratio, double ct_ratio) {
  switch (quantity) {
    case AnalogQuantity::volts: return pt_ratio;
    case AnalogQuantity::amps: return ct_ratio;
    case AnalogQuantity::watts:
    case AnalogQuantity::vars:
    case AnalogQuantity::va_vector:
    case AnalogQuantity::va_arithmetic:
    case AnalogQuantity::q: return pt_ratio * ct_ratio;
    case AnalogQuantity::volts_squared: return pt_ratio * pt_ratio;
    case AnalogQuantity::amps_squared: return ct_ratio * ct_ratio;
    default: return 1.0;
  }
}

std::string_view unit_of(AnalogQuantity quantity) {
  switch (quantity) {
    case AnalogQuantity::volts: return "V";
    case AnalogQuantity::amps: return "A";
    case AnalogQuantity::watts: return "W";
    case AnalogQuantity::vars: return "var";
    case AnalogQuantity::va_vector:
    case AnalogQuantity::va_arithmetic: return "VA";
    case AnalogQuantity::frequency: return "Hz";
    case AnalogQuantity::q: return "var";
    case AnalogQuantity::volt_thd:
    case AnalogQuantity::amp_thd:
    case AnalogQuantity::volt_imbalance:
    case AnalogQuantity::amp_imbalance: return "%";
    case AnalogQuantity::volts_squared: return "V^2";
    case AnalogQuantity::amps_squared: return "A^2";
    default: return "";
  }
}

}  // namespace jemhead::modbus
