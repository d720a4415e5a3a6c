// Issue 4, "Tests": jemhead is SIGKILLed at random moments while it collects, 20 times,
// and restarted on the same data directory. Because a job's data, its "schedule:<kind>"
// checkpoints and its job run are committed in one transaction, nothing may be lost or
// duplicated: no two job runs for one (meter, kind, fire time), every stored register
// batch belongs to exactly one successful job run, the checkpoints name the last fire time
// that ran, every fire time while jemhead was up has its run, every one missed is covered
// by the catch-up run after the restart, and every stored value is one the simulator
// served (bounded by its truth, as in engine_fleet_e2e_test.cpp: time runs at 3600).
//
// A fire time missed before a meter's first run (the first jemhead killed while it
// collected) is caught up too: schedules count from when the meter was added.
//
// Half of the kills aim at 0-15 ms after a fire time, when jobs are reading or committing;
// the others land anywhere 0.5-3 s after jemhead became ready. The seed is printed;
// JEMHEAD_CRASH_SEED replays one.
#include <gtest/gtest.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <random>
#include <set>
#include <thread>

#include "core/time.hpp"
#include "tests/integration/engine/engine_db.hpp"
#include "tests/integration/engine/engine_rig.hpp"
#include "tests/integration/support/daemons.hpp"

