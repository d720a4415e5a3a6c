// The head-end read path end to end inside one process: RestApi with real SQLite and the
// real driver registry, meter I/O on an io_context thread, a Modbus slave on loopback TCP.
#include <gtest/gtest.h>
#include <prometheus/registry.h>

#include <boost/json.hpp>

#include "api/meter_access.hpp"
#include "api/rest_api.hpp"
#include "drivers/builtin_drivers.hpp"
#include "drivers/protocol/modbus/point_decode.hpp"
#include "drivers/protocol/modbus/point_map_json.hpp"
#include "fake_slave.hpp"
#include "io_thread.hpp"

namespace jemhead::modbus {
namespace {

namespace json = boost::json;
using testing::FakeSlave;
using testing::IoThread;

// The meter's job runs in the order they ran.
storage::JobFilter oldest_runs_of(std::int64_t meter_id) {
  storage::JobFilter filter;
  filter.meter_id = meter_id;
  filter.newest_first = false;
  return filter;
}

constexpr const char* kOperator = "op-token";
constexpr const char* kViewer = "view-token";

constexpr const char* kMap = R"({
  "format": "jemhead.modbus.point_map/1", "name": "api test",
  "allow_register_presets": true, "allow_output_control": true,
  "counters": {"start_address": 40001, "points": [
    {"point": 1, "name": "Wh del", "unit": "Wh", "scale_factor": 1},
    {"point": 2, "name": "Wh rec", "unit": "Wh", "scale_factor": 1}]},
  "analogs": {"start_address": 30001, "points": [
    {"point": 1, "quantity": "volts", "phase": "b", "scale_factor": 1}]},
  "coils": {"start_address": 1, "points": [{"point": 1, "name": "Ch3", "channel": 3}]},
  "discrete_inputs": {"start_address": 10001, "points": [
    {"point": 1, "source": "meter_status", "status": "battery"},
    {"point": 2, "name": "door", "source": "digital_input", "channel": 1}]}
})";

struct Reply {
  int status = 0;
  json::value body;
};

