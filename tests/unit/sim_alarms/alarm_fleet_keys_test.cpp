// The fleet file's `alarms:` key (sim/alarms/alarm_fleet_keys.*): defaults, inheritance
// from `meters:`, and the errors a bad section gets.
#include "sim/alarms/alarm_fleet_keys.hpp"

#include <gtest/gtest.h>

#include "sim/fleet_file.hpp"

namespace jemhead::sim {
namespace {

FleetSpec parse(const std::string& meter_keys) {
  return parse_fleet("meters:\n  list:\n    - { serial: \"A1\", " + meter_keys + " }\n",
                     "fleet.yaml");
}

std::string error_of(const std::string& meter_keys) {
  try {
    parse(meter_keys);
  } catch (const FleetError& e) {
    return e.what();
  }
  return "no error";
}

TEST(SimAlarmKeys, WebAndMailSettingsAreRead) {
  const auto fleet = parse(
      "alarms: { events: [SS, PQD], owner: OPCO, web: { url: \"https://127.0.0.1:8443/in\", "
      "timeout_s: 7, style: sample, user: m, password: p, certificate: mandatory, ca_file: "
      "/ca.pem }, mail: { server: 127.0.0.1, port: 2525, from: meter@x.org, to: [a@x.org, "
      "b@x.org], frequency_min: 15, starttls: try, username: u, password: w, attach_pqdif: "
      "false } }");
  const auto& a = fleet.meters.at(0).alarms;
  ASSERT_TRUE(a);
  EXPECT_EQ(a->events, (std::vector<std::string>{"SS", "PQD"}));
  EXPECT_TRUE(a->enabled("PQD"));
  EXPECT_FALSE(a->enabled("BAT"));
  EXPECT_EQ(a->owner, "OPCO");
  ASSERT_TRUE(a->web);
  EXPECT_EQ(a->web->url, "https://127.0.0.1:8443/in");
  EXPECT_EQ(a->web->timeout_s, 7);
  EXPECT_EQ(a->web->style, AlarmJsonStyle::sample);
  EXPECT_EQ(a->web->certificate, CertificateMode::mandatory);
  EXPECT_EQ(a->web->ca_file, "/ca.pem");
  EXPECT_EQ(a->web->user, "m");
  ASSERT_TRUE(a->mail);
  EXPECT_EQ(a->mail->port, 2525);
  EXPECT_EQ(a->mail->to, (std::vector<std::string>{"a@x.org", "b@x.org"}));
  EXPECT_EQ(a->mail->frequency_min, 15);
  EXPECT_EQ(a->mail->starttls, StartTls::try_);
  EXPECT_FALSE(a->mail->attach_pqdif);
}

TEST(SimAlarmKeys, DefaultsFollowTheManual) {
  const auto fleet = parse("alarms: { mail: { from: m@x.org, to: o@x.org } }");
  const auto& a = fleet.meters.at(0).alarms;
  ASSERT_TRUE(a && a->mail);
  EXPECT_FALSE(a->web);
  EXPECT_EQ(a->mail->port, 25);  // L8625
  EXPECT_EQ(a->mail->frequency_min, 0);
  EXPECT_EQ(a->events.size(), 8u);
  EXPECT_EQ(a->source, "JEMStarII");
}

TEST(SimAlarmKeys, MeterKeysApplyOverTheFleetDefault) {
  const auto fleet = parse_fleet(R"(meters:
  alarms: { web: { url: "http://127.0.0.1:1/a", timeout_s: 9 } }
  list:
    - { serial: "A1" }
    - { serial: "A2", alarms: { web: { style: sample } } }
    - { serial: "A3", alarms: { enabled: false } }
)",
                                 "fleet.yaml");
  ASSERT_TRUE(fleet.meters.at(0).alarms);
  EXPECT_EQ(fleet.meters.at(0).alarms->web->style, AlarmJsonStyle::documented);
  ASSERT_TRUE(fleet.meters.at(1).alarms);
  EXPECT_EQ(fleet.meters.at(1).alarms->web->style, AlarmJsonStyle::sample);
  EXPECT_EQ(fleet.meters.at(1).alarms->web->timeout_s, 9);
  EXPECT_EQ(fleet.meters.at(1).alarms->web->url, "http://127.0.0.1:1/a");
  EXPECT_FALSE(fleet.meters.at(2).alarms);
}

TEST(SimAlarmKeys, BadSettingsAreRefusedWithTheirPath) {
  EXPECT_NE(error_of("alarms: { web: { url: \"http://h/\", timeout_s: 0 } }")
                .find("meters.list[0].alarms.web.timeout_s"),
            std::string::npos);
  EXPECT_NE(error_of("alarms: { web: { url: \"http://h/\", timeout_s: 301 } }").find("timeout_s"),
            std::string::npos);
  EXPECT_NE(error_of("alarms: { web: { timeout_s: 5 } }").find("url"), std::string::npos);
  EXPECT_NE(error_of("alarms: { web: { url: \"ftp://h/\" } }").find("url"), std::string::npos);
  EXPECT_NE(error_of("alarms: { web: { url: \"http://h/\", style: fancy } }").find("style"),
            std::string::npos);
  EXPECT_NE(
      error_of("alarms: { web: { url: \"http://h/\", certificate: maybe } }").find("certificate"),
      std::string::npos);
  EXPECT_NE(
      error_of("alarms: { web: { url: \"http://h/\", client_cert: /c.pem } }").find("client_key"),
      std::string::npos);
  EXPECT_NE(error_of("alarms: { mail: { from: m@x.org, to: [a@x, b@x, c@x, d@x, e@x, f@x, g@x, "
                     "h@x, i@x] } }")
                .find("1 to 8"),
            std::string::npos);
  EXPECT_NE(error_of("alarms: { mail: { from: m@x.org, to: o@x.org, frequency_min: 61 } }")
                .find("frequency_min"),
            std::string::npos);
  EXPECT_NE(error_of("alarms: { mail: { from: nobody, to: o@x.org } }").find("from"),
            std::string::npos);
  EXPECT_NE(error_of("alarms: { mail: { from: m@x.org, to: o@x.org, starttls: always } }")
                .find("starttls"),
            std::string::npos);
  EXPECT_NE(
      error_of("alarms: { events: [SS, XX], mail: { from: m@x.org, to: o@x.org } }").find("events"),
      std::string::npos);
  EXPECT_NE(error_of("alarms: { events: [SS, SS], mail: { from: m@x.org, to: o@x.org } }")
                .find("duplicate"),
            std::string::npos);
  EXPECT_NE(error_of("alarms: { owner: X }").find("web: or a mail:"), std::string::npos);
  EXPECT_NE(error_of("alarms: { web: { url: \"http://h/\", colour: red } }").find("colour"),
            std::string::npos);
}

}  // namespace
}  // namespace jemhead::sim
