// Meters declared in the configuration file appear in the API, and restarting with the
// same file changes nothing.
#include <gtest/gtest.h>

#include "tests/integration/support/daemons.hpp"

namespace jemhead::testing {
namespace {

const char* kFleet = R"(fleet:
  groups:
    - {name: north, description: "North substation"}
  meters:
    - serial: "50000001"
      name: "Feeder 1"
      group: north
      mid: true
      identification:
        - {title: "Meter ID", value: "F1"}
      connections:
        - {name: eth-dlms, protocol: dlms, transport: tcp, host: 127.0.0.1, port: 14059, default: true}
        - {name: bus, protocol: modbus, transport: rs485, device: /dev/ttyS0, address: 17}
    - serial: "50000002"
      name: "Feeder 2"
)";

TEST(FleetConfig, MetersFromTheFileAreServedAndReapplyingIsIdempotent) {
  TempDir dir;
  const auto config = daemon_config(dir, kFleet);
  for (int round = 0; round < 2; ++round) {
    Jemhead daemon(dir, config);
    auto meters = daemon.call("GET", "/api/v1/meters").json().at("items").as_array();
    ASSERT_EQ(meters.size(), 2u) << "round " << round;
    auto m = meters[0].as_object();
    EXPECT_EQ(m.at("serial").as_string(), "50000001");
    EXPECT_EQ(m.at("name").as_string(), "Feeder 1");
    EXPECT_EQ(m.at("mid").as_bool(), true);
    EXPECT_EQ(m.at("identification").as_array()[0].at("value").as_string(), "F1");
    auto groups = daemon.call("GET", "/api/v1/groups").json().at("items").as_array();
    ASSERT_EQ(groups.size(), 1u);
    EXPECT_EQ(m.at("group_id").as_int64(), groups[0].at("id").as_int64());

    auto conns =
        daemon
            .call("GET", "/api/v1/meters/" + std::to_string(m.at("id").as_int64()) + "/connections")
            .json()
            .at("items")
            .as_array();
    ASSERT_EQ(conns.size(), 2u);
    EXPECT_EQ(conns[0].at("name").as_string(), "eth-dlms");
    EXPECT_EQ(conns[0].at("port").as_int64(), 14059);
    EXPECT_EQ(conns[0].at("is_default").as_bool(), true);
    EXPECT_EQ(conns[1].at("transport").as_string(), "rs485");
    EXPECT_EQ(conns[1].at("address").as_int64(), 17);
    EXPECT_EQ(daemon.stop(), 0);
  }
}

}  // namespace
}  // namespace jemhead::testing
