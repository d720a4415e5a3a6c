// Issue 7, "Tests": SIGKILL of jemhead during a burst loses no acknowledged alarm. jemsim's
// meters send bursts of alarms (web posts, one mail per event, and a meter that sends each
// event by both; with each burst, six simulated hours of a PQ recorder's alarms and their
// PQDIF files by web and mail) while jemhead is SIGKILLed in the middle of each burst and
// restarted on the same ports (the meters' Post Address and SMTP server are fixed in their
// settings). A burst outlives a jemhead only by its restart (tens of ms, while posts to a
// closed port fail in microseconds), so the 2,000 web alarms come as ten bursts, one kill
// each.
// The meter does not retry (the manual describes no retry), so what failed while jemhead
// was down is lost — and must be recorded as failed in the simulator's truth. Afterwards:
// every alarm acknowledged on some channel (HTTP 200, SMTP 250) is stored exactly once,
// listing that channel; nothing is stored that the simulator did not send; and a channel
// whose delivery failed is listed only for the one message per channel that can have been
// committed just before a kill, unacknowledged.
#include <gtest/gtest.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <random>
#include <thread>

#include "core/time.hpp"
#include "tests/integration/alarms_e2e/alarms_e2e_rig.hpp"
#include "tests/integration/support/loopback_port.hpp"

namespace jemhead::testing::alarms_e2e {
namespace {

using namespace std::chrono_literals;

constexpr int kKills = 10;  // one per burst
constexpr int kWebBurst = 200;
constexpr int kMailBurst = 40;
constexpr int kBothBurst = 40;
constexpr int kPerBurst = kWebBurst + kMailBurst + kBothBurst;
const std::string kWebMeter = "82000001";   // web only, documented JSON
const std::string kMailMeter = "82000002";  // mail only, each event at once
const std::string kBothMeter = "82000003";  // web (sample style) and mail
// Its PQ recorder's alarms, with their PQDIF files (multipart posts, mail attachments),
// as simulated time moves 6 hours with each burst.
const std::string kPqMeter = "82000004";
const std::vector<std::string> kSerials{kWebMeter, kMailMeter, kBothMeter, kPqMeter};
const std::vector<std::string> kTypes{"BAT", "TS", "CFG"};

std::string token_of(const std::string& serial) {
  return "crash-token-" + serial;
}

std::uint64_t crash_seed() {
  if (const char* text = std::getenv("JEMHEAD_CRASH_SEED")) return std::stoull(text);
  return 7;  // fixed: a failure replays the same kill targets
}

// When each jemhead started and was killed, in ms since the test began: printed when the
// test fails, to read the truth's failures against.
class Timeline {
 public:
  void note(const std::string& what) {
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::steady_clock::now() - start_)
                        .count();
    lines_.push_back("+" + std::to_string(ms) + " ms  " + what);
  }
  std::string text() const {
    std::string s;
    for (const auto& l : lines_) s += l + "\n";
    return s;
  }

 private:
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::vector<std::string> lines_;
};

class AlarmsCrash : public ::testing::Test {
 protected:
  void SetUp() override {
    web_port = free_loopback_port();
    do smtp_port = free_loopback_port();
    while (smtp_port == web_port);
    std::string fleet = "fleet:\n  meters:\n";
    std::vector<std::string> tokens;
    for (const auto& serial : kSerials) {
      fleet += "    - {serial: \"" + serial + "\", name: \"Feeder " + serial + "\"}\n";
      tokens.push_back(token_of(serial));
    }
    config = daemon_config(
        dir, fleet + head_alarms_section("127.0.0.1:" + std::to_string(web_port),
                                         "127.0.0.1:" + std::to_string(smtp_port), tokens));
    start();
    const std::string web_url =
        "http://127.0.0.1:" + std::to_string(web_port) + "/ingest/web-alarm";
    const std::string host = "127.0.0.1", port = std::to_string(smtp_port);
    std::string y =
        "time_factor: 0\n"
        "start_time: \"2026-05-01T00:00:00Z\"\n"
        "meters:\n"
        "  list:\n";
    y += "    - serial: \"" + kWebMeter + "\"\n";
    y += "      alarms: {web: {" + sim_web(web_url, token_of(kWebMeter)) + "}}\n";
    y += "    - serial: \"" + kMailMeter + "\"\n";
    y += "      alarms: {mail: {" + sim_mail(host, port, 0) + "}}\n";
    y += "    - serial: \"" + kBothMeter + "\"\n";
    y += "      alarms:\n";
    y += "        web: {" + sim_web(web_url, token_of(kBothMeter), "sample") + "}\n";
    y += "        mail: {" + sim_mail(host, port, 0) + "}\n";
    y += "    - serial: \"" + kPqMeter + "\"\n";
    y += "      pqdif: {mode: single, events_per_day: 12, measurement_log: {interval_minutes: "
         "60}}\n";
    y += "      alarms:\n";
    y += "        web: {" + sim_web(web_url, token_of(kPqMeter)) + "}\n";
    y += "        mail: {" + sim_mail(host, port, 0) + "}\n";
    sim = std::make_unique<Jemsim>(dir, y);
  }

