// jemsim fleet -> jemhead read -> stored values equal the simulator's truth, value by
// value: Modbus TCP, and an RS-485 bus on a pseudo-terminal shared by two meters with one
// of them dead. The simulation is frozen (time_factor 0) before reading, so the truth the
// simulator reports is exactly what its slaves serve.
#include <gtest/gtest.h>

#include <future>
#include <thread>

#include "tests/integration/modbus/modbus_e2e_checks.hpp"
#include "tests/integration/support/daemons.hpp"

namespace jemhead::testing {
namespace {

namespace json = boost::json;

const char* kFleet = R"(seed: 42
time_factor: 86400
start_time: "2026-03-02T00:00:00Z"
control: { listen: "127.0.0.1:0" }
rtu_buses: [{name: bus1, baud: 19200}]
meters:
  count: 2
  serial_base: 50000001
  modbus:
    tcp: { listen: "127.0.0.1:0" }
    rtu: { bus: bus1 }
    allow_register_presets: true
    allow_output_control: true
)";

struct Rig {
  TempDir dir;
  Jemsim sim{dir, kFleet};
  Jemhead head{dir, daemon_config(dir)};

  Rig() {
    // About a simulated day and a half, so the kWh-scaled counters are well above zero.
    run_then_freeze_sim_time(sim, std::chrono::milliseconds(1500));
  }

  json::object truth(const std::string& serial) { return sim_truth(sim, serial, "modbus"); }

  std::int64_t add_meter(const std::string& serial, const json::object& connection) {
    return add_meter_with_connection(head, serial, connection);
  }

  json::object read(std::int64_t id, const std::string& what) { return read_now(head, id, what); }

  json::object get(std::int64_t id, const std::string& what) {
    auto r =
        head.call("GET", "/api/v1/meters/" + std::to_string(id) + "/" + what, "", kViewerToken);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().as_object();
  }
};

json::object tcp_connection(const json::object& endpoints) {
  const std::string tcp(endpoints.at("tcp").as_string());
  const auto colon = tcp.rfind(':');
  return {{"name", "modbus-tcp"},
          {"protocol", "modbus"},
          {"transport", "tcp"},
          {"is_default", true},
          {"host", tcp.substr(0, colon)},
          {"port", std::stoi(tcp.substr(colon + 1))},
          {"address", endpoints.at("unit_id").as_int64()},
          {"retries", 1},
          {"retry_delay_s", 0},
          {"timeout_ms", 2000}};
}

json::object rs485_connection(const json::object& endpoints) {
  const auto& rtu = endpoints.at("rtu").as_object();
  return {{"name", "modbus-rs485"},
          {"protocol", "modbus"},
          {"transport", "rs485"},
          {"is_default", true},
          {"device", rtu.at("device").as_string()},
          {"baud", 19200},
          {"address", rtu.at("address").as_int64()},
          {"rs485_delay_ms", 5},
          {"retries", 0},
          {"retry_delay_s", 0},
          {"timeout_ms", 1000}};
}

// Every stored value equals the simulator's decoded truth, exactly.
void expect_values_match(Rig& rig, std::int64_t id, const json::object& truth) {
  const auto& points = truth.at("points").as_object();

  const auto registers = rig.get(id, "registers").at("items").as_array();
  const auto& counters = points.at("counters").as_array();
  ASSERT_EQ(registers.size(), counters.size());
  int nonzero = 0;
  for (std::size_t i = 0; i < counters.size(); ++i) {
    const auto& want = counters[i].as_object();
    const auto& got = registers[i].as_object();
    EXPECT_EQ(got.at("register_id").as_string(),
              "counter." + std::to_string(want.at("point").as_int64()));
    EXPECT_EQ(got.at("unit").as_string(), want.at("unit").as_string());
    EXPECT_EQ(got.at("value").to_number<double>(), want.at("value").to_number<double>())
        << want.at("name").as_string();
    nonzero += got.at("value").to_number<double>() != 0;
  }
  EXPECT_GT(nonzero, 0) << "every counter is zero: the comparison proves little";

  const auto values = rig.get(id, "instantaneous").at("items").as_array();
  const auto& analogs = points.at("analogs").as_array();
  ASSERT_EQ(values.size(), analogs.size());
  for (std::size_t i = 0; i < analogs.size(); ++i) {
    const auto& want = analogs[i].as_object();
    EXPECT_EQ(values[i].at("value").to_number<double>(), want.at("value").to_number<double>())
        << want.at("name").as_string();
    EXPECT_EQ(values[i].at("unit").as_string(), want.at("unit").as_string());
  }

  const auto status = rig.get(id, "status");
  const auto& snapshot = status.at("latest").at("points").as_array();
  const auto& inputs = points.at("discrete_inputs").as_array();
  ASSERT_EQ(snapshot.size(), inputs.size());
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    EXPECT_EQ(snapshot[i].at("name").as_string(), inputs[i].at("name").as_string());
    EXPECT_EQ(snapshot[i].at("active").as_bool(), inputs[i].at("active").as_bool());
  }
}

