// jemsim's HDLC pty -> jemhead DLMS read over a serial profile -> stored registers equal the
// simulator's DLMS truth, value by value (issue 5: HDLC over serial lines). The meter's
// info field is 32 bytes, so the AARE (about 45 bytes with its LLC header) comes in
// segments.
#include <gtest/gtest.h>

#include <map>

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

}  // namespace
}  // namespace jemhead::testing
