// Issue 7, "Tests", end to end: a jemsim fleet raises alarms from its PQ recorders (sag,
// swell, interruption, rapid voltage change, their ends, every new PQDIF file) over two
// simulated days, and on demand (BAT, TS, CFG), and notifies them the way the meter does
// to one real jemhead: web posts in the documented JSON and in the manual's sample style
// (PQD as multipart with the file), mail batched over a 10-minute window (several events
// and their PQDIF files in one mail), and a meter that notifies by both. Afterwards every
// alarm the simulator sent is stored exactly once, value by value: meter (resolved by
// DeviceId, or by the identification labels when the JSON has no DeviceId), type, event
// time in µs, properties, identification labels, channels; PQD alarms link their PQDIF
// file, stored with the simulator's bytes and parsed with its observation count. A meter
// jemhead does not know lands in quarantine, and nothing else is stored.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <thread>

#include "core/time.hpp"
#include "tests/integration/alarms_e2e/alarms_e2e_rig.hpp"

namespace jemhead::testing::alarms_e2e {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

const std::string kDocumented = "81000001";  // web, documented JSON: DeviceId names it
const std::string kSample = "81000002";      // web, sample style: only its labels name it
const std::string kBatched = "81000003";     // mail, a 10-minute window, files attached
const std::string kBoth = "81000004";        // web and mail (each event at once)
const std::string kUnknown = "89999999";     // web and mail, not in jemhead's fleet
const std::vector<std::string> kSerials{kDocumented, kSample, kBatched, kBoth, kUnknown};

// The labels a simulated meter sends by default: its titled identification fields, with
// the manual's default strings (L2449–L2476) and its serial as Meter ID / MV 90 Meter ID.
std::map<std::string, std::string> default_labels(const std::string& meter_id,
                                                  const std::string& mv90_id) {
  return {{"Meter ID", meter_id},
          {"Administrator", "Ametek Power"},
          {"Location", "Rochester, New York"},
          {"Configuration ID", "Factory Default"},
          {"Account", "1-888-222-6282"},
          {"MV 90 Meter ID", mv90_id}};
}

std::map<std::string, std::string> expected_labels(const std::string& serial) {
  if (serial == kSample) return default_labels("FEEDER-B", "MV90-B");
  if (serial == kBatched) return {{"MV 90 Meter ID", kBatched}, {"Substation", "North 7"}};
  return default_labels(serial, serial);
}

std::string token_of(const std::string& serial) {
  return "url-token-" + serial;
}

// Only kSample's "Meter ID" label ties it to a meter: its JSON carries no DeviceId and
// neither of its ID labels is a serial (docs/alarms.md, resolution rule 4).
std::string head_fleet() {
  std::string y =
      "fleet:\n"
      "  meters:\n";
  for (const auto& serial : {kDocumented, kSample, kBatched, kBoth}) {
    y += "    - serial: \"" + serial + "\"\n";
    y += "      name: \"Feeder " + serial + "\"\n";
    if (serial == kSample)
      y += "      identification:\n"
           "        - { title: \"Meter ID\", value: \"FEEDER-B\" }\n";
  }
  return y;
}

std::string sim_fleet(const Receivers& at) {
  std::string y =
      "seed: 7\n"
      "time_factor: 0\n"
      "start_time: \"2026-03-01T00:00:00Z\"\n"
      "meters:\n"
      "  pqdif: {mode: single, events_per_day: 3, measurement_log: {interval_minutes: 720}}\n"
      "  list:\n";
  y += "    - serial: \"" + kDocumented + "\"\n";
  y += "      alarms: {web: {" + sim_web(at.web_url, token_of(kDocumented)) + "}}\n";
  y += "    - serial: \"" + kSample + "\"\n";
  y += "      identification: {\"Meter ID\": \"FEEDER-B\", \"MV 90 Meter ID\": \"MV90-B\"}\n";
  y += "      alarms: {web: {" + sim_web(at.web_url, token_of(kSample), "sample") + "}}\n";
  y += "    - serial: \"" + kBatched + "\"\n";
  y += "      alarms:\n";
  y += "        identification: {\"MV 90 Meter ID\": \"" + kBatched + "\", Substation: North 7}\n";
  y += "        mail: {" + sim_mail(at.smtp_host, at.smtp_port, 10) + ", attach_pqdif: true}\n";
  for (const auto& serial : {kBoth, kUnknown}) {
    y += "    - serial: \"" + serial + "\"\n";
    y += "      alarms:\n";
    y += "        web: {" + sim_web(at.web_url, token_of(serial)) + "}\n";
    y += "        mail: {" + sim_mail(at.smtp_host, at.smtp_port, 0) + "}\n";
  }
  return y;
}

class AlarmsFleetEndToEnd : public ::testing::Test {
 protected:
  void SetUp() override {
    std::vector<std::string> tokens;
    for (const auto& s : kSerials) tokens.push_back(token_of(s));
    head = std::make_unique<Jemhead>(
        dir, daemon_config(
                 dir, head_fleet() + head_alarms_section("127.0.0.1:0", "127.0.0.1:0", tokens)));
    const auto at = receivers_of(dir);
    ASSERT_FALSE(at.web_url.empty());
    ASSERT_FALSE(at.smtp_port.empty());
    sim = std::make_unique<Jemsim>(dir, sim_fleet(at));
  }

