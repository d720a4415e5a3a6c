// The meter's Ethernet connection log end to end (real jemsim over DLMS TCP, real
// jemhead): every DLMS session leaves "connect" and "disconnect" in the simulated meter's
// log; `events` collections store each entry exactly once, equal to the simulator's truth.
//
// Simulated time is frozen (time_factor 0), so every entry carries the same time: the
// collection's own session logs a connect (read with the log, so it becomes the checkpoint)
// and then a disconnect at that same time, which the next collection must still store.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "tests/integration/dlms/dlms_connection.hpp"
#include "tests/integration/support/daemons.hpp"
#include "tests/integration/support/meter_api.hpp"

namespace jemhead::testing {
namespace {

namespace json = boost::json;

const std::string kSerial = "63000001";

const char* kFleet = R"(seed: 5
time_factor: 0
start_time: "2026-03-03T08:00:00Z"
control: { listen: "127.0.0.1:0" }
meters:
  list:
    - serial: "63000001"
      dlms:
        tcp: { listen: "127.0.0.1:0" }
        passwords: { reader: "read-pw", manager: "manage-pw" }
)";

struct Rig {
  TempDir dir;
  Jemsim sim{dir, kFleet};
  Jemhead head{dir, daemon_config(dir)};
  std::int64_t id = 0;

  Rig() {
    id = add_meter_with_connection(
        head, kSerial,
        dlms_tcp_connection(dlms_tcp_endpoint(sim_truth(sim, kSerial, "dlms")),
                            {{"client", "reader"}, {"password", "read-pw"}},
                            {.name = "ethernet-reader"}));
  }

  // The simulated meter's log, oldest first.
  json::array truth() {
    return sim_truth(sim, kSerial, "dlms").at("ethernet_log").at("entries").as_array();
  }

  // The meter logs a disconnect when the TCP connection closes, which may be a moment after
  // jemhead has answered: waits until the log holds `n` entries.
  json::array truth_with(std::size_t n) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    auto entries = truth();
    while (entries.size() < n && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      entries = truth();
    }
    EXPECT_EQ(entries.size(), n);
    return entries;
  }

  json::array stored() { return stored_items(head, id, "events?log=ethernet&limit=1000"); }

  json::object collect_events() {
    auto run = collect_and_wait(head, id, R"(["events"])");
    EXPECT_EQ(run.at("outcome").as_string(), "ok") << json::serialize(run);
    return run;
  }
};

// The first `n` entries of the truth, stored in the same order, field by field.
void expect_stored_equals_truth(const json::array& stored, const json::array& truth,
                                std::size_t n) {
  ASSERT_GE(truth.size(), n);
  ASSERT_EQ(stored.size(), n) << json::serialize(stored);
  std::int64_t last_id = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const auto& got = stored[i].as_object();
    const auto& want = truth[i].as_object();
    EXPECT_EQ(got.at("log").as_string(), "ethernet") << i;
    EXPECT_EQ(got.at("time").as_string(), want.at("time").as_string()) << i;
    EXPECT_EQ(got.at("code").as_string(), std::to_string(want.at("status").as_int64())) << i;
    EXPECT_EQ(got.at("description").as_string(), want.at("description").as_string()) << i;
    EXPECT_GT(got.at("id").as_int64(), last_id) << i;
    last_id = got.at("id").as_int64();
  }
}

std::int64_t status_of(const json::value& entry) {
  return entry.at("status").as_int64();
}

TEST(DlmsEventsE2e, EthernetLogEntriesSharingATimeAreStoredExactlyOnce) {
  Rig rig;
  ASSERT_TRUE(rig.truth().empty());

  // Two register reads: two sessions, four entries.
  read_now(rig.head, rig.id, R"(["registers"])");
  rig.truth_with(2);
  read_now(rig.head, rig.id, R"(["registers"])");
  rig.truth_with(4);

  // The collection's session adds its connect before reading the log (so it is read) and
  // its disconnect after.
  const auto first = rig.collect_events();
  EXPECT_EQ(first.at("values").as_int64(), 5) << json::serialize(first);
  auto truth = rig.truth_with(6);
  for (std::size_t i = 0; i < truth.size(); ++i)
    EXPECT_EQ(status_of(truth[i]), static_cast<std::int64_t>(i % 2)) << i;  // connect, disconnect
  // Frozen time: the checkpoint's connect and the disconnect after it share their time,
  // exactly the case that used to lose the disconnect.
  ASSERT_EQ(truth[4].at("time"), truth[5].at("time"));
  expect_stored_equals_truth(rig.stored(), truth, 5);

  // The next collection adds the previous session's disconnect and its own connect, and
  // nothing twice.
  const auto second = rig.collect_events();
  EXPECT_EQ(second.at("values").as_int64(), 2) << json::serialize(second);
  truth = rig.truth_with(8);
  ASSERT_EQ(truth[5].at("time"), truth[6].at("time"));
  expect_stored_equals_truth(rig.stored(), truth, 7);
  EXPECT_EQ(status_of(truth[7]), 1);  // only the final disconnect is not stored yet
}

}  // namespace
}  // namespace jemhead::testing