TEST(ModbusEndToEnd, TcpReadStoresTheSimulatorsTruth) {
  Rig rig;
  const std::string serial = "50000002";
  const auto truth = rig.truth(serial);
  const auto id = rig.add_meter(serial, tcp_connection(truth.at("endpoints").as_object()));
  const auto job = rig.read(id, R"(["registers","instantaneous","status"])");
  ASSERT_EQ(job.at("outcome").as_string(), "ok") << json::serialize(job);
  EXPECT_EQ(job.at("results").at("registers").at("count").as_int64(), 4);
  EXPECT_EQ(job.at("results").at("instantaneous").at("count").as_int64(), 18);
  expect_values_match(rig, id, truth);
}

TEST(ModbusEndToEnd, PresetsAndOutputsChangeTheSimulatedMeter) {
  Rig rig;
  const std::string serial = "50000001";
  // The head-end must be told the meter allows writes: the point map it is given (here the
  // simulator's own, inline in the profile's options) carries the meter's two switches.
  const auto before = rig.truth(serial);
  auto map = before.at("map").as_object();
  map["allow_register_presets"] = true;
  map["allow_output_control"] = true;
  auto connection = tcp_connection(before.at("endpoints").as_object());
  connection["options"] = json::object{{"map", map}};
  const auto id = rig.add_meter(serial, connection);
  // Counter 1 travels in kWh (scale 0.001): a whole kWh reads back exactly.
  auto r = rig.head.call("POST", "/api/v1/meters/" + std::to_string(id) + "/presets",
                         R"({"values":[{"point":1,"value":5000000}]})", kOperatorToken);
  ASSERT_EQ(r.status, 200) << r.body;
  auto job = r.json().as_object();
  ASSERT_EQ(job.at("outcome").as_string(), "ok") << r.body;
  EXPECT_EQ(job.at("read_back").as_array()[0].at("value").to_number<double>(), 5000000);
  auto truth = rig.truth(serial);
  EXPECT_EQ(truth.at("points").at("counters").as_array()[0].at("value").to_number<double>(),
            5000000);

  r = rig.head.call("POST", "/api/v1/meters/" + std::to_string(id) + "/outputs",
                    R"({"outputs":[{"output":"Ch4","on":true}]})", kOperatorToken);
  ASSERT_EQ(r.status, 200) << r.body;
  job = r.json().as_object();
  ASSERT_EQ(job.at("outcome").as_string(), "ok") << r.body;
  truth = rig.truth(serial);
  const auto& coils = truth.at("points").at("coils").as_array();
  EXPECT_FALSE(coils[0].at("on").as_bool());
  EXPECT_TRUE(coils[1].at("on").as_bool());
  EXPECT_TRUE(job.at("read_back").as_array()[1].at("on").as_bool());
}

TEST(ModbusEndToEnd, Rs485BusWithOneDeadMeter) {
  Rig rig;
  const auto truth1 = rig.truth("50000001");
  const auto truth2 = rig.truth("50000002");
  const auto id1 = rig.add_meter("50000001", rs485_connection(truth1.at("endpoints").as_object()));
  const auto id2 = rig.add_meter("50000002", rs485_connection(truth2.at("endpoints").as_object()));

  // Both meters at once share the line.
  auto first = std::async(std::launch::async, [&] {
    return rig.read(id1, R"(["registers","instantaneous","status"])");
  });
  auto second = rig.read(id2, R"(["registers","instantaneous","status"])");
  EXPECT_EQ(first.get().at("outcome").as_string(), "ok");
  EXPECT_EQ(second.at("outcome").as_string(), "ok") << json::serialize(second);
  expect_values_match(rig, id1, truth1);
  expect_values_match(rig, id2, truth2);

  // Meter 1 dies: it times out, meter 2 on the same line still reads.
  auto r = rig.sim.call("POST", "/meters/50000001/faults", R"({"mode":"no_answer"})");
  ASSERT_EQ(r.status, 200) << r.body;
  auto dead = std::async(std::launch::async, [&] { return rig.read(id1, R"(["registers"])"); });
  auto alive = rig.read(id2, R"(["registers"])");
  const auto dead_job = dead.get();
  EXPECT_EQ(dead_job.at("outcome").as_string(), "failed");
  EXPECT_EQ(dead_job.at("results").at("registers").at("error").at("type").as_string(), "timeout");
  EXPECT_EQ(alive.at("outcome").as_string(), "ok") << json::serialize(alive);
}

}  // namespace
}  // namespace jemhead::testing
