// REST for load profile and clock (issue 5): stored intervals as JSON (channels with units,
// flags, nulls, gaps for missing intervals) and as JEMWare-style CSV, the parameter
// errors; clock history; clock sync now through a fake DLMS meter (tolerance, force,
// before/after stored and audited, 409 for a read-only client). RestApi::handle is called
// directly; meter sessions run on a real io_context.
#include <gtest/gtest.h>
#include <prometheus/registry.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/json.hpp>
#include <thread>

#include "api/meter_access.hpp"
#include "api/rest_api.hpp"
#include "engine/load_profile_collection.hpp"
#include "storage/repository.hpp"
#include "tests/unit/engine/fake_lp_meter.hpp"

namespace jemhead::testing {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

constexpr const char* kViewerToken = "lp-viewer";
constexpr const char* kOperatorToken = "lp-operator";

const UtcTime kT0 = from_unix_micros(1'767'225'600'000'000);  // 2026-01-01T00:00:00Z

struct LpReply {
  int status = 0;
  std::string content_type;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  json::value json() const { return json::parse(body); }
};

class LoadProfileApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    repo_ = storage::open_sqlite({":memory:"});
    meter_ = std::make_shared<FakeLpMeter>();
    drivers_.add(Protocol::dlms, [m = meter_] { return std::make_unique<FakeLpDriver>(m); });
    io_thread_ = std::thread([this] { io_.run(); });
    api::ApiOptions options;
    options.tokens = {{"vera", api::Role::viewer, api::sha256_hex(kViewerToken)},
                      {"otto", api::Role::operator_, api::sha256_hex(kOperatorToken)}};
    options.meter_access = std::make_shared<api::MeterAccess>(drivers_, io_.get_executor(), 10s);
    api_ =
        std::make_unique<api::RestApi>(*repo_, options, std::make_shared<prometheus::Registry>());
  }
  void TearDown() override {
    api_.reset();
    work_.reset();
    io_.stop();
    io_thread_.join();
    repo_->close();
  }

  LpReply call(const std::string& method, const std::string& path, const std::string& token,
               const std::map<std::string, std::string>& query = {}, const std::string& body = "") {
    net::HttpRequest r;
    r.method = method;
    r.path = r.target = path;
    r.query = query;
    r.headers["authorization"] = std::string("Bearer ") + token;
    if (!body.empty()) r.headers["content-type"] = "application/json";
    r.body = body;
    auto response = api_->handle(r);
    return {response.status, response.content_type, response.body, response.headers};
  }

  std::int64_t add_meter(const std::string& serial, const std::string& options_json = "{}") {
    Meter m;
    m.serial = serial;
    const auto id = repo_->insert_meter(m);
    ConnectionProfile p;
    p.meter_id = id;
    p.name = "eth-dlms";
    p.protocol = Protocol::dlms;
    p.host = "127.0.0.1";
    p.is_default = true;
    p.retries = 0;
    p.options_json = options_json;
    repo_->insert_connection(p);
    return id;
  }