class ReadApi : public ::testing::Test {
 protected:
  void SetUp() override {
    repo_ = storage::open_sqlite({":memory:"});
    drivers::register_builtin_drivers(registry_);
    api::ApiOptions options;
    options.tokens = {{"otto", api::Role::operator_, api::sha256_hex(kOperator)},
                      {"vera", api::Role::viewer, api::sha256_hex(kViewer)}};
    options.meter_access = std::make_shared<api::MeterAccess>(registry_, io_.io().get_executor(),
                                                              std::chrono::seconds(10));
    api_ =
        std::make_unique<api::RestApi>(*repo_, options, std::make_shared<prometheus::Registry>());
    slave_ = std::make_unique<FakeSlave>(io_.io(), testing::FakeSlaveConfig{});
    map_ = parse_point_map(kMap).map;
    set_counter(0, 1'000'000);
    set_counter(1, 2'500);
    slave_->input[0] = encode_analog(map_.analogs.points[0], 230.0);
    slave_->discrete = {{0, true}, {1, false}};
    slave_->coils = {{0, false}};

    Meter m;
    m.serial = "MB-1";
    m.name = "modbus meter";
    m.created_at = m.updated_at = utc_now();
    meter_id_ = repo_->insert_meter(m);
  }
  void TearDown() override {
    api_.reset();
    repo_->close();
  }

  void set_counter(std::size_t index, double value) {
    const auto& point = map_.counters.points[index];
    const auto words = encode_counter(point, value);
    const auto address = address_of(map_, point);
    slave_->holding[address] = words[0];
    slave_->holding[static_cast<std::uint16_t>(address + 1)] = words[1];
  }

  void add_profile(std::string map_json = kMap, std::uint32_t retries = 0) {
    ConnectionProfile p;
    p.meter_id = meter_id_;
    p.name = "modbus-tcp";
    p.protocol = Protocol::modbus;
    p.transport = Transport::tcp;
    p.is_default = true;
    p.host = "127.0.0.1";
    p.port = slave_->port();
    p.retries = retries;
    p.retry_delay_s = 0;
    p.timeout_ms = 300;
    p.options_json = json::serialize(json::object{{"map", json::parse(map_json)}});
    repo_->insert_connection(p);
  }

  Reply call(const std::string& method, const std::string& path, const std::string& body = "",
             const std::string& token = kOperator) {
    net::HttpRequest r;
    r.method = method;
    const auto q = path.find('?');
    r.path = path.substr(0, q);
    r.target = path;
    if (q != std::string::npos) {
      // Only simple k=v pairs are used here.
      std::string rest = path.substr(q + 1);
      while (!rest.empty()) {
        const auto amp = rest.find('&');
        const auto pair = rest.substr(0, amp);
        const auto eq = pair.find('=');
        r.query[pair.substr(0, eq)] = pair.substr(eq + 1);
        rest = amp == std::string::npos ? "" : rest.substr(amp + 1);
      }
    }
    r.headers["authorization"] = std::string("Bearer ") + token;
    if (!body.empty()) r.headers["content-type"] = "application/json";
    r.body = body;
    auto response = api_->handle(r);
    Reply out{response.status, nullptr};
    if (!response.body.empty()) out.body = json::parse(response.body);
    return out;
  }

  std::string meter_path(const std::string& rest) {
    return "/api/v1/meters/" + std::to_string(meter_id_) + rest;
  }

  IoThread io_;
  std::unique_ptr<storage::Repository> repo_;
  drivers::DriverRegistry registry_;
  std::unique_ptr<api::RestApi> api_;
  std::unique_ptr<FakeSlave> slave_;
  PointMap map_;
  std::int64_t meter_id_ = 0;
};

TEST_F(ReadApi, ReadsStoresAndServesEveryKind) {
  add_profile();
  auto r = call("POST", meter_path("/read"), R"({"what":["registers","instantaneous","status"]})");
  ASSERT_EQ(r.status, 200) << json::serialize(r.body);
  const auto& job = r.body.as_object();
  EXPECT_EQ(job.at("outcome").as_string(), "ok");
  EXPECT_EQ(job.at("values").as_int64(), 2 + 1 + 2);
  EXPECT_EQ(job.at("results").at("registers").at("count").as_int64(), 2);
  EXPECT_EQ(job.at("results").at("registers").at("profile").as_string(), "modbus-tcp");
  EXPECT_EQ(job.at("results").at("status").at("edges").as_int64(), 1);  // battery set

  auto regs = call("GET", meter_path("/registers"), "", kViewer);
  ASSERT_EQ(regs.status, 200);
  EXPECT_TRUE(regs.body.at("latest").as_bool());
  const auto& items = regs.body.at("items").as_array();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].at("register_id").as_string(), "counter.1");
  EXPECT_DOUBLE_EQ(items[0].at("value").to_number<double>(), 1'000'000);
  EXPECT_DOUBLE_EQ(items[1].at("value").to_number<double>(), 2'500);

  auto inst = call("GET", meter_path("/instantaneous"), "", kViewer);
  ASSERT_EQ(inst.body.at("items").as_array().size(), 1u);
  const auto& v = inst.body.at("items").as_array()[0];
  EXPECT_EQ(v.at("quantity").as_string(), "volts");
  EXPECT_EQ(v.at("phase").as_string(), "B");
  EXPECT_NEAR(v.at("value").to_number<double>(), 230.0, 530.0 / 32767);

  auto runs = repo_->job_runs(oldest_runs_of(meter_id_), {});
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0].outcome, "ok");
  EXPECT_EQ(runs[0].kind, "registers,instantaneous,status");
  EXPECT_EQ(runs[0].trigger, "manual");
  EXPECT_TRUE(runs[0].finished_at.has_value());
}

TEST_F(ReadApi, LatestRegistersAreTheNewestReadAndHistoryHasBoth) {
  add_profile();
  ASSERT_EQ(call("POST", meter_path("/read"), R"({"what":["registers"]})").status, 200);
  set_counter(0, 1'000'100);
  ASSERT_EQ(call("POST", meter_path("/read"), R"({"what":["registers"]})").status, 200);
  auto latest = call("GET", meter_path("/registers"), "", kViewer);
  ASSERT_EQ(latest.body.at("items").as_array().size(), 2u);
  EXPECT_DOUBLE_EQ(latest.body.at("items").as_array()[0].at("value").to_number<double>(),
                   1'000'100);
  auto history = call("GET", meter_path("/registers?from=2000-01-01T00:00:00Z"), "", kViewer);
  ASSERT_EQ(history.status, 200);
  EXPECT_FALSE(history.body.at("latest").as_bool());
  EXPECT_EQ(history.body.at("items").as_array().size(), 4u);
  auto none = call("GET", meter_path("/registers?to=2000-01-01T00:00:00Z"), "", kViewer);
  EXPECT_EQ(none.body.at("items").as_array().size(), 0u);
}

