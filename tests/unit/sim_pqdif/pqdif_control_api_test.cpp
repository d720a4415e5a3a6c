// The PQDIF control routes (sim/pqdif/pqdif_control_api.*) in-process: the truth document,
// forced triggers and their errors.
#include "sim/pqdif/pqdif_control_api.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/digest/sha256.hpp"
#include "sim/fleet.hpp"
#include "sim/fleet_file.hpp"

namespace jemhead::sim {
namespace {

class SimPqdifControl : public ::testing::Test {
 protected:
  SimPqdifControl()
      : spec_(parse_fleet(R"(seed: 4
time_factor: 0
start_time: "2026-01-01T00:00:00Z"
meters:
  list:
    - { serial: "P1", pqdif: { mode: single, events_per_day: 2, measurement_log: { interval_minutes: 0 } } }
    - { serial: "N1" }
)",
                          "fleet.yaml")),
        fleet_(spec_, *parse_iso8601("2026-01-01T00:00:00Z"), RealClock::now()),
        service_(fleet_),
        api_(service_) {}

  net::HttpResponse call(const std::string& method, const std::string& path,
                         const std::string& body = {}) {
    net::HttpRequest r;
    r.method = method;
    r.path = path;
    r.target = path;
    r.body = body;
    auto answer = api_.handle(r);
    EXPECT_TRUE(answer.has_value()) << path;
    return answer.value_or(net::HttpResponse{});
  }
  void advance(std::int64_t seconds) {
    for (const auto& m : fleet_.meters()) m->advance(Micros{seconds * 1'000'000}, RealClock::now());
  }

  FleetSpec spec_;
  Fleet fleet_;
  PqdifService service_;
  PqdifControlApi api_;
};

TEST_F(SimPqdifControl, TruthListsEachFileWithItsDigestAndObservations) {
  advance(86400);
  const auto r = call("GET", "/meters/P1/pqdif");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto doc = boost::json::parse(r.body);
  EXPECT_EQ(doc.at("mode").as_string(), "single");
  EXPECT_EQ(doc.at("simulated_time").as_string(), "2026-01-02T00:00:00.000000Z");
  const auto& files = doc.at("files").as_array();
  ASSERT_EQ(files.size(), 2u);  // two events a day, no measurement log
  auto* recorder = service_.recorder("P1");
  for (const auto& f : files) {
    const std::string name(f.at("name").as_string());
    const auto bytes = recorder->bytes(name, service_.now("P1"));
    ASSERT_TRUE(bytes);
    EXPECT_EQ(f.at("sha256").as_string(), digest::sha256_hex(*bytes));
    EXPECT_EQ(f.at("size").as_int64(), static_cast<std::int64_t>(bytes->size()));
    EXPECT_EQ(f.at("observation_count").as_int64(), 1);
    const auto& o = f.at("observations").at(0);
    EXPECT_FALSE(o.at("triggered").is_null());
    EXPECT_GE(o.at("channel_count").as_int64(), 18);
    EXPECT_GT(o.at("value_count").as_int64(), 1000);
  }
  net::HttpRequest filtered;
  filtered.method = "GET";
  filtered.path = "/meters/P1/pqdif";
  filtered.query["name"] = std::string(files[1].at("name").as_string());
  const auto just = boost::json::parse(api_.handle(filtered)->body);
  ASSERT_EQ(just.at("files").as_array().size(), 1u);
  EXPECT_EQ(just.at("files").at(0).at("name"), files[1].at("name"));
}

TEST_F(SimPqdifControl, TriggerAndErrors) {
  const auto r = call("POST", "/meters/P1/pqdif/trigger", R"({"kind": "interruption"})");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto doc = boost::json::parse(r.body);
  EXPECT_EQ(doc.at("data_type").as_int64(), 38);  // interruption + WFC + HSRMS
  EXPECT_EQ(doc.at("event").at("trigger").as_string(), "2026-01-01T00:00:00.000000Z");
  EXPECT_EQ(doc.at("event").at("phases").as_array().size(), 3u);
  EXPECT_EQ(call("POST", "/meters/P1/pqdif/trigger", R"({"kind": "flicker"})").status, 400);
  EXPECT_EQ(call("POST", "/meters/P1/pqdif/trigger", R"({"kind": "sag", "x": 1})").status, 400);
  EXPECT_EQ(call("GET", "/meters/P1/pqdif/trigger").status, 405);
  EXPECT_EQ(call("GET", "/meters/N1/pqdif").status, 404);  // no pqdif: key
  net::HttpRequest other;
  other.method = "GET";
  other.path = "/meters/NOPE/pqdif";
  EXPECT_FALSE(api_.handle(other).has_value());  // the main API answers unknown meters
  const auto endpoints = boost::json::parse(call("GET", "/pqdif").body);
  ASSERT_EQ(endpoints.at("meters").as_array().size(), 1u);
  EXPECT_EQ(endpoints.at("meters").at(0).at("serial").as_string(), "P1");
  EXPECT_TRUE(endpoints.at("meters").at(0).at("web").is_null());  // no web: key
}

}  // namespace
}  // namespace jemhead::sim
