// Issue 8, "Tests": a configuration push end to end against jemsim (real jemsim, real
// jemhead). A meter with a DLMS (manager) and a Modbus profile:
// - a version with changed sections is pushed with a clock set and a register preset: the
//   clock and the preset are applied and read back (compared with jemsim's truth), the
//   sections are not deliverable over DLMS/Modbus and stay pending, and the read-back of
//   identity and load-profile layout verifies against what jemsim reports;
// - a version whose readable part differs from the meter reports a mismatch, and a manual
//   read-back finds drift and raises a CONFIG_DRIFT alarm;
// - a MID meter refuses the locked sections (refused_mid) and presets, and jemsim itself
//   refuses a preset the head-end was not told to withhold;
// - two pushes to one meter run one after the other.
// Simulated time is frozen (time_factor 0), so jemsim's truth is what its meters serve.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "core/config/config_readback.hpp"
#include "core/config/display_registers_rules.hpp"
#include "core/config/meter_configuration.hpp"
#include "core/time.hpp"
#include "tests/integration/dlms/dlms_connection.hpp"
#include "tests/integration/support/daemons.hpp"
#include "tests/integration/support/meter_api.hpp"

namespace jemhead::testing {
namespace {

namespace json = boost::json;

const std::string kPlain = "63000001";
const std::string kMid = "63000002";

// Nominal 120 V / 5 A secondary with PT 120 and CT 120: jemsim reports CT 600:5 and
// VT 14400:120. Profile 1 only (its 16 default channels, 15 minutes).
const char* kFleet = R"(seed: 8
time_factor: 0
start_time: "2026-03-01T00:00:00Z"
control: { listen: "127.0.0.1:0" }
meters:
  nominal_voltage: 120
  nominal_current: 5
  pt_ratio: 120
  ct_ratio: 120
  dlms:
    tcp: { listen: "127.0.0.1:0" }
    passwords: { manager: "manage-pw" }
  modbus:
    tcp: { listen: "127.0.0.1:0" }
    allow_register_presets: true
    allow_output_control: true
  load_profile:
    profile1: { interval_minutes: 15 }
    profile2: { channels: [] }
  list:
    - serial: "63000001"
    - serial: "63000002"
      mid: true
)";

std::string meter_path(std::int64_t id, const std::string& rest) {
  std::string p = "/api/v1/meters/";
  p += std::to_string(id);
  p += rest;
  return p;
}

struct Rig {
  TempDir dir;
  Jemsim sim{dir, kFleet};
  Jemhead head{dir, daemon_config(dir)};

  json::object dlms_connection(const std::string& serial) {
    return dlms_tcp_connection(dlms_tcp_endpoint(sim_truth(sim, serial, "dlms")),
                               {{"client", "manager"}, {"password", "manage-pw"}},
                               {"ethernet-dlms", true, 0, 5000});
  }

  json::object modbus_connection(const std::string& serial) {
    const auto truth = sim_truth(sim, serial, "modbus");
    auto map = truth.at("map").as_object();
    map["allow_register_presets"] = true;
    map["allow_output_control"] = true;
    const std::string tcp(truth.at("endpoints").at("tcp").as_string());
    const auto colon = tcp.rfind(':');
    return {{"name", "modbus-tcp"},
            {"protocol", "modbus"},
            {"transport", "tcp"},
            {"is_default", false},
            {"host", tcp.substr(0, colon)},
            {"port", std::stoi(tcp.substr(colon + 1))},
            {"address", truth.at("endpoints").at("unit_id").as_int64()},
            {"retries", 1},
            {"retry_delay_s", 0},
            {"timeout_ms", 2000},
            {"options", json::object{{"map", map}}}};
  }

  std::int64_t add_meter(const std::string& serial, bool mid) {
    auto r =
        head.call("POST", "/api/v1/meters",
                  json::serialize(json::object{{"serial", serial}, {"name", serial}, {"mid", mid}}),
                  kOperatorToken);
    EXPECT_EQ(r.status, 201) << r.body;
    const auto id = r.json().at("id").as_int64();
    for (const auto& c : {dlms_connection(serial), modbus_connection(serial)}) {
      r = head.call("POST", meter_path(id, "/connections"), json::serialize(c), kOperatorToken);
      EXPECT_EQ(r.status, 201) << r.body;
    }
    return id;
  }

