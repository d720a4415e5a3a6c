// End to end over RTU over TCP (a meter behind a terminal server): jemsim serves RTU
// frames on a loopback TCP port (`modbus: { rtu_tcp: { listen: ... } }`), jemhead reads
// with a tcp profile whose framing option is "rtu"; stored values equal the simulator's
// truth exactly. Two meters with different Device Addresses, so the address the
// simulator reports is the one that must be used (a frame for another address is ignored).
#include <gtest/gtest.h>

#include <thread>

#include "tests/integration/modbus/modbus_e2e_checks.hpp"

namespace jemhead::testing {
namespace {

const char* kRtuTcpFleet = R"(seed: 11
time_factor: 86400
start_time: "2026-05-04T00:00:00Z"
control: { listen: "127.0.0.1:0" }
meters:
  count: 1  # 50000201, plus the list's 50000202
  serial_base: 50000201
  modbus:
    rtu_tcp: { listen: "127.0.0.1:0" }
  list:
    - serial: "50000202"
      modbus: { unit_id: 17 }
)";

json::object rtu_tcp_connection(const json::object& endpoints, std::int64_t address) {
  const std::string listen(endpoints.at("rtu_tcp").at("listen").as_string());
  const auto colon = listen.rfind(':');
  return {{"name", "terminal-server"},
          {"protocol", "modbus"},
          {"transport", "tcp"},
          {"is_default", true},
          {"host", listen.substr(0, colon)},
          {"port", std::stoi(listen.substr(colon + 1))},
          {"address", address},
          {"retries", 0},
          {"retry_delay_s", 0},
          {"timeout_ms", 1500},
          {"options", json::object{{"framing", "rtu"}}}};
}

json::object read_all(Jemhead& head, std::int64_t id) {
  auto r = head.call("POST", "/api/v1/meters/" + std::to_string(id) + "/read",
                     R"({"what":["registers","instantaneous","status"]})", kOperatorToken);
  EXPECT_EQ(r.status, 200) << r.body;
  return r.json().as_object();
}

TEST(ModbusRtuOverTcp, ReadsStoreTheSimulatorsTruth) {
  TempDir dir;
  Jemsim sim(dir, kRtuTcpFleet);
  Jemhead head(dir, daemon_config(dir));
  std::this_thread::sleep_for(std::chrono::milliseconds(1200));
  ASSERT_EQ(sim.call("POST", "/time_factor", R"({"time_factor":0})").status, 200);

  for (const std::string serial : {"50000201", "50000202"}) {
    auto r = sim.call("GET", "/meters/" + serial + "/modbus");
    ASSERT_EQ(r.status, 200) << r.body;
    const auto truth = r.json().as_object();
    const auto& endpoints = truth.at("endpoints").as_object();
    ASSERT_TRUE(endpoints.at("rtu_tcp").is_object()) << json::serialize(endpoints);
    ASSERT_TRUE(endpoints.at("tcp").is_null());  // RTU over TCP only
    const auto address = endpoints.at("rtu_tcp").at("address").as_int64();
    EXPECT_EQ(address, serial == "50000202" ? 17 : 1);

    const auto id = add_meter_with_connection(head, serial, rtu_tcp_connection(endpoints, address));
    const auto job = read_all(head, id);
    ASSERT_EQ(job.at("outcome").as_string(), "ok") << json::serialize(job);
    expect_stored_equals_truth(head, id, truth);
  }
}

TEST(ModbusRtuOverTcp, AWrongDeviceAddressIsNeverAnswered) {
  TempDir dir;
  Jemsim sim(dir, kRtuTcpFleet);
  Jemhead head(dir, daemon_config(dir));
  auto r = sim.call("GET", "/meters/50000202/modbus");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto truth = r.json();
  const auto& endpoints = truth.at("endpoints").as_object();
  // Meter 50000202 answers Device Address 17 only: asking address 1 on its port times out.
  const auto id = add_meter_with_connection(head, "50000202", rtu_tcp_connection(endpoints, 1));
  auto rr = head.call("POST", "/api/v1/meters/" + std::to_string(id) + "/read",
                      R"({"what":["registers"]})", kOperatorToken);
  ASSERT_EQ(rr.status, 200) << rr.body;
  const auto job = rr.json().as_object();
  EXPECT_EQ(job.at("outcome").as_string(), "failed");
  EXPECT_EQ(job.at("results").at("registers").at("error").at("type").as_string(), "timeout");
}

}  // namespace
}  // namespace jemhead::testing
