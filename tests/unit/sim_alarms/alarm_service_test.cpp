// The alarm service with a simulated meter's PQ recorder (sim/alarms/alarm_service.*):
// every trigger raises OU/SS/PQ and RE when it ends, every new PQDIF file a PQD alarm with
// the file (EventTime = the name's time); and the control routes (trigger, burst, truth).
#include "sim/alarms/alarm_service.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <mutex>

#include "core/alarm/alarm_json.hpp"
#include "core/digest/sha256.hpp"
#include "core/pqdif_file_name.hpp"
#include "sim/alarms/alarm_control_api.hpp"
#include "sim/alarms/alarm_targets.hpp"
#include "sim/fleet.hpp"
#include "sim/pqdif/pqdif_service.hpp"

namespace jemhead::sim {
namespace {

// Senders that keep what they were given instead of using the network.
struct Recorded {
  std::mutex mutex;
  std::vector<WebAlarmPost> posts;  // file_bytes copied into `files`
  std::vector<std::string> files;
  std::size_t mails = 0;
  AlarmSenders senders() {
    AlarmSenders s;
    s.web = [this](const WebAlarmSpec&, const WebAlarmPost& p) {
      std::lock_guard lock(mutex);
      posts.push_back(p);
      files.push_back(p.file_bytes ? *p.file_bytes : std::string{});
      posts.back().file_bytes = nullptr;
      WebAlarmResult r;
      r.sent = true;
      r.http_status = 200;
      return r;
    };
    s.mail = [this](const MailAlarmSpec&, const std::string&, const std::vector<MailAlarmItem>&,
                    UtcTime) {
      std::lock_guard lock(mutex);
      ++mails;
      return MailAlarmResult{false, "550 refused"};
    };
    return s;
  }
};

class SimAlarmService : public ::testing::Test {
 protected:
  SimAlarmService()
      : spec_(parse_fleet(R"(seed: 11
time_factor: 0
start_time: "2026-01-01T00:00:00Z"
meters:
  list:
    - serial: "P1"
      pqdif: { mode: single, events_per_day: 6, measurement_log: { interval_minutes: 0 } }
      alarms:
        web: { url: "http://127.0.0.1:9/in", style: sample }
        mail: { from: m@x.org, to: o@x.org, frequency_min: 0 }
    - serial: "Q1"
      alarms: { events: [BAT], web: { url: "http://127.0.0.1:9/in" } }
    - serial: "N1"
)",
                          "fleet.yaml")),
        fleet_(spec_, *parse_iso8601("2026-01-01T00:00:00Z"), RealClock::now()),
        pqdif_(fleet_),
        service_(alarm_targets(fleet_, pqdif_), recorded_.senders()),
        api_(service_) {}

  void advance(std::int64_t seconds) {
    for (const auto& m : fleet_.meters()) m->advance(Micros{seconds * 1'000'000}, RealClock::now());
  }
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

