// The fleet plan: every enabled meter's effective schedules as planner entries, with the
// last fire times that decide what a restart catches up.
#include "engine/plan_builder.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace jemhead::engine {
namespace {

using std::chrono::minutes;

UtcTime at(const char* iso) {
  const auto t = parse_iso8601(iso);
  if (!t) throw std::invalid_argument(iso);
  return *t;
}

const UtcTime kNow = at("2026-01-15T12:00:00Z");
const std::string kGroup =
    R"({"registers": {"every_minutes": 15}, "status": {"cron": "0 */5 * * * *"}})";

ScheduleSource source(std::int64_t meter, std::string group_json, std::string meter_json = "{}",
                      bool enabled = true) {
  ScheduleSource s;
  s.meter_id = meter;
  s.enabled = enabled;
  s.time_zone = "UTC";
  s.group_schedules_json = std::move(group_json);
  s.meter_schedules_json = std::move(meter_json);
  return s;
}

Checkpoint checkpoint(std::int64_t meter, std::string key, std::string value) {
  return Checkpoint{meter, std::move(key), std::move(value)};
}

// The planner handle of (meter, kind), or size() when the plan has none.
std::size_t handle_of(const FleetPlan& plan, std::int64_t meter, JobKind kind) {
  for (std::size_t h = 0; h < plan.planner.size(); ++h)
    if (plan.planner.entry(h).meter_id == meter && plan.kind_of(h) == kind) return h;
  return plan.planner.size();
}

TEST(EngineRuntimePlanBuilder, OneEntryPerMeterAndKindSkippingDisabledMeters) {
  PlanInputs in;
  in.sources = {source(1, kGroup), source(2, kGroup, "{}", false),
                source(3, "{}", R"({"pqdif": {"pqdif": "hourly"}})"), source(4, "{}")};
  ScheduleResolver resolver;
  const auto plan = build_plan(in, resolver, {}, kNow);

  EXPECT_EQ(plan.scheduled_meters, 2u);  // meter 2 is disabled, meter 4 has no schedules
  ASSERT_EQ(plan.planner.size(), 3u);
  ASSERT_EQ(plan.entry_kinds.size(), 3u);
  EXPECT_TRUE(plan.problems.empty());
  for (std::size_t h = 0; h < plan.planner.size(); ++h) {
    EXPECT_NE(plan.planner.entry(h).meter_id, 2);
    EXPECT_EQ(plan.planner.entry(h).schedule_key, std::string(to_text(plan.kind_of(h))));
  }
  EXPECT_LT(handle_of(plan, 1, JobKind::registers), 3u);
  EXPECT_LT(handle_of(plan, 1, JobKind::status), 3u);
  EXPECT_LT(handle_of(plan, 3, JobKind::pqdif), 3u);
  EXPECT_THROW((void)plan.kind_of(3), std::out_of_range);
}

TEST(EngineRuntimePlanBuilder, NeverRunEntriesStartAtTheirNextFireTime) {
  PlanInputs in;
  in.sources = {source(1, kGroup)};
  ScheduleResolver resolver;
  auto plan = build_plan(in, resolver, {}, kNow + minutes(1));
  // Status every 5 minutes fires first (12:05), then both at 12:15.
  EXPECT_EQ(plan.planner.next_due(), at("2026-01-15T12:05:00Z"));
  EXPECT_TRUE(plan.planner.take_due(kNow + minutes(4)).empty());
  const auto first = plan.planner.take_due(at("2026-01-15T12:05:00Z"));
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(plan.kind_of(first[0].entry), JobKind::status);
  EXPECT_FALSE(first[0].catch_up);
  EXPECT_TRUE(plan.last_fires.empty());
}

TEST(EngineRuntimePlanBuilder, NeverRunEntriesOfAMeterAddedBeforeAMissedFireCatchUp) {
  // Meter 1 was added at 11:50 and jemhead went down before 12:00 ran: the plan built at
  // 12:01 catches 12:00 up for both kinds. Meter 2 was added at 12:00:30, after it.
  PlanInputs in;
  in.sources = {source(1, kGroup), source(2, kGroup)};
  in.sources[0].created_at = at("2026-01-15T11:50:00Z");
  in.sources[1].created_at = at("2026-01-15T12:00:30Z");
  ScheduleResolver resolver;
  auto plan = build_plan(in, resolver, {}, kNow + minutes(1));
  const auto due = plan.planner.take_due(kNow + minutes(1));
  ASSERT_EQ(due.size(), 2u);
  for (const auto& ev : due) {
    EXPECT_EQ(ev.meter_id, 1);
    EXPECT_TRUE(ev.catch_up);
    EXPECT_EQ(ev.nominal, kNow + minutes(1));
  }
  EXPECT_EQ(plan.planner.next_due(), at("2026-01-15T12:05:00Z"));
}

TEST(EngineRuntimePlanBuilder, LastFireComesFromScheduleCheckpoints) {
  PlanInputs in;
  in.sources = {source(1, kGroup)};
  in.checkpoints = {
      checkpoint(1, schedule_checkpoint_key(JobKind::registers), "2026-01-15T11:45:00Z"),
      checkpoint(1, "registers.latest_read_at", "2026-01-15T11:59:00Z"),     // not a fire time
      checkpoint(1, "schedule:voltage", "2026-01-15T11:50:00Z"),             // unknown kind
      checkpoint(1, schedule_checkpoint_key(JobKind::status), "yesterday"),  // unreadable
  };
  ScheduleResolver resolver;
  auto plan = build_plan(in, resolver, {}, kNow);

  const auto registers = handle_of(plan, 1, JobKind::registers);
  const auto status = handle_of(plan, 1, JobKind::status);
  ASSERT_LT(registers, plan.planner.size());
  ASSERT_LT(status, plan.planner.size());
  EXPECT_EQ(plan.planner.entry(registers).last_fire, at("2026-01-15T11:45:00Z"));
  EXPECT_FALSE(plan.planner.entry(status).last_fire);
  ASSERT_EQ(plan.last_fires.size(), 1u);
  EXPECT_EQ(plan.last_fires.at(fire_key(1, JobKind::registers)), at("2026-01-15T11:45:00Z"));

  // 11:45 ran, 12:00 is due now: no misfire, no catch-up.
  const auto due = plan.planner.take_due(kNow);
  ASSERT_EQ(due.size(), 2u);
  for (const auto& ev : due) {
    EXPECT_FALSE(ev.catch_up);
    EXPECT_EQ(ev.nominal, kNow);
  }
}

TEST(EngineRuntimePlanBuilder, TheLaterOfCheckpointAndDispatchedWins) {
  PlanInputs in;
  in.sources = {source(1, kGroup), source(2, kGroup)};
  in.checkpoints = {
      checkpoint(1, "schedule:registers", "2026-01-15T11:30:00Z"),
      checkpoint(2, "schedule:registers", "2026-01-15T11:45:00Z"),
  };
  FireTimes dispatched{
      {fire_key(1, JobKind::registers), at("2026-01-15T11:45:00Z")},  // later: wins
      {fire_key(2, JobKind::registers), at("2026-01-15T11:15:00Z")},  // earlier: ignored
      {fire_key(2, JobKind::status), at("2026-01-15T11:55:00Z")},     // only dispatched
  };
  ScheduleResolver resolver;
  const auto plan = build_plan(in, resolver, dispatched, kNow);

  EXPECT_EQ(plan.planner.entry(handle_of(plan, 1, JobKind::registers)).last_fire,
            at("2026-01-15T11:45:00Z"));
  EXPECT_EQ(plan.planner.entry(handle_of(plan, 2, JobKind::registers)).last_fire,
            at("2026-01-15T11:45:00Z"));
  EXPECT_EQ(plan.planner.entry(handle_of(plan, 2, JobKind::status)).last_fire,
            at("2026-01-15T11:55:00Z"));
  EXPECT_FALSE(plan.planner.entry(handle_of(plan, 1, JobKind::status)).last_fire);
  EXPECT_EQ(plan.last_fires.size(), 3u);
}

TEST(EngineRuntimePlanBuilder, ALongAgoLastFireGetsOneCatchUpNow) {
  PlanInputs in;
  in.sources = {source(1, kGroup, R"({"status": {"cron": "0 */5 * * * *", "misfire": "skip"}})")};
  in.checkpoints = {
      checkpoint(1, "schedule:registers", "2026-01-10T08:00:00Z"),
      checkpoint(1, "schedule:status", "2026-01-10T08:00:00Z"),
  };
  ScheduleResolver resolver;
  const UtcTime now = at("2026-01-15T12:07:00Z");
  auto plan = build_plan(in, resolver, {}, now);

  // Registers (run_once): one catch-up at now. Status (skip): nothing until 12:10.
  EXPECT_EQ(plan.planner.next_due(), now);
  const auto due = plan.planner.take_due(now);
  ASSERT_EQ(due.size(), 1u);
  EXPECT_TRUE(due[0].catch_up);
  EXPECT_EQ(due[0].nominal, now);
  EXPECT_EQ(due[0].due, now);  // no jitter configured
  EXPECT_EQ(due[0].meter_id, 1);
  EXPECT_EQ(plan.kind_of(due[0].entry), JobKind::registers);

  EXPECT_EQ(plan.planner.next_due(), at("2026-01-15T12:10:00Z"));
  const auto next = plan.planner.take_due(at("2026-01-15T12:15:00Z"));
  ASSERT_EQ(next.size(), 3u);  // status 12:10, then registers and status at 12:15
  EXPECT_EQ(plan.kind_of(next[0].entry), JobKind::status);
  EXPECT_EQ(next[0].nominal, at("2026-01-15T12:10:00Z"));
  EXPECT_FALSE(next[0].catch_up);
  EXPECT_EQ(next[1].nominal, at("2026-01-15T12:15:00Z"));
  EXPECT_EQ(next[2].nominal, at("2026-01-15T12:15:00Z"));
  EXPECT_FALSE(next[1].catch_up);
  EXPECT_FALSE(next[2].catch_up);
}

TEST(EngineRuntimePlanBuilder, InvalidStoredSpecsAreProblemsNotEntries) {
  PlanInputs in;
  in.sources = {source(1, kGroup, R"({"registers": {"cron": "0 61 * * * *"}})"),
                source(2, "{}", R"({"status": {"every_minutes": 0}})"), source(3, "oops")};
  ScheduleResolver resolver;
  const auto plan = build_plan(in, resolver, {}, kNow);

  ASSERT_EQ(plan.problems.size(), 3u);
  EXPECT_EQ(plan.problems[0].rfind("meter 1: registers: cron minute: bad token '61'", 0), 0u)
      << plan.problems[0];
  EXPECT_EQ(plan.problems[1].rfind("meter 2: status: every_minutes: bad token '0'", 0), 0u)
      << plan.problems[1];
  EXPECT_EQ(plan.problems[2].rfind("meter 3: schedules: not valid JSON", 0), 0u)
      << plan.problems[2];
  // Meter 1 keeps its good schedule; meters 2 and 3 have none left.
  EXPECT_EQ(plan.scheduled_meters, 1u);
  ASSERT_EQ(plan.planner.size(), 1u);
  EXPECT_EQ(plan.planner.entry(0).meter_id, 1);
  EXPECT_EQ(plan.kind_of(0), JobKind::status);
}

TEST(EngineRuntimePlanBuilder, LastFiresKeepsOnlyPairsInThePlan) {
  PlanInputs in;
  in.sources = {source(1, kGroup), source(2, kGroup, "{}", false)};
  in.checkpoints = {
      checkpoint(1, "schedule:registers", "2026-01-15T11:45:00Z"),
      checkpoint(1, "schedule:pqdif", "2026-01-15T02:00:00Z"),       // kind not scheduled
      checkpoint(2, "schedule:registers", "2026-01-15T11:45:00Z"),   // meter disabled
      checkpoint(99, "schedule:registers", "2026-01-15T11:45:00Z"),  // meter deleted
  };
  const FireTimes dispatched{{fire_key(98, JobKind::status), at("2026-01-15T11:55:00Z")}};
  ScheduleResolver resolver;
  const auto plan = build_plan(in, resolver, dispatched, kNow);
  ASSERT_EQ(plan.last_fires.size(), 1u);
  EXPECT_EQ(plan.last_fires.begin()->first, fire_key(1, JobKind::registers));
  EXPECT_EQ(plan.last_fires.begin()->second, at("2026-01-15T11:45:00Z"));
}

TEST(EngineRuntimePlanBuilder, FireKeysAreDistinctPerMeterAndKind) {
  EXPECT_NE(fire_key(1, JobKind::registers), fire_key(1, JobKind::status));
  EXPECT_NE(fire_key(1, JobKind::registers), fire_key(2, JobKind::registers));
  EXPECT_NE(fire_key(1, JobKind::pqdif), fire_key(2, JobKind::registers));
}

}  // namespace
}  // namespace jemhead::engine
