// jemsim fleet -> jemhead DLMS read -> stored registers equal the simulator's DLMS truth,
// value by value. The simulation is frozen (time_factor 0) before reading, so the truth
// the simulator reports is exactly what its COSEM servers serve. A wrong LLS password
// fails the read with the kind "authentication_failed".
#include <gtest/gtest.h>

#include <map>
#include <thread>

#include "tests/integration/dlms/dlms_connection.hpp"
#include "tests/integration/support/daemons.hpp"
#include "tests/integration/support/meter_api.hpp"

namespace jemhead::testing {
namespace {

namespace json = boost::json;

const char* kFleet = R"(seed: 7
time_factor: 3600
start_time: "2026-03-02T00:00:00Z"
control: { listen: "127.0.0.1:0" }
meters:
  count: 2
  serial_base: 60000001
  dlms:
    tcp: { listen: "127.0.0.1:0" }
    passwords: { reader: "read-pw", manager: "manage-pw" }
)";

struct Rig {
  TempDir dir;
  Jemsim sim{dir, kFleet};
  Jemhead head{dir, daemon_config(dir)};

  Rig() {
    // About a simulated hour, so the energy registers are well above zero.
    run_then_freeze_sim_time(sim, std::chrono::milliseconds(1000));
  }

  json::object truth(const std::string& serial) { return sim_truth(sim, serial, "dlms"); }

  std::int64_t add_meter(const std::string& serial, const json::object& connection) {
    return add_meter_with_connection(head, serial, connection);
  }

  json::object read_registers(std::int64_t id) { return read_now(head, id, R"(["registers"])"); }

  json::array stored_registers(std::int64_t id) { return stored_items(head, id, "registers"); }
};

json::object dlms_connection(const json::object& truth, json::object options) {
  return dlms_tcp_connection(dlms_tcp_endpoint(truth), std::move(options), {.timeout_ms = 2000});
}

// Every register the simulator serves is stored once, with its OBIS code as id, in kWh,
// and equal to the served value scaled by 10^(scaler - 3) (Wh to kWh), exactly.
void expect_registers_match(Rig& rig, std::int64_t id, const json::object& truth,
                            int effective_scaler) {
  std::map<std::string, json::object> stored;
  for (const auto& item : rig.stored_registers(id))
    stored.emplace(std::string(item.at("register_id").as_string()), item.as_object());
  const auto& served = truth.at("registers").as_array();
  ASSERT_EQ(stored.size(), served.size());
  double divisor = 1;
  for (int i = 0; i < 3 - effective_scaler; ++i) divisor *= 10;
  int nonzero = 0;
  for (const auto& entry : served) {
    const auto& want = entry.as_object();
    const std::string obis(want.at("obis").as_string());
    ASSERT_TRUE(stored.count(obis)) << obis;
    const auto& got = stored.at(obis);
    const double expected = want.at("value").to_number<double>() / divisor;
    EXPECT_EQ(got.at("value").to_number<double>(), expected) << obis;
    EXPECT_EQ(got.at("unit").as_string(), "kWh") << obis;
    EXPECT_EQ(got.at("description").as_string(), want.at("description").as_string()) << obis;
    nonzero += expected != 0;
  }
  EXPECT_GT(nonzero, 0) << "every register is zero: the comparison proves little";
}

TEST(DlmsEndToEnd, ReaderReadsTheRegistersTheSimulatorServes) {
  Rig rig;
  const std::string serial = "60000001";
  const auto truth = rig.truth(serial);
  ASSERT_EQ(truth.at("registers").as_array().size(), 8u) << json::serialize(truth);
  EXPECT_EQ(truth.at("registers").as_array()[0].at("scaler").as_int64(), 0);
  const auto id = rig.add_meter(
      serial, dlms_connection(truth, {{"client", "reader"}, {"password", "read-pw"}}));
  const auto job = rig.read_registers(id);
  ASSERT_EQ(job.at("outcome").as_string(), "ok") << json::serialize(job);
  EXPECT_EQ(job.at("results").at("registers").at("count").as_int64(), 8);
  expect_registers_match(rig, id, truth, 0);
  // The association was released and the connection closed: the meter is free again.
  const auto after = rig.truth(serial);
  EXPECT_EQ(after.at("counters").at("releases").as_int64(), 1) << json::serialize(after);
  EXPECT_EQ(after.at("counters").at("associations_accepted").as_int64(), 1);
}

TEST(DlmsEndToEnd, ManagerWithScalerOverrideOnTheSecondMeter) {
  Rig rig;
  const std::string serial = "60000002";
  const auto truth = rig.truth(serial);
  // The manual's "scaled by 1000" firmware: integers x1000 with scaler 0, corrected by the
  // profile's scaler_override -3.
  const auto id = rig.add_meter(serial, dlms_connection(truth, {{"client", "manager"},
                                                                {"password", "manage-pw"},
                                                                {"scaler_override", -3}}));
  const auto job = rig.read_registers(id);
  ASSERT_EQ(job.at("outcome").as_string(), "ok") << json::serialize(job);
  expect_registers_match(rig, id, truth, -3);
  // Stored kWh equal the simulator's primary Wh / 1000 (below the 2^32 rollover).
  for (const auto& item : rig.stored_registers(id)) {
    for (const auto& want : truth.at("registers").as_array()) {
      if (want.at("obis") != item.at("register_id")) continue;
      EXPECT_NEAR(item.at("value").to_number<double>(),
                  want.at("primary_wh").to_number<double>() / 1000, 1e-6);
    }
  }
}

TEST(DlmsEndToEnd, WrongPasswordIsAnAuthenticationFailure) {
  Rig rig;
  const std::string serial = "60000001";
  const auto truth = rig.truth(serial);
  const auto id = rig.add_meter(
      serial, dlms_connection(truth, {{"client", "reader"}, {"password", "not-the-password"}}));
  const auto job = rig.read_registers(id);
  EXPECT_EQ(job.at("outcome").as_string(), "failed") << json::serialize(job);
  EXPECT_EQ(job.at("results").at("registers").at("error").at("type").as_string(),
            "authentication_failed")
      << json::serialize(job);
  // The password never appears in what the API reports.
  EXPECT_EQ(json::serialize(job).find("not-the-password"), std::string::npos);
  EXPECT_TRUE(rig.stored_registers(id).empty());
  const auto after = rig.truth(serial);
  EXPECT_EQ(after.at("counters").at("associations_rejected").as_int64(), 1);
}

TEST(DlmsEndToEnd, ProfileOptionsAreValidatedWhenStored) {
  Rig rig;
  auto r = rig.head.call("POST", "/api/v1/meters",
                         json::serialize(json::object{{"serial", "60000001"}, {"name", "m"}}),
                         kOperatorToken);
  ASSERT_EQ(r.status, 201) << r.body;
  const auto id = r.json().at("id").as_int64();
  const auto truth = rig.truth("60000001");
  r = rig.head.call("POST", "/api/v1/meters/" + std::to_string(id) + "/connections",
                    json::serialize(dlms_connection(truth, {{"client", "reader"}})),
                    kOperatorToken);
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_NE(r.body.find("options/password"), std::string::npos) << r.body;
}

}  // namespace
}  // namespace jemhead::testing