  FleetSpec spec_;
  Fleet fleet_;
  PqdifService pqdif_;
  Recorded recorded_;
  AlarmService service_;
  AlarmControlApi api_;
};

TEST_F(SimAlarmService, TriggersAndFilesRaiseTheirAlarms) {
  EXPECT_TRUE(service_.notifies("P1"));
  EXPECT_FALSE(service_.notifies("N1"));
  advance(86400);
  service_.run_sources_once();
  service_.run_web_once();
  const UtcTime start = *parse_iso8601("2026-01-01T00:00:00Z");
  const auto triggers = pqdif_.recorder("P1")->triggers(start, start + Micros{86'400'000'000});
  ASSERT_EQ(triggers.size(), 6u);
  const auto alarms = service_.log().list("P1");
  std::size_t starts = 0, restored = 0, files = 0;
  for (const auto& a : alarms) {
    const std::string& t = a.event.event_type_text;
    ASSERT_TRUE(a.web && a.mail);
    EXPECT_EQ(a.web->state, DeliveryState::sent) << a.id;
    EXPECT_EQ(a.mail->state, DeliveryState::failed);
    EXPECT_EQ(a.mail->error, "550 refused");
    const AlarmEvent decoded = decode_alarm_json(a.web->json);
    ASSERT_TRUE(decoded.event_time);
    EXPECT_EQ(*decoded.event_time, *a.event.event_time);
    if (t == "OU" || t == "SS" || t == "PQ") {
      bool matched = false;
      for (const auto& e : triggers) matched = matched || e.trigger == *a.event.event_time;
      EXPECT_TRUE(matched) << t << " at " << format_iso8601(*a.event.event_time);
      ++starts;
    } else if (t == "RE") {
      ++restored;
    } else {
      ASSERT_EQ(t, "PQD");
      ++files;
      const auto name = parse_pqdif_file_name(a.file_name);
      ASSERT_TRUE(name);
      EXPECT_EQ(name->time, *a.event.event_time);
      const auto bytes = pqdif_.recorder("P1")->bytes(a.file_name, pqdif_.now("P1"));
      ASSERT_TRUE(bytes);
      EXPECT_EQ(a.file_sha256, digest::sha256_hex(*bytes));
      EXPECT_EQ(a.web->content_type, "multipart/form-data");
      EXPECT_EQ(decoded.properties,
                (std::vector<std::pair<std::string, std::string>>{{"PQDIF file", ""}}));
    }
  }
  EXPECT_EQ(starts, 6u);
  EXPECT_EQ(restored, 6u);
  EXPECT_EQ(files, pqdif_.recorder("P1")->list(pqdif_.now("P1")).size());
  EXPECT_GE(files, 1u);
  // Every web alarm went out alone; each PQD one with its file's exact bytes.
  std::lock_guard lock(recorded_.mutex);
  ASSERT_EQ(recorded_.posts.size(), alarms.size());
  for (std::size_t i = 0; i < alarms.size(); ++i)
    if (!alarms[i].file_name.empty()) {
      EXPECT_EQ(recorded_.posts[i].file_name, alarms[i].file_name);
      EXPECT_EQ(digest::sha256_hex(recorded_.files[i]), alarms[i].file_sha256);
    }
  // Looking again raises nothing new.
  service_.run_sources_once();
  EXPECT_EQ(service_.log().list("P1").size(), alarms.size());
}

TEST_F(SimAlarmService, ForcedTriggersAreNotMissed) {
  const auto r = pqdif_.recorder("P1")->trigger(PqEventKind::interruption, pqdif_.now("P1"));
  advance(60);
  service_.run_sources_once();
  bool seen = false;
  for (const auto& a : service_.log().list("P1"))
    seen = seen || (a.event.event_type_text == "OU" && *a.event.event_time == r.trigger);
  EXPECT_TRUE(seen);
}

TEST_F(SimAlarmService, TriggerRouteRaisesOneAlarmAndTheTruthListsIt) {
  auto r = call("POST", "/meters/Q1/alarms/trigger",
                R"({"type":"BAT","properties":{"Internal Meter Battery":""}})");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto raised = boost::json::parse(r.body);
  EXPECT_EQ(raised.at("count").as_int64(), 1);
  EXPECT_EQ(raised.at("alarm").at("type").as_string(), "BAT");
  service_.run_web_once();
  r = call("GET", "/meters/Q1/alarms");
  ASSERT_EQ(r.status, 200);
  const auto doc = boost::json::parse(r.body);
  const auto& list = doc.at("alarms").as_array();
  ASSERT_EQ(list.size(), 1u);
  const auto& a = list[0].as_object();
  EXPECT_EQ(a.at("serial").as_string(), "Q1");
  EXPECT_EQ(a.at("event_time").as_string(), "2026-01-01T00:00:00.000000Z");
  EXPECT_EQ(a.at("event_time_us").as_int64(), 1'767'225'600'000'000);
  EXPECT_EQ(a.at("channels").as_array().size(), 1u);
  EXPECT_EQ(a.at("web").at("state").as_string(), "sent");
  EXPECT_EQ(a.at("web").at("http_status").as_int64(), 200);
  EXPECT_TRUE(a.at("mail").is_null());
  const AlarmEvent e = decode_alarm_json(std::string(a.at("json").as_string()));
  ASSERT_EQ(e.properties.size(), 1u);
  EXPECT_EQ(e.properties[0].first, "Internal Meter Battery");
  EXPECT_EQ(doc.at("settings").at("events").as_array().size(), 1u);
}

TEST_F(SimAlarmService, BurstRaisesDistinctIdentities) {
  const auto r = call("POST", "/meters/Q1/alarms/burst", R"({"count":50,"type":"BAT"})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(boost::json::parse(r.body).at("count").as_int64(), 50);
  const auto alarms = service_.log().list("Q1");
  ASSERT_EQ(alarms.size(), 50u);
  for (std::size_t i = 1; i < alarms.size(); ++i)
    EXPECT_EQ(*alarms[i].event.event_time - *alarms[i - 1].event.event_time, Micros{1});
  // A later trigger never reuses a burst's instant.
  ASSERT_EQ(call("POST", "/meters/Q1/alarms/trigger", R"({"type":"BAT"})").status, 200);
  EXPECT_GT(*service_.log().list("Q1").back().event.event_time, *alarms.back().event.event_time);
  const auto all = boost::json::parse(call("GET", "/alarms").body);
  EXPECT_EQ(all.at("alarms").as_array().size(), 51u);
}

TEST_F(SimAlarmService, RoutesRefuseWhatTheMeterWouldNotSend) {
  EXPECT_EQ(call("POST", "/meters/Q1/alarms/trigger", R"({"type":"CFG"})").status, 409);
  EXPECT_EQ(call("POST", "/meters/Q1/alarms/trigger", R"({"type":"XYZ"})").status, 400);
  EXPECT_EQ(call("POST", "/meters/Q1/alarms/trigger", R"({"count":2,"type":"BAT"})").status, 400);
  EXPECT_EQ(call("POST", "/meters/Q1/alarms/burst", R"({"type":"BAT"})").status, 400);
  EXPECT_EQ(call("POST", "/meters/Q1/alarms/burst", R"({"count":0,"type":"BAT"})").status, 400);
  EXPECT_EQ(call("POST", "/meters/P1/alarms/trigger", R"({"type":"PQD"})").status, 400);
  EXPECT_EQ(call("POST", "/meters/P1/alarms/trigger", R"({"type":"PQD","file":"x.pqd"})").status,
            404);
  EXPECT_EQ(call("POST", "/meters/N1/alarms/trigger", R"({"type":"BAT"})").status, 404);
  EXPECT_EQ(call("GET", "/meters/Q1/alarms/trigger").status, 405);
  EXPECT_EQ(call("DELETE", "/alarms").status, 405);
  net::HttpRequest other;
  other.method = "GET";
  other.path = "/meters/Q1/pqdif";
  EXPECT_FALSE(api_.handle(other).has_value());
  EXPECT_EQ(service_.log().size(), 0u);
}

}  // namespace
}  // namespace jemhead::sim
