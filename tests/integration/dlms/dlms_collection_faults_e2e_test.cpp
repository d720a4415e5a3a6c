// Issue 5, "Tests", the failure cases end to end (real jemsim, real jemhead):
// - a block transfer cut mid-way (jemsim's DLMS fault injection) keeps every completed
//   load-profile chunk, stores no holes, and the next cycle resumes exactly there;
// - a wrong password fails the collection with authentication_failed and stores nothing;
// - a read-only (reader) client cannot set the clock: 409 naming set_clock, nothing sent
//   to the meter; a manager profile sets it, and the meter's load profile flags it.
//
// Simulated time is frozen (time_factor 0) and moved with POST /advance, so the truth the
// simulator reports is exactly what its meter serves.
#include <gtest/gtest.h>

#include <chrono>

#include "core/time.hpp"
#include "tests/integration/dlms/dlms_connection.hpp"
#include "tests/integration/dlms/load_profile_truth.hpp"
#include "tests/integration/support/daemons.hpp"
#include "tests/integration/support/meter_api.hpp"

namespace jemhead::testing {
namespace {

namespace json = boost::json;

const std::string kSerial = "62000001";
constexpr const char* kStart = "2026-03-01T00:00:00Z";
constexpr const char* kEnd = "2026-04-01T00:00:00Z";  // past everything recorded

// Profile 1 only (16 default channels, 15 minutes); 512-byte APDUs, so a day of it is
// about 20 datablocks of 500 bytes.
const char* kFleet = R"(seed: 21
time_factor: 0
start_time: "2026-03-01T00:00:00Z"
control: { listen: "127.0.0.1:0" }
meters:
  list:
    - serial: "62000001"
      pt_ratio: 60
      ct_ratio: 40
      dlms:
        tcp: { listen: "127.0.0.1:0" }
        max_pdu_size: 512
        passwords: { reader: "read-pw", manager: "manage-pw" }
      load_profile:
        profile1: { interval_minutes: 15 }
        profile2: { channels: [] }
)";

// The engine reads day-sized chunks, reaching back 4 days on a first read. With
// 3 days 6 hours of history the first chunk holds the first 6 hours (24 intervals, about
// 5 datablocks) and each later chunk a whole day (96 intervals, about 20 datablocks).
constexpr int kHistorySeconds = 3 * 86400 + 6 * 3600;
constexpr std::size_t kIntervals = 312;           // 3 days 6 hours of 15 minutes
constexpr std::size_t kFirstChunkIntervals = 24;  // 00:15 .. 06:00 of the first day
constexpr int kChannels = 16;
// The cut: past the first chunk's last block, inside the second chunk's transfer.
constexpr int kDropAfterBlocks = 10;

std::string engine_config(const TempDir& dir) {
  return daemon_config(dir, "engine: {load_profile_chunk_hours: 24, load_profile_first_days: 4}\n");
}

struct Rig {
  TempDir dir;
  Jemsim sim{dir, kFleet};
  Jemhead head{dir, engine_config(dir)};
  std::int64_t id = 0;

  json::object connection(const std::string& name, const std::string& client,
                          const std::string& password, int retries, bool is_default = true) {
    return dlms_tcp_connection(dlms_tcp_endpoint(sim_truth(sim, kSerial, "dlms")),
                               {{"client", client}, {"password", password}},
                               {name, is_default, retries});
  }

  void add_meter(const std::string& client, const std::string& password, int retries) {
    id = add_meter_with_connection(head, kSerial,
                                   connection("ethernet-" + client, client, password, retries));
  }

  void advance(int seconds) {
    auto r = sim.call("POST", "/advance", "{\"seconds\":" + std::to_string(seconds) + "}");
    ASSERT_EQ(r.status, 200) << r.body;
  }

  void set_fault(const std::string& body) {
    auto r = sim.call("POST", "/meters/" + kSerial + "/dlms/faults", body);
    ASSERT_EQ(r.status, 200) << r.body;
  }

  json::object counters() { return sim_truth(sim, kSerial, "dlms").at("counters").as_object(); }
  std::uint64_t counter(const char* name) { return counters().at(name).to_number<std::uint64_t>(); }

  json::object truth() {
    auto r = sim.call(
        "GET", "/meters/" + kSerial + "/load-profile?profile=1&from=" + kStart + "&to=" + kEnd);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().as_object();
  }

