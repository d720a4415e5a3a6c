#include "sim/metrology.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "sim/noise.hpp"

namespace jemhead::sim {
namespace {

MeterSpec spec_with_seed(std::uint64_t seed) {
  MeterSpec s;
  s.serial = std::string("1");  // not a char* assign: GCC 12 -O3 false -Wrestrict
  s.seed = seed;
  return s;
}

constexpr double kNoon = 1767268800.0;  // 2026-01-01T12:00:00Z, a Thursday

TEST(Noise, IsAPureFunctionOfSeedStreamAndTime) {
  EXPECT_EQ(smooth_noise(7, 3, 1234.5, 60), smooth_noise(7, 3, 1234.5, 60));
  EXPECT_NE(smooth_noise(7, 3, 1234.5, 60), smooth_noise(8, 3, 1234.5, 60));
  EXPECT_NE(smooth_noise(7, 3, 1234.5, 60), smooth_noise(7, 4, 1234.5, 60));
  for (int i = 0; i < 1000; ++i) {
    const double v = smooth_noise(1, 1, i * 7.3, 30);
    EXPECT_GE(v, -1.0);
    EXPECT_LE(v, 1.0);
  }
  // At a knot the noise equals the knot's hash value: no jump across knots.
  EXPECT_DOUBLE_EQ(smooth_noise(5, 2, 600.0, 60), hash_unit(5, 2, 10));
  EXPECT_NEAR(smooth_noise(5, 2, 600.0 - 1e-6, 60), hash_unit(5, 2, 10), 1e-9);
}

TEST(Metrology, SameSeedGivesIdenticalValuesDifferentSeedsDiffer) {
  const MetrologyModel a(spec_with_seed(42)), b(spec_with_seed(42)), c(spec_with_seed(43));
  for (double t = kNoon; t < kNoon + 86400; t += 3613.7) {
    const auto sa = a.sample(t), sb = b.sample(t), sc = c.sample(t);
    for (int ph = 0; ph < kPhases; ++ph) {
      EXPECT_EQ(sa.watts[ph], sb.watts[ph]);
      EXPECT_EQ(sa.vars[ph], sb.vars[ph]);
      EXPECT_EQ(sa.volts[ph], sb.volts[ph]);
      EXPECT_NE(sa.watts[ph], sc.watts[ph]);
    }
    EXPECT_EQ(a.frequency(t), b.frequency(t));
  }
}

TEST(Metrology, PerPhaseValuesArePhysicallyConsistent) {
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    const MetrologyModel m(spec_with_seed(seed));
    for (double t = kNoon; t < kNoon + 86400; t += 1800) {
      const Instantaneous v = m.instantaneous(t);
      for (const auto& p : v.phase) {
        ASSERT_TRUE(p.measured);
        EXPECT_NEAR(p.va * p.va, p.watts * p.watts + p.vars * p.vars, 1e-9 * p.va * p.va + 1e-12);
        EXPECT_DOUBLE_EQ(p.va, p.volts * p.amps);
        EXPECT_DOUBLE_EQ(p.power_factor, p.watts / p.va);
        EXPECT_GE(p.power_factor, -1.0);
        EXPECT_LE(p.power_factor, 1.0);
        // The current lags the voltage by the power angle.
        const double phi = (p.voltage_angle - p.current_angle) * M_PI / 180.0;
        EXPECT_NEAR(p.watts, p.va * std::cos(phi), 1e-9 * p.va);
        EXPECT_NEAR(p.vars, p.va * std::sin(phi), 1e-9 * p.va);
        EXPECT_NEAR(p.q, p.va * std::cos(phi - M_PI / 3), 1e-9 * p.va);
        EXPECT_GT(p.volts, 0.9 * 120);
        EXPECT_LT(p.volts, 1.1 * 120);
        EXPECT_LE(p.amps, 20.0);
      }
      const auto& tot = v.total;
      EXPECT_DOUBLE_EQ(tot.watts, v.phase[0].watts + v.phase[1].watts + v.phase[2].watts);
      EXPECT_DOUBLE_EQ(tot.vars, v.phase[0].vars + v.phase[1].vars + v.phase[2].vars);
      EXPECT_DOUBLE_EQ(tot.va_arithmetic, v.phase[0].va + v.phase[1].va + v.phase[2].va);
      EXPECT_DOUBLE_EQ(tot.va_vectorial, std::hypot(tot.watts, tot.vars));
      EXPECT_LE(tot.va_vectorial, tot.va_arithmetic * (1 + 1e-12));
      EXPECT_DOUBLE_EQ(tot.power_factor_arithmetic, tot.watts / tot.va_arithmetic);
      EXPECT_NEAR(v.frequency, 60.0, 0.05);
      ASSERT_TRUE(v.has_line_to_line);
      for (double vll : v.volts_line_to_line) EXPECT_NEAR(vll, 120 * std::sqrt(3.0), 12.0);
    }
  }
}

TEST(Metrology, NeutralCurrentIsThePhasorSumOfPhaseCurrents) {
  const MetrologyModel m(spec_with_seed(3));
  const Instantaneous v = m.instantaneous(kNoon);
  double re = 0, im = 0;
  for (const auto& p : v.phase) {
    re += p.amps * std::cos(p.current_angle * M_PI / 180);
    im += p.amps * std::sin(p.current_angle * M_PI / 180);
  }
  EXPECT_NEAR(v.total.amps_neutral, std::hypot(re, im), 1e-9);
  // Roughly balanced phases: the neutral carries much less than a phase.
  EXPECT_LT(v.total.amps_neutral, v.total.amps_average);
}

TEST(Metrology, TwoElementMeterHasNoPhaseB) {
  MeterSpec s = spec_with_seed(9);
  s.service = ServiceType::three_wire_delta;
  s.nominal_voltage = 240;
  const MetrologyModel m(s);
  EXPECT_EQ(m.parameters().elements, 2);
  const Instantaneous v = m.instantaneous(kNoon);
  EXPECT_FALSE(v.phase[1].measured);
  EXPECT_EQ(v.phase[1].watts, 0.0);
  EXPECT_EQ(v.phase[1].amps, 0.0);
  EXPECT_TRUE(v.phase[0].measured);
  EXPECT_NEAR(v.phase[0].volts, 240, 24);
  EXPECT_DOUBLE_EQ(v.total.watts, v.phase[0].watts + v.phase[2].watts);
  EXPECT_EQ(v.total.amps_neutral, 0.0);
  EXPECT_FALSE(v.has_line_to_line);
}

TEST(Metrology, LoadFollowsADailyCurveAndDropsAtWeekends) {
  MeterSpec s = spec_with_seed(11);
  s.generation = 0;
  const MetrologyModel m(s);
  const auto& p = m.parameters();
  auto total_amps = [&](double t) {
    const auto x = m.sample(t);
    return x.amps[0] + x.amps[1] + x.amps[2];
  };
  const double midnight = kNoon - 43200;  // Thursday 2026-01-01
  double evening = 0, night = 0, weekday = 0, weekend = 0;
  for (int day = 0; day < 14; ++day) {
    const double d = midnight + day * 86400.0;
    evening += total_amps(d + p.evening_hour * 3600);
    night += total_amps(d + 3.5 * 3600);
    const bool is_weekend = day % 7 == 2 || day % 7 == 3;  // Saturday, Sunday
    for (int h = 0; h < 24; ++h)
      (is_weekend ? weekend : weekday) += total_amps(d + h * 3600 + 1800);
  }
  EXPECT_GT(evening, 1.5 * night);
  EXPECT_LT(weekend / 4, 0.9 * weekday / 10);  // 4 weekend days, 10 weekdays
}

TEST(Metrology, GenerationExportsAtMiddayAndNotAtNight) {
  MeterSpec s = spec_with_seed(5);
  s.generation = 1.5;
  s.load_level = 0.3;
  const MetrologyModel m(s);
  const auto noon = m.sample(kNoon);
  EXPECT_LT(noon.watts[0] + noon.watts[1] + noon.watts[2], 0.0);
  const auto night = m.sample(kNoon + 12 * 3600);
  EXPECT_GT(night.watts[0] + night.watts[1] + night.watts[2], 0.0);
}

TEST(Metrology, ExplicitParametersOverrideTheSeed) {
  MeterSpec s = spec_with_seed(5);
  s.load_level = 0.5;
  s.generation = 0;
  s.power_factor_angle = 0;
  const MetrologyModel m(s);
  EXPECT_EQ(m.parameters().load_level, 0.5);
  EXPECT_EQ(m.parameters().generation, 0.0);
  EXPECT_EQ(m.parameters().power_factor_angle, 0.0);
  // Angle noise is +-4 deg, so PF stays near unity.
  for (double t = kNoon; t < kNoon + 86400; t += 977) {
    const Instantaneous v = m.instantaneous(t);
    for (const auto& p : v.phase) EXPECT_GT(p.power_factor, std::cos(4.01 * M_PI / 180));
  }
}

}  // namespace
}  // namespace jemhead::sim
