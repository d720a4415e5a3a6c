// Issue 4, "Tests": jemsim with 200 Modbus TCP meters, jemhead collecting registers and
// status from all of them on a schedule for five cycles, 10 % of the meters faulty (no
// answer, slow, garbage). Every healthy meter must be collected once per cycle, on time,
// and store values the simulator really served; the faulty ones must fail with the right
// error after the profile's retries, turn unhealthy after three failed jobs, and still be
// tried every cycle.
//
// The issue asks for a 1-minute schedule; the cycle here is 4 s ("*/4 * * * * *") so that
// five cycles fit in a test. Nothing in the engine depends on the period.
//
// Values: simulated time runs (time factor 3600) rather than being frozen, so each cycle
// reads different counters and a value stored for the wrong cycle (or a stale one) is
// caught. Each stored counter read at wall time t must lie between the truth at simulated
// sim(t - 0.5 s) and sim(t + 0.5 s): counters never decrease, and the request that
// produced the value reached the meter shortly before t. Between two cycles the counters
// move eight times the width of that window.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>
#include <thread>

#include "tests/integration/engine/engine_db.hpp"
#include "tests/integration/engine/engine_rig.hpp"
#include "tests/integration/support/daemons.hpp"

namespace jemhead::testing {
namespace {

namespace json = boost::json;

constexpr int kMeters = 200;
constexpr int kCycles = 5;
constexpr std::int64_t kCycleUs = 4 * kMicrosPerSecond;
// A cycle's jobs are all committed by then: a faulty meter's job takes 2 kinds x 2 tries x
// 300 ms.
constexpr std::int64_t kSettleUs = 2500 * 1000;
constexpr int kRetries = 1;
constexpr int kTimeoutMs = 300;

struct Fault {
  std::string mode;
  int delay_ms = 0;
  std::string error_type;  // what the job run must report
};

const Fault kFaults[] = {
    {"no_answer", 0, "timeout"},
    {"slow", 1000, "timeout"},  // answers, but after the 300 ms timeout
    {"garbage", 0, "bad_response"},
};

void sleep_until_wall_us(std::int64_t us) {
  std::this_thread::sleep_until(
      std::chrono::system_clock::time_point(std::chrono::microseconds(us)));
}

std::string describe(const JobRunRow& r) {
  return "job run " + std::to_string(r.id) + " (meter " + std::to_string(r.meter_id) + ", " +
         r.trigger + ", nominal " + (r.nominal_us ? iso(*r.nominal_us) : "none") + ", " +
         r.outcome + " " + r.error_type + " " + r.error + ")";
}

// The job runs of one meter for one nominal fire time.
std::vector<const JobRunRow*> runs_at(const EngineState& s, std::int64_t meter, std::int64_t at) {
  std::vector<const JobRunRow*> out;
  for (const auto* r : s.runs_of(meter))
    if (r->nominal_us == at) out.push_back(r);
  return out;
}

const std::vector<std::string> kKinds = {"registers", "status"};

TEST(EngineFleetEndToEnd, TwoHundredModbusMetersFiveCyclesWithTenPercentFaulty) {
  TempDir dir;
  Jemsim sim(dir, sim_fleet_yaml(kMeters, 3600));
  const auto meters = sim_modbus_meters(sim);
  ASSERT_EQ(meters.size(), static_cast<std::size_t>(kMeters));

  // Every tenth meter is faulty, the three modes in turn, before jemhead ever sees it.
  std::map<std::string, Fault> faulty;
  for (std::size_t i = 0; i < meters.size(); i += 10) {
    const auto& fault = kFaults[(i / 10) % std::size(kFaults)];
    const auto r =
        sim.call("POST", "/meters/" + meters[i].serial + "/faults",
                 json::serialize(json::object{{"mode", fault.mode}, {"delay_ms", fault.delay_ms}}));
    ASSERT_EQ(r.status, 200) << r.body;
    faulty[meters[i].serial] = fault;
  }
  ASSERT_EQ(faulty.size(), 20u);

  // Backoff at its smallest (1 s, capped at 1 s): an unhealthy meter is skipped for a
  // second after each failure, so it is still tried on every 4 s cycle.
  const std::string engine = "engine: {backoff_base_seconds: 1, backoff_cap_seconds: 1}\n";
  const auto fleet = fleet_section(meters, {"*/4 * * * * *", kTimeoutMs, kRetries});
  Jemhead head(dir, daemon_config(dir, engine + fleet));
  const auto ready_us = wall_now_us();
  const auto data_dir = dir.path() + "/var";

  std::vector<std::int64_t> fires;
  for (int k = 0; k < kCycles; ++k)
    fires.push_back(next_fire_after(ready_us, kCycleUs) + k * kCycleUs);

  // After each cycle: a faulty meter's health follows its failed jobs, in the same commit.
  std::map<std::string, int> failed_before_first;  // fires between engine start and ready
  for (int k = 0; k < kCycles; ++k) {
    sleep_until_wall_us(fires[k] + kSettleUs);
    const auto s = read_engine_state(data_dir);
    for (const auto& [serial, fault] : faulty) {
      SCOPED_TRACE("faulty meter " + serial + " (" + fault.mode + ") after cycle " +
                   std::to_string(k + 1));
      const auto id = s.meter_ids.at(serial);
      const auto runs = s.runs_of(id);
      if (k == 0)
        for (const auto* r : runs) failed_before_first[serial] += r->nominal_us < fires[0];
      const int failures = static_cast<int>(runs.size());
      EXPECT_EQ(failures, failed_before_first[serial] + k + 1);
      const auto h = s.health.find(id);
      ASSERT_NE(h, s.health.end());
      EXPECT_EQ(h->second.consecutive_failures, failures);
      // engine default unhealthy_after: 3
      EXPECT_EQ(h->second.healthy, failures < 3);
    }
  }
  EXPECT_EQ(head.stop(), 0);
  const auto s = read_engine_state(data_dir);
  ASSERT_EQ(s.meter_ids.size(), static_cast<std::size_t>(kMeters));

  // Register batches by meter, for the healthy meters' checks below.
  std::map<std::int64_t, std::vector<const RegisterBatch*>> batches;
  for (const auto& b : s.register_batches) batches[b.meter_id].push_back(&b);

  std::vector<std::pair<std::string, const RegisterBatch*>> to_compare;
  std::int64_t worst_delay_us = 0;
  for (const auto& m : meters) {
    SCOPED_TRACE("meter " + m.serial);
    const auto id = s.meter_ids.at(m.serial);
    const auto all = s.runs_of(id);
    std::set<std::int64_t> nominals;
    for (const auto* r : all) {
      EXPECT_EQ(r->trigger, "schedule") << describe(*r);
      EXPECT_EQ(r->kinds, kKinds) << describe(*r);
      ASSERT_TRUE(r->nominal_us) << describe(*r);
      EXPECT_TRUE(nominals.insert(*r->nominal_us).second) << "duplicate: " << describe(*r);
      EXPECT_EQ(*r->nominal_us % kCycleUs, 0) << "not a fire time: " << describe(*r);
    }

    if (auto f = faulty.find(m.serial); f != faulty.end()) {
      const auto& fault = f->second;
      SCOPED_TRACE("fault " + fault.mode);
      for (auto fire : fires) {
        const auto runs = runs_at(s, id, fire);
        ASSERT_EQ(runs.size(), 1u) << "no job run for " << iso(fire);
        const auto& r = *runs[0];
        EXPECT_EQ(r.outcome, "failed") << describe(r);
        EXPECT_EQ(r.error_type, fault.error_type) << describe(r);
        // The session opened: the retries happen per request inside it (see the request
        // count below), so the job made one connection attempt.
        EXPECT_EQ(r.attempts, 1) << describe(r);
        EXPECT_EQ(r.values, 0) << describe(r);
      }
      for (const auto* r : all) EXPECT_EQ(r->outcome, "failed") << describe(*r);
      EXPECT_EQ(batches.count(id), 0u) << "a faulty meter stored registers";
      const auto h = s.health.at(id);
      EXPECT_FALSE(h.healthy);
      EXPECT_EQ(h.consecutive_failures, static_cast<int>(all.size()));
      ASSERT_TRUE(h.last_failure_us && h.next_attempt_us);
      EXPECT_EQ(*h.next_attempt_us - *h.last_failure_us, kMicrosPerSecond) << "backoff cap";
      // Retried per profile: every request of every job was sent 1 + retries times (2 kinds,
      // one request each). A slow meter's late requests may die unread with the
      // connection, so only the other two modes are counted exactly.
      if (fault.mode != "slow") {
        const auto truth = sim.call("GET", "/meters/" + m.serial + "/modbus");
        ASSERT_EQ(truth.status, 200) << truth.body;
        const auto body = truth.json();
        const auto& stats = body.at("stats").as_object();
        const auto expected = static_cast<std::int64_t>(all.size()) * 2 * (1 + kRetries);
        EXPECT_EQ(stats.at("requests").to_number<std::int64_t>(), expected);
        EXPECT_EQ(stats.at("faults_applied").to_number<std::int64_t>(), expected);
      }
      continue;
    }

    // Healthy: one ok run per cycle, started within a second of its fire time.
    const auto& mine = batches[id];
    for (auto fire : fires) {
      const auto runs = runs_at(s, id, fire);
      ASSERT_EQ(runs.size(), 1u) << "job runs for " << iso(fire);
      const auto& r = *runs[0];
      EXPECT_EQ(r.outcome, "ok") << describe(r);
      EXPECT_EQ(r.attempts, 1) << describe(r);
      const auto delay = r.started_us - fire;
      EXPECT_GE(delay, 0) << describe(r);
      EXPECT_LT(delay, kMicrosPerSecond) << describe(r);
      worst_delay_us = std::max(worst_delay_us, delay);
      EXPECT_EQ(r.kind_values.at("registers"), 4) << describe(r);  // factory map: 4 counters
      EXPECT_EQ(r.kind_values.at("status"), 5) << describe(r);     // and 5 discrete inputs
      EXPECT_EQ(r.values, 9) << describe(r);
      // Exactly one register batch, read while the job ran.
      ASSERT_TRUE(r.finished_us) << describe(r);
      std::vector<const RegisterBatch*> in_job;
      for (const auto* b : mine)
        if (b->read_at_us >= r.started_us && b->read_at_us <= *r.finished_us) in_job.push_back(b);
      ASSERT_EQ(in_job.size(), 1u) << describe(r);
      to_compare.emplace_back(m.serial, in_job[0]);
    }
    for (const auto* r : all) EXPECT_EQ(r->outcome, "ok") << describe(*r);
    EXPECT_EQ(mine.size(), all.size()) << "register batches without a job run";
    if (auto h = s.health.find(id); h != s.health.end()) {
      EXPECT_TRUE(h->second.healthy);
    }
    // Each cycle read new values.
    for (std::size_t i = 1; i < mine.size(); ++i)
      EXPECT_GT(mine[i]->values.at("counter.1") + mine[i]->values.at("counter.2"),
                mine[i - 1]->values.at("counter.1") + mine[i - 1]->values.at("counter.2"));
  }
  std::cout << "worst start delay of a healthy meter: " << worst_delay_us / 1000.0 << " ms\n";

  // Stored values against the simulator's truth, a few meters per thread.
  ASSERT_EQ(to_compare.size(), static_cast<std::size_t>((kMeters - 20) * kCycles));
  std::map<std::string, SimTimeline> timelines;
  for (const auto& m : meters)
    if (!faulty.count(m.serial)) timelines.emplace(m.serial, SimTimeline::sample(sim, m.serial));
  const int broken = count_batches_outside_truth(sim, timelines, to_compare);
  EXPECT_EQ(broken, 0) << "register batches outside the simulator's truth";
}

}  // namespace
}  // namespace jemhead::testing
