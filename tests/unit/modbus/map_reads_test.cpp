// From a point map to requests and from responses back to point values, without I/O:
// the master's requests are encoded, answered by a slave-side image built with the
// simulator's encoders, decoded, and must give back the values put in.
#include "drivers/protocol/modbus/map_reads.hpp"

#include <gtest/gtest.h>

#include "drivers/protocol/modbus/words.hpp"

namespace jemhead::modbus {
namespace {

PointMap meter_map() {
  PointMap map;
  map.pt_ratio = 2;
  map.ct_ratio = 3;
  for (std::uint16_t i = 1; i <= 40; ++i) {
    CounterPoint c;
    c.point = i;
    c.scale_factor = 10;
    map.counters.points.push_back(c);
  }
  for (std::uint16_t i = 1; i <= 3; ++i) {
    AnalogPoint a;
    a.point = static_cast<std::uint16_t>(i * 2);  // points 2, 4, 6: gaps between them
    a.quantity = AnalogQuantity::volts;
    a.primary = true;
    map.analogs.points.push_back(a);
  }
  DiscreteInputPoint low;
  low.point = 2;
  low.polarity = Polarity::active_low;
  map.discrete_inputs.points = {low};
  map.coils.points = {{1, "Ch3", 3}, {2, "Ch4", 4}};
  return map;
}

TEST(MapReads, CountersAreReadInWholePairsWithinTheLimit) {
  const auto plan = plan_map_reads(meter_map(), {});
  ASSERT_EQ(plan.counters.size(), 2u);  // 80 registers -> 60 + 20
  EXPECT_EQ(plan.counters[0].quantity, 60);
  EXPECT_EQ(plan.counters[1].address, 60);
  EXPECT_EQ(plan.counters[1].quantity, 20);
  EXPECT_EQ(plan.analogs.size(), 3u);  // addresses 1, 3, 5 are not contiguous
  EXPECT_EQ(plan.discrete_inputs.at(0).address, 1);
}

TEST(MapReads, ValuesSurviveTheRoundTripThroughRegisters) {
  const auto map = meter_map();
  // Slave side: fill the images the way the simulator will.
  RegisterImage holding;
  for (const auto& c : map.counters.points) {
    const auto words = encode_counter(c, 1000.5 * c.point);
    holding.store(address_of(map, c), std::span<const std::uint16_t>(words));
  }
  RegisterImage input;
  for (const auto& a : map.analogs.points) {
    const std::uint16_t raw = static_cast<std::uint16_t>(encode_analog(a, 100.0 + a.point));
    input.store(address_of(map, a), std::span<const std::uint16_t>(&raw, 1));
  }
  const auto counters = decode_counters(map, holding);
  ASSERT_EQ(counters.size(), 40u);
  EXPECT_DOUBLE_EQ(counters[6].value, 1000.5 * 7);
  EXPECT_EQ(counters[6].raw, 70035u);
  const auto analogs = decode_analogs(map, input);
  ASSERT_EQ(analogs.size(), 3u);
  EXPECT_NEAR(analogs[1].value.secondary, 104, 530.0 / 32767);
  EXPECT_NEAR(analogs[1].value.value, 208, 2 * 530.0 / 32767);  // primary: × PT 2
}

TEST(MapReads, MissingRegistersLeaveTheirPointsOut) {
  const auto map = meter_map();
  RegisterImage holding;
  const std::uint16_t only_high = 1;
  holding.store(0, std::span<const std::uint16_t>(&only_high, 1));  // counter 1 lacks its low word
  EXPECT_TRUE(decode_counters(map, holding).empty());
}

TEST(MapReads, BitsApplyPolarity) {
  const auto map = meter_map();
  BitImage inputs;
  const std::array<bool, 2> bits{true, false};
  inputs.store(0, std::span<const bool>(bits));
  const auto decoded = decode_discrete_inputs(map, inputs);
  ASSERT_EQ(decoded.size(), 1u);
  EXPECT_FALSE(decoded[0].raw);
  EXPECT_TRUE(decoded[0].active);  // active low
  BitImage coils;
  coils.store(0, std::span<const bool>(bits));
  const auto outputs = decode_coils(map, coils);
  ASSERT_EQ(outputs.size(), 2u);
  EXPECT_TRUE(outputs[0].active);
  EXPECT_FALSE(outputs[1].active);
}

TEST(MapReads, PresetsAndCoilCommands) {
  const auto map = meter_map();
  const std::vector<std::pair<std::uint16_t, double>> values{{2, 12.5}, {1, 0}};
  const auto presets = plan_presets(map, values, {});
  ASSERT_EQ(presets.size(), 1u);
  EXPECT_EQ(presets[0].address, 0);
  EXPECT_EQ(presets[0].values, (std::vector<std::uint16_t>{0, 0, 0, 125}));
  const std::vector<std::pair<std::uint16_t, double>> unknown{{99, 1}};
  EXPECT_THROW(plan_presets(map, unknown, {}), std::invalid_argument);
  EXPECT_EQ(coil_command(map, 2, true), (WriteSingleCoilRequest{1, true}));
  EXPECT_THROW(coil_command(map, 3, true), std::invalid_argument);
}

}  // namespace
}  // namespace jemhead::modbus
