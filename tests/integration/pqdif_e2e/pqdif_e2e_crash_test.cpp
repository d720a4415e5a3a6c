// PQDIF end to end (issue 6, "Tests": "restart during ingestion loses and duplicates
// nothing"): jemhead is SIGKILLed several times while it pulls hundreds of PQDIF files from
// jemsim's meter web servers (at a random point of the pull: after a random number of
// files were stored, plus a random few milliseconds, so downloads, ingest transactions and
// parsing are all hit), and restarted on the same data directory. Once a last jemhead has
// finished, every file of the simulator's truth is stored exactly once (one row per name)
// with its sha256, parsed ok, with the truth's observations and values; the retrieval's
// temporaries a kill left behind are only those of the killed runs, removed by the file
// store when it opens once they are an hour old (not before), and a clean run leaves none.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <random>
#include <thread>

#include "tests/integration/pqdif_e2e/pqdif_e2e_rig.hpp"

namespace jemhead::testing::pqdif_e2e {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using namespace std::chrono_literals;

constexpr int kKills = 5;

std::uint64_t crash_seed() {
  if (const char* text = std::getenv("JEMHEAD_CRASH_SEED")) return std::stoull(text);
  return std::random_device{}();
}

// Files stored so far, all meters (one page holds them all here).
std::size_t stored_count(const Jemhead& head) {
  const auto r = head.call("GET", "/api/v1/pqdif?limit=1000", "", kViewerToken);
  if (r.status != 200) return 0;
  return r.json().at("items").as_array().size();
}

TEST(PqdifEndToEndCrash, SigkillsDuringPullLoseAndDuplicateNothing) {
  const auto seed = crash_seed();
  std::cout << "JEMHEAD_CRASH_SEED=" << seed << "\n";
  std::mt19937_64 random(seed);

  TempDir dir;
  // Three meters, eight simulated days: about 190 hourly logs and 60 events each.
  Jemsim sim(dir, sim_fleet(3,
                            "{ mode: single, compressed: true, events_per_day: 8, "
                            "measurement_log: { interval_minutes: 60 } }"));
  ASSERT_EQ(sim.call("POST", "/advance", R"({"seconds": 691200})").status, 200);
  const auto webs = meter_webs(sim);
  ASSERT_EQ(webs.size(), 3u);
  std::map<std::string, json::object> truth;
  std::size_t total = 0;
  for (const auto& [serial, web] : webs) {
    truth[serial] = sim_files(sim, serial);
    total += truth[serial].at("files").as_array().size();
  }
  ASSERT_GE(total, 600u);
  ASSERT_LE(total, 1000u);  // one page of stored_count
  std::string fleet = "fleet:\n  meters:\n";
  for (const auto& [serial, web] : webs) fleet += head_meter(serial, web);
  const auto config = daemon_config(dir, fleet);
  const fs::path tmp = dir.path() + "/var/pqdif/tmp";

  std::size_t before = 0;
  for (int kill = 0; kill < kKills; ++kill) {
    fs::remove(dir.file("jemhead.ready"));
    Jemhead head(dir, config);
    std::vector<std::int64_t> meters;
    for (const auto& [serial, web] : webs) meters.push_back(meter_id(head, serial));
    before = stored_count(head);
    ASSERT_LT(before, total) << "everything was stored before kill " << kill;
    for (auto m : meters)
      ASSERT_EQ(head.call("POST", "/api/v1/meters/" + std::to_string(m) + "/collect",
                          R"({"kinds":["pqdif"]})", kOperatorToken)
                    .status,
                202);
    // Kill after a random share of what is left (never all of it), a few ms later.
    const auto left = total - before;
    std::uniform_int_distribution<std::size_t> share(1, std::max<std::size_t>(1, left / 3));
    const auto target = before + share(random);
    const auto deadline = std::chrono::steady_clock::now() + 60s;
    std::size_t seen = before;
    while (std::chrono::steady_clock::now() < deadline && (seen = stored_count(head)) < target)
      std::this_thread::sleep_for(5ms);
    std::this_thread::sleep_for(
        std::chrono::microseconds(std::uniform_int_distribution<std::int64_t>(0, 20'000)(random)));
    EXPECT_LT(seen, total) << "kill " << kill << " came after the pull had ended";
    head.process().signal(SIGKILL);
    ASSERT_TRUE(head.process().wait(10s)) << "SIGKILL did not end jemhead";
    std::cout << "kill " << kill << ": " << before << " stored at start, " << seen
              << " seen before the kill (target " << target << " of " << total << ")\n";
  }

  // A last jemhead finishes the pull.
  fs::remove(dir.file("jemhead.ready"));
  // What the kills left: partial downloads (pull-*.part) and the store's temporaries
  // (object-*). The store removes those older than an hour when it opens: every other one
  // is made two hours old, and must be gone once the last jemhead is up.
  std::vector<fs::path> aged, fresh;
  for (const auto& e : fs::directory_iterator(tmp)) {
    const auto name = e.path().filename().string();
    std::cout << "left in pqdif/tmp by the kills: " << name << " (" << fs::file_size(e.path())
              << " bytes)\n";
    EXPECT_TRUE(name.rfind("pull-", 0) == 0 || name.rfind("object-", 0) == 0) << name;
    if ((aged.size() + fresh.size()) % 2 == 0) {
      fs::last_write_time(e.path(), fs::file_time_type::clock::now() - 2h);
      aged.push_back(e.path());
    } else {
      fresh.push_back(e.path());
    }
  }
  // Each killed run had at most one download and one store temporary per meter in flight.
  EXPECT_LE(aged.size() + fresh.size(), static_cast<std::size_t>(kKills) * 2 * webs.size());
  const auto last_start = fs::file_time_type::clock::now();
  Jemhead head(dir, config);
  std::vector<std::int64_t> meters;
  std::map<std::int64_t, std::string> serial_of;
  for (const auto& [serial, web] : webs) {
    meters.push_back(meter_id(head, serial));
    serial_of[meters.back()] = serial;
  }
  for (const auto& p : aged) EXPECT_FALSE(fs::exists(p)) << p.filename() << " was not removed";
  for (const auto& p : fresh) EXPECT_TRUE(fs::exists(p)) << p.filename() << " is not an hour old";
  before = stored_count(head);
  auto runs = retrieve_now(head, meters, {}, 180s);
  std::int64_t retrieved = 0;
  for (const auto& [id, run] : runs) {
    EXPECT_EQ(run.at("outcome").as_string(), "ok") << json::serialize(run);
    retrieved += run.at("values").as_int64();
  }
  EXPECT_EQ(static_cast<std::size_t>(retrieved), total - before)
      << "the last run retrieved exactly what the killed ones had not stored";
  runs = retrieve_now(head, meters);
  for (const auto& [id, run] : runs) EXPECT_EQ(run.at("values").as_int64(), 0);
  ASSERT_TRUE(wait_parsed(head, meters, 180s));

  Compared stats;
  for (auto id : meters) expect_stored_equals_truth(head, id, truth.at(serial_of[id]), stats);
  std::cout << stats.files << " files, " << stats.observations << " observations, " << stats.values
            << " values compared\n";
  EXPECT_EQ(stats.files, total);
  EXPECT_EQ(head.stop(), 0);

  // The clean run left no temporary of its own.
  for (const auto& e : fs::directory_iterator(tmp))
    EXPECT_LT(fs::last_write_time(e.path()), last_start)
        << e.path().filename() << " was left by the clean run";
}

}  // namespace
}  // namespace jemhead::testing::pqdif_e2e
