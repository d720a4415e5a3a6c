// The shipped template config/modbus/factory-default-map.json is the manual's Appendix C
// "Protocol setup: Modbus Slave" (L13694-13769).
#include <gtest/gtest.h>

#include "drivers/protocol/modbus/map_reads.hpp"
#include "drivers/protocol/modbus/point_map_json.hpp"

namespace jemhead::modbus {
namespace {

PointMap factory_map() {
  const auto loaded = load_point_map_file(std::string(JEMHEAD_SOURCE_DIR) +
                                          "/config/modbus/factory-default-map.json");
  EXPECT_TRUE(loaded.ok()) << loaded.problems.summary();
  return loaded.map;
}

TEST(FactoryDefaultMap, HasTheCountsTheManualStates) {
  const auto map = factory_map();
  EXPECT_EQ(map.counters.points.size(), 4u);         // L13700-13706
  EXPECT_EQ(map.analogs.points.size(), 18u);         // L13712-13745
  EXPECT_EQ(map.coils.points.size(), 2u);            // L13753-13755
  EXPECT_EQ(map.discrete_inputs.points.size(), 5u);  // L13761-13769
  EXPECT_EQ(map.pt_ratio, 1);                        // L13440-13450
  EXPECT_EQ(map.ct_ratio, 1);
}

TEST(FactoryDefaultMap, PointsMatchAppendixC) {
  const auto map = factory_map();
  for (const auto& c : map.counters.points) EXPECT_DOUBLE_EQ(c.scale_factor, 0.001) << c.name;
  EXPECT_EQ(map.counters.points[0].name, "Watthour Delivered");
  EXPECT_EQ(map.counters.points[3].name, "VARhour Received");
  const auto& poly_watts = map.analogs.points[3];
  EXPECT_EQ(poly_watts.point, 4);
  EXPECT_EQ(poly_watts.quantity, AnalogQuantity::watts);
  EXPECT_EQ(poly_watts.phase, Phase::polyphase);
  EXPECT_EQ(map.analogs.points[12].quantity, AnalogQuantity::volts);  // point 13 Volts Phase A
  EXPECT_EQ(map.analogs.points[17].quantity, AnalogQuantity::amps);   // point 18 Amps Phase C
  EXPECT_EQ(map.analogs.points[17].phase, Phase::c);
  EXPECT_EQ(map.coils.points[0].channel, 3);  // "Point 1 Ch3"
  EXPECT_EQ(map.coils.points[1].channel, 4);
  EXPECT_EQ(map.discrete_inputs.points[2].source, DiscreteSource::trigger);
  EXPECT_EQ(map.discrete_inputs.points[2].channel, 1);
}

TEST(FactoryDefaultMap, IsReadInOneRequestPerTable) {
  const auto plan = plan_map_reads(factory_map(), {});
  ASSERT_EQ(plan.counters.size(), 1u);
  EXPECT_EQ(plan.counters[0], (ReadRegistersRequest{FunctionCode::read_holding_registers, 0, 8}));
  ASSERT_EQ(plan.analogs.size(), 1u);
  EXPECT_EQ(plan.analogs[0], (ReadRegistersRequest{FunctionCode::read_input_registers, 0, 18}));
  ASSERT_EQ(plan.discrete_inputs.size(), 1u);
  EXPECT_EQ(plan.discrete_inputs[0], (ReadBitsRequest{FunctionCode::read_discrete_inputs, 0, 5}));
  ASSERT_EQ(plan.coils.size(), 1u);
  EXPECT_EQ(plan.coils[0], (ReadBitsRequest{FunctionCode::read_coils, 0, 2}));
}

TEST(FactoryDefaultMap, SurvivesASaveAndLoad) {
  const auto map = factory_map();
  const auto again = parse_point_map(point_map_to_json(map));
  ASSERT_TRUE(again.ok()) << again.problems.summary();
  EXPECT_EQ(again.map, map);
}

}  // namespace
}  // namespace jemhead::modbus
