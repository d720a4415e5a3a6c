// The fleet section: core validation errors come back located at file line and key, and
// the rules across objects (unique serials, known groups, one default) are enforced.
#include <gtest/gtest.h>

#include "tests/unit/service/config_test_support.hpp"

namespace jemhead::service {
namespace {

using testing::error_lines;
using testing::load;

TEST(ServiceFleetConfig, CoreValidationErrorsPointAtTheirLine) {
  auto r = load(
      "fleet:\n"                                          // 1
      "  meters:\n"                                       // 2
      "    - serial: \"77\"\n"                            // 3
      "      time_zone: Mars/Olympus\n"                   // 4
      "      identification:\n"                           // 5
      "        - {title: Meter ID, value: F1}\n"          // 6
      "        - title: Account\n"                        // 7
      "          value: \"0123456789012345678901234\"\n"  // 8
      "      connections:\n"                              // 9
      "        - name: rs485\n"                           // 10
      "          protocol: modbus\n"                      // 11
      "          transport: rs485\n"                      // 12
      "          device: /dev/ttyS0\n"                    // 13
      "          baud: 1000\n"                            // 14
      "          address: 255\n");                        // 15
  EXPECT_EQ(error_lines(r),
            "t.yaml:4: fleet.meters[0].time_zone: unknown time zone 'Mars/Olympus'\n"
            "t.yaml:8: fleet.meters[0].identification[1].value: must be at most 24 characters "
            "(got 25)\n"
            "t.yaml:14: fleet.meters[0].connections[0].baud: must be one of 1200, 2400, 4800, "
            "9600, 19200, 38400 (got 1000)\n"
            "t.yaml:15: fleet.meters[0].connections[0].address: must be between 1 and 254 (got "
            "255): meter address on the line (manual L1373)\n");
}

TEST(ServiceFleetConfig, FieldsMissingFromTheFileAreReportedAtTheirObject) {
  auto r = load(
      "fleet:\n"
      "  meters:\n"
      "    - serial: \"1\"\n"
      "      connections:\n"
      "        - name: net\n"
      "          protocol: dlms\n");  // transport defaults to tcp, which needs a host
  EXPECT_EQ(error_lines(r), "t.yaml:5: fleet.meters[0].connections[0].host: must not be empty\n");
}

TEST(ServiceFleetConfig, CrossObjectRules) {
  auto r = load(
      "fleet:\n"                                               // 1
      "  groups:\n"                                            // 2
      "    - {name: north}\n"                                  // 3
      "    - {name: north}\n"                                  // 4
      "  meters:\n"                                            // 5
      "    - serial: \"1\"\n"                                  // 6
      "      group: south\n"                                   // 7
      "      connections:\n"                                   // 8
      "        - {name: a, host: 127.0.0.1, default: true}\n"  // 9
      "        - {name: a, host: 127.0.0.1, default: true}\n"  // 10
      "    - serial: \"1\"\n");                                // 11
  EXPECT_EQ(error_lines(r),
            "t.yaml:4: fleet.groups[1].name: duplicate group name 'north' (first at line 3)\n"
            "t.yaml:7: fleet.meters[0].group: unknown group 'south' (define it in "
            "fleet.groups)\n"
            "t.yaml:10: fleet.meters[0].connections[1].name: duplicate connection name 'a'\n"
            "t.yaml:10: fleet.meters[0].connections[1].default: only one connection per meter "
            "can be the default\n"
            "t.yaml:11: fleet.meters[1].serial: duplicate serial '1' (first at line 6)\n");
}

TEST(ServiceFleetConfig, UnknownKeysAndWrongTypesInsideMeters) {
  auto r = load(
      "fleet:\n"
      "  meters:\n"
      "    - serial: \"1\"\n"
      "      colour: blue\n"
      "      mid: maybe\n"
      "      options: PQ2\n"
      "      connections:\n"
      "        - {name: a, host: 127.0.0.1, protocol: smtp, port: 99999}\n");
  EXPECT_EQ(error_lines(r),
            "t.yaml:4: fleet.meters[0].colour: unknown key (allowed: serial, name, location, "
            "group, model, mid, firmware, time_zone, enabled, options, identification, "
            "schedules, connections)\n"
            "t.yaml:5: fleet.meters[0].mid: must be true or false (got 'maybe')\n"
            "t.yaml:6: fleet.meters[0].options: must be a list\n"
            "t.yaml:8: fleet.meters[0].connections[0].protocol: must be one of dlms, dnp3, "
            "modbus, iec61850, iec102, sftp, http, jem_binary (got 'smtp')\n"
            "t.yaml:8: fleet.meters[0].connections[0].port: must be an integer between 0 and "
            "65535 (got 99999)\n");
}

TEST(ServiceFleetConfig, ConnectionOptionsBecomeAJsonObjectKeepingLiteralTypes) {
  auto r = load(
      "fleet:\n"
      "  meters:\n"
      "    - serial: \"1\"\n"
      "      options: [PQ2, ML]\n"
      "      enabled: false\n"
      "      connections:\n"
      "        - name: a\n"
      "          host: 127.0.0.1\n"
      "          options: {client_sap: 1, crc: swapped, quoted: \"17\", ratio: 2.5, on: true}\n");
  ASSERT_TRUE(r.ok()) << error_lines(r);
  const auto& m = r.config.fleet.meters.at(0);
  EXPECT_EQ(m.meter.options, (std::vector<std::string>{"PQ2", "ML"}));
  EXPECT_FALSE(m.meter.enabled);
  EXPECT_EQ(m.connections.at(0).options_json,
            R"({"client_sap":1,"crc":"swapped","quoted":"17","ratio":2.5E0,"on":true})");

  auto nested = load(
      "fleet: {meters: [{serial: \"1\", connections: [{name: a, host: h, options: {x: [1]}}]}]}\n");
  EXPECT_EQ(error_lines(nested),
            "t.yaml:1: fleet.meters[0].connections[0].options: option names and values must be "
            "plain scalars\n");
}

TEST(ServiceFleetConfig, TooManyEntriesAreRefused) {
  std::string yaml = "fleet:\n  meters:\n    - serial: \"1\"\n      identification:\n";
  for (int i = 0; i < 11; ++i) yaml += "        - {value: v" + std::to_string(i) + "}\n";
  EXPECT_EQ(error_lines(load(yaml)),
            "t.yaml:4: fleet.meters[0].identification: at most 10 entries (got 11)\n");
}

}  // namespace
}  // namespace jemhead::service
