// End to end on a full RS-485 line: 8 simulated meters share one jemsim pty bus, one of
// them dead (fault no_answer). jemhead reads all 8 at once through its REST API; the 7
// healthy meters' stored registers, instantaneous values and status equal the simulator's
// truth value by value, and the dead meter's job reports a timeout. The simulation is
// frozen (time_factor 0) before reading so the truth is exactly what the slaves serve.
#include <gtest/gtest.h>

#include <future>
#include <set>
#include <thread>

#include "tests/integration/modbus/modbus_e2e_checks.hpp"

namespace jemhead::testing {
namespace {

const char* kEightMeterBus = R"(seed: 7
time_factor: 86400
start_time: "2026-04-06T00:00:00Z"
control: { listen: "127.0.0.1:0" }
rtu_buses: [{name: line1, baud: 38400}]
meters:
  count: 8
  serial_base: 50000101
  modbus:
    rtu: { bus: line1 }
)";

constexpr int kMeters = 8;
const std::string kDeadSerial = "50000105";

std::string serial_of(int index) {
  return std::to_string(50000101 + index);
}

std::int64_t add_bus_meter(Jemhead& head, const std::string& serial,
                           const json::object& endpoints) {
  const auto& rtu = endpoints.at("rtu").as_object();
  return add_meter_with_connection(head, serial,
                                   {{"name", "line1"},
                                    {"protocol", "modbus"},
                                    {"transport", "rs485"},
                                    {"is_default", true},
                                    {"device", rtu.at("device").as_string()},
                                    {"baud", 38400},
                                    {"address", rtu.at("address").as_int64()},
                                    {"rs485_delay_ms", 2},
                                    {"retries", 0},
                                    {"retry_delay_s", 0},
                                    {"timeout_ms", 1000}});
}

TEST(ModbusBusOfEight, SevenHealthyMetersMatchTruthAndTheDeadOneTimesOut) {
  TempDir dir;
  Jemsim sim(dir, kEightMeterBus);
  Jemhead head(dir, daemon_config(dir));
  // About a simulated day, so the kWh-scaled counters are well above zero, then freeze.
  std::this_thread::sleep_for(std::chrono::milliseconds(1200));
  ASSERT_EQ(sim.call("POST", "/time_factor", R"({"time_factor":0})").status, 200);
  auto r = sim.call("POST", "/meters/" + kDeadSerial + "/faults", R"({"mode":"no_answer"})");
  ASSERT_EQ(r.status, 200) << r.body;

  std::vector<json::object> truths;
  std::vector<std::int64_t> ids;
  std::set<std::string> devices;
  std::set<std::int64_t> addresses;
  for (int i = 0; i < kMeters; ++i) {
    r = sim.call("GET", "/meters/" + serial_of(i) + "/modbus");
    ASSERT_EQ(r.status, 200) << r.body;
    truths.push_back(r.json().as_object());
    const auto& endpoints = truths.back().at("endpoints").as_object();
    devices.insert(std::string(endpoints.at("rtu").at("device").as_string()));
    addresses.insert(endpoints.at("rtu").at("address").as_int64());
    ids.push_back(add_bus_meter(head, serial_of(i), endpoints));
  }
  ASSERT_EQ(devices.size(), 1u) << "the 8 meters must share one line";
  ASSERT_EQ(addresses.size(), 8u);

  // All eight at once: the bus serialises them, the dead one must not starve the rest.
  std::vector<std::future<json::object>> jobs;
  for (int i = 0; i < kMeters; ++i) {
    jobs.push_back(std::async(std::launch::async, [&head, id = ids[i]] {
      auto reply = head.call("POST", "/api/v1/meters/" + std::to_string(id) + "/read",
                             R"({"what":["registers","instantaneous","status"]})", kOperatorToken);
      EXPECT_EQ(reply.status, 200) << reply.body;
      return reply.json().as_object();
    }));
  }
  for (int i = 0; i < kMeters; ++i) {
    const auto job = jobs[i].get();
    if (serial_of(i) == kDeadSerial) {
      EXPECT_EQ(job.at("outcome").as_string(), "failed") << json::serialize(job);
      for (const char* kind : {"registers", "instantaneous", "status"})
        EXPECT_EQ(job.at("results").at(kind).at("error").at("type").as_string(), "timeout") << kind;
      EXPECT_TRUE(stored_items(head, ids[i], "registers").empty());
      continue;
    }
    ASSERT_EQ(job.at("outcome").as_string(), "ok") << serial_of(i) << json::serialize(job);
    expect_stored_equals_truth(head, ids[i], truths[i]);
  }

  // The simulator saw requests for the dead meter (it heard them and kept quiet).
  r = sim.call("GET", "/meters/" + kDeadSerial + "/modbus");
  ASSERT_EQ(r.status, 200);
  EXPECT_GT(r.json().at("stats").at("faults_applied").to_number<double>(), 0);
}

}  // namespace
}  // namespace jemhead::testing