namespace jemhead::testing {
namespace {

constexpr int kMeters = 30;
constexpr int kKills = 20;
constexpr std::int64_t kCycleUs = 2 * kMicrosPerSecond;  // cron "*/2 * * * * *"
// A fire time's jobs (30 meters, a few ms each) are committed well within this.
constexpr std::int64_t kCollectUs = 1500 * 1000;
const std::vector<std::string> kKinds = {"registers", "status"};

// One jemhead process, in the test's wall clock.
struct Instance {
  std::int64_t spawned_us = 0;
  std::int64_t ready_us = 0;  // its ready file was seen (the engine had started)
  std::int64_t ended_us = 0;  // SIGKILL (or, for the last one, SIGTERM) sent
};

void sleep_until_wall_us(std::int64_t us) {
  std::this_thread::sleep_until(
      std::chrono::system_clock::time_point(std::chrono::microseconds(us)));
}

std::string describe(const JobRunRow& r) {
  return "job run " + std::to_string(r.id) + " (meter " + std::to_string(r.meter_id) + ", " +
         r.trigger + ", nominal " + (r.nominal_us ? iso(*r.nominal_us) : "none") + ", started " +
         iso(r.started_us) + ", " + r.outcome + " " + r.error_type + " " + r.error + ")";
}

std::uint64_t crash_seed() {
  if (const char* text = std::getenv("JEMHEAD_CRASH_SEED")) return std::stoull(text);
  return std::random_device{}();
}

TEST(EngineCrash, TwentySigkillsDuringCollectionLoseAndDuplicateNothing) {
  const auto seed = crash_seed();
  std::cout << "JEMHEAD_CRASH_SEED=" << seed << "\n";
  std::mt19937_64 random(seed);

  TempDir dir;
  Jemsim sim(dir, sim_fleet_yaml(kMeters, 3600));
  const auto meters = sim_modbus_meters(sim);
  ASSERT_EQ(meters.size(), static_cast<std::size_t>(kMeters));
  const auto config = daemon_config(dir, fleet_section(meters, {"*/2 * * * * *", 1000, 1}));
  const auto data_dir = dir.path() + "/var";

  std::vector<Instance> instances;
  std::uniform_int_distribution<std::int64_t> anywhere(kMicrosPerSecond / 2, 3 * kMicrosPerSecond);
  // A fire time's 30 jobs finish about 8-20 ms after it: a kill this soon after often
  // catches some of them reading or being committed.
  std::uniform_int_distribution<std::int64_t> just_after(0, 15'000);
  for (int i = 0; i <= kKills; ++i) {
    // A killed jemhead leaves its ready file behind; the next one must write a new one.
    std::filesystem::remove(dir.file("jemhead.ready"));
    Instance instance;
    instance.spawned_us = wall_now_us();
    Jemhead head(dir, config);
    instance.ready_us = wall_now_us();
    if (i == kKills) {  // the last one collects a little longer and stops cleanly
      sleep_until_wall_us(instance.ready_us + 3 * kMicrosPerSecond);
      instance.ended_us = wall_now_us();
      EXPECT_EQ(head.stop(), 0) << head.process().log();
    } else {
      auto kill_at = instance.ready_us + anywhere(random);
      if (i % 2 == 1)
        kill_at = next_fire_after(instance.ready_us + kMicrosPerSecond / 2 - 1, kCycleUs) +
                  just_after(random);
      sleep_until_wall_us(kill_at);
      instance.ended_us = wall_now_us();
      head.process().signal(SIGKILL);
      ASSERT_TRUE(head.process().wait(std::chrono::seconds(10))) << "SIGKILL did not end jemhead";
    }
    instances.push_back(instance);
  }

  // The timeline, so a failure can be read against it.
  for (std::size_t i = 0; i < instances.size(); ++i)
    std::cout << "jemhead " << i << ": spawned " << iso(instances[i].spawned_us) << ", ready "
              << iso(instances[i].ready_us) << ", ended " << iso(instances[i].ended_us) << "\n";

  const auto s = read_engine_state(data_dir);
  ASSERT_EQ(s.meter_ids.size(), static_cast<std::size_t>(kMeters));
  std::size_t catch_ups = 0;
  for (const auto& r : s.job_runs) catch_ups += r.trigger == "catch_up";
  std::cout << s.job_runs.size() << " job runs (" << catch_ups << " catch-up), "
            << s.register_batches.size() << " register batches\n";

  // Every run: a scheduled one (or its catch-up), both kinds, ok.
  std::set<std::tuple<std::int64_t, std::string, std::int64_t>> seen;
  for (const auto& r : s.job_runs) {
    EXPECT_EQ(r.outcome, "ok") << describe(r);
    EXPECT_TRUE(r.trigger == "schedule" || r.trigger == "catch_up") << describe(r);
    EXPECT_EQ(r.kinds, kKinds) << describe(r);
    ASSERT_TRUE(r.nominal_us && r.finished_us) << describe(r);
    for (const auto& kind : r.kinds)
      EXPECT_TRUE(seen.emplace(r.meter_id, kind, *r.nominal_us).second)
          << "duplicate (meter, " << kind << ", nominal): " << describe(r);
  }

  // Every register batch comes from exactly one ok job run, complete; every ok run that
  // read registers stored exactly one batch.
  std::map<std::int64_t, int> batches_of_run;
  for (const auto& b : s.register_batches) {
    std::vector<const JobRunRow*> owners;
    for (const auto* r : s.runs_of(b.meter_id))
      if (r->outcome == "ok" && r->has_kind("registers") && r->started_us <= b.read_at_us &&
          b.read_at_us <= r->finished_us.value_or(0))
        owners.push_back(r);
    ASSERT_EQ(owners.size(), 1u) << "meter " << b.meter_id << ", batch read at "
                                 << iso(b.read_at_us);
    EXPECT_EQ(static_cast<std::int64_t>(b.rows), owners[0]->kind_values.at("registers"))
        << describe(*owners[0]);
    EXPECT_EQ(b.rows, 4u) << describe(*owners[0]);
    ++batches_of_run[owners[0]->id];
  }
  for (const auto& r : s.job_runs) {
    if (r.outcome == "ok" && r.has_kind("registers")) {
      EXPECT_EQ(batches_of_run[r.id], 1) << "stored batches of " << describe(r);
    }
  }

  const auto first_ready = instances.front().ready_us;
  const auto last_end = instances.back().ended_us;
  for (const auto& m : meters) {
    SCOPED_TRACE("meter " + m.serial);
    const auto id = s.meter_ids.at(m.serial);
    const auto runs = s.runs_of(id);
    for (const auto& kind : kKinds) {
      SCOPED_TRACE(kind);
      std::map<std::int64_t, const JobRunRow*> by_nominal;  // this kind's runs
      for (const auto* r : runs)
        if (r->has_kind(kind)) by_nominal[*r->nominal_us] = r;
      ASSERT_FALSE(by_nominal.empty());

      // The checkpoint names the last fire time that ran.
      const auto checkpoint = s.checkpoints.find({id, "schedule:" + kind});
      ASSERT_NE(checkpoint, s.checkpoints.end());
      const auto at = parse_iso8601(checkpoint->second);
      ASSERT_TRUE(at) << checkpoint->second;
      EXPECT_EQ(to_unix_micros(*at), by_nominal.rbegin()->first)
          << "checkpoint " << checkpoint->second;

      // A fire time that finds the meter's previous job still running waits for it, and a
      // later fire merges into that waiting job (one job per meter): the run then carries
      // the later nominal time. That happens only when the job before T ended after T.
      const auto busy_at = [&](std::int64_t t) {
        const auto next = by_nominal.upper_bound(t);
        if (next == by_nominal.begin()) return false;
        const auto* before = std::prev(next)->second;
        return before->finished_us && *before->finished_us > t;
      };

      // Up from before T until T + 1.5 s: T ran (a schedule fire merged into a waiting
      // catch-up job keeps the catch-up trigger, so either trigger counts).
      for (const auto& instance : instances)
        for (auto t = next_fire_after(instance.ready_us, kCycleUs);
             t + kCollectUs < instance.ended_us; t += kCycleUs)
          EXPECT_TRUE(by_nominal.count(t) || busy_at(t))
              << "no run for " << iso(t) << " while jemhead was up";

      // Any fire time at all since the first start: it ran, or the next run after it is
      // the catch-up a restart made for everything missed.
      for (auto t = next_fire_after(first_ready, kCycleUs); t + kCollectUs < last_end;
           t += kCycleUs) {
        if (by_nominal.count(t)) continue;
        const auto next = by_nominal.upper_bound(t);
        ASSERT_NE(next, by_nominal.end()) << "nothing ran after " << iso(t);
        EXPECT_TRUE(next->second->trigger == "catch_up" || busy_at(t))
            << iso(t) << " neither ran nor was caught up; next: " << describe(*next->second);
      }

      // Catch-ups happen when a jemhead starts (nominal = when it decided), once.
      std::map<std::size_t, int> catch_ups_of_instance;
      for (const auto& [nominal, r] : by_nominal) {
        if (r->trigger != "catch_up") continue;
        // The last jemhead started before it decided; its catch-up is due at once.
        std::size_t i = instances.size();
        while (i > 0 && instances[i - 1].spawned_us > nominal) --i;
        ASSERT_TRUE(i > 0 && nominal <= instances[--i].ready_us + kCycleUs)
            << "catch-up outside any start-up: " << describe(*r);
        EXPECT_EQ(++catch_ups_of_instance[i], 1) << "second catch-up: " << describe(*r);
      }
    }
  }

  // Every stored value is one the simulator served around the time it was read.
  std::map<std::int64_t, std::string> serial_of;
  for (const auto& [serial, id] : s.meter_ids) serial_of[id] = serial;
  std::map<std::string, SimTimeline> timelines;
  for (const auto& m : meters) timelines.emplace(m.serial, SimTimeline::sample(sim, m.serial));
  std::vector<BatchOfMeter> batches;
  for (const auto& b : s.register_batches) batches.emplace_back(serial_of.at(b.meter_id), &b);
  const int broken = count_batches_outside_truth(sim, timelines, batches);
  EXPECT_EQ(broken, 0) << "register batches outside the simulator's truth";
}

}  // namespace
}  // namespace jemhead::testing
