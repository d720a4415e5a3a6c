// Issue 5, "Tests": 10 simulated meters record 30 days of 15-minute load profile, 16
// channels in both profiles, one with a power outage and one whose clock is set forward;
// jemhead collects it through the collection engine in two incremental cycles, and what it
// stores equals the simulator's truth exactly: the same intervals (none invented for the
// outage), the same status flags, every channel's value.
//
// Simulated time is frozen (time_factor 0) and moved with POST /advance, so the truth the
// simulator reports is exactly what its meters serve.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "core/time.hpp"
#include "tests/integration/dlms/dlms_connection.hpp"
#include "tests/integration/dlms/load_profile_truth.hpp"
#include "tests/integration/support/daemons.hpp"
#include "tests/integration/support/meter_api.hpp"

namespace jemhead::testing {
namespace {

namespace json = boost::json;

constexpr int kMeters = 10;
constexpr const char* kStart = "2026-03-01T00:00:00Z";
constexpr const char* kEnd = "2026-04-01T00:00:00Z";  // past everything recorded
constexpr int kHalf = 15 * 86400;                     // seconds per collection cycle
const std::string kOutageMeter = "61000010";          // the list entry, after the 9 generated
const std::string kTimeSetMeter = "61000006";

// Profile 2 is the Dual LP option's 16 other channels, at 15 minutes too.
const char* kFleet = R"(seed: 11
time_factor: 0
start_time: "2026-03-01T00:00:00Z"
control: { listen: "127.0.0.1:0" }
meters:
  count: 9
  serial_base: 61000001
  pt_ratio: 60
  ct_ratio: 40
  dlms:
    tcp: { listen: "127.0.0.1:0" }
    passwords: { reader: "read-pw", manager: "manage-pw" }
  load_profile:
    profile1: { interval_minutes: 15 }
    profile2:
      interval_minutes: 15
      channels: ["1.0.22.29.0.255", "1.0.42.29.0.255", "1.0.62.29.0.255",
                 "1.0.23.29.0.255", "1.0.43.29.0.255", "1.0.63.29.0.255",
                 "1.0.29.29.0.255", "1.0.49.29.0.255", "1.0.4.29.0.255",
                 "1.0.31.29.0.255", "1.0.51.29.0.255", "1.0.71.29.0.255",
                 "1.0.90.29.0.255", "1.0.12.27.0.255", "1.0.71.27.0.255",
                 "1.0.34.27.0.255"]
    dst: [{ from: "2026-03-08T02:00:00Z", to: "2026-11-01T02:00:00Z" }]
  list:
    - serial: "61000010"
      load_profile:
        outages: [{ from: "2026-03-05T10:07:00Z", to: "2026-03-05T13:52:30Z" }]
)";

struct Rig {
  TempDir dir;
  Jemsim sim{dir, kFleet};
  Jemhead head{dir, daemon_config(dir)};
  std::map<std::string, std::int64_t> ids;  // serial -> jemhead meter id

  void advance(int seconds) {
    auto r = sim.call("POST", "/advance", "{\"seconds\":" + std::to_string(seconds) + "}");
    ASSERT_EQ(r.status, 200) << r.body;
  }

  // Sets the meter's clock `by_s` seconds ahead of where it is (a "time set" event).
  void set_clock_ahead(const std::string& serial, int by_s) {
    auto clock = sim.call("GET", "/meters/" + serial + "/clock").json().as_object();
    const auto now = parse_iso8601(std::string(clock.at("meter_time").as_string()));
    ASSERT_TRUE(now);
    const auto later = format_iso8601(*now + std::chrono::seconds(by_s));
    auto r = sim.call("POST", "/meters/" + serial + "/clock", "{\"time\":\"" + later + "\"}");
    ASSERT_EQ(r.status, 200) << r.body;
  }

  void add_meters() {
    for (int i = 0; i < kMeters; ++i) {
      const auto serial = std::to_string(61000001 + i);
      const auto connection =
          dlms_tcp_connection(dlms_tcp_endpoint(sim_truth(sim, serial, "dlms")),
                              {{"client", "reader"}, {"password", "read-pw"}}, {.retries = 1});
      ids[serial] = add_meter_with_connection(head, serial, connection);
    }
  }

