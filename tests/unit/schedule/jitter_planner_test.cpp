// Deterministic jitter (bounds, stability, spread) and the fleet planner on a virtual clock.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <map>

#include "core/schedule/jitter.hpp"
#include "core/schedule/planner.hpp"
#include "schedule_test_support.hpp"

namespace jemhead::schedule {
namespace {

using namespace std::chrono;
using testing::utc;

TEST(Jitter, TenThousandMetersStayInBoundsAndSpreadOut) {
  const Micros max_jitter = seconds{60};
  std::array<int, 10> buckets{};  // 6-second buckets
  for (std::int64_t id = 1; id <= 10000; ++id) {
    const Micros offset = jitter_offset(id, "registers", max_jitter);
    ASSERT_GE(offset.count(), 0) << id;
    ASSERT_LT(offset, max_jitter) << id;
    ++buckets[static_cast<std::size_t>(offset / seconds{6})];
  }
  // Uniform would be 1000 per bucket; binomial sd is ~30, so 850..1150 is a loose bound that
  // still fails for any clustering (and far below "two thirds in one bucket").
  for (int count : buckets) {
    EXPECT_GT(count, 850);
    EXPECT_LT(count, 1150);
  }
}

TEST(Jitter, StableAcrossRunsAndIndependentOfTheStandardLibrary) {
  // Pinned values, computed by an independent implementation of the same hash: a change
  // here would move every meter's collection time after an upgrade.
  EXPECT_EQ(stable_hash(12345, "load_profile"), 0xc54d7b8e8249b651ull);
  EXPECT_EQ(stable_hash(0, ""), 0x813f0174a2367c13ull);
  EXPECT_EQ(jitter_offset(42, "registers", seconds{60}), Micros{27012074});
}

TEST(Jitter, DependsOnTheScheduleToo) {
  int same = 0;
  for (std::int64_t id = 1; id <= 1000; ++id)
    same += jitter_offset(id, "registers", seconds{60}) == jitter_offset(id, "status", seconds{60});
  EXPECT_LT(same, 5);
}

TEST(Jitter, ZeroOrNegativeMaximumMeansNoJitter) {
  EXPECT_EQ(jitter_offset(7, "registers", Micros{0}).count(), 0);
  EXPECT_EQ(jitter_offset(7, "registers", Micros{-5}).count(), 0);
  EXPECT_EQ(jitter_offset(7, "registers", Micros{1}).count(), 0);
}

PlanEntry entry(std::int64_t meter, const char* spec, std::optional<UtcTime> last = {}) {
  PlanEntry e;
  e.meter_id = meter;
  e.schedule_key = "registers";
  e.spec = parse_schedule_spec(spec);
  e.last_fire = last;
  return e;
}

TEST(Planner, OrdersEventsByDueTimeThenMeter) {
  VirtualClock clock(utc("2026-11-23T10:00:00Z"));
  std::vector<PlanEntry> entries;
  entries.push_back(entry(3, R"({"every_minutes": 15})"));
  entries.push_back(entry(1, R"({"every_minutes": 30})"));
  entries.push_back(entry(2, R"({"cron": "0 5 * * * *"})"));
  const auto events = plan_window(entries, clock, utc("2026-11-23T11:00:00Z"));
  std::vector<std::pair<std::string, std::int64_t>> got;
  for (const PlannedEvent& e : events) got.emplace_back(format_iso8601(e.due), e.meter_id);
  const std::vector<std::pair<std::string, std::int64_t>> want = {
      {"2026-11-23T10:00:00.000000Z", 1}, {"2026-11-23T10:00:00.000000Z", 3},
      {"2026-11-23T10:05:00.000000Z", 2}, {"2026-11-23T10:15:00.000000Z", 3},
      {"2026-11-23T10:30:00.000000Z", 1}, {"2026-11-23T10:30:00.000000Z", 3},
      {"2026-11-23T10:45:00.000000Z", 3}, {"2026-11-23T11:00:00.000000Z", 1},
      {"2026-11-23T11:00:00.000000Z", 3}};
  EXPECT_EQ(got, want);
  EXPECT_EQ(clock.now(), utc("2026-11-23T11:00:00Z"));
}

TEST(Planner, JitterIsAddedToTheNominalTime) {
  VirtualClock clock(utc("2026-11-23T10:00:00.5Z"));
  std::vector<PlanEntry> entries;
  for (std::int64_t id = 1; id <= 50; ++id)
    entries.push_back(entry(id, R"({"every_minutes": 1, "max_jitter_seconds": 20})"));
  const auto events = plan_window(entries, clock, utc("2026-11-23T10:05:00Z"));
  ASSERT_EQ(events.size(), 50u * 4);  // 10:01, 10:02, 10:03, 10:04 (+jitter < 20 s)
  EXPECT_TRUE(std::is_sorted(events.begin(), events.end(),
                             [](const auto& a, const auto& b) { return a.due < b.due; }));
  for (const PlannedEvent& e : events) {
    EXPECT_EQ(e.due - e.nominal, jitter_offset(e.meter_id, "registers", seconds{20}));
    EXPECT_EQ(e.nominal.time_since_epoch() % minutes{1}, Micros{0});
  }
}

TEST(Planner, TenThousandMetersOneMinuteScheduleFiveCycles) {
  VirtualClock clock(utc("2026-11-23T10:00:00.5Z"));
  std::vector<PlanEntry> entries;
  entries.reserve(10000);
  const ScheduleSpec shared =
      parse_schedule_spec(R"({"every_minutes": 1, "max_jitter_seconds": 30})");
  for (std::int64_t id = 1; id <= 10000; ++id) {
    PlanEntry e;
    e.meter_id = id;
    e.schedule_key = "registers";
    e.spec = shared;  // one schedule instance serves the whole fleet
    entries.push_back(std::move(e));
  }
  const auto events = plan_window(entries, clock, utc("2026-11-23T10:05:59Z"));
  ASSERT_EQ(events.size(), 50000u);
  std::map<std::int64_t, int> per_meter;
  for (const PlannedEvent& e : events) ++per_meter[e.meter_id];
  EXPECT_EQ(per_meter.size(), 10000u);
  for (const auto& [id, n] : per_meter) ASSERT_EQ(n, 5) << id;
  // No second of the 30-second jitter window carries more than 2/30 of a cycle's meters.
  std::map<std::int64_t, int> per_second;
  for (const PlannedEvent& e : events)
    if (e.nominal == utc("2026-11-23T10:01:00Z"))
      ++per_second[duration_cast<seconds>(e.due - e.nominal).count()];
  EXPECT_EQ(per_second.size(), 30u);
  for (const auto& [s, n] : per_second) EXPECT_LT(n, 10000 * 2 / 30) << s;
}

TEST(Planner, RunOnceMisfireCatchesUpWithJitterThenFollowsTheSchedule) {
  VirtualClock clock(utc("2026-11-23T11:07:00Z"));
  std::vector<PlanEntry> entries;
  entries.push_back(entry(9, R"({"every_minutes": 15})", utc("2026-11-23T10:00:00Z")));
  entries.push_back(
      entry(8, R"({"every_minutes": 15, "misfire": "skip"})", utc("2026-11-23T10:00:00Z")));
  const auto events = plan_window(entries, clock, utc("2026-11-23T11:30:00Z"));
  ASSERT_EQ(events.size(), 5u);
  EXPECT_EQ(events[0].meter_id, 9);
  EXPECT_TRUE(events[0].catch_up);
  EXPECT_EQ(events[0].due, utc("2026-11-23T11:07:00Z"));
  const std::vector<std::int64_t> order = {events[1].meter_id, events[2].meter_id,
                                           events[3].meter_id, events[4].meter_id};
  EXPECT_EQ(order, (std::vector<std::int64_t>{8, 9, 8, 9}));
  EXPECT_EQ(events[1].due, utc("2026-11-23T11:15:00Z"));
  EXPECT_EQ(events[4].due, utc("2026-11-23T11:30:00Z"));
  EXPECT_FALSE(events[1].catch_up);
}

TEST(Planner, DisabledEntriesQueueNothingUntilEnabled) {
  Planner planner;
  const UtcTime start = utc("2026-11-23T10:00:00.5Z");
  const std::size_t on = planner.add(entry(1, R"({"every_minutes": 10})"), start);
  const std::size_t off =
      planner.add(entry(2, R"({"every_minutes": 10, "enabled": false})"), start);
  auto due = planner.take_due(utc("2026-11-23T10:10:00Z"));
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].entry, on);

