// jemsim's HDLC pty -> jemhead DLMS read over a serial profile -> stored registers equal the
// simulator's DLMS truth, value by value (issue 5: HDLC over serial lines). The meter's
// info field is 32 bytes, so the AARE (about 45 bytes with its LLC header) comes in
// segments. And HDLC frames over TCP (terminal servers): two days of load profile collected
// through the engine equal the simulator's truth.
#include <gtest/gtest.h>

#include <map>

#include "tests/integration/dlms/dlms_connection.hpp"
#include "tests/integration/dlms/load_profile_truth.hpp"
#include "tests/integration/support/daemons.hpp"
#include "tests/integration/support/meter_api.hpp"

namespace jemhead::testing {
namespace {

namespace json = boost::json;

const char* kFleet = R"(seed: 11
time_factor: 3600
start_time: "2026-03-02T00:00:00Z"
control: { listen: "127.0.0.1:0" }
meters:
  count: 1
  serial_base: 61000001
  dlms:
    physical_address: 4321
    passwords: { reader: "read-pw" }
    hdlc: { max_info: 32 }
)";

TEST(DlmsSerialEndToEnd, ReaderReadsTheRegistersOverTheHdlcPty) {
  TempDir dir;
  Jemsim sim{dir, kFleet};
  Jemhead head{dir, daemon_config(dir)};
  run_then_freeze_sim_time(sim, std::chrono::milliseconds(1000));
  const std::string serial = "61000001";
  const auto truth = sim_truth(sim, serial, "dlms");
  ASSERT_TRUE(truth.at("hdlc").is_object()) << json::serialize(truth);
  const json::object connection{
      {"name", "optical-dlms"},
      {"protocol", "dlms"},
      {"transport", "serial"},
      {"is_default", true},
      {"device", truth.at("hdlc").at("device")},
      {"baud", 38400},
      {"retries", 0},
      {"retry_delay_s", 0},
      {"timeout_ms", 2000},
      {"options", {{"client", "reader"}, {"password", "read-pw"}, {"physical_address", 4321}}}};
  const auto id = add_meter_with_connection(head, serial, connection);
  const auto job = read_now(head, id, R"(["registers"])");
  ASSERT_EQ(job.at("outcome").as_string(), "ok") << json::serialize(job);

  std::map<std::string, json::object> stored;
  for (const auto& item : stored_items(head, id, "registers"))
    stored.emplace(std::string(item.at("register_id").as_string()), item.as_object());
  const auto& served = truth.at("registers").as_array();
  ASSERT_EQ(stored.size(), served.size());
  int nonzero = 0;
  for (const auto& entry : served) {
    const auto& want = entry.as_object();
    const std::string obis(want.at("obis").as_string());
    ASSERT_TRUE(stored.count(obis)) << obis;
    const double expected = want.at("value").to_number<double>() / 1000;
    EXPECT_EQ(stored.at(obis).at("value").to_number<double>(), expected) << obis;
    nonzero += expected != 0;
  }
  EXPECT_GT(nonzero, 0) << "every register is zero: the comparison proves little";

  const auto after = sim_truth(sim, serial, "dlms");
  const auto& counters = after.at("counters");
  EXPECT_EQ(counters.at("releases").as_int64(), 1) << json::serialize(after);
  EXPECT_GT(counters.at("hdlc_segments_out").as_int64(), 0);
  EXPECT_EQ(counters.at("hdlc_bad_frames").as_int64(), 0);
  EXPECT_FALSE(after.at("connected").as_bool());
}

const char* kHdlcTcpFleet = R"(seed: 12
time_factor: 0
start_time: "2026-03-02T00:00:00Z"
control: { listen: "127.0.0.1:0" }
meters:
  count: 1
  serial_base: 62000001
  dlms:
    passwords: { reader: "read-pw" }
    hdlc_tcp: { listen: "127.0.0.1:0" }
  load_profile:
    profile2: { channels: [] }
)";

TEST(DlmsSerialEndToEnd, LoadProfileOverHdlcFramesOnTcpEqualsTheTruth) {
  TempDir dir;
  Jemsim sim{dir, kHdlcTcpFleet};
  Jemhead head{dir, daemon_config(dir)};
  ASSERT_EQ(sim.call("POST", "/advance", R"({"seconds": 172800})").status, 200);
  const std::string serial = "62000001";
  const auto truth = sim_truth(sim, serial, "dlms");
  ASSERT_TRUE(truth.at("hdlc_tcp").is_string()) << json::serialize(truth);
  const auto connection =
      dlms_tcp_connection(std::string(truth.at("hdlc_tcp").as_string()),
                          {{"framing", "hdlc"}, {"client", "reader"}, {"password", "read-pw"}},
                          {.name = "terminal-server", .timeout_ms = 2000});
  const auto id = add_meter_with_connection(head, serial, connection);
  const auto run = collect_and_wait(head, id, R"(["load_profile"])");
  ASSERT_EQ(run.at("outcome").as_string(), "ok") << json::serialize(run);

  const std::string range = "&from=2026-03-01T00:00:00Z&to=2026-03-05T00:00:00Z";
  auto want = sim.call("GET", "/meters/" + serial + "/load-profile?profile=1" + range);
  ASSERT_EQ(want.status, 200) << want.body;
  auto got =
      head.call("GET", "/api/v1/meters/" + std::to_string(id) + "/load-profile?profile=1" + range,
                "", kViewerToken);
  ASSERT_EQ(got.status, 200) << got.body;
  const auto truth_lp = want.json().as_object();
  EXPECT_EQ(truth_lp.at("intervals").as_array().size(), 2u * 96);
  expect_profile_equals_truth(got.json().as_object(), truth_lp, serial + " over hdlc/tcp");
  EXPECT_EQ(run.at("values").as_int64(),
            static_cast<std::int64_t>(truth_lp.at("intervals").as_array().size() *
                                      truth_lp.at("channels").as_array().size()));
  const auto after = sim_truth(sim, serial, "dlms");
  EXPECT_GT(after.at("counters").at("hdlc_segments_out").as_int64(), 0) << json::serialize(after);
}

}  // namespace
}  // namespace jemhead::testing