TEST_F(ReadApi, StatusEdgesAreStoredAgainstThePreviousSnapshot) {
  add_profile();
  ASSERT_EQ(call("POST", meter_path("/read"), R"({"what":["status"]})").status, 200);
  slave_->discrete = {{0, false}, {1, true}};  // battery cleared, door set
  auto r = call("POST", meter_path("/read"), R"({"what":["status"]})");
  EXPECT_EQ(r.body.at("results").at("status").at("edges").as_int64(), 2);
  // Unchanged: no new edges.
  r = call("POST", meter_path("/read"), R"({"what":["status"]})");
  EXPECT_EQ(r.body.at("results").at("status").at("edges").as_int64(), 0);

  auto status = call("GET", meter_path("/status"), "", kViewer);
  ASSERT_EQ(status.status, 200);
  const auto& latest = status.body.at("latest").at("points").as_array();
  ASSERT_EQ(latest.size(), 2u);
  EXPECT_EQ(latest[0].at("name").as_string(), "status.battery");
  EXPECT_FALSE(latest[0].at("active").as_bool());
  EXPECT_TRUE(latest[1].at("active").as_bool());
  const auto& edges = status.body.at("edges").as_array();
  ASSERT_EQ(edges.size(), 3u);
  EXPECT_EQ(edges[0].at("point").as_string(), "status.battery");
  EXPECT_EQ(edges[0].at("edge").as_string(), "set");
  EXPECT_EQ(edges[1].at("point").as_string(), "status.battery");
  EXPECT_EQ(edges[1].at("edge").as_string(), "cleared");
  EXPECT_EQ(edges[2].at("point").as_string(), "door");
  EXPECT_EQ(edges[2].at("edge").as_string(), "set");
  // Stored as status log events.
  auto events = repo_->events(meter_id_, {}, {});
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].log, "status");
}

TEST_F(ReadApi, ExceptionsAndTimeoutsAreDistinctPerKind) {
  add_profile();
  slave_->exception_for_function[0x04] = ExceptionCode::illegal_data_address;
  auto r = call("POST", meter_path("/read"), R"({"what":["registers","instantaneous"]})");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body.at("outcome").as_string(), "partial");
  EXPECT_EQ(r.body.at("results").at("registers").at("status").as_string(), "ok");
  const auto& error = r.body.at("results").at("instantaneous").at("error");
  EXPECT_EQ(error.at("type").as_string(), "protocol_exception");
  EXPECT_EQ(error.at("exception_code").as_int64(), 2);
  EXPECT_EQ(error.at("function_code").as_int64(), 4);

  slave_->exception_for_function.clear();
  slave_->ignore_next = 1000;
  r = call("POST", meter_path("/read"), R"({"what":["registers"]})");
  EXPECT_EQ(r.body.at("outcome").as_string(), "failed");
  EXPECT_EQ(r.body.at("results").at("registers").at("error").at("type").as_string(), "timeout");
  auto runs = repo_->job_runs(oldest_runs_of(meter_id_), {});
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(runs[1].outcome, "failed");
  EXPECT_NE(runs[1].error.find("timeout"), std::string::npos) << runs[1].error;
}

