// The fleet file's Modbus keys and the counter-source table.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "drivers/protocol/modbus/factory_map.hpp"
#include "sim/fleet_file.hpp"
#include "sim/modbus/counter_source.hpp"

namespace jemhead::sim {
namespace {

FleetSpec parse(const std::string& yaml) {
  return parse_fleet(yaml, "fleet.yaml");
}

std::string error_of(const std::string& yaml) {
  try {
    parse(yaml);
  } catch (const FleetError& e) {
    return e.what();
  }
  return "no error";
}

TEST(ModbusFleetKeys, MetersWithoutTheKeyHaveNoSlave) {
  auto spec = parse("meters: {count: 2}\n");
  EXPECT_FALSE(spec.meters[0].modbus);
  EXPECT_TRUE(spec.rtu_buses.empty());
}

TEST(ModbusFleetKeys, BusAddressesAreAssignedAroundExplicitOnes) {
  auto spec = parse(R"(
rtu_buses: [{name: b1, baud: 9600}, {name: b2}]
meters:
  count: 3
  modbus: { rtu: { bus: b1 } }
  list:
    - serial: "X1"
      modbus: { rtu: { bus: b1, address: 2 }, tcp: { listen: "127.0.0.1:0" }, unit_id: 9 }
    - serial: "X2"
      modbus: { rtu: { bus: b2 }, crc_order: high_byte_first, frame_timeout_ms: 250,
                faults: { mode: slow, delay_ms: 1500 } }
)");
  ASSERT_EQ(spec.rtu_buses.size(), 2u);
  EXPECT_EQ(spec.rtu_buses[0].baud, 9600u);
  EXPECT_EQ(spec.rtu_buses[1].baud, 19200u);
  ASSERT_EQ(spec.meters.size(), 5u);
  EXPECT_EQ(*spec.meters[0].modbus->rtu_address, 1);
  EXPECT_EQ(*spec.meters[1].modbus->rtu_address, 3) << "2 is taken by X1";
  EXPECT_EQ(*spec.meters[2].modbus->rtu_address, 4);
  const auto& x1 = *spec.meters[3].modbus;
  EXPECT_EQ(*x1.rtu_address, 2);
  EXPECT_TRUE(x1.tcp);
  EXPECT_EQ(x1.effective_unit_id(), 9);
  const auto& x2 = *spec.meters[4].modbus;
  EXPECT_EQ(*x2.rtu_bus, "b2");
  EXPECT_EQ(*x2.rtu_address, 1);
  EXPECT_EQ(x2.effective_unit_id(), 1);
  EXPECT_EQ(x2.crc_order, modbus::CrcOrder::high_byte_first);
  EXPECT_EQ(x2.frame_timeout_ms, 250u);
  EXPECT_EQ(x2.faults, (FaultSettings{FaultMode::slow, 1500}));
}

TEST(ModbusFleetKeys, MistakesNameTheKey) {
  EXPECT_NE(
      error_of("meters: {count: 1, modbus: {rtu: {bus: nope}}}\n").find("no bus named 'nope'"),
      std::string::npos);
  EXPECT_NE(error_of("rtu_buses: [{name: b, baud: 4800}]\n").find("rtu_buses[0].baud"),
            std::string::npos);
  EXPECT_NE(
      error_of("meters: {count: 1, modbus: {tcp: {listen: \"10.0.0.1:502\"}}}\n").find("loopback"),
      std::string::npos);
  EXPECT_NE(
      error_of("meters: {count: 1, modbus: {unit: 3}}\n").find("meters.modbus.unit: unknown key"),
      std::string::npos);
  EXPECT_NE(error_of("meters: {count: 1, modbus: {faults: {mode: flaky}}}\n").find("no_answer"),
            std::string::npos);
  EXPECT_NE(error_of("rtu_buses: [{name: b}]\nmeters:\n  list:\n"
                     "    - {serial: A, modbus: {rtu: {bus: b, address: 5}}}\n"
                     "    - {serial: B, modbus: {rtu: {bus: b, address: 5}}}\n")
                .find("address 5 is already used"),
            std::string::npos);
  EXPECT_NE(
      error_of("meters: {count: 1, modbus: {map: /nonexistent/map.json}}\n").find("cannot open"),
      std::string::npos);
}

TEST(ModbusFleetKeys, MapFilesAreRelativeToTheFleetFileAndCheckedForCounterSources) {
  const auto dir = std::filesystem::temp_directory_path() / "jemsim_modbus_keys_test";
  std::filesystem::create_directories(dir);
  std::string good(modbus::factory_default_map_json());
  { std::ofstream(dir / "good.json") << good; }
  std::string bad = good;
  bad.replace(bad.find("Watthour Delivered"), 18, "Mystery register");
  { std::ofstream(dir / "bad.json") << bad; }
  const auto fleet = (dir / "fleet.yaml").string();
  auto spec = parse_fleet("meters: {count: 2, modbus: {map: good.json}}\n", fleet);
  ASSERT_TRUE(spec.meters[0].modbus->map);
  EXPECT_EQ(spec.meters[0].modbus->map, spec.meters[1].modbus->map) << "loaded once";
  EXPECT_EQ(spec.meters[0].modbus->map->counters.points.size(), 4u);
  try {
    parse_fleet("meters: {count: 1, modbus: {map: bad.json}}\n", fleet);
    FAIL() << "a counter with no energy register must be refused";
  } catch (const FleetError& e) {
    EXPECT_NE(std::string(e.what()).find("Mystery register"), std::string::npos) << e.what();
  }
  std::filesystem::remove_all(dir);
}

TEST(CounterSources, NamesAndRegisterIdsPickEnergyRegisters) {
  std::string problem;
  modbus::CounterPoint p;
  const auto source = [&](std::string name, std::optional<std::uint16_t> id = {},
                          std::string unit = "") {
    p.name = std::move(name);
    p.register_id = id;
    p.unit = std::move(unit);
    return counter_source(p, problem);
  };
  auto s = source("Watthour Delivered");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->kind, EnergyKind::wh_delivered);
  EXPECT_EQ(s->column, kPoly);
  s = source("VARh Q3 Phase B", {}, "kvarh");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->kind, EnergyKind::varh_q3);
  EXPECT_EQ(s->column, 1);
  EXPECT_EQ(s->unit_divisor, 1000);
  s = source("anything", 21);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->kind, EnergyKind::wh_received);
  EXPECT_EQ(s->column, 0);
  p.register_set = modbus::RegisterSet::alternate;
  s = source("anything", 44);
  ASSERT_TRUE(s) << problem;
  EXPECT_EQ(s->kind, EnergyKind::vah_delivered);
  EXPECT_EQ(s->column, 2);
  EXPECT_FALSE(source("Watthour"));
  EXPECT_NE(problem.find("delivered or received"), std::string::npos);
  EXPECT_FALSE(source("x", 18));
  EXPECT_FALSE(source("Frobnication"));

  EnergyRegisters e;
  e.phase[kPoly].wh_delivered = 12345;
  EXPECT_EQ(display_value(CounterSource{EnergyKind::wh_delivered, kPoly, 1000, ""}, e), 12.345);
}

TEST(CounterSources, TheFactoryMapResolves) {
  const auto map = modbus::factory_default_map();
  ASSERT_EQ(map->counters.points.size(), 4u);
  const EnergyKind expected[4] = {EnergyKind::wh_delivered, EnergyKind::wh_received,
                                  EnergyKind::varh_delivered, EnergyKind::varh_received};
  for (int i = 0; i < 4; ++i) {
    std::string problem;
    auto s = counter_source(map->counters.points[static_cast<std::size_t>(i)], problem);
    ASSERT_TRUE(s) << problem;
    EXPECT_EQ(s->kind, expected[i]);
    EXPECT_EQ(s->column, kPoly);
  }
}

}  // namespace
}  // namespace jemhead::sim