  // Three channels, the second's description with a comma (CSV quoting); intervals at
  // +15, +30 (channel 2 missing), +75 (after an outage, flagged) and +90 minutes.
  std::int64_t meter_with_lp() {
    const auto id = add_meter("LP-API");
    LoadProfileLayout layout;
    layout.profile = 1;
    layout.capture_period_s = 900;
    const char* descriptions[] = {"kWh delivered", "kvarh Q1, Q4", "Voltage A"};
    const char* units[] = {"kWh", "kvarh", "V"};
    for (std::uint16_t c = 1; c <= 3; ++c) {
      LoadProfileChannel ch;
      ch.channel = c;
      ch.obis = "1.0." + std::to_string(c) + ".29.0.255";
      ch.quantity = "q" + std::to_string(c);
      ch.phase = c == 3 ? "A" : "total";
      ch.description = descriptions[c - 1];
      ch.unit = units[c - 1];
      layout.channels.push_back(ch);
    }
    repo_->upsert_load_profile_layout(id, layout);
    std::vector<LoadProfileValue> values;
    auto add = [&](int minutes, std::uint16_t channel, double value, std::uint32_t status) {
      LoadProfileValue v;
      v.meter_id = id;
      v.profile = 1;
      v.channel = channel;
      v.interval_end = kT0 + std::chrono::minutes(minutes);
      v.value = value;
      v.status = status;
      values.push_back(v);
    };
    for (std::uint16_t c = 1; c <= 3; ++c) add(15, c, 1.5 * c, 0);
    add(30, 1, 2.25, 0);
    add(30, 3, 231.5, 0);
    const auto outage = interval_flag::power_outage | interval_flag::time_set;
    for (std::uint16_t c = 1; c <= 3; ++c) add(75, c, 10.0 + c, outage);
    for (std::uint16_t c = 1; c <= 3; ++c) add(90, c, 20.0 + c, 0);
    repo_->upsert_load_profile(values);
    return id;
  }

  std::string lp_path(std::int64_t id) {
    return "/api/v1/meters/" + std::to_string(id) + "/load-profile";
  }

  std::unique_ptr<storage::Repository> repo_;
  std::shared_ptr<FakeLpMeter> meter_;
  drivers::DriverRegistry drivers_;
  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_ =
      boost::asio::make_work_guard(io_);
  std::thread io_thread_;
  std::unique_ptr<api::RestApi> api_;
};

TEST_F(LoadProfileApiTest, LoadProfileJsonHasChannelsIntervalsNullsFlagsAndGaps) {
  const auto id = meter_with_lp();
  const auto r = call("GET", lp_path(id), kViewerToken,
                      {{"from", "2026-01-01T00:00:00Z"}, {"to", "2026-01-01T02:00:00Z"}});
  ASSERT_EQ(r.status, 200) << r.body;
  const auto body = r.json().as_object();
  EXPECT_EQ(body.at("profile"), 1);
  EXPECT_EQ(body.at("capture_period_s"), 900);
  const auto& channels = body.at("channels").as_array();
  ASSERT_EQ(channels.size(), 3u);
  EXPECT_EQ(channels[1].at("channel"), 2);
  EXPECT_EQ(channels[1].at("obis"), "1.0.2.29.0.255");
  EXPECT_EQ(channels[1].at("description"), "kvarh Q1, Q4");
  EXPECT_EQ(channels[1].at("unit"), "kvarh");
  EXPECT_EQ(channels[2].at("phase"), "A");
  EXPECT_EQ(channels[2].at("quantity"), "q3");

  const auto& intervals = body.at("intervals").as_array();
  ASSERT_EQ(intervals.size(), 4u);
  EXPECT_EQ(intervals[0].at("end"), "2026-01-01T00:15:00.000000Z");
  EXPECT_EQ(intervals[0].at("values"), json::parse("[1.5, 3.0, 4.5]"));
  EXPECT_EQ(intervals[1].at("end"), "2026-01-01T00:30:00.000000Z");
  EXPECT_EQ(intervals[1].at("values"), json::parse("[2.25, null, 231.5]"));
  EXPECT_EQ(intervals[1].at("status"), 0);
  EXPECT_EQ(intervals[1].at("flags"), json::array());
  EXPECT_EQ(intervals[2].at("end"), "2026-01-01T01:15:00.000000Z");
  EXPECT_EQ(intervals[2].at("status"), 3);
  EXPECT_EQ(intervals[2].at("flags"), json::parse(R"(["power_outage", "time_set"])"));
  EXPECT_EQ(intervals[3].at("values"), json::parse("[21.0, 22.0, 23.0]"));

  // 00:45, 01:00 missing between 00:30 and 01:15: one gap of two intervals, not filled.
  EXPECT_EQ(body.at("gaps"), json::parse(R"([{"from": "2026-01-01T00:30:00.000000Z",
      "to": "2026-01-01T01:00:00.000000Z", "missing": 2}])"));
}