TEST_F(ReadApi, NoCapableProfileIs409WithTheReason) {
  auto r = call("POST", meter_path("/read"), R"({"what":["registers"]})");
  EXPECT_EQ(r.status, 409);
  EXPECT_NE(std::string(r.body.at("detail").as_string()).find("no connection profiles"),
            std::string::npos);
  // A protocol without a driver in this build (DNP3), and one whose driver lacks the
  // capability (DLMS reads no status points): each reason is named.
  ConnectionProfile dnp3;
  dnp3.meter_id = meter_id_;
  dnp3.name = "dnp3";
  dnp3.protocol = Protocol::dnp3;
  dnp3.host = "127.0.0.1";
  repo_->insert_connection(dnp3);
  ConnectionProfile dlms = dnp3;
  dlms.name = "dlms";
  dlms.protocol = Protocol::dlms;
  repo_->insert_connection(dlms);
  r = call("POST", meter_path("/read"), R"({"what":["status"]})");
  EXPECT_EQ(r.status, 409);
  const std::string detail(r.body.at("detail").as_string());
  EXPECT_NE(detail.find("dnp3 (dnp3: no driver installed)"), std::string::npos) << detail;
  EXPECT_NE(detail.find("dlms (dlms: cannot read_status)"), std::string::npos) << detail;
  EXPECT_TRUE(repo_->job_runs(oldest_runs_of(meter_id_), {}).empty());
}

TEST_F(ReadApi, BadReadRequestsAre422WithTheField) {
  add_profile();
  auto r = call("POST", meter_path("/read"), R"({"what":["registers","load_profile"]})");
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.body.at("errors").as_array()[0].at("field").as_string(), "what/1");
  r = call("POST", meter_path("/read"), R"({"what":["registers"],"extra":1})");
  EXPECT_EQ(r.status, 422);
  r = call("POST", meter_path("/read"), R"({"what":["registers"]})", kViewer);
  EXPECT_EQ(r.status, 403);
  r = call("POST", "/api/v1/meters/999/read", R"({"what":["registers"]})");
  EXPECT_EQ(r.status, 404);
}

TEST_F(ReadApi, PresetsAreWrittenReadBackStoredAndAudited) {
  add_profile();
  auto r = call("POST", meter_path("/presets"), R"({"values":[{"point":2,"value":777}]})");
  ASSERT_EQ(r.status, 200) << json::serialize(r.body);
  EXPECT_EQ(r.body.at("outcome").as_string(), "ok");
  const auto& back = r.body.at("read_back").as_array();
  ASSERT_EQ(back.size(), 1u);
  EXPECT_EQ(back[0].at("register_id").as_string(), "counter.2");
  EXPECT_DOUBLE_EQ(back[0].at("value").to_number<double>(), 777);
  EXPECT_EQ(slave_->holding[3], 777);
  auto audit = repo_->audit({}, {});
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].action, "meter.presets");
  EXPECT_EQ(audit[0].actor, "otto");
  EXPECT_NE(audit[0].detail_json.find("\"outcome\":\"ok\""), std::string::npos);
  auto regs = call("GET", meter_path("/registers"), "", kViewer);
  EXPECT_EQ(regs.body.at("items").as_array().size(), 1u);
}

TEST_F(ReadApi, DisabledPresetsAreRefusedAndStillAudited) {
  auto map = json::parse(kMap);
  map.as_object()["allow_register_presets"] = false;
  add_profile(json::serialize(map));
  auto r = call("POST", meter_path("/presets"), R"({"values":[{"point":"Wh del","value":1}]})");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body.at("outcome").as_string(), "refused");
  EXPECT_EQ(r.body.at("error").at("type").as_string(), "refused");
  EXPECT_TRUE(slave_->requests.empty());
  EXPECT_EQ(repo_->audit({}, {}).size(), 1u);
}

TEST_F(ReadApi, OutputsAreSwitchedAndReadBack) {
  add_profile();
  auto r = call("POST", meter_path("/outputs"), R"({"outputs":[{"output":"Ch3","on":true}]})");
  ASSERT_EQ(r.status, 200) << json::serialize(r.body);
  EXPECT_EQ(r.body.at("outcome").as_string(), "ok");
  const auto& back = r.body.at("read_back").as_array();
  ASSERT_EQ(back.size(), 1u);
  EXPECT_EQ(back[0].at("channel").as_int64(), 3);
  EXPECT_TRUE(back[0].at("on").as_bool());
  EXPECT_TRUE(slave_->coils[0]);
  EXPECT_EQ(repo_->audit({}, {})[0].action, "meter.outputs");
  r = call("POST", meter_path("/outputs"), R"({"outputs":[{"output":"Ch3","on":"yes"}]})");
  EXPECT_EQ(r.status, 422);
}

}  // namespace
}  // namespace jemhead::modbus
