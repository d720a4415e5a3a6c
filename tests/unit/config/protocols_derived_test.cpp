// Largest straight scale factor of a 16-bit DNP analog object (the "32 Bit Method").
#include "core/config/protocols_derived.hpp"

#include <gtest/gtest.h>

namespace jemhead::config::test {
namespace {

TEST(ConfigProtocolsDerived, SixteenBitStraightScaleFactorWorkedExample) {
  // "if the maximum secondary watts = 3,600 Watts, your maximum scale factor is 9" (L12381-L12383).
  EXPECT_EQ(dnp_16_bit_straight_max_scale_factor(3'600), 9);
  EXPECT_EQ(dnp_16_bit_straight_max_scale_factor(1'800), 18);
  EXPECT_EQ(dnp_16_bit_straight_max_scale_factor(20), 1'000);  // at most 1,000 (L12377)
  EXPECT_EQ(dnp_16_bit_straight_max_scale_factor(0), std::nullopt);
}

TEST(ConfigProtocolsDerived, JsonUsesFullScaleWatts) {
  PrimaryConfiguration p;
  p.nominal_current_secondary = 10;  // 3 x 120 V x 10 A = 3,600 W
  EXPECT_EQ(protocols_derived_json(p)
                .at("dnp_16_bit_straight_max_scale_factor_at_full_scale_watts")
                .as_int64(),
            9);
  p.nominal_current_secondary = 0;  // appendix C: full scale 0 (L13456-L13458)
  EXPECT_TRUE(protocols_derived_json(p)
                  .at("dnp_16_bit_straight_max_scale_factor_at_full_scale_watts")
                  .is_null());
}

}  // namespace
}  // namespace jemhead::config::test
