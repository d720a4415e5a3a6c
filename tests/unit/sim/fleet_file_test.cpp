#include "sim/fleet_file.hpp"

#include <gtest/gtest.h>

namespace jemhead::sim {
namespace {

// Runs the parser and returns the error, failing the test when there is none.
FleetError error_of(const std::string& yaml) {
  try {
    parse_fleet(yaml, "fleet.yaml");
  } catch (const FleetError& e) {
    return e;
  }
  ADD_FAILURE() << "no error for:\n" << yaml;
  return FleetError("", 0, "", "");
}

TEST(FleetFile, ReadsGeneratedAndListedMeters) {
  const auto fleet = parse_fleet(R"(seed: 42
time_factor: 60
start_time: "2026-01-01T00:00:00Z"
control: { listen: "127.0.0.1:8099" }
meters:
  count: 2
  serial_base: 50000001
  nominal_current: 2.5
  list:
    - serial: "50123456"
      seed: 7
      model: "JS2-CUSTOM"
      mid: true
      nominal_voltage: 69.3
      pt_ratio: 60
      ct_ratio: 120
      frequency: 50
      service: 3-wire-delta
      time_factor: 1
      clock_drift_ppm: -5.5
      integration_step: 10
      options: [PQ2, ML]
      firmware: { register: "6.5.2", metrology: "5.5.2" }
      identification: { Location: "Substation 4", Feeder: "F12" }
    - { serial: "X-1" }
)",
                                 "fleet.yaml");
  EXPECT_EQ(fleet.seed, 42u);
  EXPECT_EQ(fleet.time_factor, 60.0);
  EXPECT_EQ(format_iso8601(*fleet.start_time), "2026-01-01T00:00:00.000000Z");
  EXPECT_EQ(fleet.control_address, "127.0.0.1");
  EXPECT_EQ(fleet.control_port, 8099);
  ASSERT_EQ(fleet.meters.size(), 4u);
  EXPECT_EQ(fleet.meters[0].serial, "50000001");
  EXPECT_EQ(fleet.meters[0].seed, 42u);
  EXPECT_EQ(fleet.meters[1].serial, "50000002");
  EXPECT_EQ(fleet.meters[1].seed, 43u);
  EXPECT_EQ(fleet.meters[1].nominal_current, 2.5);  // default from meters:
  EXPECT_EQ(fleet.meters[1].time_factor, 60.0);     // default from the fleet
  EXPECT_EQ(fleet.meters[1].effective_model(), "JS2-9S-CL20-60HZ");
  EXPECT_EQ(fleet.meters[1].identification[0].title, "Meter ID");
  EXPECT_EQ(fleet.meters[1].identification[0].value, "50000002");

