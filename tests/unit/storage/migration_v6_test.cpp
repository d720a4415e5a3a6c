// Upgrading a database written by a build that knew schema steps 1-5, whose load profile is
// one row per channel value: step 6 packs those rows into one row per interval, and every
// value comes back as it was stored, per channel, with its own status.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "raw_sqlite.hpp"
#include "storage/sqlite/migrations.hpp"
#include "storage_test_support.hpp"

namespace jemhead::storage::testing {
namespace {

struct OldRow {
  std::int64_t meter;
  int profile;
  int channel;
  std::int64_t minutes;
  double value;
  std::uint32_t status;
};

std::vector<OldRow> old_rows() {
  std::vector<OldRow> rows;
  // Meter 7, profile 1: two full intervals with one status each...
  for (int c = 1; c <= 16; ++c) {
    rows.push_back({7, 1, c, 15, 15 * 100.0 + c, 0});
    rows.push_back({7, 1, c, 30, -(30 * 100.0 + c), interval_flag::power_outage});
  }
  // ...one with a few channels of different statuses, profile 2, and a second meter.
  rows.push_back({7, 1, 3, 45, 0.125, interval_flag::time_set});
  rows.push_back({7, 1, 1, 45, 1e300, 0});
  rows.push_back({7, 1, 16, 45, -2.5, interval_flag::dst_active});
  rows.push_back({7, 2, 2, 15, 42.0, interval_flag::billing_reset});
  rows.push_back({8, 1, 5, 15, 5.5, 0});
  return rows;
}

// A version-5 database made from the released steps' own SQL, holding `old_rows()`.
void write_version_5_database(const std::string& path) {
  RawDb db(path);
  db.exec(
      "CREATE TABLE schema_version (version INTEGER PRIMARY KEY,"
      " description TEXT NOT NULL, applied_at_us INTEGER NOT NULL)");
  for (const auto& step : sqlite::migrations()) {
    if (step.version > 5) break;
    db.exec(std::string(step.sql));
    db.exec("INSERT INTO schema_version VALUES (" + std::to_string(step.version) + ", 'old', 0)");
  }
  db.exec(
      "INSERT INTO meters(id, serial, created_at_us, updated_at_us) VALUES (7, 'OLD-7', 1, 1);"
      "INSERT INTO meters(id, serial, created_at_us, updated_at_us) VALUES (8, 'OLD-8', 1, 1);");
  std::string insert =
      "INSERT INTO load_profile(meter_id, profile, channel, interval_end_us, value, status)"
      " VALUES ";
  bool first = true;
  for (const auto& r : old_rows()) {
    if (!first) insert += ", ";
    first = false;
    char text[200];
    std::snprintf(text, sizeof text, "(%lld, %d, %d, %lld, %.17g, %u)",
                  static_cast<long long>(r.meter), r.profile, r.channel,
                  static_cast<long long>(to_unix_micros(minute(r.minutes))), r.value, r.status);
    insert += text;
  }
  db.exec(insert);
}

// The old rows of (meter, profile) in the order load_profile() returns: end, then channel.
std::vector<OldRow> expected(std::int64_t meter, int profile) {
  std::vector<OldRow> rows;
  for (const auto& r : old_rows())
    if (r.meter == meter && r.profile == profile) rows.push_back(r);
  std::sort(rows.begin(), rows.end(), [](const OldRow& a, const OldRow& b) {
    return a.minutes != b.minutes ? a.minutes < b.minutes : a.channel < b.channel;
  });
  return rows;
}

void expect_same(const std::vector<LoadProfileValue>& read, const std::vector<OldRow>& want) {
  ASSERT_EQ(read.size(), want.size());
  for (std::size_t i = 0; i < read.size(); ++i) {
    EXPECT_EQ(read[i].meter_id, want[i].meter) << i;
    EXPECT_EQ(read[i].profile, want[i].profile) << i;
    EXPECT_EQ(read[i].channel, want[i].channel) << i;
    EXPECT_EQ(read[i].interval_end, minute(want[i].minutes)) << i;
    EXPECT_EQ(read[i].value, want[i].value) << i;
    EXPECT_EQ(read[i].status, want[i].status) << i;
  }
}

TEST(StorageMigration6, PerValueLoadProfileRowsBecomeIntervalRowsWithEveryValueKept) {
  TempDir dir;
  SqliteOptions options;
  options.path = dir.file("v5.db");
  write_version_5_database(options.path);

  auto repo = open_sqlite(options);
  EXPECT_EQ(repo->schema_version(), 10);
  EXPECT_EQ(sqlite::latest_schema_version(), 10);
  expect_same(repo->load_profile(7, 1, {}), expected(7, 1));
  expect_same(repo->load_profile(7, 2, {}), expected(7, 2));
  expect_same(repo->load_profile(8, 1, {}), expected(8, 1));
  {
    RawDb raw(options.path);
    EXPECT_EQ(raw.scalar("SELECT COUNT(*) FROM load_profile_intervals"), 5);  // 3 + 1 + 1
    EXPECT_EQ(raw.scalar("SELECT COUNT(*) FROM sqlite_master WHERE name = 'load_profile'"), 0);
    // The mixed interval carries per-channel statuses and ORs them into its row status.
    EXPECT_EQ(raw.scalar("SELECT length(vals) FROM load_profile_intervals WHERE meter_id = 7"
                         " AND profile = 1 AND interval_end_us = " +
                         std::to_string(to_unix_micros(minute(45)))),
              2 + 12 * 3);
    EXPECT_EQ(raw.scalar("SELECT status FROM load_profile_intervals WHERE meter_id = 7"
                         " AND profile = 1 AND interval_end_us = " +
                         std::to_string(to_unix_micros(minute(45)))),
              interval_flag::time_set | interval_flag::dst_active);
  }

  // New writes merge with the migrated rows.
  LoadProfileValue v;
  v.meter_id = 7;
  v.channel = 2;
  v.interval_end = minute(45);
  v.value = 2.0;
  v.status = interval_flag::time_set;
  repo->upsert_load_profile(std::vector{v});
  TimeRange range;
  range.from = minute(45);
  auto merged = repo->load_profile(7, 1, range);
  ASSERT_EQ(merged.size(), 4u);
  EXPECT_EQ(merged[0].value, 1e300);
  EXPECT_EQ(merged[1].channel, 2);
  EXPECT_EQ(merged[1].value, 2.0);
  EXPECT_EQ(merged[2].value, 0.125);
  EXPECT_EQ(merged[3].status, interval_flag::dst_active);
  repo->close();

  // Reopening does not apply step 6 again; the meter cascade still reaches the intervals.
  auto reopened = open_sqlite(options);
  EXPECT_EQ(reopened->schema_version(), 10);
  EXPECT_EQ(reopened->load_profile(7, 1, {}).size(), expected(7, 1).size() + 1);
  ASSERT_TRUE(reopened->delete_meter(7));
  reopened->close();
  RawDb raw(options.path);
  EXPECT_EQ(raw.scalar("SELECT COUNT(*) FROM load_profile_intervals"), 1);
}

}  // namespace
}  // namespace jemhead::storage::testing