TEST_F(LoadProfileApiTest, LoadProfileRangeIsFromExclusiveToInclusiveAndChannelsPick) {
  const auto id = meter_with_lp();
  // (00:15, 01:15]: the interval ending at 00:15 lies before `from`, the one at 01:15 within.
  const auto r =
      call("GET", lp_path(id), kViewerToken,
           {{"from", "2026-01-01T00:15:00Z"}, {"to", "2026-01-01T01:15:00Z"}, {"channels", "3,1"}});
  ASSERT_EQ(r.status, 200) << r.body;
  const auto body = r.json().as_object();
  const auto& channels = body.at("channels").as_array();
  ASSERT_EQ(channels.size(), 2u);
  EXPECT_EQ(channels[0].at("channel"), 3);
  EXPECT_EQ(channels[1].at("channel"), 1);
  const auto& intervals = body.at("intervals").as_array();
  ASSERT_EQ(intervals.size(), 2u);
  EXPECT_EQ(intervals[0].at("end"), "2026-01-01T00:30:00.000000Z");
  EXPECT_EQ(intervals[0].at("values"), json::parse("[231.5, 2.25]"));
  EXPECT_EQ(intervals[1].at("end"), "2026-01-01T01:15:00.000000Z");
  EXPECT_EQ(body.at("gaps").as_array().size(), 1u);
}

