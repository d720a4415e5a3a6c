#include "sim/control_api.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "sim/truth_json.hpp"

namespace jemhead::sim {
namespace {

namespace json = boost::json;
using std::chrono::seconds;

class ControlApiTest : public ::testing::Test {
 protected:
  ControlApiTest()
      : spec_(parse_fleet(R"(seed: 5
time_factor: 60
start_time: "2026-01-01T00:00:00Z"
meters:
  count: 2
  list:
    - { serial: "777", pt_ratio: 60, ct_ratio: 120, generation: 1.0 }
)",
                          "test.yaml")),
        real0_(RealClock::time_point{} + seconds(5000)),
        now_(real0_),
        fleet_(spec_, UtcTime{}, real0_),
        api_(fleet_, [this] { return now_; }) {}

  net::HttpResponse call(const std::string& method, const std::string& path,
                         const std::string& body = {},
                         std::map<std::string, std::string> query = {}) {
    net::HttpRequest r;
    r.method = method;
    r.path = path;
    r.target = path;
    r.query = std::move(query);
    r.body = body;
    return api_.handle(r);
  }
  json::object ok_json(const net::HttpResponse& r) {
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body).as_object();
  }

  FleetSpec spec_;
  RealClock::time_point real0_, now_;
  Fleet fleet_;
  ControlApi api_;
};

TEST_F(ControlApiTest, HealthAndMeterList) {
  auto health = ok_json(call("GET", "/health"));
  EXPECT_EQ(health.at("status"), "ok");
  EXPECT_EQ(health.at("meters").to_number<int>(), 3);
  auto list = ok_json(call("GET", "/meters")).at("meters").as_array();
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[0].at("serial"), "50000001");
  EXPECT_EQ(list[2].at("serial"), "777");
  EXPECT_EQ(list[2].at("transformer_factor").to_number<double>(), 7200.0);
  EXPECT_EQ(list[0].at("identification").as_array()[0].at("title"), "Meter ID");
  EXPECT_EQ(list[0].at("firmware").at("summary"), "6.6.0/5.6.0");
  EXPECT_EQ(call("POST", "/health").status, 405);
  EXPECT_EQ(call("GET", "/nothing").status, 404);
  EXPECT_EQ(call("GET", "/meters/999").status, 404);
  EXPECT_EQ(call("GET", "/meters/777/other").status, 404);
}

TEST_F(ControlApiTest, MeterShowsIdentityAndClock) {
  now_ = real0_ + seconds(10);  // 10 real s x 60 = 10 simulated minutes
  auto m = ok_json(call("GET", "/meters/777"));
  EXPECT_EQ(m.at("serial"), "777");
  EXPECT_EQ(m.at("form"), "9S");
  EXPECT_EQ(m.at("clock").at("simulated_time"), "2026-01-01T00:10:00.000000Z");
  EXPECT_EQ(m.at("clock").at("meter_time"), "2026-01-01T00:10:00.000000Z");
  EXPECT_EQ(m.at("clock").at("time_factor").to_number<double>(), 60.0);
}

TEST_F(ControlApiTest, TruthIsExactlyWhatTheModelComputed) {
  now_ = real0_ + seconds(720);  // 12:00 simulated
  auto t = ok_json(call("GET", "/meters/777/truth"));
  EXPECT_EQ(t.at("simulated_time"), "2026-01-01T12:00:00.000000Z");
  SimMeter& meter = *fleet_.find("777");
  const auto truth = meter.truth_at(*parse_iso8601("2026-01-01T12:00:00Z"), now_);
  ASSERT_TRUE(truth);
  // Doubles survive the JSON text exactly.
  const auto& sec = t.at("secondary").as_object();
  EXPECT_EQ(sec.at("instantaneous").at("phases").at("A").at("watts").as_double(),
            truth->instantaneous.phase[0].watts);
  EXPECT_EQ(sec.at("energy").at("polyphase").at("wh_delivered").as_double(),
            truth->energy.phase[kPoly].wh_delivered);
  const auto& pri = t.at("primary").as_object();
  EXPECT_EQ(pri.at("instantaneous").at("total").at("watts").as_double(),
            truth->instantaneous.total.watts * 7200);
  EXPECT_EQ(pri.at("instantaneous").at("phases").at("B").at("volts").as_double(),
            truth->instantaneous.phase[1].volts * 60);
  EXPECT_EQ(pri.at("energy").at("C").at("varh_q1").as_double(),
            truth->energy.phase[2].varh_quadrant[0] * 7200);
  EXPECT_GT(sec.at("energy").at("polyphase").at("wh_received").as_double(), 0.0);  // PV
}

