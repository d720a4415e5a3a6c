// Upgrading a database written by a build that knew schema steps 1-8, whose `alarms` table
// is the step-2 placeholder: step 9 rebuilds it and every old row comes back, mapped onto
// the new columns, and new alarms are stored beside them.
#include <gtest/gtest.h>

#include "alarm_test_support.hpp"
#include "old_schema.hpp"

namespace jemhead::storage::testing {
namespace {

void write_version_8_database(const std::string& path) {
  RawDb db(path);
  apply_schema_steps(db, 8);
  db.exec(
      "INSERT INTO meters(id, serial, created_at_us, updated_at_us) VALUES (7, 'OLD-7', 1, 1);"
      "INSERT INTO alarms(id, meter_id, alarm_type, event_time_us, received_at_us, channel,"
      " fields_json, raw, acknowledged, acknowledged_by)"
      " VALUES (3, 7, 'SS', " +
      std::to_string(to_unix_micros(minute(5))) + ", " + std::to_string(to_unix_micros(minute(6))) +
      ", 'web', '{\"phase\":\"A\"}', 'POST /alarm ...', 1, 'ops');"
      "INSERT INTO alarms(id, meter_id, alarm_type, event_time_us, received_at_us, channel,"
      " raw) VALUES (4, NULL, 'XYZ', 10, 11, '', 'From: unknown');");
}

TEST(StorageMigration9, OldAlarmRowsAreKeptMappedOntoTheNewTable) {
  TempDir dir;
  SqliteOptions options;
  options.path = dir.file("v8.db");
  write_version_8_database(options.path);

  auto repo = open_sqlite(options);
  EXPECT_EQ(repo->schema_version(), 10);
  EXPECT_EQ(sqlite::latest_schema_version(), 10);
  EXPECT_EQ(repo->count_alarms({}), 2);

  const auto old = repo->find_alarm(3);
  ASSERT_TRUE(old.has_value());
  EXPECT_EQ(old->meter_id, 7);
  EXPECT_EQ(old->event_type, AlarmEventType::SS);
  EXPECT_EQ(old->event_type_text, "SS");
  EXPECT_EQ(old->event_time, minute(5));
  EXPECT_EQ(old->received_at, minute(6));
  EXPECT_EQ(old->channels, std::vector{AlarmChannel::web});
  EXPECT_EQ(old->arrivals, 1);
  EXPECT_EQ(old->first_message_id, 0);  // the old table kept no message
  EXPECT_EQ(old->fields_json, R"({"phase":"A"})");
  EXPECT_EQ(old->raw_json, "POST /alarm ...");
  EXPECT_TRUE(old->acknowledged);
  EXPECT_EQ(old->acknowledged_by, "ops");
  EXPECT_EQ(old->acknowledged_at, std::nullopt);
  EXPECT_TRUE(repo->alarm_message_ids(3).empty());

  const auto odd = repo->find_alarm(4);
  ASSERT_TRUE(odd.has_value());
  EXPECT_EQ(odd->meter_id, std::nullopt);
  EXPECT_EQ(odd->event_type, AlarmEventType::other);
  EXPECT_EQ(odd->event_type_text, "XYZ");
  EXPECT_TRUE(odd->channels.empty());
  EXPECT_EQ(odd->raw_json, "From: unknown");
  EXPECT_FALSE(odd->acknowledged);

  // A new arrival of the same event does not merge into a migrated row (their identity is
  // 'migrated:<id>'), and gets a new id.
  const auto e = sample_event(AlarmEventType::SS, minute(5), {});
  const auto message = repo->insert_alarm_message(sample_message(AlarmChannel::web, 7, {}));
  const auto upsert = repo->upsert_alarm(stored_from(e, 7, minute(7)), alarm_identity(7, "", e),
                                         AlarmChannel::web, message);
  EXPECT_TRUE(upsert.created);
  EXPECT_GT(upsert.id, 4);
  repo->close();

  // Reopening does not apply step 9 again; the old table's cascade is gone.
  auto reopened = open_sqlite(options);
  EXPECT_EQ(reopened->schema_version(), 10);
  EXPECT_EQ(reopened->count_alarms({}), 3);
  ASSERT_TRUE(reopened->delete_meter(7));
  EXPECT_EQ(reopened->count_alarms({}), 3);
  EXPECT_EQ(reopened->find_alarm(3)->meter_id, std::nullopt);
  reopened->close();
  RawDb raw(options.path);
  EXPECT_EQ(raw.scalar("SELECT COUNT(*) FROM sqlite_master WHERE name = 'alarms_v9'"), 0);
  EXPECT_EQ(raw.scalar("SELECT COUNT(*) FROM alarms WHERE identity = 'migrated:3'"), 1);
}

}  // namespace
}  // namespace jemhead::storage::testing
