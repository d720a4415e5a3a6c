// The manual's analog formulas (L13264-13391) and range table (L13280-13320), checked
// against its worked numbers.
#include <gtest/gtest.h>

#include <cmath>

#include "drivers/protocol/modbus/point_decode.hpp"

namespace jemhead::modbus {
namespace {

AnalogPoint point(AnalogQuantity q, Phase phase, std::uint16_t scale_factor = 1) {
  AnalogPoint p;
  p.quantity = q;
  p.phase = phase;
  p.scale_factor = scale_factor;
  return p;
}

// Half a count of the 16-bit value, in secondary units: what rounding can lose.
double half_count(double full_scale, std::uint16_t sf) {
  return full_scale / (32767.0 * sf) / 2;
}

TEST(AnalogRangeTable, RowsAsPrintedInTheManual) {
  EXPECT_EQ(manual_full_scale(AnalogQuantity::volts, Phase::a), 530);
  EXPECT_EQ(manual_full_scale(AnalogQuantity::amps, Phase::b), 20);
  EXPECT_EQ(manual_full_scale(AnalogQuantity::amps, Phase::neutral), 20);
  EXPECT_EQ(manual_full_scale(AnalogQuantity::frequency, Phase::a), 100);
  EXPECT_EQ(manual_full_scale(AnalogQuantity::power_factor_vector, Phase::polyphase), 1.0);
  EXPECT_EQ(manual_full_scale(AnalogQuantity::watts, Phase::c), 10600);
  EXPECT_EQ(manual_full_scale(AnalogQuantity::vars, Phase::polyphase), 31800);
  EXPECT_EQ(manual_full_scale(AnalogQuantity::va_vector, Phase::a), 10600);
  EXPECT_EQ(manual_full_scale(AnalogQuantity::volt_thd, Phase::a), 100);
  EXPECT_EQ(manual_full_scale(AnalogQuantity::volts_squared, Phase::a), 280900);
  EXPECT_EQ(manual_full_scale(AnalogQuantity::amps_squared, Phase::a), 400);
  EXPECT_EQ(manual_full_scale(AnalogQuantity::amps_squared, Phase::polyphase), 1200);
  EXPECT_FALSE(manual_full_scale(AnalogQuantity::q, Phase::a));
  EXPECT_FALSE(manual_full_scale(AnalogQuantity::other, Phase::a));
}

TEST(AnalogScaling, ManualExample1_Amps) {
  // 12.56 A / 20 × 32767 = 20577.7 -> 20578 (L13325-13351).
  const auto amps = point(AnalogQuantity::amps, Phase::a);
  EXPECT_EQ(encode_analog(amps, 12.56), 20578);
  const PointMap map;
  const auto decoded = decode_analog(map, amps, 20578);
  EXPECT_NEAR(decoded.secondary, 12.56, half_count(20, 1));
  EXPECT_EQ(decoded.unit, "A");
  EXPECT_FALSE(decoded.saturated);
}

TEST(AnalogScaling, ManualExample2_PolyphaseWattsWithScaleFactor10) {
  // 1825.438 W / 31800 × 32767 × 10 = 18809.47 -> 18809 (L13365-13391).
  const auto watts = point(AnalogQuantity::watts, Phase::polyphase, 10);
  EXPECT_EQ(encode_analog(watts, 1825.438), 18809);
  const auto decoded = decode_analog(PointMap{}, watts, 18809);
  EXPECT_NEAR(decoded.secondary, 1825.438, half_count(31800, 10));
  EXPECT_NEAR(decoded.secondary, 1825.392, 1e-3);  // 18809 × 31800 / 327670
}

TEST(AnalogScaling, ManualWattsTextExample) {
  // "10600 watts would provide 32767 ... 1060 watts ... 3277" (L13264-13276).
  const auto watts = point(AnalogQuantity::watts, Phase::a);
  EXPECT_EQ(encode_analog(watts, 10600), 32767);
  EXPECT_EQ(encode_analog(watts, 1060), 3277);
  EXPECT_DOUBLE_EQ(decode_analog(PointMap{}, watts, 32767).secondary, 10600);
}

TEST(AnalogScaling, BidirectionalAndPowerFactorGoNegativeAndClamp) {
  auto watts = point(AnalogQuantity::watts, Phase::polyphase);
  watts.direction = Direction::bidirectional;
  EXPECT_EQ(encode_analog(watts, -15900), -16384);  // -0.5 × 32767 = -16383.5 -> -16384
  EXPECT_NEAR(decode_analog(PointMap{}, watts, -16384).secondary, -15900, half_count(31800, 1));
  const auto pf = point(AnalogQuantity::power_factor_vector, Phase::polyphase);
  EXPECT_EQ(encode_analog(pf, -1.0), -32767);
  EXPECT_EQ(encode_analog(pf, 0.5), 16384);
  // The manual's "-32768 to 32768" (L13288): +32768 cannot be sent, the value clamps.
  EXPECT_EQ(encode_analog(pf, 1.00002), 32767);
  const auto rail = decode_analog(PointMap{}, pf, -32768);
  EXPECT_TRUE(rail.saturated);
  EXPECT_NEAR(rail.secondary, -1.0000305, 1e-6);
}

TEST(AnalogScaling, OverRangeClampsAndIsFlaggedAsSaturated) {
  const auto amps = point(AnalogQuantity::amps, Phase::a);
  EXPECT_EQ(encode_analog(amps, 40), 32767);
  EXPECT_EQ(encode_analog(amps, -40), -32768);
  EXPECT_TRUE(decode_analog(PointMap{}, amps, 32767).saturated);
  // A scale factor of 10 overflows above a tenth of the range (the manual's warning).
  const auto watts = point(AnalogQuantity::watts, Phase::polyphase, 10);
  EXPECT_EQ(encode_analog(watts, 3180), 32767);
  EXPECT_EQ(encode_analog(watts, 3179), 32757);
}

TEST(AnalogScaling, PrimaryValuesUsePtAndCtRatios) {
  PointMap map;
  map.pt_ratio = 60;  // 7200:120
  map.ct_ratio = 40;  // 200:5
  auto volts = point(AnalogQuantity::volts, Phase::a);
  volts.primary = true;
  const auto v = decode_analog(map, volts, encode_analog(volts, 120));
  EXPECT_NEAR(v.secondary, 120, half_count(530, 1));
  EXPECT_NEAR(v.value, 7200, 60 * half_count(530, 1));
  auto amps = point(AnalogQuantity::amps, Phase::b);
  amps.primary = true;
  EXPECT_NEAR(decode_analog(map, amps, encode_analog(amps, 5)).value, 200, 40 * half_count(20, 1));
  auto watts = point(AnalogQuantity::watts, Phase::polyphase);
  watts.primary = true;
  EXPECT_NEAR(decode_analog(map, watts, encode_analog(watts, 1800)).value, 1800 * 2400.0,
              2400 * half_count(31800, 1));
  auto hz = point(AnalogQuantity::frequency, Phase::a);
  hz.primary = true;
  EXPECT_NEAR(decode_analog(map, hz, encode_analog(hz, 60)).value, 60, half_count(100, 1));
  // Secondary unless asked: the ratios do not apply.
  const auto plain = point(AnalogQuantity::volts, Phase::a);
  EXPECT_NEAR(decode_analog(map, plain, encode_analog(plain, 120)).value, 120, half_count(530, 1));
}

TEST(AnalogScaling, OverridesCoverQuantitiesTheTableLacks) {
  auto q = point(AnalogQuantity::other, Phase::a);
  EXPECT_THROW(full_scale_of(q), std::invalid_argument);
  q.full_scale = 64;
  q.unit = "deg";
  EXPECT_EQ(encode_analog(q, 32), 16384);
  EXPECT_EQ(decode_analog(PointMap{}, q, 16384).unit, "deg");
  auto amps = point(AnalogQuantity::amps, Phase::a);
  amps.full_scale = 10;  // a class 10 meter, say
  EXPECT_EQ(encode_analog(amps, 5), 16384);
}

TEST(AnalogScaling, NotANumberEncodesAsZero) {
  EXPECT_EQ(analog_raw(std::nan(""), 530, 1), 0);
}

}  // namespace
}  // namespace jemhead::modbus
