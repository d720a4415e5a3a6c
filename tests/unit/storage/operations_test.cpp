// Checkpoints, job runs, configuration versions and the audit log.
#include <gtest/gtest.h>

#include "storage_test_support.hpp"

namespace jemhead::storage::testing {
namespace {

// Job runs of one meter (or all), oldest first.
JobFilter runs_of(std::optional<std::int64_t> meter_id) {
  JobFilter filter;
  filter.meter_id = meter_id;
  filter.newest_first = false;
  return filter;
}

TEST_F(StorageTest, CheckpointsAreSetReplacedAndPerMeterAndKey) {
  std::int64_t m1 = add_meter("CP-1");
  std::int64_t m2 = add_meter("CP-2");
  EXPECT_FALSE(repo->checkpoint(m1, "lp1").has_value());
  repo->set_checkpoint(m1, "lp1", "2026-01-01T00:15:00.000000Z");
  repo->set_checkpoint(m1, "events", "4711");
  repo->set_checkpoint(m2, "lp1", "other");
  repo->set_checkpoint(m1, "lp1", "2026-01-01T00:30:00.000000Z");

  EXPECT_EQ(repo->checkpoint(m1, "lp1"), "2026-01-01T00:30:00.000000Z");
  EXPECT_EQ(repo->checkpoint(m1, "events"), "4711");
  EXPECT_EQ(repo->checkpoint(m2, "lp1"), "other");
  EXPECT_FALSE(repo->checkpoint(m2, "events").has_value());
  EXPECT_THROW(repo->set_checkpoint(999, "lp1", "x"), NotFound);
}

TEST_F(StorageTest, JobRunsRoundTripAndUpdate) {
  std::int64_t meter = add_meter("J-1");
  std::int64_t other = add_meter("J-2");
  JobRun run;
  run.meter_id = meter;
  run.kind = "load_profile";
  run.started_at = at_us(1'700'000'000'000'001);
  run.id = repo->insert_job_run(run);
  JobRun other_run = run;
  other_run.meter_id = other;
  other_run.kind = "registers";
  other_run.id = repo->insert_job_run(other_run);

  auto runs = repo->job_runs(runs_of(meter), {});
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0].id, run.id);
  EXPECT_EQ(runs[0].meter_id, meter);
  EXPECT_EQ(runs[0].kind, "load_profile");
  EXPECT_EQ(runs[0].started_at, run.started_at);
  EXPECT_FALSE(runs[0].finished_at.has_value());
  EXPECT_EQ(runs[0].outcome, "running");
  EXPECT_EQ(runs[0].values, 0);
  EXPECT_EQ(runs[0].bytes, 0);
  EXPECT_EQ(runs[0].error, "");

  run.finished_at = at_us(1'700'000'005'000'002);
  run.outcome = "partial";
  run.values = 9216;
  run.bytes = 40960;
  run.error = "timeout after interval 2026-01-01T00:15:00Z";
  ASSERT_TRUE(repo->update_job_run(run));
  auto updated = repo->job_runs(runs_of(meter), {});
  ASSERT_EQ(updated.size(), 1u);
  EXPECT_EQ(updated[0].finished_at, run.finished_at);
  EXPECT_EQ(updated[0].outcome, "partial");
  EXPECT_EQ(updated[0].values, 9216);
  EXPECT_EQ(updated[0].bytes, 40960);
  EXPECT_EQ(updated[0].error, run.error);

  auto all = repo->job_runs(runs_of(std::nullopt), {});
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[1].id, other_run.id);
  EXPECT_EQ(all[1].kind, "registers");
  Page page;
  page.after_id = run.id;
  ASSERT_EQ(repo->job_runs(runs_of(std::nullopt), page).size(), 1u);