  json::object stored() {
    auto r = head.call("GET",
                       "/api/v1/meters/" + std::to_string(id) +
                           "/load-profile?profile=1&from=" + kStart + "&to=" + kEnd,
                       "", kViewerToken);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().as_object();
  }

  // Every interval the meter has recorded.
  json::array truth_all() {
    auto r = sim.call("GET", "/meters/" + kSerial + "/load-profile?profile=1");
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().at("intervals").as_array();
  }

  std::string meter_time() {
    auto r = sim.call("GET", "/meters/" + kSerial + "/clock");
    EXPECT_EQ(r.status, 200) << r.body;
    return std::string(r.json().at("meter_time").as_string());
  }
};

TEST(DlmsCollectionFaultsEndToEnd, InterruptedBlockTransferResumesOnTheNextCycle) {
  Rig rig;
  rig.add_meter("reader", "read-pw", 0);  // no retry within the job: the next cycle resumes
  rig.advance(kHistorySeconds);
  const auto truth = rig.truth();
  ASSERT_EQ(truth.at("intervals").as_array().size(), kIntervals);
  rig.set_fault(R"({"drop_after_blocks": )" + std::to_string(kDropAfterBlocks) +
                R"(, "times": 1})");

  // Cycle 1: the first chunk completes, the second is cut after block 10.
  const auto first = collect_and_wait(rig.head, rig.id, R"(["load_profile"])");
  EXPECT_EQ(first.at("outcome").as_string(), "failed") << json::serialize(first);
  EXPECT_EQ(first.at("error_type"), json::value("connection_failed")) << json::serialize(first);
  EXPECT_EQ(first.at("attempts").as_int64(), 1);
  EXPECT_EQ(first.at("values").as_int64(),
            static_cast<std::int64_t>(kFirstChunkIntervals) * kChannels)
      << json::serialize(first);
  EXPECT_EQ(rig.counter("transfers_dropped"), 1u);
  EXPECT_EQ(sim_truth(rig.sim, kSerial, "dlms").at("fault"),
            json::parse(R"({"drop_after_blocks":0,"times":0})"));
  // What is stored is exactly the truth's first chunk: a prefix, no holes.
  const auto partial = rig.stored();
  EXPECT_TRUE(partial.at("gaps").as_array().empty()) << json::serialize(partial.at("gaps"));
  expect_profile_equals_truth(partial, truth_prefix(truth, kFirstChunkIntervals), "after the cut");

  // Cycle 2: resumes at the checkpoint, reads the rest once.
  const auto second = collect_and_wait(rig.head, rig.id, R"(["load_profile"])");
  EXPECT_EQ(second.at("outcome").as_string(), "ok") << json::serialize(second);
  const auto stored = rig.stored();
  EXPECT_TRUE(stored.at("gaps").as_array().empty()) << json::serialize(stored.at("gaps"));
  expect_profile_equals_truth(stored, truth, "after the resume");
  // Every interval's values collected exactly once over both cycles.
  EXPECT_EQ(first.at("values").as_int64() + second.at("values").as_int64(),
            static_cast<std::int64_t>(kIntervals) * kChannels);
  EXPECT_EQ(rig.counter("transfers_dropped"), 1u);
}

TEST(DlmsCollectionFaultsEndToEnd, ACutTransferIsResumedWithinTheJobWhenTheProfileRetries) {
  Rig rig;
  rig.add_meter("reader", "read-pw", 1);
  rig.advance(kHistorySeconds);
  rig.set_fault(R"({"drop_after_blocks": )" + std::to_string(kDropAfterBlocks) +
                R"(, "times": 1})");
  const auto run = collect_and_wait(rig.head, rig.id, R"(["load_profile"])");
  EXPECT_EQ(run.at("outcome").as_string(), "ok") << json::serialize(run);
  EXPECT_EQ(run.at("attempts").as_int64(), 2) << json::serialize(run);
  // The reconnect resumed after the completed chunk: nothing read twice.
  EXPECT_EQ(run.at("values").as_int64(), static_cast<std::int64_t>(kIntervals) * kChannels);
  EXPECT_EQ(rig.counter("transfers_dropped"), 1u);
  EXPECT_EQ(rig.counter("connections_accepted"), 2u);
  expect_profile_equals_truth(rig.stored(), rig.truth(), "resumed within the job");
}

TEST(DlmsCollectionFaultsEndToEnd, WrongPasswordFailsTheLoadProfileAndStoresNothing) {
  Rig rig;
  rig.add_meter("reader", "not-the-password", 0);
  rig.advance(kHistorySeconds);
  const auto run = collect_and_wait(rig.head, rig.id, R"(["load_profile"])");
  EXPECT_EQ(run.at("outcome").as_string(), "failed") << json::serialize(run);
  EXPECT_EQ(run.at("error_type"), json::value("authentication_failed")) << json::serialize(run);
  EXPECT_EQ(run.at("values").as_int64(), 0);
  EXPECT_TRUE(rig.stored().at("intervals").as_array().empty());
  EXPECT_EQ(rig.counter("associations_rejected"), 1u);
  EXPECT_EQ(rig.counter("associations_accepted"), 0u);
  EXPECT_EQ(rig.counter("get_requests"), 0u);
}

TEST(DlmsCollectionFaultsEndToEnd, ReaderCannotSetTheClockAndManagerCan) {
  Rig rig;
  rig.add_meter("reader", "read-pw", 0);
  rig.advance(6 * 3600);
  const auto clock_before = rig.meter_time();
  const std::string sync = "/api/v1/meters/" + std::to_string(rig.id) + "/clock/sync";

  // The only profile is the reader: routing refuses before anything reaches the meter.
  auto r = rig.head.call("POST", sync, R"({"force": true})", kOperatorToken);
  EXPECT_EQ(r.status, 409) << r.body;
  const std::string detail(r.json().at("detail").as_string());
  EXPECT_NE(detail.find("set_clock"), std::string::npos) << detail;
  EXPECT_NE(detail.find("ethernet-reader"), std::string::npos) << detail;
  EXPECT_EQ(rig.meter_time(), clock_before);
  EXPECT_EQ(rig.counter("set_requests"), 0u);
  EXPECT_EQ(rig.counter("connections_accepted"), 0u);

  // A manager profile next to it: the sync goes there and sets the head-end's time.
  r = rig.head.call(
      "POST", "/api/v1/meters/" + std::to_string(rig.id) + "/connections",
      json::serialize(rig.connection("ethernet-manager", "manager", "manage-pw", 0, false)),
      kOperatorToken);
  ASSERT_EQ(r.status, 201) << r.body;
  r = rig.head.call("POST", sync, R"({"force": true})", kOperatorToken);
  ASSERT_EQ(r.status, 200) << r.body;
  const auto body = r.json().as_object();
  EXPECT_EQ(body.at("outcome").as_string(), "ok") << r.body;
  EXPECT_EQ(body.at("profile").as_string(), "ethernet-manager") << r.body;
  EXPECT_TRUE(body.at("set").as_bool()) << r.body;
  ASSERT_TRUE(body.at("before").is_object()) << r.body;
  ASSERT_TRUE(body.at("after").is_object()) << r.body;
  EXPECT_EQ(parse_iso8601(std::string(body.at("before").at("meter_time").as_string())),
            parse_iso8601(clock_before))
      << r.body;
  // The meter was months behind before, and agrees with the head-end after.
  EXPECT_GT(std::abs(body.at("before").at("offset_s").to_number<double>()), 86400.0) << r.body;
  EXPECT_LT(std::abs(body.at("after").at("offset_s").to_number<double>()), 2.0) << r.body;

  const auto meter_now = parse_iso8601(rig.meter_time());
  ASSERT_TRUE(meter_now);
  const auto lag = std::chrono::duration_cast<std::chrono::milliseconds>(utc_now() - *meter_now);
  EXPECT_LT(std::abs(lag.count()), 2000) << "meter clock " << format_iso8601(*meter_now);
  EXPECT_EQ(rig.counter("set_requests"), 1u);

  // The interval in progress at the set closes at the next boundary and carries "time set".
  rig.advance(1800);
  const auto to = format_iso8601(*meter_now + std::chrono::hours(1));
  auto lp =
      rig.sim.call("GET", "/meters/" + kSerial + "/load-profile?profile=1&from=" +
                              format_iso8601(*meter_now - std::chrono::hours(1)) + "&to=" + to);
  ASSERT_EQ(lp.status, 200) << lp.body;
  const auto intervals = lp.json().at("intervals").as_array();
  ASSERT_FALSE(intervals.empty()) << lp.body;
  EXPECT_TRUE(intervals[0].at("status").as_int64() & 0x0008) << json::serialize(intervals[0]);
  int time_sets = 0;
  for (const auto& i : rig.truth_all()) time_sets += (i.at("status").as_int64() & 0x0008) ? 1 : 0;
  EXPECT_EQ(time_sets, 1);
}

}  // namespace
}  // namespace jemhead::testing