  // One collection cycle of every meter's load profile; returns the values each stored.
  std::map<std::string, std::int64_t> collect_all() {
    std::map<std::string, std::int64_t> values;
    for (const auto& [serial, id] : ids) {
      const auto run = collect_and_wait(head, id, R"(["load_profile"])", std::chrono::seconds(120));
      EXPECT_EQ(run.at("outcome").as_string(), "ok") << serial << ": " << json::serialize(run);
      values[serial] = run.at("values").as_int64();
    }
    return values;
  }

  json::object truth(const std::string& serial, int profile) {
    auto r =
        sim.call("GET", "/meters/" + serial + "/load-profile?profile=" + std::to_string(profile) +
                            "&from=" + kStart + "&to=" + kEnd);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().as_object();
  }

  json::object stored(const std::string& serial, int profile) {
    auto r = head.call("GET",
                       "/api/v1/meters/" + std::to_string(ids.at(serial)) +
                           "/load-profile?profile=" + std::to_string(profile) + "&from=" + kStart +
                           "&to=" + kEnd,
                       "", kViewerToken);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().as_object();
  }
};

TEST(DlmsLoadProfileEndToEnd, ThirtyDaysOfTenMetersEqualTheSimulatorsTruth) {
  Rig rig;
  rig.add_meters();
  rig.advance(kHalf);
  rig.set_clock_ahead(kTimeSetMeter, 7 * 60);  // a time set, 7 minutes forward
  const auto first = rig.collect_all();
  rig.advance(kHalf);
  const auto second = rig.collect_all();

  for (const auto& [serial, id] : rig.ids) {
    std::size_t intervals = 0;
    for (int profile : {1, 2}) {
      const auto what = serial + " profile " + std::to_string(profile);
      const auto truth = rig.truth(serial, profile);
      const auto stored = rig.stored(serial, profile);
      EXPECT_EQ(truth.at("channels").as_array().size(), 16u) << what;
      expect_profile_equals_truth(stored, truth, what);
      intervals += truth.at("intervals").as_array().size();
    }
    // About 30 days of 96 intervals in each profile, and every value collected once: the
    // second cycle read only what the first had not stored.
    EXPECT_GT(intervals, 2u * 29 * 96) << serial;
    EXPECT_EQ(first.at(serial) + second.at(serial), static_cast<std::int64_t>(intervals * 16))
        << serial;
    EXPECT_GT(second.at(serial), 0) << serial;
  }
}

TEST(DlmsLoadProfileEndToEnd, OutageIsAGapAndTimeSetIsFlagged) {
  Rig rig;
  rig.add_meters();
  rig.advance(kHalf);
  rig.set_clock_ahead(kTimeSetMeter, 7 * 60);
  rig.advance(3600);  // the interval the clock was set in closes
  rig.collect_all();

  // The outage: 10:07 to 13:52:30 leaves 10:15 .. 13:45 unrecorded (14 intervals); the
  // intervals it touches carry the outage flag, and jemhead reports the hole as a gap.
  const auto outage = rig.stored(kOutageMeter, 1);
  const auto& gaps = outage.at("gaps").as_array();
  ASSERT_EQ(gaps.size(), 1u) << json::serialize(gaps);
  EXPECT_EQ(gaps[0].at("missing").to_number<int>(), 14) << json::serialize(gaps);
  std::set<std::string> flagged;
  for (const auto& i : outage.at("intervals").as_array())
    if (flags_of(i).count("power_outage")) flagged.insert(std::string(i.at("end").as_string()));
  EXPECT_EQ(flagged,
            (std::set<std::string>{"2026-03-05T10:15:00.000000Z", "2026-03-05T14:00:00.000000Z"}));
  for (const auto& serial : {std::string("61000001"), kTimeSetMeter})
    EXPECT_TRUE(rig.stored(serial, 1).at("gaps").as_array().empty()) << serial;

  int time_sets = 0;
  const auto time_set = rig.stored(kTimeSetMeter, 1);
  for (const auto& i : time_set.at("intervals").as_array())
    time_sets += flags_of(i).count("time_set") ? 1 : 0;
  EXPECT_EQ(time_sets, 1);
}

}  // namespace
}  // namespace jemhead::testing