  JobRun missing = run;
  missing.id = 12345;
  EXPECT_FALSE(repo->update_job_run(missing));
  JobRun ghost = run;
  ghost.meter_id = 777;
  EXPECT_THROW(repo->insert_job_run(ghost), NotFound);
}

TEST_F(StorageTest, ConfigVersionsAreNumberedPerMeter) {
  std::int64_t m1 = add_meter("CFG-1");
  std::int64_t m2 = add_meter("CFG-2");
  ConfigVersion v;
  v.meter_id = m1;
  v.version = 42;  // ignored: the store assigns the number
  v.created_at = at_us(1'700'000'000'000'000);
  v.author = "alice";
  v.reason = "initial";
  v.document_json = R"({"demand_interval":15})";
  ConfigVersion first = repo->insert_config_version(v);
  EXPECT_GT(first.id, 0);
  EXPECT_EQ(first.version, 1);
  EXPECT_EQ(first.meter_id, m1);
  EXPECT_EQ(first.created_at, v.created_at);

  v.reason = "second";
  v.document_json = R"({"demand_interval":30})";
  ConfigVersion second = repo->insert_config_version(v);
  EXPECT_EQ(second.version, 2);
  v.meter_id = m2;
  EXPECT_EQ(repo->insert_config_version(v).version, 1);

  auto versions = repo->config_versions(m1);
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[0].id, first.id);
  EXPECT_EQ(versions[0].version, 1);
  EXPECT_EQ(versions[0].meter_id, m1);
  EXPECT_EQ(versions[0].author, "alice");
  EXPECT_EQ(versions[0].reason, "initial");
  EXPECT_EQ(versions[0].document_json, R"({"demand_interval":15})");
  EXPECT_EQ(versions[0].created_at, v.created_at);
  EXPECT_EQ(versions[1].id, second.id);
  EXPECT_EQ(versions[1].version, 2);
  EXPECT_EQ(versions[1].reason, "second");

  v.meter_id = 5150;
  EXPECT_THROW(repo->insert_config_version(v), NotFound);
}

TEST_F(StorageTest, AuditLogFiltersByActorTargetAndTime) {
  auto entry = [](std::int64_t at, const std::string& actor, const std::string& action,
                  const std::string& target) {
    AuditEntry e;
    e.at = at_us(at);
    e.actor = actor;
    e.action = action;
    e.target = target;
    e.detail_json = R"({"n":)" + std::to_string(at) + "}";
    return e;
  };
  std::int64_t a = repo->append_audit(entry(100, "alice", "meter.create", "meter/1"));
  std::int64_t b = repo->append_audit(entry(200, "bob", "meter.update", "meter/1"));
  std::int64_t c = repo->append_audit(entry(300, "alice", "group.delete", "group/4"));

  auto all = repo->audit({}, {});
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].id, a);
  EXPECT_EQ(all[0].at, at_us(100));
  EXPECT_EQ(all[0].actor, "alice");
  EXPECT_EQ(all[0].action, "meter.create");
  EXPECT_EQ(all[0].target, "meter/1");
  EXPECT_EQ(all[0].detail_json, R"({"n":100})");

  AuditFilter by_actor;
  by_actor.actor = "alice";
  auto alice = repo->audit(by_actor, {});
  ASSERT_EQ(alice.size(), 2u);
  EXPECT_EQ(alice[0].id, a);
  EXPECT_EQ(alice[1].id, c);

  AuditFilter by_target;
  by_target.target = "meter/1";
  by_target.time.from = at_us(150);
  auto meter1 = repo->audit(by_target, {});
  ASSERT_EQ(meter1.size(), 1u);
  EXPECT_EQ(meter1[0].id, b);

  AuditFilter before;
  before.time.to = at_us(200);
  ASSERT_EQ(repo->audit(before, {}).size(), 1u);

  Page page;
  page.after_id = a;
  page.limit = 1;
  auto paged = repo->audit({}, page);
  ASSERT_EQ(paged.size(), 1u);
  EXPECT_EQ(paged[0].id, b);
}

TEST_F(StorageTest, AuditEntryWithoutTimeGetsTheCurrentTime) {
  AuditEntry e;
  e.actor = "svc";
  e.action = "x";
  UtcTime before = utc_now();
  repo->append_audit(e);
  auto all = repo->audit({}, {});
  ASSERT_EQ(all.size(), 1u);
  EXPECT_GE(all[0].at, before);
  EXPECT_LE(all[0].at, utc_now());
  EXPECT_EQ(all[0].detail_json, "{}");
}

}  // namespace
}  // namespace jemhead::storage::testing
