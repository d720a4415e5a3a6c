#include <gtest/gtest.h>

#include "drivers/protocol/dlms/axdr/errors.hpp"
#include "drivers/protocol/dlms/cosem/scaling.hpp"
#include "drivers/protocol/dlms/cosem/units.hpp"

namespace {

using namespace jemhead::dlms::cosem;
namespace axdr = jemhead::dlms::axdr;

TEST(DlmsCosemUnits, BlueBookCodesForTheMetersUnits) {
  // The codes as the Blue Book numbers them (see units.hpp for the references checked).
  EXPECT_EQ(static_cast<int>(Unit::watt), 27);
  EXPECT_EQ(static_cast<int>(Unit::volt_ampere), 28);
  EXPECT_EQ(static_cast<int>(Unit::var), 29);
  EXPECT_EQ(static_cast<int>(Unit::watt_hour), 30);
  EXPECT_EQ(static_cast<int>(Unit::volt_ampere_hour), 31);
  EXPECT_EQ(static_cast<int>(Unit::var_hour), 32);
  EXPECT_EQ(static_cast<int>(Unit::ampere), 33);
  EXPECT_EQ(static_cast<int>(Unit::volt), 35);
  EXPECT_EQ(static_cast<int>(Unit::hertz), 44);
  EXPECT_EQ(static_cast<int>(Unit::degree), 8);
  EXPECT_EQ(static_cast<int>(Unit::second), 7);
  EXPECT_EQ(static_cast<int>(Unit::minute), 6);
  EXPECT_EQ(static_cast<int>(Unit::volt_squared_hour), 48);
  EXPECT_EQ(static_cast<int>(Unit::ampere_squared_hour), 49);
  EXPECT_EQ(static_cast<int>(Unit::ampere_hour), 57);
  EXPECT_EQ(static_cast<int>(Unit::count), 255);
}

TEST(DlmsCosemUnits, EveryUnitHasOneEntryAndRoundTripsItsCode) {
  for (const auto& info : kUnits) {
    EXPECT_EQ(unit_from_code(static_cast<std::uint8_t>(info.unit)), info.unit);
    EXPECT_EQ(unit_info(info.unit), &info);
  }
  EXPECT_FALSE(unit_from_code(0));
  EXPECT_FALSE(unit_from_code(58));  // reserved
}

TEST(DlmsCosemUnits, StoredUnitsAreKiloForEnergyAndPower) {
  EXPECT_EQ(stored_unit(Unit::watt_hour), "kWh");
  EXPECT_EQ(stored_unit(Unit::var_hour), "kvarh");
  EXPECT_EQ(stored_unit(Unit::volt_ampere_hour), "kVAh");
  EXPECT_EQ(stored_unit(Unit::watt), "kW");
  EXPECT_EQ(stored_unit(Unit::var), "kvar");
  EXPECT_EQ(stored_unit(Unit::volt_ampere), "kVA");
  EXPECT_EQ(stored_unit(Unit::volt), "V");
  EXPECT_EQ(stored_unit(Unit::ampere), "A");
  EXPECT_EQ(stored_unit(Unit::hertz), "Hz");
  EXPECT_EQ(stored_unit(Unit::count), "");
  EXPECT_EQ(unit_symbol(Unit::var_hour), "varh");
}

TEST(DlmsCosemScaling, DecodesScalerUnitStructure) {
  const auto su = decode_scaler_unit(
      axdr::Data::make_structure({axdr::Data::make_integer(-3), axdr::Data::make_enum(30)}));
  EXPECT_EQ(su.scaler, -3);
  EXPECT_EQ(su.unit_code, 30);
  EXPECT_THROW(decode_scaler_unit(axdr::Data::make_structure(
                   {axdr::Data::make_long(-3), axdr::Data::make_enum(30)})),
               axdr::TypeMismatch);
  EXPECT_THROW(decode_scaler_unit(axdr::Data::make_structure({axdr::Data::make_integer(0)})),
               axdr::ShapeError);
}

TEST(DlmsCosemScaling, AppliesScalerAndConvertsToStoredUnit) {
  // 1234567 Wh with scaler 0 is 1234.567 kWh.
  auto v = apply_scaler_unit(1234567, {0, 30});
  EXPECT_DOUBLE_EQ(v.value, 1234.567);
  EXPECT_EQ(v.unit, "kWh");
  // 120123 with scaler -3 in V is 120.123 V (exact division, no 0.001 rounding).
  v = apply_scaler_unit(120123, {-3, 35});
  EXPECT_EQ(v.value, 120.123);
  EXPECT_EQ(v.unit, "V");
  // Scaler +2 in var: 15 -> 1500 var -> 1.5 kvar.
  v = apply_scaler_unit(15, {2, 29});
  EXPECT_EQ(v.value, 1.5);
  EXPECT_EQ(v.unit, "kvar");
  EXPECT_TRUE(v.known_unit);
}

TEST(DlmsCosemScaling, UnknownUnitKeepsTheScaledValueAndSaysSo) {
  const auto v = apply_scaler_unit(42, {-1, 200});
  EXPECT_FALSE(v.known_unit);
  EXPECT_EQ(v.unit, "");
  EXPECT_DOUBLE_EQ(v.value, 4.2);
  EXPECT_EQ(v.applied.unit_code, 200);
}

TEST(DlmsCosemScaling, FollowsTheMeterUnlessOverridden) {
  const Obis watts_poly(1, 0, 1, 7, 0, 255);
  const Obis volts_a(1, 0, 32, 7, 0, 255);
  ScalingPolicy policy;
  EXPECT_TRUE(policy.empty());
  // The manual's register: ×1000 integer, scaler 0 reported (L14672 vs L14809).
  auto v = apply_scaler_unit(watts_poly, 1500000, {0, 27}, policy);
  EXPECT_DOUBLE_EQ(v.value, 1500.0);  // 1.5 MW as reported
  EXPECT_FALSE(v.overridden);

  policy.set_all({std::int8_t{-3}, std::nullopt});
  v = apply_scaler_unit(watts_poly, 1500000, {0, 27}, policy);
  EXPECT_DOUBLE_EQ(v.value, 1.5);  // 1500 W = 1.5 kW
  EXPECT_EQ(v.applied.scaler, -3);
  EXPECT_EQ(v.unit, "kW");
  EXPECT_TRUE(v.overridden);

  // A per-OBIS override wins over the meter-wide one, unit included.
  policy.set(volts_a, {std::int8_t{-2}, Unit::volt});
  v = apply_scaler_unit(volts_a, 12012, {0, 255}, policy);
  EXPECT_DOUBLE_EQ(v.value, 120.12);
  EXPECT_EQ(v.unit, "V");
  EXPECT_EQ(policy.effective(volts_a, {0, 255}), (ScalerUnit{-2, 35}));
}

}  // namespace
