#include <gtest/gtest.h>

#include <cmath>

#include "sim/energy_integrator.hpp"
#include "sim/energy_registers.hpp"
#include "sim/metrology.hpp"

namespace jemhead::sim {
namespace {

constexpr std::int64_t kMidnight = 1767225600;  // 2026-01-01T00:00:00Z
constexpr std::int64_t kMicros = 1'000'000;

MeterSpec spec(std::uint64_t seed, double generation = -1) {
  MeterSpec s;
  s.serial = std::string("1");  // not a char* assign: GCC 12 -O3 false -Wrestrict
  s.seed = seed;
  s.generation = generation;
  return s;
}

void expect_same(const EnergyRegisters& a, const EnergyRegisters& b) {
  for (int c = 0; c < 4; ++c) {
    EXPECT_EQ(a.phase[c].wh_delivered, b.phase[c].wh_delivered);
    EXPECT_EQ(a.phase[c].wh_received, b.phase[c].wh_received);
    EXPECT_EQ(a.phase[c].varh_delivered, b.phase[c].varh_delivered);
    EXPECT_EQ(a.phase[c].varh_quadrant, b.phase[c].varh_quadrant);
    EXPECT_EQ(a.phase[c].vah_delivered, b.phase[c].vah_delivered);
    EXPECT_EQ(a.phase[c].qh_received, b.phase[c].qh_received);
    EXPECT_EQ(a.phase[c].a2h, b.phase[c].a2h);
  }
  EXPECT_EQ(a.vah_vectorial_delivered, b.vah_vectorial_delivered);
}

TEST(Quadrant, FollowsTheSignsOfPAndQ) {
  EXPECT_EQ(quadrant(10, 5), 1);
  EXPECT_EQ(quadrant(-10, 5), 2);
  EXPECT_EQ(quadrant(-10, -5), 3);
  EXPECT_EQ(quadrant(10, -5), 4);
  EXPECT_EQ(quadrant(10, 0), 1);
  EXPECT_EQ(quadrant(0, 5), 2);
  EXPECT_EQ(quadrant(-10, 0), 2);
  EXPECT_EQ(quadrant(0, -5), 4);
}

TEST(EnergyRegisters, AccumulatesByDirectionAndQuadrant) {
  ElementSample s;
  s.volts = {100, 100, 100};
  s.amps = {5, 5, 1};
  // A: Q1 (400 W, 300 VAR); B: Q3 (-400 W, -300 VAR); C: Q4 (60 W, -80 VAR).
  s.watts = {400, -400, 60};
  s.vars = {300, -300, -80};
  EnergyRegisters e;
  e.accumulate(s, 1800);  // half an hour
  EXPECT_DOUBLE_EQ(e.phase[0].wh_delivered, 200);
  EXPECT_DOUBLE_EQ(e.phase[0].varh_delivered, 150);
  EXPECT_DOUBLE_EQ(e.phase[0].varh_quadrant[0], 150);
  EXPECT_DOUBLE_EQ(e.phase[0].vah_delivered, 250);
  EXPECT_DOUBLE_EQ(e.phase[1].wh_received, 200);
  EXPECT_DOUBLE_EQ(e.phase[1].wh_delivered, 0);
  EXPECT_DOUBLE_EQ(e.phase[1].varh_received, 150);
  EXPECT_DOUBLE_EQ(e.phase[1].varh_quadrant[2], 150);
  EXPECT_DOUBLE_EQ(e.phase[1].vah_received, 250);
  EXPECT_DOUBLE_EQ(e.phase[2].varh_quadrant[3], 40);
  EXPECT_DOUBLE_EQ(e.phase[2].ah, 0.5);
  EXPECT_DOUBLE_EQ(e.phase[2].v2h, 5000);
  // Polyphase from the totals: P = 60 W, Q = -80 VAR -> quadrant IV, all delivered.
  EXPECT_DOUBLE_EQ(e.phase[kPoly].wh_delivered, 30);
  EXPECT_DOUBLE_EQ(e.phase[kPoly].wh_received, 0);
  EXPECT_DOUBLE_EQ(e.phase[kPoly].varh_quadrant[3], 40);
  EXPECT_DOUBLE_EQ(e.phase[kPoly].vah_delivered, 250 + 250 + 50);
  EXPECT_DOUBLE_EQ(e.vah_vectorial_delivered, 50);
  EXPECT_DOUBLE_EQ(e.phase[kPoly].ah, 5.5);
  // Q = 0.5 P + sqrt(3)/2 VAR
  EXPECT_NEAR(e.phase[0].qh_delivered, 0.5 * (0.5 * 400 + std::sqrt(3.0) / 2 * 300), 1e-9);
  const EnergyRegisters p = e.to_primary(60, 120);
  EXPECT_DOUBLE_EQ(p.phase[0].wh_delivered, 200 * 7200);
  EXPECT_DOUBLE_EQ(p.phase[2].ah, 0.5 * 120);
  EXPECT_DOUBLE_EQ(p.phase[2].v2h, 5000 * 3600);
  EXPECT_DOUBLE_EQ(p.phase[2].a2h, 0.5 * 14400);
}

TEST(EnergyIntegrator, ResultsDoNotDependOnHowOftenOrInWhichOrderWeAsk) {
  const MetrologyModel model(spec(4));
  EnergyIntegrator often(model, kMidnight), once(model, kMidnight);
  const std::int64_t end = (kMidnight + 7 * 3600) * kMicros + 250'000;
  for (std::int64_t t = kMidnight * kMicros; t < end; t += 37 * kMicros + 123) often.at(t);
  const auto a = often.at(end);
  const auto b = once.at(end);
  ASSERT_TRUE(a && b);
  expect_same(*a, *b);
  // A past instant, recomputed from a checkpoint, equals the value from a fresh start.
  const std::int64_t past = (kMidnight + 2 * 3600 + 17) * kMicros + 500'000;
  EnergyIntegrator fresh(model, kMidnight);
  expect_same(*once.at(past), *fresh.at(past));
  EXPECT_FALSE(once.at((kMidnight - 1) * kMicros).has_value());
}

TEST(EnergyIntegrator, RegistersNeverDecreaseAndAreContinuous) {
  const MetrologyModel model(spec(8, 0.9));  // with PV: both directions occur
  EnergyIntegrator integ(model, kMidnight);
  EnergyRegisters last = *integ.at(kMidnight * kMicros);
  for (std::int64_t t = kMidnight * kMicros; t < (kMidnight + 86400) * kMicros; t += 97'531'000) {
    const EnergyRegisters now = *integ.at(t);
    for (int c = 0; c < 4; ++c) {
      EXPECT_GE(now.phase[c].wh_delivered, last.phase[c].wh_delivered);
      EXPECT_GE(now.phase[c].wh_received, last.phase[c].wh_received);
      for (int q = 0; q < 4; ++q)
        EXPECT_GE(now.phase[c].varh_quadrant[q], last.phase[c].varh_quadrant[q]);
      EXPECT_GE(now.phase[c].ah, last.phase[c].ah);
    }
    last = now;
  }
  // Continuity across a step boundary: just before and at the boundary differ by ~0.
  const auto before = *integ.at((kMidnight + 100) * kMicros - 1);
  const auto at = *integ.at((kMidnight + 100) * kMicros);
  EXPECT_NEAR(before.phase[kPoly].wh_delivered, at.phase[kPoly].wh_delivered, 1e-5);
}

TEST(EnergyIntegrator, EnergyOverAnIntervalMatchesTheIntegralOfPower) {
  const MetrologyModel model(spec(21, 0.8));
  EnergyIntegrator integ(model, kMidnight);
  const std::int64_t from = kMidnight + 10 * 3600, to = from + 3600;
  // An independent integral: trapezoid over 0.1 s of the instantaneous total power.
  double net_wh = 0, phase_a_del = 0;
  const double dt = 0.1;
  for (double t = from; t < to; t += dt) {
    const auto x0 = model.instantaneous(t), x1 = model.instantaneous(t + dt);
    net_wh += 0.5 * (x0.total.watts + x1.total.watts) * dt / 3600;
    phase_a_del +=
        0.5 * (std::max(0.0, x0.phase[0].watts) + std::max(0.0, x1.phase[0].watts)) * dt / 3600;
  }
  const auto e0 = *integ.at(from * kMicros), e1 = *integ.at(to * kMicros);
  const auto& p0 = e0.phase[kPoly];
  const auto& p1 = e1.phase[kPoly];
  const double meter_net = (p1.wh_delivered - p0.wh_delivered) - (p1.wh_received - p0.wh_received);
  EXPECT_NEAR(meter_net, net_wh, 1e-4 * std::fabs(net_wh) + 1e-3);
  EXPECT_NEAR(e1.phase[0].wh_delivered - e0.phase[0].wh_delivered, phase_a_del,
              1e-4 * phase_a_del + 1e-3);
  EXPECT_GT(std::fabs(net_wh), 1.0);  // the hour carried real energy
}

TEST(EnergyIntegrator, QuadrantsAndPhasesAddUp) {
  const MetrologyModel model(spec(33, 1.2));
  EnergyIntegrator integ(model, kMidnight);
  const auto e = *integ.at((kMidnight + 86400) * kMicros);
  double phase_net = 0;
  for (int c = 0; c < 4; ++c) {
    const auto& p = e.phase[c];
    EXPECT_NEAR(p.varh_delivered, p.varh_quadrant[0] + p.varh_quadrant[1], 1e-6);
    EXPECT_NEAR(p.varh_received, p.varh_quadrant[2] + p.varh_quadrant[3], 1e-6);
    if (c < kPoly) phase_net += p.wh_delivered - p.wh_received;
  }
  const auto& poly = e.phase[kPoly];
  EXPECT_NEAR(poly.wh_delivered - poly.wh_received, phase_net, 1e-6 * std::fabs(phase_net));
  // A day with strong PV exports at noon and imports at night.
  EXPECT_GT(poly.wh_delivered, 0);
  EXPECT_GT(poly.wh_received, 0);
  // VAh vectorial never exceeds VAh arithmetic.
  EXPECT_LE(e.vah_vectorial_delivered + e.vah_vectorial_received,
            poly.vah_delivered + poly.vah_received);
  // Ah polyphase is the sum of the phases.
  EXPECT_NEAR(poly.ah, e.phase[0].ah + e.phase[1].ah + e.phase[2].ah, 1e-9 * poly.ah);
}

TEST(EnergyIntegrator, FarPastInstantsAreRecomputedFromDailyCheckpoints) {
  const MetrologyModel model(spec(2));
  EnergyIntegrator integ(model, kMidnight);
  const std::int64_t end = kMidnight + 4 * 86400;
  integ.at(end * kMicros);
  const auto steps = integ.steps_computed();
  EXPECT_EQ(steps, 4u * 86400u);
  const std::int64_t old = kMidnight + 86400 + 7200 + 5;  // beyond the hourly window
  EnergyIntegrator fresh(model, kMidnight);
  expect_same(*integ.at(old * kMicros), *fresh.at(old * kMicros));
  // Replayed from the day-1 checkpoint: 2 h 5 s of steps, not a day and more.
  EXPECT_EQ(integ.steps_computed() - steps, 7205u);
}

TEST(EnergyIntegrator, ThinnedDailyCheckpointsStillReproduceOldInstants) {
  const MetrologyModel model(spec(6));
  EnergyIntegrator integ(model, kMidnight, 60);   // 60 s steps keep 200 days cheap
  integ.at((kMidnight + 200 * 86400) * kMicros);  // more days than daily checkpoints kept
  EnergyIntegrator fresh(model, kMidnight, 60);
  for (std::int64_t day : {3, 77, 150}) {
    const std::int64_t t = (kMidnight + day * 86400 + 4000) * kMicros + 1;
    expect_same(*integ.at(t), *fresh.at(t));
  }
}

TEST(EnergyIntegrator, LongerStepsStayCloseToOneSecondSteps) {
  const MetrologyModel model(spec(12, 0.5));
  EnergyIntegrator fine(model, kMidnight), coarse(model, kMidnight, 10);
  const std::int64_t end = (kMidnight + 86400) * kMicros;
  const auto a = *fine.at(end), b = *coarse.at(end);
  EXPECT_EQ(coarse.steps_computed(), 8640u);
  EXPECT_NEAR(b.phase[kPoly].wh_delivered, a.phase[kPoly].wh_delivered,
              1e-3 * a.phase[kPoly].wh_delivered);
  EXPECT_NEAR(b.phase[kPoly].varh_delivered, a.phase[kPoly].varh_delivered,
              1e-3 * a.phase[kPoly].varh_delivered + 1e-3);
  EXPECT_FALSE(EnergyIntegrator::valid_step(7));
  EXPECT_TRUE(EnergyIntegrator::valid_step(60));
}

}  // namespace
}  // namespace jemhead::sim
