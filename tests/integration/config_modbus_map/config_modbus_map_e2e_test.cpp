// The Modbus point map comes from the meter's configuration (issue 8): jemsim serves a
// meter set up with a non-default map (written here by hand in the driver's map format);
// jemhead has a Modbus profile that names no map. With a configuration version holding the
// same map (built here in the configuration's own terms), every value read equals the
// simulator's truth and the result says "configuration version 1"; without a version the
// factory default map is used, reported as such, and reads other values.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/config/meter_configuration.hpp"
#include "tests/integration/modbus/modbus_e2e_checks.hpp"
#include "tests/integration/support/daemons.hpp"
#include "tests/integration/support/meter_api.hpp"

namespace jemhead::testing {
namespace {

namespace json = boost::json;

// Counters of other registers and scale factors than appendix C, four analogs of other
// quantities, one coil, three discrete inputs (one a meter status flag).
const char* kSimMap = R"({
  "format": "jemhead.modbus.point_map/1",
  "name": "custom",
  "counters": {"start_address": 40001, "points": [
    {"point": 1, "name": "Wh delivered", "register_set": "normal", "register_id": 0, "scale_factor": 1},
    {"point": 2, "name": "VARh delivered", "register_set": "normal", "register_id": 2, "scale_factor": 10},
    {"point": 3, "name": "Alt 120", "register_set": "alternate", "register_id": 120, "scale_factor": 100},
    {"point": 4, "name": "Wh received", "register_set": "normal", "register_id": 1, "scale_factor": 1000}]},
  "analogs": {"start_address": 30001, "points": [
    {"point": 1, "name": "Volts A", "quantity": "volts", "phase": "a", "scale_factor": 2},
    {"point": 2, "name": "Watts", "quantity": "watts", "phase": "polyphase", "direction": "bidirectional", "scale_factor": 1},
    {"point": 3, "name": "Hz", "quantity": "frequency", "phase": "polyphase", "scale_factor": 3},
    {"point": 4, "name": "Amps B", "quantity": "amps", "phase": "b", "scale_factor": 1}]},
  "coils": {"start_address": 1, "points": [{"point": 1, "name": "Ch5", "channel": 5}]},
  "discrete_inputs": {"start_address": 10001, "points": [
    {"point": 1, "name": "battery", "source": "meter_status", "status": "battery"},
    {"point": 2, "name": "Trigger Ch 2", "source": "trigger", "channel": 2},
    {"point": 3, "name": "Digital Input Ch 3", "source": "digital_input", "channel": 3}]}
})";

// The same meter in the configuration's terms.
config::MeterConfiguration configured_meter() {
  using namespace config;
  MeterConfiguration c;
  auto& m = c.protocols.modbus_slave;
  m.counters = {{1, RegisterSet::normal, 0, 1},
                {2, RegisterSet::normal, 2, 10},
                {3, RegisterSet::alternate, 120, 100},
                {4, RegisterSet::normal, 1, 1000}};
  const auto analog = [](int point, AnalogQuantity q, AnalogPhase ph, AnalogDirection d,
                         int scale) {
    ModbusAnalogPoint p;
    p.point = point;
    p.quantity = q;
    p.phase = ph;
    p.direction = d;
    p.scale_factor = scale;
    return p;
  };
  m.analogs = {
      analog(1, AnalogQuantity::volts, AnalogPhase::a, AnalogDirection::none, 2),
      analog(2, AnalogQuantity::watts, AnalogPhase::polyphase, AnalogDirection::bidirectional, 1),
      analog(3, AnalogQuantity::frequency, AnalogPhase::polyphase, AnalogDirection::none, 3),
      analog(4, AnalogQuantity::amps, AnalogPhase::b, AnalogDirection::none, 1)};
  m.coils = {{1, 5}};
  m.input_status = {{1, BinaryInputSource::battery_status, 0},
                    {2, BinaryInputSource::trigger, 2},
                    {3, BinaryInputSource::digital_input, 3}};
  return c;
}

std::string fleet(const TempDir& dir) {
  write_file(dir.file("custom-map.json"), kSimMap);
  std::string f = R"(seed: 7
time_factor: 86400
start_time: "2026-03-02T00:00:00Z"
control: { listen: "127.0.0.1:0" }
meters:
  count: 2
  serial_base: 61000001
  modbus:
    tcp: { listen: "127.0.0.1:0" }
    map: ")";
  f += dir.file("custom-map.json");
  f += "\"\n";
  return f;
}