TEST_F(LoadProfileApiTest, LoadProfileDefaultRangeIsTheDayUpToTheNewestCollection) {
  const auto id = meter_with_lp();  // intervals in 2026-01-01 00:15..01:30, long before now
  // Before any collection checkpoint the default is the day up to now: nothing.
  auto r = call("GET", lp_path(id), kViewerToken);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(r.json().at("intervals").as_array().empty());
  // Where the newest collection ended (01:30): the 24 hours up to there, all four intervals.
  repo_->set_checkpoint(id, engine::load_profile_checkpoint_key(1), "2026-01-01T01:30:00Z");
  r = call("GET", lp_path(id), kViewerToken);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("intervals").as_array().size(), 4u);
  // Profile 2 has its own checkpoint (none): still the day up to now.
  r = call("GET", lp_path(id), kViewerToken, {{"profile", "2"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(r.json().at("intervals").as_array().empty());
}

TEST_F(LoadProfileApiTest, LoadProfileCsvIsOneRowPerIntervalOneColumnPerChannel) {
  const auto id = meter_with_lp();
  const auto r =
      call("GET", lp_path(id), kViewerToken,
           {{"from", "2026-01-01T00:00:00Z"}, {"to", "2026-01-01T01:15:00Z"}, {"format", "csv"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.content_type.rfind("text/csv", 0), 0u) << r.content_type;
  EXPECT_EQ(r.body,
            "Interval End,Status,kWh delivered (kWh),\"kvarh Q1, Q4 (kvarh)\",Voltage A (V)\r\n"
            "2026-01-01T00:15:00.000000Z,,1.5,3,4.5\r\n"
            "2026-01-01T00:30:00.000000Z,,2.25,,231.5\r\n"
            "2026-01-01T01:15:00.000000Z,power_outage|time_set,11,12,13\r\n");
  bool attachment = false;
  for (const auto& [name, value] : r.headers)
    attachment =
        attachment || (name == "Content-Disposition" &&
                       value.find("meter-" + std::to_string(id) + "-lp1.csv") != std::string::npos);
  EXPECT_TRUE(attachment);
}

TEST_F(LoadProfileApiTest, LoadProfileParameterErrors) {
  const auto id = meter_with_lp();
  const auto path = lp_path(id);
  EXPECT_EQ(call("GET", path, kViewerToken, {{"profile", "3"}}).status, 400);
  EXPECT_EQ(call("GET", path, kViewerToken, {{"format", "xml"}}).status, 400);
  EXPECT_EQ(call("GET", path, kViewerToken, {{"channels", "1,x"}}).status, 400);
  EXPECT_EQ(call("GET", path, kViewerToken, {{"channels", "17"}}).status, 400);
  EXPECT_EQ(call("GET", path, kViewerToken, {{"from", "yesterday"}}).status, 400);
  EXPECT_EQ(call("GET", path, kViewerToken, {{"bogus", "1"}}).status, 400);
  const auto missing_channel = call("GET", path, kViewerToken, {{"channels", "7"}});
  EXPECT_EQ(missing_channel.status, 422) << missing_channel.body;
  EXPECT_EQ(call("GET", path, kViewerToken,
                 {{"from", "2026-01-02T00:00:00Z"}, {"to", "2026-01-01T00:00:00Z"}})
                .status,
            422);
  // 300 days of 15-minute intervals is 28,800 > 20,000.
  const auto too_long = call("GET", path, kViewerToken,
                             {{"from", "2025-03-01T00:00:00Z"}, {"to", "2025-12-27T00:00:00Z"}});
  EXPECT_EQ(too_long.status, 422);
  EXPECT_NE(too_long.body.find("20000"), std::string::npos) << too_long.body;
  EXPECT_EQ(call("GET", lp_path(id + 100), kViewerToken).status, 404);
  // Profile 2 was never collected: empty, not an error.
  const auto empty = call("GET", path, kViewerToken, {{"profile", "2"}});
  ASSERT_EQ(empty.status, 200);
  EXPECT_EQ(empty.json().at("intervals").as_array().size(), 0u);
  EXPECT_EQ(empty.json().at("capture_period_s"), 0);
}

// ---- clock ---------------------------------------------------------------------------

TEST_F(LoadProfileApiTest, ClockShowsTheLatestReadingAndHistoryNewestFirst) {
  const auto id = add_meter("CLK-API");
  for (int i = 0; i < 3; ++i) {
    ClockRecord r;
    r.reading.meter_id = id;
    r.reading.head_end_time = kT0 + std::chrono::hours(i);
    r.reading.meter_time = r.reading.head_end_time + Micros(1'250'000 * (i + 1));
    r.reading.source = "dlms";
    r.kind = "check";
    repo_->insert_clock_reading(r);
  }
  const auto path = "/api/v1/meters/" + std::to_string(id) + "/clock";
  const auto r = call("GET", path, kViewerToken, {{"limit", "2"}});
  ASSERT_EQ(r.status, 200) << r.body;
  const auto body = r.json().as_object();
  EXPECT_EQ(body.at("latest").at("offset_us"), 3'750'000);
  EXPECT_EQ(body.at("latest").at("offset_s"), 3.75);
  EXPECT_EQ(body.at("latest").at("read_at"), "2026-01-01T02:00:00.000000Z");
  EXPECT_EQ(body.at("latest").at("meter_time"), "2026-01-01T02:00:03.750000Z");
  EXPECT_EQ(body.at("latest").at("kind"), "check");
  const auto& items = body.at("items").as_array();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].at("offset_us"), 3'750'000);
  EXPECT_EQ(items[1].at("offset_us"), 2'500'000);
  ASSERT_TRUE(body.at("next_after").is_int64());
  const auto older = call("GET", path, kViewerToken,
                          {{"after", std::to_string(body.at("next_after").as_int64())}});
  ASSERT_EQ(older.status, 200);
  ASSERT_EQ(older.json().at("items").as_array().size(), 1u);
  EXPECT_EQ(older.json().at("items").as_array()[0].at("offset_us"), 1'250'000);
  EXPECT_EQ(call("GET", "/api/v1/meters/999/clock", kViewerToken).status, 404);
}

TEST_F(LoadProfileApiTest, ClockSyncSetsBeyondToleranceStoresBeforeAfterAndAudits) {
  const auto id = add_meter("SYNC-1");
  meter_->clock_offset = Micros(-9'000'000);
  const auto path = "/api/v1/meters/" + std::to_string(id) + "/clock/sync";
  EXPECT_EQ(call("POST", path, kViewerToken).status, 403);
  const auto r = call("POST", path, kOperatorToken, {}, "{}");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto body = r.json().as_object();
  EXPECT_EQ(body.at("outcome"), "ok");
  EXPECT_EQ(body.at("set"), true);
  EXPECT_EQ(body.at("tolerance_s"), 5);
  EXPECT_EQ(body.at("before").at("offset_us"), -9'000'000);
  EXPECT_EQ(body.at("after").at("offset_us"), 0);
  EXPECT_EQ(body.at("profile"), "eth-dlms");
  EXPECT_EQ(meter_->set_clock_calls, 1);

  const auto stored = repo_->clock_readings(id, {}, {0, 10});
  ASSERT_EQ(stored.size(), 2u);
  EXPECT_EQ(stored[0].kind, "sync_after");
  EXPECT_EQ(stored[1].kind, "sync_before");
  EXPECT_EQ(stored[1].reading.offset_us(), -9'000'000);
  EXPECT_EQ(stored[1].job_run_id, std::optional<std::int64_t>(body.at("job_id").as_int64()));
  const auto audit = repo_->audit({}, {0, 100});
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].action, "meter.clock_sync");
  EXPECT_EQ(audit[0].actor, "otto");
  EXPECT_EQ(audit[0].target, "meter/" + std::to_string(id));
  const auto run = repo_->find_job_run(body.at("job_id").as_int64());
  ASSERT_TRUE(run.has_value());
  EXPECT_EQ(run->kind, "clock_sync");
  EXPECT_EQ(run->outcome, "ok");
  EXPECT_EQ(run->values, 2);
}

