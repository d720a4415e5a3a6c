#include "drivers/protocol/modbus/point_map.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "drivers/protocol/modbus/point_map_json.hpp"

namespace jemhead::modbus {
namespace {

PointMap small_map() {
  PointMap map;
  map.name = "test";
  map.pt_ratio = 60;
  map.ct_ratio = 40;
  map.allow_register_presets = true;
  CounterPoint wh;
  wh.point = 1;
  wh.name = "Wh del";
  wh.register_id = 3;
  wh.unit = "kWh";
  wh.scale_factor = 10;
  CounterPoint alt;
  alt.point = 3;
  alt.register_set = RegisterSet::alternate;
  alt.register_id = 101;
  alt.is_signed = true;
  map.counters.points = {wh, alt};
  AnalogPoint volts;
  volts.point = 2;
  volts.quantity = AnalogQuantity::volts;
  volts.phase = Phase::c;
  volts.primary = true;
  AnalogPoint harmonic;
  harmonic.point = 5;
  harmonic.quantity = AnalogQuantity::other;
  harmonic.full_scale = 100;
  harmonic.unit = "%";
  harmonic.scale_factor = 20;
  map.analogs.points = {volts, harmonic};
  map.coils.points = {{1, "Ch3", 3}};
  DiscreteInputPoint battery;
  battery.point = 4;
  battery.source = DiscreteSource::meter_status;
  battery.status = MeterStatus::battery;
  battery.polarity = Polarity::active_low;
  DiscreteInputPoint trigger;
  trigger.point = 1;
  trigger.source = DiscreteSource::trigger;
  trigger.channel = 64;
  map.discrete_inputs.points = {battery, trigger};
  return map;
}

bool has_error(const Validation& v, std::string_view field) {
  return std::any_of(v.errors().begin(), v.errors().end(),
                     [&](const FieldError& e) { return e.field == field; });
}

TEST(PointMapValidation, AGoodMapPasses) {
  const auto v = validate(small_map());
  EXPECT_TRUE(v.ok()) << v.summary();
}

TEST(PointMapValidation, NamesEveryBadField) {
  auto map = small_map();
  map.pt_ratio = 0;
  map.counters.start_address = 20001;
  map.counters.points[0].scale_factor = 0;  // E6: "0-1000" but 0 divides by zero
  map.counters.points[1].register_id = 50;  // alternate registers are 100-149
  map.analogs.points[0].scale_factor = 101;
  map.analogs.points[0].phase = Phase::neutral;  // volts have no neutral
  map.analogs.points[1].full_scale.reset();      // `other` has no row in the table
  map.coils.points[0].channel = 15;
  map.discrete_inputs.points[1].channel = 65;
  map.discrete_inputs.points[0].status.reset();
  map.discrete_inputs.points.push_back(map.discrete_inputs.points[1]);  // duplicate point 1
  const auto v = validate(map);
  for (const char* field :
       {"pt_ratio", "counters/start_address", "counters/points/0/scale_factor",
        "counters/points/1/register_id", "analogs/points/0/scale_factor", "analogs/points/0/phase",
        "analogs/points/1/full_scale", "coils/points/0/channel", "discrete_inputs/points/1/channel",
        "discrete_inputs/points/0/status", "discrete_inputs/points/2/point"})
    EXPECT_TRUE(has_error(v, field)) << field << " not reported in: " << v.summary();
  EXPECT_EQ(v.errors().size(), 12u) << v.summary();  // + discrete_inputs/points/2/channel
}

TEST(PointMapValidation, TableSizesFollowTheManual) {
  PointMap map;
  for (std::uint16_t i = 1; i <= 301; ++i) {
    CounterPoint c;
    c.point = i;
    map.counters.points.push_back(c);
  }
  const auto v = validate(map);
  EXPECT_TRUE(has_error(v, "counters/points")) << v.summary();
  EXPECT_TRUE(has_error(v, "counters/points/300/point"));
}

TEST(PointMapAddresses, ReferencesBecomeZeroBasedProtocolAddresses) {
  const auto map = small_map();
  EXPECT_EQ(protocol_address(40001), 0);
  EXPECT_EQ(protocol_address(30001), 0);  // the defaults' swapped start lands in the same place
  EXPECT_EQ(protocol_address(10017), 16);
  EXPECT_EQ(protocol_address(1), 0);
  EXPECT_EQ(address_of(map, map.counters.points[1]), 4);  // point 3: 40005/40006
  EXPECT_EQ(address_of(map, map.analogs.points[1]), 4);   // point 5: 30005
  EXPECT_EQ(address_of(map, map.discrete_inputs.points[0]), 3);
  EXPECT_EQ(address_of(map, map.coils.points[0]), 0);
}

TEST(PointMapJson, RoundTripsEveryField) {
  const auto map = small_map();
  const auto text = point_map_to_json(map);
  const auto loaded = parse_point_map(text);
  ASSERT_TRUE(loaded.ok()) << loaded.problems.summary() << "\n" << text;
  EXPECT_EQ(loaded.map, map);
}

TEST(PointMapJson, ReportsStructuralProblemsWithTheirPaths) {
  const auto loaded = parse_point_map(R"({
    "format": "jemhead.modbus.point_map/1",
    "pt_ratio": "sixty",
    "colour": "blue",
    "counters": {"start_address": 40001, "points": [
      {"point": 1, "scale_facter": 10},
      {"name": "no number"},
      {"point": 70000},
      7
    ]},
    "analogs": {"points": [{"point": 1, "quantity": "watt", "phase": "a"}]},
    "coils": [],
    "discrete_inputs": {"points": [{"point": 1, "source": "meter_status", "status": "batery"}]}
  })");
  ASSERT_FALSE(loaded.ok());
  const auto& v = loaded.problems;
  for (const char* field :
       {"pt_ratio", "colour", "counters/points/0/scale_facter", "counters/points/1/point",
        "counters/points/2/point", "counters/points/3", "analogs/points/0/quantity", "coils",
        "discrete_inputs/points/0/status"})
    EXPECT_TRUE(has_error(v, field)) << field << " not reported in: " << v.summary();
}

TEST(PointMapJson, EnumErrorsListTheAllowedValues) {
  const auto loaded = parse_point_map(
      R"({"analogs": {"points": [{"point": 1, "quantity": "volts", "phase": "x"}]}})");
  ASSERT_EQ(loaded.problems.errors().size(), 1u) << loaded.problems.summary();
  EXPECT_EQ(loaded.problems.errors()[0].field, "analogs/points/0/phase");
  EXPECT_EQ(loaded.problems.errors()[0].message, "must be one of a, b, c, polyphase, neutral");
}

TEST(PointMapJson, HostileDocumentsAreRejectedCleanly) {
  EXPECT_EQ(parse_point_map("not json").problems.errors().at(0).field, "");
  EXPECT_FALSE(parse_point_map("[]").ok());
  EXPECT_FALSE(parse_point_map(std::string(200, '[') + std::string(200, ']')).ok());
  EXPECT_FALSE(parse_point_map(std::string(kMaxPointMapBytes + 1, ' ')).ok());
  EXPECT_FALSE(parse_point_map(R"({"format": "something/2"})").ok());
  EXPECT_FALSE(parse_point_map(R"({"counters": {"points": [{"point": 1.5}]}})").ok());
  EXPECT_FALSE(
      parse_point_map(R"({"counters": {"points": [{"point": 1, "scale_factor": 1e400}]}})").ok());
}

TEST(PointMapJson, AnEmptyObjectIsAnEmptyValidMap) {
  const auto loaded = parse_point_map("{}");
  EXPECT_TRUE(loaded.ok()) << loaded.problems.summary();
  EXPECT_TRUE(loaded.map.counters.points.empty());
  EXPECT_EQ(loaded.map.counters.start_address, 40001u);
}

TEST(PointMapJson, MissingFileIsAnError) {
  const auto loaded = load_point_map_file("/nonexistent/map.json");
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.problems.summary().find("cannot open"), std::string::npos);
}

}  // namespace
}  // namespace jemhead::modbus