  void advance(int seconds) {
    const auto r = sim->call("POST", "/advance", "{\"seconds\": " + std::to_string(seconds) + "}");
    ASSERT_EQ(r.status, 200) << r.body;
  }

  void trigger(const std::string& serial, const std::string& body) {
    const auto r = sim->call("POST", "/meters/" + serial + "/alarms/trigger", body);
    ASSERT_EQ(r.status, 200) << r.body;
  }

  // The PQDIF store of each meter: file name -> observation count.
  std::map<std::string, std::int64_t> sim_files() {
    std::map<std::string, std::int64_t> out;
    for (const auto& serial : kSerials) {
      const auto r = sim->call("GET", "/meters/" + serial + "/pqdif");
      EXPECT_EQ(r.status, 200) << r.body.substr(0, 300);
      if (r.status != 200) continue;
      const auto doc = r.json();  // the loop below refers into it
      for (const auto& f : doc.at("files").as_array())
        out[std::string(f.at("name").as_string())] = f.at("observation_count").as_int64();
    }
    return out;
  }

  // After a jump of simulated time the notifier looks at the recorders (every 100 ms): it
  // has looked at all of them once every file in their stores has its PQD alarm (each
  // meter's triggers are raised in the same look, before its files).
  std::vector<TruthAlarm> wait_raised() {
    const auto files = sim_files();
    const auto deadline = std::chrono::steady_clock::now() + 20s;
    for (;;) {
      auto truth = sim_truth(*sim);
      std::set<std::string> notified;
      for (const auto& a : truth)
        if (a.file) notified.insert(a.file->name);
      bool all = true;
      for (const auto& [name, observations] : files) all = all && notified.count(name) > 0;
      if (all) return truth;
      if (std::chrono::steady_clock::now() > deadline) {
        ADD_FAILURE() << "jemsim raised no PQD alarm for some of its " << files.size() << " files";
        return truth;
      }
      std::this_thread::sleep_for(50ms);
    }
  }

  // Waits until every alarm went out but those of a mail window of kBatched opened by the
  // last advance (alarms numbered after `before`); true when none is left waiting.
  bool wait_sent(std::size_t before) {
    const auto deadline = std::chrono::steady_clock::now() + 20s;
    for (;;) {
      bool waiting = false, window_open = false;
      for (const auto& a : sim_truth(*sim)) {
        if (!a.pending()) continue;
        if (a.serial == kBatched && static_cast<std::size_t>(a.id) > before)
          window_open = true;
        else
          waiting = true;
      }
      if (!waiting) return !window_open;
      if (std::chrono::steady_clock::now() > deadline) {
        ADD_FAILURE() << "alarms still pending in jemsim";
        return true;
      }
      std::this_thread::sleep_for(50ms);
    }
  }

  // Moves simulated time on and waits until what it raised went out (see wait_sent).
  bool step(int seconds) {
    const auto before = sim_truth(*sim).size();
    advance(seconds);
    wait_raised();
    return wait_sent(before);
  }

  std::map<std::string, json::object> pqdif_rows() {
    std::map<std::string, json::object> out;
    const auto r = head->call("GET", "/api/v1/pqdif?limit=1000", "", kViewerToken);
    EXPECT_EQ(r.status, 200) << r.body.substr(0, 300);
    if (r.status != 200) return out;
    const auto doc = r.json();
    for (const auto& item : doc.at("items").as_array())
      EXPECT_TRUE(
          out.emplace(std::string(item.at("file_name").as_string()), item.as_object()).second)
          << item.at("file_name") << " is stored twice";
    return out;
  }