  void TearDown() override {
    if (HasFailure()) std::cout << "timeline:\n" << timeline.text();
  }

  void start() {
    // A killed jemhead leaves its ready file behind; the next one must write a new one.
    std::filesystem::remove(dir.file("jemhead.ready"));
    ++instance;
    timeline.note("jemhead #" + std::to_string(instance) + " starting");
    head = std::make_unique<Jemhead>(dir, config);
    const auto at = receivers_of(dir);
    ASSERT_EQ(at.web_url, "http://127.0.0.1:" + std::to_string(web_port) + "/ingest/web-alarm");
    ASSERT_EQ(at.smtp_port, std::to_string(smtp_port));
    timeline.note("jemhead #" + std::to_string(instance) + " ready (pid " +
                  std::to_string(head->process().pid()) + ")");
  }

  void kill(std::int64_t stored_before) {
    head->process().signal(SIGKILL);
    timeline.note("jemhead #" + std::to_string(instance) + " SIGKILLed (" +
                  std::to_string(stored_before) + " alarms stored just before)");
    ASSERT_TRUE(head->process().wait(10s).has_value()) << "SIGKILL did not end jemhead";
    head.reset();
  }

  void burst(const std::string& serial, const std::string& type, int count) {
    const auto r =
        sim->call("POST", "/meters/" + serial + "/alarms/burst",
                  "{\"type\": \"" + type + "\", \"count\": " + std::to_string(count) + "}");
    ASSERT_EQ(r.status, 200) << r.body;
  }