TEST_F(ControlApiTest, TruthAtAPastInstant) {
  now_ = real0_ + seconds(600);  // 10:00 simulated
  auto now_truth = ok_json(call("GET", "/meters/50000001/truth"));
  auto past = ok_json(call("GET", "/meters/50000001/truth", {}, {{"at", "2026-01-01T04:30:00Z"}}));
  EXPECT_EQ(past.at("simulated_time"), "2026-01-01T04:30:00.000000Z");
  const double past_wh =
      past.at("secondary").at("energy").at("polyphase").at("wh_delivered").as_double();
  const double now_wh =
      now_truth.at("secondary").at("energy").at("polyphase").at("wh_delivered").as_double();
  EXPECT_GT(past_wh, 0.0);
  EXPECT_LT(past_wh, now_wh);
  EXPECT_EQ(call("GET", "/meters/50000001/truth", {}, {{"at", "2025-12-31T23:00:00Z"}}).status,
            422);
  EXPECT_EQ(call("GET", "/meters/50000001/truth", {}, {{"at", "2026-01-01T11:00:00Z"}}).status,
            422);
  EXPECT_EQ(call("GET", "/meters/50000001/truth", {}, {{"at", "noon"}}).status, 400);
}

TEST_F(ControlApiTest, SettingTheClock) {
  now_ = real0_ + seconds(60);
  auto r = ok_json(call("POST", "/meters/777/clock", R"({"time":"2026-06-01T08:00:00Z"})"));
  EXPECT_EQ(r.at("meter_time"), "2026-06-01T08:00:00.000000Z");
  EXPECT_EQ(r.at("simulated_time"), "2026-01-01T01:00:00.000000Z");
  now_ += seconds(1);
  auto c = ok_json(call("GET", "/meters/777/clock"));
  EXPECT_EQ(c.at("meter_time"), "2026-06-01T08:01:00.000000Z");
  // Other meters keep their clocks.
  auto other = ok_json(call("GET", "/meters/50000001"));
  EXPECT_EQ(other.at("clock").at("meter_time"), "2026-01-01T01:01:00.000000Z");
  EXPECT_EQ(call("POST", "/meters/777/clock", R"({"time":"soon"})").status, 400);
  EXPECT_EQ(call("POST", "/meters/777/clock", R"({"time":"2026-06-01T08:00:00Z","x":1})").status,
            400);
  EXPECT_EQ(call("POST", "/meters/777/clock", "[[[[").status, 400);
  EXPECT_EQ(call("POST", "/meters/777/clock", std::string(5000, ' ')).status, 400);
  EXPECT_EQ(call("DELETE", "/meters/777/clock").status, 405);
}

TEST_F(ControlApiTest, ChangingTheTimeFactor) {
  now_ = real0_ + seconds(60);  // 01:00
  auto r = ok_json(call("POST", "/time_factor", R"({"time_factor": 3600})"));
  EXPECT_EQ(r.at("meters").to_number<int>(), 3);
  now_ += seconds(2);  // two simulated hours
  auto c = ok_json(call("GET", "/meters/50000002/clock"));
  EXPECT_EQ(c.at("simulated_time"), "2026-01-01T03:00:00.000000Z");
  EXPECT_EQ(call("POST", "/time_factor", R"({"time_factor": -1})").status, 400);
  EXPECT_EQ(call("POST", "/time_factor", R"({"speed": 2})").status, 400);
}

TEST_F(ControlApiTest, AdvancingSimulatedTime) {
  now_ = real0_ + seconds(60);  // 01:00 at time factor 60
  ok_json(call("POST", "/meters/777/clock", R"({"time":"2026-06-01T08:00:00Z"})"));
  auto r = ok_json(call("POST", "/advance", R"({"seconds": 86400})"));
  EXPECT_EQ(r.at("meters").to_number<int>(), 3);
  auto c = ok_json(call("GET", "/meters/50000002/clock"));
  EXPECT_EQ(c.at("simulated_time"), "2026-01-02T01:00:00.000000Z");
  // A meter's clock moves with simulated time, keeping its offset.
  auto set = ok_json(call("GET", "/meters/777/clock"));
  EXPECT_EQ(set.at("meter_time"), "2026-06-02T08:00:00.000000Z");
  now_ += seconds(1);  // time keeps running at the fleet's factor afterwards
  c = ok_json(call("GET", "/meters/50000002/clock"));
  EXPECT_EQ(c.at("simulated_time"), "2026-01-02T01:01:00.000000Z");
  EXPECT_EQ(call("POST", "/advance", R"({"seconds": -1})").status, 400);
  EXPECT_EQ(call("POST", "/advance", R"({"days": 1})").status, 400);
  EXPECT_EQ(call("GET", "/advance").status, 405);
}

}  // namespace
}  // namespace jemhead::sim
