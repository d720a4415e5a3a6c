// What the scheduler loads at start: every meter with its own and its group's schedules,
// schedule checkpoints by key prefix, and the schedules_json columns of meters and groups.
#include <gtest/gtest.h>

#include <chrono>

#include "storage_test_support.hpp"

namespace jemhead::storage::testing {
namespace {

using StorageScheduleSources = StorageTest;

constexpr const char* kGroupSchedules = R"({"registers":{"every_minutes":15,"jitter_s":30}})";
constexpr const char* kMeterSchedules = R"({"status":{"cron":"0 */5 * * * *"}})";

TEST_F(StorageScheduleSources, MetersAndGroupsKeepTheirSchedulesJson) {
  Group g;
  g.name = "sched-north";
  g.schedules_json = kGroupSchedules;
  std::int64_t group = repo->insert_group(g);
  EXPECT_EQ(repo->find_group(group)->schedules_json, kGroupSchedules);
  EXPECT_EQ(repo->list_groups({})[0].schedules_json, kGroupSchedules);

  Group plain;
  plain.name = "sched-plain";
  std::int64_t plain_id = repo->insert_group(plain);
  EXPECT_EQ(repo->find_group(plain_id)->schedules_json, "{}");

  Group changed = *repo->find_group(group);
  changed.schedules_json = R"({"pqdif":{"pqdif":"daily"}})";
  ASSERT_TRUE(repo->update_group(changed));
  EXPECT_EQ(repo->find_group(group)->schedules_json, changed.schedules_json);

  Meter m = sample_meter("SCH-1");
  m.schedules_json = kMeterSchedules;
  std::int64_t meter = repo->insert_meter(m);
  EXPECT_EQ(repo->find_meter(meter)->schedules_json, kMeterSchedules);
  EXPECT_EQ(repo->find_meter_by_serial("SCH-1")->schedules_json, kMeterSchedules);
  EXPECT_EQ(repo->list_meters({}, {})[0].schedules_json, kMeterSchedules);

  Meter updated = *repo->find_meter(meter);
  updated.schedules_json = "{}";
  ASSERT_TRUE(repo->update_meter(updated));
  EXPECT_EQ(repo->find_meter(meter)->schedules_json, "{}");

  Meter defaults;
  defaults.serial = "SCH-DEFAULT";
  EXPECT_EQ(repo->find_meter(repo->insert_meter(defaults))->schedules_json, "{}");
}

TEST_F(StorageScheduleSources, EveryMeterWithAndWithoutAGroupInIdOrder) {
  Group g;
  g.name = "sched-group";
  g.schedules_json = kGroupSchedules;
  std::int64_t group = repo->insert_group(g);
  Group empty_group;
  empty_group.name = "sched-empty";
  std::int64_t empty_group_id = repo->insert_group(empty_group);

  Meter in_group = sample_meter("SRC-1");
  in_group.group_id = group;
  in_group.enabled = true;
  in_group.time_zone = "America/Chicago";
  in_group.schedules_json = kMeterSchedules;
  std::int64_t a = repo->insert_meter(in_group);

  Meter no_group = sample_meter("SRC-2");
  no_group.enabled = false;
  no_group.time_zone = "Asia/Kolkata";
  no_group.schedules_json = "{}";
  std::int64_t b = repo->insert_meter(no_group);

  Meter in_empty_group = sample_meter("SRC-3");
  in_empty_group.group_id = empty_group_id;
  in_empty_group.enabled = true;
  in_empty_group.time_zone = "UTC";
  in_empty_group.schedules_json = "{}";
  std::int64_t c = repo->insert_meter(in_empty_group);

  Meter group_only = sample_meter("SRC-4");
  group_only.group_id = group;
  group_only.schedules_json = "{}";
  std::int64_t d = repo->insert_meter(group_only);

  auto sources = repo->schedule_sources();
  ASSERT_EQ(sources.size(), 4u);
  EXPECT_EQ(sources[0].meter_id, a);
  EXPECT_TRUE(sources[0].enabled);
  EXPECT_EQ(sources[0].group_id, group);
  EXPECT_EQ(sources[0].time_zone, "America/Chicago");
  EXPECT_EQ(sources[0].meter_schedules_json, kMeterSchedules);
  EXPECT_EQ(sources[0].group_schedules_json, kGroupSchedules);
  // Its schedules count from when it was added (catch-up of a never-run entry).
  EXPECT_EQ(sources[0].created_at, repo->find_meter(a)->created_at);

  EXPECT_EQ(sources[1].meter_id, b);
  EXPECT_FALSE(sources[1].enabled);
  EXPECT_FALSE(sources[1].group_id.has_value());
  EXPECT_EQ(sources[1].time_zone, "Asia/Kolkata");
  EXPECT_EQ(sources[1].meter_schedules_json, "{}");
  EXPECT_EQ(sources[1].group_schedules_json, "{}");

  EXPECT_EQ(sources[2].meter_id, c);
  EXPECT_EQ(sources[2].group_id, empty_group_id);
  EXPECT_EQ(sources[2].group_schedules_json, "{}");

  EXPECT_EQ(sources[3].meter_id, d);
  EXPECT_FALSE(sources[3].enabled);  // sample_meter is disabled
  EXPECT_EQ(sources[3].meter_schedules_json, "{}");
  EXPECT_EQ(sources[3].group_schedules_json, kGroupSchedules);

  // A change to the group's schedules shows for all its meters at the next load.
  Group changed = *repo->find_group(group);
  changed.schedules_json = R"({"status":{"every_minutes":1}})";
  ASSERT_TRUE(repo->update_group(changed));
  sources = repo->schedule_sources();
  EXPECT_EQ(sources[0].group_schedules_json, changed.schedules_json);
  EXPECT_EQ(sources[3].group_schedules_json, changed.schedules_json);
}

TEST_F(StorageScheduleSources, EmptyFleetHasNoSources) {
  EXPECT_TRUE(repo->schedule_sources().empty());
}

TEST_F(StorageScheduleSources, TenThousandMetersLoadInOneFastQuery) {
  Group g;
  g.name = "sched-fleet";
  g.schedules_json = kGroupSchedules;
  std::int64_t group = repo->insert_group(g);
  constexpr int kMeters = 10'000;
  repo->transact([&](Store& s) {
    for (int i = 0; i < kMeters; ++i) {
      Meter m;
      m.serial = "FLEET-" + std::to_string(i);
      if (i % 2 == 0) m.group_id = group;
      if (i % 3 == 0) m.schedules_json = kMeterSchedules;
      s.insert_meter(m);
    }
  });
  auto started = std::chrono::steady_clock::now();
  auto sources = repo->schedule_sources();
  auto elapsed = std::chrono::steady_clock::now() - started;
  ASSERT_EQ(sources.size(), static_cast<std::size_t>(kMeters));
  for (std::size_t i = 1; i < sources.size(); ++i)
    ASSERT_LT(sources[i - 1].meter_id, sources[i].meter_id) << i;
  EXPECT_EQ(sources[0].group_schedules_json, kGroupSchedules);
  EXPECT_EQ(sources[0].meter_schedules_json, kMeterSchedules);
  EXPECT_EQ(sources[1].group_schedules_json, "{}");
  EXPECT_FALSE(sources[1].group_id.has_value());
  EXPECT_EQ(sources[1].meter_schedules_json, "{}");
  // Typically a few milliseconds; the bound only catches a per-meter query creeping in on a
  // busy shared machine.
  EXPECT_LT(elapsed, std::chrono::seconds(2));
}

TEST_F(StorageScheduleSources, CheckpointsWithPrefixSpanAllMetersAndMatchAPrefixOnly) {
  std::int64_t m1 = add_meter("CPP-1");
  std::int64_t m2 = add_meter("CPP-2");
  repo->set_checkpoint(m2, "schedule:registers", "2026-01-01T00:15:00Z");
  repo->set_checkpoint(m1, "schedule:status", "2026-01-01T00:05:00Z");
  repo->set_checkpoint(m1, "schedule:registers", "2026-01-01T00:00:00Z");
  repo->set_checkpoint(m1, "schedule_x", "not a schedule key");
  repo->set_checkpoint(m1, "lp1", "42");
  repo->set_checkpoint(m2, "xschedule:registers", "prefix must be at the start");

  auto found = repo->checkpoints_with_prefix("schedule:");
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].meter_id, m1);
  EXPECT_EQ(found[0].key, "schedule:registers");
  EXPECT_EQ(found[0].value, "2026-01-01T00:00:00Z");
  EXPECT_EQ(found[1].meter_id, m1);
  EXPECT_EQ(found[1].key, "schedule:status");
  EXPECT_EQ(found[1].value, "2026-01-01T00:05:00Z");
  EXPECT_EQ(found[2].meter_id, m2);
  EXPECT_EQ(found[2].key, "schedule:registers");
  EXPECT_EQ(found[2].value, "2026-01-01T00:15:00Z");

  // LIKE wildcards in the prefix are literal characters.
  EXPECT_TRUE(repo->checkpoints_with_prefix("schedule%").empty());
  ASSERT_EQ(repo->checkpoints_with_prefix("schedule_").size(), 1u);
  EXPECT_EQ(repo->checkpoints_with_prefix("schedule_")[0].key, "schedule_x");
  EXPECT_TRUE(repo->checkpoints_with_prefix("nothing:").empty());
  EXPECT_EQ(repo->checkpoints_with_prefix("").size(), 6u);

  // Deleted with their meter.
  ASSERT_TRUE(repo->delete_meter(m1));
  found = repo->checkpoints_with_prefix("schedule:");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].meter_id, m2);
}

}  // namespace
}  // namespace jemhead::storage::testing
