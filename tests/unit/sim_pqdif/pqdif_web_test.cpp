// The meter's web server routes (sim/pqdif/web_routes.*, web_auth.*) and the fleet keys
// (sim/pqdif/fleet_keys.*).
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "sim/fleet_file.hpp"
#include "sim/pqdif/web_auth.hpp"
#include "sim/pqdif/web_routes.hpp"
#include "tests/unit/sim_pqdif/pqdif_test_meter.hpp"

namespace jemhead::sim::testing {
namespace {

net::HttpRequest get(const std::string& path, const std::string& auth = {}) {
  net::HttpRequest r;
  r.method = "GET";
  r.path = path;
  r.target = path;
  if (!auth.empty()) r.headers["authorization"] = auth;
  return r;
}

// "Basic " + base64("pq:pq") and ("viewer:viewer").
const std::string kPq = "Basic cHE6cHE=";
const std::string kViewer = "Basic dmlld2VyOnZpZXdlcg==";

TEST(SimPqdifWeb, Base64AndBasicCredentials) {
  const WebServerSpec spec;
  ASSERT_NE(authenticate(spec, kPq), nullptr);
  EXPECT_EQ(authenticate(spec, kPq)->name, "pq");
  EXPECT_EQ(authenticate(spec, "basic cHE6cHE=")->name, "pq");  // scheme is case-insensitive
  EXPECT_EQ(authenticate(spec, "Basic cHE6eHg="), nullptr);     // pq:xx
  EXPECT_EQ(authenticate(spec, "Bearer cHE6cHE="), nullptr);
  EXPECT_EQ(authenticate(spec, "Basic cHE6cHE")->name, "pq");  // padding optional
  EXPECT_EQ(authenticate(spec, "Basic c*E6cHE="), nullptr);    // not base64
}

TEST(SimPqdifWeb, ListingNeedsAUserWithReadPowerQuality) {
  PqMeter m(PqdifSpec{});
  const WebServerSpec spec;
  const UtcTime now = days_after_start(2);
  auto none = web_request(get("/pqdif"), spec, m.recorder.get(), now);
  EXPECT_EQ(none.status, 401);
  ASSERT_EQ(none.headers.size(), 1u);
  EXPECT_EQ(none.headers[0].first, "WWW-Authenticate");
  EXPECT_EQ(web_request(get("/pqdif", "Basic cHE6eHg="), spec, m.recorder.get(), now).status, 401);
  EXPECT_EQ(web_request(get("/pqdif", kViewer), spec, m.recorder.get(), now).status, 403);
  EXPECT_EQ(web_request(get("/pqdif/x.pqd", kViewer), spec, m.recorder.get(), now).status, 403);
  auto ok = web_request(get("/pqdif", kPq), spec, m.recorder.get(), now);
  EXPECT_EQ(ok.status, 200);
  EXPECT_EQ(ok.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(ok.body, pqdif_listing_html(m.recorder->list(now)));
  const auto files = m.recorder->list(now);
  ASSERT_EQ(files.size(), 2u);
  const std::string row = "<tr><td><a href=\"/pqdif/" + files[0].name + "\">" + files[0].name +
                          "</a></td><td>2026-01-02 00:00:00</td><td>" +
                          std::to_string(files[0].size) + "</td></tr>";
  EXPECT_NE(ok.body.find(row), std::string::npos) << ok.body;
}

TEST(SimPqdifWeb, JsonListingFileBytesAndDelete) {
  PqMeter m(PqdifSpec{});
  const WebServerSpec spec;
  const UtcTime now = days_after_start(1);
  auto req = get("/pqdif", kPq);
  req.query["format"] = "json";
  auto listing = web_request(req, spec, m.recorder.get(), now);
  ASSERT_EQ(listing.status, 200);
  const auto doc = boost::json::parse(listing.body);
  const auto& files = doc.at("files").as_array();
  ASSERT_EQ(files.size(), 1u);
  const std::string name(files[0].at("name").as_string());
  EXPECT_EQ(files[0].at("modified").as_string(), "2026-01-02T00:00:00.000000Z");
  auto file = web_request(get("/pqdif/" + name, kPq), spec, m.recorder.get(), now);
  ASSERT_EQ(file.status, 200);
  EXPECT_EQ(file.content_type, "application/octet-stream");
  EXPECT_EQ(file.body, *m.recorder->bytes(name, now));
  EXPECT_EQ(static_cast<std::int64_t>(file.body.size()), files[0].at("size").as_int64());
  EXPECT_EQ(web_request(get("/pqdif/nope.pqd", kPq), spec, m.recorder.get(), now).status, 404);
  auto del = get("/pqdif/" + name, kPq);
  del.method = "DELETE";
  EXPECT_EQ(web_request(del, spec, m.recorder.get(), now).status, 204);
  EXPECT_EQ(web_request(del, spec, m.recorder.get(), now).status, 404);
  auto post = get("/pqdif", kPq);
  post.method = "POST";
  EXPECT_EQ(web_request(post, spec, m.recorder.get(), now).status, 405);
  EXPECT_EQ(web_request(get("/other", kPq), spec, m.recorder.get(), now).status, 404);
  EXPECT_EQ(web_request(get("/pqdif", kPq), spec, nullptr, now).status, 404);  // no recorder
}

TEST(SimPqdifFleetKeys, PqdifAndWebKeysAreReadAndInherited) {
  const auto fleet = parse_fleet(R"(seed: 3
meters:
  count: 1
  pqdif: { mode: single, compressed: false, events_per_day: 9,
           waveform: { samples_per_cycle: 128, max_cycles: 240, pre_cycles: 10, post_cycles: 10 },
           hsrms: { enabled: false },
           measurement_log: { interval_minutes: 1440, record_minutes: 15, channels: [volts_a, pf_total] } }
  web: { listen: "127.0.0.1:0", users: [{ name: reader, password: s3cret, read_power_quality: true }] }
  list:
    - serial: "A1"
      pqdif: { mode: multiple }
)",
                                 "fleet.yaml");
  ASSERT_EQ(fleet.meters.size(), 2u);
  const auto& a = *fleet.meters[0].pqdif;
  EXPECT_EQ(a.mode, PqdifFileMode::single);
  EXPECT_FALSE(a.compressed);
  EXPECT_EQ(a.events_per_day, 9u);
  EXPECT_EQ(a.waveform_samples_per_cycle, 128u);
  EXPECT_EQ(a.waveform.max_cycles, 240u);
  EXPECT_FALSE(a.hsrms.enabled);
  EXPECT_EQ(a.ml_interval_minutes, 1440u);
  EXPECT_EQ(a.ml_record_minutes, 15u);
  EXPECT_EQ(a.ml_channels, (std::vector<std::string>{"volts_a", "pf_total"}));
  const auto& b = *fleet.meters[1].pqdif;  // inherits, overrides the mode
  EXPECT_EQ(b.mode, PqdifFileMode::multiple);
  EXPECT_EQ(b.events_per_day, 9u);
  ASSERT_TRUE(fleet.meters[1].web);
  ASSERT_EQ(fleet.meters[1].web->users.size(), 1u);
  EXPECT_EQ(fleet.meters[1].web->users[0].name, "reader");
  EXPECT_TRUE(fleet.meters[1].web->users[0].read_power_quality);
}

TEST(SimPqdifFleetKeys, BadValuesNameTheKey) {
  auto fails = [](const std::string& yaml, const std::string& what) {
    try {
      parse_fleet(yaml, "fleet.yaml");
      ADD_FAILURE() << "accepted: " << yaml;
    } catch (const FleetError& e) {
      EXPECT_NE(std::string(e.what()).find(what), std::string::npos) << e.what();
    }
  };
  fails("meters: {count: 1, pqdif: {mode: sometimes}}", "meters.pqdif.mode");
  fails("meters: {count: 1, pqdif: {compresed: true}}", "meters.pqdif.compresed");
  fails("meters: {count: 1, pqdif: {waveform: {samples_per_cycle: 64}}}", "samples_per_cycle");
  fails("meters: {count: 1, pqdif: {measurement_log: {channels: [volts_x]}}}", "channels");
  fails("meters: {count: 1, pqdif: {measurement_log: {interval_minutes: 5}}}", "interval_minutes");
  fails("meters: {count: 1, web: {listen: \"10.0.0.1:80\"}}", "meters.web.listen");
  fails("meters: {count: 1, web: {users: [{name: a}]}}", "password");
}

}  // namespace
}  // namespace jemhead::sim::testing