json::object connection_without_map(const json::object& endpoints) {
  const std::string tcp(endpoints.at("tcp").as_string());
  const auto colon = tcp.rfind(':');
  return {{"name", "modbus-tcp"},
          {"protocol", "modbus"},
          {"transport", "tcp"},
          {"is_default", true},
          {"host", tcp.substr(0, colon)},
          {"port", std::stoi(tcp.substr(colon + 1))},
          {"address", endpoints.at("unit_id").as_int64()},
          {"retries", 0},
          {"retry_delay_s", 0},
          {"timeout_ms", 2000}};
}

struct Rig {
  TempDir dir;
  Jemsim sim{dir, fleet(dir)};
  Jemhead head{dir, daemon_config(dir)};
  Rig() { run_then_freeze_sim_time(sim, std::chrono::milliseconds(1500)); }

  std::int64_t add(const std::string& serial, const json::object& truth) {
    return add_meter_with_connection(head, serial,
                                     connection_without_map(truth.at("endpoints").as_object()));
  }
  std::int64_t put_version(std::int64_t id, const config::MeterConfiguration& c) {
    const json::object body{{"document", config::to_json(c)}, {"reason", "Modbus map"}};
    auto r = head.call("PUT", "/api/v1/meters/" + std::to_string(id) + "/config",
                       json::serialize(body), kOperatorToken);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? r.json().at("version").as_int64() : 0;
  }
};

const char* kAllKinds = R"(["registers","instantaneous","status"])";

TEST(ConfigModbusMapEndToEnd, ConfigurationMapReadsTheSimulatorsTruth) {
  Rig rig;
  const std::string serial = "61000001";
  const auto truth = sim_truth(rig.sim, serial, "modbus");
  ASSERT_EQ(truth.at("points").at("analogs").as_array().size(), 4u);
  const auto id = rig.add(serial, truth);
  ASSERT_EQ(rig.put_version(id, configured_meter()), 1);

  const auto job = read_now(rig.head, id, kAllKinds);
  ASSERT_EQ(job.at("outcome").as_string(), "ok") << json::serialize(job);
  for (const auto* kind : {"registers", "instantaneous", "status"})
    EXPECT_EQ(job.at("results").at(kind).at("map_source").as_string(), "configuration version 1")
        << kind;
  EXPECT_EQ(job.at("results").at("registers").at("count").as_int64(), 4);
  EXPECT_EQ(job.at("results").at("instantaneous").at("count").as_int64(), 4);
  expect_stored_equals_truth(rig.head, id, truth);
  // The scale factors differ per counter: equal values prove each one was applied.
  int nonzero = 0;
  for (const auto& c : truth.at("points").at("counters").as_array())
    nonzero += c.at("value").to_number<double>() != 0;
  EXPECT_GE(nonzero, 2) << "the counters are zero: the comparison proves little";

  // The engine's jobs take the same map and say so in the stored run.
  const auto run = collect_and_wait(rig.head, id, R"(["registers"])");
  ASSERT_EQ(run.at("outcome").as_string(), "ok") << json::serialize(run);
  EXPECT_EQ(run.at("results").as_array()[0].at("map_source").as_string(),
            "configuration version 1");
}

TEST(ConfigModbusMapEndToEnd, WithoutAVersionTheFactoryMapIsUsedAndReported) {
  Rig rig;
  const std::string serial = "61000002";
  const auto truth = sim_truth(rig.sim, serial, "modbus");
  const auto id = rig.add(serial, truth);

  const auto job = read_now(rig.head, id, kAllKinds);
  const auto& registers = job.at("results").at("registers").as_object();
  EXPECT_EQ(registers.at("map_source").as_string(), "factory default");
  // The factory map's counters sit where this meter's are, but read with the factory's
  // scale (0.001): counter 1 (scale 1 on the meter) comes out 1000 times too large.
  ASSERT_EQ(registers.at("status").as_string(), "ok") << json::serialize(job);
  const auto stored = stored_items(rig.head, id, "registers");
  const auto want = truth.at("points").at("counters").as_array()[0].at("value").to_number<double>();
  ASSERT_GT(want, 0);
  ASSERT_FALSE(stored.empty());
  EXPECT_DOUBLE_EQ(stored[0].at("value").to_number<double>(), want * 1000);
  // The factory map's 18 analogs and 5 inputs are not all there: the meter refuses them.
  EXPECT_EQ(job.at("results").at("instantaneous").at("status").as_string(), "error");
  EXPECT_EQ(job.at("results").at("status").at("status").as_string(), "error");

  // Once the meter has a version, the same profile reads the configuration's map.
  ASSERT_EQ(rig.put_version(id, configured_meter()), 1);
  const auto again = read_now(rig.head, id, kAllKinds);
  ASSERT_EQ(again.at("outcome").as_string(), "ok") << json::serialize(again);
  EXPECT_EQ(again.at("results").at("registers").at("map_source").as_string(),
            "configuration version 1");
}

}  // namespace
}  // namespace jemhead::testing
