// Opening, migrations, reopening, in-memory databases, concurrency of readers with the
// writer, and close().
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include "storage_test_support.hpp"

namespace jemhead::storage::testing {
namespace {

SqliteOptions file_options(const TempDir& dir, const std::string& name = "life.db") {
  SqliteOptions options;
  options.path = dir.file(name);
  return options;
}

// Runs SQL on the file directly, as another tool would, to prepare odd databases.
void raw_exec(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* error = nullptr;
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
  std::string message = error ? error : "";
  sqlite3_free(error);
  sqlite3_close(db);
  ASSERT_EQ(rc, SQLITE_OK) << message;
}

TEST(StorageLifecycle, NewDatabaseIsMigratedToTheLatestVersion) {
  TempDir dir;
  auto repo = open_sqlite(file_options(dir));
  EXPECT_EQ(repo->schema_version(), 10);
  EXPECT_TRUE(repo->ping());
}

TEST(StorageLifecycle, ReopeningAFileKeepsDataAndVersion) {
  TempDir dir;
  std::int64_t meter = 0;
  {
    auto repo = open_sqlite(file_options(dir));
    meter = repo->insert_meter(sample_meter("KEEP-1"));
    LoadProfileValue v;
    v.meter_id = meter;
    v.interval_end = minute(15);
    v.value = 7.25;
    std::vector<LoadProfileValue> values = {v};
    repo->upsert_load_profile(values);
    repo->close();
  }
  auto reopened = open_sqlite(file_options(dir));
  EXPECT_EQ(reopened->schema_version(), 10);
  auto m = reopened->find_meter(meter);
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->serial, "KEEP-1");
  EXPECT_EQ(m->options, sample_meter("KEEP-1").options);
  auto lp = reopened->load_profile(meter, 1, {});
  ASSERT_EQ(lp.size(), 1u);
  EXPECT_EQ(lp[0].value, 7.25);
  EXPECT_EQ(reopened->stats().transactions, 0u);  // counters are per open
}

TEST(StorageLifecycle, DatabaseFromANewerBuildIsRefusedWithAClearError) {
  TempDir dir;
  SqliteOptions options = file_options(dir);
  open_sqlite(options)->close();
  raw_exec(options.path,
           "INSERT INTO schema_version(version, description, applied_at_us)"
           " VALUES (99, 'from the future', 0)");
  try {
    open_sqlite(options);
    FAIL() << "expected StorageError";
  } catch (const StorageError& e) {
    std::string message = e.what();
    EXPECT_NE(message.find("99"), std::string::npos) << message;
    EXPECT_NE(message.find("newer"), std::string::npos) << message;
  }
}

TEST(StorageLifecycle, PartlyMigratedDatabaseIsCompleted) {
  TempDir dir;
  SqliteOptions options = file_options(dir);
  {
    auto repo = open_sqlite(options);
    repo->insert_meter(sample_meter("OLD"));
  }
  // Pretend steps 3 to 9 never ran (as after an upgrade from a build that knew steps 1-2).
  raw_exec(options.path,
           "DROP TABLE load_profile_intervals; CREATE TABLE load_profile (meter_id INTEGER,"
           " profile INTEGER, channel INTEGER, interval_end_us INTEGER, value REAL,"
           " status INTEGER, PRIMARY KEY (meter_id, profile, interval_end_us, channel))"
           " WITHOUT ROWID;"
           " DROP TABLE clock_readings; DROP TABLE load_profile_channels;"
           " DROP TABLE meter_health; ALTER TABLE meters DROP COLUMN schedules_json;"
           " ALTER TABLE meter_groups DROP COLUMN schedules_json;"
           " DROP TABLE checkpoints; DROP TABLE job_runs; DROP TABLE config_versions;"
           " DROP TABLE audit_log; DROP TABLE pqdif_series; DROP TABLE pqdif_observations;"
           " DROP TABLE pqdif_files;"
           " DROP TABLE webhook_deliveries; DROP TABLE webhook_subscriptions;"
           " DROP TABLE alarm_arrivals; DROP TABLE alarms; DROP TABLE alarm_messages;"
           " DROP TABLE config_template_versions; DROP TABLE config_overrides;"
           " DROP TABLE config_push_results; DROP TABLE config_pushes;"
           " DROP TABLE config_readbacks;"
           " CREATE TABLE alarms (id INTEGER PRIMARY KEY, meter_id INTEGER,"
           " alarm_type TEXT NOT NULL, event_time_us INTEGER NOT NULL,"
           " received_at_us INTEGER NOT NULL, channel TEXT NOT NULL DEFAULT '',"
           " fields_json TEXT NOT NULL DEFAULT '{}', raw TEXT NOT NULL DEFAULT '',"
           " acknowledged INTEGER NOT NULL DEFAULT 0, acknowledged_by TEXT NOT NULL DEFAULT '');"
           " DELETE FROM schema_version WHERE version >= 3;");
  auto repo = open_sqlite(options);
  EXPECT_EQ(repo->schema_version(), 10);
  std::int64_t meter = repo->find_meter_by_serial("OLD")->id;
  repo->set_checkpoint(meter, "lp1", "ok");
  EXPECT_EQ(repo->checkpoint(meter, "lp1"), "ok");
}

TEST(StorageLifecycle, NonDatabaseFileIsAStorageError) {
  TempDir dir;
  SqliteOptions options = file_options(dir, "garbage.db");
  {
    std::FILE* f = std::fopen(options.path.c_str(), "wb");
    ASSERT_NE(f, nullptr);
    std::fputs("this is not an SQLite database, just text that is long enough......", f);
    std::fclose(f);
  }
  EXPECT_THROW(open_sqlite(options), StorageError);
  SqliteOptions empty;
  empty.path = "";
  EXPECT_THROW(open_sqlite(empty), StorageError);
  SqliteOptions missing_dir;
  missing_dir.path = dir.file("no/such/dir/x.db");
  EXPECT_THROW(open_sqlite(missing_dir), StorageError);
}

TEST(StorageLifecycle, InMemoryDatabaseWorksWithTransactions) {
  SqliteOptions options;
  options.path = ":memory:";
  auto repo = open_sqlite(options);
  EXPECT_EQ(repo->schema_version(), 10);
  std::int64_t meter = repo->insert_meter(sample_meter("MEM-1"));
  repo->transact([&](Store& s) {
    s.set_checkpoint(meter, "lp1", "a");
    // Single-connection mode: the Repository's read sees the pending write.
    EXPECT_EQ(repo->checkpoint(meter, "lp1"), "a");
  });
  EXPECT_THROW(repo->transact([&](Store& s) {
    s.set_checkpoint(meter, "lp1", "b");
    throw std::runtime_error("undo");
  }),
               std::runtime_error);
  EXPECT_EQ(repo->checkpoint(meter, "lp1"), "a");
  EXPECT_EQ(repo->find_meter(meter)->serial, "MEM-1");

  // Two in-memory repositories are separate databases.
  auto other = open_sqlite(options);
  EXPECT_EQ(other->count_meters({}), 0);
}

TEST(StorageLifecycle, SynchronousFullOptionOpensAndWrites) {
  TempDir dir;
  SqliteOptions options = file_options(dir);
  options.synchronous_full = true;
  options.reader_connections = 1;
  auto repo = open_sqlite(options);
  std::int64_t id = repo->insert_meter(sample_meter("FULL"));
  EXPECT_EQ(repo->find_meter(id)->serial, "FULL");
}

// Readers run while the writer commits batches; each reader must only ever see whole
// batches (a multiple of the batch size) and never fewer rows than it saw before.
TEST(StorageLifecycle, ConcurrentReadersSeeWholeCommittedBatches) {
  TempDir dir;
  SqliteOptions options = file_options(dir);
  options.reader_connections = 3;
  auto repo = open_sqlite(options);
  std::int64_t meter = repo->insert_meter(sample_meter("CONC"));
  constexpr int kBatches = 200;
  constexpr int kBatchSize = 16 * 4;  // four intervals of 16 channels

  std::atomic<bool> writing{true};
  std::atomic<int> bad_reads{0};
  std::atomic<int> reads{0};
  auto reader = [&] {
    std::size_t last = 0;
    while (writing.load()) {
      std::size_t seen = repo->load_profile(meter, 1, {}).size();
      if (seen % kBatchSize != 0 || seen < last) ++bad_reads;
      last = seen;
      ++reads;
      EXPECT_TRUE(repo->find_meter(meter).has_value());
    }
  };
  std::vector<std::thread> readers;
  for (int i = 0; i < 4; ++i) readers.emplace_back(reader);  // one more thread than readers
  while (reads.load() < 4) std::this_thread::yield();        // readers are running before writes

  for (int batch = 0; batch < kBatches; ++batch) {
    std::vector<LoadProfileValue> values;
    for (int interval = 0; interval < 4; ++interval)
      for (int channel = 1; channel <= 16; ++channel) {
        LoadProfileValue v;
        v.meter_id = meter;
        v.channel = static_cast<std::uint16_t>(channel);
        v.interval_end = minute((batch * 4 + interval) * 15);
        v.value = batch;
        values.push_back(v);
      }
    repo->upsert_load_profile(values);
  }
  writing = false;
  for (auto& t : readers) t.join();

  EXPECT_EQ(bad_reads.load(), 0);
  EXPECT_GT(reads.load(), 0);
  EXPECT_EQ(repo->load_profile(meter, 1, {}).size(),
            static_cast<std::size_t>(kBatches * kBatchSize));
}

TEST(StorageLifecycle, CloseIsIdempotentAndLaterCallsThrow) {
  TempDir dir;
  SqliteOptions options = file_options(dir);
  auto repo = open_sqlite(options);
  std::int64_t meter = repo->insert_meter(sample_meter("CLOSE"));
  repo->close();
  repo->close();

  EXPECT_THROW(repo->find_meter(meter), StorageError);
  EXPECT_THROW(repo->insert_meter(sample_meter("AFTER")), StorageError);
  EXPECT_THROW(repo->transact([](Store&) {}), StorageError);
  EXPECT_THROW(repo->list_meters({}, {}), StorageError);
  EXPECT_THROW(repo->schema_version(), StorageError);
  EXPECT_THROW(repo->stats(), StorageError);
  EXPECT_THROW(repo->ping(), StorageError);
  // The last connection's close checkpointed the write-ahead log into the database.
  EXPECT_FALSE(std::filesystem::exists(options.path + "-wal"));
  EXPECT_EQ(open_sqlite(options)->find_meter(meter)->serial, "CLOSE");
}

TEST(StorageLifecycle, CloseWaitsForTheTransactionInFlight) {
  TempDir dir;
  SqliteOptions options = file_options(dir);
  auto repo = open_sqlite(options);
  std::atomic<bool> started{false};
  std::thread writer([&] {
    repo->transact([&](Store& s) {
      started = true;
      std::this_thread::sleep_for(std::chrono::milliseconds(150));
      s.insert_meter(sample_meter("LATE"));
    });
  });
  while (!started) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  repo->close();
  writer.join();
  EXPECT_TRUE(open_sqlite(options)->find_meter_by_serial("LATE").has_value());
}

TEST(StorageLifecycle, InMemoryCloseAlsoRefusesLaterCalls) {
  SqliteOptions options;
  options.path = ":memory:";
  auto repo = open_sqlite(options);
  repo->close();
  repo->close();
  EXPECT_THROW(repo->count_meters({}), StorageError);
  EXPECT_THROW(repo->set_checkpoint(1, "k", "v"), StorageError);
}

}  // namespace
}  // namespace jemhead::storage::testing
