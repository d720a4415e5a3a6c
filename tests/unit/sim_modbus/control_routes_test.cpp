// The Modbus control routes, called directly (the HTTP server is tested in net/).
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "live_fleet.hpp"
#include "sim/modbus/modbus_control_api.hpp"

namespace jemhead::sim {
namespace {

namespace json = boost::json;

constexpr const char* kFleet = R"(
seed: 3
start_time: "2026-02-01T00:00:00Z"
time_factor: 1000000
rtu_buses: [{name: b1, baud: 9600}]
meters:
  integration_step: 60
  list:
    - serial: "M1"
      modbus: { rtu: { bus: b1, address: 17 }, tcp: { listen: "127.0.0.1:0" } }
    - serial: "PLAIN"
)";

class ControlRoutes : public ::testing::Test {
 protected:
  testing::LiveFleet live_{kFleet};
  ModbusControlApi api_{live_.service()};

  std::optional<net::HttpResponse> call(std::string method, std::string path, std::string body = "",
                                        std::map<std::string, std::string> query = {}) {
    net::HttpRequest r;
    r.method = std::move(method);
    r.path = std::move(path);
    r.body = std::move(body);
    r.query = std::move(query);
    return api_.handle(r);
  }
  json::object body_of(const std::optional<net::HttpResponse>& r) {
    return json::parse(r->body).as_object();
  }
};

TEST_F(ControlRoutes, ModbusListsBusesAndEndpoints) {
  auto r = call("GET", "/modbus");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  auto doc = body_of(r);
  const auto& bus = doc.at("buses").as_array().at(0).as_object();
  EXPECT_EQ(bus.at("name"), "b1");
  EXPECT_EQ(bus.at("baud"), 9600);
  EXPECT_EQ(json::value_to<std::string>(bus.at("device")), live_.device("M1"));
  const auto& meter = doc.at("meters").as_array().at(0).as_object();
  EXPECT_EQ(meter.at("serial"), "M1");
  EXPECT_EQ(json::value_to<std::string>(meter.at("tcp")),
            "127.0.0.1:" + std::to_string(live_.tcp_port("M1")));
  EXPECT_EQ(meter.at("unit_id"), 17) << "defaults to the RTU address";
  EXPECT_EQ(doc.at("meters").as_array().size(), 1u);
}

TEST_F(ControlRoutes, TruthCarriesTheImagesAndPerPointValues) {
  auto r = call("GET", "/meters/M1/modbus");
  ASSERT_EQ(r->status, 200);
  auto doc = body_of(r);
  const auto snap = *live_.slave("M1").snapshot();
  const auto& holding = doc.at("holding_registers").as_array();
  ASSERT_EQ(holding.size(), 8u);
  EXPECT_EQ(holding[1].as_object().at("value").to_number<std::uint32_t>(),
            snap.image.counters[0].raw & 0xFFFFu);
  const auto& analogs = doc.at("points").as_object().at("analogs").as_array();
  ASSERT_EQ(analogs.size(), 18u);
  // Boost.JSON 1.81's parser may land one ULP off the serialised double (it has no
  // precise-number mode before 1.83), so doubles read back through it compare within ULPs.
  EXPECT_DOUBLE_EQ(analogs[12].as_object().at("secondary").as_double(),
                   snap.image.analogs[12].secondary);
  EXPECT_EQ(analogs[12].as_object().at("raw").to_number<int>(), snap.image.analogs[12].raw);
  EXPECT_EQ(doc.at("endpoints").as_object().at("rtu").as_object().at("address"), 17);
  EXPECT_EQ(doc.at("map").as_object().at("format"), "jemhead.modbus.point_map/1");
  EXPECT_EQ(call("GET", "/meters/M1/modbus", "", {{"at", "1999-01-01T00:00:00Z"}})->status, 422);
  EXPECT_EQ(call("GET", "/meters/M1/modbus", "", {{"at", "yesterday"}})->status, 400);
  auto earlier = call("GET", "/meters/M1/modbus", "", {{"at", "2026-02-01T00:00:00Z"}});
  ASSERT_EQ(earlier->status, 200);
  EXPECT_EQ(body_of(earlier)
                .at("points")
                .as_object()
                .at("counters")
                .as_array()[0]
                .as_object()
                .at("display")
                .as_double(),
            0.0)
      << "registers start at zero at the start instant";
}

TEST_F(ControlRoutes, FaultsAndInputsAreSetAtRunTime) {
  auto r = call("POST", "/meters/M1/faults", R"({"mode":"slow","delay_ms":250})");
  ASSERT_EQ(r->status, 200);
  EXPECT_EQ(live_.slave("M1").faults(), (FaultSettings{FaultMode::slow, 250}));
  EXPECT_EQ(body_of(call("GET", "/meters/M1/faults")).at("mode"), "slow");
  EXPECT_EQ(call("POST", "/meters/M1/faults", R"({"mode":"sometimes"})")->status, 400);
  EXPECT_EQ(call("POST", "/meters/M1/faults", R"({"delay_ms":5})")->status, 400);
  EXPECT_EQ(call("POST", "/meters/M1/faults", R"({"mode":"none","delay_ms":-1})")->status, 400);
  EXPECT_EQ(call("DELETE", "/meters/M1/faults")->status, 405);

  r = call("POST", "/meters/M1/modbus/inputs",
           R"({"digital_inputs":{"1":true},"triggers":{"2":false},"status":{"battery":true}})");
  ASSERT_EQ(r->status, 200);
  auto snap = *live_.slave("M1").snapshot();
  EXPECT_TRUE(snap.state.dio[0]);
  EXPECT_FALSE(snap.state.trigger_overrides.at(2));
  EXPECT_TRUE(snap.state.status_overrides.at(modbus::MeterStatus::battery));
  EXPECT_FALSE(snap.image.discrete_inputs[3].active) << "trigger 2 forced off";
  EXPECT_EQ(call("POST", "/meters/M1/modbus/inputs", R"({"triggers":{"2":null}})")->status, 200);
  EXPECT_FALSE(live_.slave("M1").snapshot()->state.trigger_overrides.contains(2));
  EXPECT_EQ(call("POST", "/meters/M1/modbus/inputs", R"({"digital_inputs":{"15":true}})")->status,
            400);
  EXPECT_EQ(call("POST", "/meters/M1/modbus/inputs", R"({"status":{"battery":1}})")->status, 400);
  EXPECT_EQ(call("POST", "/meters/M1/modbus/inputs", R"({"relays":{}})")->status, 400);
}

TEST_F(ControlRoutes, OtherRoutesAndMetersAreLeftToTheMainApi) {
  auto r = call("GET", "/meters/PLAIN/modbus");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 404) << "a meter without a Modbus slave";
  EXPECT_FALSE(call("GET", "/meters/NOPE/modbus")) << "unknown meters: the main API's 404";
  EXPECT_FALSE(call("GET", "/meters/M1/truth"));
  EXPECT_FALSE(call("GET", "/health"));
}

}  // namespace
}  // namespace jemhead::sim