TEST_F(LoadProfileApiTest, ClockSyncWithinToleranceOnlyChecksUnlessForced) {
  const auto id = add_meter("SYNC-2");
  meter_->clock_offset = Micros(2'000'000);
  const auto path = "/api/v1/meters/" + std::to_string(id) + "/clock/sync";
  const auto checked = call("POST", path, kOperatorToken);  // no body: force false
  ASSERT_EQ(checked.status, 200) << checked.body;
  EXPECT_EQ(checked.json().at("set"), false);
  EXPECT_TRUE(checked.json().at("after").is_null());
  EXPECT_EQ(meter_->set_clock_calls, 0);
  ASSERT_EQ(repo_->clock_readings(id, {}, {0, 10}).size(), 1u);
  EXPECT_EQ(repo_->clock_readings(id, {}, {0, 10})[0].kind, "check");

  const auto forced = call("POST", path, kOperatorToken, {}, R"({"force": true})");
  ASSERT_EQ(forced.status, 200) << forced.body;
  EXPECT_EQ(forced.json().at("set"), true);
  EXPECT_EQ(meter_->set_clock_calls, 1);
  EXPECT_EQ(call("POST", path, kOperatorToken, {}, R"({"force": "yes"})").status, 422);
  EXPECT_EQ(call("POST", path, kOperatorToken, {}, R"({"forse": true})").status, 422);
}

TEST_F(LoadProfileApiTest, ClockSyncIsRefusedWhenNoProfileCanSetTheClock) {
  const auto id = add_meter("SYNC-RO", R"({"client":"reader"})");
  meter_->clock_offset = Micros(60'000'000);
  const auto r =
      call("POST", "/api/v1/meters/" + std::to_string(id) + "/clock/sync", kOperatorToken);
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_NE(r.body.find("set_clock"), std::string::npos) << r.body;
  EXPECT_EQ(meter_->set_clock_calls, 0);
  EXPECT_TRUE(repo_->clock_readings(id, {}, {0, 10}).empty());
  EXPECT_EQ(call("POST", "/api/v1/meters/999/clock/sync", kOperatorToken).status, 404);
}

}  // namespace
}  // namespace jemhead::testing