  // Every stored file parsed (parsing runs after the alarm is acknowledged).
  std::map<std::string, json::object> wait_parsed() {
    const auto deadline = std::chrono::steady_clock::now() + 30s;
    for (;;) {
      auto rows = pqdif_rows();
      bool parsed = true;
      for (const auto& [name, row] : rows) parsed = parsed && row.at("parse_status") != "pending";
      if (parsed || std::chrono::steady_clock::now() > deadline) return rows;
      std::this_thread::sleep_for(100ms);
    }
  }

  TempDir dir;
  std::unique_ptr<Jemhead> head;
  std::unique_ptr<Jemsim> sim;
};

TEST_F(AlarmsFleetEndToEnd, EverySentAlarmIsStoredOnceWithTheSimulatorsValues) {
  // Two days of PQ events and PQDIF files (event files and the 12-hour measurement log),
  // a day at a time: kBatched's mail window (opened by its first alarm) closes 11 minutes
  // after each, so it sends at least two mails of several events.
  step(86400);
  step(11 * 60);
  step(86400);
  // On demand, as the meter's other alarms come (L8351–L8365): battery, lost time sync,
  // configuration change, and a trigger with its own reading.
  trigger(kDocumented, R"({"type": "BAT"})");
  trigger(kDocumented,
          R"({"type": "OU", "properties": {"1,Inst,VLN:All,<,12,0,0,14.4,A": "0.250000"}})");
  trigger(kSample, R"({"type": "TS"})");
  trigger(kSample, R"({"type": "CFG"})");
  trigger(kBatched, R"({"type": "CFG"})");
  trigger(kBatched, R"({"type": "BAT"})");
  trigger(kBoth, R"({"type": "TS"})");
  trigger(kUnknown, R"({"type": "BAT"})");
  // An event in the advanced minutes opens a new window, closed by the next round.
  bool done = false;
  for (int round = 0; round < 6 && !done; ++round) done = step(11 * 60);
  ASSERT_TRUE(done) << "kBatched's mail window never closed";
  const auto truth = wait_settled(*sim);
  ASSERT_FALSE(HasFailure());

  // The truth: every alarm went out on each of its channels.
  std::map<std::string, const TruthAlarm*> expected;
  std::map<std::string, std::size_t> per_meter;
  std::set<std::string> truth_files;
  for (const auto& a : truth) {
    EXPECT_TRUE(a.web.state.empty() || a.web.state == "sent") << a.describe();
    EXPECT_TRUE(a.mail.state.empty() || a.mail.state == "sent") << a.describe();
    const auto who = a.serial == kUnknown ? "DeviceId=" + a.serial : a.serial;
    EXPECT_TRUE(expected.emplace(identity(who, a.type, a.event_time_us, a.properties), &a).second)
        << "two alarms of the simulator share an identity: " << a.describe();
    ++per_meter[a.serial];
    if (a.file) truth_files.insert(a.file->name);
  }
  for (const auto& serial : kSerials) EXPECT_GE(per_meter[serial], 10u) << serial;
  std::cout << truth.size() << " alarms, " << truth_files.size() << " PQDIF files\n";

  // kBatched's mails each carried several events, PQD ones with their files attached;
  // kBoth's went one per mail.
  std::map<std::int64_t, std::pair<int, int>> batched_mails;  // mail -> (events, files)
  std::set<std::int64_t> both_mails;
  for (const auto& a : truth) {
    if (a.serial == kBatched) {
      ++batched_mails[a.mail.mail_number].first;
      batched_mails[a.mail.mail_number].second += a.file ? 1 : 0;
    }
    if (a.serial == kBoth) {
      EXPECT_TRUE(both_mails.insert(a.mail.mail_number).second);
    }
  }
  ASSERT_GE(batched_mails.size(), 2u);
  for (const auto& [mail, counts] : batched_mails)
    std::cout << kBatched << " mail " << mail << ": " << counts.first << " events, "
              << counts.second << " files\n";
  const auto first = batched_mails.begin(), second = std::next(first);
  EXPECT_GE(first->second.first, 4) << "the first day's mail";
  EXPECT_GE(first->second.second, 2) << "the first day's mail";
  EXPECT_GE(second->second.first, 4) << "the second day's mail";

  // What jemhead stored, read in pages of 25.
  const auto stored = stored_alarms(*head, 25);
  ASSERT_GT(stored.size(), 25u);
  const auto files = wait_parsed();
  const auto observations = sim_files();
  std::map<std::string, int> seen;
  std::set<std::int64_t> quarantined_ids;
  for (const auto& s : stored) {
    const auto key = identity(s);
    const int times = ++seen[key];
    EXPECT_EQ(times, 1) << s.describe() << " is stored twice";
    const auto it = expected.find(key);
    if (it == expected.end()) {
      ADD_FAILURE() << "jemhead stored an alarm the simulator did not send: " << s.describe()
                    << "\n"
                    << s.raw;
      continue;
    }
    const TruthAlarm& a = *it->second;
    SCOPED_TRACE(a.describe() + " / " + s.describe());
    if (a.serial == kUnknown) {
      EXPECT_TRUE(s.quarantined);
      EXPECT_FALSE(s.meter_serial);
      EXPECT_EQ(s.sender_key, "DeviceId=" + kUnknown);
      quarantined_ids.insert(s.id);
    } else {
      EXPECT_FALSE(s.quarantined);
      EXPECT_EQ(s.meter_serial, a.serial);
      EXPECT_EQ(s.sender_key, "");
    }
    EXPECT_EQ(s.properties, a.properties);  // keys and values
    EXPECT_EQ(s.identification, expected_labels(a.serial));
    const auto channels = std::set<std::string>(s.channels.begin(), s.channels.end());
    EXPECT_EQ(channels, a.sent_channels());
    EXPECT_EQ(s.channels.size(), channels.size());
    EXPECT_EQ(s.arrivals, static_cast<std::int64_t>(channels.size()));
    // The JSON first received is kept as it came.
    EXPECT_TRUE(s.raw == a.web.json || s.raw == a.mail.json) << s.raw;
    if (a.serial == kSample) {  // the manual's samples carry neither
      EXPECT_EQ(s.event_id, "");
      EXPECT_EQ(s.device_id, "");
    } else {
      EXPECT_EQ(s.event_id, a.event_id);
      EXPECT_EQ(s.device_id, a.serial);
    }
    if (!a.file) {
      EXPECT_FALSE(s.pqdif_file_id);
      continue;
    }
    ASSERT_TRUE(s.pqdif_file_id) << "a PQD alarm without its file";
    const auto r =
        head->call("GET", "/api/v1/pqdif/" + std::to_string(*s.pqdif_file_id), "", kViewerToken);
    ASSERT_EQ(r.status, 200) << r.body;
    const auto f = r.json().as_object();
    EXPECT_EQ(f.at("file_name"), json::value(a.file->name));
    EXPECT_EQ(f.at("sha256"), json::value(a.file->sha256));
    EXPECT_EQ(f.at("size_bytes").as_int64(), a.file->size);
    EXPECT_EQ(f.at("parse_status"), json::value("ok")) << f.at("parse_error");
    EXPECT_GT(f.at("observation_count").as_int64(), 0);
    EXPECT_EQ(f.at("observation_count").as_int64(), observations.at(a.file->name));
    EXPECT_EQ(f.at("file_time"), json::value(format_iso8601(from_unix_micros(a.event_time_us))));
    if (a.serial == kUnknown) {
      EXPECT_TRUE(f.at("meter_serial").is_null());
    } else {
      EXPECT_EQ(f.at("meter_serial"), json::value(a.serial));
    }
    const std::string source(f.at("source").as_string());
    if (a.serial == kBatched) {
      EXPECT_EQ(source, "mail_alarm");
    } else if (a.serial == kDocumented || a.serial == kSample) {
      EXPECT_EQ(source, "web_alarm");
    }
  }
  // Nothing missing, nothing extra: every simulator alarm was seen once above.
  EXPECT_EQ(stored.size(), truth.size());
  for (const auto& [key, a] : expected)
    EXPECT_EQ(seen[key], 1) << a->describe() << " is not stored";
  // One file row per file, however many channels brought it.
  std::set<std::string> stored_files;
  for (const auto& [name, row] : files) stored_files.insert(name);
  EXPECT_EQ(stored_files, truth_files);

  // The unknown meter's alarms are exactly the quarantine list.
  const auto q = head->call("GET", "/api/v1/alarms/quarantine?limit=1000", "", kViewerToken);
  ASSERT_EQ(q.status, 200) << q.body;
  const auto qdoc = q.json();
  std::set<std::int64_t> listed;
  for (const auto& item : qdoc.at("alarms").at("items").as_array())
    listed.insert(item.at("id").as_int64());
  EXPECT_EQ(listed, quarantined_ids);
  EXPECT_EQ(qdoc.at("alarms").at("total").as_int64(),
            static_cast<std::int64_t>(per_meter[kUnknown]));

  // Simulated time stands still: nothing was raised while this was compared.
  EXPECT_EQ(sim_truth(*sim).size(), truth.size());
  EXPECT_EQ(head->stop(), 0) << head->process().log();
}

}  // namespace
}  // namespace jemhead::testing::alarms_e2e