  const MeterSpec& m = fleet.meters[2];
  EXPECT_EQ(m.serial, "50123456");
  EXPECT_EQ(m.seed, 7u);
  EXPECT_EQ(m.model, "JS2-CUSTOM");
  EXPECT_TRUE(m.mid);
  EXPECT_EQ(m.nominal_voltage, 69.3);
  EXPECT_EQ(m.nominal_current, 2.5);
  EXPECT_EQ(m.transformer_factor(), 7200.0);
  EXPECT_EQ(m.frequency, 50);
  EXPECT_EQ(m.service, ServiceType::three_wire_delta);
  EXPECT_EQ(m.meter_form(), "5S");
  EXPECT_EQ(m.time_factor, 1.0);
  EXPECT_EQ(m.clock_drift_ppm, -5.5);
  EXPECT_EQ(m.integration_step, 10);
  EXPECT_EQ(fleet.meters[0].integration_step, 1);
  EXPECT_EQ(m.options, (std::vector<std::string>{"PQ2", "ML"}));
  EXPECT_EQ(m.firmware.summary(), "6.5.2/5.5.2");
  EXPECT_EQ(m.identification[2].title, "Location");
  EXPECT_EQ(m.identification[2].value, "Substation 4");
  EXPECT_EQ(m.identification[6].title, "Feeder");  // first untitled field
  EXPECT_EQ(m.identification[6].value, "F12");
  EXPECT_EQ(fleet.meters[3].seed, 42u + 2 + 1);  // seed + count + list index
}

TEST(FleetFile, EmptyFileIsAnEmptyFleetWithDefaults) {
  const auto fleet = parse_fleet("", "empty.yaml");
  EXPECT_TRUE(fleet.meters.empty());
  EXPECT_EQ(fleet.control_address, "127.0.0.1");
  EXPECT_EQ(fleet.control_port, 0);
  EXPECT_FALSE(fleet.start_time.has_value());
}

TEST(FleetFile, UnknownKeyNamesFileLineAndKey) {
  const auto e = error_of(
      "seed: 1\nmeters:\n  list:\n    - serial: \"1\"\n    - serial: \"2\"\n"
      "      nominal_voltag: 120\n");
  EXPECT_EQ(e.file(), "fleet.yaml");
  EXPECT_EQ(e.line(), 6);
  EXPECT_EQ(e.key(), "meters.list[1].nominal_voltag");
  EXPECT_STREQ(e.what(), "fleet.yaml:6: meters.list[1].nominal_voltag: unknown key");

  const auto top = error_of("seed: 1\ntime_factr: 2\n");
  EXPECT_EQ(top.line(), 2);
  EXPECT_EQ(top.key(), "time_factr");
  const auto nested = error_of("control:\n  listen: \"127.0.0.1:0\"\n  port: 3\n");
  EXPECT_EQ(nested.line(), 3);
  EXPECT_EQ(nested.key(), "control.port");
}

TEST(FleetFile, BadValuesNameTheirKeyAndLine) {
  struct Case {
    std::string yaml;
    int line;
    std::string key;
    std::string message_part;
  };
  const Case cases[] = {
      {"seed: -3\n", 1, "seed", "whole number"},
      {"time_factor: fast\n", 1, "time_factor", "must be a number"},
      {"time_factor: -1\n", 1, "time_factor", "between"},
      {"start_time: yesterday\n", 1, "start_time", "ISO 8601"},
      {"control: { listen: \"10.0.0.1:80\" }\n", 1, "control.listen", "loopback"},
      {"control: { listen: \"127.0.0.1:70000\" }\n", 1, "control.listen", "port"},
      {"meters:\n  count: 200000\n", 2, "meters.count", "between"},
      {"meters:\n  count: [1]\n", 2, "meters.count", "single value"},
      {"meters:\n  list:\n    - { seed: 3 }\n", 3, "meters.list[0].serial", "required"},
      {"meters:\n  count: 1\n  serial_base: 7\n  list:\n    - { serial: \"7\" }\n", 5,
       "meters.list[0].serial", "duplicate"},
      {"meters:\n  list:\n    - serial: \"1\"\n      frequency: 55\n", 4,
       "meters.list[0].frequency", "50 or 60"},
      {"meters:\n  list:\n    - serial: \"1\"\n      service: 2-wire\n", 4,
       "meters.list[0].service", "4-wire-wye"},
      {"meters:\n  list:\n    - serial: \"1\"\n      mid: yes\n", 4, "meters.list[0].mid",
       "true or false"},
      {"meters:\n  nominal_current: 30\n", 2, "meters.nominal_current", "class_amps"},
      {"meters:\n  list:\n    - serial: \"1\"\n      identification: { Location: "
       "\"abcdefghijklmnopqrstuvwxyz\" }\n",
       4, "meters.list[0].identification.Location", "24"},
      {"meters:\n  list: 5\n", 2, "meters.list", "list of meters"},
      {"meters:\n  integration_step: 7\n", 2, "meters.integration_step", "divide 3600"},
      {"seed: 1\nseed: 2\n", 2, "seed", "duplicate"},
      {"meters: [1, 2]\n", 1, "meters", "mapping"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.yaml);
    const auto e = error_of(c.yaml);
    EXPECT_EQ(e.line(), c.line);
    EXPECT_EQ(e.key(), c.key);
    EXPECT_NE(std::string(e.what()).find(c.message_part), std::string::npos) << e.what();
  }
}

TEST(FleetFile, SyntaxErrorsAndHostileInputAreFleetErrors) {
  const auto syntax = error_of("seed: 1\nmeters: {count: 3\n");
  EXPECT_EQ(syntax.file(), "fleet.yaml");
  EXPECT_GT(syntax.line(), 0);
  const auto deep = error_of(std::string(10000, '[') + std::string(10000, ']'));
  EXPECT_NE(std::string(deep.what()).find("nesting"), std::string::npos);
  const auto big = error_of(std::string(kMaxFleetFileBytes + 1, '#'));
  EXPECT_NE(std::string(big.what()).find("larger"), std::string::npos);
}

TEST(FleetFile, LoopbackListenAddresses) {
  std::string address, error;
  std::uint16_t port = 1;
  EXPECT_TRUE(parse_loopback_listen("[::1]:8081", address, port, error));
  EXPECT_EQ(address, "::1");
  EXPECT_EQ(port, 8081);
  EXPECT_TRUE(parse_loopback_listen("localhost:0", address, port, error));
  EXPECT_EQ(address, "127.0.0.1");
  EXPECT_EQ(port, 0);
  EXPECT_FALSE(parse_loopback_listen("0.0.0.0:80", address, port, error));
  EXPECT_FALSE(parse_loopback_listen("10.1.2.3:80", address, port, error));
  EXPECT_FALSE(parse_loopback_listen("127.0.0.1", address, port, error));
  EXPECT_FALSE(parse_loopback_listen("127.0.0.1:-1", address, port, error));
}

TEST(FleetFile, GeneratedFleetMatchesTheShortcut) {
  const auto fleet = generated_fleet(3, 9);
  ASSERT_EQ(fleet.meters.size(), 3u);
  EXPECT_EQ(fleet.meters[2].serial, "50000003");
  EXPECT_EQ(fleet.meters[2].seed, 11u);
}

}  // namespace
}  // namespace jemhead::sim
