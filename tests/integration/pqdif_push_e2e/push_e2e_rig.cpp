#include "tests/integration/pqdif_push_e2e/push_e2e_rig.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <thread>

namespace jemhead::testing::pqdif_push {

namespace json = boost::json;
using namespace std::chrono_literals;

namespace {

std::string text(const json::value& v) {
  return std::string(v.as_string());
}

std::int64_t meter_id(const Jemhead& head, const std::string& serial) {
  const auto r = head.call("GET", "/api/v1/meters?serial_prefix=" + serial, "", kViewerToken);
  EXPECT_EQ(r.status, 200) << r.body;
  const auto doc = r.json();
  for (const auto& m : doc.at("items").as_array())
    if (m.at("serial").as_string() == serial) return m.at("id").as_int64();
  ADD_FAILURE() << "jemhead has no meter " << serial;
  return 0;
}

// Every stored row of the meter, by file name (a name stored twice fails the test).
std::map<std::string, json::object> stored(const Jemhead& head, std::int64_t meter) {
  std::map<std::string, json::object> out;
  std::string after;
  for (;;) {
    std::string path = "/api/v1/pqdif?limit=1000&meter=";
    path += std::to_string(meter);
    path += after;
    const auto r = head.call("GET", path, "", kViewerToken);
    EXPECT_EQ(r.status, 200) << r.body;
    if (r.status != 200) return out;
    const auto body = r.json();
    for (const auto& item : body.at("items").as_array())
      EXPECT_TRUE(out.emplace(text(item.at("file_name")), item.as_object()).second)
          << item.at("file_name") << " is stored twice";
    if (body.at("next_after").is_null()) return out;
    after = "&after=" + std::to_string(body.at("next_after").as_int64());
  }
}

}  // namespace

std::string sim_fleet(const std::string& push, const std::string& extra_meters, bool rename) {
  std::string y =
      "seed: 11\n"
      "time_factor: 0\n"
      "start_time: \"2026-03-01T00:00:00Z\"\n"
      "meters:\n"
      "  pqdif: {events_per_day: 3, measurement_log: {interval_minutes: 360},\n"
      "          push: {";
  y += push;
  y += "}}\n"
       "  list:\n"
       "    - {serial: \"71000001\", pqdif: {mode: single}}\n"
       "    - {serial: \"71000002\", pqdif: {mode: multiple}}\n"
       "    - {serial: \"71000003\", pqdif: {mode: single, compressed: false,\n"
       "                                   push: {upload_then_rename: ";
  y += rename ? "true" : "false";
  y += "}}}\n";
  y += extra_meters;
  return y;
}

std::string head_config(const TempDir& dir, const std::string& drop, const std::string& source) {
  std::string extra = "fleet:\n  meters:\n";
  for (const auto& s : kSerials) {
    extra += "    - {serial: \"";
    extra += s;
    extra += "\", name: \"Pusher ";
    extra += s;
    extra += "\"}\n";
  }
  extra += "pqdif:\n  drop_settle_ms: 200\n  drop_directories:\n    - {path: ";
  extra += drop;
  extra += ", source: ";
  extra += source;
  extra += ", after_ingest: move}\n";
  return daemon_config(dir, extra);
}

void make_files(const Jemsim& sim) {
  auto r = sim.call("POST", "/advance", R"({"seconds": 172800})");
  ASSERT_EQ(r.status, 200) << r.body;
  for (const auto& s : kSerials) {
    r = sim.call("POST", "/meters/" + s + "/pqdif/trigger", R"({"kind": "sag"})");
    ASSERT_EQ(r.status, 200) << r.body;
  }
  // Past the next midnight: the forced sags' files (and the daily file) are written.
  r = sim.call("POST", "/advance", R"({"seconds": 86400})");
  ASSERT_EQ(r.status, 200) << r.body;
}

json::object truth(const Jemsim& sim, const std::string& serial) {
  const auto r = sim.call("GET", "/meters/" + serial + "/pqdif");
  EXPECT_EQ(r.status, 200) << r.body;
  return r.json().as_object();
}

json::object wait_pushed(const Jemsim& sim, const std::string& serial,
                         std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    auto t = truth(sim, serial);
    const auto& push = t.at("push").as_object();
    const auto& files = t.at("files").as_array();
    // The pusher looks at the store every 100 ms: a file it has not seen yet has no
    // pushed_at and is not pending either.
    const bool all_sent = std::all_of(files.begin(), files.end(), [](const json::value& f) {
      return f.at("pushed_at").is_string();
    });
    if (push.at("pending").as_int64() == 0 && !files.empty() && all_sent) return t;
    if (std::chrono::steady_clock::now() > deadline) {
      ADD_FAILURE() << serial << ": files still waiting to be pushed: " << json::serialize(push);
      return t;
    }
    std::this_thread::sleep_for(100ms);
  }
}

std::vector<Expected> expected_files(const json::object& truth) {
  std::vector<Expected> out;
  for (const auto& f : truth.at("files").as_array()) {
    const auto name = text(f.at("name"));
    EXPECT_TRUE(f.at("pushed_at").is_string()) << name << " was not pushed";
    EXPECT_TRUE(f.at("push_error").is_null()) << name << ": " << f.at("push_error");
    out.push_back({name, f.at("size").as_int64(), text(f.at("sha256")),
                   f.at("observation_count").as_int64()});
  }
  for (const auto& e : truth.at("push").at("log").as_array())
    if (e.at("test").as_bool() && e.at("pushed_at").is_string())
      out.push_back({text(e.at("name")), e.at("size").as_int64(), text(e.at("sha256")), 1});
  return out;
}

void expect_stored(const Jemhead& head, const std::string& serial,
                   const std::vector<Expected>& expected, const std::string& source,
                   std::chrono::seconds timeout) {
  std::set<std::string> want;
  for (const auto& e : expected) want.insert(e.name);
  const auto meter = meter_id(head, serial);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::map<std::string, json::object> rows;
  for (;;) {
    rows = stored(head, meter);
    std::set<std::string> have;
    bool parsed = true;
    for (const auto& [name, row] : rows) {
      have.insert(name);
      parsed = parsed && text(row.at("parse_status")) != "pending";
    }
    if (have == want && parsed) break;
    if (std::chrono::steady_clock::now() > deadline) {
      ASSERT_EQ(have, want) << serial << ": jemhead did not store what the meter pushed";
      FAIL() << serial << ": files still pending parse";
    }
    std::this_thread::sleep_for(100ms);
  }
  for (const auto& e : expected) {
    const auto& row = rows.at(e.name);
    EXPECT_EQ(row.at("size_bytes").as_int64(), e.size) << e.name;
    EXPECT_EQ(text(row.at("sha256")), e.sha256) << e.name;
    EXPECT_EQ(text(row.at("source")), source) << e.name;
    EXPECT_EQ(text(row.at("meter_serial")), serial) << e.name;
    EXPECT_EQ(text(row.at("parse_status")), "ok") << e.name << ": " << row.at("parse_error");
    EXPECT_EQ(row.at("observation_count").as_int64(), e.observations) << e.name;
  }
}

}  // namespace jemhead::testing::pqdif_push