  // A new configuration version of the meter; returns its number.
  std::int64_t put_version(std::int64_t id, const config::MeterConfiguration& c) {
    const json::object body{{"document", config::to_json(c)}, {"reason", "push test"}};
    auto r = head.call("PUT", meter_path(id, "/config"), json::serialize(body), kOperatorToken);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().at("version").as_int64();
  }

  json::object readback(std::int64_t id) {
    auto r = head.call("POST", meter_path(id, "/config/readback"), "", kOperatorToken);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().as_object();
  }

  json::object push(std::int64_t id, const json::object& body, int status = 202) {
    auto r =
        head.call("POST", meter_path(id, "/config/push"), json::serialize(body), kOperatorToken);
    EXPECT_EQ(r.status, status) << r.body;
    return r.json().as_object();
  }

  // Waits until the push is no longer queued or running.
  json::object finished(std::int64_t push_id) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    json::object p;
    while (std::chrono::steady_clock::now() < deadline) {
      auto r =
          head.call("GET", "/api/v1/config-pushes/" + std::to_string(push_id), "", kViewerToken);
      EXPECT_EQ(r.status, 200) << r.body;
      p = r.json().as_object();
      const auto status = p.at("status").as_string();
      if (status != "queued" && status != "running") return p;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ADD_FAILURE() << "push " << push_id << " did not finish: " << json::serialize(p);
    return p;
  }
};

json::object sim_clock(const Jemsim& sim, const std::string& serial) {
  auto r = sim.call("GET", "/meters/" + serial + "/clock");
  EXPECT_EQ(r.status, 200) << r.body;
  return r.json().as_object();
}

// The readable part of the meter as a document: the first read-back's observations
// merged into the factory defaults.
config::MeterConfiguration meter_document(const json::object& readback) {
  config::ObservedConfiguration o;
  const auto& observed = readback.at("observed").as_object();
  for (const auto& item : observed.at("items").as_array())
    o.items.push_back({std::string(item.at("path").as_string()), item.at("value"),
                       std::string(item.at("source").as_string())});
  for (const auto& [profile, count] : observed.at("load_profile_channels").as_object())
    o.lp_channel_counts.emplace_back(std::stoi(std::string(profile)),
                                     count.to_number<std::size_t>());
  return config::merge_observed(config::MeterConfiguration{}, o);
}

// section -> outcome of a push's results.
std::map<std::string, std::string> outcomes(const json::object& push) {
  std::map<std::string, std::string> out;
  for (const auto& r : push.at("results").as_array())
    out[std::string(r.at("section").as_string())] = std::string(r.at("outcome").as_string());
  return out;
}

std::vector<std::string> strings(const json::value& v) {
  std::vector<std::string> out;
  for (const auto& s : v.as_array()) out.emplace_back(s.as_string());
  return out;
}

const json::value* observed_value(const json::object& readback, const std::string& path) {
  for (const auto& item : readback.at("observed").at("items").as_array())
    if (item.at("path").as_string() == path) return &item.at("value");
  return nullptr;
}

TEST(ConfigPushEndToEnd, ReadBackReportsWhatJemsimServes) {
  Rig rig;
  const auto id = rig.add_meter(kPlain, false);
  const auto rb = rig.readback(id);
  EXPECT_TRUE(rb.at("compared_version").is_null()) << "no version yet";
  EXPECT_FALSE(rb.at("drift").as_bool());
  auto sim_meter = rig.sim.call("GET", "/meters/" + kPlain);
  ASSERT_EQ(sim_meter.status, 200) << sim_meter.body;
  const auto identity = sim_meter.json().as_object();
  EXPECT_EQ(rb.at("observed").at("serial"), json::value(kPlain));
  ASSERT_NE(observed_value(rb, "hardware.firmware_version"), nullptr) << json::serialize(rb);
  EXPECT_EQ(*observed_value(rb, "hardware.firmware_version"),
            identity.at("firmware").at("register"));
  EXPECT_EQ(observed_value(rb, "primary.ct_primary")->to_number<double>(), 600.0);
  EXPECT_EQ(observed_value(rb, "primary.ct_secondary")->to_number<double>(), 5.0);
  EXPECT_EQ(observed_value(rb, "primary.vt_primary")->to_number<double>(), 14400.0);
  EXPECT_EQ(observed_value(rb, "primary.vt_secondary")->to_number<double>(), 120.0);
  EXPECT_EQ(observed_value(rb, "load_profile.profiles[0].interval_minutes")->to_number<int>(), 15);
  // jemsim's profile 1 has its 16 default channels; the first is Wh delivered, polyphase.
  EXPECT_EQ(rb.at("observed").at("load_profile_channels").at("1").to_number<int>(), 16);
  EXPECT_EQ(*observed_value(rb, "load_profile.profiles[0].channels[0].quantity"),
            json::value("watt_hours"));
  EXPECT_EQ(*observed_value(rb, "load_profile.profiles[0].channels[0].phase"),
            json::value("polyphase"));
  EXPECT_EQ(*observed_value(rb, "load_profile.profiles[0].channels[0].direction"),
            json::value("delivered"));

  auto r = rig.head.call("GET", meter_path(id, "/config/readbacks"), "", kViewerToken);
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_EQ(r.json().at("items").as_array().size(), 1u);
  EXPECT_EQ(r.json().at("items").as_array()[0].at("trigger"), json::value("manual"));
}

TEST(ConfigPushEndToEnd, PushAppliesClockAndPresetsAndLeavesSectionsPending) {
  Rig rig;
  const auto id = rig.add_meter(kPlain, false);
  auto doc = meter_document(rig.readback(id));
  rig.put_version(id, doc);
  // Version 2 changes two sections no documented protocol writes, and nothing readable.
  doc.identification.fields[5].value = "SUBSTATION-9";
  doc.display.scroll_rate_seconds = doc.display.scroll_rate_seconds == 5 ? 6 : 5;
  const auto v2 = rig.put_version(id, doc);

  const auto clock_before = sim_clock(rig.sim, kPlain);
  auto push =
      rig.push(id, {{"version", v2},
                    {"confirm", true},
                    {"clock", true},
                    {"presets", json::array{json::object{{"point", 1}, {"value", 5000000}}}}});
  EXPECT_EQ(push.at("sections").as_array().size(), 2u) << json::serialize(push);
  push = rig.finished(push.at("id").as_int64());
  const auto out = outcomes(push);
  EXPECT_EQ(out.at("identification"), "not_deliverable") << json::serialize(push);
  EXPECT_EQ(out.at("display"), "not_deliverable");
  EXPECT_EQ(out.at("clock"), "verified") << json::serialize(push);
  EXPECT_EQ(out.at("presets"), "verified") << json::serialize(push);
  for (const char* s : {"read_back.hardware", "read_back.identification", "read_back.primary",
                        "read_back.load_profile", "read_back.serial"})
    EXPECT_EQ(out.at(s), "verified") << s << ": " << json::serialize(push);
  EXPECT_EQ(push.at("status"), json::value("partial"));
  auto pending = strings(push.at("pending_sections"));
  std::sort(pending.begin(), pending.end());
  EXPECT_EQ(pending, (std::vector<std::string>{"display", "identification"}));
  for (const auto& r : push.at("results").as_array()) {
    if (r.at("section") != json::value("identification")) continue;
    EXPECT_NE(std::string(r.at("detail").as_string())
                  .find("not deliverable over the configured protocols (dlms, modbus)"),
              std::string::npos)
        << r.at("detail");
  }

  // The meter's state, as jemsim knows it: the clock was set from 2026-03-01 to now, and
  // counter 1 (kWh) holds what was written.
  const auto clock_after = sim_clock(rig.sim, kPlain);
  const auto meter_time = parse_iso8601(std::string(clock_after.at("meter_time").as_string()));
  ASSERT_TRUE(meter_time);
  EXPECT_LT(std::llabs(to_unix_micros(*meter_time) - to_unix_micros(utc_now())), 30'000'000)
      << "before: " << clock_before.at("meter_time") << " after: " << clock_after.at("meter_time");
  const auto modbus = sim_truth(rig.sim, kPlain, "modbus");
  ASSERT_EQ(modbus.at("presets").as_array().size(), 1u);
  EXPECT_EQ(modbus.at("presets").as_array()[0].at("point").as_int64(), 1);
  EXPECT_EQ(modbus.at("points").at("counters").as_array()[0].at("value").to_number<double>(),
            5000000);

  // The push's read-back is stored too, compared with version 2.
  auto r = rig.head.call("GET", meter_path(id, "/config/readbacks"), "", kViewerToken);
  ASSERT_EQ(r.status, 200) << r.body;
  const auto readbacks = r.json();
  const auto& newest = readbacks.at("items").as_array()[0];
  EXPECT_EQ(newest.at("trigger"), json::value("push"));
  EXPECT_EQ(newest.at("compared_version").as_int64(), v2);
  EXPECT_FALSE(newest.at("drift").as_bool()) << json::serialize(newest);
}

TEST(ConfigPushEndToEnd, AStoredVersionThatDiffersIsAMismatchAndDrift) {
  Rig rig;
  const auto id = rig.add_meter(kPlain, false);
  auto doc = meter_document(rig.readback(id));
  rig.put_version(id, doc);
  doc.primary.ct_primary = 800;  // the meter says 600
  const auto v2 = rig.put_version(id, doc);

  // A primary-scaling change re-initialises data: refused without confirmation.
  auto refused = rig.push(id, {{"version", v2}, {"sections", json::array{"primary"}}});
  EXPECT_EQ(refused.at("status"), json::value("refused")) << json::serialize(refused);
  EXPECT_TRUE(refused.at("results").as_array().empty());

  auto push =
      rig.push(id, {{"version", v2}, {"sections", json::array{"primary"}}, {"confirm", true}});
  push = rig.finished(push.at("id").as_int64());
  const auto out = outcomes(push);
  EXPECT_EQ(out.at("primary"), "not_deliverable");
  EXPECT_EQ(out.at("read_back.primary"), "mismatch") << json::serialize(push);
  EXPECT_EQ(out.at("read_back.load_profile"), "verified");
  EXPECT_EQ(push.at("status"), json::value("failed")) << "nothing was delivered";

  const auto rb = rig.readback(id);
  EXPECT_TRUE(rb.at("drift").as_bool());
  EXPECT_EQ(rb.at("compared_version").as_int64(), v2);
  const auto& diffs = rb.at("differences").as_array();
  ASSERT_EQ(diffs.size(), 1u) << json::serialize(rb);
  EXPECT_EQ(diffs[0].at("path"), json::value("primary.ct_primary"));
  EXPECT_EQ(diffs[0].at("stored").to_number<double>(), 800.0);
  EXPECT_EQ(diffs[0].at("observed").to_number<double>(), 600.0);

  // The drift alarm is listed with the meter's alarms.
  auto r = rig.head.call("GET", "/api/v1/alarms?meter=" + std::to_string(id), "", kViewerToken);
  ASSERT_EQ(r.status, 200) << r.body;
  const auto listed = r.json();
  const auto& alarms = listed.at("items").as_array();
  ASSERT_FALSE(alarms.empty()) << r.body;
  EXPECT_NE(json::serialize(alarms[0]).find("CONFIG_DRIFT"), std::string::npos) << r.body;
}

TEST(ConfigPushEndToEnd, MidMeterRefusesLockedSectionsAndPresets) {
  Rig rig;
  const auto id = rig.add_meter(kMid, true);
  auto doc = meter_document(rig.readback(id));
  doc.hardware.mid = true;
  // A MID meter's lists hold its fixed billing registers (L2364-L2394).
  const auto normal = config::mid_normal_registers();
  const auto alternate = config::mid_alternate_registers();
  doc.display_registers.normal.assign(normal.begin(), normal.end());
  doc.display_registers.alternate.assign(alternate.begin(), alternate.end());
  // IDs in each list's range, at most four registers per screen.
  for (std::size_t i = 0; i < doc.display_registers.normal.size(); ++i) {
    doc.display_registers.normal[i].id = static_cast<int>(i);
    doc.display_registers.normal[i].screen = static_cast<int>(1 + i / 4);
  }
  for (std::size_t i = 0; i < doc.display_registers.alternate.size(); ++i) {
    doc.display_registers.alternate[i].id = static_cast<int>(100 + i);
    doc.display_registers.alternate[i].screen = static_cast<int>(1 + i / 4);
  }
  rig.put_version(id, doc);
  doc.demands.thermal_time_minutes = 30;            // locked on MID meters
  doc.identification.fields[6].value = "MID-LINE";  // allowed with the key installed
  const auto v2 = rig.put_version(id, doc);
  auto push = rig.push(id, {{"version", v2},
                            {"confirm", true},
                            {"presets", json::array{json::object{{"point", 1}, {"value", 1000}}}}});
  push = rig.finished(push.at("id").as_int64());
  const auto out = outcomes(push);
  EXPECT_EQ(out.at("demands"), "refused_mid") << json::serialize(push);
  EXPECT_EQ(out.at("identification"), "not_deliverable");
  EXPECT_EQ(out.at("presets"), "refused_mid");
  auto modbus = sim_truth(rig.sim, kMid, "modbus");
  EXPECT_TRUE(modbus.at("presets").as_array().empty());
  EXPECT_EQ(modbus.at("stats").at("presets_refused_mid").as_int64(), 0)
      << "the head-end withheld the preset";

  // A meter record and version that do not say MID: the preset goes out and the meter
  // itself refuses it.
  auto r = rig.head.call("PATCH", meter_path(id, ""), R"({"mid":false})", kOperatorToken);
  ASSERT_EQ(r.status, 200) << r.body;
  doc.hardware.mid = false;
  const auto v3 = rig.put_version(id, doc);
  push = rig.push(id, {{"version", v3},
                       {"sections", json::array{}},
                       {"presets", json::array{json::object{{"point", 1}, {"value", 1000}}}}});
  push = rig.finished(push.at("id").as_int64());
  EXPECT_EQ(outcomes(push).at("presets"), "refused_by_meter") << json::serialize(push);
  modbus = sim_truth(rig.sim, kMid, "modbus");
  EXPECT_TRUE(modbus.at("presets").as_array().empty());
  EXPECT_EQ(modbus.at("stats").at("presets_refused_mid").as_int64(), 1);
}

TEST(ConfigPushEndToEnd, PushesToOneMeterRunOneAfterTheOther) {
  Rig rig;
  const auto id = rig.add_meter(kPlain, false);
  rig.put_version(id, meter_document(rig.readback(id)));
  const json::object body{{"sections", json::array{}}, {"clock", true}};
  const auto first = rig.push(id, body);
  const auto second = rig.push(id, body);
  const auto a = rig.finished(first.at("id").as_int64());
  const auto b = rig.finished(second.at("id").as_int64());
  EXPECT_EQ(outcomes(a).at("clock"), "verified") << json::serialize(a);
  EXPECT_EQ(outcomes(b).at("clock"), "verified") << json::serialize(b);
  const auto a_end = parse_iso8601(std::string(a.at("finished_at").as_string()));
  const auto b_start = parse_iso8601(std::string(b.at("started_at").as_string()));
  ASSERT_TRUE(a_end && b_start);
  EXPECT_LE(to_unix_micros(*a_end), to_unix_micros(*b_start))
      << "first " << a.at("started_at") << ".." << a.at("finished_at") << ", second "
      << b.at("started_at") << ".." << b.at("finished_at");
}

TEST(ConfigPushEndToEnd, OperationsNoProfileCanDoAreRefusedUpFront) {
  Rig rig;
  auto r = rig.head.call("POST", "/api/v1/meters",
                         json::serialize(json::object{{"serial", kPlain}, {"name", kPlain}}),
                         kOperatorToken);
  ASSERT_EQ(r.status, 201) << r.body;
  const auto id = r.json().at("id").as_int64();
  r = rig.head.call("POST", meter_path(id, "/connections"),
                    json::serialize(rig.dlms_connection(kPlain)), kOperatorToken);
  ASSERT_EQ(r.status, 201) << r.body;
  rig.put_version(id, meter_document(rig.readback(id)));
  // Presets need Modbus; the meter has only DLMS.
  const auto refused =
      rig.push(id, {{"presets", json::array{json::object{{"point", 1}, {"value", 1}}}}}, 409);
  EXPECT_NE(json::serialize(refused).find("write_presets"), std::string::npos)
      << json::serialize(refused);
  // An unknown section and hardware are validation problems.
  const auto invalid = rig.push(id, {{"sections", json::array{"hardware", "nonsense"}}}, 422);
  EXPECT_EQ(invalid.at("errors").as_array().size(), 2u) << json::serialize(invalid);
}

}  // namespace
}  // namespace jemhead::testing
