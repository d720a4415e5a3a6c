// Upgrading a database written by a build that knew schema steps 1-3 (before the
// collection engine): the data stays, new columns take their defaults, the new table and
// indexes exist and work.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <set>
#include <string>

#include "storage/sqlite/migrations.hpp"
#include "storage_test_support.hpp"

namespace jemhead::storage::testing {
namespace {

// Runs SQL on the file directly, as the older build would have.
void exec_sql(sqlite3* db, const std::string& sql) {
  char* error = nullptr;
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
  std::string message = error ? error : "";
  sqlite3_free(error);
  ASSERT_EQ(rc, SQLITE_OK) << message;
}

// A version-3 database made from the released steps' own SQL, with a group, a meter in it,
// a finished job run and a checkpoint written the way the older build wrote them.
void write_version_3_database(const std::string& path) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  exec_sql(db,
           "CREATE TABLE schema_version (version INTEGER PRIMARY KEY,"
           " description TEXT NOT NULL, applied_at_us INTEGER NOT NULL)");
  for (const auto& step : sqlite::migrations()) {
    if (step.version > 3) break;
    exec_sql(db, std::string(step.sql));
    exec_sql(db,
             "INSERT INTO schema_version VALUES (" + std::to_string(step.version) + ", 'old', 0)");
  }
  exec_sql(db,
           "INSERT INTO meter_groups(id, name, created_at_us) VALUES (5, 'old-group', 1);"
           "INSERT INTO meters(id, serial, group_id, time_zone, created_at_us, updated_at_us)"
           " VALUES (9, 'OLD-9', 5, 'Europe/Berlin', 1, 1);"
           "INSERT INTO job_runs(id, meter_id, kind, started_at_us, finished_at_us, outcome,"
           " value_count, byte_count, error)"
           " VALUES (3, 9, 'read:registers', 1000, 2000, 'ok', 12, 345, '');"
           "INSERT INTO checkpoints VALUES (9, 'lp1', '2026-01-01T00:15:00Z', 1);");
  sqlite3_close(db);
}

std::set<std::string> index_names(const std::string& path, const std::string& table) {
  sqlite3* db = nullptr;
  std::set<std::string> names;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) return names;
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?", -1,
                     &stmt, nullptr);
  sqlite3_bind_text(stmt, 1, table.c_str(), -1, SQLITE_TRANSIENT);
  while (sqlite3_step(stmt) == SQLITE_ROW)
    names.insert(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return names;
}

TEST(StorageMigration4, VersionThreeDatabaseIsUpgradedKeepingItsData) {
  TempDir dir;
  SqliteOptions options;
  options.path = dir.file("v3.db");
  write_version_3_database(options.path);

  auto repo = open_sqlite(options);
  EXPECT_EQ(repo->schema_version(), 10);

  auto meter = repo->find_meter(9);
  ASSERT_TRUE(meter.has_value());
  EXPECT_EQ(meter->serial, "OLD-9");
  EXPECT_EQ(meter->schedules_json, "{}");
  auto group = repo->find_group(5);
  ASSERT_TRUE(group.has_value());
  EXPECT_EQ(group->name, "old-group");
  EXPECT_EQ(group->schedules_json, "{}");

  auto run = repo->find_job_run(3);
  ASSERT_TRUE(run.has_value());
  EXPECT_EQ(run->meter_id, 9);
  EXPECT_EQ(run->kind, "read:registers");
  EXPECT_EQ(run->outcome, "ok");
  EXPECT_EQ(run->values, 12);
  EXPECT_EQ(run->bytes, 345);
  EXPECT_EQ(run->finished_at, at_us(2000));
  EXPECT_EQ(run->trigger, "manual");  // runs before the engine were all API reads
  EXPECT_FALSE(run->nominal_at.has_value());
  EXPECT_EQ(run->profile, "");
  EXPECT_EQ(run->attempts, 0);
  EXPECT_EQ(run->error_type, "");
  EXPECT_EQ(run->results_json, "[]");
  auto manual = repo->job_runs(Where().meter(9).trigger("manual"), {});
  ASSERT_EQ(manual.size(), 1u);
  EXPECT_EQ(manual[0].id, 3);

  auto sources = repo->schedule_sources();
  ASSERT_EQ(sources.size(), 1u);
  EXPECT_EQ(sources[0].meter_id, 9);
  EXPECT_EQ(sources[0].group_id, 5);
  EXPECT_EQ(sources[0].time_zone, "Europe/Berlin");
  EXPECT_EQ(sources[0].meter_schedules_json, "{}");
  EXPECT_EQ(sources[0].group_schedules_json, "{}");
  ASSERT_EQ(repo->checkpoints_with_prefix("lp").size(), 1u);

  // The new table works and follows its meter.
  MeterHealth h;
  h.meter_id = 9;
  h.consecutive_failures = 2;
  h.healthy = false;
  repo->put_meter_health(h);
  EXPECT_EQ(repo->meter_health(9)->consecutive_failures, 2);
  repo->close();

  auto indexes = index_names(options.path, "job_runs");
  EXPECT_EQ(indexes.count("job_runs_by_meter_id"), 1u);
  EXPECT_EQ(indexes.count("job_runs_by_start"), 1u);
  EXPECT_EQ(indexes.count("job_runs_by_meter"), 0u);  // superseded by (meter_id, id)

  // Reopening does not apply step 4 again.
  auto reopened = open_sqlite(options);
  EXPECT_EQ(reopened->schema_version(), 10);
  ASSERT_TRUE(reopened->delete_meter(9));
  EXPECT_FALSE(reopened->meter_health(9).has_value());
  EXPECT_TRUE(reopened->list_meter_health().empty());
}

}  // namespace
}  // namespace jemhead::storage::testing