  TempDir dir;
  std::uint16_t web_port = 0, smtp_port = 0;
  std::string config;
  std::unique_ptr<Jemhead> head;
  std::unique_ptr<Jemsim> sim;
  int instance = 0;
  Timeline timeline;
};

TEST_F(AlarmsCrash, SigkillsDuringBurstsLoseNoAcknowledgedAlarm) {
  const auto seed = crash_seed();
  std::cout << "JEMHEAD_CRASH_SEED=" << seed << "\n";
  std::mt19937_64 random(seed);
  // Killed once this many alarms of the burst are stored (0: as the burst begins), a few
  // ms later, while posts and mails are in flight; the rest of the burst then meets a
  // closed port until the next jemhead listens.
  std::uniform_int_distribution<std::int64_t> target(0, 200);
  std::uniform_int_distribution<int> extra_ms(0, 3);
  for (int k = 0; k < kKills; ++k) {
    const auto& type = kTypes[static_cast<std::size_t>(k) % kTypes.size()];
    const auto base = stored_total(*head);
    const auto wanted = base + target(random);
    timeline.note("burst " + std::to_string(k + 1) + ": " + std::to_string(kWebBurst) + " web, " +
                  std::to_string(kMailBurst) + " mail, " + std::to_string(kBothBurst) +
                  " web+mail " + type + " alarms, 6 h of PQ alarms; kill at " +
                  std::to_string(wanted) + " stored");
    burst(kWebMeter, type, kWebBurst);
    burst(kMailMeter, type, kMailBurst);
    burst(kBothMeter, type, kBothBurst);
    const auto r = sim->call("POST", "/advance", R"({"seconds": 21600})");
    ASSERT_EQ(r.status, 200) << r.body;
    const auto deadline = std::chrono::steady_clock::now() + 20s;
    std::int64_t stored = base;
    while ((stored = stored_total(*head)) < wanted && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(1ms);
    std::this_thread::sleep_for(std::chrono::milliseconds(extra_ms(random)));
    kill(stored);
    start();
    ASSERT_FALSE(HasFailure());
    // The burst ends (the rest failing or stored by the new jemhead) before the next one.
    const auto truth = wait_settled(*sim);
    timeline.note("burst " + std::to_string(k + 1) +
                  " settled: " + std::to_string(stored_total(*head)) + " stored, " +
                  std::to_string(truth.size()) + " raised");
  }
  // The meters' settings still reach the last jemhead: a burst (half the size) it takes
  // whole.
  const auto before_last = sim_truth(*sim).size();
  timeline.note("last burst, no kill");
  burst(kWebMeter, "CFG", kWebBurst / 2);
  burst(kMailMeter, "CFG", kMailBurst / 2);
  burst(kBothMeter, "CFG", kBothBurst / 2);
  const auto truth = wait_settled(*sim);
  for (std::size_t i = before_last; i < truth.size(); ++i)
    EXPECT_EQ(truth[i].sent_channels(), truth[i].tried_channels()) << truth[i].describe();
  const auto stored = stored_alarms(*head, 1000);
  timeline.note("compared " + std::to_string(stored.size()) + " stored with " +
                std::to_string(truth.size()) + " raised");

  // The truth: nothing left pending, each failure with its reason.
  std::map<std::string, const TruthAlarm*> by_identity;
  std::map<std::string, int> sent, failed;
  std::size_t bursts = 0, files = 0;
  for (const auto& a : truth) {
    ASSERT_FALSE(a.pending()) << a.describe();
    bursts += a.serial != kPqMeter;
    files += a.file.has_value();
    for (const std::string channel : {"web", "mail"}) {
      const auto& d = channel == "web" ? a.web : a.mail;
      if (d.state == "sent") ++sent[channel];
      if (d.state == "failed") {
        ++failed[channel];
        EXPECT_FALSE(d.error.empty()) << a.describe();
      }
    }
    EXPECT_TRUE(
        by_identity.emplace(identity(a.serial, a.type, a.event_time_us, a.properties), &a).second)
        << "two alarms of the simulator share an identity: " << a.describe();
  }
  ASSERT_EQ(bursts, static_cast<std::size_t>(kKills * kPerBurst + kPerBurst / 2));
  EXPECT_GE(files, static_cast<std::size_t>(kKills * 6)) << "a measurement-log file an hour";
  std::cout << "web: " << sent["web"] << " acknowledged, " << failed["web"]
            << " failed; mail: " << sent["mail"] << " acknowledged, " << failed["mail"]
            << " failed\n";
  // The kills hit the bursts (the rest of a burst fails while jemhead restarts).
  EXPECT_GT(failed["web"], 0);
  EXPECT_GT(failed["mail"], 0);

  // Stored: each once, each one the simulator sent, with at least the channels that were
  // acknowledged and at most those that were tried.
  std::map<std::string, int> seen;
  std::map<std::string, int> unacknowledged_but_stored;
  int linked_files = 0;
  for (const auto& s : stored) {
    const auto key = identity(s);
    EXPECT_EQ(++seen[key], 1) << s.describe() << " is stored twice";
    const auto it = by_identity.find(key);
    if (it == by_identity.end()) {
      ADD_FAILURE() << "jemhead stored an alarm the simulator did not send: " << s.describe();
      continue;
    }
    const TruthAlarm& a = *it->second;
    EXPECT_EQ(s.meter_serial, a.serial) << s.describe();
    EXPECT_EQ(s.properties, a.properties) << s.describe();
    if (a.file) {  // the file came with the alarm, in the same message: it is there
      EXPECT_TRUE(s.pqdif_file_id) << s.describe();
      if (!s.pqdif_file_id) continue;
      const auto r =
          head->call("GET", "/api/v1/pqdif/" + std::to_string(*s.pqdif_file_id), "", kViewerToken);
      ASSERT_EQ(r.status, 200) << r.body;
      const auto f = r.json();
      EXPECT_EQ(f.at("file_name").as_string(), a.file->name) << s.describe();
      EXPECT_EQ(f.at("sha256").as_string(), a.file->sha256) << s.describe();
      ++linked_files;
    } else {
      EXPECT_FALSE(s.pqdif_file_id) << s.describe();
    }
    const std::set<std::string> channels(s.channels.begin(), s.channels.end());
    EXPECT_EQ(s.channels.size(), channels.size()) << s.describe();
    EXPECT_EQ(s.arrivals, static_cast<std::int64_t>(channels.size())) << s.describe();
    for (const auto& c : a.sent_channels())
      EXPECT_TRUE(channels.count(c)) << a.describe() << " acknowledged, but " << s.describe();
    for (const auto& c : channels) {
      EXPECT_TRUE(a.tried_channels().count(c)) << s.describe() << " / " << a.describe();
      if (!a.sent_by(c)) ++unacknowledged_but_stored[c];
    }
  }
  int lost = 0;
  for (const auto& a : truth) {
    const bool acknowledged = !a.sent_channels().empty();
    if (acknowledged && seen[identity(a.serial, a.type, a.event_time_us, a.properties)] == 0) {
      ADD_FAILURE() << a.describe() << " was acknowledged but is not stored";
      if (++lost > 20) break;
    }
  }
  // Only a message in flight at a kill can be committed without its answer reaching the
  // meter: one post and one mail per kill at most.
  std::cout << linked_files << " PQD alarms stored with their file\n";
  EXPECT_GT(linked_files, 0);
  // A file is one row however often it came (by web and by mail, or before a kill: then
  // kept, unreferenced, since files are durable before the alarm's transaction).
  const auto r = head->call("GET", "/api/v1/pqdif?limit=1000", "", kViewerToken);
  ASSERT_EQ(r.status, 200) << r.body;
  const auto rows = r.json();
  std::map<std::string, int> file_rows;
  for (const auto& row : rows.at("items").as_array()) {
    const std::string name(row.at("file_name").as_string());
    EXPECT_EQ(++file_rows[name], 1) << name << " is stored twice";
  }
  std::cout << "stored without acknowledgement: " << unacknowledged_but_stored["web"] << " web, "
            << unacknowledged_but_stored["mail"] << " mail\n";
  EXPECT_LE(unacknowledged_but_stored["web"], kKills);
  EXPECT_LE(unacknowledged_but_stored["mail"], kKills);
  EXPECT_EQ(head->stop(), 0) << head->process().log();
}

}  // namespace
}  // namespace jemhead::testing::alarms_e2e