  planner.set_enabled(on, false, utc("2026-11-23T10:12:00Z"));
  planner.set_enabled(off, true, utc("2026-11-23T10:12:00Z"));
  due = planner.take_due(utc("2026-11-23T10:40:00Z"));
  ASSERT_EQ(due.size(), 3u);  // only meter 2: 10:20, 10:30, 10:40
  for (const PlannedEvent& e : due) EXPECT_EQ(e.meter_id, 2);
  EXPECT_EQ(due[0].due, utc("2026-11-23T10:20:00Z"));

  // Re-enabled after missing 10:20..10:40: run_once catches up at once, then 10:50.
  planner.set_enabled(on, true, utc("2026-11-23T10:41:00Z"));
  due = planner.take_due(utc("2026-11-23T10:41:00Z"));
  ASSERT_EQ(due.size(), 1u);
  EXPECT_TRUE(due[0].catch_up);
  EXPECT_EQ(due[0].meter_id, 1);
  EXPECT_EQ(planner.next_due(), utc("2026-11-23T10:50:00Z"));
}

TEST(Planner, AFireMissedBeforeAnEntrysFirstRunIsCaughtUpFromWhenItsMeterWasAdded) {
  // Meter 1 was added at 10:01, so the 10:15 fire it never ran (a crash) is caught up at
  // 10:16. Meter 2 was added at 10:15:30: nothing of its schedule passed yet. Meter 3 has
  // a run after its creation: its last fire wins, and 10:15 came after it.
  Planner planner;
  const UtcTime now = utc("2026-11-23T10:16:00Z");
  auto added_before = entry(1, R"({"every_minutes": 15})");
  added_before.since = utc("2026-11-23T10:01:00Z");
  auto added_after = entry(2, R"({"every_minutes": 15})");
  added_after.since = utc("2026-11-23T10:15:30Z");
  auto ran = entry(3, R"({"every_minutes": 15})", utc("2026-11-23T10:15:00Z"));
  ran.since = utc("2026-11-23T09:00:00Z");
  planner.add(added_before, now);
  planner.add(added_after, now);
  planner.add(ran, now);
  auto due = planner.take_due(now);
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].meter_id, 1);
  EXPECT_TRUE(due[0].catch_up);
  EXPECT_EQ(due[0].nominal, now);
  due = planner.take_due(utc("2026-11-23T10:30:00Z"));
  ASSERT_EQ(due.size(), 3u);
  for (const PlannedEvent& e : due) {
    EXPECT_EQ(e.nominal, utc("2026-11-23T10:30:00Z")) << e.meter_id;
    EXPECT_FALSE(e.catch_up) << e.meter_id;
  }
}

TEST(Planner, ANeverRunEntryWithSkipWaitsForItsNextFireEvenIfOneWasMissed) {
  Planner planner;
  auto e = entry(1, R"({"every_minutes": 15, "misfire": "skip"})");
  e.since = utc("2025-11-23T10:01:00Z");  // a year of missed fires: none is caught up
  planner.add(e, utc("2026-11-23T10:16:00Z"));
  EXPECT_TRUE(planner.take_due(utc("2026-11-23T10:16:00Z")).empty());
  EXPECT_EQ(planner.next_due(), utc("2026-11-23T10:30:00Z"));
}

}  // namespace
}  // namespace jemhead::schedule
